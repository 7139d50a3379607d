"""Local transcode time against the same raw ffmpeg command (no wrapper, no progress parsing).

    .venv/bin/python bench/transcode.py [--seconds 60] [--size 1080x1920]

Prints one table: wall seconds for each, and the ratio (target ≤ 1.05).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from microshort.integrations.video import ffmpeg
from tests.media import make_clip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="msbench-"))
    source = work / "source.mp4"
    width, height = (int(n) for n in args.size.split("x"))
    make_clip(source, seconds=args.seconds, width=width, height=height, crf=23)
    info = ffmpeg.probe(source)
    rungs = ffmpeg.ladder_for(info)
    ours, raw = [], []
    for run in range(args.runs):
        started = time.perf_counter()
        ffmpeg.transcode(source, work / f"ours-{run}", info, lambda _p: None)
        ours.append(time.perf_counter() - started)
        out = work / f"raw-{run}"
        out.mkdir()
        command = [
            part
            for part in ffmpeg.hls_command(source, out, info, rungs)
            if part not in {"-progress", "pipe:1"}
        ]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        raw.append(time.perf_counter() - started)
    shutil.rmtree(work)
    best_ours, best_raw = min(ours), min(raw)
    print(f"{'clip':>16} {'rungs':>5} {'raw ffmpeg s':>13} {'pipeline s':>11} {'ratio':>6}")
    print(
        f"{args.size + ' ' + str(args.seconds) + 's':>16} {len(rungs):>5} {best_raw:>13.1f} "
        f"{best_ours:>11.1f} {best_ours / best_raw:>6.3f}"
    )


if __name__ == "__main__":
    main()
