"""Reads for the public pages: a fixed, small number of queries per page (no N+1)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.content import rails
from microshort.content.models import Episode, EpisodeStatus, Season, Series, SeriesStatus
from microshort.content.pricing import format_duration, format_price, is_locked
from microshort.content.schemas import (
    EpisodeItem,
    HomeView,
    SeasonItem,
    SeriesDetail,
    StudioSeriesItem,
)
from microshort.integrations.storage.base import public_url
from microshort.users.models import CreatorProfile

RAIL_LENGTH = rails.RAIL_LENGTH


def home_view(session: Session) -> HomeView:
    """Featured (admin order), trending, newest and one rail per genre, in one statement."""
    return rails.home_view(session)


def series_detail(
    session: Session, slug: str, *, preview_for_creator: int | None = None
) -> SeriesDetail | None:
    """A published series with its seasons and published episodes, or None. With
    preview_for_creator, that creator also sees their own unpublished series and episodes."""
    visible = col(Series.status) == SeriesStatus.PUBLISHED
    if preview_for_creator is not None:
        visible = sa.or_(visible, col(Series.creator_id) == preview_for_creator)
    found = session.exec(
        select(Series, CreatorProfile)
        .join(CreatorProfile, CreatorProfile.id == Series.creator_id)  # type: ignore[arg-type]
        .where(Series.slug == slug, visible, col(Series.deleted_at).is_(None))
    ).first()
    if found is None:
        return None
    series, creator = found
    previewing = series.status != SeriesStatus.PUBLISHED
    episode_visible = col(Episode.status) == EpisodeStatus.PUBLISHED
    if previewing:
        episode_visible = sa.true()
    rows = session.exec(
        select(Season, Episode)
        .join(
            Episode,
            sa.and_(col(Episode.season_id) == col(Season.id), episode_visible),
            isouter=True,
        )
        .where(Season.series_id == series.id)
        .order_by(col(Season.number), col(Episode.number))
    ).all()
    return _detail(series, creator, rows, preview=previewing)


def _detail(
    series: Series,
    creator: CreatorProfile,
    rows: Sequence[tuple[Season, Episode | None]],
    *,
    preview: bool = False,
) -> SeriesDetail:
    seasons: dict[int, tuple[Season, list[EpisodeItem]]] = {}
    position = 0
    for season, episode in rows:
        entry = seasons.setdefault(season.number, (season, []))
        if episode is None:
            continue
        position += 1
        entry[1].append(
            EpisodeItem(
                id=episode.id or 0,
                number=episode.number,
                position=position,
                title=episode.title,
                synopsis=episode.synopsis,
                duration_label=format_duration(episode.duration_seconds),
                poster_url=public_url(episode.poster_key),
                locked=is_locked(position, series.free_episode_count),
            )
        )
    return SeriesDetail(
        slug=series.slug,
        title=series.title,
        logline=series.logline,
        description=series.description,
        genre=series.genre,
        tags=list(series.tags),
        cover_url=public_url(series.cover_key),
        creator_name=creator.display_name,
        creator_slug=creator.slug,
        free_episode_count=series.free_episode_count,
        episode_count=position,
        preview=preview,
        first_episode_id=next(
            (item.id for _season, items in seasons.values() for item in items), 0
        ),
        seasons=[
            SeasonItem(
                number=season.number,
                title=season.title or f"Season {season.number}",
                price_label=format_price(season.price_cents, season.currency),
                episode_count=len(episodes),
                episodes=episodes,
            )
            for season, episodes in seasons.values()
        ],
    )


def creator_series(session: Session, creator_profile_id: int) -> list[StudioSeriesItem]:
    """Every series of one creator, drafts included (the studio; callers check ownership)."""
    counts = (
        select(Season.series_id, sa.func.count(col(Episode.id)).label("episode_count"))
        .join(Episode, col(Episode.season_id) == col(Season.id))
        .group_by(col(Season.series_id))
        .subquery()
    )
    rows = session.exec(
        select(Series, counts.c.episode_count)
        .join(counts, counts.c.series_id == Series.id, isouter=True)
        .where(Series.creator_id == creator_profile_id, col(Series.deleted_at).is_(None))
        .order_by(col(Series.updated_at).desc())
    ).all()
    return [
        StudioSeriesItem(
            id=series.id or 0,
            slug=series.slug,
            title=series.title,
            status=series.status,
            genre=series.genre,
            episode_count=int(count or 0),
            cover_url=public_url(series.cover_key),
        )
        for series, count in rows
    ]
