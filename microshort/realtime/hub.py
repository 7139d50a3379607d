"""The live-room hub: per-room connection sets, one bounded queue and writer task per connection.

Pure asyncio (no web framework): `send` is whatever writes one text frame to a client.
`publish` never awaits a client: it only enqueues. Each writer waits up to BATCH_SECONDS after
the first queued message (draining as messages arrive), then sends the batch as one JSON
array frame. A client whose queue is full is too slow: it is dropped (writer cancelled,
`on_drop` called) and the room goes on. Across workers, a Broker carries messages:
in-process, or Redis pub/sub when REDIS_URL is set (publish after the database commit is the
caller's job).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from redis.asyncio import Redis

log = logging.getLogger(__name__)

QUEUE_SIZE = 256
BATCH_SECONDS = 0.05
CHANNEL_PREFIX = "ms:room:"
PRESENCE_PREFIX = "ms:presence:"

Send = Callable[[str], Awaitable[None]]


class Connection:
    """One client in one room."""

    def __init__(
        self, room: str, send: Send, on_drop: Callable[[Connection], None] | None, size: int
    ) -> None:
        self.room = room
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


class Broker(Protocol):
    """Carries room messages to every worker's hub and counts viewers across workers."""

    hub: RoomHub

    async def attach(self, room: str) -> None: ...

    async def detach(self, room: str) -> None: ...

    async def publish(self, room: str, message: dict[str, Any]) -> None: ...

    async def watching(self, room: str, delta: int) -> int:
        """Add delta to the room's viewer count; returns the new count."""
        ...

    async def close(self) -> None: ...


class LocalBroker:
    """One worker: the hub is the whole world."""

    def __init__(self, hub: RoomHub) -> None:
        self.hub = hub

    async def attach(self, room: str) -> None:
        return None

    async def detach(self, room: str) -> None:
        return None

    async def publish(self, room: str, message: dict[str, Any]) -> None:
        self.hub.publish(room, message)

    async def watching(self, room: str, delta: int) -> int:
        return self.hub.presence(room)

    async def close(self) -> None:
        return None


class RedisBroker:
    """Several workers: one channel per room ("ms:room:<room>"), subscribed while this worker
    has viewers in it; a listener task republishes what arrives into the local hub."""

    def __init__(self, hub: RoomHub, redis: Redis) -> None:
        self.hub = hub
        self._redis = redis
        self._pubsub = redis.pubsub()
        self._counts: dict[str, int] = {}
        self._ready: dict[str, asyncio.Event] = {}
        self._listener: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    @classmethod
    def from_url(cls, hub: RoomHub, url: str) -> RedisBroker:
        return cls(hub, Redis.from_url(url))

    async def attach(self, room: str) -> None:
        async with self._lock:
            self._counts[room] = self._counts.get(room, 0) + 1
            if self._counts[room] > 1:
                return
            channel = CHANNEL_PREFIX + room
            ready = self._ready[channel] = asyncio.Event()
            await self._pubsub.subscribe(channel)
            if self._listener is None or self._listener.done():
                self._listener = asyncio.get_running_loop().create_task(self._listen())
        # Wait for Redis to confirm, so nothing published after attach() returns is missed.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), 5)

    async def detach(self, room: str) -> None:
        async with self._lock:
            left = self._counts.get(room, 0) - 1
            if left > 0:
                self._counts[room] = left
                return
            self._counts.pop(room, None)
            await self._pubsub.unsubscribe(CHANNEL_PREFIX + room)

    async def publish(self, room: str, message: dict[str, Any]) -> None:
        await self._redis.publish(CHANNEL_PREFIX + room, json.dumps(message, ensure_ascii=False))

    async def watching(self, room: str, delta: int) -> int:
        key = PRESENCE_PREFIX + room
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incrby(key, delta)
            pipe.expire(key, 6 * 3600)  # a crashed worker's viewers fade out eventually
            count, _ = await pipe.execute()
        return max(0, int(count))

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        await self._pubsub.aclose()
        await self._redis.aclose()

    async def _listen(self) -> None:
        while True:
            try:
                item = await self._pubsub.get_message(timeout=1.0)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("room listener: Redis read failed; retrying")
                await asyncio.sleep(1)
                continue
            if item is None:
                continue
            channel = _text(item.get("channel"))
            if item.get("type") == "subscribe":
                event = self._ready.pop(channel, None)
                if event is not None:
                    event.set()
                continue
            if item.get("type") != "message" or not channel.startswith(CHANNEL_PREFIX):
                continue
            try:
                message = json.loads(item["data"])
            except ValueError:
                continue
            if isinstance(message, dict):
                self.hub.publish(channel[len(CHANNEL_PREFIX) :], message)


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")
