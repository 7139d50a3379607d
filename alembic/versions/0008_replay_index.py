"""replay rollup: reactions per (episode, second, emoji) kept by triggers; per-viewer indexes

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 02:20:00

Measured on 10 M reactions (bench/replay_window.py): a 10 s replay window of a hot episode
(~1 M reactions) read from `reactions` took p99 1.9 s, 83 ms with a covering index; its heat
strip 180 ms. `reaction_seconds` holds at most 6 rows per second of an episode, so both read a
few hundred rows. Statement-level triggers with transition tables keep it exact for single
inserts, multi-row inserts and COPY alike; a TRUNCATE of `reactions` would bypass them (nothing
truncates it). The partial indexes find one viewer's own reactions (left out of their replay,
adopted at sign-up, SET NULL when the user is deleted) without walking a hot episode.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "r.episode_id = g.episode_id AND r.second = g.second AND r.emoji = g.emoji"
GROUPED = (
    "SELECT episode_id, timestamp_ms / 1000 AS second, emoji, count(*) AS n, "
    "min(timestamp_ms) AS first_ms FROM {rows} GROUP BY 1, 2, 3"
)
# Sorted so concurrent multi-row writers lock rollup rows in one order (no deadlocks).
ADD = f"""
    INSERT INTO reaction_seconds (episode_id, second, emoji, n, first_ms)
    {GROUPED.format(rows="{rows}")} ORDER BY 1, 2, 3
    ON CONFLICT (episode_id, second, emoji) DO UPDATE
    SET n = reaction_seconds.n + EXCLUDED.n,
        first_ms = least(reaction_seconds.first_ms, EXCLUDED.first_ms);
"""
# first_ms is left as it was: it may then name a reaction that is gone (same second).
REMOVE = f"""
    DELETE FROM reaction_seconds r USING ({GROUPED.format(rows="{rows}")}) g
    WHERE {KEY} AND r.n <= g.n;
    UPDATE reaction_seconds r SET n = r.n - g.n FROM ({GROUPED.format(rows="{rows}")}) g
    WHERE {KEY};
"""
# An UPDATE only matters for rows whose episode, second or emoji changed (sign-up adoption
# only sets user_id).
MOVED = (
    "(SELECT {side}.* FROM old_rows o JOIN new_rows n USING (id) "
    "WHERE (o.episode_id, o.timestamp_ms / 1000, o.emoji) "
    "IS DISTINCT FROM (n.episode_id, n.timestamp_ms / 1000, n.emoji)) moved"
)
FUNCTIONS = {
    "reaction_seconds_add": ADD.format(rows="new_rows"),
    "reaction_seconds_remove": REMOVE.format(rows="old_rows"),
    "reaction_seconds_move": REMOVE.format(rows=MOVED.format(side="o"))
    + ADD.format(rows=MOVED.format(side="n")),
}
TRIGGERS = {
    "reaction_seconds_on_insert": ("INSERT", "NEW TABLE AS new_rows", "reaction_seconds_add"),
    "reaction_seconds_on_delete": ("DELETE", "OLD TABLE AS old_rows", "reaction_seconds_remove"),
    "reaction_seconds_on_update": (
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "reaction_seconds_move",
    ),
}


def upgrade() -> None:
    op.create_table(
        "reaction_seconds",
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("second", sa.Integer(), nullable=False),
        sa.Column("emoji", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("first_ms", sa.Integer(), nullable=False),
        sa.CheckConstraint("n > 0", name=op.f("ck_reaction_seconds_n_positive")),
        sa.CheckConstraint("second >= 0", name=op.f("ck_reaction_seconds_second_non_negative")),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episodes.id"],
            name=op.f("fk_reaction_seconds_episode_id_episodes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("episode_id", "second", "emoji", name=op.f("pk_reaction_seconds")),
    )
    # No reaction may slip in between the backfill and the triggers.
    op.execute("LOCK TABLE reactions IN SHARE ROW EXCLUSIVE MODE")
    for name, body in FUNCTIONS.items():
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n{body}\nRETURN NULL;\nEND $$"
        )
    for name, (event, transition, function) in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} AFTER {event} ON reactions REFERENCING {transition} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    op.execute(ADD.format(rows="reactions"))
    for column in ("user_id", "anonymous_id"):
        op.create_index(
            op.f(f"ix_reactions_{column}_episode_id_timestamp_ms"),
            "reactions",
            [column, "episode_id", "timestamp_ms"],
            unique=False,
            postgresql_where=sa.text(f"{column} IS NOT NULL"),
        )


def downgrade() -> None:
    for column in ("user_id", "anonymous_id"):
        op.drop_index(
            op.f(f"ix_reactions_{column}_episode_id_timestamp_ms"), table_name="reactions"
        )
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON reactions")
    for name in FUNCTIONS:
        op.execute(f"DROP FUNCTION {name}()")
    op.drop_table("reaction_seconds")
