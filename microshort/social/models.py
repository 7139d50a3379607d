"""Follows, favourites, share links with attribution, and imported ad spend."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from microshort.db import aware, currency_code, non_negative


class Follow(SQLModel, table=True):
    __tablename__ = "follows"

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    series_id: int = Field(
        foreign_key="series.id", ondelete="CASCADE", primary_key=True, index=True
    )
    created_at: datetime = aware()


class ShareLink(SQLModel, table=True):
    __tablename__ = "share_links"
    __table_args__ = (non_negative("clicks"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    series_id: int = Field(foreign_key="series.id", ondelete="CASCADE", index=True)
    episode_id: int | None = Field(default=None, foreign_key="episodes.id", ondelete="CASCADE")
    created_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    utm_source: str | None = Field(default=None, max_length=100)
    utm_medium: str | None = Field(default=None, max_length=100)
    utm_campaign: str | None = Field(default=None, max_length=100)
    clicks: int = 0
    created_at: datetime = aware()


class AdSpend(SQLModel, table=True):
    __tablename__ = "ad_spend"
    __table_args__ = (
        sa.UniqueConstraint("creator_id", "platform", "campaign", "day"),
        non_negative("spend_cents"),
        currency_code(),
    )

    id: int | None = Field(default=None, primary_key=True)
    creator_id: int = Field(foreign_key="creator_profiles.id", ondelete="CASCADE", index=True)
    series_id: int | None = Field(default=None, foreign_key="series.id", ondelete="SET NULL")
    platform: str = Field(max_length=40)
    campaign: str = Field(max_length=100)
    day: date
    spend_cents: int
    currency: str = Field(default="USD", max_length=3)


class Favourite(SQLModel, table=True):
    """A series a viewer hearted: private to them (the Library), unlike a public follow."""

    __tablename__ = "favourites"

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    series_id: int = Field(
        foreign_key="series.id", ondelete="CASCADE", primary_key=True, index=True
    )
    created_at: datetime = aware()
