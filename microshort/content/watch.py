"""The watch page's read: one episode, whether this viewer may play it, and how."""

from __future__ import annotations

from sqlmodel import Session, col, select

from microshort.content.models import Season, VideoProvider
from microshort.content.ownership import owns_series
from microshort.content.playback import (
    TOKEN_TTL_SECONDS,
    EpisodeContext,
    episode_context,
    may_watch,
    sign_stream,
    viewer_key,
)
from microshort.content.pricing import format_price
from microshort.content.progress import resume_at
from microshort.content.queries import series_detail
from microshort.content.schemas import SeasonItem, WatchView
from microshort.integrations.storage.base import public_url
from microshort.integrations.video.base import VideoProvider as Provider


def local_stream_url(episode_id: int, token: str | None) -> str:
    return f"/media/hls/{episode_id}/master.m3u8" + (f"?token={token}" if token else "")


def _stream_url(
    context: EpisodeContext, viewer: str | None, secret: bytes, provider: Provider | None
) -> str:
    asset = context.asset
    if asset is None or not context.playable:
        return ""
    if asset.provider == VideoProvider.LOCAL:
        token = (
            sign_stream(secret, episode_id=context.episode.id or 0, viewer=viewer)
            if context.locked and viewer
            else None
        )
        return local_stream_url(context.episode.id or 0, token)
    if provider is None or not asset.playback_id or not viewer:
        return ""
    # Mux assets are created with a signed playback policy: every viewer gets a token.
    token = provider.sign_playback(asset.playback_id, viewer=viewer, ttl_seconds=TOKEN_TTL_SECONDS)
    return provider.playback_url(asset.playback_id, signed_token=token)


def _next_stream_url(
    session: Session,
    next_id: int | None,
    user_id: int | None,
    viewer: str | None,
    secret: bytes,
    provider: Provider | None,
) -> str:
    """The next episode's stream for this viewer (for the player to preload), or ''."""
    context = episode_context(session, next_id) if next_id else None
    if context is None or not may_watch(session, context, user_id):
        return ""
    return _stream_url(context, viewer, secret, provider)


def watch_view(
    session: Session,
    episode_id: int,
    *,
    user_id: int | None,
    anonymous_id: str | None,
    secret: bytes,
    provider: Provider | None = None,
    with_episodes: bool = False,
) -> WatchView | None:
    """With `with_episodes`, also the series' episode grid for this viewer (the series page's
    own read: one statement, plus its access check per locked season for a signed-in viewer)."""
    context = episode_context(session, episode_id)
    if context is None:
        return None
    episode, series = context.episode, context.series
    allowed = may_watch(session, context, user_id)
    viewer = viewer_key(user_id, anonymous_id)
    season = session.exec(select(Season).where(col(Season.id) == episode.season_id)).one()
    return WatchView(
        episode_id=episode.id or 0,
        series_slug=series.slug,
        series_title=series.title,
        title=episode.title,
        synopsis=episode.synopsis,
        position=context.position,
        total=context.total,
        locked=context.locked,
        allowed=allowed,
        playable=context.playable,
        hls_url=_stream_url(context, viewer, secret, provider) if allowed else "",
        poster_url=public_url(episode.poster_key),
        resume_at=resume_at(
            session, episode_id=episode_id, user_id=user_id, anonymous_id=anonymous_id
        )
        if allowed
        else 0.0,
        previous_id=context.previous_id or 0,
        next_id=context.next_id or 0,
        unlock_label=f"{season.title or f'Season {season.number}'} — "
        f"{format_price(season.price_cents, season.currency)}",
        own_locked=context.locked and owns_series(session, user_id, series),
        seasons=episode_grid(session, series.slug, user_id) if with_episodes else [],
        next_hls_url=_next_stream_url(session, context.next_id, user_id, viewer, secret, provider)
        if allowed
        else "",
    )


def episode_grid(session: Session, series_slug: str, user_id: int | None) -> list[SeasonItem]:
    """The series' seasons and episodes as its page shows them to this viewer: what is locked
    for them, what they watched (signed-in viewers; visitors' progress is not listed)."""
    detail = series_detail(session, series_slug, viewer_id=user_id)
    return detail.seasons if detail else []
