"""Time to the first video frame after navigating to a watch page, in Chromium on loopback.

    .venv/bin/python bench/first_frame.py --url http://localhost:3000 --episode 1 [--loads 10]

Uses the player's own mark (requestVideoFrameCallback, ms since navigation start). Run it
against `make run` (demo video ready). Prints one table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.player_probe import wait_until_playing


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:3000")
    parser.add_argument("--episode", type=int, default=1)
    parser.add_argument("--loads", type=int, default=10)
    args = parser.parse_args()
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
        )
        for _ in range(args.loads):
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            page.goto(f"{args.url}/watch/{args.episode}")
            snapshot = wait_until_playing(page, min_seconds=0.2)
            times.append(float(snapshot["firstFrameMs"]))
            context.close()
        browser.close()
    times.sort()
    print(f"{'loads':>5} {'median ms':>10} {'p90 ms':>8} {'min ms':>7} {'max ms':>7}")
    p90 = times[max(0, int(len(times) * 0.9) - 1)]
    print(
        f"{len(times):>5} {statistics.median(times):>10.0f} {p90:>8.0f} {times[0]:>7.0f} "
        f"{times[-1]:>7.0f}"
    )


if __name__ == "__main__":
    main()
