"""Series, seasons, bundles, episodes, their video assets, subtitles and viewing progress."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlmodel import Field, SQLModel

from microshort.db import (
    Timestamped,
    aware,
    currency_code,
    non_negative,
    one_of,
    trigram_index,
)


class SeriesStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    HIDDEN = "hidden"


class EpisodeStatus(StrEnum):
    DRAFT = "draft"
    UPLOADING = "uploading"
    PROCESSING = "processing"
    READY = "ready"
    PUBLISHED = "published"
    FAILED = "failed"


class VideoProvider(StrEnum):
    LOCAL = "local"
    MUX = "mux"


class AssetStatus(StrEnum):
    WAITING = "waiting"
    PROCESSING = "processing"
    READY = "ready"
    ERRORED = "errored"


class SubtitleSource(StrEnum):
    UPLOADED = "uploaded"
    WHISPER = "whisper"
    DRAFT = "draft"


# Full-text document of a series. 'english' (stemming: "sisters" finds "Sister", "washed" finds
# "wash"): the catalogue is English-first (Series.language defaults to "en"); typos and other
# languages' words are caught by the trigram indexes instead. Genre rides along with the logline
# so "revenge" finds the Revenge series. The config is spelled out, so the expression is
# immutable and PostgreSQL can store it.
SEARCH_CONFIG = "english"
SEARCH_DOCUMENT = (
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, title), 'A') || "
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, genre || ' ' || logline), 'B') || "
    f"setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, description), 'C')"
)


class Series(Timestamped, table=True):
    __tablename__ = "series"
    __table_args__ = (
        one_of("status", SeriesStatus),
        non_negative("free_episode_count"),
        sa.CheckConstraint("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name="slug_format"),
        sa.Index("ix_series_search_vector", "search_vector", postgresql_using="gin"),
        trigram_index("series", "title"),
        trigram_index("series", "genre"),
    )

    id: int | None = Field(default=None, primary_key=True)
    creator_id: int = Field(foreign_key="creator_profiles.id", ondelete="RESTRICT", index=True)
    slug: str = Field(max_length=120, unique=True)
    title: str = Field(max_length=120)
    logline: str = Field(default="", max_length=300)
    description: str = Field(default="", max_length=5000)
    genre: str = Field(max_length=40, index=True)
    tags: list[str] = Field(
        default_factory=list,
        sa_type=ARRAY(sa.String(40)),
        sa_column_kwargs={"server_default": "{}"},
    )
    language: str = Field(default="en", max_length=12)
    cover_key: str | None = Field(default=None, max_length=255)
    free_episode_count: int = 3
    status: str = Field(default=SeriesStatus.DRAFT, max_length=16, index=True)
    featured_rank: int | None = Field(default=None, index=True)
    published_at: datetime | None = aware(nullable=True, index=True)
    deleted_at: datetime | None = aware(nullable=True)
    # Kept by PostgreSQL from title, genre, logline and description; never written by the app.
    search_vector: str | None = Field(
        default=None,
        sa_column=sa.Column(TSVECTOR, sa.Computed(SEARCH_DOCUMENT, persisted=True)),
    )


# The listing order of every rail and genre page ("newest first") over listed series only, so
# a page walks the index and stops after a page's worth.
LISTED = sa.text("status = 'published' AND deleted_at IS NULL")
sa.Index(
    "ix_series_listed_newest",
    Series.published_at.desc().nulls_last(),  # type: ignore[union-attr]
    Series.id.desc(),  # type: ignore[union-attr]
    postgresql_where=LISTED,
)
sa.Index(
    "ix_series_listed_genre_newest",
    Series.genre,
    Series.published_at.desc().nulls_last(),  # type: ignore[union-attr]
    Series.id.desc(),  # type: ignore[union-attr]
    postgresql_where=LISTED,
)


class Season(Timestamped, table=True):
    __tablename__ = "seasons"
    __table_args__ = (
        sa.UniqueConstraint("series_id", "number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
        non_negative("price_cents"),
        currency_code(),
    )

    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", ondelete="CASCADE", index=True)
    number: int
    title: str = Field(default="", max_length=120)
    price_cents: int
    currency: str = Field(default="USD", max_length=3)


class Bundle(Timestamped, table=True):
    """Several seasons (or a whole series) sold together at a discount."""

    __tablename__ = "bundles"
    __table_args__ = (non_negative("price_cents"), currency_code())

    id: int | None = Field(default=None, primary_key=True)
    series_id: int = Field(foreign_key="series.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=120)
    price_cents: int
    currency: str = Field(default="USD", max_length=3)
    active: bool = True


class BundleSeason(SQLModel, table=True):
    __tablename__ = "bundle_seasons"

    bundle_id: int = Field(foreign_key="bundles.id", ondelete="CASCADE", primary_key=True)
    season_id: int = Field(foreign_key="seasons.id", ondelete="CASCADE", primary_key=True)


class VideoAsset(Timestamped, table=True):
    __tablename__ = "video_assets"
    __table_args__ = (
        one_of("provider", VideoProvider),
        one_of("status", AssetStatus),
        sa.UniqueConstraint("provider", "provider_asset_id"),
        sa.CheckConstraint("progress_percent BETWEEN 0 AND 100", name="progress_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=16)
    provider_asset_id: str | None = Field(default=None, max_length=255)
    provider_upload_id: str | None = Field(default=None, max_length=255, index=True)
    playback_id: str | None = Field(default=None, max_length=255)
    source_key: str | None = Field(default=None, max_length=255)
    status: str = Field(default=AssetStatus.WAITING, max_length=16)
    progress_percent: int = 0
    duration_seconds: float | None = None
    renditions: list[dict[str, Any]] = Field(
        default_factory=list,
        sa_type=JSONB,
    )
    error_message: str | None = Field(default=None, max_length=1000)


class Episode(Timestamped, table=True):
    __tablename__ = "episodes"
    __table_args__ = (
        sa.UniqueConstraint("season_id", "number"),
        sa.CheckConstraint("number >= 1", name="number_positive"),
        one_of("status", EpisodeStatus),
        sa.CheckConstraint(
            "duration_seconds IS NULL OR duration_seconds >= 0", name="duration_non_negative"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    season_id: int = Field(foreign_key="seasons.id", ondelete="CASCADE", index=True)
    number: int
    title: str = Field(max_length=120)
    synopsis: str = Field(default="", max_length=1000)
    duration_seconds: int | None = None
    status: str = Field(default=EpisodeStatus.DRAFT, max_length=16, index=True)
    failure_reason: str | None = Field(default=None, max_length=1000)
    video_asset_id: int | None = Field(
        default=None, foreign_key="video_assets.id", ondelete="SET NULL", index=True
    )
    poster_key: str | None = Field(default=None, max_length=255)
    published_at: datetime | None = aware(nullable=True)


class SubtitleTrack(Timestamped, table=True):
    __tablename__ = "subtitle_tracks"
    __table_args__ = (
        one_of("source", SubtitleSource),
        sa.UniqueConstraint("episode_id", "language", "source"),
    )

    id: int | None = Field(default=None, primary_key=True)
    episode_id: int = Field(foreign_key="episodes.id", ondelete="CASCADE", index=True)
    language: str = Field(max_length=12)
    label: str = Field(max_length=60)
    source: str = Field(max_length=16)
    vtt: str = Field(sa_type=sa.Text)
    published: bool = False


class WatchProgress(SQLModel, table=True):
    """Where a viewer (signed in or anonymous) stopped in an episode."""

    __tablename__ = "watch_progress"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "episode_id"),
        sa.UniqueConstraint("anonymous_id", "episode_id"),
        sa.CheckConstraint("user_id IS NOT NULL OR anonymous_id IS NOT NULL", name="has_viewer"),
        non_negative("position_seconds"),
        # Continue watching and history: one viewer's rows, latest first.
        sa.Index("ix_watch_progress_user_id_updated_at", "user_id", "updated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="CASCADE")
    anonymous_id: str | None = Field(default=None, max_length=64)
    episode_id: int = Field(foreign_key="episodes.id", ondelete="CASCADE", index=True)
    position_seconds: float = 0
    completed: bool = False
    updated_at: datetime = aware(index=True)
