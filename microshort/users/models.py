"""Accounts, sessions and creator profiles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from microshort.db import Timestamped, aware, one_of, trigram_index


class Role(StrEnum):
    VIEWER = "viewer"
    CREATOR = "creator"
    ADMIN = "admin"


class UserStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"
    DELETED = "deleted"


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class User(Timestamped, table=True):
    __tablename__ = "users"
    __table_args__ = (
        one_of("role", Role),
        one_of("status", UserStatus),
        sa.CheckConstraint("email = lower(email)", name="email_lowercase"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    password_hash: str | None = Field(default=None, max_length=255)
    display_name: str = Field(max_length=80)
    role: str = Field(default=Role.VIEWER, max_length=16, index=True)
    status: str = Field(default=UserStatus.ACTIVE, max_length=16)
    avatar_key: str | None = Field(default=None, max_length=255)
    # The anonymous id the visitor had before signing up (analytics continuity).
    anonymous_id: str | None = Field(default=None, max_length=64, index=True)
    email_verified_at: datetime | None = aware(nullable=True)


class UserSession(Timestamped, table=True):
    __tablename__ = "sessions"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=128, unique=True)
    expires_at: datetime = aware(index=True)
    last_seen_at: datetime = aware()
    revoked_at: datetime | None = aware(nullable=True)
    user_agent: str | None = Field(default=None, max_length=300)
    ip_address: str | None = Field(default=None, max_length=64)


class CreatorProfile(Timestamped, table=True):
    __tablename__ = "creator_profiles"
    __table_args__ = (
        one_of("approval_status", ApprovalStatus),
        trigram_index("creator_profiles", "display_name"),  # search by creator name
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", unique=True)
    slug: str = Field(max_length=80, unique=True)
    display_name: str = Field(max_length=80)
    bio: str = Field(default="", max_length=2000)
    links: list[str] = Field(default_factory=list, sa_type=JSONB)
    avatar_key: str | None = Field(default=None, max_length=255)
    approval_status: str = Field(default=ApprovalStatus.PENDING, max_length=16, index=True)
    rejection_reason: str | None = Field(default=None, max_length=1000)
    reviewed_at: datetime | None = aware(nullable=True)
    reviewed_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    payout_account_id: str | None = Field(default=None, max_length=255)
    payouts_enabled: bool = False
    # Words that hide a comment on this creator's episodes (lowercase; realtime/banned_words.py).
    banned_words: list[str] = Field(
        default_factory=list,
        sa_type=JSONB,
        sa_column_kwargs={"server_default": sa.text("'[]'::jsonb")},
    )


class TokenPurpose(StrEnum):
    LOGIN = "login"  # one-time hand-off from the log-in form to the cookie-setting route
    PASSWORD_RESET = "password_reset"
    EMAIL_CONFIRM = "email_confirm"
    EMAIL_CHANGE = "email_change"


class AuthToken(SQLModel, table=True):
    """Single-use, expiring tokens mailed or handed to the browser; only their hash is kept."""

    __tablename__ = "auth_tokens"
    __table_args__ = (one_of("purpose", TokenPurpose),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    purpose: str = Field(max_length=20)
    token_hash: str = Field(max_length=128, unique=True)
    new_email: str | None = Field(default=None, max_length=254)
    next_path: str | None = Field(default=None, max_length=300)
    expires_at: datetime = aware(index=True)
    used_at: datetime | None = aware(nullable=True)
    created_at: datetime = aware()
