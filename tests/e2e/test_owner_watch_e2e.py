"""A series' own creator and an admin watch its first locked episode in Chromium without paying:
no paywall sheet, the protected stream plays, the creator sees the "your own locked episode"
hint, and nothing is bought. A visitor still meets the paywall there."""

from __future__ import annotations

import re

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect

from microshort.demo import catalogue
from microshort.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from tests.e2e.conftest import RunningApp
from tests.e2e.player_probe import wait_until_playing

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[3]  # no other e2e test's series
HINT = ".own-locked-hint"


def _bought(app: RunningApp, email: str) -> tuple[int, int]:
    """(transactions, entitlements) of the account with this email."""
    with psycopg.connect(app.database_url) as conn:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM transactions t WHERE t.user_id = u.id), "
            "(SELECT count(*) FROM entitlements e WHERE e.user_id = u.id) "
            "FROM users u WHERE u.email = %s",
            (email,),
        ).fetchone()
    assert row is not None, f"no account {email}"
    return int(row[0]), int(row[1])


def _log_in(page: Page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/login?next={next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"), timeout=30_000)


@pytest.mark.parametrize(
    ("email", "hinted"),
    [(f"{SERIES.creator_slug}@{DEMO_DOMAIN}", True), (f"admin@{DEMO_DOMAIN}", False)],
    ids=["creator", "admin"],
)
def test_they_watch_the_locked_episode_without_paying(
    running_app: RunningApp, browser: Browser, email: str, hinted: bool
) -> None:
    base, locked = running_app.base_url, running_app.episode_ids(SERIES.slug)[3]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    _log_in(page, base, email, f"/watch/{locked}")
    played = wait_until_playing(page, min_seconds=1.0, timeout_ms=120_000)
    assert played["currentTime"] >= 1.0
    expect(page.locator(".paywall")).to_have_count(0)
    if hinted:
        expect(page.locator(HINT)).to_contain_text("your own locked episode")
    else:
        expect(page.locator(HINT)).to_have_count(0)
    context.close()
    assert _bought(running_app, email) == (0, 0)


def test_a_visitor_still_meets_the_paywall(running_app: RunningApp, browser: Browser) -> None:
    base, locked = running_app.base_url, running_app.episode_ids(SERIES.slug)[3]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base}/watch/{locked}")
    expect(page.locator(".paywall")).to_contain_text("Episode 4 is locked", timeout=30_000)
    expect(page.locator(HINT)).to_have_count(0)
    context.close()
