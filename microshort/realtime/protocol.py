"""Frames a viewer may send on a room socket, validated before anything else happens.

Client -> server: {"type": "ping"}, {"type": "reaction", "emoji": "🔥", "t": <ms into the
episode>} or {"type": "replay", "from": <ms>, "to": <ms>} (past reactions of a window of at most
REPLAY_SPAN_MS). Anything else gets an error frame back; parsing never raises.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeGuard

MAX_FRAME_BYTES = 2048
MAX_T_MS = 86_400_000
REPLAY_SPAN_MS = 30_000
EMOJIS = ("❤️", "🔥", "😂", "😮", "😭", "👏")


@dataclass(frozen=True)
class Ping:
    pass


@dataclass(frozen=True)
class ReactionFrame:
    emoji: str
    t: int


@dataclass(frozen=True)
class ReplayFrame:
    start_ms: int
    end_ms: int


Frame = Ping | ReactionFrame | ReplayFrame


def error_frame(reason: str) -> dict[str, Any]:
    return {"type": "error", "error": reason}


def parse_frame(raw: str | bytes | None) -> Frame | dict[str, Any]:
    """A Ping or ReactionFrame, or an error frame (a dict) saying what is wrong."""
    if raw is None:
        return error_frame("Expected a text frame.")
    data = raw.encode() if isinstance(raw, str) else raw
    if len(data) > MAX_FRAME_BYTES:
        return error_frame(f"Frame too large (at most {MAX_FRAME_BYTES} bytes).")
    try:
        message = json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return error_frame("Frame is not valid JSON.")
    if not isinstance(message, dict):
        return error_frame("Frame must be a JSON object.")
    kind = message.get("type")
    if kind == "ping":
        return Ping()
    if kind == "replay":
        return _replay(message)
    if kind != "reaction":
        return error_frame('Unknown frame type (expected "reaction", "replay" or "ping").')
    emoji = message.get("emoji")
    if not isinstance(emoji, str) or emoji not in EMOJIS:
        return error_frame("Unknown emoji (allowed: " + " ".join(EMOJIS) + ").")
    t = message.get("t")
    if not _position(t):
        return error_frame(f'"t" must be a whole number of milliseconds from 0 to {MAX_T_MS}.')
    return ReactionFrame(emoji=emoji, t=t)


def _position(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_T_MS


def _replay(message: dict[str, Any]) -> ReplayFrame | dict[str, Any]:
    start, end = message.get("from"), message.get("to")
    if not (_position(start) and _position(end) and 0 < end - start <= REPLAY_SPAN_MS):
        return error_frame(
            f'"from" and "to" must be milliseconds with 0 < to - from <= {REPLAY_SPAN_MS}.'
        )
    return ReplayFrame(start_ms=start, end_ms=end)


class FrameBudget:
    """At most `per_second` frames in any one-second window (a client over it is flooding)."""

    def __init__(self, per_second: int) -> None:
        self._per_second = per_second
        self._window_start = 0.0
        self._count = 0

    def spend(self, now: float) -> bool:
        if now - self._window_start >= 1.0:
            self._window_start, self._count = now, 0
        self._count += 1
        return self._count <= self._per_second
