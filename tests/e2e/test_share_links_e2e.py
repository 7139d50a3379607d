"""Share from the watch page in Chromium and follow the link as someone else would: the copied
address is a short /s/ link, a preview bot (plain HTTP, no JavaScript) reads the episode's own
preview from it, and a fresh browser lands on the episode with the visit attributed to it."""

from __future__ import annotations

import re
import time

import httpx
import psycopg
import pytest
from playwright.sync_api import Browser, expect

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp
from tests.public_pages_support import read_page

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[4]  # the watch rail tests' one-season series
NO_WEB_SHARE = "delete Navigator.prototype.share; delete navigator.share;"


def _preview(url: str) -> str:
    """The link as WhatsApp's preview fetcher reads it: plain HTTP, no redirect followed."""
    response = httpx.get(url, headers={"User-Agent": "WhatsApp/2.23.20.0 A"}, timeout=10)
    assert response.status_code == 200  # the preview itself, no redirect
    return response.text


def _touch(app: RunningApp, anonymous_id: str) -> tuple[int, str, int] | None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with psycopg.connect(app.database_url) as conn:
            row = conn.execute(
                "SELECT t.episode_id, l.channel, l.clicks FROM attribution_touches t"
                " JOIN share_links l ON l.id = t.share_link_id WHERE t.anonymous_id = %s",
                (anonymous_id,),
            ).fetchone()
        if row:
            return int(row[0]), str(row[1]), int(row[2])
        time.sleep(0.2)
    return None


def test_a_shared_episode_link_previews_and_brings_the_visitor(
    running_app: RunningApp, browser: Browser
) -> None:
    base = running_app.base_url
    episode = running_app.episode_ids(SERIES.slug)[0]
    sharer = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    sharer.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    sharer.add_init_script(NO_WEB_SHARE)
    page = sharer.new_page()
    page.goto(f"{base}/watch/{episode}")
    expect(page).to_have_title(re.compile(re.escape(SERIES.title)), timeout=60_000)
    page.get_by_role("button", name="Share this episode").click()
    expect(page.get_by_test_id("share-status")).to_have_text("Link copied", timeout=10_000)
    link = str(page.evaluate("navigator.clipboard.readText()"))
    assert re.fullmatch(re.escape(base) + r"/s/[A-Za-z0-9]{8}", link), link
    sharer.close()

    preview = read_page(_preview(link))
    assert preview.one("og:url") == f"{base}/watch/{episode}"
    assert preview.one("og:image").startswith(f"{base}/og/episodes/{episode}.jpg")
    assert SERIES.title in preview.one("og:title")
    assert preview.one("twitter:card") == "summary_large_image"

    friend = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = friend.new_page()
    page.goto(link)
    expect(page).to_have_url(f"{base}/watch/{episode}", timeout=30_000)
    expect(page).to_have_title(re.compile(re.escape(SERIES.title)), timeout=60_000)
    visitor = next(c for c in friend.cookies() if c["name"] == "ms_anon")
    assert visitor["httpOnly"]
    assert page.evaluate("document.cookie").find("ms_anon") == -1
    assert _touch(running_app, visitor["value"].split(".")[0]) == (episode, "copy", 1)
    friend.close()
