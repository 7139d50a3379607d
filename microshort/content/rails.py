"""Home rails, Continue watching and watch history: each read is one SQL statement.

The home rails (featured in the admins' order; trending, from the rollup of the last 7 days'
views; newest; one per genre) are picked by one UNION ALL whose branches each walk an index and
stop after a rail's worth of series; the cards for all picks are read in the same statement.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, distinct_on
from sqlmodel import Session, col

from microshort.analytics.models import TrendingSeries
from microshort.content.cards import (
    AnySelect,
    cards_query,
    has_published_episode,
    listed,
    newest_first,
    page_bounds,
    to_card,
)
from microshort.content.genres import GENRES
from microshort.content.models import Episode, EpisodeStatus, Season, Series, WatchProgress
from microshort.content.schemas import (
    ContinueItem,
    GenreRail,
    HistoryItem,
    HistoryPage,
    HomeView,
    SeriesCard,
)
from microshort.integrations.storage.base import public_url

RAIL_LENGTH = 12


def _pick(rail: str, series_id: Any, *, genre_order: Any = 0, views: Any = None) -> list[Any]:
    return [
        sa.literal(rail).label("rail"),
        sa.cast(genre_order, sa.Integer).label("genre_order"),
        sa.cast(views, sa.BigInteger).label("views"),
        series_id.label("series_id"),
    ]


def _featured() -> AnySelect:
    return (
        sa.select(*_pick("featured", col(Series.id)))
        .where(listed(), col(Series.featured_rank).is_not(None), has_published_episode(Series.id))
        .order_by(col(Series.featured_rank), col(Series.id))
        .limit(RAIL_LENGTH)
    )


def _newest() -> AnySelect:
    return (
        sa.select(*_pick("new", col(Series.id)))
        .where(listed(), has_published_episode(Series.id))
        .order_by(*newest_first())
        .limit(RAIL_LENGTH)
    )


def _trending() -> AnySelect:
    return (
        sa.select(*_pick("trending", col(Series.id), views=col(TrendingSeries.views)))
        .select_from(TrendingSeries)
        .join(Series, col(Series.id) == col(TrendingSeries.series_id))
        .where(listed(), has_published_episode(Series.id))
        .order_by(col(TrendingSeries.views).desc(), col(Series.id))
        .limit(RAIL_LENGTH)
    )


def _genres() -> AnySelect:
    """One LATERAL per genre of the house list (content/genres.py), newest first."""
    # The list is one bound array (not a VALUES list), so the statement's compiled form is
    # cached like any other: only the parameter changes.
    names = sa.literal(list(GENRES), ARRAY(sa.String))
    genres = sa.select(sa.func.unnest(names).label("genre")).subquery("genres")
    newest = (
        sa.select(col(Series.id).label("id"))
        .where(col(Series.genre) == genres.c.genre, listed(), has_published_episode(Series.id))
        .order_by(*newest_first())
        .limit(RAIL_LENGTH)
        .lateral("newest_in_genre")
    )
    return (
        sa.select(
            *_pick(
                "genre", newest.c.id, genre_order=sa.func.array_position(names, genres.c.genre) - 1
            )
        )
        .select_from(genres)
        .join(newest, sa.true())
    )


def _newest_key(row: Any) -> tuple[int, float, int]:
    published = row.published_at
    return (published is None, -(published.timestamp() if published else 0), -row.id)


def home_view(session: Session) -> HomeView:
    """Every rail of the home page in one statement. Trending reads the rollup that
    analytics/trending.py rebuilds every few minutes from the last 7 days' views."""
    picks = sa.union_all(_featured(), _trending(), _newest(), _genres()).subquery("picks")
    query, _counts = cards_query(
        picks.c.rail,
        picks.c.genre_order,
        picks.c.views,
        col(Series.id),
        col(Series.featured_rank),
        col(Series.published_at),
    )
    rows = session.execute(query.join(picks, picks.c.series_id == col(Series.id))).all()
    by_rail: dict[str, list[Any]] = defaultdict(list)
    by_genre: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if row.rail == "genre":
            by_genre[row.genre_order].append(row)
        else:
            by_rail[row.rail].append(row)

    def cards(found: list[Any], key: Any) -> list[SeriesCard]:
        return [to_card(row) for row in sorted(found, key=key)]

    return HomeView(
        featured=cards(by_rail["featured"], lambda row: (row.featured_rank, row.id)),
        trending=cards(by_rail["trending"], lambda row: (-row.views, row.id)),
        new=cards(by_rail["new"], _newest_key),
        genres=[
            GenreRail(genre=GENRES[position], series=cards(by_genre[position], _newest_key))
            for position in sorted(by_genre)
        ],
    )


def _percent(position: float, duration: int | None, *, completed: bool = False) -> int:
    """How far in, 0..100; an unfinished episode never reads 100 % (durations can be stale)."""
    if completed:
        return 100
    if not duration:
        return 0
    return max(0, min(99, round(100 * position / duration)))


def _episode_label(season_number: int, episode_number: int) -> str:
    return f"S{season_number} · Ep {episode_number}"


def _progress_rows() -> AnySelect:
    """A viewer's progress rows joined to listed series (callers add the user and order)."""
    return (
        sa.select(
            col(Series.id).label("series_id"),
            col(Series.slug),
            col(Series.title),
            col(Series.genre),
            col(Series.cover_key),
            col(Episode.id).label("episode_id"),
            col(Episode.title).label("episode_title"),
            col(Episode.number).label("episode_number"),
            col(Episode.duration_seconds),
            col(Season.number).label("season_number"),
            col(WatchProgress.position_seconds),
            col(WatchProgress.completed),
            col(WatchProgress.updated_at),
        )
        .select_from(WatchProgress)
        .join(Episode, col(Episode.id) == col(WatchProgress.episode_id))
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .where(listed(), col(Episode.status) == EpisodeStatus.PUBLISHED)
    )


def continue_watching(
    session: Session, user_id: int, *, limit: int = RAIL_LENGTH
) -> list[ContinueItem]:
    """Per series, the episode the viewer touched last, when they have not finished it;
    most recent first. Only this viewer's rows; one statement."""
    latest = (
        _progress_rows()
        .where(col(WatchProgress.user_id) == user_id)
        .order_by(col(Series.id), col(WatchProgress.updated_at).desc())
        .ext(distinct_on(col(Series.id)))
        .subquery("latest")
    )
    rows = session.execute(
        sa.select(latest)
        .where(latest.c.completed.is_(False))
        .order_by(latest.c.updated_at.desc())
        .limit(page_bounds(limit, 0)[0])
    ).all()
    return [
        ContinueItem(
            series_slug=row.slug,
            series_title=row.title,
            cover_url=public_url(row.cover_key),
            genre=row.genre,
            episode_id=row.episode_id,
            episode_label=_episode_label(row.season_number, row.episode_number),
            episode_title=row.episode_title,
            percent=_percent(row.position_seconds, row.duration_seconds),
        )
        for row in rows
    ]


def watch_history(
    session: Session, user_id: int, *, limit: int = 30, offset: int = 0
) -> HistoryPage:
    """Every episode the viewer played, latest first (one statement per page)."""
    limit, offset = page_bounds(limit, offset)
    rows = session.execute(
        _progress_rows()
        .where(col(WatchProgress.user_id) == user_id)
        .order_by(col(WatchProgress.updated_at).desc(), col(WatchProgress.id).desc())
        .limit(limit + 1)
        .offset(offset)
    ).all()
    items = [
        HistoryItem(
            series_slug=row.slug,
            series_title=row.title,
            cover_url=public_url(row.cover_key),
            episode_id=row.episode_id,
            episode_label=_episode_label(row.season_number, row.episode_number),
            episode_title=row.episode_title,
            percent=_percent(row.position_seconds, row.duration_seconds, completed=row.completed),
            completed=row.completed,
            watched_label=f"{row.updated_at:%b} {row.updated_at.day}",
        )
        for row in rows[:limit]
    ]
    return HistoryPage(items=items, has_more=len(rows) > limit)
