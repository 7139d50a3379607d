"""The viewer funnel in Chromium: free episodes, the paywall at episode 4 (what each offer
includes, the way on to the next episode), Unlock season → sign-up that says why → straight into
the test-mode checkout for that season (a declined card unlocks nothing), and episode 4 playing
after payment."""

from __future__ import annotations

import re

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp
from tests.e2e.player_probe import wait_until_playing

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[0]
EMAIL = "payer@example.com"


def _entitlements(app: RunningApp) -> int:
    with psycopg.connect(app.database_url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM entitlements e JOIN users u ON u.id = e.user_id "
            "WHERE u.email = %s AND e.revoked_at IS NULL",
            (EMAIL,),
        ).fetchone()
    return int(row[0]) if row else 0


def _pay(page: Page, card: str) -> None:
    page.get_by_label("Card number").fill(card)
    page.get_by_label("Expiry (MM/YY)").fill("12/34")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()


def test_free_episodes_paywall_signup_checkout_unlock(
    running_app: RunningApp, browser: Browser
) -> None:
    base, ids = running_app.base_url, running_app.episode_ids(SERIES.slug)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for episode_id in ids[:3]:
        page.goto(f"{base}/watch/{episode_id}")
        wait_until_playing(page, min_seconds=0.5, timeout_ms=120_000)

    page.goto(f"{base}/watch/{ids[3]}")
    sheet = page.locator(".paywall")
    expect(sheet).to_contain_text("Episode 4 is locked", timeout=30_000)
    expect(sheet).to_contain_text("Yours to keep. 80 % goes to the creator.")
    offers = sheet.locator(".unlock-offer")
    expect(offers.first).to_have_text(re.compile(r"^Season 1 · \d+ episodes · \$\d+\.\d\d$"))
    expect(offers.nth(1)).to_have_text(
        re.compile(r"^All \d+ seasons · \d+ episodes · \$\d+\.\d\d · save \d+ %$")
    )
    assert sheet.inner_text().count("save") == 1  # the saving is said once
    # A locked episode on a phone still leads on (and back).
    expect(sheet.get_by_role("link", name="Next episode")).to_have_attribute(
        "href", f"/watch/{ids[4]}"
    )
    expect(sheet.get_by_role("link", name="Previous episode")).to_be_visible()

    offers.first.click()
    expect(page).to_have_url(re.compile(r"/signup\?next=.*unlock"), timeout=30_000)
    expect(page.locator(".unlock-notice")).to_contain_text(
        f"Create an account to unlock {SERIES.title} — you'll go straight to checkout",
        timeout=30_000,
    )
    page.get_by_label("Your name").fill("Pat Payer")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill("a long enough passphrase")
    page.get_by_role("button", name="Sign up").click()

    # No second tap: the chosen season's checkout opens by itself.
    expect(page).to_have_url(re.compile(r"/checkout/"), timeout=30_000)
    expect(page.get_by_text(f"{SERIES.title} · Season 1")).to_be_visible(timeout=30_000)
    expect(page.locator(".test-mode")).to_contain_text("no money moves")
    _pay(page, "4000 0000 0000 0002")
    expect(page.get_by_text("Your card was declined.")).to_be_visible(timeout=30_000)
    assert _entitlements(running_app) == 0

    _pay(page, "4242 4242 4242 4242")
    expect(page).to_have_url(re.compile(rf"/watch/{ids[3]}"), timeout=60_000)
    played = wait_until_playing(page, min_seconds=1.0, timeout_ms=120_000)
    assert played["currentTime"] >= 1.0
    assert _entitlements(running_app) == 1
    page.goto(f"{base}/purchases")
    expect(page.locator(".purchase-item")).to_contain_text(SERIES.title, timeout=30_000)
    _series_page_shows_season_1_owned(page, base)
    context.close()


def _series_page_shows_season_1_owned(page: Page, base: str) -> None:
    page.goto(f"{base}/series/{SERIES.slug}")
    expect(page.locator(".season-access:visible")).to_contain_text("Owned", timeout=30_000)
    expect(page.locator(".season-access:visible")).not_to_contain_text("unlock the season")
    episode_4 = page.locator(".episode-item:visible").nth(3)
    expect(episode_4).to_contain_text("Unlocked")
    expect(episode_4).not_to_contain_text("Locked")
    page.get_by_role("tab", name="Season 2").click()  # not bought
    expect(page.locator(".season-access:visible")).to_contain_text("unlock the season for")
    expect(page.locator(".episode-item:visible").first).to_contain_text("Locked")
