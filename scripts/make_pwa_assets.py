"""Draw the app's icons into assets/ (served at the site's root): the home-screen icons
(192/512, "any" and maskable), the apple-touch-icon and /favicon.ico. The brand mark of the top
bar (microshort/ui/components/layout.py): a white play triangle on the accent.

Run it again after a colour change in microshort/ui/styles/tokens.py and commit the files:
    .venv/bin/python scripts/make_pwa_assets.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from microshort.ui.styles import tokens  # noqa: E402

ICONS = ROOT / "assets" / "icons"
SUPERSAMPLE = 4  # drawn large and scaled down: smooth edges without an anti-aliasing API


def _mark(size: int, *, maskable: bool) -> Image.Image:
    """The accent square with the play triangle. A maskable icon fills its whole square (the
    launcher cuts its own shape) and keeps the triangle inside the central 80 % safe zone; an
    "any" icon has its own rounded corners on a transparent ground."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=tokens.ACCENT_SOLID)
    else:
        draw.rounded_rectangle(
            (0, 0, big - 1, big - 1), radius=big // 4.5, fill=tokens.ACCENT_SOLID
        )
    # The triangle's width is 34 % of the icon (inside the maskable safe circle), nudged right so
    # it looks centred.
    half = big * (0.20 if maskable else 0.24)
    cx, cy = big / 2 + half * 0.18, big / 2
    draw.polygon(
        [(cx - half * 0.85, cy - half), (cx - half * 0.85, cy + half), (cx + half, cy)],
        fill="white",
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        _mark(size, maskable=False).save(ICONS / f"icon-{size}.png", optimize=True)
        _mark(size, maskable=True).save(ICONS / f"maskable-{size}.png", optimize=True)
    # iOS rounds the corners itself and shows transparency as black: a full square.
    _mark(180, maskable=True).convert("RGB").save(ICONS / "apple-touch-icon.png", optimize=True)
    _mark(48, maskable=False).save(
        ROOT / "assets" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)]
    )
    print(f"wrote the icons into {ICONS} and assets/favicon.ico")


if __name__ == "__main__":
    main()
