"""Simulated viewers for bench/realtime_load.py: websocket clients in one process, one clock.

Each reaction carries a unique `t` (the hub relays it untouched), so a receiver looks up when
and by whom it was sent: latency is send → receipt at every other viewer. The sender's own echo
is not a delivery. Senders are taken in turn from all viewers, so each stays far under the
room's per-viewer limits (10/s, 120/min).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

EMOJIS = ("❤️", "🔥", "😂", "😮", "😭", "👏")
PING_SECONDS = 20.0  # as the watch page does (the hub closes a socket idle for a minute)
CONNECTS_AT_ONCE = 50


@dataclass
class Run:
    """What one scenario measured."""

    viewers: int
    sent: dict[int, tuple[float, int]] = field(default_factory=dict)  # t -> (when, sender)
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)  # sockets the server closed mid-run
    workers: set[str] = field(default_factory=set)
    send_seconds: float = 0.0

    @property
    def expected(self) -> int:
        """Deliveries owed: every reaction accepted, to every viewer but its sender."""
        return (len(self.sent) - len(self.errors)) * (self.viewers - 1)

    @property
    def delivered(self) -> int:
        return len(self.latencies_ms)


class Viewer:
    def __init__(self, index: int, socket: ClientConnection, run: Run, hub: bool) -> None:
        self.index, self.socket, self.run, self.hub = index, socket, run, hub

    async def listen(self) -> None:
        run, clock = self.run, time.perf_counter
        try:
            async for raw in self.socket:
                now = clock()
                data = json.loads(raw)
                for message in data if isinstance(data, list) else (data,):
                    kind = message.get("type")
                    if kind == "reaction":
                        sent = run.sent.get(message["t"])
                        if sent is not None and sent[1] != self.index:
                            run.latencies_ms.append((now - sent[0]) * 1000)
                    elif kind == "error":
                        run.errors.append(message["error"])
                    elif kind == "hello":
                        run.workers.add(str(message.get("worker")))
        except ConnectionClosed as closed:
            if closed.rcvd is not None and closed.rcvd.code != 1000:
                run.closed.append(f"{closed.rcvd.code} {closed.rcvd.reason}")

    async def ping(self, stop: asyncio.Event) -> None:
        """Keep-alive frames, staggered over the interval (hub only)."""
        await asyncio.sleep(random.uniform(0, PING_SECONDS))
        while not stop.is_set() and self.hub:
            await self.socket.send('{"type":"ping"}')
            await asyncio.sleep(PING_SECONDS)


async def open_viewers(urls: list[str], run: Run, hub: bool) -> list[Viewer]:
    """Connect one viewer per URL (at most CONNECTS_AT_ONCE at a time); hub viewers get hello."""
    gate = asyncio.Semaphore(CONNECTS_AT_ONCE)

    async def one(index: int, url: str) -> Viewer:
        async with gate:
            socket = await connect(url, ping_interval=None, max_size=2**20, open_timeout=30)
            while hub:  # the hello, before the listener takes over (batches may come first)
                hello = json.loads(await socket.recv())
                if isinstance(hello, dict) and hello.get("type") == "hello":
                    run.workers.add(str(hello["worker"]))
                    break
            return Viewer(index, socket, run, hub)

    return list(await asyncio.gather(*(one(i, url) for i, url in enumerate(urls))))


async def send_reactions(
    viewers: list[Viewer], run: Run, rate: float, seconds: float, frame: Callable[[int], str]
) -> None:
    """`rate` reactions a second in total for `seconds`, senders in a shuffled round."""
    order = viewers[:]
    random.shuffle(order)
    interval, count = 1 / rate, int(rate * seconds)
    started = time.perf_counter()
    for k in range(count):
        delay = started + k * interval - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        sender, token = order[k % len(order)], k + 1
        run.sent[token] = (time.perf_counter(), sender.index)
        await sender.socket.send(frame(token))
    run.send_seconds = time.perf_counter() - started


def reaction_frame(token: int) -> str:
    return json.dumps({"type": "reaction", "emoji": EMOJIS[token % len(EMOJIS)], "t": token})


async def drain(run: Run, timeout: float) -> None:
    """Wait for the last deliveries (or give up after `timeout`)."""
    deadline = time.perf_counter() + timeout
    while run.delivered < run.expected and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)


async def close_all(viewers: list[Viewer]) -> None:
    async def close(viewer: Viewer) -> None:
        with contextlib.suppress(TimeoutError, ConnectionClosed, OSError):
            await asyncio.wait_for(viewer.socket.close(), 5)

    await asyncio.gather(*(close(viewer) for viewer in viewers))


def summary(run: Run) -> dict[str, Any]:
    ordered = sorted(run.latencies_ms)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0

    return {
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "max": ordered[-1] if ordered else 0.0,
        "per_second": run.delivered / run.send_seconds if run.send_seconds else 0.0,
        "expected": run.expected,
        "delivered": run.delivered,
        "lost": run.expected - run.delivered,
        "errors": len(run.errors),
        "closed": len(run.closed),
    }
