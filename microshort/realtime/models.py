"""Reactions and timestamped comments on an episode's timeline."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from microshort.db import aware, non_negative, one_of


class CommentStatus(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"
    REMOVED = "removed"


class Reaction(SQLModel, table=True):
    __tablename__ = "reactions"
    __table_args__ = (
        non_negative("timestamp_ms"),
        sa.CheckConstraint("user_id IS NOT NULL OR anonymous_id IS NOT NULL", name="has_viewer"),
        # The replay window query: reactions of one episode between two timeline positions.
        sa.Index("ix_reactions_episode_id_timestamp_ms", "episode_id", "timestamp_ms"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    episode_id: int = Field(foreign_key="episodes.id", ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    anonymous_id: str | None = Field(default=None, max_length=64)
    emoji: str = Field(max_length=16)
    timestamp_ms: int
    created_at: datetime = aware()


class Comment(SQLModel, table=True):
    __tablename__ = "comments"
    __table_args__ = (
        one_of("status", CommentStatus),
        non_negative("timestamp_ms"),
        sa.CheckConstraint("char_length(body) BETWEEN 1 AND 500", name="body_length"),
        sa.Index("ix_comments_episode_id_created_at", "episode_id", "created_at"),
        sa.Index("ix_comments_episode_id_timestamp_ms", "episode_id", "timestamp_ms"),
    )

    id: int | None = Field(default=None, primary_key=True)
    episode_id: int = Field(foreign_key="episodes.id", ondelete="CASCADE")
    user_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
    body: str = Field(max_length=500)
    timestamp_ms: int
    status: str = Field(default=CommentStatus.VISIBLE, max_length=16)
    pinned: bool = False
    created_at: datetime = aware()
