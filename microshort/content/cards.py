"""Building blocks of every catalogue read that lists series as cards.

A series is *listed* (visible to viewers) when it is published, not deleted and has at least one
published episode. Each card carries its published-episode count, computed by a LATERAL count
that runs only for the rows a query keeps, so a page of 12 cards costs 12 small index lookups
whatever the size of the catalogue, and never one query per card.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.selectable import LateralFromClause
from sqlmodel import col

from microshort.content.models import Episode, EpisodeStatus, Season, Series, SeriesStatus
from microshort.content.schemas import SeriesCard
from microshort.integrations.storage.base import public_url
from microshort.users.models import CreatorProfile

MAX_PAGE = 60
# A SELECT of any columns (SQLAlchemy 2.1 types a Select by its column types).
AnySelect = sa.Select[*tuple[Any, ...]]


def listed() -> sa.ColumnElement[bool]:
    """Published and not deleted (the episode condition comes with `episode_count`)."""
    return sa.and_(col(Series.status) == SeriesStatus.PUBLISHED, col(Series.deleted_at).is_(None))


def episode_count(series_id: Any) -> LateralFromClause:
    """LATERAL (published episodes of the series): join it with `true` and keep count > 0."""
    return (
        sa.select(sa.func.count().label("n"))
        .select_from(Episode)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .where(col(Season.series_id) == series_id, col(Episode.status) == EpisodeStatus.PUBLISHED)
        .lateral("episode_count")
    )


def has_published_episode(series_id: Any) -> sa.Exists:
    """EXISTS: cheaper than the count when a query only needs to skip empty series."""
    return (
        sa.select(sa.literal(1))
        .select_from(Episode)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .where(col(Season.series_id) == series_id, col(Episode.status) == EpisodeStatus.PUBLISHED)
        .exists()
    )


def card_columns(counts: LateralFromClause) -> list[Any]:
    return [
        col(Series.slug),
        col(Series.title),
        col(Series.genre),
        col(Series.logline),
        col(Series.cover_key),
        col(CreatorProfile.display_name).label("creator_name"),
        counts.c.n.label("episode_count"),
    ]


def cards_query(*extra_columns: Any) -> tuple[AnySelect, LateralFromClause]:
    """SELECT card columns (+ extras) FROM listed series with their creator and count.
    Callers add WHERE / ORDER BY / LIMIT."""
    counts = episode_count(col(Series.id))
    query = (
        sa.select(*card_columns(counts), *extra_columns)
        .select_from(Series)
        .join(CreatorProfile, col(CreatorProfile.id) == col(Series.creator_id))
        .join(counts, sa.true())
        .where(listed(), counts.c.n > 0)
    )
    return query, counts


def cards_for(picked: sa.Subquery, *extra_columns: Any) -> AnySelect:
    """Card rows for the series a subquery picked (its `id` column), already filtered to
    listed ones and cut to a page: the episode counts run for those rows only. Callers
    re-apply the order (a subquery's order is not kept)."""
    counts = episode_count(col(Series.id))
    return (
        sa.select(*card_columns(counts), *extra_columns)
        .select_from(picked)
        .join(Series, col(Series.id) == picked.c.id)
        .join(CreatorProfile, col(CreatorProfile.id) == col(Series.creator_id))
        .join(counts, sa.true())
    )


def listed_ids(*columns: Any) -> AnySelect:
    """SELECT Series.id (+ columns) of listed series with a published episode."""
    return sa.select(col(Series.id).label("id"), *columns).where(
        listed(), has_published_episode(col(Series.id))
    )


def newest_first() -> list[sa.ColumnElement[Any]]:
    return [col(Series.published_at).desc().nulls_last(), col(Series.id).desc()]


def to_card(row: Any) -> SeriesCard:
    return SeriesCard(
        slug=row.slug,
        title=row.title,
        genre=row.genre,
        logline=row.logline,
        cover_url=public_url(row.cover_key),
        creator_name=row.creator_name,
        episode_count=int(row.episode_count),
    )


def to_cards(rows: Sequence[Any]) -> list[SeriesCard]:
    return [to_card(row) for row in rows]


def page_bounds(limit: int, offset: int) -> tuple[int, int]:
    """Clamp what a URL or a client may ask for."""
    return max(1, min(int(limit), MAX_PAGE)), max(0, min(int(offset), 100_000))
