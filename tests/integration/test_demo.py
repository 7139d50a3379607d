"""The demo catalogue: alive, deterministic, idempotent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from microshort.analytics.models import AnalyticsEvent
from microshort.content.models import Episode, Season, Series
from microshort.demo.loader import load
from microshort.integrations.storage.local import LocalMediaStorage
from microshort.payments.models import Transaction
from microshort.realtime.models import Comment, Reaction
from microshort.users.models import CreatorProfile

TODAY = datetime(2026, 11, 25, 12, tzinfo=UTC)


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_demo_catalogue_looks_alive(session: Session, storage: LocalMediaStorage) -> None:
    summary = load(session, storage, today=TODAY)
    assert summary.loaded
    assert _count(session, Series) >= 12
    assert _count(session, Episode) >= 150
    assert len(set(session.exec(select(Series.genre)).all())) >= 6
    assert _count(session, CreatorProfile) >= 5
    assert _count(session, Reaction) >= 300
    assert _count(session, Comment) >= 50
    assert _count(session, Transaction) >= 10
    assert session.exec(select(func.min(Season.price_cents))).one() > 0
    oldest, newest = session.exec(
        select(func.min(AnalyticsEvent.occurred_at), func.max(AnalyticsEvent.occurred_at))
    ).one()
    assert newest - oldest >= timedelta(days=58)


def test_every_series_has_a_real_cover_image(session: Session, storage: LocalMediaStorage) -> None:
    import asyncio

    load(session, storage, today=TODAY)
    keys = session.exec(select(Series.cover_key)).all()
    assert all(keys)
    data = asyncio.run(storage.read(str(keys[0])))
    assert data[:3] == b"\xff\xd8\xff"  # JPEG
    assert len(data) > 10_000


def test_loading_twice_changes_nothing(session: Session, storage: LocalMediaStorage) -> None:
    load(session, storage, today=TODAY)
    before = (_count(session, Episode), _count(session, Reaction), _count(session, AnalyticsEvent))
    again = load(session, storage, today=TODAY)
    assert not again.loaded
    assert (
        _count(session, Episode),
        _count(session, Reaction),
        _count(session, AnalyticsEvent),
    ) == before


def _fingerprint(session: Session) -> tuple[object, ...]:
    titles = session.exec(select(Episode.title).order_by(col(Episode.id))).all()
    reactions = session.exec(
        select(Reaction.timestamp_ms, Reaction.emoji).order_by(col(Reaction.id))
    ).all()
    events = session.exec(select(func.count()).select_from(AnalyticsEvent)).one()
    return tuple(titles), tuple(reactions), events


def test_same_seed_same_catalogue(engine: sa.Engine, storage: LocalMediaStorage) -> None:
    prints = []
    for _ in range(2):
        with engine.connect() as connection:
            transaction = connection.begin()
            with Session(bind=connection) as session:
                load(session, storage, today=TODAY)
                prints.append(_fingerprint(session))
            transaction.rollback()
    assert prints[0] == prints[1]


def test_demo_accounts_can_log_in(session: Session, storage: LocalMediaStorage) -> None:
    from microshort.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
    from microshort.users import accounts

    load(session, storage, today=TODAY)
    admin = accounts.authenticate(session, email=f"admin@{DEMO_DOMAIN}", password=DEMO_PASSWORD)
    assert admin.role == "admin"
    viewer = accounts.authenticate(session, email=f"viewer1@{DEMO_DOMAIN}", password=DEMO_PASSWORD)
    assert viewer.role == "viewer"
