"""Incoming room frames: valid ones parse, anything else becomes a readable error frame."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microshort.realtime.protocol import (
    EMOJIS,
    FrameBudget,
    Ping,
    ReactionFrame,
    ReplayFrame,
    parse_frame,
)


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


def test_replay_windows_are_bounded() -> None:
    assert parse_frame('{"type": "replay", "from": 0, "to": 10000}') == ReplayFrame(0, 10_000)
    assert parse_frame('{"type": "replay", "from": 5, "to": 30005}') == ReplayFrame(5, 30_005)
    for bad in (
        {"from": 0, "to": 30_001},  # too wide
        {"from": 10, "to": 10},  # empty
        {"from": 20, "to": 10},  # backwards
        {"from": -1, "to": 10},
        {"from": "0", "to": 10},
        {"from": 0, "to": True},
        {"from": 0},
    ):
        assert '"from"' in error_of(json.dumps({"type": "replay", **bad}))


def test_frame_budget_allows_a_burst_per_second_then_refuses() -> None:
    budget = FrameBudget(3)
    assert [budget.spend(10.0 + i * 0.1) for i in range(5)] == [True, True, True, False, False]
    assert budget.spend(11.2)  # a new second, a new budget
