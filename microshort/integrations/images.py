"""Uploaded pictures: checked by decoding (never by name) and re-encoded, so nothing the
visitor sent is ever served as-is."""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Callable

from PIL import Image, ImageFile, ImageOps, PngImagePlugin, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs well before Pillow's own limit
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
TOO_MANY_PIXELS = "That picture has too many pixels (at most 40 megapixels)."
UNREADABLE = "That file is not a picture we can read."

# A PNG's zTXt/iTXt chunks inflate on their own, outside the pixel limit: 50 KB can claim
# 50 MB of "comment". Pictures are re-encoded without their text, so allow very little of it
# (Pillow's defaults: 1 MB a chunk, 64 MB in all), and never decode a truncated file.
PngImagePlugin.MAX_TEXT_CHUNK = 256 * 1024
PngImagePlugin.MAX_TEXT_MEMORY = 1024 * 1024
ImageFile.LOAD_TRUNCATED_IMAGES = False
# What Pillow raises on a hostile or broken file: a text-chunk bomb is a ValueError, a broken
# chunk a SyntaxError or struct.error, a short file an OSError or EOFError.
_UNREADABLE_ERRORS = (UnidentifiedImageError, OSError, EOFError, SyntaxError, struct.error)


class ImageRejected(ValueError):
    """The message says what was wrong, for the person who uploaded it."""


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    if image.format not in ACCEPTED_FORMATS:
        raise ImageRejected("Use a JPEG, PNG, WebP or GIF picture.")
    if image.width * image.height > MAX_PIXELS:
        raise ImageRejected(TOO_MANY_PIXELS)
    image.load()
    return image


def _decoded(data: bytes, work: Callable[[Image.Image], bytes]) -> bytes:
    """work(the decoded picture), with anything Pillow raises on a hostile file (while
    decoding or later, e.g. a broken EXIF block) turned into a message for the uploader."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRejected(f"That picture is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return work(_open(data))
    except ImageRejected:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise ImageRejected(TOO_MANY_PIXELS) from error
    except ValueError as error:
        raise ImageRejected(
            "That picture is damaged or carries too much hidden data; export it again as a "
            "plain JPEG or PNG."
        ) from error
    except _UNREADABLE_ERRORS as error:
        raise ImageRejected(UNREADABLE) from error


def fitted_jpeg(data: bytes, width: int, height: int) -> bytes:
    """The picture centre-cropped to width x height as a JPEG (EXIF rotation applied, metadata
    dropped)."""

    def fit(image: Image.Image) -> bytes:
        upright = ImageOps.exif_transpose(image).convert("RGB")
        out = io.BytesIO()
        fitted = ImageOps.fit(upright, (width, height), Image.Resampling.LANCZOS)
        fitted.save(out, "JPEG", quality=88)
        return out.getvalue()

    return _decoded(data, fit)


def square_avatar(data: bytes, size: int = 256) -> bytes:
    return fitted_jpeg(data, size, size)


def series_cover(data: bytes) -> bytes:
    """The 2:3 card shape the catalogue shows."""
    return fitted_jpeg(data, 600, 900)
