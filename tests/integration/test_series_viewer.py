"""The series page as one viewer sees it: what they bought is unlocked and "Owned" (playback's
own decision), where they stopped is where "Continue" goes, and anonymous visitors see the
page as before. A fixed number of statements, however many episodes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from microshort.bootstrap import install_entitlements
from microshort.content.models import Episode, WatchProgress
from microshort.content.playback import set_entitlement_check
from microshort.content.queries import series_detail
from microshort.content.schemas import SeriesDetail
from microshort.payments import ledger
from microshort.payments.models import PaymentProvider
from microshort.users.models import Role, User
from tests.factories import make_creator, make_series
from tests.integration.test_catalogue_query_counts import counting
from tests.payments_support import NOW, Catalogue, make_viewer, priced_series, purchase


@pytest.fixture(autouse=True)
def hook() -> Iterator[None]:
    install_entitlements()
    yield
    set_entitlement_check(None)


@pytest.fixture
def catalogue(session: Session) -> Catalogue:
    """Three seasons of four episodes at $4.99 each; episodes 1-3 free."""
    return priced_series(session)


def page(session: Session, catalogue: Catalogue, viewer_id: int | None) -> SeriesDetail:
    detail = series_detail(session, catalogue.series.slug, viewer_id=viewer_id)
    assert detail is not None
    return detail


def locked(detail: SeriesDetail) -> list[list[bool]]:
    return [[episode.locked for episode in season.episodes] for season in detail.seasons]


def owned(detail: SeriesDetail) -> list[bool]:
    return [season.owned for season in detail.seasons]


ANONYMOUS = [[False, False, False, True], [True] * 4, [True] * 4]


def buy(session: Session, user: User, catalogue: Catalogue, *, season: int | None) -> None:
    recorded = ledger.record_purchase(
        session,
        purchase(
            user,
            season=catalogue.seasons[season] if season is not None else None,
            bundle=catalogue.bundle if season is None else None,
            gross=499 if season is not None else 999,
        ),
        provider=PaymentProvider.LOCAL,
        platform_fee_percent=20,
        now=NOW,
    )
    assert recorded is not None


def watch(
    session: Session, user: User, episode: Episode, seconds: float, *, minutes_ago: int
) -> None:
    session.add(
        WatchProgress(
            user_id=user.id,
            episode_id=episode.id or 0,
            position_seconds=seconds,
            completed=seconds >= 90,  # the factory's episodes last 90 s
            updated_at=NOW - timedelta(minutes=minutes_ago),
        )
    )
    session.flush()


def test_a_season_owner_sees_it_unlocked_and_owned_and_others_do_not(
    session: Session, catalogue: Catalogue
) -> None:
    buyer, other = make_viewer(session), make_viewer(session)
    buy(session, buyer, catalogue, season=1)

    mine = page(session, catalogue, buyer.id)
    assert locked(mine) == [[False, False, False, True], [False] * 4, [True] * 4]
    assert owned(mine) == [False, True, False]
    # Bought episodes are not "Free": the page tells them apart.
    assert [e.free for e in mine.seasons[1].episodes] == [False] * 4

    for viewer_id in (other.id, None):
        theirs = page(session, catalogue, viewer_id)
        assert locked(theirs) == ANONYMOUS
        assert owned(theirs) == [False, False, False]


def test_the_whole_series_bundle_owns_every_season(session: Session, catalogue: Catalogue) -> None:
    buyer = make_viewer(session)
    buy(session, buyer, catalogue, season=None)
    detail = page(session, catalogue, buyer.id)
    assert not any(episode.locked for season in detail.seasons for episode in season.episodes)
    assert owned(detail) == [True, True, True]


def test_the_series_creator_and_admins_see_everything_unlocked(
    session: Session, catalogue: Catalogue
) -> None:
    admin = User(email="series-admin@example.com", display_name="Admin", role=Role.ADMIN)
    stranger = make_creator(session, "Someone Else")
    session.add(admin)
    session.flush()
    for user_id in (catalogue.creator.user_id, admin.id):
        assert locked(page(session, catalogue, user_id)) == [[False] * 4] * 3
    assert locked(page(session, catalogue, stranger.user_id)) == ANONYMOUS


def test_anonymous_visitors_see_the_page_as_before(session: Session, catalogue: Catalogue) -> None:
    detail = page(session, catalogue, None)
    assert locked(detail) == ANONYMOUS
    assert [e.free for e in detail.seasons[0].episodes] == [True, True, True, False]
    assert detail.continue_episode_id == 0
    assert detail.first_episode_id == catalogue.episodes[0][0].id
    episodes = [e for season in detail.seasons for e in season.episodes]
    assert not any(e.watched or e.percent for e in episodes)


def test_continue_goes_to_the_last_episode_watched_or_the_next_when_finished(
    session: Session, catalogue: Catalogue
) -> None:
    viewer, other = make_viewer(session), make_viewer(session)
    first, second, third = catalogue.episodes
    assert page(session, catalogue, viewer.id).continue_episode_id == 0

    watch(session, viewer, first[0], 90, minutes_ago=30)  # finished
    watch(session, viewer, first[1], 45, minutes_ago=20)  # half way: the latest
    watch(session, other, third[3], 10, minutes_ago=1)  # someone else's, more recent
    detail = page(session, catalogue, viewer.id)
    assert (detail.continue_episode_id, detail.continue_position) == (first[1].id, 2)
    shown = [(e.watched, e.percent) for e in detail.seasons[0].episodes]
    assert shown == [(True, 100), (False, 50), (False, 0), (False, 0)]

    watch(session, viewer, first[3], 90, minutes_ago=5)  # finished season 1's last episode
    detail = page(session, catalogue, viewer.id)
    assert (detail.continue_episode_id, detail.continue_position) == (second[0].id, 5)

    watch(session, viewer, third[3], 90, minutes_ago=0)  # finished the series' last episode
    detail = page(session, catalogue, viewer.id)
    assert (detail.continue_episode_id, detail.continue_position) == (third[3].id, 12)


def test_statements_do_not_grow_with_the_episodes(session: Session, engine: sa.Engine) -> None:
    creator = make_creator(session)
    viewer = make_viewer(session)
    short = make_series(session, creator, episodes=(4, 4))
    long = make_series(session, creator, episodes=(40, 40))
    viewer_id, counts = viewer.id, []
    for slug in (short.slug, long.slug):
        session.expire_all()  # as a fresh request would: nothing cached
        with counting(engine) as statements:
            detail = series_detail(session, slug, viewer_id=viewer_id)
        assert detail is not None
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
    # The rows, the viewer's account (creator/admin check), one entitlement check per season.
    assert counts[0] == 4, counts
