"""Every response carries the security headers: CSP, nosniff, frame refusal, referrer and
permissions policies, and HSTS only when the public address is https."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.api.security_headers import content_security_policy
from microshort.config import Settings


@pytest.fixture
def client(
    make_database: Callable[[], str],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[str], TestClient]:
    url = make_database()
    migrations.upgrade(url)

    def make(public_url: str) -> TestClient:
        monkeypatch.setenv("MICROSHORT_PUBLIC_URL", public_url)
        app_settings(url)
        return TestClient(api_app())

    return make


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.parametrize("path", ["/api/health", "/robots.txt", "/media/public/missing.jpg"])
def test_every_response_has_the_headers(client: Callable[[str], TestClient], path: str) -> None:
    response = client("http://127.0.0.1:3000").get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    # hls.js plays from MediaSource blobs; the live room and Reflex talk over websockets.
    assert "blob:" in policy["media-src"]
    assert "blob:" in policy["worker-src"]
    assert "ws://127.0.0.1:3000" in policy["connect-src"]
    assert not any("[" in source for source in policy["connect-src"])  # invalid in CSP
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_only_over_https(client: Callable[[str], TestClient]) -> None:
    response = client("https://microshort.example").get("/api/health")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    policy = _directives(response.headers["Content-Security-Policy"])
    assert "wss://microshort.example" in policy["connect-src"]


def test_mux_and_stripe_origins_only_when_configured() -> None:
    plain = _directives(content_security_policy(Settings()))
    assert not any("mux.com" in source for source in plain["media-src"])
    assert plain["form-action"] == ["'self'"]
    configured = _directives(
        content_security_policy(
            Settings(
                video_provider="mux",
                mux_token_id="id",
                mux_token_secret="secret",
                mux_webhook_secret="hook",
                payments_provider="stripe",
                stripe_secret_key="sk_test_x",
                stripe_webhook_secret="whsec_x",
            )
        )
    )
    assert "https://stream.mux.com" in configured["media-src"]
    assert "https://image.mux.com" in configured["img-src"]
    assert "https://storage.googleapis.com" in configured["connect-src"]
    assert "https://checkout.stripe.com" in configured["form-action"]


def test_the_web_server_listens_on_localhost_unless_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MICROSHORT_BIND_HOST", raising=False)
    assert Settings().bind_host == "127.0.0.1"
    monkeypatch.setenv("MICROSHORT_BIND_HOST", "0.0.0.0")  # noqa: S104
    assert Settings().bind_host == "0.0.0.0"  # noqa: S104
    monkeypatch.setenv("MICROSHORT_BIND_HOST", "0.0.0.0; rm -rf /")
    with pytest.raises(ValueError, match="bind_host"):
        Settings()
