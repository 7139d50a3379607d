"""The installable app in Chromium: the manifest is linked and valid, Chromium finds nothing
missing for installation, the service worker controls the page, a visited page reloads without
the network (saying it is offline) and an unvisited one shows the offline page; "Install app"
uses the browser's offer, iOS gets the Add to Home Screen hint; a viewer saves episodes (free,
and bought), sees them in the Library with their size, a refunded one goes, and a saved one
plays offline."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect

from microshort.demo import catalogue
from microshort.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from tests.e2e.conftest import CHROMIUM, RunningApp

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[6]  # no other e2e test's series
OTHER = catalogue.SERIES[7]
FREE_EPISODES = 3
VIEWER = f"viewer31@{DEMO_DOMAIN}"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
IOS_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
# The browser's install offer, as Chromium fires it (it may or may not on its own headless).
OFFER = (
    "() => { const offer = new Event('beforeinstallprompt', { cancelable: true });"
    " offer.prompt = async () => { window.__prompted = true; };"
    " offer.userChoice = Promise.resolve({ outcome: 'accepted' });"
    " window.dispatchEvent(offer); }"
)
NOT_NOW = "localStorage.setItem('ms-install-dismissed', String(Date.now()));"
CONTROLLED = "navigator.serviceWorker && navigator.serviceWorker.controller !== null"


def test_installable_and_offline_shell(
    running_app: RunningApp, browser: Browser, tmp_path: Path
) -> None:
    base = running_app.base_url
    # A profile on disk: Chromium never offers installation in an incognito-like context.
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile",
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.goto(f"{base}/")
    assert page.locator('link[rel="manifest"]').get_attribute("href") == "/manifest.webmanifest"
    assert page.request.get(f"{base}/favicon.ico").status == 200
    page.wait_for_function(CONTROLLED, timeout=20_000)
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert '"display":"standalone"' in manifest["data"]
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], errors
    cdp.detach()

    page.evaluate(OFFER)
    install = page.get_by_test_id("install-app-bar")
    expect(install).to_be_visible()
    install.click()
    expect(install).to_be_hidden()
    assert page.evaluate("window.__prompted") is True

    page.goto(f"{base}/search")  # visited under the worker: kept for an offline reload
    expect(page.get_by_role("heading", name="Search", exact=False).first).to_be_visible()
    context.set_offline(True)
    page.reload()
    expect(page).to_have_title("Search · MicroShort")
    expect(page.get_by_label("MicroShort home")).to_be_visible()
    expect(page.get_by_test_id("offline-banner")).to_contain_text("Watch saved episodes")
    # A page never visited, in a new tab (the one above still runs the app, which is not what
    # an offline visitor opening a link from elsewhere has).
    unvisited = context.new_page()
    unvisited.goto(f"{base}/series/{OTHER.slug}")
    expect(unvisited.get_by_role("heading", name="You are offline")).to_be_visible()
    context.close()


def _log_in(page: Page, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(VIEWER)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Your account menu")).to_be_visible(timeout=30_000)


def _grant_season_one(app: RunningApp) -> int:
    """A purchase of the series' first season, as the ledger records one."""
    with psycopg.connect(app.database_url) as conn:
        row = conn.execute(
            "INSERT INTO entitlements (user_id, season_id, granted_at) SELECT u.id, s.id, now() "
            "FROM users u, seasons s JOIN series r ON r.id = s.series_id "
            "WHERE u.email = %s AND r.slug = %s AND s.number = 1 RETURNING id",
            (VIEWER, SERIES.slug),
        ).fetchone()
    assert row is not None
    return int(row[0])


def _save(page: Page, base: str, episode_id: int) -> None:
    page.goto(f"{base}/watch/{episode_id}")
    page.get_by_test_id("save-offline").click()
    expect(page.get_by_test_id("save-offline-status")).to_contain_text(
        "Saved for offline", timeout=20_000
    )
    expect(page.get_by_text("Saved", exact=True)).to_be_visible()


def test_save_for_offline_then_play_without_network(
    running_app: RunningApp, browser: Browser
) -> None:
    base, ids = running_app.base_url, running_app.episode_ids(SERIES.slug)
    entitlement = _grant_season_one(running_app)
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    context.add_init_script(NOT_NOW)
    page = context.new_page()
    _log_in(page, base)
    page.wait_for_function(CONTROLLED, timeout=20_000)
    _save(page, base, ids[0])  # free
    _save(page, base, ids[FREE_EPISODES])  # locked, bought
    refused = page.evaluate(
        "(id) => import('/pwa/offline-store.js').then((s) => s.saveEpisode(id))",
        running_app.episode_ids(OTHER.slug)[FREE_EPISODES],
    )
    assert refused == {
        "ok": False,
        "message": "Unlock this season to save its episodes for offline.",
    }

    page.goto(f"{base}/library")
    expect(page.get_by_test_id("offline-item")).to_have_count(2, timeout=20_000)
    expect(page.get_by_test_id("offline-usage")).to_contain_text("2 of 10 saved")
    expect(page.get_by_test_id("offline-usage")).to_contain_text("MB on this device")

    with psycopg.connect(running_app.database_url) as conn:  # refunded
        conn.execute("UPDATE entitlements SET revoked_at = now() WHERE id = %s", (entitlement,))
    page.reload()
    expect(page.get_by_text("1 saved episode was removed")).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("offline-item")).to_have_count(1)

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    page.get_by_role("button", name="Play").first.click()
    page.wait_for_function(
        "document.querySelector('[data-testid=offline-video]').currentTime > 0.5",
        timeout=15_000,
    )
    assert page.evaluate("document.querySelector('[data-testid=offline-video]').videoWidth") > 0
    context.close()


def test_ios_gets_the_add_to_home_screen_hint(running_app: RunningApp, browser: Browser) -> None:
    context = browser.new_context(**PHONE, user_agent=IOS_SAFARI)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{running_app.base_url}/")
    card = page.get_by_test_id("install-card")
    expect(card).to_be_visible()
    card.get_by_role("button", name="Install").click()
    expect(page.get_by_test_id("install-hint")).to_contain_text("Add to Home Screen")
    card.get_by_role("button", name="Not now").click()
    expect(card).to_be_hidden()
    page.reload()
    expect(page.get_by_label("MicroShort home")).to_be_visible()
    expect(page.get_by_test_id("install-card")).to_be_hidden()  # put off, not nagging
    context.close()
