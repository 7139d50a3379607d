"""1200x630 link-preview pictures (Open Graph / Twitter cards) drawn with Pillow.

The series' cover (or the episode's poster) sits on the left over a blurred, darkened copy of
itself; the title is lettered on the right with a small kicker line above it and the brand
below. Without artwork the background is the genre palette alone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from microshort.integrations.thumbnails.lettering import (
    _clean,
    _ellipsize,
    _fit,
    _line_height,
    _shadowed,
    _TextItem,
)
from microshort.integrations.thumbnails.scene import _TEXT, _font, palette_for

WIDTH, HEIGHT = 1200, 630
_MARGIN = 56
_BRAND = "MicroShort"
_JPEG_QUALITY = 86


@dataclass(frozen=True)
class PreviewCard:
    title: str
    kicker: str  # "ROMANCE · 24 EPISODES" or "EPISODE 4 · LOVE IN THE RAIN"
    footer: str  # "First episodes free"
    genre: str
    seed: int
    artwork: bytes | None = None  # the cover (2:3) or poster (9:16), any size


def _open_artwork(data: bytes | None) -> Image.Image | None:
    if not data:
        return None
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, ValueError):
        return None
    return image.convert("RGB")


def _background(card: PreviewCard, artwork: Image.Image | None) -> Image.Image:
    palette = palette_for(card.genre, card.seed)
    if artwork is None:
        base = Image.new("RGB", (1, 2))
        base.putpixel((0, 0), palette.top)
        base.putpixel((0, 1), palette.bottom)
        return base.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
    small = ImageOps.fit(artwork, (WIDTH // 8, HEIGHT // 8), Image.Resampling.BOX)
    blurred = small.filter(ImageFilter.GaussianBlur(3)).resize(
        (WIDTH, HEIGHT), Image.Resampling.BILINEAR
    )
    return Image.blend(blurred, Image.new("RGB", (WIDTH, HEIGHT), (8, 6, 10)), 0.55)


def render_preview(card: PreviewCard) -> bytes:
    """The preview picture as JPEG bytes; the same card gives the same picture."""
    artwork = _open_artwork(card.artwork)
    image = _background(card, artwork)
    text_left = _MARGIN
    if artwork is not None:
        art_height = HEIGHT - 2 * _MARGIN
        art_width = min(round(art_height * artwork.width / artwork.height), WIDTH // 2)
        framed = ImageOps.fit(artwork, (art_width, art_height), Image.Resampling.LANCZOS)
        image.paste(framed, (_MARGIN, _MARGIN))
        text_left = _MARGIN * 2 + art_width
    draw = ImageDraw.Draw(image)
    text_width = WIDTH - text_left - _MARGIN
    accent = palette_for(card.genre, card.seed).accent

    kicker_font = _font(True, 26)
    kicker = _ellipsize(_clean(card.kicker).upper(), kicker_font, text_width)
    title = _clean(card.title) or "MicroShort"
    title_font, lines = _fit(title, text_width, 4, 84, 40)
    line_height = _line_height(title_font, 1.02)
    block = 48 + line_height * len(lines)
    top = (HEIGHT - block) / 2 - 20
    draw.text((text_left, top), kicker, font=kicker_font, fill=accent, anchor="ls")
    items: list[_TextItem] = [
        (
            (text_left, top + 48 + line_height * (index + 1) - line_height * 0.25),
            line,
            title_font,
            "ls",
        )
        for index, line in enumerate(lines)
    ]
    _shadowed(image, items, _TEXT, 180)

    draw = ImageDraw.Draw(image)
    brand_font, footer_font = _font(True, 34), _font(False, 24)
    baseline = HEIGHT - _MARGIN
    draw.text((text_left, baseline), _BRAND, font=brand_font, fill=_TEXT, anchor="ls")
    brand_end = text_left + brand_font.getlength(_BRAND) + 18
    footer = _ellipsize(_clean(card.footer), footer_font, WIDTH - _MARGIN - brand_end)
    draw.text((brand_end, baseline), footer, font=footer_font, fill=(210, 204, 200), anchor="ls")
    draw.rectangle((text_left, top - 52, text_left + 64, top - 46), fill=accent)

    out = io.BytesIO()
    image.save(out, "JPEG", quality=_JPEG_QUALITY, optimize=True)
    return out.getvalue()
