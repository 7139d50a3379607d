"""Creator-side reads and writes about one episode's video (callers check ownership)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from microshort.content.models import (
    AssetStatus,
    Episode,
    EpisodeStatus,
    Season,
    Series,
    VideoAsset,
)
from microshort.content.pricing import format_duration
from microshort.content.schemas import StudioEpisode
from microshort.db import utcnow
from microshort.errors import InvalidInput, NotFound
from microshort.integrations.storage.base import public_url


def studio_episode(session: Session, episode_id: int) -> StudioEpisode | None:
    row = session.exec(
        select(Episode, Series, VideoAsset)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .join(VideoAsset, col(VideoAsset.id) == col(Episode.video_asset_id), isouter=True)
        .where(Episode.id == episode_id, col(Series.deleted_at).is_(None))
    ).first()
    if row is None:
        return None
    episode, series, asset = row
    return _item(episode, series, asset)


def _item(episode: Episode, series: Series, asset: VideoAsset | None) -> StudioEpisode:
    return StudioEpisode(
        id=episode.id or 0,
        title=episode.title,
        number=episode.number,
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
        select(Episode, Series, VideoAsset)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .join(VideoAsset, col(VideoAsset.id) == col(Episode.video_asset_id), isouter=True)
        .where(Series.creator_id == creator_profile_id, col(Series.deleted_at).is_(None))
        .order_by(col(Series.title), col(Season.number), col(Episode.number))
    ).all()
    return [_item(episode, series, asset) for episode, series, asset in rows]
