"""Simulated viewers for bench/realtime_load.py: lean websocket clients in one process, one clock.

Each reaction carries a unique `t` (the hub relays it untouched), so a receiver looks up when
and by whom it was sent: latency is send → receipt at every other viewer. The sender's own echo
is not a delivery. Senders are taken in turn from all viewers, so each stays far under the
room's per-viewer limits (10/s, 120/min). Clients (bench/ws_client.py) only note arrivals while
the run lasts; the JSON is read after it.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.ws_client import Arrivals, LeanClient, connect

EMOJIS = ("❤️", "🔥", "😂", "😮", "😭", "👏")
PING_SECONDS = 20.0  # as the watch page does (the hub closes a socket idle for a minute)
CONNECTS_AT_ONCE = 50


@dataclass
class Run:
    """What one scenario measured."""

    viewers: int
    sent: dict[int, tuple[float, int]] = field(default_factory=dict)  # t -> (when, sender)
    arrivals: Arrivals = field(default_factory=Arrivals)
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

    def all_arrived(self) -> bool:
        """Every accepted reaction reached every viewer, echoes included (counted live)."""
        accepted = len(self.sent) - self.arrivals.errors
        return self.arrivals.reactions >= accepted * self.viewers

    def read_arrivals(self) -> None:
        """After the run: latencies, error frames and closes from what the clients kept."""
        for now, index, text in self.arrivals.frames:
            data = json.loads(text)
            for message in data if isinstance(data, list) else (data,):
                kind = message.get("type")
                if kind == "reaction":
                    sent = self.sent.get(message["t"])
                    if sent is not None and sent[1] != index:
                        self.latencies_ms.append((now - sent[0]) * 1000)
                elif kind == "error":
                    self.errors.append(message["error"])
        self.closed += [f"{code} {reason}" for code, reason in self.arrivals.closes if code != 1000]


class Viewer:
    def __init__(self, index: int, client: LeanClient, hub: bool) -> None:
        self.index, self.client, self.hub = index, client, hub

    async def ping(self, stop: asyncio.Event) -> None:
        """Keep-alive frames, staggered over the interval (hub only)."""
        await asyncio.sleep(random.uniform(0, PING_SECONDS))
        while not stop.is_set() and self.hub:
            self.client.send_text('{"type":"ping"}')
            await asyncio.sleep(PING_SECONDS)


async def open_viewers(urls: list[str], run: Run, hub: bool) -> list[Viewer]:
    """Connect one viewer per URL (at most CONNECTS_AT_ONCE at a time); hub viewers get hello."""
    gate = asyncio.Semaphore(CONNECTS_AT_ONCE)

    async def one(index: int, url: str) -> Viewer:
        async with gate:
            client = await connect(url, index, run.arrivals, greeted=hub)
            if client.greeting is not None:
                run.workers.add(str(json.loads(client.greeting.result())["worker"]))
            return Viewer(index, client, hub)

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
        sender.client.send_text(frame(token))
    run.send_seconds = time.perf_counter() - started


def reaction_frame(token: int) -> str:
    """Compact JSON, as the hub writes it, so the bare baseline's relay counts the same way."""
    message = {"type": "reaction", "emoji": EMOJIS[token % len(EMOJIS)], "t": token}
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


async def drain(run: Run, timeout: float) -> None:
    """Wait for the last deliveries (or give up after `timeout`)."""
    deadline = time.perf_counter() + timeout
    while not run.all_arrived() and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)


async def close_all(viewers: list[Viewer]) -> None:
    await asyncio.gather(*(viewer.client.close() for viewer in viewers))


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
