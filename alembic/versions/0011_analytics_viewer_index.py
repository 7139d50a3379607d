"""analytics viewer index: a member's recent view events

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 06:45:00

The server now records series views and episode starts as they happen and counts each once per
viewer every 30 minutes (microshort/analytics/events.py). Visitors are looked up by the existing
anonymous_id index; members by (user_id, occurred_at), which had none.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_analytics_events_user_id_occurred_at",
        "analytics_events",
        ["user_id", "occurred_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_analytics_events_user_id_occurred_at", table_name="analytics_events")
