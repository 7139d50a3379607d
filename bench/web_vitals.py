"""Web vitals of the public pages: Lighthouse (mobile) and the watch page's first video frame.

    .venv/bin/python bench/web_vitals.py [--runs 5] [--lighthouse PATH] [--database-url URL]

Starts its own app (`python -m microshort run`, as the e2e tests do) on a fresh database created
on TEST_DATABASE_URL's server (or --database-url's), waits for the demo videos, then:
- Lighthouse 12.8 with its default mobile settings (simulated slow 4G, 4x CPU) on home, series
  and watch, `--runs` times each (median), and once on the other public pages (creator, genre,
  search, log-in, sign-up) for accessibility and best practices;
- the watch page's first frame in Chromium on loopback with 4x CPU slowdown (CDP
  Emulation.setCPUThrottlingRate), phone viewport, `--runs` fresh contexts (median): the
  player's own requestVideoFrameCallback mark, in ms since navigation start.
Prints one table, then stops the app and drops the database.

Lighthouse: `npm i --prefix /work/perf-lh lighthouse@12.8.2` (or any folder; pass --lighthouse
or set LIGHTHOUSE). Chromium: CHROME_PATH, default /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import start_app
from tests.e2e.player_probe import wait_until_playing

ROOT = Path(__file__).resolve().parents[1]
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE_CANDIDATES = [
    os.environ.get("LIGHTHOUSE", ""),
    str(ROOT / ".tools" / "node_modules" / ".bin" / "lighthouse"),
    "/work/perf-lh/node_modules/.bin/lighthouse",
]
CATEGORIES = "performance,accessibility,best-practices"


def _lighthouse_bin(given: str | None) -> str:
    for candidate in [given or "", *LIGHTHOUSE_CANDIDATES]:
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit("Lighthouse not found: npm i --prefix <folder> lighthouse@12.8.2")


def lighthouse(binary: str, url: str, out_dir: Path) -> dict[str, float]:
    """One mobile Lighthouse run: category scores (0-100) and LCP/FCP/TBT in ms."""
    report = out_dir / f"lh-{secrets.token_hex(4)}.json"
    command = [
        binary,
        url,
        f"--only-categories={CATEGORIES}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    environment = {**os.environ, "CHROME_PATH": CHROME}
    # Lighthouse now and then fails to record the trace (NO_NAVSTART): one more try.
    if subprocess.run(command, env=environment, timeout=300).returncode != 0:
        subprocess.run(command, check=True, env=environment, timeout=300)
    data = json.loads(report.read_text())
    cats, audits = data["categories"], data["audits"]

    def score(name: str) -> float:
        value = cats[name]["score"]
        return round(100 * value) if value is not None else float("nan")

    return {
        "perf": score("performance"),
        "a11y": score("accessibility"),
        "bp": score("best-practices"),
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
    }


def first_frames(url: str, runs: int) -> list[float]:
    """The watch page's first frame (ms since navigation) with 4x CPU slowdown, fresh contexts."""
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROME,
            args=["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required"],
        )
        for _ in range(runs):
            context = browser.new_context(
                viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
            )
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.goto(url)
            times.append(float(wait_until_playing(page, min_seconds=0.2)["firstFrameMs"]))
            context.close()
        browser.close()
    return times


def _pages(database_url: str, base: str) -> dict[str, str]:
    """One URL per public page type, from the demo catalogue."""
    with psycopg.connect(database_url) as conn:
        slug, creator, genre = conn.execute(
            "SELECT s.slug, c.slug, s.genre FROM series s JOIN creator_profiles c "
            "ON c.id = s.creator_id WHERE s.status = 'published' "
            "ORDER BY s.featured_rank NULLS LAST, s.id LIMIT 1"
        ).fetchone() or ("", "", "")
        episode = conn.execute(
            "SELECT e.id FROM episodes e JOIN seasons se ON se.id = e.season_id "
            "JOIN series s ON s.id = se.series_id WHERE s.slug = %s AND e.status = 'published' "
            "ORDER BY se.number, e.number LIMIT 1",
            (slug,),
        ).fetchone()
    return {
        "home": f"{base}/",
        "series": f"{base}/series/{slug}",
        "watch": f"{base}/watch/{episode[0] if episode else 0}",
        "creator": f"{base}/creators/{creator}",
        "genre": f"{base}/genres/{str(genre).lower()}",
        "search": f"{base}/search",
        "login": f"{base}/login",
        "signup": f"{base}/signup",
    }


def _median(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--other-runs", type=int, default=1)
    parser.add_argument("--lighthouse", default=None)
    parser.add_argument("--first-frame-only", action="store_true", help="skip Lighthouse")
    parser.add_argument("--database-url", default=os.environ.get("TEST_DATABASE_URL", ""))
    args = parser.parse_args()
    if not args.database_url:
        raise SystemExit("set TEST_DATABASE_URL (a PostgreSQL server to create a database on)")
    binary = "" if args.first_frame_only else _lighthouse_bin(args.lighthouse)
    name = f"bench_vitals_{secrets.token_hex(4)}"
    with psycopg.connect(args.database_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    work = Path(tempfile.mkdtemp(prefix="vitals-", dir="/tmp"))
    (work / "data").mkdir()
    results: dict[str, list[dict[str, float]]] = {}
    try:
        with start_app(_db_url(args.database_url, name), work / "data") as app:
            pages = _pages(app.database_url, app.base_url)
            # One warm-up load each: the first request of a page may build caches (variants).
            for url in pages.values():
                subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=False)
            for kind, url in pages.items() if binary else []:
                runs = args.runs if kind in ("home", "series", "watch") else args.other_runs
                results[kind] = [lighthouse(binary, url, work) for _ in range(runs)]
            frames = first_frames(pages["watch"], args.runs)
    finally:
        with psycopg.connect(args.database_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(
        f"{'page':8} {'runs':>4} {'perf':>5} {'LCP ms':>7} {'FCP ms':>7} {'TBT ms':>7} "
        f"{'a11y':>5} {'BP':>4}"
    )
    for kind, rows in results.items():
        print(
            f"{kind:8} {len(rows):>4} {_median(rows, 'perf'):>5.0f} {_median(rows, 'lcp'):>7.0f} "
            f"{_median(rows, 'fcp'):>7.0f} {_median(rows, 'tbt'):>7.0f} "
            f"{_median(rows, 'a11y'):>5.0f} {_median(rows, 'bp'):>4.0f}"
        )
    print(
        f"watch first frame, 4x CPU, {len(frames)} loads: median {statistics.median(frames):.0f} ms"
        f" (min {min(frames):.0f}, max {max(frames):.0f})"
    )


def _db_url(server_url: str, name: str) -> str:
    """server_url with its database replaced by `name`."""
    head, _, _ = server_url.rpartition("/")
    return f"{head}/{name}"


if __name__ == "__main__":
    main()
