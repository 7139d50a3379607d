"""End-to-end fixtures: the real app (`python -m microshort run`) and the system Chromium."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import psycopg
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from microshort.config import PROJECT_ROOT
from tests.net import free_port

T = TypeVar("T")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
START_TIMEOUT_SECONDS = 600  # the very first start installs the frontend packages
DEMO_VIDEO_TIMEOUT_SECONDS = 900


@dataclass
class RunningApp:
    base_url: str
    database_url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def episode_ids(self, series_slug: str) -> list[int]:
        """The series' published episodes, in viewing order."""
        with psycopg.connect(self.database_url) as conn:
            rows = conn.execute(
                "SELECT e.id FROM episodes e JOIN seasons s ON s.id = e.season_id "
                "JOIN series r ON r.id = s.series_id WHERE r.slug = %s "
                "AND e.status = 'published' ORDER BY s.number, e.number",
                (series_slug,),
            ).fetchall()
        return [int(row[0]) for row in rows]


def _wait_for(url: str, process: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(1)
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e is an e2e test (`-m "not e2e"` leaves it out), marked or not."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


def run_coroutine(coroutine: Coroutine[object, object, T]) -> T:
    """asyncio.run in its own thread: Playwright's sync API keeps an event loop running in the
    main thread while the session's browser lives, and asyncio.run refuses to nest in it."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _top_build(folder: str) -> set[str]:
    """Only the frontend folder's own build (packages have `build` folders of their own)."""
    return {"build"} if Path(folder) == PROJECT_ROOT / ".web" else set()


def _frontend_copy(folder: Path) -> Path:
    """The project's frontend folder without its build (its installed packages save minutes)."""
    web = folder / ".web"
    source = PROJECT_ROOT / ".web"
    if source.is_dir() and not web.exists():
        shutil.copytree(
            source, web, symlinks=True, ignore=lambda folder, _names: _top_build(folder)
        )
    return web


@contextmanager
def start_app(
    database_url: str,
    data_dir: Path,
    extra_env: dict[str, str] | None = None,
    *,
    wait_for_videos: bool = True,
    own_build: bool = True,
) -> Iterator[RunningApp]:
    """`python -m microshort run` on a database, stopped (with everything it started) after.

    Reflex's build bakes the app's port into its JavaScript, so every app but the session's
    builds into its own copy of the frontend folder (own_build); building into the project's
    would point the session app's pages at a port nobody listens on any more."""
    log_path = data_dir / "app.log"
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MICROSHORT_DATA_DIR": str(data_dir),
        "MICROSHORT_PORT": str(port),
        "MICROSHORT_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    if own_build:
        env["REFLEX_WEB_WORKDIR"] = str(_frontend_copy(data_dir.parent / f"{data_dir.name}-web"))
    env.pop("REDIS_URL", None)
    env.update(extra_env or {})
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "microshort", "run", "--stop-with-parent"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    app = RunningApp(f"http://127.0.0.1:{port}", database_url, data_dir, process, log_path)
    try:
        if not _wait_for(f"{app.base_url}/api/health", process, START_TIMEOUT_SECONDS):
            pytest.fail(f"the app did not start (whole log: {log_path}):\n{_log_excerpt(app)}")
        if wait_for_videos:
            wait_for_demo_video(app)
        yield app
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for_demo_video(app: RunningApp) -> None:
    """The worker renders the demo clips after the start (a minute or more on a cold cache, on
    a busy machine): tests that play episodes start once every demo video is ready."""
    deadline = time.monotonic() + DEMO_VIDEO_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        with psycopg.connect(app.database_url) as conn:
            row = conn.execute(
                "SELECT count(*) FILTER (WHERE status <> 'ready'), "
                "count(*) FILTER (WHERE status = 'errored') FROM video_assets"
            ).fetchone()
        waiting, failed = row if row else (0, 0)
        if failed:
            pytest.fail(f"a demo video failed:\n{_log_excerpt(app)}")
        if not waiting:
            return
        time.sleep(2)
    pytest.fail(f"the demo videos were not ready in time:\n{_log_excerpt(app)}")


def _log_excerpt(app: RunningApp) -> str:
    """The log's start (where a failed start says why) and its end."""
    text = app.log()
    return text if len(text) <= 8000 else f"{text[:4000]}\n[...]\n{text[-4000:]}"


@pytest.fixture(scope="session")
def running_app(
    make_database: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningApp]:
    """The whole app as a user starts it, on a fresh database (it migrates and loads the demo)."""
    data_dir = tmp_path_factory.mktemp("app-data")
    with start_app(make_database(), data_dir, own_build=False) as app:
        yield app


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
