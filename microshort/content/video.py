"""An episode's video, from upload to ready (or failed). Providers report AssetEvents; this
module is the only place that moves video assets and episodes between states."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from microshort.content.models import AssetStatus, Episode, EpisodeStatus, VideoAsset
from microshort.db import utcnow
from microshort.errors import InvalidInput, NotFound
from microshort.integrations.video.base import AssetEvent, DirectUpload

# Episode states in which a new upload may start (a published episode keeps its video until
# the new one is ready; that rule belongs to the studio issue).
_UPLOADABLE = {
    EpisodeStatus.DRAFT,
    EpisodeStatus.FAILED,
    EpisodeStatus.READY,
    EpisodeStatus.UPLOADING,
    EpisodeStatus.PROCESSING,
}


def begin_upload(
    session: Session,
    *,
    episode_id: int,
    provider: str,
    upload: DirectUpload,
    asset: VideoAsset | None = None,
) -> VideoAsset:
    """Attach a new asset, waiting for its upload, to the episode (the caller checked ownership)."""
    episode = session.exec(
        select(Episode).where(Episode.id == episode_id).with_for_update()
    ).first()
    if episode is None:
        raise NotFound("This episode does not exist.")
    if episode.status not in _UPLOADABLE:
        raise InvalidInput("Unpublish the episode before replacing its video.")
    asset = asset or VideoAsset(provider=provider)
    asset.provider, asset.provider_upload_id = provider, upload.upload_id
    asset.status, asset.progress_percent, asset.error_message = AssetStatus.WAITING, 0, None
    session.add(asset)
    session.flush()
    episode.video_asset_id, episode.status, episode.failure_reason = (
        asset.id,
        EpisodeStatus.UPLOADING,
        None,
    )
    session.add(episode)
    return asset


def new_asset(session: Session, provider: str) -> VideoAsset:
    """An empty asset row, so its id can travel to the provider as passthrough first."""
    asset = VideoAsset(provider=provider)
    session.add(asset)
    session.flush()
    return asset


def find_asset(
    session: Session, *, provider: str, event: AssetEvent, passthrough: str | None = None
) -> VideoAsset | None:
    conditions = []
    if passthrough and passthrough.isdigit():
        conditions.append(col(VideoAsset.id) == int(passthrough))
    if event.upload_id:
        conditions.append(col(VideoAsset.provider_upload_id) == event.upload_id)
    if event.asset_id:
        conditions.append(col(VideoAsset.provider_asset_id) == event.asset_id)
    for condition in conditions:
        found = session.exec(
            select(VideoAsset).where(condition, VideoAsset.provider == provider).with_for_update()
        ).first()
        if found is not None:
            return found
    return None


def _episode_of(session: Session, asset: VideoAsset) -> Episode | None:
    return session.exec(
        select(Episode).where(Episode.video_asset_id == asset.id).with_for_update()
    ).first()


def apply_event(
    session: Session, event: AssetEvent, *, provider: str, passthrough: str | None = None
) -> VideoAsset | None:
    """Move the asset (and its episode) on. Unknown assets are ignored (None); events for an
    asset that already finished never move it back (webhooks arrive late and out of order)."""
    asset = find_asset(session, provider=provider, event=event, passthrough=passthrough)
    if asset is None:
        return None
    if event.asset_id and not asset.provider_asset_id:
        asset.provider_asset_id = event.asset_id
    finished = asset.status in {AssetStatus.READY, AssetStatus.ERRORED}
    episode = _episode_of(session, asset)
    if event.kind in {"processing", "progress"} and not finished:
        asset.status = AssetStatus.PROCESSING
        if event.progress_percent is not None:
            asset.progress_percent = max(
                asset.progress_percent, min(99, max(0, event.progress_percent))
            )
        if episode and episode.status == EpisodeStatus.UPLOADING:
            episode.status = EpisodeStatus.PROCESSING
    elif event.kind == "ready" and asset.status != AssetStatus.READY:
        asset.status, asset.progress_percent, asset.error_message = AssetStatus.READY, 100, None
        asset.playback_id = event.playback_id or asset.playback_id
        asset.duration_seconds = event.duration_seconds
        asset.renditions = [asdict(rendition) for rendition in event.renditions]
        if episode:
            episode.duration_seconds = round(event.duration_seconds or 0)
            episode.poster_key = event.poster_key or episode.poster_key
            if episode.status != EpisodeStatus.PUBLISHED:
                episode.status, episode.failure_reason = EpisodeStatus.READY, None
    elif event.kind == "errored" and not finished:
        reason = event.error or "The video could not be processed."
        asset.status, asset.error_message = AssetStatus.ERRORED, reason[:1000]
        if episode and episode.status != EpisodeStatus.PUBLISHED:
            episode.status, episode.failure_reason = EpisodeStatus.FAILED, reason[:1000]
    session.add(asset)
    if episode:
        session.add(episode)
    return asset


def stuck_assets(
    session: Session, *, older_than: timedelta, now: datetime | None = None
) -> list[VideoAsset]:
    """Assets still waiting or processing long after their last change (for reconciliation)."""
    cutoff = (now or utcnow()) - older_than
    return list(
        session.exec(
            select(VideoAsset).where(
                col(VideoAsset.status).in_([AssetStatus.WAITING, AssetStatus.PROCESSING]),
                VideoAsset.updated_at < cutoff,
            )
        ).all()
    )


def discard_upload(session: Session, asset_id: int) -> None:
    """A rejected upload leaves nothing: the asset row goes, the episode is a draft again."""
    asset = session.get(VideoAsset, asset_id)
    if asset is None:
        return
    episode = _episode_of(session, asset)
    if episode is not None:
        episode.video_asset_id = None
        if episode.status in {EpisodeStatus.UPLOADING, EpisodeStatus.PROCESSING}:
            episode.status = EpisodeStatus.DRAFT
        session.add(episode)
        session.flush()
    session.delete(asset)


def waiting_upload(
    session: Session, *, provider: str, upload_id: str, max_age: timedelta
) -> VideoAsset | None:
    """The asset an upload link belongs to, while it still waits for its bytes."""
    return session.exec(
        select(VideoAsset)
        .where(
            VideoAsset.provider == provider,
            VideoAsset.provider_upload_id == upload_id,
            VideoAsset.status == AssetStatus.WAITING,
            VideoAsset.created_at > utcnow() - max_age,
        )
        .with_for_update()
    ).first()
