"""HTTP routes: health, and public media that never leaks anything else."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from microshort.api.routes import api_app
from microshort.bootstrap import media_storage


@pytest.fixture
def client(app_settings: Callable[[str], Path], database_url: str) -> TestClient:
    app_settings(database_url)
    return TestClient(api_app())


def test_health_reports_the_database(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"
    assert response.json()["redis"] == "not configured"


def test_health_says_when_the_database_is_gone(
    app_settings: Callable[[str], Path],
) -> None:
    app_settings("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")
    response = TestClient(api_app()).get("/api/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_public_images_are_served_with_type_and_cache(client: TestClient) -> None:
    jpeg = b"\xff\xd8\xff" + b"x" * 2000
    asyncio.run(media_storage().put("public/covers/sample-1.jpg", jpeg))
    response = client.get("/media/public/covers/sample-1.jpg")
    assert response.status_code == 200
    assert response.content == jpeg
    assert response.headers["content-type"] == "image/jpeg"
    assert "max-age" in response.headers["cache-control"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/media/private/episodes/1/master.m3u8",
        "/media/public/../private/x.jpg",
        "/media/public/%2e%2e/%2e%2e/etc/passwd",
        "/media/public/covers/missing.jpg",
        "/media/public/.secret",
    ],
)
def test_anything_but_an_existing_public_file_is_not_found(client: TestClient, path: str) -> None:
    asyncio.run(media_storage().put("private/episodes/1/master.m3u8", b"#EXTM3U"))
    assert client.get(path).status_code == 404
