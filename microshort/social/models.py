"""Follows, favourites, share links with attribution, and imported ad spend."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from microshort.db import aware, currency_code, non_negative, one_of


class Follow(SQLModel, table=True):
    __tablename__ = "follows"

    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    series_id: int = Field(
        foreign_key="series.id", ondelete="CASCADE", primary_key=True, index=True
    )
    created_at: datetime = aware()


class ShareChannel(StrEnum):
    """Where a link was shared: the viewer's own buttons, and the studio share kit's rows."""

    COPY = "copy"
    NATIVE = "native"  # the phone's share sheet (which app, the browser does not say)
    WHATSAPP = "whatsapp"
    X = "x"
    FACEBOOK = "facebook"
    TELEGRAM = "telegram"
    TIKTOK = "tiktok"
    INSTAGRAM = "instagram"
    EMAIL = "email"
    QR = "qr"
    LINK = "link"  # the share kit's main link


class ShareLink(SQLModel, table=True):
    """A short link /s/<code> to a series or an episode (and a moment in it), made by whoever
    shared it, through one channel. Its UTM fields are what a click is attributed to."""

    __tablename__ = "share_links"
    __table_args__ = (
        non_negative("clicks"),
        one_of("channel", ShareChannel),
        sa.CheckConstraint(
            "moment_seconds IS NULL OR moment_seconds >= 0", name="moment_non_negative"
        ),
        # The sharer's existing link to the same thing through the same channel is reused.
        sa.Index(
            "ix_share_links_sharer",
            "series_id",
            "episode_id",
            "channel",
            "created_by",
            "sharer_anonymous_id",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    series_id: int = Field(foreign_key="series.id", ondelete="CASCADE", index=True)
    episode_id: int | None = Field(default=None, foreign_key="episodes.id", ondelete="CASCADE")
    moment_seconds: int | None = None
    channel: str = Field(default=ShareChannel.COPY, max_length=16)
    created_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    sharer_anonymous_id: str | None = Field(default=None, max_length=64)
    utm_source: str | None = Field(default=None, max_length=100)
    utm_medium: str | None = Field(default=None, max_length=100)
    utm_campaign: str | None = Field(default=None, max_length=100)
    clicks: int = 0
    disabled_at: datetime | None = aware(nullable=True)
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
