"""Link-preview pictures: 1200x630, made once per version, a new one when the title changes."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session
from starlette.testclient import TestClient

from microshort.bootstrap import media_storage
from microshort.content.models import Series
from microshort.db import make_engine
from microshort.integrations.thumbnails.local import render_cover
from tests.public_pages_support import (
    PUBLIC_URL,
    Catalogue,
    committed_catalogue,
    crawler_client,
    read_page,
)


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


def _og_image(client: TestClient, path: str) -> str:
    image = read_page(client.get(path).text).one("og:image")
    assert image.startswith(PUBLIC_URL)
    return image[len(PUBLIC_URL) :]


def _picture(client: TestClient, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert "max-age" in response.headers["cache-control"]
    with Image.open(io.BytesIO(response.content)) as picture:
        assert (picture.format, picture.size) == ("JPEG", (1200, 630))
    return response.content


def test_series_picture_is_made_once_and_remade_for_a_new_title(
    client: TestClient, catalogue: tuple[str, Catalogue]
) -> None:
    url, made = catalogue
    slug = made.series.slug
    cover = render_cover(title="Cover", genre="Revenge", seed=3)
    asyncio.run(media_storage().put(f"public/covers/{slug}.jpg", cover))
    first = _og_image(client, f"/series/{slug}")
    body = _picture(client, first)
    version = first.split("v=")[1]
    stored = f"public/og/series/{slug}-{version}.jpg"
    assert asyncio.run(media_storage().read(stored)) == body
    assert _picture(client, first) == body  # the stored one, not a new render

    engine = make_engine(url)
    with Session(engine) as session:
        series = session.get(Series, made.series.id)
        assert series is not None
        old_title, series.title = series.title, "A Brand New Title"
        session.add(series)
        session.commit()
    try:
        second = _og_image(client, f"/series/{slug}")
        assert second != first
        assert _picture(client, second) != body
    finally:
        with Session(engine) as session:
            series = session.get(Series, made.series.id)
            assert series is not None
            series.title = old_title
            session.add(series)
            session.commit()
        engine.dispose()


def test_episode_and_default_pictures(client: TestClient, catalogue: tuple[str, Catalogue]) -> None:
    made = catalogue[1]
    episode = _og_image(client, f"/watch/{made.episodes[0]}")
    assert episode.startswith(f"/og/episodes/{made.episodes[0]}.jpg?v=")
    _picture(client, episode)
    home = _og_image(client, "/")
    assert home == "/og/default.jpg"
    _picture(client, home)


@pytest.mark.parametrize(
    "path", ["/og/series/{hidden}.jpg", "/og/series/NOT-A-SLUG.jpg", "/og/episodes/{hidden_ep}.jpg"]
)
def test_no_pictures_of_unlisted_things(
    client: TestClient, catalogue: tuple[str, Catalogue], path: str
) -> None:
    made = catalogue[1]
    concrete = path.format(hidden=made.hidden_slug, hidden_ep=made.hidden_episode)
    assert client.get(concrete).status_code == 404
