"""Brokers carry room messages to every worker's hub and count a room's viewers across workers.

LocalBroker: one worker, the hub is the whole world. RedisBroker (REDIS_URL set): one pub/sub
channel per room ("ms:room:<room>"), subscribed while this worker has viewers in it; presence
is a sorted set per room ("ms:presence:<room>") of connection ids scored by their last
heartbeat, so viewers of a worker that dies fade out after PRESENCE_STALE_SECONDS instead of
being counted for ever.

Redis going away pauses the room, not the socket: every Redis call has a short timeout; the
first failure tells this worker's viewers {"type": "live", "live": false} (the page shows
"Live paused"), reactions still reach the viewers on this worker and count is this worker's
own; the listener pings Redis with backoff and, once it answers, subscribes every room again,
recounts presence and tells the viewers {"type": "live", "live": true}.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from microshort.realtime.hub import RoomHub
from microshort.realtime.presence import presence_message

log = logging.getLogger(__name__)

CHANNEL_PREFIX = "ms:room:"
PRESENCE_PREFIX = "ms:presence:"
HEARTBEAT_SECONDS = 10.0
PRESENCE_STALE_SECONDS = 30.0
REDIS_TIMEOUT_SECONDS = 2.0
RECONNECT_SECONDS = (0.5, 1.0, 2.0, 5.0)  # then every 5 s
# What a lost or stopped Redis raises (a refused or reset socket is an OSError underneath).
REDIS_DOWN = (RedisError, OSError, TimeoutError)


def live_message(live: bool) -> dict[str, Any]:
    return {"type": "live", "live": live}


class Broker(Protocol):
    hub: RoomHub

    @property
    def live(self) -> bool:
        """False while the fan-out between workers is down (Redis lost)."""
        ...

    async def attach(self, room: str) -> None:
        """Start receiving the room's messages on this worker (before the viewer's hello)."""

    async def detach(self, room: str) -> None: ...

    async def publish(self, room: str, message: dict[str, Any]) -> None: ...

    async def arrive(self, room: str, member: str) -> int:
        """Count a connection in; returns how many are watching the room now."""
        ...

    async def depart(self, room: str, member: str) -> int: ...

    async def close(self) -> None: ...


class LocalBroker:
    live = True  # one worker: nothing between workers to lose

    def __init__(self, hub: RoomHub) -> None:
        self.hub = hub

    async def attach(self, room: str) -> None:
        return None

    async def detach(self, room: str) -> None:
        return None

    async def publish(self, room: str, message: dict[str, Any]) -> None:
        self.hub.publish(room, message)

    async def arrive(self, room: str, member: str) -> int:
        return self.hub.presence(room)

    async def depart(self, room: str, member: str) -> int:
        return self.hub.presence(room)

    async def close(self) -> None:
        return None


class RedisBroker:
    def __init__(
        self, hub: RoomHub, redis: Redis, *, heartbeat_seconds: float = HEARTBEAT_SECONDS
    ) -> None:
        self.hub = hub
        self._redis = redis
        self._pubsub = redis.pubsub()
        self._counts: dict[str, int] = {}
        self._ready: dict[str, asyncio.Event] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._lock = asyncio.Lock()
        self._heartbeat_seconds = heartbeat_seconds
        self._last_presence: dict[str, int] = {}
        self.live = True

    @classmethod
    def from_url(cls, hub: RoomHub, url: str, **kwargs: Any) -> RedisBroker:
        redis = Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            health_check_interval=HEARTBEAT_SECONDS,  # a silent dead link is noticed too
        )
        return cls(hub, redis, **kwargs)

    def _lost(self, error: BaseException) -> None:
        """Redis failed: tell this worker's rooms once; the listener works on reconnecting."""
        if not self.live:
            return
        self.live = False
        log.warning("Live rooms: Redis lost (%s); rooms paused, reconnecting", error)
        for room in self.hub.rooms():
            self.hub.publish(room, live_message(False))

    def _start(self) -> None:
        if not self._tasks:
            loop = asyncio.get_running_loop()
            self._tasks = [loop.create_task(self._listen()), loop.create_task(self._beat())]

    async def attach(self, room: str) -> None:
        async with self._lock:
            self._counts[room] = self._counts.get(room, 0) + 1
            if self._counts[room] > 1 or not self.live:
                self._start()
                return  # while paused: subscribed again on reconnection
            channel = CHANNEL_PREFIX + room
            ready = self._ready[channel] = asyncio.Event()
            try:
                await self._pubsub.subscribe(channel)
            except REDIS_DOWN as error:
                self._ready.pop(channel, None)
                self._lost(error)
                return
            finally:
                self._start()  # after the subscription: the listener reads its connection
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
            self._last_presence.pop(room, None)
            if self.live:
                try:
                    await self._pubsub.unsubscribe(CHANNEL_PREFIX + room)
                except REDIS_DOWN as error:
                    self._lost(error)

    async def publish(self, room: str, message: dict[str, Any]) -> None:
        if self.live:
            try:
                text = json.dumps(message, ensure_ascii=False)
                await self._redis.publish(CHANNEL_PREFIX + room, text)
                return
            except REDIS_DOWN as error:
                self._lost(error)
        self.hub.publish(room, message)  # paused: at least this worker's viewers see it

    async def arrive(self, room: str, member: str) -> int:
        return await self._presence(room, add={member: time.time()})

    async def depart(self, room: str, member: str) -> int:
        """Call after hub.leave: the member stays while another of its connections is here."""
        still_here = member in self.hub.members(room)
        return await self._presence(room, remove=None if still_here else member)

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        await self._pubsub.aclose()
        await self._redis.aclose()

    async def _presence(
        self, room: str, *, add: dict[str, float] | None = None, remove: str | None = None
    ) -> int:
        """The room's count across workers; this worker's own while Redis is away."""
        if not self.live:
            return self.hub.presence(room)
        try:
            return await self._shared_presence(room, add=add, remove=remove)
        except REDIS_DOWN as error:
            self._lost(error)
            return self.hub.presence(room)

    async def _shared_presence(
        self, room: str, *, add: dict[str, float] | None = None, remove: str | None = None
    ) -> int:
        key, now = PRESENCE_PREFIX + room, time.time()
        async with self._redis.pipeline(transaction=True) as pipe:
            if add:
                pipe.zadd(key, add)
            if remove:
                pipe.zrem(key, remove)
            pipe.zremrangebyscore(key, "-inf", now - PRESENCE_STALE_SECONDS)
            pipe.zcard(key)
            pipe.expire(key, int(PRESENCE_STALE_SECONDS * 2))
            *_, count, _ = await pipe.execute()
        return int(count)

    async def _beat(self) -> None:
        """Refresh this worker's viewers; tell them when the count moved (e.g. a worker died)."""
        while True:
            await asyncio.sleep(self._heartbeat_seconds)
            await self._refresh_presence()

    async def _refresh_presence(self) -> None:
        for room in self.hub.rooms():
            try:
                members = self.hub.members(room)
                count = await self._presence(room, add=dict.fromkeys(members, time.time()))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("presence heartbeat for room %s failed", room)
                continue
            if self._last_presence.get(room) != count:
                self._last_presence[room] = count
                self.hub.publish(room, presence_message(count))

    async def _reconnect(self) -> None:
        """Until Redis answers: ping with backoff; then a fresh subscription to every room."""
        attempt = 0
        while True:
            await asyncio.sleep(RECONNECT_SECONDS[min(attempt, len(RECONNECT_SECONDS) - 1)])
            attempt += 1
            try:
                await self._redis.execute_command("PING")
                async with self._lock:
                    old, self._pubsub = self._pubsub, self._redis.pubsub()
                    with contextlib.suppress(Exception):
                        await old.aclose()
                    channels = [CHANNEL_PREFIX + room for room in self._counts]
                    if channels:
                        await self._pubsub.subscribe(*channels)
            except Exception as error:  # Redis not back yet (or half back): try again later
                log.debug("Live rooms: Redis not back yet (%s)", error)
                continue
            break
        self.live = True
        log.warning("Live rooms: Redis is back after %d tries; rooms live again", attempt)
        for room in self.hub.rooms():
            self.hub.publish(room, live_message(True))
        await self._refresh_presence()

    async def _listen(self) -> None:
        while True:
            if not self.live:
                await self._reconnect()
            if self._pubsub.connection is None:  # no room subscribed yet
                await asyncio.sleep(0.5)
                continue
            try:
                item = await self._pubsub.get_message(timeout=1.0)
            except asyncio.CancelledError:
                raise
            except REDIS_DOWN as error:
                self._lost(error)
                continue
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
                room = channel[len(CHANNEL_PREFIX) :]
                if message.get("type") == "presence":
                    self._last_presence[room] = int(message.get("watching", 0))
                self.hub.publish(room, message)


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")
