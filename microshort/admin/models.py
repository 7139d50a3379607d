"""Moderation reports and the admin audit log."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from microshort.db import aware, one_of


class ReportStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class Report(SQLModel, table=True):
    __tablename__ = "reports"
    __table_args__ = (
        one_of("status", ReportStatus),
        # One open report per reporter and comment (admin/reports.py relies on it).
        sa.Index(
            "uq_reports_reporter_id_comment_id_open",
            "reporter_id",
            "comment_id",
            unique=True,
            postgresql_where=sa.text("status = 'open'"),
        ),
        # The admins' queue pages (admin/report_queue.py): open oldest first, decided newest.
        sa.Index(
            "ix_reports_open_queue",
            "created_at",
            "id",
            postgresql_where=sa.text("status = 'open'"),
        ),
        sa.Index(
            "ix_reports_decided",
            "resolved_at",
            "id",
            postgresql_where=sa.text("resolved_at IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    reporter_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    comment_id: int | None = Field(
        default=None, foreign_key="comments.id", ondelete="CASCADE", index=True
    )
    series_id: int | None = Field(default=None, foreign_key="series.id", ondelete="CASCADE")
    reason: str = Field(max_length=500)
    status: str = Field(default=ReportStatus.OPEN, max_length=16, index=True)
    resolved_by: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    resolved_at: datetime | None = aware(nullable=True)
    created_at: datetime = aware()


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    # A resolved report's note is its decision's entry, found by target (admin/report_queue.py).
    __table_args__ = (sa.Index("ix_audit_log_target", "target_type", "target_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    action: str = Field(max_length=60)
    target_type: str = Field(max_length=40)
    target_id: int | None = None
    reason: str | None = Field(default=None, max_length=1000)
    created_at: datetime = aware(index=True)
