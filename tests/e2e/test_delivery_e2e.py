"""How the running app delivers its bytes: hashed build assets compressed (Brotli, gzip) and
cached for a year, pages revalidated, covers as WebP variants chosen by srcset with the LCP image
fetched first, and a player that buffers about 12 s ahead and fetches the next episode's first
segment instead of the rest of this one."""

from __future__ import annotations

import gzip
import re
import urllib.request

import brotli
import pytest
from playwright.sync_api import Browser, Request

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp
from tests.e2e.player_probe import wait_until_playing

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[5]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
YEAR_IMMUTABLE = "public, max-age=31536000, immutable"
MAX_AHEAD_SECONDS = 15.5  # the cap (15 s) plus part of a 2 s segment in flight
_SEGMENT = re.compile(r"/media/hls/(\d+)/(\d+)/seg_(\d+)\.m4s")


def _get(url: str, encoding: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def _a_script(app: RunningApp) -> str:
    _, html = _get(app.base_url + "/", "identity")
    scripts = re.findall(r'"(/assets/[^"]+\.js)"', html.decode())
    assert scripts, "the home page names no hashed script"
    return app.base_url + scripts[0]


def test_hashed_assets_come_brotli_or_gzip_and_are_kept_a_year(running_app: RunningApp) -> None:
    url = _a_script(running_app)
    plain_headers, plain = _get(url, "identity")
    assert plain_headers.get("content-encoding") is None
    assert plain_headers["cache-control"] == YEAR_IMMUTABLE

    headers, body = _get(url, "br, gzip")
    assert headers["content-encoding"] == "br"
    assert headers["cache-control"] == YEAR_IMMUTABLE
    assert "accept-encoding" in headers["vary"].lower()
    assert brotli.decompress(body) == plain
    assert len(body) < len(plain) / 2

    headers, body = _get(url, "gzip")
    assert headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == YEAR_IMMUTABLE
    assert gzip.decompress(body) == plain


@pytest.mark.parametrize("path", ["/", f"/series/{SERIES.slug}", "/login"])
def test_pages_are_revalidated_every_time(running_app: RunningApp, path: str) -> None:
    headers, body = _get(running_app.base_url + path, "br")
    assert headers["content-type"].startswith("text/html")
    assert headers["cache-control"] == "no-cache"
    assert b"<html" in (brotli.decompress(body) if headers.get("content-encoding") else body)


def test_covers_are_webp_variants_and_the_hero_comes_first(
    running_app: RunningApp, browser: Browser
) -> None:
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(running_app.base_url + "/")
    page.get_by_role("heading", name="New releases").wait_for()
    hero = page.locator(".hero-slide img").first
    hero.wait_for()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=hero.element_handle()
    )
    assert hero.get_attribute("fetchpriority") == "high"
    assert hero.get_attribute("loading") != "lazy"
    assert ".w240.webp 240w" in (hero.get_attribute("srcset") or "")
    # A 120 CSS px cover on a phone is a small WebP, not the 600x900 JPEG.
    current = hero.evaluate("(img) => img.currentSrc")
    assert re.search(r"\.jpg\.w(160|240|360)\.webp$", current), current
    cards = page.locator(".series-card img")
    assert cards.count() > 4
    assert cards.nth(3).get_attribute("loading") == "lazy"
    assert cards.nth(3).get_attribute("fetchpriority") is None
    context.close()


def test_the_player_buffers_a_little_and_preloads_the_next_episode(
    running_app: RunningApp, browser: Browser
) -> None:
    first, second = running_app.episode_ids(SERIES.slug)[:2]
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    segments: list[tuple[int, int, int]] = []

    def seen(request: Request) -> None:
        match = _SEGMENT.search(request.url)
        if match:
            segments.append((int(match[1]), int(match[2]), int(match[3])))

    page.on("request", seen)
    page.goto(f"{running_app.base_url}/watch/{first}")
    wait_until_playing(page, min_seconds=4)
    page.wait_for_timeout(3000)
    at, end = page.eval_on_selector(
        '[data-testid="player-video"]',
        "(v) => [v.currentTime, v.buffered.length ? v.buffered.end(v.buffered.length - 1) : 0]",
    )
    assert 0 < end - at <= MAX_AHEAD_SECONDS, f"{end - at:.1f} s buffered ahead at {at:.1f} s"
    # Nothing of this 62 s episode past the cap was even requested (segments are 2 s long).
    furthest = max(number for episode, _, number in segments if episode == first)
    assert furthest * 2 <= at + MAX_AHEAD_SECONDS + 2, (at, segments)
    page.wait_for_function(
        "(id) => performance.getEntriesByType('resource').some((e) =>"
        " e.name.includes(`/media/hls/${id}/`) && /seg_\\d+\\.m4s/.test(e.name))",
        arg=second,
        timeout=15_000,
    )
    assert any(episode == second for episode, _, _ in segments)
    # A phone starts below 1080p: the first rendition fetched is not the top one.
    _, master = _get(f"{running_app.base_url}/media/hls/{first}/master.m3u8", "identity")
    heights = [int(h) for h in re.findall(r"RESOLUTION=\d+x(\d+)", master.decode())]
    first_rendition = next(rendition for episode, rendition, _ in segments if episode == first)
    assert heights[first_rendition] < max(heights), (heights, segments)
    context.close()
