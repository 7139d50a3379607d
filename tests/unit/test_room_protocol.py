"""Incoming room frames: valid ones parse, anything else becomes a readable error frame."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microshort.realtime.protocol import EMOJIS, Ping, ReactionFrame, parse_frame


def error_of(raw: str | bytes | None) -> str:
    frame = parse_frame(raw)
    assert isinstance(frame, dict), frame
    assert frame["type"] == "error"
    assert isinstance(frame["error"], str)
    assert frame["error"]
    return frame["error"]


def test_valid_frames() -> None:
    assert parse_frame('{"type": "ping"}') == Ping()
    for emoji in EMOJIS:
        raw = json.dumps({"type": "reaction", "emoji": emoji, "t": 1500})
        assert parse_frame(raw) == ReactionFrame(emoji, 1500)
    assert parse_frame(json.dumps({"type": "reaction", "emoji": "🔥", "t": 86_400_000})) == (
        ReactionFrame("🔥", 86_400_000)
    )


def test_not_json() -> None:
    assert "JSON" in error_of("{type: reaction")
    assert "JSON" in error_of(b"\xff\xfe")
    assert "object" in error_of("[1, 2]")
    assert "text" in error_of(None)


def test_too_big() -> None:
    raw = json.dumps({"type": "ping", "pad": "x" * 2100})
    assert "too large" in error_of(raw)


@pytest.mark.parametrize("frame", [{}, {"type": "comment"}, {"type": 1}, {"kind": "ping"}])
def test_unknown_type(frame: dict[str, object]) -> None:
    assert "type" in error_of(json.dumps(frame))


@pytest.mark.parametrize("emoji", ["💩", "", None, 3, "🔥🔥", ["🔥"]])
def test_bad_emoji(emoji: object) -> None:
    assert "emoji" in error_of(json.dumps({"type": "reaction", "emoji": emoji, "t": 0}))


@pytest.mark.parametrize("t", [-1, 86_400_001, 10**30, 1.5, "100", None, True])
def test_bad_t(t: object) -> None:
    assert '"t"' in error_of(json.dumps({"type": "reaction", "emoji": "🔥", "t": t}))


@given(st.one_of(st.text(max_size=3000), st.binary(max_size=3000)))
def test_never_raises(raw: str | bytes) -> None:
    parse_frame(raw)


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    assert "JSON" in error_of("[" * 2000)
    assert "JSON" in error_of('{"a":' * 400)
