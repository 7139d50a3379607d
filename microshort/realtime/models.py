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
        # Reactions of one episode between two timeline positions.
        sa.Index("ix_reactions_episode_id_timestamp_ms", "episode_id", "timestamp_ms"),
        # One viewer's reactions: left out of their replay (realtime/replay.py), adopted at
        # sign-up (users/accounts.py), and the user foreign key's ON DELETE SET NULL.
        sa.Index(
            "ix_reactions_user_id_episode_id_timestamp_ms",
            "user_id",
            "episode_id",
            "timestamp_ms",
            postgresql_where=sa.text("user_id IS NOT NULL"),
        ),
        sa.Index(
            "ix_reactions_anonymous_id_episode_id_timestamp_ms",
            "anonymous_id",
            "episode_id",
            "timestamp_ms",
            postgresql_where=sa.text("anonymous_id IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    episode_id: int = Field(foreign_key="episodes.id", ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    anonymous_id: str | None = Field(default=None, max_length=64)
    emoji: str = Field(max_length=16)
    timestamp_ms: int
    created_at: datetime = aware()


class ReactionSecond(SQLModel, table=True):
    """How many reactions of one emoji a second of an episode's timeline has had, and where the
    first one was. Kept by triggers on `reactions` (migration 0008), never written by the app:
    replay windows and heat strips read at most a few hundred of these rows instead of up to
    hundreds of thousands of reactions on a hot episode."""

    __tablename__ = "reaction_seconds"
    __table_args__ = (
        non_negative("second"),
        sa.CheckConstraint("n > 0", name="n_positive"),
    )

    episode_id: int = Field(foreign_key="episodes.id", ondelete="CASCADE", primary_key=True)
    second: int = Field(primary_key=True)  # timestamp_ms // 1000
    emoji: str = Field(max_length=16, primary_key=True)
    n: int
    first_ms: int


class Comment(SQLModel, table=True):
    __tablename__ = "comments"
    __table_args__ = (
        one_of("status", CommentStatus),
        non_negative("timestamp_ms"),
        non_negative("like_count"),
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
    # How many rows of comment_likes point here; kept exact by realtime/comment_likes.py.
    like_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = aware()


class CommentLike(SQLModel, table=True):
    """One viewer likes one comment (at most once: the primary key)."""

    __tablename__ = "comment_likes"

    comment_id: int = Field(foreign_key="comments.id", ondelete="CASCADE", primary_key=True)
    # Indexed for the user foreign key's ON DELETE CASCADE.
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True, index=True)
    created_at: datetime = aware()
