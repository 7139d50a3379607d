"""A small catalogue committed to its own database, a small Reflex-like shell, and helpers to
read a served page the way a crawler does (plain HTML, no JavaScript)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.public_pages import shell
from microshort.api.routes import api_app
from microshort.content.models import Episode, Season, Series, VideoAsset
from microshort.db import make_engine
from microshort.users.models import ApprovalStatus
from tests.factories import episode_ids, make_creator, make_series

PUBLIC_URL = "https://microshort.example"
# The last change in the listed series (an episode edited then): its sitemap lastmod.
LAST_CHANGE = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
TRICKY_TITLE = 'Love & "Lies" </script><script>alert(1)</script>'
_GENERIC = (
    '<meta content="Generic description" name="description"/>'
    '<meta content="favicon.ico" property="og:image"/>'
)


def write_shells(folder: Path) -> Path:
    """Files shaped like Reflex's build: the fallback has no title, static pages have one."""
    folder.mkdir(parents=True, exist_ok=True)
    body = '<body><div id="root-app">app</div><script type="module">boot()</script></body>'
    for name, title in (
        ("__spa-fallback.html", ""),
        ("404.html", ""),
        ("index.html", "<title>MicroShort: vertical micro-dramas</title>"),
        ("search.html", "<title>Search · MicroShort</title>"),
    ):
        (folder / name).write_text(
            f'<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>{_GENERIC}{title}'
            f'<link rel="modulepreload" href="/assets/app.js"/></head>{body}</html>'
        )
    return folder


@dataclass
class Catalogue:
    series: Series  # listed, two seasons (2 + 3 episodes), 3 free
    episodes: list[int]  # its episodes in watching order
    creator_slug: str
    hidden_slug: str
    draft_slug: str
    hidden_episode: int  # an episode of the hidden series
    unpublished_episode: int  # a processing episode of the listed series
    pending_creator_slug: str
    other_series: Series  # a second listed series, Romance, featured


def make_catalogue(session: Session) -> Catalogue:
    creator = make_creator(session, "Mira </script> Okafor")
    creator.bio = "Stories of <b>revenge</b> & second chances."
    creator.links = ["https://example.com/mira", "javascript:alert(1)"]
    series = make_series(session, creator, title=TRICKY_TITLE, episodes=(2, 3), genre="Revenge")
    series.logline = "She left at the altar. She came back with <em>receipts</em>."
    series.cover_key = f"public/covers/{series.slug}.jpg"
    series.tags = ["weddings"]
    ids = episode_ids(session, series)
    seasons = session.exec(select(Season).where(Season.series_id == series.id)).all()
    for season in seasons:
        season.price_cents, season.currency = (499, "USD") if season.number == 1 else (599, "USD")
    for episode in session.exec(select(Episode).where(col(Episode.id).in_(ids))).all():
        asset = VideoAsset(provider="local", status="ready", playback_id=f"p{episode.id}")
        session.add(asset)
        session.flush()
        episode.video_asset_id = asset.id
        episode.synopsis = f"Synopsis of {episode.title}."
        episode.poster_key = f"public/posters/episode-{episode.id}.jpg"
        if episode.id == ids[2]:
            episode.updated_at = LAST_CHANGE
    extra = Episode(season_id=seasons[0].id or 0, number=9, title="Not yet", status="processing")
    session.add(extra)
    other = make_series(session, creator, title="Second Chances", genre="Romance", episodes=(3,))
    other.featured_rank = 1
    other.cover_key = f"public/covers/{other.slug}.jpg"
    hidden = make_series(session, creator, title="Taken Down", status="hidden")
    draft = make_series(session, creator, title="Still Drafting", status="draft")
    pending = make_creator(session, "Waiting Studio")
    pending.approval_status = ApprovalStatus.PENDING
    session.add_all([creator, series, other, pending, *seasons])
    session.flush()
    return Catalogue(
        series=series,
        episodes=ids,
        creator_slug=creator.slug,
        hidden_slug=hidden.slug,
        draft_slug=draft.slug,
        hidden_episode=episode_ids(session, hidden)[0],
        unpublished_episode=extra.id or 0,
        pending_creator_slug=pending.slug,
        other_series=other,
    )


@dataclass
class CrawlerView:
    """What a crawler reads in a page: head tags, JSON-LD, visible text and links."""

    titles: list[str] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def one(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, (name, values)
        return values[0]

    def typed(self, kind: str) -> dict[str, Any]:
        found = [item for item in self.json_ld if item.get("@type") == kind]
        assert len(found) == 1, (kind, [item.get("@type") for item in self.json_ld])
        return found[0]

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.view = CrawlerView()
        self._stack: list[str] = []
        self._ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta" and ("name" in values or "property" in values):
            key = values.get("property") or values["name"]
            self.view.meta.setdefault(key, []).append(values.get("content", ""))
        elif tag == "link":
            self.view.links.setdefault(values.get("rel", ""), []).append(values)
        elif tag == "a":
            self.view.anchors.append(values.get("href", ""))
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._ld = []
        if tag not in {"meta", "link", "img", "br", "input"}:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._ld is not None:
            self.view.json_ld.append(json.loads("".join(self._ld)))
            self._ld = None
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._ld is not None:
            self._ld.append(data)
        elif self._stack and self._stack[-1] == "title":
            self.view.titles.append(data)
        elif self._stack and self._stack[-1] == "h1":
            self.view.h1.append(data)
            self.view.text.append(data)
        elif "script" not in self._stack and "style" not in self._stack:
            self.view.text.append(data)


def read_page(html: str) -> CrawlerView:
    reader = _Reader()
    reader.feed(html)
    return reader.view


def committed_catalogue(make_database: Callable[[], str]) -> tuple[str, Catalogue]:
    """A fresh migrated database holding the catalogue, committed (the routes read it)."""
    url = make_database()
    migrations.upgrade(url)
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        made = make_catalogue(session)
        session.commit()
    engine.dispose()
    return url, made


@contextmanager
def crawler_client(
    database_url: str,
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[TestClient]:
    """A client of the app's routes on that database, shells from a small build of its own."""
    monkeypatch.setenv("MICROSHORT_PUBLIC_URL", PUBLIC_URL)
    app_settings(database_url)
    shell.use_build_dir(write_shells(tmp_path / "build"))
    try:
        yield TestClient(api_app())
    finally:
        shell.use_build_dir(shell.FRONTEND_BUILD)
