"""The live-room hub: per-room connection sets, one bounded queue and writer task per connection.

Pure asyncio (no web framework): `send` is whatever writes one text frame to a client.
`publish` never awaits a client: it only enqueues. Each writer sends at most one frame (a JSON
array of messages) per BATCH_SECONDS: the first message after a quiet spell at once, later ones
together at the end of the window. A client is too slow when a frame to it has been stuck for
STUCK_SECONDS or its queue is full: it is dropped (writer cancelled, `on_drop` called) and the
room goes on. Across workers a broker
(realtime/brokers.py) carries messages into every worker's hub.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)

QUEUE_SIZE = 1024  # messages waiting for one client: a 50 ms window's worth, and then some
STUCK_SECONDS = 5.0  # a client whose frame has not gone out for this long is too slow
BATCH_SECONDS = 0.05

Send = Callable[[str], Awaitable[None]]


class Connection:
    """One client in one room."""

    def __init__(
        self,
        room: str,
        send: Send,
        on_drop: Callable[[Connection], None] | None,
        size: int,
        member: str | None = None,
    ) -> None:
        self.room = room
        # Who this connection counts as in the cross-worker presence set: the viewer, so one
        # viewer's many tabs count once (a random id when no viewer is given).
        self.member = member or uuid.uuid4().hex
        self.send = send
        self.on_drop = on_drop
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=size)
        self.task: asyncio.Task[None] | None = None
        self.dropped = False
        self.closed = False
        self.sending_since: float | None = None  # loop time the frame being sent was started


class RoomHub:
    def __init__(
        self,
        *,
        queue_size: int = QUEUE_SIZE,
        stuck_seconds: float = STUCK_SECONDS,
        batch_seconds: float = BATCH_SECONDS,
        on_drop: Callable[[Connection], None] | None = None,
    ) -> None:
        self._rooms: dict[str, set[Connection]] = {}
        self._queue_size = queue_size
        self._stuck_seconds = stuck_seconds
        self._batch_seconds = batch_seconds
        self._on_drop = on_drop

    def join(
        self,
        room: str,
        send: Send,
        *,
        on_drop: Callable[[Connection], None] | None = None,
        member: str | None = None,
    ) -> Connection:
        connection = Connection(room, send, on_drop, self._queue_size, member)
        connection.task = asyncio.get_running_loop().create_task(self._write(connection))
        self._rooms.setdefault(room, set()).add(connection)
        return connection

    def leave(self, connection: Connection) -> None:
        """Idempotent: forget the connection and stop its writer."""
        connection.closed = True
        members = self._rooms.get(connection.room)
        if members is not None:
            members.discard(connection)
            if not members:
                del self._rooms[connection.room]
        if connection.task is not None and connection.task is not _current_task():
            connection.task.cancel()

    def presence(self, room: str) -> int:
        """Viewers in the room on this worker (a viewer's several connections count once)."""
        return len(set(self.members(room)))

    def rooms(self) -> list[str]:
        return list(self._rooms)

    def members(self, room: str) -> list[str]:
        return list({connection.member: None for connection in self._rooms.get(room, ())})

    def publish(self, room: str, message: dict[str, Any]) -> int:
        """Queue a message for every connection of the room; returns how many got it."""
        members = self._rooms.get(room)
        if not members:
            return 0
        text = json.dumps(message, separators=(",", ":"), ensure_ascii=False)
        stuck_before = asyncio.get_running_loop().time() - self._stuck_seconds
        delivered = 0
        for connection in list(members):
            since = connection.sending_since
            if since is not None and since < stuck_before:
                self._drop(connection, "a frame stuck for too long")
                continue
            try:
                connection.queue.put_nowait(text)
                delivered += 1
            except asyncio.QueueFull:
                self._drop(connection, "queue full")
        return delivered

    def _drop(self, connection: Connection, reason: str) -> None:
        if connection.closed:
            return
        log.info("dropping a client of room %s: %s", connection.room, reason)
        connection.dropped = True
        self.leave(connection)
        for callback in (connection.on_drop, self._on_drop):
            if callback is not None:
                try:
                    callback(connection)
                except Exception:
                    log.exception("on_drop callback failed")

    async def _write(self, connection: Connection) -> None:
        """Leading edge: a message to a connection that was sent nothing for BATCH_SECONDS goes
        out at once; otherwise it waits until BATCH_SECONDS after the last frame and goes with
        everything queued meanwhile. One plain sleep, no per-message timers (bench/RESULTS.md:
        `wait_for` per message per connection was a third of the event loop at 1,000 viewers).
        """
        queue, limit = connection.queue, self._queue_size
        loop, last_sent = asyncio.get_running_loop(), -1e9
        while True:
            batch = [await queue.get()]
            wait = last_sent + self._batch_seconds - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            while not queue.empty() and len(batch) < limit:
                batch.append(queue.get_nowait())
            connection.sending_since = loop.time()
            try:
                await connection.send("[" + ",".join(batch) + "]")
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the client went away
                self._drop(connection, f"send failed: {error!r}")
                return
            last_sent, connection.sending_since = loop.time(), None


def _current_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:
        return None
