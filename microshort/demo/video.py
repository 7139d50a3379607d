"""Playable demo video: three generated vertical clips, transcoded by the local pipeline once
and cached outside the data folder, so later fresh starts only copy files."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from microshort.integrations.video import ffmpeg
from microshort.integrations.video.base import Rendition

CLIP_SECONDS = 62
CACHE_VERSION = "v1"
_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class Variant:
    top: str
    bottom: str
    tone_hz: int


VARIANTS = (
    Variant("0x3a0d2e", "0xb3124e", 220),
    Variant("0x0b2a3a", "0x1f7a8c", 262),
    Variant("0x2b1a05", "0xc8702a", 330),
)


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "microshort" / "demo-video" / CACHE_VERSION


def _generate_source(variant: Variant, path: Path) -> None:
    text = (
        (
            f"drawtext=fontfile={_FONT}:text='MicroShort':fontcolor=white:fontsize=64:"
            "x=(w-tw)/2:y=h*0.42,"
            f"drawtext=fontfile={_FONT}:text='%{{pts\\:hms}}':fontcolor=white@0.8:fontsize=40:"
            "x=(w-tw)/2:y=h*0.52"
        )
        if Path(_FONT).exists()
        else "null"
    )
    subprocess.run(
        [
            ffmpeg.binary("ffmpeg"),
            "-hide_banner",
            "-loglevel",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"gradients=size=720x1280:rate=30:speed=0.01:c0={variant.top}:"
            f"c1={variant.bottom}:duration={CLIP_SECONDS}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency={variant.tone_hz}:duration={CLIP_SECONDS}",
            "-vf",
            text,
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ],
        check=True,
        timeout=600,
    )


def cached_clip(index: int) -> tuple[Path, list[Rendition], float]:
    """The clip's HLS folder (master.m3u8, rungs, poster.jpg), made on first use."""
    variant = VARIANTS[index % len(VARIANTS)]
    folder = cache_root() / f"clip-{index % len(VARIANTS)}"
    if not (folder / "master.m3u8").exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder.parent) as work:
            source = Path(work) / "source.mp4"
            _generate_source(variant, source)
            info = ffmpeg.probe(source)
            ffmpeg.transcode(source, Path(work) / "hls", info)
            ffmpeg.poster(source, Path(work) / "hls" / "poster.jpg", 1.0)
            shutil.rmtree(folder, ignore_errors=True)
            (Path(work) / "hls").rename(folder)  # atomic: a half-made clip is never cached
    renditions = ffmpeg.ladder_for(ffmpeg.MediaInfo(CLIP_SECONDS, 720, 1280, True, "mov"))
    return folder, renditions, float(CLIP_SECONDS)
