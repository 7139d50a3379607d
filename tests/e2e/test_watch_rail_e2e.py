"""The watch page's rail in Chromium: Episodes opens a bottom sheet with the series' grid (the
current episode marked, locked ones with a lock, a tap goes there), Share uses the native share
sheet or else copies the short share link and says so; on desktop the grid sits in the side
column, with season tabs when the series has several."""

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
ONE_SEASON = catalogue.SERIES[4]  # a single season of 8, no other e2e test's series
TWO_SEASONS = catalogue.SERIES[2]  # (12, 10) episodes
FREE_EPISODES = 3
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
NO_WEB_SHARE = "delete Navigator.prototype.share; delete navigator.share;"
FAKE_WEB_SHARE = (
    "window.__shared = []; Navigator.prototype.share = function (data) {"
    " window.__shared.push(data); return Promise.resolve(); };"
)


def _phone(browser: Browser, init_script: str, base: str) -> Page:
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    context.add_init_script(init_script)
    return context.new_page()


def test_episodes_sheet_on_a_phone(running_app: RunningApp, browser: Browser) -> None:
    base, ids = running_app.base_url, running_app.episode_ids(ONE_SEASON.slug)
    page = _phone(browser, NO_WEB_SHARE, base)
    page.goto(f"{base}/watch/{ids[0]}")
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)

    sheet = page.get_by_test_id("episodes-sheet")
    expect(sheet).to_be_hidden()
    button = page.get_by_test_id("episodes-button")
    expect(button).to_have_accessible_name("Episodes")
    button.click()
    expect(sheet).to_be_visible()
    tiles = sheet.get_by_test_id("episode-tile")
    expect(tiles).to_have_count(len(ids))
    current = sheet.locator('[data-testid="episode-tile"][aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("data-episode-id", str(ids[0]))
    # The demo's first three episodes are free; the rest show a lock.
    for index, episode_id in enumerate(ids):
        tile = sheet.locator(f'[data-testid="episode-tile"][data-episode-id="{episode_id}"]')
        expect(tile).to_contain_text(str(index + 1))
        expect(tile.get_by_test_id("tile-lock")).to_have_count(0 if index < FREE_EPISODES else 1)
    expect(tiles.nth(FREE_EPISODES)).to_have_attribute("aria-label", re.compile(", locked$"))

    tiles.nth(1).click()
    expect(page).to_have_url(f"{base}/watch/{ids[1]}", timeout=30_000)
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)
    expect(sheet).to_be_hidden()  # a new episode starts with the sheet closed
    page.get_by_test_id("episodes-button").click()
    expect(current).to_have_attribute("data-episode-id", str(ids[1]))

    # A locked tile goes to that episode, which shows the paywall.
    tiles.nth(FREE_EPISODES).click()
    expect(page).to_have_url(f"{base}/watch/{ids[FREE_EPISODES]}", timeout=30_000)
    expect(page.locator(".paywall")).to_be_visible(timeout=30_000)
    page.context.close()


def _finished(app: RunningApp, email: str, episode_ids: list[int], finished: int) -> None:
    """This viewer's progress in the series: only `finished` watched to the end."""
    with psycopg.connect(app.database_url) as conn:
        row = conn.execute("SELECT id FROM users WHERE email = %s", (email,)).fetchone()
        assert row is not None
        conn.execute(
            "DELETE FROM watch_progress WHERE user_id = %s AND episode_id = ANY(%s)",
            (row[0], episode_ids),
        )
        conn.execute(
            "INSERT INTO watch_progress (user_id, episode_id, position_seconds, completed,"
            " updated_at) VALUES (%s, %s, 60, true, now() - interval '1 day')",
            (row[0], finished),
        )


def test_watched_episodes_are_ticked(running_app: RunningApp, browser: Browser) -> None:
    base, ids = running_app.base_url, running_app.episode_ids(ONE_SEASON.slug)
    email = f"viewer20@{DEMO_DOMAIN}"
    _finished(running_app, email, ids, ids[0])
    page = _phone(browser, NO_WEB_SHARE, base)
    page.goto(f"{base}/login?next=/watch/{ids[1]}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{base}/watch/{ids[1]}", timeout=30_000)
    page.get_by_test_id("episodes-button").click()
    sheet = page.get_by_test_id("episodes-sheet")
    watched = sheet.locator('[data-testid="episode-tile"][data-watched="true"]')
    expect(watched).to_have_count(1)
    expect(watched).to_have_attribute("data-episode-id", str(ids[0]))
    expect(watched.get_by_test_id("tile-watched")).to_be_visible()
    expect(watched).to_have_attribute("aria-label", re.compile(", watched$"))
    page.context.close()


def test_share_copies_the_link_without_web_share(running_app: RunningApp, browser: Browser) -> None:
    base, ids = running_app.base_url, running_app.episode_ids(ONE_SEASON.slug)
    page = _phone(browser, NO_WEB_SHARE, base)
    page.goto(f"{base}/watch/{ids[1]}")
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)
    status = page.get_by_test_id("share-status")
    expect(status).to_have_text("")
    page.get_by_role("button", name="Share this episode").click()
    expect(status).to_have_text("Link copied", timeout=10_000)
    # The short share link (tests/e2e/test_share_links_e2e.py follows one).
    copied = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(re.escape(base) + r"/s/[A-Za-z0-9]{8}", copied), copied
    expect(status).to_have_text("", timeout=10_000)  # only for a moment
    page.context.close()


def test_share_opens_the_native_share_sheet(running_app: RunningApp, browser: Browser) -> None:
    base, ids = running_app.base_url, running_app.episode_ids(ONE_SEASON.slug)
    page = _phone(browser, FAKE_WEB_SHARE, base)
    page.goto(f"{base}/watch/{ids[2]}")
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)
    page.get_by_test_id("share-button").click()
    page.wait_for_function("window.__shared.length > 0", timeout=10_000)
    shared = page.evaluate("window.__shared")
    assert re.fullmatch(re.escape(base) + r"/s/[A-Za-z0-9]{8}", shared[0]["url"]), shared
    assert ONE_SEASON.title in shared[0]["title"]
    assert "Ep 3" in shared[0]["title"]
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("share-status")).to_have_text("")  # nothing copied
    page.context.close()


def test_desktop_side_column_has_the_grid_with_season_tabs(
    running_app: RunningApp, desktop: Page
) -> None:
    base, ids = running_app.base_url, running_app.episode_ids(TWO_SEASONS.slug)
    first_season = TWO_SEASONS.seasons[0][0]
    desktop.goto(f"{base}/watch/{ids[1]}")
    wait_until_playing(desktop, min_seconds=0.2, timeout_ms=120_000)
    expect(desktop.get_by_test_id("episodes-button")).to_be_hidden()
    grid = desktop.get_by_test_id("episodes-sheet")
    expect(grid).to_be_visible()
    # Beside the stage, under the episode's title.
    stage, side = desktop.locator(".vp-root").bounding_box(), grid.bounding_box()
    title = desktop.locator(".watch-side h1").bounding_box()
    assert stage
    assert side
    assert title
    assert side["x"] > stage["x"] + stage["width"] - 1
    assert side["y"] > title["y"]

    tabs = grid.get_by_role("tab")
    expect(tabs).to_have_count(2)
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    visible_tiles = grid.locator('[data-testid="episode-tile"]:visible')
    expect(visible_tiles).to_have_count(first_season)
    current = grid.locator('[data-testid="episode-tile"][aria-current="page"]')
    expect(current).to_have_attribute("data-episode-id", str(ids[1]))

    tabs.nth(1).click()
    expect(visible_tiles).to_have_count(len(ids) - first_season)
    expect(visible_tiles.first).to_contain_text(str(first_season + 1))
    expect(visible_tiles.first.get_by_test_id("tile-lock")).to_have_count(1)
    visible_tiles.first.click()
    expect(desktop).to_have_url(f"{base}/watch/{ids[first_season]}", timeout=30_000)
    expect(desktop.locator(".paywall")).to_be_visible(timeout=30_000)
    # The grid opens on the season of the episode being watched.
    expect(grid.get_by_role("tab").nth(1)).to_have_attribute("aria-selected", "true")
