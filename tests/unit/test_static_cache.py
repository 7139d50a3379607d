"""Cache headers on the built frontend, through Reflex's own static file server."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
from reflex.utils.precompressed_staticfiles import PrecompressedStaticFiles
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from microshort.api.static_cache import IMMUTABLE, with_static_cache_headers

SCRIPT = b"export const hello = () => 'hello';\n" * 50


def _client(build: Path) -> TestClient:
    (build / "assets").mkdir()
    (build / "assets" / "app-1a2b3c.js").write_bytes(SCRIPT)
    (build / "assets" / "app-1a2b3c.js.br").write_bytes(brotli.compress(SCRIPT))
    (build / "assets" / "app-1a2b3c.js.gz").write_bytes(gzip.compress(SCRIPT))
    (build / "index.html").write_text("<!DOCTYPE html><html><body>home</body></html>")
    api = Route(
        "/api/thing", lambda request: JSONResponse({}, headers={"Cache-Control": "no-store"})
    )
    files = PrecompressedStaticFiles(directory=build, html=True, encodings=["brotli", "gzip"])
    app = Starlette(routes=[api, Mount("/", app=files)])
    return TestClient(with_static_cache_headers(app))


def test_hashed_assets_are_immutable_in_every_encoding(tmp_path: Path) -> None:
    client = _client(tmp_path)
    for encoding in ("br", "gzip"):
        response = client.get("/assets/app-1a2b3c.js", headers={"Accept-Encoding": encoding})
        assert response.headers["cache-control"] == IMMUTABLE
        assert response.headers["content-encoding"] == encoding
        assert response.content == SCRIPT  # the client decoded the sidecar
    plain = client.get("/assets/app-1a2b3c.js", headers={"Accept-Encoding": "identity"})
    assert plain.headers["cache-control"] == IMMUTABLE
    assert plain.content == SCRIPT


def test_a_revalidation_keeps_the_long_lifetime(tmp_path: Path) -> None:
    client = _client(tmp_path)
    etag = client.get("/assets/app-1a2b3c.js").headers["etag"]
    again = client.get("/assets/app-1a2b3c.js", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["cache-control"] == IMMUTABLE


def test_pages_are_revalidated_and_other_routes_keep_their_own(tmp_path: Path) -> None:
    client = _client(tmp_path)
    page = client.get("/")
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-cache"
    assert client.get("/api/thing").headers["cache-control"] == "no-store"
    assert client.get("/assets/missing-1a2b.js").headers.get("cache-control") != IMMUTABLE
