"""WebP variants: made when a cover is stored, made on first request for older pictures, and
served with their type; deleted with the picture they belong to."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session
from starlette.testclient import TestClient

from microshort.api.routes import api_app
from microshort.bootstrap import media_storage
from microshort.content import editor
from microshort.integrations.image_variants import (
    COVER_WIDTHS,
    delete_with_variants,
    variant_key,
)
from microshort.integrations.storage.local import LocalMediaStorage
from tests.factories import make_creator, make_series


def _jpeg(width: int = 600, height: int = 900) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def client(app_settings: Callable[[str], Path], database_url: str) -> TestClient:
    app_settings(database_url)
    return TestClient(api_app())


def test_an_uploaded_cover_gets_every_variant(session: Session, storage: LocalMediaStorage) -> None:
    creator = make_creator(session)
    series = make_series(session, creator)
    editor.set_cover(
        session, storage, creator_id=creator.id or 0, series_id=series.id or 0, data=_jpeg()
    )
    assert series.cover_key
    for width in COVER_WIDTHS:
        image = Image.open(storage.local_path(variant_key(series.cover_key, width)))
        assert (image.format, image.size) == ("WEBP", (width, width * 3 // 2))


def test_an_older_cover_gets_its_variant_on_first_request(client: TestClient) -> None:
    storage = media_storage()
    asyncio.run(storage.put("public/covers/old-1.jpg", _jpeg()))
    url = "/media/public/covers/old-1.jpg.w240.webp"
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/webp"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert Image.open(io.BytesIO(response.content)).size == (240, 360)
    # Kept: the next request is served from storage, byte for byte the same.
    assert asyncio.run(storage.size("public/covers/old-1.jpg.w240.webp")) == len(response.content)
    assert client.get(url).content == response.content


@pytest.mark.parametrize(
    "path",
    [
        "/media/public/covers/missing.jpg.w240.webp",  # no such picture
        "/media/public/covers/old-2.jpg.w250.webp",  # a width we do not make
        "/media/private/covers/old-2.jpg.w240.webp",  # never anything private
    ],
)
def test_no_variant_without_a_public_source_and_a_known_width(
    client: TestClient, path: str
) -> None:
    asyncio.run(media_storage().put("public/covers/old-2.jpg", _jpeg()))
    asyncio.run(media_storage().put("private/covers/old-2.jpg", _jpeg()))
    assert client.get(path).status_code == 404
    assert asyncio.run(media_storage().size(path.removeprefix("/media/"))) is None


def test_a_replaced_cover_goes_with_its_variants(
    session: Session, storage: LocalMediaStorage
) -> None:
    creator = make_creator(session)
    series = make_series(session, creator)
    ids = {"creator_id": creator.id or 0, "series_id": series.id or 0}
    editor.set_cover(session, storage, data=_jpeg(), **ids)
    first = series.cover_key or ""
    old = editor.set_cover(session, storage, data=_jpeg(), **ids)
    assert old == first
    delete_with_variants(storage, old)
    assert not storage.local_path(first).exists()
    assert not any(storage.local_path(variant_key(first, w)).exists() for w in COVER_WIDTHS)
    assert storage.local_path(variant_key(series.cover_key or "", 240)).exists()
