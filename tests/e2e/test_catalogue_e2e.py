"""A new visitor opens MicroShort in Chromium and browses the demo catalogue."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp

pytestmark = pytest.mark.e2e
FIRST = catalogue.SERIES[0]


def test_home_shows_the_demo_catalogue_and_opens_a_series(
    running_app: RunningApp, phone: Page
) -> None:
    phone.goto(running_app.base_url + "/")
    expect(phone.get_by_role("heading", name="New releases")).to_be_visible(timeout=30_000)
    card = phone.locator("a.series-card", has_text=FIRST.title).first
    expect(card).to_be_visible()
    # Covers are real images served by the app.
    cover = card.locator("img")
    expect(cover).to_have_attribute("src", re.compile(r"^/media/public/covers/.+\.jpg$"))
    # Loaded (waited for: many covers load at once while the fresh app transcodes demo clips).
    phone.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=cover.element_handle(), timeout=15_000
    )
    # Phones get the bottom navigation.
    expect(phone.get_by_role("navigation", name="Main")).to_be_visible()

    card.click()
    expect(phone).to_have_url(re.compile(rf"/series/{FIRST.slug}$"))
    expect(phone.get_by_role("heading", name=FIRST.title, level=1)).to_be_visible()
    expect(phone.get_by_text(FIRST.logline)).to_be_visible()
    episodes = phone.locator(".episode-item")
    expect(episodes.first).to_be_visible()
    assert episodes.count() == FIRST.seasons[0][0]
    expect(episodes.nth(0).get_by_text("Free")).to_be_visible()
    expect(episodes.nth(3).get_by_text("Locked")).to_be_visible()


def test_home_hero_rotates_the_featured_series_not_repeated_below(
    running_app: RunningApp, desktop: Page
) -> None:
    featured = catalogue.SERIES[:5]  # the demo features its first five series, in order
    desktop.emulate_media(reduced_motion="reduce")  # no auto-advance while the test looks
    desktop.goto(running_app.base_url + "/")
    hero = desktop.get_by_role("region", name="Featured series")
    expect(hero.get_by_role("heading", name=featured[0].title, level=1)).to_be_visible(
        timeout=30_000
    )
    dots = hero.locator(".hero-dot")
    assert dots.count() >= 2
    hero.get_by_role("button", name="Show " + featured[1].title).click()
    expect(hero.get_by_role("heading", name=featured[1].title, level=1)).to_be_visible()
    expect(hero.get_by_role("heading", name=featured[0].title, level=1)).to_be_hidden()
    hero.get_by_role("button", name="Next featured series").click()
    expect(hero.get_by_role("heading", name=featured[2].title, level=1)).to_be_visible()
    # The Featured rail starts after the hero's series.
    first_card = desktop.locator("#featured a.series-card").first
    expect(first_card).to_contain_text(featured[dots.count()].title)
    expect(first_card).not_to_contain_text(featured[0].title)


def test_home_hero_advances_by_itself(running_app: RunningApp, desktop: Page) -> None:
    desktop.goto(running_app.base_url + "/")
    hero = desktop.get_by_role("region", name="Featured series")
    first = hero.get_by_role("heading", name=catalogue.SERIES[0].title, level=1)
    expect(first).to_be_visible(timeout=30_000)
    expect(hero.get_by_role("heading", name=catalogue.SERIES[1].title, level=1)).to_be_visible(
        timeout=10_000
    )


def test_season_tabs_switch_the_episode_list(running_app: RunningApp, desktop: Page) -> None:
    two_seasons = next(series for series in catalogue.SERIES if len(series.seasons) > 1)
    desktop.goto(f"{running_app.base_url}/series/{two_seasons.slug}")
    expect(desktop.locator(".episode-item").first).to_be_visible(timeout=30_000)
    desktop.get_by_role("tab", name="Season 2").click()
    visible = desktop.locator(".episode-item:visible")
    expect(visible).to_have_count(two_seasons.seasons[1][0])
    expect(visible.first.get_by_text("Locked")).to_be_visible()


def test_unknown_series_and_pages_say_what_to_do(running_app: RunningApp, desktop: Page) -> None:
    desktop.goto(f"{running_app.base_url}/series/no-such-series")
    expect(desktop.get_by_text("We could not find that series")).to_be_visible(timeout=30_000)
    desktop.get_by_role("link", name="Back to the home page").click()
    expect(desktop.get_by_role("heading", name="New releases")).to_be_visible(timeout=30_000)

    desktop.goto(f"{running_app.base_url}/this/does/not/exist")
    expect(desktop.get_by_text("This page does not exist")).to_be_visible(timeout=30_000)
