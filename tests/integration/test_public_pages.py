"""Public pages as a crawler or a link-preview bot reads them: plain HTTP, no JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from microshort.api.public_pages import render_public_page
from microshort.db import get_engine
from microshort.integrations.image_variants import (
    HERO_SIZES,
    POSTER_WIDTH,
    SERIES_COVER_SIZES,
    srcset,
)
from tests.public_pages_support import (
    PUBLIC_URL,
    TRICKY_TITLE,
    Catalogue,
    CrawlerView,
    committed_catalogue,
    crawler_client,
    read_page,
)

BASE = PUBLIC_URL


@pytest.fixture(scope="module")
def catalogue(make_database: Callable[[], str]) -> tuple[str, Catalogue]:
    return committed_catalogue(make_database)


@pytest.fixture
def client(
    catalogue: tuple[str, Catalogue],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[TestClient]:
    with crawler_client(catalogue[0], app_settings, monkeypatch, tmp_path) as client:
        yield client


def crawl(client: TestClient, path: str, status: int = 200) -> CrawlerView:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    assert response.headers["content-type"].startswith("text/html")
    return read_page(response.text)


def assert_complete_head(view: CrawlerView, *, title: str, url: str, og_type: str) -> None:
    assert view.titles == [title]
    assert view.one("og:title") == view.one("twitter:title") == title
    description = view.one("description")
    assert description
    assert "Generic description" not in description
    assert view.one("og:description") == view.one("twitter:description") == description
    assert [link["href"] for link in view.links["canonical"]] == [url]
    assert view.one("og:url") == url
    assert view.one("og:type") == og_type
    assert view.one("og:site_name") == "MicroShort"
    image = view.one("og:image")
    assert image.startswith(BASE + "/og/")
    assert view.one("twitter:image") == image
    assert (view.one("og:image:width"), view.one("og:image:height")) == ("1200", "630")
    assert view.one("twitter:card") == "summary_large_image"
    assert "robots" not in view.meta


def test_series_page(client: TestClient, catalogue: tuple[str, Catalogue]) -> None:
    made = catalogue[1]
    url = f"{BASE}/series/{made.series.slug}"
    view = crawl(client, f"/series/{made.series.slug}")
    assert_complete_head(
        view, title=f"{TRICKY_TITLE} · MicroShort", url=url, og_type="video.tv_show"
    )
    assert view.one("description") == made.series.logline
    series = view.typed("TVSeries")
    assert series["name"] == TRICKY_TITLE
    assert series["url"] == url
    assert (series["numberOfSeasons"], series["numberOfEpisodes"]) == (2, 5)
    assert series["genre"] == "Revenge"
    assert series["author"] == {
        "@type": "Person",
        "name": "Mira </script> Okafor",
        "url": f"{BASE}/creators/{made.creator_slug}",
    }
    offers = {(o["name"], o["price"], o["priceCurrency"]) for o in series["offers"]}
    assert offers == {("Season 1", "4.99", "USD"), ("Season 2", "5.99", "USD")}
    crumbs = view.typed("BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{BASE}/", f"{BASE}/genres/revenge", url]
    # Visible content: h1, logline, every published episode linked, the creator linked.
    assert view.h1 == [TRICKY_TITLE]
    assert "She left at the altar. She came back with <em>receipts</em>." in view.visible
    for episode_id in made.episodes:
        assert f"/watch/{episode_id}" in view.anchors
    assert f"/watch/{made.unpublished_episode}" not in view.anchors
    assert f"/creators/{made.creator_slug}" in view.anchors
    assert "Mira </script> Okafor" in view.visible
    # The LCP image: the cover with the same srcset/sizes the page's <img> uses (so the
    # browser preloads the very WebP it then shows), fetched first and eagerly.
    cover = f"/media/public/covers/{made.series.slug}.jpg"
    preload = view.links["preload"]
    assert preload == [
        {
            "rel": "preload",
            "as": "image",
            "fetchpriority": "high",
            "href": cover,
            "imagesrcset": srcset(cover),
            "imagesizes": SERIES_COVER_SIZES,
        }
    ]
    assert f"{cover}.w240.webp 240w" in preload[0]["imagesrcset"]


def test_nothing_from_the_database_breaks_out_of_its_tag(
    client: TestClient, catalogue: tuple[str, Catalogue]
) -> None:
    html = client.get(f"/series/{catalogue[1].series.slug}").text
    assert "<script>alert(1)</script>" not in html
    assert "<em>receipts</em>" not in html
    assert "<b>revenge</b>" not in html
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert "<" not in block
        assert ">" not in block
    assert html.count("<title>") == 1
    assert 'content="Generic description"' not in html
    assert "favicon.ico" not in html


def test_free_episode_page(client: TestClient, catalogue: tuple[str, Catalogue]) -> None:
    made = catalogue[1]
    episode_id = made.episodes[0]
    url = f"{BASE}/watch/{episode_id}"
    view = crawl(client, f"/watch/{episode_id}")
    title = f"{TRICKY_TITLE} · Ep 1: Ep 1 · MicroShort"
    assert_complete_head(view, title=title, url=url, og_type="video.episode")
    assert view.one("og:video") == f"{BASE}/media/hls/{episode_id}/master.m3u8"
    assert view.one("og:video:type") == "application/x-mpegURL"
    episode = view.typed("TVEpisode")
    assert episode["name"] == "Ep 1"
    assert episode["description"] == "Synopsis of Ep 1."
    assert episode["isAccessibleForFree"] is True
    assert episode["duration"] == "PT1M30S"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*", episode["uploadDate"])
    assert episode["partOfSeries"] == {
        "@type": "TVSeries",
        "name": TRICKY_TITLE,
        "url": f"{BASE}/series/{made.series.slug}",
    }
    assert view.one("og:image") in episode["thumbnailUrl"]
    video = episode["video"]
    assert video["@type"] == "VideoObject"
    for key in ("name", "description", "thumbnailUrl", "uploadDate", "duration"):
        assert video[key] == episode[key]
    assert video["contentUrl"] == view.one("og:video")
    assert video["isAccessibleForFree"] is True
    assert view.h1 == ["Ep 1"]
    assert f"/series/{made.series.slug}" in view.anchors
    assert f"/watch/{made.episodes[1]}" in view.anchors  # the next episode
    # The poster the player shows: its WebP variant.
    poster = f"/media/public/posters/episode-{episode_id}.jpg.w{POSTER_WIDTH}.webp"
    assert view.links["preload"][0]["href"] == poster


def test_locked_episode_page_offers_no_video(
    client: TestClient, catalogue: tuple[str, Catalogue]
) -> None:
    view = crawl(client, f"/watch/{catalogue[1].episodes[3]}")
    assert "og:video" not in view.meta
    episode = view.typed("TVEpisode")
    assert episode["isAccessibleForFree"] is False
    assert "contentUrl" not in episode["video"]
    assert "Unlock the season to watch" in view.visible


def test_creator_page(client: TestClient, catalogue: tuple[str, Catalogue]) -> None:
    made = catalogue[1]
    url = f"{BASE}/creators/{made.creator_slug}"
    view = crawl(client, f"/creators/{made.creator_slug}")
    assert_complete_head(
        view, title="Mira </script> Okafor · MicroShort", url=url, og_type="profile"
    )
    assert view.one("description") == "Stories of <b>revenge</b> & second chances."
    person = view.typed("Person")
    assert person["name"] == "Mira </script> Okafor"
    assert person["url"] == url
    assert person["sameAs"] == ["https://example.com/mira"]  # never a javascript: link
    assert "javascript:alert(1)" not in view.anchors
    assert f"/series/{made.series.slug}" in view.anchors
    assert f"/series/{made.hidden_slug}" not in view.anchors


def test_genre_page(client: TestClient, catalogue: tuple[str, Catalogue]) -> None:
    made = catalogue[1]
    view = crawl(client, "/genres/Romance")
    assert_complete_head(
        view, title="Romance series · MicroShort", url=f"{BASE}/genres/romance", og_type="website"
    )
    assert view.h1 == ["Romance series"]
    assert f"/series/{made.other_series.slug}" in view.anchors
    assert f"/series/{made.series.slug}" not in view.anchors
    listed = view.typed("ItemList")["itemListElement"]
    assert [item["url"] for item in listed] == [f"{BASE}/series/{made.other_series.slug}"]


def test_home_and_search_landing(client: TestClient, catalogue: tuple[str, Catalogue]) -> None:
    made = catalogue[1]
    home = crawl(client, "/")
    assert_complete_head(
        home, title="MicroShort: vertical micro-dramas", url=f"{BASE}/", og_type="website"
    )
    assert home.typed("WebSite")["potentialAction"]["@type"] == "SearchAction"
    assert f"/series/{made.series.slug}" in home.anchors
    assert "/genres/romance" in home.anchors
    # The hero shows the first featured series: its cover is the LCP image.
    hero = f"/media/public/covers/{made.other_series.slug}.jpg"
    assert home.links["preload"][0]["href"] == hero
    assert home.links["preload"][0]["imagesrcset"] == srcset(hero)
    assert home.links["preload"][0]["imagesizes"] == HERO_SIZES
    search = crawl(client, "/search")
    assert_complete_head(
        search, title="Search · MicroShort", url=f"{BASE}/search", og_type="website"
    )
    results = client.get("/search?q=revenge")
    assert results.headers["x-robots-tag"] == "noindex"
    assert read_page(results.text).one("robots") == "noindex"


@pytest.mark.parametrize(
    "path",
    [
        "/series/no-such-series",
        "/series/{hidden}",
        "/series/{draft}",
        "/watch/{hidden_episode}",
        "/watch/{unpublished_episode}",
        "/watch/999999",
        "/watch/99999999999999999999",
        "/watch/abc",
        "/creators/{pending}",
        "/creators/nobody-here",
        "/genres/westerns",
    ],
)
def test_hidden_unpublished_and_missing_are_real_404s(
    client: TestClient, catalogue: tuple[str, Catalogue], path: str
) -> None:
    made = catalogue[1]
    concrete = path.format(
        hidden=made.hidden_slug,
        draft=made.draft_slug,
        hidden_episode=made.hidden_episode,
        unpublished_episode=made.unpublished_episode,
        pending=made.pending_creator_slug,
    )
    response = client.get(concrete)
    assert response.status_code == 404
    assert response.headers["x-robots-tag"] == "noindex"
    view = read_page(response.text)
    assert view.one("robots") == "noindex"
    assert view.titles == ["Not found · MicroShort"]
    assert "Taken Down" not in response.text
    assert "Still Drafting" not in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/studio",
        "/studio/series/1",
        "/admin/reports",
        "/account",
        "/checkout/cs_test_1",
        "/purchase/complete",
        "/purchases",
        "/library",
        "/login",
        "/signup",
        "/reset-password/abc",
        "/api/health",
    ],
)
def test_private_pages_say_noindex(client: TestClient, path: str) -> None:
    assert "noindex" in client.get(path).headers["x-robots-tag"]


@pytest.mark.parametrize("path", ["/", "/series/x", "/studios-of-the-world", "/media/public/a.jpg"])
def test_public_addresses_carry_no_private_noindex(client: TestClient, path: str) -> None:
    assert "nofollow" not in client.get(path).headers.get("x-robots-tag", "")


def test_render_public_page_answers_for_another_route(
    client: TestClient, catalogue: tuple[str, Catalogue]
) -> None:
    """The share links' /s/<code> gives link-preview bots exactly the episode page."""
    episode_id = catalogue[1].episodes[0]

    async def share(request: Request) -> Response:
        return await render_public_page(request, f"/watch/{episode_id}")

    preview = TestClient(Starlette(routes=[Route("/s/{code}", share)])).get("/s/abc123")
    direct = client.get(f"/watch/{episode_id}")
    assert preview.status_code == 200
    assert preview.text == direct.text


@pytest.mark.parametrize(
    ("path", "most"),
    [("/", 1), ("/series/{slug}", 1), ("/watch/{episode}", 3), ("/creators/{creator}", 2)],
)
def test_each_page_costs_a_few_statements(
    client: TestClient, catalogue: tuple[str, Catalogue], path: str, most: int
) -> None:
    made = catalogue[1]
    concrete = path.format(
        slug=made.series.slug, episode=made.episodes[0], creator=made.creator_slug
    )
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = get_engine()
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(concrete).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert 1 <= len(statements) <= most, statements
