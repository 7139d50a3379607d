"""ffprobe/ffmpeg for the local pipeline: probe by decoding headers (never the file name),
transcode to a vertical fMP4 HLS ladder with keyframes on segment boundaries, grab a poster."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from microshort.integrations.video.base import LADDER, Rendition, VideoError
from microshort.integrations.video.formats import (
    VideoRejected,
    check_video_codec,
    container_of,
    input_options,
)

SEGMENT_SECONDS = 2
PROBE_TIMEOUT = 60


@dataclass(frozen=True)
class MediaInfo:
    duration_seconds: float
    width: int
    height: int
    has_audio: bool
    container: str  # the ffmpeg demuxer (formats.container_of), passed to every later run


def binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    if name == "ffmpeg":
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    raise VideoError(f"{name} is not installed (Debian package ffmpeg).")


def probe(path: Path) -> MediaInfo:
    container = container_of(path)  # before any ffmpeg run: refuses playlists and the like
    result = subprocess.run(
        [
            binary("ffprobe"),
            "-v",
            "error",
            *input_options(container),
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            "-i",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise VideoRejected("This file is not a video we can read.")
    data = json.loads(result.stdout or "{}")
    streams = data.get("streams", [])
    video = next(
        (
            s
            for s in streams
            if s.get("codec_type") == "video" and s.get("disposition", {}).get("attached_pic") != 1
        ),
        None,
    )
    if video is None:
        raise VideoRejected("This file has no video track.")
    check_video_codec(str(video.get("codec_name") or ""))
    duration = float(data.get("format", {}).get("duration") or video.get("duration") or 0)
    if duration <= 0.5:
        raise VideoRejected("This video is empty or too short.")
    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    rotation = _rotation(video)
    if rotation in (90, 270):
        width, height = height, width
    if width < 64 or height < 64:
        raise VideoRejected("This video is too small (under 64 pixels).")
    if not _decodes_at(path, container, max(0.0, duration - 1.0)):
        raise VideoRejected(
            "This video file is incomplete: it may have been cut off while "
            "copying. Export or copy it again."
        )
    has_audio = any(s.get("codec_type") == "audio" for s in streams)
    return MediaInfo(duration, width, height, has_audio, container)


def _decodes_at(path: Path, container: str, seconds: float) -> bool:
    """Headers can be intact while the data is cut off: decode one frame near the end."""
    result = subprocess.run(
        [
            binary("ffmpeg"),
            "-v",
            "quiet",
            "-nostdin",
            "-ss",
            f"{seconds:.2f}",
            *input_options(container),
            "-i",
            str(path),
            "-map",
            "0:v:0",
            "-frames:v",
            "1",
            "-f",
            "framemd5",
            "-",
        ],
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT,
        check=False,
    )
    return any(line.startswith("0,") for line in result.stdout.splitlines())


def _rotation(stream: dict[str, object]) -> int:
    for side in stream.get("side_data_list", []) or []:  # type: ignore[attr-defined]
        if isinstance(side, dict) and "rotation" in side:
            return abs(int(side["rotation"])) % 360
    return 0


def ladder_for(info: MediaInfo) -> list[Rendition]:
    """Rungs no taller than the source; a small source gets one rung at its own size."""
    rungs = [Rendition(width=w, height=h, bitrate=b) for h, w, b in LADDER if h <= info.height]
    if not rungs:
        even_w, even_h = info.width // 2 * 2, info.height // 2 * 2
        rungs = [Rendition(width=even_w, height=even_h, bitrate=LADDER[-1][2])]
    return rungs


def hls_command(source: Path, out_dir: Path, info: MediaInfo, rungs: list[Rendition]) -> list[str]:
    count = len(rungs)
    splits = "".join(f"[v{i}]" for i in range(count))
    scales = ";".join(
        f"[v{i}]scale={r.width}:{r.height}:force_original_aspect_ratio=decrease,"
        f"pad={r.width}:{r.height}:(ow-iw)/2:(oh-ih)/2,setsar=1[o{i}]"
        for i, r in enumerate(rungs)
    )
    command = [
        binary("ffmpeg"),
        "-hide_banner",
        "-nostdin",
        "-y",
        *input_options(info.container),
        "-i",
        str(source),
        "-filter_complex",
        f"[0:v]split={count}{splits};{scales}",
    ]
    for i, rung in enumerate(rungs):
        command += [
            "-map",
            f"[o{i}]",
            f"-c:v:{i}",
            "libx264",
            f"-b:v:{i}",
            str(rung.bitrate),
            f"-maxrate:v:{i}",
            str(int(rung.bitrate * 1.2)),
            f"-bufsize:v:{i}",
            str(rung.bitrate * 2),
        ]
        if info.has_audio:
            command += ["-map", "0:a:0"]
    if info.has_audio:
        command += ["-c:a", "aac", "-b:a", "128k", "-ac", "2"]
    streams = " ".join(f"v:{i},a:{i}" if info.has_audio else f"v:{i}" for i in range(count))
    command += [
        "-preset",
        "veryfast",
        "-profile:v",
        "high",
        "-pix_fmt",
        "yuv420p",
        "-force_key_frames",
        f"expr:gte(t,n_forced*{SEGMENT_SECONDS})",
        "-sc_threshold",
        "0",
        "-f",
        "hls",
        "-hls_time",
        str(SEGMENT_SECONDS),
        "-hls_playlist_type",
        "vod",
        "-hls_segment_type",
        "fmp4",
        "-hls_flags",
        "independent_segments",
        "-hls_segment_filename",
        str(out_dir / "%v" / "seg_%03d.m4s"),
        "-master_pl_name",
        "master.m3u8",
        "-var_stream_map",
        streams,
        "-progress",
        "pipe:1",
        "-nostats",
        str(out_dir / "%v" / "index.m3u8"),
    ]
    return command


def transcode(
    source: Path, out_dir: Path, info: MediaInfo, on_progress: Callable[[int], None] | None = None
) -> list[Rendition]:
    """Write master.m3u8 plus one folder per rung into out_dir; report whole percents."""
    rungs = ladder_for(info)
    out_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        hls_command(source, out_dir, info, rungs),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    last = -1
    for line in process.stdout:
        key, _, value = line.strip().partition("=")
        if key == "out_time_us" and value.isdigit() and on_progress:
            percent = min(99, int(int(value) / 1_000_000 / info.duration_seconds * 100))
            if percent > last:
                last = percent
                on_progress(percent)
    _out, errors = process.communicate()
    if process.returncode != 0:
        tail = (errors or "").strip().splitlines()[-1:] or ["unknown error"]
        raise VideoError(f"The video could not be converted ({tail[0][:200]}).")
    return rungs


def poster(source: Path, out_path: Path, at_seconds: float) -> None:
    result = subprocess.run(
        [
            binary("ffmpeg"),
            "-hide_banner",
            "-nostdin",
            "-y",
            "-ss",
            f"{at_seconds:.2f}",
            *input_options(container_of(source)),
            "-i",
            str(source),
            "-frames:v",
            "1",
            "-vf",
            "scale=-2:960",
            "-q:v",
            "3",
            str(out_path),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0 or not out_path.exists():
        raise VideoError("Could not take a poster frame from the video.")
