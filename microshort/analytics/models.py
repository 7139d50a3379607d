"""Raw analytics events (the source for funnels and attribution) and their rollups."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from microshort.db import aware


def touch_reference() -> Any:
    """A nullable reference to an attribution touch (kept when the touch is deleted: NULL)."""
    return Field(
        default=None,
        foreign_key="attribution_touches.id",
        ondelete="SET NULL",
        sa_type=sa.BigInteger,
    )


class AnalyticsEvent(SQLModel, table=True):
    __tablename__ = "analytics_events"
    __table_args__ = (
        sa.Index("ix_analytics_events_name_occurred_at", "name", "occurred_at"),
        sa.Index("ix_analytics_events_series_id_occurred_at", "series_id", "occurred_at"),
        # A member's recent views, to count each once (analytics/events.py).
        sa.Index("ix_analytics_events_user_id_occurred_at", "user_id", "occurred_at"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    name: str = Field(max_length=60)
    anonymous_id: str | None = Field(default=None, max_length=64, index=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    series_id: int | None = Field(default=None, foreign_key="series.id", ondelete="CASCADE")
    episode_id: int | None = Field(default=None, foreign_key="episodes.id", ondelete="CASCADE")
    share_link_id: int | None = Field(
        default=None, foreign_key="share_links.id", ondelete="SET NULL"
    )
    properties: dict[str, Any] = Field(default_factory=dict, sa_type=JSONB)
    utm_source: str | None = Field(default=None, max_length=100)
    utm_medium: str | None = Field(default=None, max_length=100)
    utm_campaign: str | None = Field(default=None, max_length=100)
    utm_content: str | None = Field(default=None, max_length=100)
    utm_term: str | None = Field(default=None, max_length=100)
    referrer: str | None = Field(default=None, max_length=500)
    occurred_at: datetime = aware()


class TrendingSeries(SQLModel, table=True):
    """Rollup behind the home page's "Trending now": the most viewed series of the last days,
    rebuilt every few minutes by a job (analytics/trending.py), so the home page reads a
    few hundred rows instead of a week of raw events."""

    __tablename__ = "trending_series"

    series_id: int = Field(foreign_key="series.id", ondelete="CASCADE", primary_key=True)
    views: int = Field(index=True)
    refreshed_at: datetime = aware()


class AttributionTouch(SQLModel, table=True):
    """One arrival that says where the visitor came from: a share link opened, or a landing
    with UTM parameters. The visitor's first and last ones are their attribution."""

    __tablename__ = "attribution_touches"
    __table_args__ = (
        sa.Index("ix_attribution_touches_anonymous_id_occurred_at", "anonymous_id", "occurred_at"),
        sa.Index("ix_attribution_touches_user_id_occurred_at", "user_id", "occurred_at"),
        sa.Index("ix_attribution_touches_series_id_occurred_at", "series_id", "occurred_at"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    anonymous_id: str = Field(max_length=64)
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    share_link_id: int | None = Field(
        default=None, foreign_key="share_links.id", ondelete="SET NULL", index=True
    )
    series_id: int | None = Field(default=None, foreign_key="series.id", ondelete="SET NULL")
    episode_id: int | None = Field(default=None, foreign_key="episodes.id", ondelete="SET NULL")
    utm_source: str | None = Field(default=None, max_length=100)
    utm_medium: str | None = Field(default=None, max_length=100)
    utm_campaign: str | None = Field(default=None, max_length=100)
    utm_content: str | None = Field(default=None, max_length=100)
    utm_term: str | None = Field(default=None, max_length=100)
    referrer_host: str | None = Field(default=None, max_length=255)
    landing_path: str = Field(max_length=500)
    occurred_at: datetime = aware()


class VisitorAttribution(SQLModel, table=True):
    """Per anonymous visitor (the signed ms_anon cookie): their first and latest touch, the
    account it joined at sign-up or log-in, and the touch that was latest when they signed up."""

    __tablename__ = "visitor_attribution"

    anonymous_id: str = Field(primary_key=True, max_length=64)
    user_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
    first_touch_id: int | None = touch_reference()
    last_touch_id: int | None = touch_reference()
    signup_touch_id: int | None = touch_reference()
    signed_up_at: datetime | None = aware(nullable=True)
    updated_at: datetime = aware()
