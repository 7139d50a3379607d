"""/sitemap.xml and /robots.txt as search engines read them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from starlette.testclient import TestClient

from microshort.api.sitemap import sitemap_document
from microshort.content.sitemap import SitemapEntry, sitemap_entries
from microshort.db import make_engine, session_scope
from tests.public_pages_support import (
    LAST_CHANGE,
    PUBLIC_URL,
    Catalogue,
    committed_catalogue,
    crawler_client,
)

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")


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


def _parse(xml: str) -> ElementTree.Element:
    return ElementTree.fromstring(xml.encode())  # noqa: S314 (our own document)


def _urlset(xml: str) -> dict[str, str]:
    """loc -> lastmod, after checking the document is a valid urlset."""
    root = _parse(xml)
    assert root.tag == f"{NS}urlset"
    urls: dict[str, str] = {}
    for url in root:
        assert url.tag == f"{NS}url"
        assert [child.tag for child in url] == [f"{NS}loc", f"{NS}lastmod"]
        loc, lastmod = (child.text or "" for child in url)
        assert loc.startswith(PUBLIC_URL + "/"), loc
        assert W3C_DATETIME.match(lastmod), lastmod
        assert loc not in urls, "each URL once"
        urls[loc] = lastmod
    return urls


def test_sitemap_lists_every_public_page_and_nothing_private(
    client: TestClient, catalogue: tuple[str, Catalogue]
) -> None:
    made = catalogue[1]
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    urls = _urlset(response.text)
    free = [f"{PUBLIC_URL}/watch/{episode_id}" for episode_id in made.episodes[:3]]
    expected = {
        f"{PUBLIC_URL}/",
        f"{PUBLIC_URL}/search",
        f"{PUBLIC_URL}/series/{made.series.slug}",
        f"{PUBLIC_URL}/series/{made.other_series.slug}",
        *free,
        f"{PUBLIC_URL}/creators/{made.creator_slug}",
        f"{PUBLIC_URL}/genres/revenge",
        f"{PUBLIC_URL}/genres/romance",
    }
    # Locked episodes, episodes without a playable video, hidden and draft series, creators
    # not approved, and the private areas are never listed.
    assert set(urls) == expected
    # lastmod comes from the rows: the series changed when its episode did.
    last = LAST_CHANGE.isoformat()
    assert urls[f"{PUBLIC_URL}/series/{made.series.slug}"] == last
    assert urls[free[2]] == last
    assert urls[f"{PUBLIC_URL}/creators/{made.creator_slug}"] == last
    assert urls[f"{PUBLIC_URL}/genres/revenge"] == last
    assert urls[free[0]] < last


def test_past_the_url_limit_the_sitemap_is_an_index(catalogue: tuple[str, Catalogue]) -> None:
    engine = make_engine(catalogue[0])
    with session_scope(engine) as session:
        entries = sitemap_entries(session)
    engine.dispose()
    assert len(entries) == 10
    index = _parse(sitemap_document(entries, PUBLIC_URL, limit=4) or "")
    assert index.tag == f"{NS}sitemapindex"
    parts = [(s.find(f"{NS}loc").text, s.find(f"{NS}lastmod").text) for s in index]  # type: ignore[union-attr]
    assert [loc for loc, _ in parts] == [f"{PUBLIC_URL}/sitemaps/{n}.xml" for n in (1, 2, 3)]
    assert all(W3C_DATETIME.match(lastmod or "") for _, lastmod in parts)
    listed: list[str] = []
    for page in (1, 2, 3):
        urls = _urlset(sitemap_document(entries, PUBLIC_URL, page=page, limit=4) or "")
        assert 1 <= len(urls) <= 4
        listed += urls
    assert listed == list(_urlset(sitemap_document(entries, PUBLIC_URL) or ""))
    assert sitemap_document(entries, PUBLIC_URL, page=4, limit=4) is None
    assert sitemap_document(entries, PUBLIC_URL, page=0, limit=4) is None


def test_no_sitemap_parts_below_the_limit(client: TestClient) -> None:
    assert client.get("/sitemaps/1.xml").status_code == 404


def test_sitemap_document_escapes_and_dates() -> None:
    moment = datetime.fromisoformat("2026-12-03T13:25:53.5+02:00")
    xml = sitemap_document([SitemapEntry("/genres/a%26b", moment)], "https://x.example") or ""
    assert _urlset_loose(xml) == {"https://x.example/genres/a%26b": "2026-12-03T11:25:53+00:00"}


def _urlset_loose(xml: str) -> dict[str, str]:
    root = _parse(xml)
    return {url[0].text or "": url[1].text or "" for url in root}


def test_robots_txt_names_the_sitemap_and_keeps_out_of_private_areas(client: TestClient) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {PUBLIC_URL}/sitemap.xml" in lines
    disallowed = {line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")}
    assert {"/studio", "/admin", "/account", "/api/", "/checkout", "/library"} <= disallowed
    assert not {"/series", "/watch", "/creators", "/genres", "/media", "/og"} & disallowed
