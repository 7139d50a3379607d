"""Start-up time of `python -m microshort run`: first start (empty data folder) and a restart.

Measures, for each start, the seconds until /api/health answers and until Chromium shows the
home page with the demo catalogue, and how long a clean stop takes. Prints one table.

    .venv/bin/python bench/startup.py [--port 3900]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]


def _wait_health(url: str, process: subprocess.Popen[bytes], timeout: float = 900) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the app exited during start-up")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise SystemExit("the app did not start in time")


def _home_visible(base_url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.goto(base_url)
        page.get_by_role("heading", name="New releases").wait_for(timeout=60_000)
        browser.close()


def measure(data_dir: Path, port: int, log: Path) -> tuple[float, float, float]:
    env = {**os.environ, "MICROSHORT_DATA_DIR": str(data_dir), "MICROSHORT_PORT": str(port)}
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "microshort", "run"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    _wait_health(f"{base_url}/api/health", process)
    healthy = time.perf_counter() - started
    _home_visible(base_url)
    usable = time.perf_counter() - started
    stop_started = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    process.wait(120)
    return healthy, usable, time.perf_counter() - stop_started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=3900)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="msb-", dir="/tmp")) / "data"
    log = data_dir.parent / "app.log"
    rows = [
        ("first start (empty data folder)", *measure(data_dir, args.port, log)),
        ("second start (same data folder)", *measure(data_dir, args.port, log)),
    ]
    print(f"{'run':34} {'health (s)':>11} {'home shown (s)':>15} {'clean stop (s)':>15}")
    for name, healthy, usable, stop in rows:
        print(f"{name:34} {healthy:11.1f} {usable:15.1f} {stop:15.1f}")
    print(f"log: {log}")


if __name__ == "__main__":
    main()
