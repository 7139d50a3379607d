"""The watch page is a viewing surface: dark even when the site is in light mode, with the
side column right beside the stage (series and episode titles, previous / next)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp
from tests.e2e.player_probe import wait_until_playing

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[0]

_COLOURS = """(selector) => {
  const rgb = (value) => (value.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const el = document.querySelector(selector);
  const style = getComputedStyle(el);
  return {color: rgb(style.color), background: rgb(style.backgroundColor)};
}"""


def _luminance(rgb: list[float]) -> float:
    return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255


def test_the_watch_page_stays_dark_in_light_mode(running_app: RunningApp, browser: Browser) -> None:
    base, ids = running_app.base_url, running_app.episode_ids(SERIES.slug)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("window.localStorage.setItem('theme', 'light')")
    page = context.new_page()
    page.goto(f"{base}/watch/{ids[1]}")
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)
    assert page.evaluate("document.documentElement.classList.contains('light')")

    side = page.locator(".watch-side")
    expect(side.locator("h1")).to_contain_text("Ep 2", timeout=30_000)
    series_link = side.locator(".side-series")
    expect(series_link).to_have_text(SERIES.title)
    expect(series_link).to_have_attribute("href", f"/series/{SERIES.slug}")
    expect(side.get_by_role("link", name="Next episode")).to_have_attribute(
        "href", f"/watch/{ids[2]}"
    )
    expect(side.get_by_role("link", name="Previous episode")).to_have_attribute(
        "href", f"/watch/{ids[0]}"
    )

    title = page.evaluate(_COLOURS, ".watch-side h1")
    synopsis = page.evaluate(_COLOURS, ".watch-side p")
    panel = page.evaluate(_COLOURS, "[data-testid=comments-panel]")
    assert _luminance(title["color"]) > 0.8, title
    assert _luminance(synopsis["color"]) > 0.5, synopsis
    assert _luminance(panel["background"]) < 0.2, panel
    assert _luminance(panel["color"]) > 0.8, panel

    # The side column sits right beside the stage, not across the screen.
    stage = page.locator(".vp-root").bounding_box()
    column = side.bounding_box()
    assert stage
    assert column
    assert 0 <= column["x"] - (stage["x"] + stage["width"]) <= 48, (stage, column)
    context.close()
