"""A creator builds a series in the studio (details, season, episode with a real clip),
publishes it, and a visitor finds it on the home page and through search, and opens it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from microshort.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from tests.e2e.conftest import RunningApp
from tests.media import make_clip

pytestmark = pytest.mark.e2e
TITLE = "The Night Ferry"
PROCESSING_TIMEOUT_MS = 240_000


def _log_in_as_creator(page: Page, base: str) -> None:
    page.goto(f"{base}/login?next=/studio")
    page.get_by_label("Email").fill(f"mira-okafor@{DEMO_DOMAIN}")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your studio")).to_be_visible(timeout=30_000)
    # The dashboard: this week's figures, then either what needs attention or "All good".
    figures = page.locator(".studio-figure")
    expect(figures.first).to_contain_text("Views", timeout=30_000)
    expect(figures.filter(has_text="Earnings")).not_to_have_count(0)
    expect(page.locator(".needs-attention, .all-good").first).to_be_visible()


def _fix_and_prune_episodes(page: Page) -> None:
    """Retitle episode 1 (a blank title is refused in the dialog), then add a mistaken
    episode 2 and delete it."""
    page.get_by_role("button", name="Edit episode 1").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Episode title").fill("   ")
    dialog.get_by_role("button", name="Save episode").click()
    expect(dialog).to_contain_text("Give the episode a title.", timeout=30_000)
    dialog.get_by_label("Episode title").fill("Boarding Call")
    dialog.get_by_label("Synopsis").fill("The last ferry leaves at midnight.")
    dialog.get_by_role("button", name="Save episode").click()
    expect(page.get_by_text("Episode 1 saved.")).to_be_visible(timeout=30_000)
    page.reload()
    expect(page.locator(".studio-episode-row")).to_contain_text("Boarding Call", timeout=30_000)
    page.get_by_role("button", name="Edit episode 1").click()
    expect(page.get_by_role("dialog").get_by_label("Synopsis")).to_have_value(
        "The last ferry leaves at midnight.", timeout=30_000
    )
    page.get_by_role("dialog").get_by_role("button", name="Cancel").click()
    # The page behind a closing dialog ignores input until it is gone.
    expect(page.get_by_role("dialog")).to_be_hidden(timeout=30_000)
    page.get_by_label("New episode title").fill("Mistake")
    expect(page.get_by_label("New episode title")).to_have_value("Mistake")
    page.get_by_role("button", name="Add episode").click()
    expect(page.locator(".studio-episode-row")).to_have_count(2, timeout=30_000)
    page.get_by_role("button", name="Delete episode 2").click()
    expect(page.get_by_role("alertdialog")).to_contain_text("Delete episode 2 'Mistake'?")
    page.get_by_role("alertdialog").get_by_role("button", name="Delete episode").click()
    expect(page.get_by_text("Episode deleted.")).to_be_visible(timeout=30_000)
    expect(page.locator(".studio-episode-row")).to_have_count(1)


def test_create_publish_and_find(running_app: RunningApp, browser: Browser, tmp_path: Path) -> None:
    base = running_app.base_url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in_as_creator(page, base)

    page.get_by_role("link", name="New series").click()
    page.get_by_role("button", name="Create series").click()  # empty title: browser blocks
    page.get_by_label("Title").fill("   ")
    page.get_by_role("button", name="Create series").click()
    expect(page.get_by_text("Give your series a title.")).to_be_visible(timeout=30_000)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Logline").fill("Last boat out. One passenger is not who she says.")
    page.get_by_label("Genre").select_option("Thriller")
    page.get_by_role("button", name="Create series").click()
    expect(page).to_have_url(re.compile(r"/studio/series/\d+$"), timeout=30_000)
    editor_url = page.url
    expect(page.get_by_text("Add a season with at least one episode.")).to_be_visible()

    page.get_by_label("Season price").fill("-2")
    page.get_by_role("button", name="Add season").click()
    expect(page.get_by_text("Enter a price like 4.99.")).to_be_visible(timeout=30_000)
    page.get_by_label("Season price").fill("3.99")
    page.get_by_role("button", name="Add season").click()
    expect(page.locator(".studio-season")).to_contain_text("$3.99", timeout=30_000)
    season_price = page.get_by_label("Price of Season 1")
    season_price.fill("4,5x")
    page.get_by_role("button", name="Save price").click()
    expect(page.locator(".season-price")).to_contain_text("Enter a price like 4.99.")
    season_price.fill("4.49")
    page.get_by_role("button", name="Save price").click()
    expect(page.get_by_text("Season price saved.")).to_be_visible(timeout=30_000)
    page.reload()
    expect(page.locator(".season-price-label")).to_have_text("$4.49", timeout=30_000)
    expect(page.get_by_label("Price of Season 1")).to_have_value("$4.49")
    expect(page.get_by_label("Genre")).to_have_value("Thriller")  # the saved one, not the first
    page.get_by_label("New episode title").fill("Boarding")
    page.get_by_role("button", name="Add episode").click()
    row = page.locator(".studio-episode-row", has_text="Boarding")
    expect(row).to_be_visible(timeout=30_000)
    _fix_and_prune_episodes(page)
    row.get_by_role("link", name="Boarding").click()

    page.get_by_test_id("video-file").set_input_files(make_clip(tmp_path / "e.mp4", seconds=6))
    expect(page.locator(".status")).to_have_text("Ready", timeout=PROCESSING_TIMEOUT_MS)
    page.goto(editor_url)
    page.get_by_label("Free episodes").fill("1")
    page.get_by_label("Whole-series bundle discount %").fill("0")
    page.get_by_role("button", name="Save pricing").click()
    expect(page.get_by_text("Pricing saved.")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Publish series").click()
    expect(page.locator(".series-status")).to_have_text("Published", timeout=30_000)
    page.get_by_role("button", name="Delete episode 1").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Delete episode").click()
    expect(page.get_by_role("alertdialog")).to_contain_text("Hide the series from viewers first")
    page.get_by_role("button", name="Keep it").click()
    expect(page.locator(".studio-episode-row")).to_have_count(1)
    page.goto(base + "/studio")
    studio_row = page.locator(".studio-episode", has_text="Boarding")
    expect(studio_row).to_contain_text("S1 · Ep 1: Boarding", timeout=30_000)
    expect(studio_row.locator(".episode-status")).to_have_text("Published")
    context.close()

    visitor = browser.new_page(viewport={"width": 390, "height": 844})
    visitor.goto(base + "/")
    card = visitor.locator("a.series-card", has_text=TITLE).first
    expect(card).to_be_visible(timeout=30_000)
    card.click()
    expect(visitor.get_by_role("heading", name=TITLE, level=1)).to_be_visible(timeout=30_000)
    expect(visitor.locator(".episode-item", has_text="Boarding")).to_be_visible()
    visitor.goto(base + "/search")
    visitor.get_by_role("searchbox", name="Search series").fill("night ferry")
    found = visitor.locator("a.series-card", has_text=TITLE)
    expect(found).to_be_visible(timeout=15_000)
    found.click()
    expect(visitor.get_by_role("heading", name=TITLE, level=1)).to_be_visible(timeout=30_000)
    visitor.close()
