"""Server-side view events: one per viewer and series/episode every 30 minutes, feeding Trending."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from microshort.analytics.events import (
    DEDUP_WINDOW,
    record_episode_event,
    record_series_view,
    record_view,
)
from microshort.analytics.models import AnalyticsEvent, TrendingSeries
from microshort.analytics.trending import refresh_trending
from microshort.content.models import Series
from microshort.content.progress import save_progress
from microshort.db import utcnow
from microshort.errors import InvalidInput
from microshort.users.models import User
from tests.factories import episode_ids, make_creator, make_series


def _series(session: Session, title: str = "Show") -> Series:
    return make_series(session, make_creator(session), title=title)


def _events(session: Session, name: str, series: Series) -> list[AnalyticsEvent]:
    return list(
        session.exec(
            select(AnalyticsEvent).where(
                AnalyticsEvent.name == name, AnalyticsEvent.series_id == series.id
            )
        ).all()
    )


def test_a_view_is_written_once_per_viewer_within_the_window(session: Session) -> None:
    series = _series(session)
    now = utcnow()
    first = record_view(
        session,
        kind="series_view",
        series_id=series.id or 0,
        anonymous_id="anon-a",
        utm={"utm_source": "tiktok", "utm_campaign": "launch", "other": "ignored"},
        now=now,
    )
    again = record_view(
        session,
        kind="series_view",
        series_id=series.id or 0,
        anonymous_id="anon-a",
        now=now + DEDUP_WINDOW - timedelta(minutes=1),
    )
    assert (first, again) == (True, False)
    [event] = _events(session, "series_view", series)
    assert (event.anonymous_id, event.utm_source, event.utm_campaign) == (
        "anon-a",
        "tiktok",
        "launch",
    )
    later = now + DEDUP_WINDOW + timedelta(minutes=1)
    assert record_view(
        session, kind="series_view", series_id=series.id or 0, anonymous_id="anon-a", now=later
    )
    assert len(_events(session, "series_view", series)) == 2


def test_other_viewers_and_other_episodes_count(session: Session) -> None:
    series = _series(session)
    first, second = episode_ids(session, series)[:2]
    member = User(email=f"m{utcnow().timestamp()}@example.com", display_name="M")
    session.add(member)
    session.flush()

    def start(episode_id: int, **viewer: object) -> bool:
        return record_view(
            session,
            kind="episode_start",
            series_id=series.id or 0,
            episode_id=episode_id,
            **viewer,  # type: ignore[arg-type]
        )

    assert start(first, anonymous_id="anon-a")
    assert start(first, anonymous_id="anon-b")
    assert start(second, anonymous_id="anon-a")
    assert start(first, user_id=member.id, anonymous_id="anon-a")  # a member is counted apart
    assert not start(first, user_id=member.id, anonymous_id="anon-z")
    assert not start(first, anonymous_id="anon-b")
    assert not start(first)  # no viewer: nothing to deduplicate by, not counted
    assert len(_events(session, "episode_start", series)) == 4


def test_unknown_kinds_and_episode_kinds_without_an_episode_are_refused(
    session: Session,
) -> None:
    series = _series(session)
    with pytest.raises(InvalidInput):
        record_view(session, kind="page_view", series_id=series.id or 0, anonymous_id="a")
    with pytest.raises(InvalidInput):
        record_view(session, kind="episode_start", series_id=series.id or 0, anonymous_id="a")
    assert (
        session.exec(select(AnalyticsEvent).where(AnalyticsEvent.series_id == series.id)).all()
        == []
    )


def test_page_helpers_resolve_the_series_and_never_raise(session: Session) -> None:
    series = _series(session)
    episode = episode_ids(session, series)[0]
    record_series_view(session, series.slug, user_id=None, anonymous_id="anon-a", utm={})
    record_episode_event(session, "episode_start", episode, user_id=None, anonymous_id="anon-a")
    assert len(_events(session, "series_view", series)) == 1
    [start] = _events(session, "episode_start", series)
    assert start.episode_id == episode
    # Unknown episode, unknown kind, a value the column refuses: logged, the caller goes on.
    record_episode_event(session, "episode_start", 0, user_id=None, anonymous_id="anon-a")
    record_episode_event(session, "bogus", episode, user_id=None, anonymous_id="anon-a")
    record_episode_event(session, "episode_start", episode, user_id=None, anonymous_id="x" * 90)
    assert session.exec(select(Series.id).where(Series.id == series.id)).one() == series.id
    assert len(_events(session, "episode_start", series)) == 1


def test_finishing_an_episode_records_one_complete(session: Session) -> None:
    series = _series(session)
    episode = episode_ids(session, series)[0]
    viewer = {"episode_id": episode, "user_id": None, "anonymous_id": "anon-a"}
    save_progress(session, **viewer, position=30, duration=90)  # type: ignore[arg-type]
    assert _events(session, "episode_complete", series) == []
    save_progress(session, **viewer, position=89, duration=90)  # type: ignore[arg-type]
    save_progress(session, **viewer, position=90, duration=90)  # type: ignore[arg-type]
    [complete] = _events(session, "episode_complete", series)
    assert complete.episode_id == episode


def test_recorded_views_lift_a_series_in_trending(session: Session) -> None:
    quiet, watched = _series(session, "Quiet"), _series(session, "Watched")
    record_series_view(session, quiet.slug, user_id=None, anonymous_id="anon-q", utm={})
    for viewer in ("anon-1", "anon-2", "anon-3"):
        record_series_view(session, watched.slug, user_id=None, anonymous_id=viewer, utm={})
        record_series_view(session, watched.slug, user_id=None, anonymous_id=viewer, utm={})
    refresh_trending(session, now=utcnow() + timedelta(seconds=1))
    ranked = session.exec(
        select(TrendingSeries.series_id, TrendingSeries.views)
        .where(col(TrendingSeries.series_id).in_([quiet.id, watched.id]))
        .order_by(col(TrendingSeries.views).desc())
    ).all()
    assert [tuple(row) for row in ranked] == [(watched.id, 3), (quiet.id, 1)]
