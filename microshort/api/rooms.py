"""WS /ws/rooms/{episode_id}: an episode's live room (reactions and presence).

Live traffic does not go through Reflex state: this socket joins the worker's RoomHub directly.
A viewer connects with `?ticket=` (microshort.realtime.tickets, issued by the watch page);
a missing, forged, expired or other-episode ticket is closed with code 4401 and a reason.

Server -> client: {"type": "hello", "watching": n} and {"type": "error", "error": "..."} as
single JSON objects; room traffic ({"type": "reaction", ...}, {"type": "presence", ...}) as
JSON arrays, one per batch (at most every 50 ms).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from typing import Any

from limits import parse
from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocket, WebSocketDisconnect

from microshort.config import get_settings
from microshort.db import session_scope
from microshort.ratelimit import Decision, rate_limiter
from microshort.realtime.hub import Broker, Connection, LocalBroker, RedisBroker, RoomHub
from microshort.realtime.protocol import Ping, ReactionFrame, error_frame, parse_frame
from microshort.realtime.service import save_reaction
from microshort.realtime.tickets import read_ticket

log = logging.getLogger(__name__)

UNAUTHORIZED = 4401
TOO_SLOW = 1013
REACTIONS_PER_SECOND = parse("10/second")
REACTIONS_PER_MINUTE = parse("120/minute")

# One hub + broker per worker (per event loop, so tests with several loops stay apart).
_realtime: tuple[asyncio.AbstractEventLoop, Broker] | None = None


def room_broker() -> Broker:
    global _realtime
    loop = asyncio.get_running_loop()
    if _realtime is None or _realtime[0] is not loop:
        hub = RoomHub()
        url = get_settings().redis_url
        broker: Broker = RedisBroker.from_url(hub, url) if url else LocalBroker(hub)
        _realtime = (loop, broker)
    return _realtime[1]


def viewer_tag(secret: bytes, viewer: str) -> str:
    """A stable, non-reversible short id for a viewer, shown to the room."""
    return hmac.new(secret, f"room-viewer|{viewer}".encode(), hashlib.sha256).hexdigest()[:10]


def _limit(viewer: str) -> Decision:
    limiter = rate_limiter()
    decision = limiter.hit(REACTIONS_PER_SECOND, "room-reaction", viewer)
    if decision.allowed:
        decision = limiter.hit(REACTIONS_PER_MINUTE, "room-reaction", viewer)
    return decision


def _store(episode_id: int, viewer: str, frame: ReactionFrame) -> int | Decision:
    decision = _limit(viewer)
    if not decision.allowed:
        return decision
    member = viewer.startswith("u")
    with session_scope() as session:
        return save_reaction(
            session,
            episode_id=episode_id,
            user_id=int(viewer[1:]) if member else None,
            anonymous_id=None if member else viewer[1:],
            emoji=frame.emoji,
            timestamp_ms=frame.t,
        )


async def room_socket(websocket: WebSocket) -> None:
    episode_id = int(websocket.path_params["episode_id"])
    secret = get_settings().signing_key()
    ticket = read_ticket(secret, websocket.query_params.get("ticket"))
    await websocket.accept()  # accept first, so a browser sees the close code and reason
    if ticket is None or ticket.episode_id != episode_id:
        reason = "A valid room ticket for this episode is required."
        await websocket.close(code=UNAUTHORIZED, reason=reason)
        return

    lock = asyncio.Lock()  # the writer task and this loop both send: one frame at a time

    async def send(text: str) -> None:
        async with lock:
            await websocket.send_text(text)

    async def reply(message: dict[str, Any]) -> None:
        await send(json.dumps(message, ensure_ascii=False))

    def dropped(connection: Connection) -> None:
        # Too slow to keep up: close; the receive loop below then ends and cleans up.
        asyncio.get_running_loop().create_task(
            websocket.close(code=TOO_SLOW, reason="Too slow to keep up with the room.")
        )

    room = str(episode_id)
    broker = room_broker()
    connection = broker.hub.join(room, send, on_drop=dropped)
    try:
        await broker.attach(room)
        watching = await broker.watching(room, +1)
        await reply({"type": "hello", "watching": watching})
        await broker.publish(room, {"type": "presence", "watching": watching})
        tag = viewer_tag(secret, ticket.viewer)
        while not connection.dropped:
            frame = parse_frame(await websocket.receive_text())
            if isinstance(frame, dict):
                await reply(frame)
            elif isinstance(frame, Ping):
                await reply({"type": "pong"})
            else:
                try:
                    outcome = await run_in_threadpool(_store, episode_id, ticket.viewer, frame)
                except Exception:
                    log.exception("saving a reaction in room %s", room)
                    await reply(error_frame("The reaction could not be saved; try again."))
                    continue
                if isinstance(outcome, Decision):
                    await reply(error_frame(outcome.message("reactions")))
                    continue
                message = {"type": "reaction", "id": outcome, "emoji": frame.emoji}
                await broker.publish(room, {**message, "t": frame.t, "viewer": tag})
    except (WebSocketDisconnect, RuntimeError):
        pass  # the client left (RuntimeError: receive after a close we sent)
    finally:
        broker.hub.leave(connection)
        try:
            watching = await broker.watching(room, -1)
            await broker.publish(room, {"type": "presence", "watching": watching})
            await broker.detach(room)
        except Exception:  # a Redis hiccup must not leak out of a closed socket
            log.exception("leaving room %s", room)
