"""The live-room hub: batching, dropping slow clients, presence, and Redis fan-out."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from typing import Any

import pytest
from redis.asyncio import Redis

from microshort.realtime import brokers
from microshort.realtime.brokers import RedisBroker
from microshort.realtime.hub import Connection, RoomHub


class Client:
    """A fake socket: records every frame it is sent."""

    def __init__(self) -> None:
        self.frames: list[list[dict[str, Any]]] = []
        self.arrived = asyncio.Event()

    async def send(self, text: str) -> None:
        self.frames.append(json.loads(text))
        self.arrived.set()

    @property
    def messages(self) -> list[dict[str, Any]]:
        return [message for frame in self.frames for message in frame]

    async def wait_for(self, count: int, timeout: float = 5) -> None:
        async def enough() -> None:
            while len(self.messages) < count:
                self.arrived.clear()
                await self.arrived.wait()

        await asyncio.wait_for(enough(), timeout)


async def test_connections_receive_each_others_messages_in_batches() -> None:
    hub = RoomHub()
    alice, bob, elsewhere = Client(), Client(), Client()
    hub.join("r1", alice.send)
    hub.join("r1", bob.send)
    hub.join("r2", elsewhere.send)
    assert hub.publish("r1", {"n": 1, "from": "alice"}) == 2
    hub.publish("r1", {"n": 2, "from": "bob"})
    hub.publish("r1", {"n": 3, "from": "alice"})
    await alice.wait_for(3)
    await bob.wait_for(3)
    for client in (alice, bob):
        assert client.frames == [
            [{"n": 1, "from": "alice"}, {"n": 2, "from": "bob"}, {"n": 3, "from": "alice"}]
        ]
    await asyncio.sleep(0.1)
    assert elsewhere.frames == []


async def test_a_batch_is_sent_within_about_50_ms() -> None:
    hub = RoomHub()
    client = Client()
    hub.join("r", client.send)
    started = time.monotonic()
    hub.publish("r", {"n": 1})
    await client.wait_for(1)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(
    ("queue_size", "stuck_seconds"),
    [(1024, 0.1), (16, 60.0)],
    ids=["a frame stuck too long", "queue full"],
)
async def test_a_slow_client_is_dropped_and_the_room_goes_on(
    queue_size: int, stuck_seconds: float
) -> None:
    dropped: list[Connection] = []
    hub = RoomHub(queue_size=queue_size, stuck_seconds=stuck_seconds, on_drop=dropped.append)
    never = asyncio.get_running_loop().create_future()

    async def stuck(text: str) -> None:
        await never  # a client that never reads: its send never completes

    fast = Client()
    slow_connection = hub.join("room", stuck)
    hub.join("room", fast.send)
    assert hub.presence("room") == 2
    for n in range(40):
        hub.publish("room", {"n": n})
        await asyncio.sleep(0.005)
    await fast.wait_for(40)
    assert [message["n"] for message in fast.messages] == list(range(40))
    assert dropped == [slow_connection]
    assert slow_connection.dropped
    assert slow_connection.task is not None
    await asyncio.sleep(0)
    assert slow_connection.task.cancelled()
    assert hub.presence("room") == 1


async def test_the_first_message_after_a_quiet_spell_goes_out_at_once() -> None:
    hub = RoomHub(batch_seconds=0.5)
    client = Client()
    hub.join("r", client.send)
    started = time.monotonic()
    hub.publish("r", {"n": 1})
    await client.wait_for(1)
    assert time.monotonic() - started < 0.2  # no batch window to sit out
    hub.publish("r", {"n": 2})  # right after a frame: waits for the window, with company
    hub.publish("r", {"n": 3})
    await client.wait_for(3)
    assert client.frames == [[{"n": 1}], [{"n": 2}, {"n": 3}]]
    assert time.monotonic() - started >= 0.45


async def test_a_client_whose_send_fails_is_dropped() -> None:
    dropped: list[Connection] = []
    hub = RoomHub(on_drop=dropped.append)

    async def broken(text: str) -> None:
        raise ConnectionResetError("gone")

    connection = hub.join("room", broken)
    hub.publish("room", {"n": 1})
    await asyncio.sleep(0.2)
    assert dropped == [connection]
    assert hub.presence("room") == 0


async def test_presence_counts_joins_and_leaves() -> None:
    hub = RoomHub()
    assert hub.presence("r") == 0
    first = hub.join("r", Client().send)
    second = hub.join("r", Client().send)
    hub.join("other", Client().send)
    assert (hub.presence("r"), hub.presence("other")) == (2, 1)
    hub.leave(first)
    hub.leave(first)  # idempotent
    assert hub.presence("r") == 1
    hub.leave(second)
    assert hub.presence("r") == 0
    assert "r" not in hub.rooms()
    assert hub.publish("r", {"n": 1}) == 0


async def test_redis_carries_a_message_from_one_worker_to_another(redis_url: str) -> None:
    worker_a = RedisBroker.from_url(RoomHub(), redis_url)  # like two web workers
    worker_b = RedisBroker.from_url(RoomHub(), redis_url)
    try:
        await _fan_out_between(worker_a, worker_b)
    finally:
        await worker_a.close()
        await worker_b.close()


async def _fan_out_between(worker_a: RedisBroker, worker_b: RedisBroker) -> None:
    room = f"test-{uuid.uuid4().hex}"
    on_a, on_b = Client(), Client()
    connection_a = worker_a.hub.join(room, on_a.send)
    await worker_a.attach(room)
    worker_b.hub.join(room, on_b.send)
    await worker_b.attach(room)

    await worker_a.publish(room, {"type": "reaction", "emoji": "🔥"})
    await on_b.wait_for(1)
    await on_a.wait_for(1)  # the publishing worker's own viewers get it the same way
    assert on_b.messages == on_a.messages == [{"type": "reaction", "emoji": "🔥"}]

    # Viewers are counted across workers.
    assert await worker_a.arrive(room, "viewer-1") == 1
    assert await worker_b.arrive(room, "viewer-2") == 2
    assert await worker_a.depart(room, "viewer-1") == 1

    # A worker whose last viewer left stops listening to the room.
    worker_a.hub.leave(connection_a)
    await worker_a.detach(room)
    await worker_b.publish(room, {"n": 2})
    await on_b.wait_for(2)
    await asyncio.sleep(0.2)
    assert len(on_a.messages) == 1


async def test_viewers_of_a_dead_worker_stop_counting(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(brokers, "PRESENCE_STALE_SECONDS", 0.5)
    room = f"test-{uuid.uuid4().hex}"
    alive = RedisBroker.from_url(RoomHub(), redis_url, heartbeat_seconds=0.2)
    dying = RedisBroker.from_url(RoomHub(), redis_url)
    viewer = Client()
    try:
        # The dying worker counts a viewer in, then vanishes without saying goodbye.
        assert await dying.arrive(room, "ghost") == 1
        alive.hub.join(room, viewer.send)
        await alive.attach(room)
        assert await alive.arrive(room, alive.hub.members(room)[0]) == 2
        # Heartbeats keep the live viewer counted; the ghost fades out and the room is told.
        for _ in range(50):
            await asyncio.sleep(0.1)
            if {"type": "presence", "watching": 1} in viewer.messages:
                break
        assert {"type": "presence", "watching": 1} in viewer.messages
        assert await alive.arrive(room, "late-joiner") == 2
    finally:
        await alive.close()
        await dying.close()
        redis = Redis.from_url(redis_url)
        await redis.delete(brokers.PRESENCE_PREFIX + room)
        await redis.aclose()
