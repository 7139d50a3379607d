"""Replayed reactions: what past viewers sent near a position of the episode, and where it ran hot.

`replay_window` groups reactions per (second of the timeline, emoji): `t` is the position of the
group's first reaction (the client adds jitter), `n` how many there were. A second keeps at
most `per_second` groups, the most frequent first (ties: earliest t, then emoji); the reactions
of the groups left out are added to the n of that second's leading group, so the n of a second
always sum to the reactions it really had (the leader's n reads "this emoji, and the others
folded in"). The call returns the items whose t lies in [start_ms, end_ms), sorted by t: exactly
the reactions of the window when it is in whole seconds; when a window cuts a second, each of
that second's groups goes whole to the side its first reaction is on. The viewer's own
reactions are subtracted (they saw them live; a group's t may still be their reaction's).

`heat_strip` is reaction density along the episode, `buckets` values in 0..1.

Both read `reaction_seconds` (kept by database triggers, see ReactionSecond), not the raw rows:
a hot episode's window costs the same few hundred rows as a quiet one's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from microshort.errors import InvalidInput
from microshort.realtime.models import Reaction, ReactionSecond

MAX_WINDOW_MS = 30_000
MAX_PER_SECOND = 50
MAX_BUCKETS = 1_000


@dataclass(frozen=True)
class ReplayItem:
    t: int  # ms into the episode
    emoji: str
    n: int


@dataclass(frozen=True)
class EmojiSecond:
    """The reactions of one emoji in one second of the timeline."""

    second: int
    emoji: str
    n: int
    first_ms: int


def cap_per_second(groups: Iterable[EmojiSecond], per_second: int) -> list[ReplayItem]:
    """At most `per_second` items per second, the rest folded into the second's leader; by t."""
    if per_second < 1:
        raise InvalidInput("per_second must be at least 1.", field="per_second")
    items: list[ReplayItem] = []
    by_second = sorted(groups, key=lambda group: group.second)
    for _, same_second in groupby(by_second, key=lambda group: group.second):
        ranked = sorted(same_second, key=lambda group: (-group.n, group.first_ms, group.emoji))
        kept, folded = ranked[:per_second], sum(group.n for group in ranked[per_second:])
        leader = kept[0]
        items.append(ReplayItem(t=leader.first_ms, emoji=leader.emoji, n=leader.n + folded))
        items.extend(
            ReplayItem(t=group.first_ms, emoji=group.emoji, n=group.n) for group in kept[1:]
        )
    items.sort(key=lambda item: (item.t, item.emoji))
    return items


def check_window(start_ms: int, end_ms: int) -> None:
    if start_ms < 0 or end_ms <= start_ms:
        raise InvalidInput("A replay window runs forward from 0 or later.", field="start_ms")
    if end_ms - start_ms > MAX_WINDOW_MS:
        raise InvalidInput(
            f"A replay window is at most {MAX_WINDOW_MS // 1000} seconds.", field="end_ms"
        )


def replay_window(
    session: Session,
    *,
    episode_id: int,
    start_ms: int,
    end_ms: int,
    exclude_user_id: int | None = None,
    exclude_anonymous_id: str | None = None,
    per_second: int = 4,
) -> list[ReplayItem]:
    """Past reactions of the episode in [start_ms, end_ms), the viewer's own left out."""
    check_window(start_ms, end_ms)
    if not 1 <= per_second <= MAX_PER_SECOND:
        raise InvalidInput(f"per_second must be from 1 to {MAX_PER_SECOND}.", field="per_second")
    first, last = start_ms // 1000, (end_ms - 1) // 1000  # the seconds the window touches
    rollup = ReactionSecond.__table__  # type: ignore[attr-defined]
    query: sa.Select[Any] | sa.CompoundSelect[Any] = sa.select(
        rollup.c.second, rollup.c.emoji, rollup.c.n, rollup.c.first_ms
    ).where(rollup.c.episode_id == episode_id, rollup.c.second.between(first, last))
    own = _own_reactions(episode_id, first, last, exclude_user_id, exclude_anonymous_id)
    if own is not None:  # one round trip: the viewer's own reactions come back as n = -1
        query = sa.union_all(query, own)
    totals: Counter[tuple[int, str]] = Counter()
    firsts: dict[tuple[int, str], int] = {}
    for second, emoji, n, at in session.execute(query):
        totals[second, emoji] += n
        if n > 0:
            firsts[second, emoji] = at
    groups = (
        EmojiSecond(second=second, emoji=emoji, n=totals[second, emoji], first_ms=at)
        for (second, emoji), at in firsts.items()
        if totals[second, emoji] > 0
    )
    # Whole seconds are capped, then cut to the window: a second split between two windows
    # gives the same items to both halves, so consecutive windows never repeat or lose one.
    items = cap_per_second(groups, per_second)
    return [item for item in items if start_ms <= item.t < end_ms]


def _own_reactions(
    episode_id: int, first: int, last: int, user_id: int | None, anonymous_id: str | None
) -> sa.Select[Any] | None:
    """The viewer's reactions in those seconds (a few at most: they are rate-limited)."""
    table = Reaction.__table__  # type: ignore[attr-defined]
    mine = []
    if user_id is not None:
        mine.append(table.c.user_id == user_id)
    if anonymous_id:
        mine.append(table.c.anonymous_id == anonymous_id)
    if not mine:
        return None
    return sa.select(
        table.c.timestamp_ms // 1000, table.c.emoji, sa.literal(-1), table.c.timestamp_ms
    ).where(
        sa.or_(*mine),
        table.c.episode_id == episode_id,
        table.c.timestamp_ms >= first * 1000,
        table.c.timestamp_ms < (last + 1) * 1000,
    )


def normalise(counts: list[int]) -> list[float]:
    """Each count against the largest (0..1); empty when there is nothing."""
    peak = max(counts, default=0)
    return [count / peak for count in counts] if peak > 0 else []


def heat_strip(
    session: Session, *, episode_id: int, duration_ms: int, buckets: int = 48
) -> list[float]:
    """Reaction density along the episode: `buckets` equal slices of [0, duration_ms)."""
    if duration_ms <= 0:
        return []
    if not 1 <= buckets <= MAX_BUCKETS:
        raise InvalidInput(f"buckets must be from 1 to {MAX_BUCKETS}.", field="buckets")
    rollup = ReactionSecond.__table__  # type: ignore[attr-defined]
    # A second counts in the bucket holding its start; reactions at or past the end (a longer
    # earlier upload) count in the last bucket.
    start = sa.cast(rollup.c.second, sa.BigInteger) * 1000
    bucket = sa.func.least(start * buckets // duration_ms, buckets - 1).label("bucket")
    rows = session.execute(
        sa.select(bucket, sa.func.sum(rollup.c.n))
        .where(rollup.c.episode_id == episode_id)
        .group_by(bucket)
    ).all()
    counts = [0] * buckets
    for index, count in rows:
        counts[int(index)] = int(count)
    return normalise(counts)
