"""View events the server writes as they happen (the series page, an episode's start and end,
the paywall), counted at most once per viewer and series or episode every 30 minutes, so a
reload or a resumed tab does not inflate Trending or a creator's numbers."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from microshort.analytics.models import AnalyticsEvent
from microshort.content.models import Episode, Season, Series
from microshort.db import utcnow
from microshort.errors import InvalidInput

_log = logging.getLogger(__name__)

# The viewer funnel's names (architecture research, "Viewer Funnel Flow").
SERIES_KINDS = frozenset({"series_view"})
EPISODE_KINDS = frozenset({"episode_start", "episode_complete", "paywall_hit"})
VIEW_KINDS = SERIES_KINDS | EPISODE_KINDS
DEDUP_WINDOW = timedelta(minutes=30)
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
UTM_MAX = 100


def record_view(
    session: Session,
    *,
    kind: str,
    series_id: int,
    episode_id: int | None = None,
    user_id: int | None = None,
    anonymous_id: str | None = None,
    utm: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> bool:
    """Add one event unless this viewer already has one like it within the window; False when
    nothing was written (a duplicate, or no viewer to count)."""
    if kind not in VIEW_KINDS:
        raise InvalidInput(f"Unknown view event {kind!r}.")
    if kind in EPISODE_KINDS and episode_id is None:
        raise InvalidInput(f"{kind} needs an episode.")
    if user_id is None and not anonymous_id:
        return False  # nobody to deduplicate by: not counted
    now = now or utcnow()
    if _seen_recently(session, kind, series_id, episode_id, user_id, anonymous_id, now):
        return False
    event = AnalyticsEvent(
        name=kind,
        user_id=user_id,
        anonymous_id=anonymous_id or None,
        series_id=series_id,
        episode_id=episode_id,
        occurred_at=now,
    )
    for name, value in clean_utm(utm or {}).items():
        setattr(event, name, value)
    session.add(event)
    session.flush()
    return True


def _seen_recently(
    session: Session,
    kind: str,
    series_id: int,
    episode_id: int | None,
    user_id: int | None,
    anonymous_id: str | None,
    now: datetime,
) -> bool:
    # By user (ix_analytics_events_user_id_occurred_at) or anonymous id (its own index).
    viewer = (
        col(AnalyticsEvent.user_id) == user_id
        if user_id is not None
        else col(AnalyticsEvent.anonymous_id) == anonymous_id
    )
    subject = (
        col(AnalyticsEvent.series_id) == series_id
        if kind in SERIES_KINDS
        else col(AnalyticsEvent.episode_id) == episode_id
    )
    query = select(AnalyticsEvent.id).where(
        viewer,
        subject,
        col(AnalyticsEvent.name) == kind,
        col(AnalyticsEvent.occurred_at) > now - DEDUP_WINDOW,
    )
    return session.exec(query.limit(1)).first() is not None


def clean_utm(values: Mapping[str, str]) -> dict[str, str]:
    """The UTM tags present, each cut to its column's length."""
    return {name: values[name][:UTM_MAX] for name in UTM_FIELDS if values.get(name)}


def record_series_view(
    session: Session,
    slug: str,
    *,
    user_id: int | None,
    anonymous_id: str | None,
    utm: Mapping[str, str] | None = None,
) -> None:
    """The series page was opened. Never raises: a lost event must not break the page."""
    series_id = select(Series.id).where(Series.slug == slug)
    _record_quietly(session, "series_view", series_id, None, user_id, anonymous_id, utm)


def record_episode_event(
    session: Session,
    kind: str,
    episode_id: int,
    *,
    user_id: int | None,
    anonymous_id: str | None,
) -> None:
    """An episode started, finished or hit the paywall. Never raises, like record_series_view."""
    series_id = (
        select(Season.series_id)
        .join(Episode, col(Episode.season_id) == col(Season.id))
        .where(Episode.id == episode_id)
    )
    _record_quietly(session, kind, series_id, episode_id, user_id, anonymous_id, None)


def _record_quietly(
    session: Session,
    kind: str,
    series_query: SelectOfScalar[Any],
    episode_id: int | None,
    user_id: int | None,
    anonymous_id: str | None,
    utm: Mapping[str, str] | None,
) -> None:
    try:
        # A savepoint: a failed write rolls back alone, never the caller's own work.
        with session.begin_nested():
            series_id = session.exec(series_query).first()
            if series_id is not None:
                record_view(
                    session,
                    kind=kind,
                    series_id=series_id,
                    episode_id=episode_id,
                    user_id=user_id,
                    anonymous_id=anonymous_id,
                    utm=utm,
                )
    except Exception:
        _log.exception("could not record %s (episode %s)", kind, episode_id)
