"""Short share links /s/<code>: made by whoever shares (signed in or not), for a series or an
episode and optionally a moment in it, through one channel.

Codes are 8 random characters from 62 (about 48 bits): with creation rate-limited, guessing
finds nothing, and a link only ever leads to a public page anyway. A sharer's repeated share
of the same thing through the same channel reuses their link, so a busy Share button does not
mint a row per tap. Opening a link (social/share_clicks.py) counts a click and a touch.
"""

from __future__ import annotations

import re
import secrets
import string
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.analytics.attribution import Arrival, record_touch
from microshort.analytics.models import AnalyticsEvent, AttributionTouch
from microshort.content.cards import listed
from microshort.content.models import Episode, Season, Series
from microshort.content.playback import published_episode
from microshort.db import utcnow
from microshort.errors import InvalidInput, NotFound
from microshort.social.models import ShareChannel, ShareLink

CODE_ALPHABET = string.ascii_letters + string.digits
CODE_LENGTH = 8
# What /s/ accepts: generated codes, and older campaign codes (letters, digits, - and _).
_CODE = re.compile(r"^[A-Za-z0-9_-]{4,32}$")
SHARE_PATH = "/s/"
VIEWER_MEDIUM = "share"
MAX_MOMENT_SECONDS = 6 * 3600


@dataclass(frozen=True)
class Sharer:
    """Who shares: an account, or an anonymous visitor (their signed cookie id)."""

    user_id: int | None = None
    anonymous_id: str | None = None


@dataclass(frozen=True)
class FoundLink:
    id: int
    code: str
    series_id: int
    episode_id: int | None
    disabled: bool
    target_path: str  # where a person goes: /watch/12?t=34 or /series/slug
    preview_path: str  # the page whose preview bots get: /watch/12 or /series/slug
    utm: dict[str, str]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def valid_code(code: str) -> bool:
    return bool(_CODE.fullmatch(code))


def share_path(code: str) -> str:
    return f"{SHARE_PATH}{code}"


def channel_of(value: str) -> ShareChannel:
    try:
        return ShareChannel(value)
    except ValueError:
        choices = ", ".join(channel.value for channel in ShareChannel)
        raise InvalidInput(
            f"Unknown share channel. Use one of: {choices}.", field="channel"
        ) from None


def _listed_series(session: Session, slug: str) -> Series:
    series = session.exec(select(Series).where(Series.slug == slug, listed())).first()
    if series is None:
        raise NotFound("We could not find that series. It may have been unpublished.")
    return series


def _public_episode(session: Session, episode_id: int) -> tuple[Episode, Series]:
    row = session.exec(
        select(Episode, Series)
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .where(*published_episode(episode_id))
    ).first()
    if row is None:
        raise NotFound("We could not find that episode. It may have been unpublished.")
    return row


def _moment(value: int | None, episode: Episode | None) -> int | None:
    if value is None:
        return None
    if episode is None:
        raise InvalidInput("A moment needs an episode.", field="t")
    limit = episode.duration_seconds or MAX_MOMENT_SECONDS
    if not 0 <= value <= min(limit, MAX_MOMENT_SECONDS):
        raise InvalidInput(f"The moment must be between 0 and {limit} seconds.", field="t")
    return value or None  # the start is no moment


def _existing(session: Session, link: ShareLink) -> ShareLink | None:
    same = (
        (col(ShareLink.episode_id) == link.episode_id)
        if link.episode_id is not None
        else col(ShareLink.episode_id).is_(None)
    )
    moment = (
        (col(ShareLink.moment_seconds) == link.moment_seconds)
        if link.moment_seconds is not None
        else col(ShareLink.moment_seconds).is_(None)
    )
    sharer = (
        (col(ShareLink.created_by) == link.created_by)
        if link.created_by is not None
        else sa.and_(
            col(ShareLink.created_by).is_(None),
            col(ShareLink.sharer_anonymous_id) == link.sharer_anonymous_id,
        )
    )
    return session.exec(
        select(ShareLink).where(
            col(ShareLink.series_id) == link.series_id,
            same,
            moment,
            sharer,
            col(ShareLink.channel) == link.channel,
            col(ShareLink.utm_medium) == link.utm_medium,
            col(ShareLink.disabled_at).is_(None),
        )
    ).first()


def insert_with_new_code(session: Session, link: ShareLink) -> ShareLink:
    """Add the link under a fresh code (another draw in the unlikely case of a clash)."""
    for _attempt in range(5):
        link.code = new_code()
        try:
            with session.begin_nested():
                session.add(link)
                session.flush()
            return link
        except sa.exc.IntegrityError:
            session.expunge(link)
    raise RuntimeError("could not draw a free share code")


def create_share_link(
    session: Session,
    *,
    sharer: Sharer,
    channel: str,
    series_slug: str | None = None,
    episode_id: int | None = None,
    moment_seconds: int | None = None,
    now: datetime | None = None,
) -> ShareLink:
    """A viewer's share of a listed series or a published episode (reused when they shared
    the same thing the same way before)."""
    if sharer.user_id is None and not sharer.anonymous_id:
        raise InvalidInput("Sharing needs cookies: reload the page and try again.")
    chosen = channel_of(channel)
    episode: Episode | None = None
    if episode_id is not None:
        episode, series = _public_episode(session, episode_id)
    elif series_slug:
        series = _listed_series(session, series_slug)
    else:
        raise InvalidInput("Say what to share: a series or an episode.")
    link = ShareLink(
        code="",  # drawn on insert
        series_id=series.id or 0,
        episode_id=episode.id if episode else None,
        moment_seconds=_moment(moment_seconds, episode),
        channel=chosen,
        created_by=sharer.user_id,
        sharer_anonymous_id=None if sharer.user_id else sharer.anonymous_id,
        utm_source=chosen.value,
        utm_medium=VIEWER_MEDIUM,
        created_at=now or utcnow(),
    )
    return _existing(session, link) or insert_with_new_code(session, link)


def target_paths(link: ShareLink, series_slug: str) -> tuple[str, str]:
    """(where a person is sent, the page whose preview bots get)."""
    if link.episode_id is None:
        path = f"/series/{series_slug}"
        return path, path
    path = f"/watch/{link.episode_id}"
    return (f"{path}?t={link.moment_seconds}" if link.moment_seconds else path), path


def find_link(session: Session, code: str) -> FoundLink | None:
    """The link behind a code, or None for a malformed or unknown one."""
    if not valid_code(code):
        return None
    row = session.exec(
        select(ShareLink, Series.slug)
        .join(Series, col(Series.id) == col(ShareLink.series_id))
        .where(col(ShareLink.code) == code)
    ).first()
    if row is None:
        return None
    link, slug = row
    target, preview = target_paths(link, slug)
    utm = {
        "utm_source": link.utm_source or "",
        "utm_medium": link.utm_medium or "",
        "utm_campaign": link.utm_campaign or "",
    }
    return FoundLink(
        id=link.id or 0,
        code=link.code,
        series_id=link.series_id,
        episode_id=link.episode_id,
        disabled=link.disabled_at is not None,
        target_path=target,
        preview_path=preview,
        utm={name: value for name, value in utm.items() if value},
    )


def record_click(
    session: Session,
    link: FoundLink,
    *,
    anonymous_id: str,
    user_id: int | None = None,
    referrer_host: str | None = None,
    now: datetime | None = None,
) -> AttributionTouch:
    """A person opened the link: one more click, a share_click event, and a touch that makes
    the link the visitor's latest attribution."""
    now = now or utcnow()
    session.execute(
        sa.update(ShareLink)
        .where(col(ShareLink.id) == link.id)
        .values(clicks=col(ShareLink.clicks) + 1)
    )
    event = AnalyticsEvent(
        name="share_click",
        anonymous_id=anonymous_id,
        user_id=user_id,
        series_id=link.series_id,
        episode_id=link.episode_id,
        share_link_id=link.id,
        referrer=referrer_host,
        occurred_at=now,
    )
    for name, value in link.utm.items():
        setattr(event, name, value)
    session.add(event)
    arrival = Arrival(
        anonymous_id=anonymous_id,
        landing_path=link.target_path,
        user_id=user_id,
        share_link_id=link.id,
        series_id=link.series_id,
        episode_id=link.episode_id,
        utm=link.utm,
        referrer_host=referrer_host,
    )
    return record_touch(session, arrival, now=now)
