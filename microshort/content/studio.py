"""Creator-side reads and writes for the studio (callers pass the creator; ownership is checked)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from microshort.content.editor import owned_series, publication_problems
from microshort.content.models import (
    AssetStatus,
    Episode,
    EpisodeStatus,
    Season,
    Series,
    VideoAsset,
)
from microshort.content.pricing import format_duration, format_price
from microshort.content.schemas import StudioEpisode, StudioSeason, StudioSeriesDetail
from microshort.db import utcnow
from microshort.errors import InvalidInput, NotFound
from microshort.integrations.storage.base import public_url


def studio_episode(session: Session, episode_id: int) -> StudioEpisode | None:
    row = session.exec(
        select(Episode, col(Season.number), Series, VideoAsset)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .join(VideoAsset, col(VideoAsset.id) == col(Episode.video_asset_id), isouter=True)
        .where(Episode.id == episode_id, col(Series.deleted_at).is_(None))
    ).first()
    if row is None:
        return None
    episode, season_number, series, asset = row
    return _item(episode, season_number, series, asset)


def _item(
    episode: Episode, season_number: int, series: Series, asset: VideoAsset | None
) -> StudioEpisode:
    return StudioEpisode(
        id=episode.id or 0,
        title=episode.title,
        number=episode.number,
        season_number=season_number,
        series_title=series.title,
        series_slug=series.slug,
        creator_id=series.creator_id,
        status=episode.status,
        failure_reason=episode.failure_reason or "",
        progress_percent=asset.progress_percent if asset else 0,
        poster_url=public_url(episode.poster_key),
        duration_label=format_duration(episode.duration_seconds),
    )


def publish_episode(session: Session, episode_id: int) -> None:
    episode = session.exec(
        select(Episode).where(Episode.id == episode_id).with_for_update()
    ).first()
    if episode is None:
        raise NotFound("This episode does not exist.")
    asset = session.get(VideoAsset, episode.video_asset_id) if episode.video_asset_id else None
    if episode.status != EpisodeStatus.READY or asset is None or asset.status != AssetStatus.READY:
        raise InvalidInput("Only an episode whose video is ready can be published.")
    episode.status, episode.published_at = EpisodeStatus.PUBLISHED, utcnow()
    session.add(episode)


def creator_episodes(session: Session, creator_profile_id: int) -> list[StudioEpisode]:
    """Every episode of the creator's series, in series/season/episode order."""
    rows = session.exec(
        select(Episode, col(Season.number), Series, VideoAsset)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .join(VideoAsset, col(VideoAsset.id) == col(Episode.video_asset_id), isouter=True)
        .where(Series.creator_id == creator_profile_id, col(Series.deleted_at).is_(None))
        .order_by(col(Series.title), col(Season.number), col(Episode.number))
    ).all()
    return [_item(*row) for row in rows]


def studio_series(session: Session, creator_id: int, series_id: int) -> StudioSeriesDetail:
    """One of the creator's series with its seasons and episodes (Forbidden for others)."""
    series = owned_series(session, creator_id, series_id)
    rows = session.exec(
        select(Season, Episode, VideoAsset)
        .join(Episode, col(Episode.season_id) == col(Season.id), isouter=True)
        .join(VideoAsset, col(VideoAsset.id) == col(Episode.video_asset_id), isouter=True)
        .where(Season.series_id == series_id)
        .order_by(col(Season.number), col(Episode.number))
    ).all()
    seasons: dict[int, tuple[Season, list[StudioEpisode]]] = {}
    for season, episode, asset in rows:
        entry = seasons.setdefault(season.id or 0, (season, []))
        if episode is not None:
            entry[1].append(_item(episode, season.number, series, asset))
    return StudioSeriesDetail(
        id=series.id or 0,
        slug=series.slug,
        title=series.title,
        logline=series.logline,
        description=series.description,
        genre=series.genre,
        tags_text=", ".join(series.tags),
        language=series.language,
        status=series.status,
        cover_url=public_url(series.cover_key),
        deleted=series.deleted_at is not None,
        problems=publication_problems(session, series_id),
        seasons=[
            StudioSeason(
                id=season.id or 0,
                number=season.number,
                title=season.title or f"Season {season.number}",
                price_cents=season.price_cents,
                price_label=format_price(season.price_cents, season.currency),
                episodes=episodes,
            )
            for season, episodes in seasons.values()
        ],
    )


def deleted_series(session: Session, creator_id: int) -> list[tuple[int, str]]:
    """(id, title) of the creator's soft-deleted series, restorable for now."""
    rows = session.exec(
        select(Series.id, Series.title).where(
            Series.creator_id == creator_id, col(Series.deleted_at).is_not(None)
        )
    ).all()
    return [(int(series_id or 0), title) for series_id, title in rows]
