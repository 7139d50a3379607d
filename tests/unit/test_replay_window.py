"""Replay rules: grouping per second, the per-second cap with honest counts, windows, heat."""

from __future__ import annotations

import pytest

from microshort.errors import InvalidInput
from microshort.realtime.replay import (
    EmojiSecond,
    ReplayItem,
    cap_per_second,
    check_window,
    normalise,
)


def group(second: int, emoji: str, n: int, first_ms: int | None = None) -> EmojiSecond:
    return EmojiSecond(
        second=second, emoji=emoji, n=n, first_ms=second * 1000 if first_ms is None else first_ms
    )


def test_groups_under_the_cap_come_back_as_they_are_sorted_by_position() -> None:
    items = cap_per_second(
        [group(3, "🔥", 2, 3_400), group(1, "❤️", 1, 1_900), group(3, "😂", 5, 3_100)], 4
    )
    assert items == [
        ReplayItem(t=1_900, emoji="❤️", n=1),
        ReplayItem(t=3_100, emoji="😂", n=5),
        ReplayItem(t=3_400, emoji="🔥", n=2),
    ]


def test_a_busy_second_keeps_its_most_frequent_emojis_and_folds_the_rest_into_the_leader() -> None:
    busy = [
        group(7, "❤️", 40, 7_010),
        group(7, "🔥", 25, 7_500),
        group(7, "😂", 9, 7_020),
        group(7, "😮", 3, 7_300),
        group(7, "😭", 2, 7_900),
        group(7, "👏", 1, 7_001),
    ]
    items = cap_per_second(busy, 3)
    assert len(items) == 3
    assert {item.emoji: item.n for item in items} == {"❤️": 40 + 3 + 2 + 1, "🔥": 25, "😂": 9}
    assert sum(item.n for item in items) == sum(g.n for g in busy)  # totals stay honest
    assert [item.t for item in items] == [7_010, 7_020, 7_500]


def test_the_cap_applies_to_each_second_separately() -> None:
    groups = [group(s, e, 1 + s) for s in range(3) for e in ("❤️", "🔥", "😂", "😮", "😭")]
    items = cap_per_second(groups, 2)
    per_second: dict[int, list[ReplayItem]] = {}
    for item in items:
        per_second.setdefault(item.t // 1000, []).append(item)
    assert {s: len(kept) for s, kept in per_second.items()} == {0: 2, 1: 2, 2: 2}
    assert {s: sum(i.n for i in kept) for s, kept in per_second.items()} == {0: 5, 1: 10, 2: 15}


def test_ties_go_to_the_earliest_group_then_the_emoji() -> None:
    items = cap_per_second([group(0, "😂", 2, 500), group(0, "❤️", 2, 100)], 1)
    assert items == [ReplayItem(t=100, emoji="❤️", n=4)]
    items = cap_per_second([group(0, "😂", 2, 100), group(0, "❤️", 2, 100)], 1)
    assert items == [ReplayItem(t=100, emoji="❤️", n=4)]


def test_no_groups_no_items() -> None:
    assert cap_per_second([], 4) == []


def test_the_cap_must_be_positive() -> None:
    with pytest.raises(InvalidInput):
        cap_per_second([group(0, "❤️", 1)], 0)


@pytest.mark.parametrize(
    ("start", "end"), [(-1, 1_000), (5_000, 5_000), (5_000, 4_000), (0, 30_001)]
)
def test_bad_windows_are_refused(start: int, end: int) -> None:
    with pytest.raises(InvalidInput):
        check_window(start, end)


@pytest.mark.parametrize(("start", "end"), [(0, 1), (0, 30_000), (90_000, 100_000)])
def test_good_windows_pass(start: int, end: int) -> None:
    check_window(start, end)


def test_heat_is_relative_to_the_busiest_bucket() -> None:
    assert normalise([0, 5, 10, 2]) == [0.0, 0.5, 1.0, 0.2]
    assert normalise([0, 0, 0]) == []
    assert normalise([]) == []
