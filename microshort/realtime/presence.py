"""Telling a room how many are watching, at most once per interval per worker.

Every join and leave changes the count, and each count goes to everyone in the room: a join
storm of 1,000 viewers would otherwise be 1,000 messages to each of them. Here the first change
after a quiet interval goes out at once and later ones collapse into one message with the
latest count at the end of the interval.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)

Publish = Callable[[str, dict[str, Any]], Awaitable[None]]
INTERVAL_SECONDS = 1.0


def presence_message(watching: int) -> dict[str, Any]:
    return {"type": "presence", "watching": watching}


class PresenceAnnouncer:
    def __init__(self, publish: Publish, *, interval: float = INTERVAL_SECONDS) -> None:
        self._publish = publish
        self._interval = interval
        self._latest: dict[str, int] = {}
        self._last_sent: dict[str, float] = {}
        self._scheduled: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    def announce(self, room: str, watching: int) -> None:
        loop = asyncio.get_running_loop()
        self._latest[room] = watching
        if room in self._scheduled:
            return  # the scheduled message will carry this count
        wait = self._last_sent.get(room, float("-inf")) + self._interval - loop.time()
        self._scheduled.add(room)
        if wait <= 0:
            self._send(room)
        else:
            loop.call_later(wait, self._send, room)

    def _send(self, room: str) -> None:
        self._scheduled.discard(room)
        self._last_sent[room] = asyncio.get_running_loop().time()
        task = asyncio.get_running_loop().create_task(self._deliver(room, self._latest[room]))
        self._tasks.add(task)  # keep a reference until it is done
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, room: str, watching: int) -> None:
        try:
            await self._publish(room, presence_message(watching))
        except Exception:  # a Redis hiccup: the next change or heartbeat corrects the count
            log.exception("announcing presence in room %s", room)
