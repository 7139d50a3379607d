"""Replayed reactions: what past viewers sent near a position of the episode, and where it ran hot.

`replay_window` returns the reactions of [start_ms, end_ms) grouped per (second, emoji):
`t` is the first reaction of that group (the client adds jitter), `n` how many there were.
A second keeps at most `per_second` groups, the most frequent first (ties: earliest, then
emoji); the reactions of the groups left out are added to the n of that second's leading
group, so the counts of a second always sum to the reactions it really had (the leader's n is
"this emoji and the others folded in"). The viewer's own reactions are left out: they already
saw them live.

`heat_strip` is reaction density along the episode, `buckets` values in 0..1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

import sqlalchemy as sa
from sqlmodel import Session

from microshort.errors import InvalidInput
from microshort.realtime.models import Reaction

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
    table = Reaction.__table__  # type: ignore[attr-defined]
    second = (table.c.timestamp_ms // 1000).label("second")
    query = (
        sa.select(
            second,
            table.c.emoji,
            sa.func.count().label("n"),
            sa.func.min(table.c.timestamp_ms).label("first_ms"),
        )
        .where(
            table.c.episode_id == episode_id,
            table.c.timestamp_ms >= start_ms,
            table.c.timestamp_ms < end_ms,
        )
        .group_by(second, table.c.emoji)
    )
    if exclude_user_id is not None:
        query = query.where(sa.or_(table.c.user_id.is_(None), table.c.user_id != exclude_user_id))
    if exclude_anonymous_id is not None:
        query = query.where(
            sa.or_(table.c.anonymous_id.is_(None), table.c.anonymous_id != exclude_anonymous_id)
        )
    rows = session.execute(query).all()
    return cap_per_second(
        (EmojiSecond(second=int(s), emoji=e, n=int(n), first_ms=int(f)) for s, e, n, f in rows),
        per_second,
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
    table = Reaction.__table__  # type: ignore[attr-defined]
    # Bucket b holds [b * duration / buckets, (b + 1) * duration / buckets); reactions at or
    # past the end (a longer re-upload) count in the last bucket.
    position = sa.cast(table.c.timestamp_ms, sa.BigInteger)
    bucket = sa.func.least(position * buckets // duration_ms, buckets - 1).label("b")
    rows = session.execute(
        sa.select(bucket, sa.func.count()).where(table.c.episode_id == episode_id).group_by(bucket)
    ).all()
    counts = [0] * buckets
    for index, count in rows:
        counts[int(index)] = int(count)
    return normalise(counts)
