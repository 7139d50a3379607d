"""Migrations build the whole model, agree with it, and go down and up again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import Session, SQLModel

import microshort.models  # noqa: F401
from microshort import migrations
from microshort.content.models import Season, Series
from microshort.db import make_engine
from microshort.payments.models import Transaction, WebhookEvent
from microshort.users.models import CreatorProfile, User

EXPECTED_TABLES = {
    "users",
    "sessions",
    "creator_profiles",
    "series",
    "seasons",
    "bundles",
    "bundle_seasons",
    "episodes",
    "video_assets",
    "subtitle_tracks",
    "entitlements",
    "transactions",
    "payouts",
    "revenue_splits",
    "reactions",
    "comments",
    "reports",
    "follows",
    "watch_progress",
    "analytics_events",
    "share_links",
    "ad_spend",
    "webhook_events",
    "audit_log",
    "pitch_leads",
    "email_outbox",
    "notifications",
    "auth_tokens",
    "favourites",
    "trending_series",
    "local_checkout_sessions",
    "attribution_touches",
    "visitor_attribution",
}


def _tables(engine: sa.Engine, schema: str = "public") -> set[str]:
    return set(sa.inspect(engine).get_table_names(schema=schema))


def test_upgrade_downgrade_upgrade(make_database: Callable[[], str]) -> None:
    url = make_database()
    engine = make_engine(url)
    try:
        migrations.upgrade(url)
        assert _tables(engine) >= EXPECTED_TABLES
        assert "procrastinate_jobs" in _tables(engine, "procrastinate")
        migrations.downgrade(url, "base")
        assert _tables(engine) == {"alembic_version"}
        assert "procrastinate" not in sa.inspect(engine).get_schema_names()
        migrations.upgrade(url)
        assert _tables(engine) >= EXPECTED_TABLES
    finally:
        engine.dispose()


def test_models_and_migrations_agree(engine: sa.Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": migrations.include_object},
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_replay_index_exists(engine: sa.Engine) -> None:
    indexes = {
        index["name"]: index["column_names"]
        for index in sa.inspect(engine).get_indexes("reactions")
    }
    assert indexes["ix_reactions_episode_id_timestamp_ms"] == ["episode_id", "timestamp_ms"]


def _creator(session: Session) -> CreatorProfile:
    user = User(email="c@example.com", display_name="C")
    session.add(user)
    session.flush()
    profile = CreatorProfile(user_id=user.id or 0, slug="c-studio", display_name="C")
    session.add(profile)
    session.flush()
    return profile


def _series(session: Session, creator: CreatorProfile, slug: str) -> Series:
    series = Series(creator_id=creator.id or 0, slug=slug, title="T", genre="Drama")
    session.add(series)
    session.flush()
    return series


def test_series_slugs_are_unique(session: Session) -> None:
    creator = _creator(session)
    _series(session, creator, "same-slug")
    with pytest.raises(sa.exc.IntegrityError, match="uq_series_slug"):
        _series(session, creator, "same-slug")


def test_prices_cannot_be_negative(session: Session) -> None:
    series = _series(session, _creator(session), "priced")
    session.add(Season(series_id=series.id or 0, number=1, price_cents=-1))
    with pytest.raises(sa.exc.IntegrityError, match="price_cents_non_negative"):
        session.flush()


def test_a_transaction_split_must_sum_to_the_gross(session: Session) -> None:
    creator = _creator(session)
    series = _series(session, creator, "ledger")
    session.add(
        Transaction(
            kind="purchase",
            series_id=series.id or 0,
            creator_id=creator.id or 0,
            gross_cents=499,
            processor_fee_cents=44,
            platform_fee_cents=56,
            creator_share_cents=398,
            provider="local",
        )
    )
    with pytest.raises(sa.exc.IntegrityError, match="split_sums_to_gross"):
        session.flush()


def test_a_webhook_event_is_stored_once(session: Session) -> None:
    session.add(WebhookEvent(provider="stripe", event_id="evt_1", event_type="x"))
    session.flush()
    session.add(WebhookEvent(provider="stripe", event_id="evt_1", event_type="x"))
    with pytest.raises(sa.exc.IntegrityError, match="uq_webhook_events_provider_event_id"):
        session.flush()


def test_bad_slug_format_is_refused(session: Session) -> None:
    with pytest.raises(sa.exc.IntegrityError, match="slug_format"):
        _series(session, _creator(session), "Bad Slug")
