"""Who may stream an episode, and the signed, expiring, viewer-bound tokens for locked ones."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from microshort.content.models import (
    AssetStatus,
    Episode,
    EpisodeStatus,
    Season,
    Series,
    SeriesStatus,
    VideoAsset,
)
from microshort.content.ownership import oversees_series
from microshort.content.pricing import is_locked

TOKEN_TTL_SECONDS = 4 * 3600
_VIEWER = re.compile(r"^(u\d{1,12}|a[0-9a-zA-Z_-]{8,64})$")

# The payments issue plugs its entitlement check in here: (session, user_id, episode) -> bool.
EntitlementCheck = Callable[[Session, int | None, Episode], bool]


def _nobody_is_entitled(session: Session, user_id: int | None, episode: Episode) -> bool:
    return False


_entitlement_check: EntitlementCheck = _nobody_is_entitled


def set_entitlement_check(check: EntitlementCheck | None) -> None:
    global _entitlement_check
    _entitlement_check = check or _nobody_is_entitled


@dataclass(frozen=True)
class EpisodeContext:
    episode: Episode
    series: Series
    asset: VideoAsset | None
    position: int  # 1.. among the series' published episodes (0 when not published)
    total: int
    previous_id: int | None
    next_id: int | None

    @property
    def locked(self) -> bool:
        return is_locked(self.position, self.series.free_episode_count)

    @property
    def playable(self) -> bool:
        return self.asset is not None and self.asset.status == AssetStatus.READY


def published_episode(episode_id: int) -> tuple[ColumnElement[bool], ...]:
    """Conditions (over Episode and Series, joined) for a published episode of a published,
    undeleted series: the only episodes anyone may watch or talk about."""
    return (
        col(Episode.id) == episode_id,
        col(Episode.status) == EpisodeStatus.PUBLISHED,
        col(Series.status) == SeriesStatus.PUBLISHED,
        col(Series.deleted_at).is_(None),
    )


def episode_context(session: Session, episode_id: int) -> EpisodeContext | None:
    """A published episode of a published series, with its place in the series, or None."""
    row = session.exec(
        select(Episode, Series, VideoAsset)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .join(VideoAsset, col(VideoAsset.id) == col(Episode.video_asset_id), isouter=True)
        .where(*published_episode(episode_id))
    ).first()
    if row is None:
        return None
    episode, series, asset = row
    order = list(
        session.exec(
            select(Episode.id)
            .join(Season, col(Season.id) == col(Episode.season_id))
            .where(Season.series_id == series.id, Episode.status == EpisodeStatus.PUBLISHED)
            .order_by(col(Season.number), col(Episode.number))
        ).all()
    )
    index = order.index(episode_id)
    return EpisodeContext(
        episode=episode,
        series=series,
        asset=asset,
        position=index + 1,
        total=len(order),
        previous_id=order[index - 1] if index > 0 else None,
        next_id=order[index + 1] if index + 1 < len(order) else None,
    )


def may_watch(session: Session, context: EpisodeContext, user_id: int | None) -> bool:
    """Free episodes: everyone. Locked ones: whoever the entitlement check lets in, and the
    series' own creator and admins, who never pay (nothing is recorded for them)."""
    return (
        not context.locked
        or _entitlement_check(session, user_id, context.episode)
        or oversees_series(session, user_id, context.series)
    )


def viewer_key(user_id: int | None, anonymous_id: str | None) -> str | None:
    """'u42' for a member, 'a<anonymous id>' for a visitor; None when neither is usable."""
    key = f"u{user_id}" if user_id else f"a{anonymous_id}" if anonymous_id else None
    return key if key and _VIEWER.fullmatch(key) else None


def _signature(secret: bytes, episode_id: int, viewer: str, expires: int) -> str:
    digest = hmac.new(secret, f"{episode_id}|{viewer}|{expires}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def sign_stream(
    secret: bytes,
    *,
    episode_id: int,
    viewer: str,
    ttl_seconds: int = TOKEN_TTL_SECONDS,
    now: float | None = None,
) -> str:
    expires = int((now or time.time()) + ttl_seconds)
    return f"{expires}.{_signature(secret, episode_id, viewer, expires)}"


def verify_stream(
    secret: bytes,
    token: str | None,
    *,
    episode_id: int,
    viewer: str | None,
    now: float | None = None,
) -> bool:
    if not token or not viewer or "." not in token:
        return False
    expires_text, _, signature = token.partition(".")
    # A real expiry is 10 digits; a longer one is refused before int() (5,000 digits raise).
    if not expires_text.isdigit() or len(expires_text) > 12:
        return False
    if int(expires_text) < (now or time.time()):
        return False
    expected = _signature(secret, episode_id, viewer, int(expires_text))
    return hmac.compare_digest(expected, signature)
