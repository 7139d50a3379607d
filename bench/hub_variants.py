"""Candidate RoomHub writers, measured by bench/realtime_load.py beside the real one.

Profiling the first hub at 1,000 viewers (py-spy on the server) put about half of the event
loop in RoomHub._write, most of that in `asyncio.wait_for` (a task and a timer per message per
connection) rather than in sending. The per-connection leading-edge writer measured here then
became RoomHub's own (microshort/realtime/hub.py). The remaining variants keep the hub's
contract (bounded queue per connection, a slow client dropped, one JSON array frame per batch
of ≤ BATCH_SECONDS):

  sleep   per connection: wait for the first message, sleep BATCH_SECONDS once, take all
          that queued meanwhile (arrivals wake nobody while it sleeps);
  room    per room, leading edge: a message to a room that sent nothing for BATCH_SECONDS
          goes out at once; later ones wait for the next slot BATCH_SECONDS after the last
          frame (so still ≤ 1 frame per BATCH_SECONDS per client). A frame is serialised once
          and the same string queued to every connection, whose writer only sends frames.

bench/room_server.py installs one when BENCH_HUB is set.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from microshort.realtime.hub import Connection, RoomHub


class SleepBatchingHub(RoomHub):
    async def _write(self, connection: Connection) -> None:
        queue, limit = connection.queue, self._queue_size
        while True:
            batch = [await queue.get()]
            await asyncio.sleep(self._batch_seconds)
            while not queue.empty() and len(batch) < limit:
                batch.append(queue.get_nowait())
            try:
                await connection.send("[" + ",".join(batch) + "]")
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the client went away
                self._drop(connection, f"send failed: {error!r}")
                return


class RoomBatchingHub(RoomHub):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pending: dict[str, list[str]] = {}
        self._last_flush: dict[str, float] = {}

    def publish(self, room: str, message: dict[str, Any]) -> int:
        members = self._rooms.get(room)
        if not members:
            return 0
        pending = self._pending.setdefault(room, [])
        pending.append(json.dumps(message, separators=(",", ":"), ensure_ascii=False))
        if len(pending) == 1:  # the first of a batch: now if the room was quiet, else later
            loop = asyncio.get_running_loop()
            due = self._last_flush.get(room, -1e9) + self._batch_seconds
            if loop.time() >= due:
                self._flush(room)
            else:
                loop.call_at(due, self._flush, room)
        return len(members)

    def _flush(self, room: str) -> None:
        batch, members = self._pending.pop(room, []), self._rooms.get(room)
        if not batch or not members:
            return
        self._last_flush[room] = asyncio.get_running_loop().time()
        frame = "[" + ",".join(batch) + "]"
        for connection in list(members):
            try:
                connection.queue.put_nowait(frame)
            except asyncio.QueueFull:
                self._drop(connection, "queue full")

    async def _write(self, connection: Connection) -> None:
        while True:
            frame = await connection.queue.get()
            try:
                await connection.send(frame)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the client went away
                self._drop(connection, f"send failed: {error!r}")
                return


VARIANTS: dict[str, type[RoomHub]] = {
    "sleep": SleepBatchingHub,
    "room": RoomBatchingHub,
}
