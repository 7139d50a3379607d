"""Reads for crawlers and link previews: a published episode with its series and creator."""

from __future__ import annotations

from sqlmodel import Session, col, select

from microshort.content.models import Season, VideoProvider
from microshort.content.playback import episode_context
from microshort.content.schemas import EpisodePreview
from microshort.content.watch import local_stream_url
from microshort.integrations.storage.base import public_url
from microshort.users.models import CreatorProfile


def episode_preview(session: Session, episode_id: int) -> EpisodePreview | None:
    """A published episode of a listed series, or None (three statements)."""
    context = episode_context(session, episode_id)
    if context is None:
        return None
    episode, series, asset = context.episode, context.series, context.asset
    season, creator = session.exec(
        select(Season, CreatorProfile)
        .join(CreatorProfile, col(CreatorProfile.id) == series.creator_id)
        .where(col(Season.id) == episode.season_id)
    ).one()
    free = not context.locked
    # Only a free local stream can be fetched without a token (Mux playback is always signed).
    stream = (
        free and context.playable and asset is not None and asset.provider == VideoProvider.LOCAL
    )
    return EpisodePreview(
        episode_id=episode.id or 0,
        title=episode.title,
        synopsis=episode.synopsis,
        number=episode.number,
        season_number=season.number,
        position=context.position,
        total=context.total,
        duration_seconds=episode.duration_seconds,
        poster_url=public_url(episode.poster_key),
        free=free,
        stream_url=local_stream_url(episode.id or 0, None) if stream else "",
        published_at=episode.published_at or episode.created_at,
        series_slug=series.slug,
        series_title=series.title,
        series_logline=series.logline,
        series_cover_url=public_url(series.cover_key),
        genre=series.genre,
        creator_name=creator.display_name,
        creator_slug=creator.slug,
        previous_id=context.previous_id or 0,
        next_id=context.next_id or 0,
    )
