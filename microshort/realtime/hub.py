"""The live-room hub: per-room connection sets, one bounded queue and writer task per connection.

Pure asyncio (no web framework): `send` is whatever writes one text frame to a client.
`publish` never awaits a client: it only enqueues. Each writer waits up to BATCH_SECONDS after
the first queued message (draining as messages arrive), then sends the batch as one JSON
array frame. A client whose queue is full is too slow: it is dropped (writer cancelled,
`on_drop` called) and the room goes on. Across workers a broker (realtime/brokers.py) carries
messages into every worker's hub.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)

QUEUE_SIZE = 256
BATCH_SECONDS = 0.05

Send = Callable[[str], Awaitable[None]]


class Connection:
    """One client in one room."""

    def __init__(
        self, room: str, send: Send, on_drop: Callable[[Connection], None] | None, size: int
    ) -> None:
        self.room = room
        self.member = uuid.uuid4().hex  # this connection's id in the cross-worker presence set
        self.send = send
        self.on_drop = on_drop
        self.queue: asyncio.Queue[str] = asyncio.Queue(maxsize=size)
        self.task: asyncio.Task[None] | None = None
        self.dropped = False
        self.closed = False


class RoomHub:
    def __init__(
        self,
        *,
        queue_size: int = QUEUE_SIZE,
        batch_seconds: float = BATCH_SECONDS,
        on_drop: Callable[[Connection], None] | None = None,
    ) -> None:
        self._rooms: dict[str, set[Connection]] = {}
        self._queue_size = queue_size
        self._batch_seconds = batch_seconds
        self._on_drop = on_drop

    def join(
        self, room: str, send: Send, *, on_drop: Callable[[Connection], None] | None = None
    ) -> Connection:
        connection = Connection(room, send, on_drop, self._queue_size)
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
        return len(self._rooms.get(room, ()))

    def rooms(self) -> list[str]:
        return list(self._rooms)

    def members(self, room: str) -> list[str]:
        return [connection.member for connection in self._rooms.get(room, ())]

    def publish(self, room: str, message: dict[str, Any]) -> int:
        """Queue a message for every connection of the room; returns how many got it."""
        members = self._rooms.get(room)
        if not members:
            return 0
        text = json.dumps(message, separators=(",", ":"), ensure_ascii=False)
        delivered = 0
        for connection in list(members):
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
        queue, loop = connection.queue, asyncio.get_running_loop()
        limit = self._queue_size
        while True:
            # Take the first message, then keep draining (so the queue only fills when `send`
            # is stuck) for up to BATCH_SECONDS or one full batch: one frame per batch.
            batch = [await queue.get()]
            deadline = loop.time() + self._batch_seconds
            while len(batch) < limit:
                while not queue.empty() and len(batch) < limit:
                    batch.append(queue.get_nowait())
                remaining = deadline - loop.time()
                if remaining <= 0 or len(batch) >= limit:
                    break
                try:
                    batch.append(await asyncio.wait_for(queue.get(), remaining))
                except TimeoutError:
                    break
            try:
                await connection.send("[" + ",".join(batch) + "]")
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the client went away
                self._drop(connection, f"send failed: {error!r}")
                return


def _current_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:
        return None
