"""Replay windows and heat strips against PostgreSQL, and the rollup the triggers keep."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from microshort.errors import InvalidInput
from microshort.realtime.models import Reaction
from microshort.realtime.replay import ReplayItem, heat_strip, replay_window
from microshort.realtime.service import save_reaction
from microshort.users.models import User
from tests.factories import episode_ids, make_creator, make_series

SOMEONE = "someone-else-0001"


@pytest.fixture
def episodes(session: Session) -> tuple[int, int]:
    series = make_series(session, make_creator(session), episodes=(2,))
    first, second = episode_ids(session, series)
    return first, second


@pytest.fixture
def episode(episodes: tuple[int, int]) -> int:
    return episodes[0]


@pytest.fixture
def viewer(session: Session) -> int:
    user = User(email="viewer@example.com", display_name="Viewer")
    session.add(user)
    session.flush()
    assert user.id is not None
    return user.id


def react(
    session: Session,
    episode_id: int,
    *positions: int,
    emoji: str = "🔥",
    user_id: int | None = None,
    anonymous_id: str | None = SOMEONE,
) -> None:
    """Several reactions in one multi-row INSERT (the triggers see them as one statement)."""
    session.execute(
        sa.insert(Reaction),
        [
            {
                "episode_id": episode_id,
                "user_id": user_id,
                "anonymous_id": None if user_id else anonymous_id,
                "emoji": emoji,
                "timestamp_ms": position,
            }
            for position in positions
        ],
    )


def window(session: Session, episode_id: int, start: int, end: int, **kw: object) -> list:
    return replay_window(session, episode_id=episode_id, start_ms=start, end_ms=end, **kw)  # type: ignore[arg-type]


def test_a_window_holds_its_reactions_grouped_per_second_and_emoji(
    session: Session, episodes: tuple[int, int]
) -> None:
    episode, other = episodes
    react(session, episode, 9_999, 10_000, 10_400, 19_999, 20_000)
    react(session, episode, 10_700, emoji="❤️")
    react(session, other, 12_000)
    assert window(session, episode, 10_000, 20_000) == [
        ReplayItem(t=10_000, emoji="🔥", n=2),
        ReplayItem(t=10_700, emoji="❤️", n=1),
        ReplayItem(t=19_999, emoji="🔥", n=1),
    ]
    assert window(session, episode, 30_000, 40_000) == []


def test_consecutive_windows_cutting_a_second_neither_repeat_nor_lose_a_group(
    session: Session, episode: int
) -> None:
    react(session, episode, 12_100, 12_900)
    react(session, episode, 12_600, emoji="❤️")
    before = window(session, episode, 5_000, 12_500)
    after = window(session, episode, 12_500, 20_000)
    assert before == [ReplayItem(t=12_100, emoji="🔥", n=2)]
    assert after == [ReplayItem(t=12_600, emoji="❤️", n=1)]


def test_a_viewers_own_reactions_are_left_out(session: Session, episode: int, viewer: int) -> None:
    react(session, episode, 1_000, 1_500, 2_000)
    react(session, episode, 1_200, 2_100, user_id=viewer)
    react(session, episode, 1_300, 3_000, anonymous_id="visitor-0042")
    everyone = window(session, episode, 0, 10_000)
    assert sum(item.n for item in everyone) == 7
    as_member = window(session, episode, 0, 10_000, exclude_user_id=viewer)
    assert as_member == [
        ReplayItem(t=1_000, emoji="🔥", n=3),
        ReplayItem(t=2_000, emoji="🔥", n=1),
        ReplayItem(t=3_000, emoji="🔥", n=1),
    ]
    as_visitor = window(session, episode, 0, 10_000, exclude_anonymous_id="visitor-0042")
    assert [(item.t, item.n) for item in as_visitor] == [(1_000, 3), (2_000, 2)]
    # A visitor who signed up: their adopted reactions carry both ids and count once.
    session.execute(
        sa.update(Reaction)
        .where(Reaction.anonymous_id == "visitor-0042")  # type: ignore[arg-type]
        .values(user_id=viewer)
    )
    both = window(
        session, episode, 0, 10_000, exclude_user_id=viewer, exclude_anonymous_id="visitor-0042"
    )
    assert [(item.t, item.n) for item in both] == [(1_000, 2), (2_000, 1)]


def test_a_busy_second_is_capped_and_its_counts_stay_honest(session: Session, episode: int) -> None:
    counts = {"❤️": 9, "🔥": 7, "😂": 5, "😮": 3, "😭": 2, "👏": 1}
    for n, (emoji, count) in enumerate(counts.items()):
        react(session, episode, *[5_000 + 10 * n + k for k in range(count)], emoji=emoji)
    react(session, episode, 6_500, emoji="👏")
    items = window(session, episode, 5_000, 7_000, per_second=2)
    assert items == [
        ReplayItem(t=5_000, emoji="❤️", n=9 + 5 + 3 + 2 + 1),
        ReplayItem(t=5_010, emoji="🔥", n=7),
        ReplayItem(t=6_500, emoji="👏", n=1),
    ]
    assert sum(item.n for item in items) == sum(counts.values()) + 1


def test_single_inserts_deletes_and_moves_keep_the_rollup_exact(
    session: Session, episode: int
) -> None:
    ids = [
        save_reaction(
            session,
            episode_id=episode,
            user_id=None,
            anonymous_id=SOMEONE,
            emoji="😂",
            timestamp_ms=t,
        )
        for t in (4_100, 4_200, 4_300)
    ]
    assert window(session, episode, 4_000, 5_000) == [ReplayItem(t=4_100, emoji="😂", n=3)]
    session.execute(sa.delete(Reaction).where(Reaction.id == ids[2]))  # type: ignore[arg-type]
    session.execute(
        sa.update(Reaction)
        .where(Reaction.id == ids[1])  # type: ignore[arg-type]
        .values(emoji="😮", timestamp_ms=8_250)
    )
    assert window(session, episode, 4_000, 9_000) == [
        ReplayItem(t=4_100, emoji="😂", n=1),
        ReplayItem(t=8_250, emoji="😮", n=1),
    ]
    session.execute(sa.delete(Reaction).where(Reaction.episode_id == episode))  # type: ignore[arg-type]
    assert window(session, episode, 0, 30_000) == []


@pytest.mark.parametrize(
    ("start", "end"), [(-1, 5_000), (5_000, 5_000), (6_000, 5_000), (0, 30_001)]
)
def test_bad_windows_are_refused(session: Session, episode: int, start: int, end: int) -> None:
    with pytest.raises(InvalidInput):
        window(session, episode, start, end)


def test_a_bad_cap_is_refused(session: Session, episode: int) -> None:
    with pytest.raises(InvalidInput):
        window(session, episode, 0, 1_000, per_second=0)


def test_heat_is_normalised_against_the_busiest_bucket(session: Session, episode: int) -> None:
    react(session, episode, 100, 900)  # bucket 0
    react(session, episode, 10_000, 10_200, 10_999, 10_500)  # bucket 10
    react(session, episode, 47_500, 52_000)  # bucket 47 (and one past the end)
    heat = heat_strip(session, episode_id=episode, duration_ms=48_000)
    assert len(heat) == 48
    assert (heat[0], heat[10], heat[47]) == (0.5, 1.0, 0.5)
    assert sum(heat) == 2.0
    wide = heat_strip(session, episode_id=episode, duration_ms=48_000, buckets=4)
    assert wide == [1.0, 0.0, 0.0, 2 / 6]


def test_no_heat_without_reactions_or_duration(session: Session, episodes: tuple[int, int]) -> None:
    episode, other = episodes
    assert heat_strip(session, episode_id=other, duration_ms=60_000) == []
    react(session, episode, 1_000)
    assert heat_strip(session, episode_id=episode, duration_ms=0) == []
    assert heat_strip(session, episode_id=episode, duration_ms=60_000, buckets=3) == [1.0, 0, 0]
