"""Another site's page cannot use a viewer's cookie against us: state-changing requests and
websocket handshakes naming a foreign Origin are refused, ours and cookie-less clients pass."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from microshort import migrations
from microshort.api.routes import api_app
from microshort.config import Settings
from microshort.content.models import Episode, WatchProgress
from microshort.db import make_engine
from tests.factories import make_creator, make_series
from tests.visitors import VISITOR_COOKIE, signed_visitor

OWN = "http://127.0.0.1:3000"
# A page on another port of the same host is "same site" for SameSite cookies.
SAME_HOST_OTHER_PORT = "http://127.0.0.1:4000"


@pytest.fixture
def free_episode(
    make_database: Callable[[], str],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, str]:
    url = make_database()
    migrations.upgrade(url)
    monkeypatch.setenv("MICROSHORT_PUBLIC_URL", OWN)
    app_settings(url)
    engine = make_engine(url)
    with Session(engine) as session:
        make_series(session, make_creator(session), episodes=(1,))
        session.commit()
        episode_id = session.exec(select(Episode.id).order_by(col(Episode.id))).first()
    engine.dispose()
    return int(episode_id or 0), url


def _saved_positions(url: str) -> list[float]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = [row.position_seconds for row in session.exec(select(WatchProgress))]
    engine.dispose()
    return rows


def test_a_same_site_form_post_cannot_write_progress(free_episode: tuple[int, str]) -> None:
    episode_id, url = free_episode
    client = TestClient(api_app())
    client.cookies.set(VISITOR_COOKIE, signed_visitor("visitor0042"))
    body = json.dumps({"seconds": 30, "duration": 90})
    refused = client.post(
        f"/api/progress/{episode_id}", content=body, headers={"Origin": SAME_HOST_OTHER_PORT}
    )
    assert refused.status_code == 403
    assert "another site" in refused.text
    assert _saved_positions(url) == []
    ours = client.post(f"/api/progress/{episode_id}", content=body, headers={"Origin": OWN})
    assert ours.status_code == 204
    # The same app reached as localhost (make run prints it) is the same origin.
    also_ours = {"Origin": "http://localhost:3000"}
    assert client.post(f"/api/progress/{episode_id}", content=body, headers=also_ours).is_success


def test_foreign_pages_cannot_open_the_room_socket_or_upload(free_episode: tuple[int, str]) -> None:
    episode_id, _ = free_episode
    client = TestClient(api_app())
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect(
            f"/ws/rooms/{episode_id}?ticket=x", headers={"Origin": "https://evil.example"}
        ),
    ):
        pass
    assert refused.value.code == 1008
    upload = client.put(
        "/api/uploads/" + "a" * 32, content=b"x", headers={"Origin": "null"}
    )  # a sandboxed frame's opaque origin is foreign too
    assert upload.status_code == 403


def test_safe_reads_and_cookie_less_senders_are_not_refused(free_episode: tuple[int, str]) -> None:
    client = TestClient(api_app())
    assert client.get("/api/health", headers={"Origin": "https://evil.example"}).is_success
    # A webhook sender has no Origin: it reaches its handler (here: Stripe is not configured).
    unsigned = client.post("/api/webhooks/stripe", content=b"{}")
    assert unsigned.status_code == 503


def test_the_allow_list_comes_from_the_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from microshort.config import origins_of

    monkeypatch.setenv("MICROSHORT_PUBLIC_URL", "https://shorts.example.com/")
    assert Settings(_env_file=None).allowed_origins == ("https://shorts.example.com",)
    assert origins_of("http://localhost:3000") == (
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://[::1]:3000",
    )
    assert origins_of("https://shorts.example.com:8443") == ("https://shorts.example.com:8443",)
