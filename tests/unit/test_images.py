"""Uploaded pictures are decoded, squared and re-encoded; anything else is refused clearly."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from microshort.integrations.images import (
    MAX_UPLOAD_BYTES,
    ImageRejected,
    series_cover,
    square_avatar,
)


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


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _with_chunk(png: bytes, chunk: bytes, *, after_pixels: bool) -> bytes:
    """The chunk after the header (read at open) or just before IEND (read at load)."""
    return png[:-12] + chunk + png[-12:] if after_pixels else png[:33] + chunk + png[33:]


BOMB = zlib.compress(b"\0" * (50 * 1024 * 1024), 9)  # ~50 KB that inflate to 50 MB


@pytest.mark.parametrize("after_pixels", [False, True])
@pytest.mark.parametrize(
    "chunk",
    [_chunk(b"zTXt", b"Comment\0\0" + BOMB), _chunk(b"iTXt", b"Comment\0\1\0\0\0" + BOMB)],
    ids=["zTXt", "iTXt"],
)
def test_a_text_chunk_bomb_is_refused_with_a_message(chunk: bytes, after_pixels: bool) -> None:
    bomb = _with_chunk(_png(600, 900), chunk, after_pixels=after_pixels)
    assert len(bomb) < MAX_UPLOAD_BYTES
    with pytest.raises(ImageRejected, match="too much hidden data"):
        series_cover(bomb)


def test_many_small_text_chunks_are_refused_too() -> None:
    text = zlib.compress(b"a" * 200_000, 9)
    chunks = b"".join(_chunk(b"zTXt", b"k%d\0\0" % n + text) for n in range(20))
    with pytest.raises(ImageRejected, match="too much hidden data"):
        series_cover(_with_chunk(_png(60, 90), chunks, after_pixels=False))


def test_a_header_claiming_a_billion_pixels_is_refused() -> None:
    png = _png(10, 10)
    header = struct.pack(">IIBBBBB", 40_000, 30_000, 8, 2, 0, 0, 0)
    huge = png[:8] + _chunk(b"IHDR", header) + png[33:]
    with pytest.raises(ImageRejected, match="too many pixels"):
        series_cover(huge)


def test_truncated_pixels_are_not_decoded() -> None:
    jpeg = io.BytesIO()
    Image.effect_noise((600, 900), 80).convert("RGB").save(jpeg, "JPEG")
    with pytest.raises(ImageRejected, match="not a picture we can read"):
        series_cover(jpeg.getvalue()[: len(jpeg.getvalue()) // 2])
