"""WS /ws/rooms/{episode_id}: an episode's live room (reactions, replay, presence, notices).

Live traffic does not go through Reflex state: this socket joins the worker's RoomHub directly.
A viewer connects with `?ticket=` (microshort.realtime.tickets, issued by the watch page);
a missing, forged, expired or other-episode ticket is closed with code 4401 and a reason.

Server -> client, single JSON objects: {"type": "hello", "watching": n, "you": <viewer tag>,
"worker": <worker id>, "live": false while Redis is lost}, {"type": "error", "error": "..."},
{"type": "pong"} and
{"type": "replay", "from", "to", "items": [{"t", "emoji", "n"}]}. Room traffic as JSON arrays,
one per batch (at most every 50 ms): {"type": "reaction", "id", "emoji", "t", "viewer"},
{"type": "presence", "watching"}, {"type": "comment", "id"} and {"type": "live", "live"}
(Redis lost or back: the page shows "Live paused" meanwhile).
A client that sends nothing for IDLE_SECONDS (the page pings every 20 s) is closed (4408), so a
dead tab stops counting; one sending more than FRAMES_PER_SECOND is cut off (1008).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope
from starlette.types import Send as ASGISend
from starlette.websockets import WebSocket, WebSocketDisconnect

from microshort.config import get_settings
from microshort.ratelimit import Decision
from microshort.realtime.brokers import Broker, LocalBroker, RedisBroker
from microshort.realtime.hub import Connection, RoomHub
from microshort.realtime.presence import PresenceAnnouncer
from microshort.realtime.protocol import (
    FrameBudget,
    Ping,
    ReactionFrame,
    ReplayFrame,
    error_frame,
    parse_frame,
)
from microshort.realtime.service import past_reactions, react
from microshort.realtime.tickets import read_ticket

log = logging.getLogger(__name__)

UNAUTHORIZED = 4401
IDLE = 4408
FLOODING = 1008
TOO_SLOW = 1013
IDLE_SECONDS = 60.0
FRAMES_PER_SECOND = 30
WORKER_ID = uuid.uuid4().hex[:8]  # tells apart the worker processes serving one room

Reply = Callable[[dict[str, Any]], Awaitable[None]]

# One hub + broker (+ presence announcer) per worker (per event loop, so tests with several
# loops stay apart).
_realtime: tuple[asyncio.AbstractEventLoop, Broker, PresenceAnnouncer] | None = None


def _rooms() -> tuple[Broker, PresenceAnnouncer]:
    global _realtime
    loop = asyncio.get_running_loop()
    if _realtime is None or _realtime[0] is not loop:
        hub = RoomHub()
        url = get_settings().redis_url
        broker: Broker = RedisBroker.from_url(hub, url) if url else LocalBroker(hub)
        _realtime = (loop, broker, PresenceAnnouncer(broker.publish))
    return _realtime[1], _realtime[2]


def room_broker() -> Broker:
    return _rooms()[0]


async def close_room_broker() -> None:
    """At shutdown: stop the Redis listener and heartbeat, close the connections."""
    global _realtime
    if _realtime is not None:
        broker, _realtime = _realtime[1], None
        await broker.close()


def viewer_tag(secret: bytes, viewer: str) -> str:
    """A stable, non-reversible short id for a viewer, shown to the room."""
    return hmac.new(secret, f"room-viewer|{viewer}".encode(), hashlib.sha256).hexdigest()[:10]


class RoomSocket:
    """The ASGI endpoint (a class, so Starlette's router passes it the raw scope, receive and
    send). Starlette's WebSocket does the handshake, receiving and closing; room frames go
    straight to the server's `send`: Starlette's per-frame layers cost a worker fanning out to
    1,000 viewers about 6 % of its time (bench/RESULTS.md)."""

    async def __call__(self, scope: Scope, receive: Receive, send: ASGISend) -> None:
        await _serve(WebSocket(scope, receive, send), send)


room_socket = RoomSocket()


async def _serve(websocket: WebSocket, asgi_send: ASGISend) -> None:
    episode_id = int(websocket.path_params["episode_id"])
    secret = get_settings().signing_key()
    ticket = read_ticket(secret, websocket.query_params.get("ticket"))
    await websocket.accept()  # accept first, so a browser sees the close code and reason
    if ticket is None or ticket.episode_id != episode_id:
        reason = "A valid room ticket for this episode is required."
        await websocket.close(code=UNAUTHORIZED, reason=reason)
        return

    lock = asyncio.Lock()  # the writer task and this loop both send: one frame at a time

    async def send(text: str) -> None:  # room frames: the hub's writer drops on any error
        async with lock:
            await asgi_send({"type": "websocket.send", "text": text})

    async def reply(message: dict[str, Any]) -> None:  # after a close: RuntimeError, as below
        async with lock:
            await websocket.send_text(json.dumps(message, ensure_ascii=False))

    def dropped(connection: Connection) -> None:
        # Too slow to keep up: close; the receive loop below then ends and cleans up.
        asyncio.get_running_loop().create_task(
            websocket.close(code=TOO_SLOW, reason="Too slow to keep up with the room.")
        )

    room, viewer = str(episode_id), ticket.viewer
    broker, presence = _rooms()
    you = viewer_tag(secret, viewer)
    # Presence counts viewers, not sockets: a viewer's tabs all join as the same member.
    connection = broker.hub.join(room, send, on_drop=dropped, member=you)
    budget = FrameBudget(FRAMES_PER_SECOND)
    loop = asyncio.get_running_loop()
    try:
        await broker.attach(room)
        watching = await broker.arrive(room, connection.member)
        hello = {"type": "hello", "watching": watching, "you": you, "worker": WORKER_ID}
        await reply({**hello, "live": broker.live})
        presence.announce(room, watching)
        while not connection.dropped:
            try:
                raw = await asyncio.wait_for(_receive(websocket), IDLE_SECONDS)
            except TimeoutError:
                await websocket.close(code=IDLE, reason="No ping for a minute.")
                break
            if not budget.spend(loop.time()):
                await websocket.close(code=FLOODING, reason="Too many frames; slow down.")
                break
            frame = parse_frame(raw)
            if isinstance(frame, dict):
                await reply(frame)
            elif isinstance(frame, Ping):
                await reply({"type": "pong"})
            elif isinstance(frame, ReactionFrame):
                await _react(broker, reply, room, episode_id, viewer, you, frame)
            else:
                await _replay(reply, episode_id, viewer, frame)
    except (WebSocketDisconnect, RuntimeError):
        pass  # the client left (RuntimeError: receive after a close we sent)
    finally:
        broker.hub.leave(connection)
        try:
            presence.announce(room, await broker.depart(room, connection.member))
            await broker.detach(room)
        except Exception:  # a Redis hiccup must not leak out of a closed socket
            log.exception("leaving room %s", room)


async def _receive(websocket: WebSocket) -> str | bytes | None:
    """The next frame's payload, text or binary (a binary frame is parsed, or refused, like
    any other rather than ending the socket)."""
    message = await websocket.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    text = message.get("text")
    return text if text is not None else message.get("bytes")


async def _replay(reply: Reply, episode_id: int, viewer: str, frame: ReplayFrame) -> None:
    try:
        items = await run_in_threadpool(past_reactions, episode_id, viewer, frame)
    except Exception:
        log.exception("reading past reactions of episode %s", episode_id)
        await reply(error_frame("Past reactions could not be loaded."))
        return
    await reply(
        {
            "type": "replay",
            "from": frame.start_ms,
            "to": frame.end_ms,
            "items": [{"t": item.t, "emoji": item.emoji, "n": item.n} for item in items],
        }
    )


async def _react(
    broker: Broker,
    reply: Reply,
    room: str,
    episode_id: int,
    viewer: str,
    tag: str,
    frame: ReactionFrame,
) -> None:
    """Save (rate-limited, committed), then publish to the room on every worker."""
    try:
        outcome = await run_in_threadpool(react, episode_id, viewer, frame)
    except Exception:
        log.exception("saving a reaction in room %s", room)
        await reply(error_frame("The reaction could not be saved; try again."))
        return
    if isinstance(outcome, Decision):
        await reply(error_frame(outcome.message("reactions")))
        return
    message = {"type": "reaction", "id": outcome, "emoji": frame.emoji, "t": frame.t}
    await broker.publish(room, {**message, "viewer": tag})
