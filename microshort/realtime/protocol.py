"""Frames a viewer may send on a room socket, validated before anything else happens.

Client -> server: {"type": "ping"} or {"type": "reaction", "emoji": "🔥", "t": <ms into the
episode>}. Anything else gets an error frame back; parsing never raises.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MAX_FRAME_BYTES = 2048
MAX_T_MS = 86_400_000
EMOJIS = ("❤️", "🔥", "😂", "😮", "😭", "👏")


@dataclass(frozen=True)
class Ping:
    pass


@dataclass(frozen=True)
class ReactionFrame:
    emoji: str
    t: int


Frame = Ping | ReactionFrame


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
    if kind != "reaction":
        return error_frame('Unknown frame type (expected "reaction" or "ping").')
    emoji = message.get("emoji")
    if not isinstance(emoji, str) or emoji not in EMOJIS:
        return error_frame("Unknown emoji (allowed: " + " ".join(EMOJIS) + ").")
    t = message.get("t")
    if isinstance(t, bool) or not isinstance(t, int) or not 0 <= t <= MAX_T_MS:
        return error_frame(f'"t" must be a whole number of milliseconds from 0 to {MAX_T_MS}.')
    return ReactionFrame(emoji=emoji, t=t)
