"""Drama-poster artwork drawn locally with Pillow, deterministic for a given seed.

Covers (2:3) and episode title cards (9:16) share one visual language: a genre-tinted vertical
gradient, soft abstract light (blurred orbs, beams, bokeh), ellipse-built silhouettes with rim
glow, a dark vignette at the bottom and bold white type. Soft layers are drawn at a fraction of
the final size, blurred there and scaled up, which keeps a render well under 60 ms.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

from microshort.integrations.thumbnails.lettering import (
    _cap_height,
    _clean,
    _draw_tracked,
    _ellipsize,
    _fit,
    _line_height,
    _shadowed,
    _TextItem,
    _tracked_width,
)
from microshort.integrations.thumbnails.scene import (
    _JPEG_QUALITY,
    _TEXT,
    _background,
    _font,
    palette_for,
)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=_JPEG_QUALITY)
    return buffer.getvalue()


def render_cover(
    *, title: str, genre: str, seed: int, width: int = 600, height: int = 900
) -> bytes:
    """A 2:3 drama-poster cover as JPEG bytes; the same arguments give the same image."""
    rng = random.Random(seed)
    palette = palette_for(genre, seed)
    image = _background((width, height), palette, rng)
    draw = ImageDraw.Draw(image)
    margin = width * 0.08

    # Genre label: small, letter-spaced, between two short rules, at the bottom.
    label_font = _font(True, max(10, round(width * 0.031)))
    label = _clean(genre).upper() or "DRAMA"
    tracking = width * 0.01
    label_width = _tracked_width(label, label_font, tracking)
    baseline = height - margin
    _draw_tracked(
        draw, (width - label_width) / 2, baseline, label, label_font, tracking, palette.accent
    )
    rule_y = baseline - _cap_height(label_font) / 2
    gap, rule = width * 0.03, width * 0.07
    for sign in (-1, 1):
        start = width / 2 + sign * (label_width / 2 + gap)
        draw.line(
            (start, rule_y, start + sign * rule, rule_y),
            fill=palette.accent,
            width=max(1, width // 300),
        )

    # Title: as large as fits in four lines, stacked upwards from above the label.
    text = _clean(title).upper() or "UNTITLED"
    font, lines = _fit(text, width - 2 * margin, 4, round(width * 0.13), round(width * 0.05))
    line_height = _line_height(font, 0.98)
    last_baseline = baseline - _cap_height(label_font) - height * 0.05
    first_baseline = last_baseline - line_height * (len(lines) - 1)
    items: list[_TextItem] = [
        ((width / 2, first_baseline + index * line_height), line, font, "ms")
        for index, line in enumerate(lines)
    ]
    _shadowed(image, items, _TEXT, 210)
    return _jpeg(image)


def render_title_card(
    *,
    series_title: str,
    episode_number: int,
    episode_title: str,
    genre: str,
    seed: int,
    width: int = 540,
    height: int = 960,
) -> bytes:
    """A 9:16 episode poster frame ("EP 7", the episode title, the series title) as JPEG bytes."""
    rng = random.Random(seed)
    palette = palette_for(genre, seed)
    image = _background((width, height), palette, rng)
    draw = ImageDraw.Draw(image)
    margin = width * 0.09

    # Series title, small and letter-spaced, at the top.
    series_font = _font(True, max(10, round(width * 0.03)))
    tracking = width * 0.006
    series_text = _ellipsize(_clean(series_title).upper(), series_font, (width - 2 * margin) * 0.85)
    series_width = _tracked_width(series_text, series_font, tracking)
    _draw_tracked(
        draw,
        (width - series_width) / 2,
        margin + _cap_height(series_font),
        series_text,
        series_font,
        tracking,
        _TEXT,
    )

    # Episode title: up to three lines at the bottom.
    title = _clean(episode_title) or f"Episode {episode_number}"
    title_font, lines = _fit(
        title, width - 2 * margin, 3, round(width * 0.085), round(width * 0.045)
    )
    line_height = _line_height(title_font, 1.05)
    last_baseline = height - margin * 1.2
    first_baseline = last_baseline - line_height * (len(lines) - 1)
    items: list[_TextItem] = [
        ((width / 2, first_baseline + index * line_height), line, title_font, "ms")
        for index, line in enumerate(lines)
    ]

    # A short accent rule, and above it "EP" in the accent colour beside a huge number.
    rule_y = first_baseline - _cap_height(title_font) - height * 0.035
    draw.line(
        (width / 2 - width * 0.06, rule_y, width / 2 + width * 0.06, rule_y),
        fill=palette.accent,
        width=max(2, width // 180),
    )
    number = str(max(episode_number, 0))
    number_font = _font(True, round(width * (0.36 if len(number) < 3 else 0.27)))
    ep_font = _font(True, round(width * 0.075))
    ep_tracking = width * 0.008
    ep_width = _tracked_width("EP", ep_font, ep_tracking)
    gap = width * 0.035
    number_width = number_font.getlength(number)
    left = (width - (ep_width + gap + number_width)) / 2
    number_baseline = rule_y - height * 0.035
    _draw_tracked(draw, left, number_baseline, "EP", ep_font, ep_tracking, palette.accent)
    items.append(((left + ep_width + gap, number_baseline), number, number_font, "ls"))
    _shadowed(image, items, _TEXT, 200)
    return _jpeg(image)
