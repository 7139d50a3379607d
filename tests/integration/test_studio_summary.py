"""The studio dashboard: this creator's series only, this week against the last, and what to fix."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from microshort.analytics.models import AnalyticsEvent
from microshort.content.models import Episode, Series, WatchProgress
from microshort.content.studio_summary import (
    Change,
    figure_cards,
    needs_attention,
    week_figures,
)
from microshort.db import utcnow
from microshort.payments.models import RevenueSplit, Transaction
from microshort.social.models import Follow
from microshort.users.models import CreatorProfile, User
from tests.factories import episode_ids, make_creator, make_series

DAY = timedelta(days=1)


def _viewer(session: Session, n: int) -> User:
    user = User(email=f"dash-viewer-{n}-{utcnow().timestamp()}@example.com", display_name="V")
    session.add(user)
    session.flush()
    return user


def _start(session: Session, series: Series, at: datetime, viewer: str) -> None:
    session.add(
        AnalyticsEvent(
            name="episode_start", series_id=series.id, anonymous_id=viewer, occurred_at=at
        )
    )


def _earn(
    session: Session,
    creator: CreatorProfile,
    series: Series,
    cents: int,
    at: datetime,
    direction: str = "credit",
) -> None:
    tx = Transaction(
        kind="purchase" if direction == "credit" else "refund",
        series_id=series.id or 0,
        creator_id=creator.id or 0,
        gross_cents=cents,
        creator_share_cents=cents,
        provider="local",
        provider_payment_id=f"pi-{series.id}-{cents}-{at.timestamp()}-{direction}",
        created_at=at,
    )
    session.add(tx)
    session.flush()
    session.add(
        RevenueSplit(
            transaction_id=tx.id or 0,
            party="creator",
            direction=direction,
            creator_id=creator.id,
            amount_cents=cents,
            created_at=at,
        )
    )


def _activity(session: Session, creator: CreatorProfile, series: Series, now: datetime) -> None:
    """This week: 6 starts by 4 viewers, 2 follows, $3.99 earned, 150 s reached.
    The week before: 4 starts by 4 viewers, 1 follow, $2.00 earned. Older: ignored."""
    for n, viewer in enumerate(["a", "a", "b", "c", "c", "d"]):
        _start(session, series, now - DAY - timedelta(minutes=n), viewer)
    for n, viewer in enumerate(["e", "f", "g", "h"]):
        _start(session, series, now - 8 * DAY - timedelta(minutes=n), viewer)
    _start(session, series, now - 20 * DAY, "old")
    session.add(AnalyticsEvent(name="series_view", series_id=series.id, occurred_at=now - DAY))
    for n, age in enumerate((DAY, 2 * DAY, 9 * DAY, 30 * DAY)):
        session.add(
            Follow(
                user_id=_viewer(session, n).id or 0, series_id=series.id or 0, created_at=now - age
            )
        )
    _earn(session, creator, series, 399, now - DAY)
    _earn(session, creator, series, 200, now - 10 * DAY)
    _earn(session, creator, series, 1000, now - 40 * DAY)
    first, second = episode_ids(session, series)[:2]
    session.add(
        WatchProgress(anonymous_id="a", episode_id=first, position_seconds=90, updated_at=now - DAY)
    )
    session.add(
        WatchProgress(
            anonymous_id="b", episode_id=second, position_seconds=60, updated_at=now - 2 * DAY
        )
    )
    session.add(
        WatchProgress(
            anonymous_id="c", episode_id=first, position_seconds=45, updated_at=now - 9 * DAY
        )
    )
    session.flush()


def test_figures_count_only_this_creators_series_and_only_the_window(session: Session) -> None:
    now = utcnow()
    mine, theirs = make_creator(session, "Mine"), make_creator(session, "Theirs")
    _activity(session, mine, make_series(session, mine), now)
    _activity(session, theirs, make_series(session, theirs), now)  # never leaks into mine

    figures = week_figures(session, mine.id or 0, now)

    assert figures.views == Change(6, 4)
    assert figures.viewers == Change(4, 4)
    assert figures.new_followers == Change(2, 1)
    assert figures.watched_seconds == Change(150, 45)
    assert figures.earnings_cents == {"USD": Change(399, 200)}


def test_a_refund_this_week_is_taken_off_the_earnings(session: Session) -> None:
    now = utcnow()
    creator = make_creator(session)
    series = make_series(session, creator)
    _earn(session, creator, series, 500, now - DAY)
    _earn(session, creator, series, 200, now - 2 * DAY, direction="debit")
    assert week_figures(session, creator.id or 0, now).earnings_cents == {"USD": Change(300, 0)}


def test_cards_show_the_week_over_week_change(session: Session) -> None:
    now = utcnow()
    creator = make_creator(session)
    _activity(session, creator, make_series(session, creator), now)

    cards = {c.label: c for c in figure_cards(week_figures(session, creator.id or 0, now))}

    assert (cards["Views"].value, cards["Views"].change) == ("6", "+50 % vs last week")
    assert cards["Unique viewers"].change == "same as last week"
    assert (cards["Watch time reached"].value, cards["Watch time reached"].trend) == (
        "2 min",
        "up",
    )
    assert (cards["Earnings (USD)"].value, cards["Earnings (USD)"].change) == (
        "$3.99",
        "+100 % vs last week",
    )


def test_a_creator_with_nothing_yet_sees_zeros_and_no_change(session: Session) -> None:
    creator = make_creator(session)
    cards = figure_cards(week_figures(session, creator.id or 0, utcnow()))
    assert [(c.label, c.value, c.change) for c in cards] == [
        ("Views", "0", ""),
        ("Unique viewers", "0", ""),
        ("Watch time reached", "0 s", ""),
        ("New followers", "0", ""),
        ("Earnings (USD)", "$0.00", ""),
    ]


def test_failed_stuck_and_unpublishable_need_attention_and_others_do_not_leak(
    session: Session,
) -> None:
    now = utcnow()
    mine, theirs = make_creator(session), make_creator(session)
    live = make_series(session, mine, title="Live One", episodes=(3,))
    draft = make_series(
        session, mine, title="Draft One", status="draft", episodes=(2,), episode_status="ready"
    )
    failed_id, stuck_id, fresh_id = episode_ids(session, live)
    no_video_id = episode_ids(session, draft)[1]
    for episode_id, status, reason, age in (
        (failed_id, "failed", "Unsupported codec", 0),
        (stuck_id, "processing", None, 2),
        (fresh_id, "processing", None, 0),
        (no_video_id, "draft", None, 0),
    ):
        episode = session.get(Episode, episode_id)
        assert episode is not None
        episode.status, episode.failure_reason = status, reason
        session.add(episode)
        session.flush()
        episode.updated_at = now - timedelta(hours=age, minutes=5)
        session.add(episode)
    session.flush()
    # Another creator's broken episodes and draft never show up.
    make_series(session, theirs, title="Not Mine", episode_status="failed")
    make_series(session, theirs, title="Not Mine Draft", status="draft", episode_status="draft")
    session.flush()

    items = needs_attention(session, mine.id or 0, now)

    assert [(i.kind, i.href) for i in items] == [
        ("failed", f"/studio/episodes/{failed_id}"),
        ("stuck", f"/studio/episodes/{stuck_id}"),
        ("unpublishable", f"/studio/series/{draft.id}"),
    ]
    assert "Unsupported codec" in items[0].detail
    assert "episode 2 has no ready video yet" in items[2].detail
    assert all("Not Mine" not in i.title for i in items)


def test_nothing_needs_attention_when_all_is_ready(session: Session) -> None:
    creator = make_creator(session)
    make_series(session, creator)
    make_series(session, creator, status="draft", episode_status="ready")
    assert needs_attention(session, creator.id or 0, utcnow()) == []
