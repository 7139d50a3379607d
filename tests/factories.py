"""Small factories for rows the tests need (each flushes, so ids are set)."""

from __future__ import annotations

from itertools import count

from sqlmodel import Session, col, select

from microshort.content.models import Episode, Season, Series
from microshort.users.models import ApprovalStatus, CreatorProfile, Role, User

_numbers = count(1)


def make_creator(session: Session, name: str = "Studio") -> CreatorProfile:
    n = next(_numbers)
    user = User(email=f"creator{n}@example.com", display_name=name, role=Role.CREATOR)
    session.add(user)
    session.flush()
    profile = CreatorProfile(
        user_id=user.id or 0,
        slug=f"studio-{n}",
        display_name=name,
        approval_status=ApprovalStatus.APPROVED,
    )
    session.add(profile)
    session.flush()
    return profile


def make_series(
    session: Session,
    creator: CreatorProfile,
    *,
    title: str = "A Series",
    status: str = "published",
    episodes: tuple[int, ...] = (5,),
    genre: str = "Drama",
    free_episode_count: int = 3,
    episode_status: str = "published",
) -> Series:
    """A series with one season per entry of `episodes` (its episode count)."""
    n = next(_numbers)
    series = Series(
        creator_id=creator.id or 0,
        slug=f"series-{n}",
        title=title,
        genre=genre,
        status=status,
        free_episode_count=free_episode_count,
    )
    session.add(series)
    session.flush()
    for season_number, episode_count in enumerate(episodes, start=1):
        season = Season(series_id=series.id or 0, number=season_number, price_cents=499)
        session.add(season)
        session.flush()
        for number in range(1, episode_count + 1):
            session.add(
                Episode(
                    season_id=season.id or 0,
                    number=number,
                    title=f"Ep {number}",
                    status=episode_status,
                    duration_seconds=90,
                )
            )
    session.flush()
    return series


def episode_ids(session: Session, series: Series) -> list[int]:
    """The series' episode ids in watching order (season, then episode number)."""
    rows = session.exec(
        select(Episode.id)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .where(Season.series_id == series.id)
        .order_by(col(Season.number), col(Episode.number))
    ).all()
    return [int(episode_id or 0) for episode_id in rows]
