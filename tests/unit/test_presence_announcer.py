"""A join storm becomes a few presence messages with the latest count, not one per change."""

from __future__ import annotations

import asyncio
from typing import Any

from microshort.realtime.presence import PresenceAnnouncer


async def test_changes_within_an_interval_collapse_into_one_message_with_the_latest_count() -> None:
    sent: list[tuple[str, dict[str, Any]]] = []

    async def publish(room: str, message: dict[str, Any]) -> None:
        sent.append((room, message))

    announcer = PresenceAnnouncer(publish, interval=0.2)
    for watching in range(1, 101):  # 100 viewers join at once
        announcer.announce("r", watching)
    announcer.announce("other", 7)
    await asyncio.sleep(0.05)
    assert sent == [
        ("r", {"type": "presence", "watching": 1}),
        ("other", {"type": "presence", "watching": 7}),
    ]
    await asyncio.sleep(0.25)
    assert sent[2:] == [("r", {"type": "presence", "watching": 100})]
    await asyncio.sleep(0.3)  # quiet again: the next change goes out at once
    announcer.announce("r", 99)
    await asyncio.sleep(0.05)
    assert sent[-1] == ("r", {"type": "presence", "watching": 99})
    assert len(sent) == 4
