"""Follow and favourite: signed-in only, idempotent, counted, and shown in the Library."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.errors import NotFound
from microshort.social import service
from microshort.social.models import Favourite, Follow
from microshort.social.queries import library_view, series_social
from microshort.social.schemas import SeriesSocial
from microshort.ui.access import PAGE_ACCESS
from microshort.ui.routes import LIBRARY
from microshort.users.models import User
from microshort.users.permissions import NotSignedIn, allows
from microshort.users.schemas import CurrentUser
from tests.factories import make_creator, make_series

Change = Callable[..., SeriesSocial]


def _member(session: Session, name: str) -> CurrentUser:
    user = User(email=f"{name}@example.com", display_name=name)
    session.add(user)
    session.flush()
    return CurrentUser(
        id=user.id or 0,
        email=user.email,
        display_name=name,
        role="viewer",
        session_id=0,
        email_verified=True,
    )


def _rows(session: Session, table: type[Follow] | type[Favourite], user: CurrentUser) -> int:
    return len(session.exec(select(table).where(col(table.user_id) == user.id)).all())


@pytest.mark.parametrize(
    ("table", "do", "undo", "flag"),
    [
        (Follow, service.follow, service.unfollow, "following"),
        (Favourite, service.favourite, service.unfavourite, "favourited"),
    ],
)
def test_marking_twice_is_marking_once(
    session: Session,
    table: type[Follow] | type[Favourite],
    do: Change,
    undo: Change,
    flag: str,
) -> None:
    series = make_series(session, make_creator(session))
    me = _member(session, "twice")
    first = do(session, user=me, series_slug=series.slug)
    second = do(session, user=me, series_slug=series.slug)
    assert getattr(first, flag)
    assert getattr(second, flag)
    assert _rows(session, table, me) == 1
    assert not getattr(undo(session, user=me, series_slug=series.slug), flag)
    assert not getattr(undo(session, user=me, series_slug=series.slug), flag)
    assert _rows(session, table, me) == 0


@pytest.mark.parametrize(
    "change", [service.follow, service.unfollow, service.favourite, service.unfavourite]
)
def test_anonymous_visitors_are_refused(session: Session, change: Change) -> None:
    series = make_series(session, make_creator(session))
    with pytest.raises(NotSignedIn):
        change(session, user=None, series_slug=series.slug)
    assert session.exec(select(sa.func.count()).select_from(Follow)).one() == 0
    # The Library page is for members only, by the same permission table the gate reads.
    assert not allows(PAGE_ACCESS[LIBRARY], None)


def test_unlisted_series_cannot_be_followed(session: Session) -> None:
    creator = make_creator(session)
    me = _member(session, "picky")
    for status in ("draft", "hidden"):
        series = make_series(session, creator, status=status)
        with pytest.raises(NotFound):
            service.follow(session, user=me, series_slug=series.slug)
        with pytest.raises(NotFound):
            service.favourite(session, user=me, series_slug=series.slug)
    with pytest.raises(NotFound):
        service.follow(session, user=me, series_slug="no-such-series")


def test_follower_counts_and_each_viewers_own_marks(session: Session) -> None:
    series = make_series(session, make_creator(session))
    ann, bob, cat = (_member(session, name) for name in ("ann", "bob", "cat"))
    service.follow(session, user=ann, series_slug=series.slug)
    state = service.follow(session, user=bob, series_slug=series.slug)
    service.favourite(session, user=cat, series_slug=series.slug)
    assert state.follower_count == 2
    assert series_social(session, series.slug, ann.id) == SeriesSocial(2, True, False)
    assert series_social(session, series.slug, cat.id) == SeriesSocial(2, False, True)
    assert series_social(session, series.slug, None) == SeriesSocial(2, False, False)
    assert service.unfollow(session, user=ann, series_slug=series.slug).follower_count == 1


def test_library_shows_what_the_viewer_follows_and_hearted(session: Session) -> None:
    creator = make_creator(session)
    followed = make_series(session, creator, title="Followed")
    loved = make_series(session, creator, title="Loved")
    later_hidden = make_series(session, creator, title="Hidden Later")
    me, other = _member(session, "me"), _member(session, "other")
    service.follow(session, user=me, series_slug=followed.slug)
    service.follow(session, user=me, series_slug=later_hidden.slug)
    service.favourite(session, user=me, series_slug=loved.slug)
    service.follow(session, user=other, series_slug=loved.slug)
    later_hidden.status = "hidden"
    session.add(later_hidden)
    session.flush()

    view = library_view(session, me.id)
    assert [card.title for card in view.following] == ["Followed"]
    assert [card.title for card in view.favourites] == ["Loved"]
    assert view.continue_watching == []
    assert view.history.items == []
    # Unfollowing a series that was hidden since still works.
    service.unfollow(session, user=me, series_slug=later_hidden.slug)
    assert _rows(session, Follow, me) == 1
