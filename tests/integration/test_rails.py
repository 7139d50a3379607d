"""Home rails, Continue watching, watch history, genre pages and creator pages."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.analytics.models import AnalyticsEvent
from microshort.analytics.trending import refresh_trending
from microshort.content.browse import creator_page, genre_page
from microshort.content.models import Episode, Season, Series, WatchProgress
from microshort.content.queries import home_view
from microshort.content.rails import continue_watching, watch_history
from microshort.db import utcnow
from microshort.social.models import Follow
from microshort.users.models import ApprovalStatus, User
from tests.factories import make_creator, make_series


def _viewer(session: Session, name: str = "Viewer") -> User:
    user = User(email=f"{name.lower()}-{utcnow().timestamp()}@example.com", display_name=name)
    session.add(user)
    session.flush()
    return user


def _events(session: Session, series: Series, count: int, *, name: str, at: datetime) -> None:
    session.execute(
        sa.insert(AnalyticsEvent),
        [{"name": name, "series_id": series.id, "occurred_at": at} for _ in range(count)],
    )


def _episodes(session: Session, series: Series) -> list[Episode]:
    return list(
        session.exec(
            select(Episode)
            .join(Season, col(Season.id) == col(Episode.season_id))
            .where(Season.series_id == series.id)
            .order_by(col(Season.number), col(Episode.number))
        ).all()
    )


def _progress(
    session: Session, user: User, episode: Episode, seconds: float, *, done: bool, ago: int
) -> None:
    session.add(
        WatchProgress(
            user_id=user.id,
            episode_id=episode.id or 0,
            position_seconds=seconds,
            completed=done,
            updated_at=utcnow() - timedelta(minutes=ago),
        )
    )
    session.flush()


def test_trending_orders_by_views_of_the_last_seven_days(session: Session) -> None:
    creator = make_creator(session)
    now = utcnow()
    steady = make_series(session, creator, title="Steady")
    hot = make_series(session, creator, title="Hot This Week")
    faded = make_series(session, creator, title="Big Last Month")
    draft = make_series(session, creator, title="Unpublished Hit", status="draft")
    _events(session, steady, 5, name="episode_start", at=now - timedelta(days=2))
    _events(session, hot, 4, name="episode_start", at=now - timedelta(hours=3))
    _events(session, hot, 3, name="series_view", at=now - timedelta(days=6))
    _events(session, faded, 50, name="episode_start", at=now - timedelta(days=8))  # too old
    _events(session, faded, 1, name="series_view", at=now - timedelta(days=1))
    _events(session, steady, 40, name="page_view", at=now - timedelta(hours=1))  # not a view
    _events(session, draft, 99, name="episode_start", at=now - timedelta(hours=1))
    refresh_trending(session, now=now)
    trending = [card.title for card in home_view(session).trending]
    assert trending == ["Hot This Week", "Steady", "Big Last Month"]


def test_trending_rollup_is_replaced_not_added_to(session: Session) -> None:
    creator = make_creator(session)
    now = utcnow()
    first = make_series(session, creator, title="First")
    second = make_series(session, creator, title="Second")
    _events(session, first, 2, name="episode_start", at=now - timedelta(hours=1))
    refresh_trending(session, now=now)
    _events(session, second, 3, name="episode_start", at=now + timedelta(days=1))
    # A week later the first series' views have aged out.
    refresh_trending(session, now=now + timedelta(days=7, minutes=1))
    assert [card.title for card in home_view(session).trending] == ["Second"]


def test_continue_watching_is_the_viewers_own_unfinished_episodes(session: Session) -> None:
    creator = make_creator(session)
    me, someone = _viewer(session, "Me"), _viewer(session, "Someone")
    halfway = make_series(session, creator, title="Halfway", episodes=(3, 2))
    finished = make_series(session, creator, title="Finished")
    moved_on = make_series(session, creator, title="Moved On")
    theirs = make_series(session, creator, title="Theirs")
    hidden = make_series(session, creator, title="Hidden Later")
    halfway_eps = _episodes(session, halfway)
    _progress(session, me, halfway_eps[0], 90, done=True, ago=60)
    _progress(session, me, halfway_eps[3], 45, done=False, ago=5)  # S2 · Ep 1, 50 %
    _progress(session, me, _episodes(session, finished)[0], 90, done=True, ago=1)
    moved = _episodes(session, moved_on)
    _progress(session, me, moved[0], 30, done=False, ago=30)  # older than the next one
    _progress(session, me, moved[1], 90, done=True, ago=20)  # the latest: finished
    _progress(session, someone, _episodes(session, theirs)[0], 10, done=False, ago=1)
    _progress(session, me, _episodes(session, hidden)[0], 10, done=False, ago=2)
    hidden.status = "hidden"
    session.add(hidden)
    session.flush()

    items = continue_watching(session, me.id or 0)
    assert [item.series_title for item in items] == ["Halfway"]
    assert items[0].episode_id == halfway_eps[3].id
    assert items[0].episode_label == "S2 · Ep 1"
    assert items[0].percent == 50
    assert [item.series_title for item in continue_watching(session, someone.id or 0)] == ["Theirs"]


def test_continue_watching_lists_most_recent_first(session: Session) -> None:
    creator = make_creator(session)
    me = _viewer(session)
    older, newer = make_series(session, creator, title="Older"), make_series(session, creator)
    _progress(session, me, _episodes(session, older)[1], 10, done=False, ago=50)
    _progress(session, me, _episodes(session, newer)[2], 10, done=False, ago=5)
    assert [item.series_title for item in continue_watching(session, me.id or 0)] == [
        newer.title,
        "Older",
    ]


def test_history_lists_everything_played_latest_first_in_pages(session: Session) -> None:
    creator = make_creator(session)
    me = _viewer(session)
    series = make_series(session, creator, title="Long One", episodes=(7,))
    episodes = _episodes(session, series)
    for minutes_ago, episode in zip(range(70, 0, -10), episodes, strict=True):
        _progress(session, me, episode, 90, done=True, ago=minutes_ago)
    first = watch_history(session, me.id or 0, limit=4)
    second = watch_history(session, me.id or 0, limit=4, offset=4)
    assert [item.episode_id for item in first.items + second.items] == [
        episode.id for episode in reversed(episodes)
    ]
    assert first.has_more
    assert not second.has_more
    assert first.items[0].completed
    assert first.items[0].percent == 100


def test_genre_pages_are_paged_newest_first(session: Session) -> None:
    creator = make_creator(session)
    now = utcnow()
    for n in range(27):
        series = make_series(session, creator, title=f"Thrill {n:02d}", genre="Thriller")
        series.published_at = now - timedelta(hours=n)
        session.add(series)
    make_series(session, creator, title="Not A Thriller", genre="Comedy")
    make_series(session, creator, title="Draft Thriller", genre="Thriller", status="draft")
    session.flush()

    titles: list[str] = []
    offset, has_more = 0, True
    while has_more:
        found = genre_page(session, "thriller", limit=12, offset=offset)
        assert found.genre == "Thriller"
        titles += [card.title for card in found.page.series]
        has_more, offset = found.page.has_more, found.page.next_offset
    assert titles == [f"Thrill {n:02d}" for n in range(27)]
    assert [len(genre_page(session, "THRILLER", offset=o).page.series) for o in (0, 24)] == [
        24,
        3,
    ]
    assert genre_page(session, "no-such-genre").page.series == []


def test_creator_page_shows_published_series_and_followers(session: Session) -> None:
    creator = make_creator(session, "Lantern Works")
    first = make_series(session, creator, title="One")
    second = make_series(session, creator, title="Two")
    make_series(session, creator, title="Not Yet", status="draft")
    fans = [_viewer(session, f"Fan{n}") for n in range(3)]
    session.add_all(
        [
            Follow(user_id=fans[0].id or 0, series_id=first.id or 0),
            Follow(user_id=fans[0].id or 0, series_id=second.id or 0),  # same person twice
            Follow(user_id=fans[1].id or 0, series_id=second.id or 0),
        ]
    )
    session.flush()
    page = creator_page(session, creator.slug)
    assert page is not None
    assert page.display_name == "Lantern Works"
    assert {card.title for card in page.series} == {"One", "Two"}
    assert page.follower_count == 2

    creator.approval_status = ApprovalStatus.PENDING
    session.add(creator)
    session.flush()
    assert creator_page(session, creator.slug) is None
    assert creator_page(session, "nobody-here") is None
