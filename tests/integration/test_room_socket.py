"""WS /ws/rooms/{episode_id}: ticket check, hello, reactions saved and fanned out, bad frames."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlmodel import select
from starlette.testclient import TestClient, WebSocketTestSession
from starlette.websockets import WebSocketDisconnect

from microshort import migrations
from microshort.api import rooms
from microshort.api.rooms import FLOODING, IDLE, UNAUTHORIZED, WORKER_ID
from microshort.api.routes import api_app
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.realtime.brokers import PRESENCE_PREFIX
from microshort.realtime.models import Reaction
from microshort.realtime.tickets import issue_ticket
from tests.factories import episode_ids, make_creator, make_series


@pytest.fixture(scope="module")
def room_database(make_database: Callable[[], str]) -> str:
    """Its own database: the socket commits for real, so it must not touch the shared one."""
    url = make_database()
    migrations.upgrade(url)
    return url


@pytest.fixture
def episode_id(
    room_database: str, app_settings: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> int:
    monkeypatch.delenv("REDIS_URL", raising=False)  # in-process hub and limits
    app_settings(room_database)
    with session_scope() as session:
        series = make_series(session, make_creator(session), episodes=(1,))
        session.flush()
        [found] = episode_ids(session, series)
    return found


@pytest.fixture
def client(episode_id: int) -> Iterator[TestClient]:
    with TestClient(api_app()) as client:  # one event loop for every socket of a test
        yield client


def ticket_for(episode_id: int, viewer: str | None = None, **kwargs: Any) -> str:
    viewer = viewer or f"a{uuid.uuid4().hex}"
    return issue_ticket(
        get_settings().signing_key(), episode_id=episode_id, viewer=viewer, **kwargs
    )


def next_of(socket: WebSocketTestSession, kind: str, **fields: Any) -> dict[str, Any]:
    """The next message of a kind (and fields), alone or inside a batch (array) frame."""
    for _ in range(50):
        frame = socket.receive_json()
        for message in frame if isinstance(frame, list) else [frame]:
            if message["type"] == kind and fields.items() <= message.items():
                return dict(message)
    raise AssertionError(f"no {kind} message")


def closed_by_server(socket: WebSocketTestSession, most: int = 1000) -> WebSocketDisconnect:
    """Read until the server closes the socket (within `most` messages); how it closed."""
    for _ in range(most):
        try:
            socket.receive_json()
        except WebSocketDisconnect as closed:
            return closed
    raise AssertionError(f"still open after {most} messages")


def refused(client: TestClient, url: str) -> WebSocketDisconnect:
    with client.websocket_connect(url) as socket, pytest.raises(WebSocketDisconnect) as closed:
        socket.receive_json()
    return closed.value


def test_a_socket_without_a_valid_ticket_is_refused(client: TestClient, episode_id: int) -> None:
    url = f"/ws/rooms/{episode_id}"
    forged = ticket_for(episode_id)[:-2] + "xx"
    other_key = issue_ticket(b"n" * 48, episode_id=episode_id, viewer="u1")
    expired = ticket_for(episode_id, ttl_seconds=-1)
    other_episode = ticket_for(episode_id + 1)
    for query in ("", "?ticket=", f"?ticket={forged}", f"?ticket={other_key}"):
        assert refused(client, url + query).code == UNAUTHORIZED
    for ticket in (expired, other_episode):
        closed = refused(client, f"{url}?ticket={ticket}")
        assert closed.code == UNAUTHORIZED
        assert "ticket" in closed.reason


def test_hello_reaction_saved_and_echoed(client: TestClient, episode_id: int) -> None:
    url = f"/ws/rooms/{episode_id}?ticket="
    with client.websocket_connect(url + ticket_for(episode_id, "aviewer-one-01")) as first:
        hello = first.receive_json()
        assert (hello["type"], hello["watching"], hello["worker"]) == ("hello", 1, WORKER_ID)
        with client.websocket_connect(url + ticket_for(episode_id)) as second:
            assert second.receive_json()["watching"] == 2
            assert next_of(first, "presence", watching=2)

            first.send_json({"type": "reaction", "emoji": "🔥", "t": 12_345})
            echoed = next_of(second, "reaction")
            assert next_of(first, "reaction") == echoed
            assert echoed["emoji"] == "🔥"
            assert echoed["t"] == 12_345
            assert echoed["viewer"] == hello["you"]  # the sender recognises its own echo
            assert len(echoed["viewer"]) == 10
            assert "viewer-one" not in echoed["viewer"]  # a tag, not the visitor's id
        assert next_of(first, "presence", watching=1)

    with session_scope() as session:
        saved = session.get(Reaction, echoed["id"])
        assert saved is not None
        assert (saved.episode_id, saved.emoji, saved.timestamp_ms) == (episode_id, "🔥", 12_345)
        assert (saved.user_id, saved.anonymous_id) == (None, "viewer-one-01")


def test_a_malformed_frame_gets_an_error_and_the_socket_stays_open(
    client: TestClient, episode_id: int
) -> None:
    with client.websocket_connect(f"/ws/rooms/{episode_id}?ticket={ticket_for(episode_id)}") as ws:
        assert ws.receive_json()["type"] == "hello"
        for bad in ("not json", '{"type": "reaction", "emoji": "💩", "t": 1}', "x" * 3000):
            ws.send_text(bad)
            assert next_of(ws, "error")["error"]
        ws.send_bytes(b"\xff\xfe")  # a binary frame: an error, not the end of the socket
        assert next_of(ws, "error")["error"] == "Frame is not valid JSON."
        ws.send_json({"type": "ping"})
        assert next_of(ws, "pong") == {"type": "pong"}


def test_reactions_are_rate_limited_per_viewer(client: TestClient, episode_id: int) -> None:
    with client.websocket_connect(f"/ws/rooms/{episode_id}?ticket={ticket_for(episode_id)}") as ws:
        assert ws.receive_json()["type"] == "hello"
        for n in range(11):
            ws.send_json({"type": "reaction", "emoji": "👏", "t": n})
        error = next_of(ws, "error")["error"]
        assert error.startswith("Too many reactions. Try again in")
    with session_scope() as session:
        assert (
            len(session.exec(select(Reaction).where(Reaction.episode_id == episode_id)).all()) == 10
        )


def test_replay_returns_other_viewers_reactions_but_not_mine(
    client: TestClient, episode_id: int
) -> None:
    url = f"/ws/rooms/{episode_id}?ticket="
    me, other = "areplay-me-0001", "areplay-other-01"
    with client.websocket_connect(url + ticket_for(episode_id, other)) as ws:
        assert ws.receive_json()["type"] == "hello"
        for t in (1_000, 1_200, 5_000, 40_000):
            ws.send_json({"type": "reaction", "emoji": "😂", "t": t})
            next_of(ws, "reaction", t=t)
    with client.websocket_connect(url + ticket_for(episode_id, me)) as ws:
        assert ws.receive_json()["type"] == "hello"
        ws.send_json({"type": "reaction", "emoji": "🔥", "t": 1_500})
        next_of(ws, "reaction", t=1_500)
        ws.send_json({"type": "replay", "from": 0, "to": 10_000})
        replay = next_of(ws, "replay")
        assert (replay["from"], replay["to"]) == (0, 10_000)
        items = replay["items"]
        assert [item["emoji"] for item in items] == ["😂", "😂"]  # mine and the 40 s one left out
        assert sum(item["n"] for item in items) == 3
        ws.send_json({"type": "replay", "from": 0, "to": 60_000})  # more than 30 s at once
        assert "from" in next_of(ws, "error")["error"]


def test_a_flooding_client_is_cut_off_and_the_room_goes_on(
    client: TestClient, episode_id: int
) -> None:
    url = f"/ws/rooms/{episode_id}?ticket="
    with (
        client.websocket_connect(url + ticket_for(episode_id)) as calm,
        client.websocket_connect(url + ticket_for(episode_id)) as flood,
    ):
        calm.receive_json()
        flood.receive_json()
        for _ in range(200):
            flood.send_json({"type": "ping"})
        assert closed_by_server(flood).code == FLOODING
        assert next_of(calm, "presence", watching=1)
        calm.send_json({"type": "reaction", "emoji": "👏", "t": 7})
        assert next_of(calm, "reaction", t=7)["emoji"] == "👏"


def test_a_silent_client_is_closed_so_a_dead_tab_stops_counting(
    client: TestClient, episode_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rooms, "IDLE_SECONDS", 0.3)
    with client.websocket_connect(f"/ws/rooms/{episode_id}?ticket={ticket_for(episode_id)}") as ws:
        assert ws.receive_json()["type"] == "hello"
        assert closed_by_server(ws).code == IDLE


def _presence_counts_viewers_not_tabs(client: TestClient, episode_id: int) -> None:
    url = f"/ws/rooms/{episode_id}?ticket="
    same_viewer = ticket_for(episode_id, "aone-viewer-many-tabs")
    with contextlib.ExitStack() as tabs:
        sockets = [
            tabs.enter_context(client.websocket_connect(url + same_viewer)) for _ in range(5)
        ]
        assert [next_of(socket, "hello")["watching"] for socket in sockets] == [1] * 5
        with client.websocket_connect(url + ticket_for(episode_id)) as other:
            assert next_of(other, "hello")["watching"] == 2
            sockets[-1].close()  # one of the five tabs closes: the viewer is still watching
            with client.websocket_connect(url + ticket_for(episode_id)) as third:
                assert next_of(third, "hello")["watching"] == 3


def test_one_viewer_in_many_tabs_counts_once(client: TestClient, episode_id: int) -> None:
    _presence_counts_viewers_not_tabs(client, episode_id)


def test_one_viewer_in_many_tabs_counts_once_across_workers(
    episode_id: int, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", redis_url)
    get_settings.cache_clear()
    redis.Redis.from_url(redis_url).delete(f"{PRESENCE_PREFIX}{episode_id}")
    with TestClient(api_app()) as client:
        _presence_counts_viewers_not_tabs(client, episode_id)
