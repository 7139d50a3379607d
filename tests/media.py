"""Real test clips made with ffmpeg (vertical, with sound)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def make_clip(
    path: Path, *, seconds: float = 4, width: int = 720, height: int = 1280, crf: int = 32
) -> Path:
    """A test pattern with a tone; crf 32 keeps test files small, 23 looks like real footage."""
    subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size={width}x{height}:rate=30",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=330",
            "-t",
            str(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            str(crf),
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-movflags",
            "+faststart",
            str(path),
        ],
        check=True,
        timeout=120,
    )
    return path
