"""The trending rollup: series ranked by 'episode_start' and 'series_view' events of the last
7 days. Rebuilt whole by a periodic job (jobs/tasks.py, every 5 minutes) and after the demo
load; the home page reads the result (content/rails.py), never the raw events."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col

from microshort.analytics.models import AnalyticsEvent, TrendingSeries
from microshort.db import utcnow

TRENDING_DAYS = 7
TRENDING_EVENTS = ("episode_start", "series_view")
# Kept so a rail still fills up when some of the most viewed series are unpublished since.
KEEP = 500


def refresh_trending(session: Session, *, now: datetime | None = None) -> int:
    """Replace the rollup in one transaction (readers see the old one until commit)."""
    now = now or utcnow()
    views = sa.func.count().label("views")
    ranked = (
        sa.select(col(AnalyticsEvent.series_id), views, sa.literal(now).label("refreshed_at"))
        .where(
            col(AnalyticsEvent.name).in_(TRENDING_EVENTS),
            col(AnalyticsEvent.occurred_at) > now - timedelta(days=TRENDING_DAYS),
            col(AnalyticsEvent.occurred_at) <= now,
            col(AnalyticsEvent.series_id).is_not(None),
        )
        .group_by(col(AnalyticsEvent.series_id))
        .order_by(views.desc(), col(AnalyticsEvent.series_id))
        .limit(KEEP)
    )
    # Core statements on the session's connection (the same transaction).
    connection = session.connection()
    connection.execute(sa.delete(TrendingSeries))
    result = connection.execute(
        sa.insert(TrendingSeries).from_select(["series_id", "views", "refreshed_at"], ranked),
        execution_options={"preserve_rowcount": True},
    )
    return int(result.rowcount)
