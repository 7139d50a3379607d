"""View events in Chromium: opening a series page (with UTM tags) and a watch page writes a
series_view and an episode_start for this visitor's anonymous id, and a reload counts no more."""

from __future__ import annotations

import time

import psycopg
import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp
from tests.e2e.player_probe import wait_until_playing

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[2]


def _anonymous_id(context: BrowserContext) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = [c["value"] for c in context.cookies() if c["name"] == "ms_anon" and c["value"]]
        if found:
            return found[0].split(".")[0]  # '<id>.<signature>'

        time.sleep(0.2)
    raise AssertionError("no ms_anon cookie")


def _events(app: RunningApp, anonymous_id: str, *, wait_for: int) -> list[tuple[str, int | None]]:
    """(name, episode_id) of this visitor's events, once at least `wait_for` are there."""
    deadline = time.monotonic() + 20
    rows: list[tuple[str, int | None]] = []
    while time.monotonic() < deadline:
        with psycopg.connect(app.database_url) as conn:
            rows = [
                (str(name), episode)
                for name, episode in conn.execute(
                    "SELECT name, episode_id FROM analytics_events WHERE anonymous_id = %s"
                    " ORDER BY id",
                    (anonymous_id,),
                ).fetchall()
            ]
        if len(rows) >= wait_for:
            break
        time.sleep(0.3)
    return rows


def test_opening_pages_records_views_once(running_app: RunningApp, browser: Browser) -> None:
    base, episode = running_app.base_url, running_app.episode_ids(SERIES.slug)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/series/{SERIES.slug}?utm_source=tiktok&utm_campaign=e2e")
    expect(page.get_by_role("heading", name=SERIES.title).first).to_be_visible(timeout=120_000)
    anonymous_id = _anonymous_id(context)
    assert _events(running_app, anonymous_id, wait_for=1) == [("series_view", None)]
    with psycopg.connect(running_app.database_url) as conn:
        utm = conn.execute(
            "SELECT utm_source, utm_campaign FROM analytics_events WHERE anonymous_id = %s",
            (anonymous_id,),
        ).fetchone()
    assert utm == ("tiktok", "e2e")

    page.goto(f"{base}/watch/{episode}")
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)
    expected = [("series_view", None), ("episode_start", episode)]
    assert _events(running_app, anonymous_id, wait_for=2) == expected
    page.reload()
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)
    time.sleep(1)
    assert _events(running_app, anonymous_id, wait_for=3) == expected
    context.close()
