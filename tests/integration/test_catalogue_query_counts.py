"""Every catalogue page read issues a fixed, small number of SQL statements: the same with 20
series as with 200 (no query per card, per rail or per episode)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.analytics.models import AnalyticsEvent
from microshort.analytics.trending import refresh_trending
from microshort.bootstrap import install_entitlements
from microshort.content.browse import creator_page, genre_page, more_from_creator
from microshort.content.models import Season, Series, WatchProgress
from microshort.content.playback import set_entitlement_check
from microshort.content.queries import home_view, series_detail
from microshort.content.rails import continue_watching
from microshort.content.search import search_series
from microshort.db import utcnow
from microshort.payments import ledger
from microshort.payments.models import PaymentProvider
from microshort.payments.purchases import purchased_series
from microshort.social.models import Favourite, Follow
from microshort.social.queries import library_view, series_social
from microshort.users.models import CreatorProfile, User
from tests.factories import episode_ids, make_creator, make_series
from tests.payments_support import purchase

MAX_STATEMENTS = 4
# The Library page: library_view's four shelves, plus the Purchased shelf's one statement.
LIBRARY_STATEMENTS = 5


@contextmanager
def counting(engine: sa.Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def _grow(session: Session, creator: CreatorProfile, viewer: User, up_to: int) -> None:
    """Published series (two seasons each) with views, follows, hearts and progress."""
    now = utcnow()
    have = session.exec(select(sa.func.count()).select_from(Series)).one()
    for n in range(have, up_to):
        series = make_series(session, creator, title=f"Countable {n}", episodes=(2, 2))
        series.featured_rank = n if n % 10 == 0 else None
        series.published_at = now - timedelta(hours=n)
        session.add(series)
        session.flush()
        first = episode_ids(session, series)[0]
        session.add(Follow(user_id=viewer.id or 0, series_id=series.id or 0))
        session.add(Favourite(user_id=viewer.id or 0, series_id=series.id or 0))
        session.add(WatchProgress(user_id=viewer.id, episode_id=first, position_seconds=30))
        session.add(AnalyticsEvent(name="episode_start", series_id=series.id, occurred_at=now))
        if n % 3 == 0:
            _buy_first_season(session, viewer, series, f"pi_count_{n}", now)
    session.flush()
    refresh_trending(session)


def _buy_first_season(
    session: Session, viewer: User, series: Series, payment_id: str, now: Any
) -> None:
    season = session.exec(
        select(Season).where(Season.series_id == series.id).order_by(col(Season.number))
    ).first()
    ledger.record_purchase(
        session,
        purchase(viewer, season=season, payment_id=payment_id),
        provider=PaymentProvider.LOCAL,
        platform_fee_percent=20,
        now=now,
    )


def _pages(session: Session, creator: CreatorProfile, viewer: User) -> dict[str, Callable[[], Any]]:
    slug = session.exec(select(Series.slug).order_by(col(Series.id))).first() or ""
    return {
        "home": lambda: (home_view(session), continue_watching(session, viewer.id or 0)),
        "series": lambda: (
            series_detail(session, slug, viewer_id=viewer.id),
            more_from_creator(session, slug),
            series_social(session, slug, viewer.id),
        ),
        "search": lambda: search_series(session, "countable"),
        "search with a typo": lambda: search_series(session, "countabel"),
        "genre": lambda: genre_page(session, "drama"),
        "creator": lambda: creator_page(session, creator.slug),
        "library": lambda: (
            library_view(session, viewer.id or 0),
            purchased_series(session, viewer.id or 0),
        ),
    }


def _measure(
    session: Session, engine: sa.Engine, creator: CreatorProfile, viewer: User
) -> dict[str, int]:
    counts = {}
    for name, read in _pages(session, creator, viewer).items():
        with counting(engine) as statements:
            result = read()
        assert result, name
        counts[name] = len(statements)
    return counts


@pytest.fixture
def entitlement_hook() -> Iterator[None]:
    """The series page asks playback's entitlement check (one statement per locked season)."""
    install_entitlements()
    yield
    set_entitlement_check(None)


@pytest.mark.usefixtures("entitlement_hook")
def test_page_reads_do_not_grow_with_the_catalogue(session: Session, engine: sa.Engine) -> None:
    creator = make_creator(session, "Prolific")
    viewer = User(email="counting@example.com", display_name="Counting")
    session.add(viewer)
    session.flush()

    _grow(session, creator, viewer, 20)
    small = _measure(session, engine, creator, viewer)
    _grow(session, creator, viewer, 200)
    large = _measure(session, engine, creator, viewer)

    assert small == large, (small, large)
    assert large.pop("library") == LIBRARY_STATEMENTS, large
    assert all(1 <= count <= MAX_STATEMENTS for count in large.values()), large
    # The pages really did read the larger catalogue.
    assert len(home_view(session).new) == 12
    assert len(library_view(session, viewer.id or 0).following) == 60
    assert len(purchased_series(session, viewer.id or 0)) == 60
    assert search_series(session, "countable").page.has_more
