"""The Content-Security-Policy the app sends leaves the real frontend working: no violation while
a visitor opens the home page, a series, plays a free episode (hls.js, the live room socket)
and opens the log-in page."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp
from tests.e2e.player_probe import wait_until_playing

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[0]

# Runs before any page script: every securitypolicyviolation event is kept on window.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def _violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations || []"))


def test_no_csp_violation_on_home_series_watch_and_login(
    running_app: RunningApp, phone: Page
) -> None:
    base = running_app.base_url
    console: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            console.append(text)

    phone.on("console", on_console)
    phone.add_init_script(RECORD_VIOLATIONS)
    seen: list[str] = []

    response = phone.goto(f"{base}/")
    assert response is not None
    assert "content-security-policy" in response.headers
    expect(phone.locator("a[href^='/series/']").first).to_be_visible(timeout=30_000)
    seen += _violations(phone)

    phone.goto(f"{base}/series/{SERIES.slug}")
    expect(phone.get_by_role("heading", level=1, name=SERIES.title)).to_be_visible(timeout=30_000)
    seen += _violations(phone)

    episode_id = running_app.episode_ids(SERIES.slug)[0]
    phone.goto(f"{base}/watch/{episode_id}")
    played = wait_until_playing(phone, min_seconds=1.0)
    assert played["error"] is None
    # The live room's socket (/ws/rooms/…) connected: presence is counted.
    expect(phone.get_by_test_id("presence")).to_contain_text("watching", timeout=15_000)
    seen += _violations(phone)

    phone.goto(f"{base}/login")
    expect(phone.get_by_label("Email")).to_be_visible(timeout=30_000)
    phone.wait_for_timeout(500)
    seen += _violations(phone)

    assert seen == []
    assert console == []
