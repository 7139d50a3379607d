"""ops job metrics index: the jobs /metrics counts at every scrape

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27 09:00:00

/metrics reports queued, running and failed jobs by queue (microshort/metrics.py). procrastinate
keeps every finished job (two periodic tasks alone add ~2,900 a day), and no index of its own
covers failed ones, so the count would scan the whole table at every scrape; this partial
index holds only the rows that count.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.get_bind().exec_driver_sql(
        "CREATE INDEX microshort_jobs_open_or_failed_idx "
        "ON procrastinate.procrastinate_jobs (queue_name, task_name, status) "
        "WHERE status IN ('todo', 'doing', 'failed')"
    )


def downgrade() -> None:
    op.get_bind().exec_driver_sql("DROP INDEX procrastinate.microshort_jobs_open_or_failed_idx")
