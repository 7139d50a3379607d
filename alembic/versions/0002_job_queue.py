"""job queue: procrastinate's tables in their own schema

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

procrastinate (pinned in pyproject.toml) ships its schema as SQL. It lives in the schema
`procrastinate` so our autogenerate never sees it; the job connector sets search_path to it.
Upgrading procrastinate later means a new migration applying its files in sql/migrations/.
"""

from collections.abc import Sequence

from procrastinate.schema import SchemaManager

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    bind.exec_driver_sql("CREATE SCHEMA procrastinate")
    bind.exec_driver_sql("SET LOCAL search_path TO procrastinate")
    # Executed through the driver with (empty) parameters, so literal % must be doubled.
    bind.exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))
    bind.exec_driver_sql("RESET search_path")


def downgrade() -> None:
    op.get_bind().exec_driver_sql("DROP SCHEMA procrastinate CASCADE")
