"""Cover and poster backgrounds: genre palettes, gradients, light, silhouettes."""

from __future__ import annotations

import colorsys
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

RGB = tuple[int, int, int]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_BOLD_FONT = _FONT_DIR / "DejaVuSans-Bold.ttf"
_REGULAR_FONT = _FONT_DIR / "DejaVuSans.ttf"
_JPEG_QUALITY = 85
_WORK_SCALE = 2  # the background is composed at 1/2 of the final size, then scaled up once
_SOFT_SCALE = 4  # blurred light and shadows are drawn at 1/4 of the final size
_TEXT = (250, 246, 240)


@dataclass(frozen=True)
class Palette:
    top: RGB
    middle: RGB
    bottom: RGB
    glow: RGB  # the light in the shapes
    accent: RGB  # genre label, rules, "EP"


_PALETTES: dict[str, Palette] = {
    "romance": Palette(
        (122, 42, 84), (196, 84, 112), (44, 14, 38), (255, 178, 186), (255, 186, 196)
    ),
    "thriller": Palette((10, 48, 56), (16, 78, 84), (2, 8, 10), (120, 220, 214), (126, 226, 218)),
    "fantasy": Palette(
        (58, 28, 110), (112, 58, 150), (18, 8, 38), (255, 212, 120), (246, 204, 110)
    ),
    "comedy": Palette(
        (250, 176, 62), (236, 112, 52), (110, 36, 24), (255, 240, 170), (255, 226, 130)
    ),
    "revenge": Palette((112, 8, 22), (160, 18, 32), (10, 2, 4), (255, 120, 96), (240, 84, 84)),
    "billionaire": Palette(
        (14, 26, 62), (28, 50, 98), (4, 8, 20), (238, 200, 122), (232, 194, 116)
    ),
    "mystery": Palette((46, 60, 68), (40, 84, 74), (8, 14, 14), (168, 222, 184), (170, 220, 180)),
    "drama": Palette((150, 82, 30), (108, 56, 26), (28, 14, 8), (255, 204, 140), (250, 196, 130)),
}


def _hsv(hue: float, saturation: float, value: float) -> RGB:
    red, green, blue = colorsys.hsv_to_rgb(hue % 1.0, saturation, value)
    return (round(red * 255), round(green * 255), round(blue * 255))


def palette_for(genre: str, seed: int) -> Palette:
    """The genre's palette; an unknown genre gets a tasteful palette derived from the seed."""
    known = _PALETTES.get(genre.strip().lower())
    if known is not None:
        return known
    # Skip the muddy olive/khaki hues (about 0.10 to 0.25).
    hue = (0.25 + random.Random(seed ^ 0x5EED).random() * 0.85) % 1.0
    return Palette(
        top=_hsv(hue, 0.62, 0.44),
        middle=_hsv(hue + 0.04, 0.58, 0.62),
        bottom=_hsv(hue - 0.03, 0.70, 0.12),
        glow=_hsv(hue + 0.10, 0.30, 1.0),
        accent=_hsv(hue + 0.10, 0.35, 1.0),
    )


@lru_cache(maxsize=32)
def _font(bold: bool, size: int) -> Font:
    path = _BOLD_FONT if bold else _REGULAR_FONT
    try:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    except OSError:
        pass
    try:
        return ImageFont.load_default(size=size)
    except (OSError, TypeError, ImportError):  # pragma: no cover - Pillow without FreeType
        return ImageFont.load_default()


def _mix(first: RGB, second: RGB, amount: float) -> RGB:
    return (
        round(first[0] + (second[0] - first[0]) * amount),
        round(first[1] + (second[1] - first[1]) * amount),
        round(first[2] + (second[2] - first[2]) * amount),
    )


@dataclass(frozen=True)
class _Figure:
    """A head-and-shoulders silhouette in final-image pixels; `scale` is about a head height."""

    x: float
    head_top: float
    scale: float
    hair: str  # "short", "long" or "bun"
    facing: int  # -1 left, 1 right


def _silhouette(
    draw: ImageDraw.ImageDraw,
    figure: _Figure,
    bottom: float,
    fill: tuple[int, ...],
    factor: float,
    grow: float = 1.0,
) -> None:
    """Draw `figure` from ellipses on a layer `factor` times smaller than the final image."""
    unit = figure.scale * grow / factor
    x, top = figure.x / factor, figure.head_top / factor - (grow - 1) * unit * 0.6
    floor = bottom / factor + unit

    def box(left: float, upper: float, right: float, lower: float) -> tuple[float, ...]:
        return (x + left * unit, top + upper * unit, x + right * unit, top + lower * unit)

    if figure.hair == "long":
        draw.ellipse(box(-0.33, 0.12, 0.33, 1.28), fill=fill)
    elif figure.hair == "bun":
        offset = -0.16 * figure.facing
        draw.ellipse(box(offset - 0.17, -0.12, offset + 0.17, 0.22), fill=fill)
    draw.ellipse(box(-0.25, 0.0, 0.25, 0.64), fill=fill)
    draw.rectangle(box(-0.13, 0.5, 0.13, 0.9), fill=fill)
    draw.polygon(
        [
            (x - 0.15 * unit, top + 0.74 * unit),
            (x + 0.15 * unit, top + 0.74 * unit),
            (x + 0.8 * unit, top + 1.12 * unit),
            (x - 0.8 * unit, top + 1.12 * unit),
        ],
        fill=fill,
    )
    draw.rounded_rectangle(
        (x - 0.86 * unit, top + 0.93 * unit, x + 0.86 * unit, floor),
        radius=0.36 * unit,
        fill=fill,
    )


def _figures(size: tuple[int, int], rng: random.Random) -> list[_Figure]:
    """One figure, or a pair turned towards each other; the nearer one is larger."""
    width, height = size
    scale = min(width * (0.25 + rng.random() * 0.05), height * 0.2)
    head_top = height * (0.3 + rng.random() * 0.1)
    centre = width * (0.42 + rng.random() * 0.16)
    styles = ("short", "long", "bun")
    if rng.random() < 0.4:
        return [_Figure(centre, head_top, scale, rng.choice(styles), rng.choice((-1, 1)))]
    side = rng.choice((-1, 1))
    far = _Figure(
        centre - side * scale * 0.62, head_top - scale * 0.12, scale * 0.9, rng.choice(styles), side
    )
    near = _Figure(
        centre + side * scale * 0.55,
        head_top + scale * 0.08,
        scale * 1.04,
        rng.choice(styles),
        -side,
    )
    return [far, near]


def _gradient(size: tuple[int, int], palette: Palette, split: float) -> Image.Image:
    """A three-stop vertical gradient (RGBA), built as one column and stretched sideways."""
    height = size[1]
    column: list[RGB] = []
    for index in range(height):
        position = index / max(height - 1, 1)
        if position < split:
            column.append(_mix(palette.top, palette.middle, position / split))
        else:
            column.append(_mix(palette.middle, palette.bottom, (position - split) / (1 - split)))
    strip = Image.new("RGB", (1, height))
    strip.putdata(column)
    return strip.resize(size, Image.Resampling.NEAREST).convert("RGBA")


@lru_cache(maxsize=8)
def _vignette(size: tuple[int, int], start: float) -> Image.Image:
    """An L mask: darkening from `start` (fraction of height) to the bottom, plus soft edges."""
    width, height = size
    column = [
        0 if y < start else round(min(1.0, (y - start) / (1 - start)) ** 1.5 * 235)
        for y in (index / max(height - 1, 1) for index in range(height))
    ]
    strip = Image.new("L", (1, height))
    strip.putdata(column)
    bottom = strip.resize(size, Image.Resampling.NEAREST)
    small = (max(width // 2, 1), max(height // 2, 1))
    edges = Image.new("L", small, 130)
    margin_x, margin_y = small[0] * 0.10, small[1] * 0.06
    ImageDraw.Draw(edges).ellipse(
        (-margin_x, -margin_y, small[0] + margin_x, small[1] + margin_y), fill=0
    )
    edges = edges.filter(ImageFilter.GaussianBlur(small[0] * 0.10))
    return ImageChops.lighter(bottom, edges.resize(size, Image.Resampling.BILINEAR))


def _light(size: tuple[int, int], palette: Palette, rng: random.Random) -> Image.Image:
    """Beams, big soft orbs and bokeh on a transparent layer of `size` (already small)."""
    sw, sh = size
    light = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(light)
    origin_x = sw * (0.2 + rng.random() * 0.6)
    for _ in range(rng.randint(2, 4)):
        spread = sw * (0.08 + rng.random() * 0.16)
        target = sw * (rng.random() * 1.4 - 0.2)
        draw.polygon(
            [
                (origin_x - 2, -sh * 0.05),
                (origin_x + 2, -sh * 0.05),
                (target + spread, sh * 0.85),
                (target - spread, sh * 0.85),
            ],
            fill=(*palette.glow, rng.randint(22, 44)),
        )
    for _ in range(rng.randint(2, 3)):
        radius = sw * (0.25 + rng.random() * 0.3)
        cx, cy = sw * rng.random(), sh * (0.05 + rng.random() * 0.55)
        color = _mix(palette.glow, palette.middle, rng.random() * 0.5)
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), fill=(*color, rng.randint(50, 95))
        )
    light = light.filter(ImageFilter.GaussianBlur(sw * 0.07))

    bokeh = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(bokeh)
    for _ in range(rng.randint(8, 16)):
        radius = sw * (0.012 + rng.random() * 0.045)
        cx, cy = sw * rng.random(), sh * rng.random() * 0.7
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            fill=(*palette.glow, rng.randint(35, 105)),
        )
    light.alpha_composite(bokeh.filter(ImageFilter.BoxBlur(1)))
    return light


def _background(size: tuple[int, int], palette: Palette, rng: random.Random) -> Image.Image:
    """The full-size RGB backdrop: gradient, light, silhouettes with rim light, vignette."""
    width, height = size
    work = (max(width // _WORK_SCALE, 1), max(height // _WORK_SCALE, 1))
    soft = (max(width // _SOFT_SCALE, 1), max(height // _SOFT_SCALE, 1))
    image = _gradient(work, palette, split=0.30 + rng.random() * 0.2)

    light = _light(soft, palette, rng)
    figures = _figures(size, rng)
    rim = Image.new("RGBA", soft, (0, 0, 0, 0))
    rim_draw = ImageDraw.Draw(rim)
    for figure in figures:
        _silhouette(rim_draw, figure, height, (*palette.glow, 150), _SOFT_SCALE, grow=1.07)
    light.alpha_composite(rim.filter(ImageFilter.GaussianBlur(soft[0] * 0.03)))
    image.alpha_composite(light.resize(work, Image.Resampling.BILINEAR))

    people = Image.new("RGBA", work, (0, 0, 0, 0))
    people_draw = ImageDraw.Draw(people)
    shade = _mix(palette.bottom, (0, 0, 0), 0.6)
    for index, figure in enumerate(figures):
        tone = shade if index == len(figures) - 1 else _mix(shade, palette.middle, 0.12)
        _silhouette(people_draw, figure, height, (*tone, 245), _WORK_SCALE)
    image.alpha_composite(people.filter(ImageFilter.BoxBlur(1)))

    image.paste((0, 0, 0, 255), mask=_vignette(work, 0.42))
    return image.convert("RGB").resize(size, Image.Resampling.BICUBIC)
