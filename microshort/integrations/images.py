"""Uploaded pictures: checked by decoding (never by name) and re-encoded, so nothing the
visitor sent is ever served as-is."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs well before Pillow's own limit
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


class ImageRejected(ValueError):
    """The message says what was wrong, for the person who uploaded it."""


def _open(data: bytes) -> Image.Image:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRejected(f"That picture is larger than {MAX_UPLOAD_BYTES // 1_000_000} MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise ImageRejected("Use a JPEG, PNG, WebP or GIF picture.")
            if image.width * image.height > MAX_PIXELS:
                raise ImageRejected("That picture has too many pixels.")
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ) as error:
        raise ImageRejected("That file is not a picture we can read.") from error
    return image


def fitted_jpeg(data: bytes, width: int, height: int) -> bytes:
    """The picture centre-cropped to width x height as a JPEG (EXIF rotation applied, metadata
    dropped)."""
    image = ImageOps.exif_transpose(_open(data)).convert("RGB")
    out = io.BytesIO()
    ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS).save(out, "JPEG", quality=88)
    return out.getvalue()


def square_avatar(data: bytes, size: int = 256) -> bytes:
    return fitted_jpeg(data, size, size)


def series_cover(data: bytes) -> bytes:
    """The 2:3 card shape the catalogue shows."""
    return fitted_jpeg(data, 600, 900)
