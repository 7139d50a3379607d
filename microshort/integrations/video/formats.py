"""The input formats we accept from creators, decided from the file's first bytes.

ffmpeg's own detection would take a text HLS playlist or a concat list as "video" and then
open whatever files it names (another creator's private segments): so the container is
recognised here first, from its magic bytes, and ffprobe/ffmpeg are told it explicitly, with
the file protocol only. Accepted: what phones and editors export (MP4/MOV/M4V/3GP, Matroska
and WebM, AVI, MPEG-TS). Never playlists, concat lists, image sequences or anything that
refers to other files.
"""

from __future__ import annotations

from pathlib import Path

from microshort.integrations.video.base import VideoError

NOT_ACCEPTED = "This file is not a video format we accept: export it as MP4, MOV, MKV or WebM."
# The video codecs phones, cameras and editors produce; anything else is refused by name.
VIDEO_CODECS = frozenset(
    {"h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "mpeg2video", "prores", "dnxhd", "mjpeg"}
)
_QUICKTIME_ATOMS = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")
_TS_PACKET, _M2TS_PACKET = 188, 192
_SNIFF_BYTES = 3 * _M2TS_PACKET


class VideoRejected(VideoError):
    """The upload is not a usable video; the message is for the creator."""


def _is_transport_stream(head: bytes) -> bool:
    for offset, size in ((0, _TS_PACKET), (4, _M2TS_PACKET)):  # .ts, and .m2ts/.mts (cameras)
        if len(head) > offset + 2 * size and all(head[offset + n * size] == 0x47 for n in range(3)):
            return True
    return False


def container_of(path: Path) -> str:
    """The ffmpeg demuxer for this file (mov, matroska, avi or mpegts), or VideoRejected."""
    with path.open("rb") as file:
        head = file.read(_SNIFF_BYTES)
    if head[4:8] in _QUICKTIME_ATOMS:
        return "mov"  # also MP4, M4V, 3GP
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "matroska"  # also WebM
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if _is_transport_stream(head):
        return "mpegts"
    raise VideoRejected(NOT_ACCEPTED)


def input_options(container: str) -> list[str]:
    """Put before `-i`: the demuxer named (no guessing), local files only, and for QuickTime
    no data references to other files."""
    options = ["-protocol_whitelist", "file", "-f", container]
    if container == "mov":
        options += ["-enable_drefs", "0"]
    return options


def check_video_codec(codec: str) -> None:
    if codec not in VIDEO_CODECS:
        raise VideoRejected(
            f"This video's codec ({codec or 'unknown'}) is not one we accept: export it as "
            "H.264, HEVC, VP9 or AV1."
        )
