"""Reads for the public pages: a fixed, small number of queries per page (no N+1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.content import rails
from microshort.content.models import (
    Episode,
    EpisodeStatus,
    Season,
    Series,
    SeriesStatus,
    WatchProgress,
)
from microshort.content.pricing import format_duration, format_price, is_locked
from microshort.content.schemas import (
    EpisodeItem,
    HomeView,
    SeasonItem,
    SeriesDetail,
    StudioSeriesItem,
)
from microshort.content.series_viewer import continue_index, watchable_seasons
from microshort.integrations.storage.base import public_url
from microshort.users.models import CreatorProfile

RAIL_LENGTH = rails.RAIL_LENGTH


def home_view(session: Session) -> HomeView:
    """Featured (admin order), trending, newest and one rail per genre, in one statement."""
    return rails.home_view(session)


def series_detail(
    session: Session,
    slug: str,
    *,
    preview_for_creator: int | None = None,
    viewer_id: int | None = None,
) -> SeriesDetail | None:
    """A published series with its seasons and published episodes, or None. With
    preview_for_creator, that creator also sees their own unpublished series and episodes.
    With viewer_id, that viewer's progress shows, and the locked episodes they may watch (as
    playback decides) are not locked. One statement, plus one access check per season with
    locked episodes for a signed-in viewer (see series_viewer)."""
    visible = col(Series.status) == SeriesStatus.PUBLISHED
    if preview_for_creator is not None:
        visible = sa.or_(visible, col(Series.creator_id) == preview_for_creator)
    episode_on = sa.and_(
        col(Episode.season_id) == col(Season.id),
        # A preview (unpublished series) lists its unpublished episodes too.
        sa.or_(
            col(Episode.status) == EpisodeStatus.PUBLISHED,
            col(Series.status) != SeriesStatus.PUBLISHED,
        ),
    )
    progress_on = (
        sa.and_(
            col(WatchProgress.episode_id) == col(Episode.id),
            col(WatchProgress.user_id) == viewer_id,
        )
        if viewer_id
        else sa.false()
    )
    rows = session.execute(
        sa.select(Series, CreatorProfile, Season, Episode, WatchProgress)
        .join(CreatorProfile, col(CreatorProfile.id) == col(Series.creator_id))
        .join(Season, col(Season.series_id) == col(Series.id), isouter=True)
        .join(Episode, episode_on, isouter=True)
        .join(WatchProgress, progress_on, isouter=True)
        .where(col(Series.slug) == slug, visible, col(Series.deleted_at).is_(None))
        .order_by(col(Season.number), col(Episode.number))
    ).all()
    if not rows:
        return None
    return _detail(session, viewer_id, [tuple(row) for row in rows])


Listed = list[tuple[Season, Episode, WatchProgress | None]]


def _detail(
    session: Session, viewer_id: int | None, rows: Sequence[tuple[Any, ...]]
) -> SeriesDetail:
    series, creator = rows[0][0], rows[0][1]
    seasons = {season.id or 0: season for _, _, season, _, _ in rows if season is not None}
    listed: Listed = [(s, e, p) for _, _, s, e, p in rows if e is not None]
    first_locked: dict[int, tuple[Episode, int]] = {}
    for position, (season, episode, _progress) in enumerate(listed, start=1):
        if is_locked(position, series.free_episode_count):
            first_locked.setdefault(season.id or 0, (episode, position))
    owned = watchable_seasons(session, series, viewer_id, first_locked, len(listed))
    order = [episode.id or 0 for _, episode, _ in listed]
    resume = continue_index(order, {e.id or 0: p for _, e, p in listed if p is not None})
    items = _episode_items(series, listed, owned)
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
        episode_count=len(listed),
        preview=series.status != SeriesStatus.PUBLISHED,
        first_episode_id=order[0] if order else 0,
        continue_episode_id=order[resume] if resume is not None else 0,
        continue_position=resume + 1 if resume is not None else 0,
        seasons=[
            SeasonItem(
                number=season.number,
                title=season.title or f"Season {season.number}",
                price_label=format_price(season.price_cents, season.currency),
                episode_count=len(items.get(season_id, [])),
                owned=season_id in owned,
                price_cents=season.price_cents,
                currency=season.currency,
                episodes=items.get(season_id, []),
            )
            for season_id, season in seasons.items()
        ],
    )


def _episode_items(series: Series, listed: Listed, owned: set[int]) -> dict[int, list[EpisodeItem]]:
    """Each season's episode items; locked means locked for this viewer."""
    items: dict[int, list[EpisodeItem]] = {}
    for position, (season, episode, progress) in enumerate(listed, start=1):
        free = not is_locked(position, series.free_episode_count)
        items.setdefault(season.id or 0, []).append(
            EpisodeItem(
                id=episode.id or 0,
                number=episode.number,
                position=position,
                title=episode.title,
                synopsis=episode.synopsis,
                duration_label=format_duration(episode.duration_seconds),
                poster_url=public_url(episode.poster_key),
                locked=not free and season.id not in owned,
                free=free,
                watched=progress is not None and progress.completed,
                percent=_percent(progress, episode.duration_seconds),
            )
        )
    return items


def _percent(progress: WatchProgress | None, duration: int | None) -> int:
    if progress is None:
        return 0
    return rails._percent(progress.position_seconds, duration, completed=progress.completed)


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
