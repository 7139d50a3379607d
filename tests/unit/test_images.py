"""Uploaded pictures are decoded, squared and re-encoded; anything else is refused clearly."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from microshort.integrations.images import MAX_UPLOAD_BYTES, ImageRejected, square_avatar


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 60)).save(out, "PNG")
    return out.getvalue()


def test_a_wide_picture_becomes_a_square_jpeg() -> None:
    result = Image.open(io.BytesIO(square_avatar(_png(800, 400))))
    assert result.format == "JPEG"
    assert result.size == (256, 256)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello, I am text pretending to be a picture", "not a picture we can read"),
        (_png(10, 10)[:40], "not a picture we can read"),
        (b"\x00" * (MAX_UPLOAD_BYTES + 1), "larger than 5 MB"),
    ],
)
def test_bad_uploads_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ImageRejected, match=message):
        square_avatar(data)


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # tiny file, 81 megapixels
    assert len(out.getvalue()) < MAX_UPLOAD_BYTES
    with pytest.raises(ImageRejected, match="too many pixels"):
        square_avatar(out.getvalue())
