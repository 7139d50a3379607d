"""The running app's public pages: what curl gets (the crawler's view), then the same page in
Chromium, where the app takes over with the same title and no second copy of the content."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp
from tests.public_pages_support import read_page

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[0]


def _get(url: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"User-Agent": "curl/8.5.0"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_series_page_for_crawlers_then_in_chromium(running_app: RunningApp, desktop: Page) -> None:
    base = running_app.base_url
    status, _, html = _get(f"{base}/series/{SERIES.slug}")
    assert status == 200
    served = read_page(html)
    title = f"{SERIES.title} · MicroShort"
    assert served.titles == [title]
    assert served.h1 == [SERIES.title]
    assert served.one("og:url") == f"{base}/series/{SERIES.slug}"
    assert served.typed("TVSeries")["name"] == SERIES.title
    assert len(served.visible.split()) > 150  # the logline, the episode list, the creator
    assert sum(a.startswith("/watch/") for a in served.anchors) >= 10
    # The OG picture the head names is there.
    picture = served.one("og:image")
    with urllib.request.urlopen(picture, timeout=60) as response:  # noqa: S310
        assert response.headers["Content-Type"] == "image/jpeg"

    errors: list[str] = []
    desktop.on("pageerror", lambda error: errors.append(str(error)))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "hydrat" in message.text.lower():
            errors.append(message.text)

    desktop.on("console", on_console)
    desktop.goto(f"{base}/series/{SERIES.slug}", wait_until="domcontentloaded")
    # The crawler's block is gone before the app renders: never painted, never duplicated.
    assert desktop.locator("#ms-prerender").count() == 0
    seen = set()
    for _ in range(10):  # while the app boots and loads: the tab's title never changes
        seen.add(desktop.title())
        desktop.wait_for_timeout(250)
    assert seen == {title}
    heading = desktop.get_by_role("heading", level=1, name=SERIES.title)
    expect(heading).to_be_visible(timeout=30_000)
    expect(desktop.locator("a.play-series")).to_be_visible()
    desktop.wait_for_timeout(1000)
    assert desktop.title() == title
    assert desktop.get_by_role("heading", level=1).count() == 1
    assert desktop.get_by_text(SERIES.logline, exact=True).count() == 1
    assert errors == []

    # Into an episode inside the app: the document title follows, as served for that page.
    desktop.locator("a.play-series").click()
    expect(desktop).to_have_url(re.compile(r"/watch/\d+$"))
    episode_status, _, episode_html = _get(desktop.url)
    assert episode_status == 200
    expect(desktop).to_have_title(read_page(episode_html).titles[0], timeout=30_000)
    assert errors == []


def test_missing_and_private_pages_for_crawlers(running_app: RunningApp) -> None:
    base = running_app.base_url
    status, _, html = _get(f"{base}/series/no-such-series")
    assert status == 404
    assert read_page(html).one("robots") == "noindex"
    for path in ("/studio", "/admin", "/account", "/login"):
        _, headers, _ = _get(base + path)
        assert "noindex" in headers.get("x-robots-tag", ""), path
    status, _, robots = _get(f"{base}/robots.txt")
    assert status == 200
    assert f"Sitemap: {base}/sitemap.xml" in robots
    status, _, sitemap = _get(f"{base}/sitemap.xml")
    assert status == 200
    assert f"<loc>{base}/series/{SERIES.slug}</loc>" in sitemap
    assert "/studio" not in sitemap
    assert "/login" not in sitemap
