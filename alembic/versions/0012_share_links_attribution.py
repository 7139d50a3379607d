"""share links and attribution

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 18:56:39

Short share links gain the channel they were shared through, the sharer (account or anonymous
visitor), an optional moment in the episode and a way to be turned off. Attribution: every
arrival through a share link or with UTM parameters is a touch; each anonymous visitor keeps
their first and last touch, joined to the account at sign-up; purchases are stamped with the
buyer's first and last touch (microshort/analytics/attribution.py).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attribution_touches",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("anonymous_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("share_link_id", sa.Integer(), nullable=True),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("episode_id", sa.Integer(), nullable=True),
        sa.Column("utm_source", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("utm_medium", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("utm_campaign", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("utm_content", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("utm_term", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("referrer_host", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("landing_path", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["episodes.id"],
            name=op.f("fk_attribution_touches_episode_id_episodes"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["series.id"],
            name=op.f("fk_attribution_touches_series_id_series"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["share_link_id"],
            ["share_links.id"],
            name=op.f("fk_attribution_touches_share_link_id_share_links"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_attribution_touches_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution_touches")),
    )
    op.create_index(
        "ix_attribution_touches_anonymous_id_occurred_at",
        "attribution_touches",
        ["anonymous_id", "occurred_at"],
        unique=False,
    )
    op.create_index(
        "ix_attribution_touches_series_id_occurred_at",
        "attribution_touches",
        ["series_id", "occurred_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_attribution_touches_share_link_id"),
        "attribution_touches",
        ["share_link_id"],
        unique=False,
    )
    op.create_index(
        "ix_attribution_touches_user_id_occurred_at",
        "attribution_touches",
        ["user_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "visitor_attribution",
        sa.Column("anonymous_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("first_touch_id", sa.BigInteger(), nullable=True),
        sa.Column("last_touch_id", sa.BigInteger(), nullable=True),
        sa.Column("signup_touch_id", sa.BigInteger(), nullable=True),
        sa.Column("signed_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_touch_id"],
            ["attribution_touches.id"],
            name=op.f("fk_visitor_attribution_first_touch_id_attribution_touches"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["last_touch_id"],
            ["attribution_touches.id"],
            name=op.f("fk_visitor_attribution_last_touch_id_attribution_touches"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["signup_touch_id"],
            ["attribution_touches.id"],
            name=op.f("fk_visitor_attribution_signup_touch_id_attribution_touches"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_visitor_attribution_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("anonymous_id", name=op.f("pk_visitor_attribution")),
    )
    op.create_index(
        op.f("ix_visitor_attribution_user_id"), "visitor_attribution", ["user_id"], unique=False
    )
    op.add_column("share_links", sa.Column("moment_seconds", sa.Integer(), nullable=True))
    # Links made before channels existed were campaign links: "link", like the share kit's.
    op.add_column(
        "share_links",
        sa.Column(
            "channel",
            sqlmodel.sql.sqltypes.AutoString(length=16),
            nullable=False,
            server_default="link",
        ),
    )
    op.alter_column("share_links", "channel", server_default=None)
    op.add_column(
        "share_links",
        sa.Column(
            "sharer_anonymous_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True
        ),
    )
    op.add_column(
        "share_links", sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_check_constraint(
        op.f("ck_share_links_channel_valid"),
        "share_links",
        "channel IN ('copy', 'native', 'whatsapp', 'x', 'facebook', 'telegram', 'tiktok', "
        "'instagram', 'email', 'qr', 'link')",
    )
    op.create_check_constraint(
        op.f("ck_share_links_moment_non_negative"),
        "share_links",
        "moment_seconds IS NULL OR moment_seconds >= 0",
    )
    op.create_index(
        "ix_share_links_sharer",
        "share_links",
        ["series_id", "episode_id", "channel", "created_by", "sharer_anonymous_id"],
        unique=False,
    )
    op.add_column("transactions", sa.Column("first_touch_id", sa.BigInteger(), nullable=True))
    op.add_column("transactions", sa.Column("last_touch_id", sa.BigInteger(), nullable=True))
    op.create_foreign_key(
        op.f("fk_transactions_last_touch_id_attribution_touches"),
        "transactions",
        "attribution_touches",
        ["last_touch_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_foreign_key(
        op.f("fk_transactions_first_touch_id_attribution_touches"),
        "transactions",
        "attribution_touches",
        ["first_touch_id"],
        ["id"],
        ondelete="SET NULL",
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_transactions_first_touch_id_attribution_touches"),
        "transactions",
        type_="foreignkey",
    )
    op.drop_constraint(
        op.f("fk_transactions_last_touch_id_attribution_touches"),
        "transactions",
        type_="foreignkey",
    )
    op.drop_column("transactions", "last_touch_id")
    op.drop_column("transactions", "first_touch_id")
    op.drop_index("ix_share_links_sharer", table_name="share_links")
    op.drop_constraint(op.f("ck_share_links_moment_non_negative"), "share_links", type_="check")
    op.drop_constraint(op.f("ck_share_links_channel_valid"), "share_links", type_="check")
    op.drop_column("share_links", "disabled_at")
    op.drop_column("share_links", "sharer_anonymous_id")
    op.drop_column("share_links", "channel")
    op.drop_column("share_links", "moment_seconds")
    op.drop_index(op.f("ix_visitor_attribution_user_id"), table_name="visitor_attribution")
    op.drop_table("visitor_attribution")
    op.drop_index("ix_attribution_touches_user_id_occurred_at", table_name="attribution_touches")
    op.drop_index(op.f("ix_attribution_touches_share_link_id"), table_name="attribution_touches")
    op.drop_index("ix_attribution_touches_series_id_occurred_at", table_name="attribution_touches")
    op.drop_index(
        "ix_attribution_touches_anonymous_id_occurred_at", table_name="attribution_touches"
    )
    op.drop_table("attribution_touches")
