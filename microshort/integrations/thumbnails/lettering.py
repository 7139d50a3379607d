"""Titles on covers and posters: wrapping, fitting, tracking, soft shadows."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from microshort.integrations.thumbnails.scene import _SOFT_SCALE, RGB, Font, _font


def _clean(text: str) -> str:
    """Collapse whitespace and drop emoji and joiners, which DejaVu cannot draw."""
    kept = "".join(
        char
        for char in text
        if ord(char) < 0x1F000 and not 0xFE00 <= ord(char) <= 0xFE0F and char != "\u200d"
    )
    return " ".join(kept.split())


def _wrap(text: str, font: Font, max_width: float, break_words: bool = False) -> list[str] | None:
    """Greedy word wrap. A word wider than `max_width` gives None, or is split if asked to."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > max_width:
            if not break_words:
                return None
            cut = len(current) - 1
            while cut > 1 and font.getlength(current[:cut] + "-") > max_width:
                cut -= 1
            lines.append(current[:cut] + "-")
            current = current[cut:]
    if current:
        lines.append(current)
    return lines


def _fit(
    text: str, max_width: float, max_lines: int, largest: int, smallest: int
) -> tuple[Font, list[str]]:
    """The largest bold font (stepping down) at which `text` wraps into `max_lines` lines."""
    size = largest
    while size >= smallest:
        font = _font(True, size)
        lines = _wrap(text, font, max_width)
        if lines is not None and len(lines) <= max_lines:
            return font, lines
        size -= max(2, size // 12)
    font = _font(True, smallest)
    lines = _wrap(text, font, max_width, break_words=True) or [text]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return font, [_ellipsize(line, font, max_width) for line in lines]


def _ellipsize(line: str, font: Font, max_width: float) -> str:
    if font.getlength(line) <= max_width:
        return line
    while line and font.getlength(line + "…") > max_width:
        line = line[:-1]
    return line.rstrip(" -") + "…"


def _line_height(font: Font, factor: float) -> int:
    if isinstance(font, ImageFont.FreeTypeFont):
        ascent, descent = font.getmetrics()
        return round((ascent + descent) * factor)
    box = font.getbbox("Ag")
    return round((box[3] - box[1]) * factor * 1.3)


def _cap_height(font: Font) -> int:
    box = font.getbbox("H", anchor="ls")
    return round(-box[1])


def _tracked_width(text: str, font: Font, tracking: float) -> float:
    return sum(font.getlength(char) for char in text) + tracking * max(len(text) - 1, 0)


def _draw_tracked(
    draw: ImageDraw.ImageDraw,
    left: float,
    baseline: float,
    text: str,
    font: Font,
    tracking: float,
    fill: RGB,
) -> None:
    """Letter-spaced text starting at `left` on `baseline`."""
    x = left
    for char in text:
        draw.text((x, baseline), char, font=font, fill=fill, anchor="ls")
        x += font.getlength(char) + tracking


_TextItem = tuple[tuple[float, float], str, Font, str]  # (xy, text, font, anchor)


def _shadowed(image: Image.Image, items: list[_TextItem], fill: RGB, strength: int) -> None:
    """Draw text items over a soft dark shadow, blurred at low resolution within their band."""
    width, height = image.size
    draw = ImageDraw.Draw(image)
    boxes = [draw.textbbox(xy, text, font=font, anchor=anchor) for xy, text, font, anchor in items]
    pad = max(8, height // 40)
    top = max(0, int(min(box[1] for box in boxes)) - pad)
    bottom = min(height, int(max(box[3] for box in boxes)) + pad * 2)
    if bottom - top >= _SOFT_SCALE * 2:
        band = Image.new("L", (width, bottom - top), 0)
        band_draw = ImageDraw.Draw(band)
        offset = max(2, height // 300)
        for (x, y), text, font, anchor in items:
            band_draw.text((x, y - top + offset), text, font=font, fill=strength, anchor=anchor)
        small = band.resize(
            (max(width // _SOFT_SCALE, 1), max(band.height // _SOFT_SCALE, 1)),
            Image.Resampling.BOX,
        ).filter(ImageFilter.GaussianBlur(max(1.5, height / 500)))
        mask = small.resize(band.size, Image.Resampling.BILINEAR)
        image.paste((0, 0, 0), (0, top), mask=mask)
        draw = ImageDraw.Draw(image)
    for xy, text, font, anchor in items:
        draw.text(xy, text, font=font, fill=fill, anchor=anchor)
