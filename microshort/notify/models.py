"""The outgoing mail outbox and in-app notifications."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from microshort.db import aware, non_negative, one_of


class MailStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    # No SMTP server is configured: the mail stays in the outbox for admins to read.
    KEPT = "kept"


class EmailOutbox(SQLModel, table=True):
    __tablename__ = "email_outbox"
    __table_args__ = (one_of("status", MailStatus), non_negative("attempts"))

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body_text: str = Field(sa_type=sa.Text)
    status: str = Field(default=MailStatus.PENDING, max_length=16)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=1000)
    created_at: datetime = aware(index=True)
    sent_at: datetime | None = aware(nullable=True)


class Notification(SQLModel, table=True):
    __tablename__ = "notifications"
    __table_args__ = (
        # A user's unread notices; its leading column also serves lookups and cascades by user.
        sa.Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    title: str = Field(max_length=120)
    body: str = Field(max_length=1000)
    link: str = Field(default="", max_length=300)
    created_at: datetime = aware()
    read_at: datetime | None = aware(nullable=True)
