"""report queue indexes: the admins' open and decided pages, and a decision's audit entry

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 05:30:00

Open reports are paged oldest first by (created_at, id), decided ones newest first by
(resolved_at, id) (microshort/admin/report_queue.py); a decided report's note is read from the
audit log by (target_type, target_id), newest entry first. Without these, every page sorted
all of its reports and every row's note scanned the audit log.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_reports_open_queue",
        "reports",
        ["created_at", "id"],
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_index(
        "ix_reports_decided",
        "reports",
        ["resolved_at", "id"],
        postgresql_where=sa.text("resolved_at IS NOT NULL"),
    )
    op.create_index("ix_audit_log_target", "audit_log", ["target_type", "target_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_target", table_name="audit_log")
    op.drop_index("ix_reports_decided", table_name="reports")
    op.drop_index("ix_reports_open_queue", table_name="reports")
