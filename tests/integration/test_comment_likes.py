"""Comment likes: one per viewer and comment, an exact count (also when two tabs race), only on
comments the viewer can see, rate limited, and listed without a query per comment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import count

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort import migrations
from microshort.db import make_engine
from microshort.errors import Forbidden, NotFound
from microshort.ratelimit import RateLimiter, limiter_for
from microshort.realtime.banned_words import set_banned_words
from microshort.realtime.comment_likes import like_comment
from microshort.realtime.comments import RateLimited, list_comments, set_hidden
from microshort.realtime.models import Comment, CommentLike
from microshort.users.models import CreatorProfile, User, UserStatus
from microshort.users.permissions import NotSignedIn
from tests.factories import episode_ids, make_creator, make_series
from tests.integration.test_catalogue_query_counts import counting

_n = count(1)


def _user(session: Session, name: str = "Liker") -> int:
    user = User(email=f"liker{next(_n)}@example.com", display_name=name)
    session.add(user)
    session.flush()
    return user.id or 0


def _episode(session: Session, creator: CreatorProfile, status: str = "published") -> int:
    series = make_series(session, creator, episodes=(2,), episode_status=status)
    return episode_ids(session, series)[0]


def _comment(session: Session, episode: int, author: int, body: str = "Great twist") -> int:
    comment = Comment(episode_id=episode, user_id=author, body=body, timestamp_ms=1000)
    session.add(comment)
    session.flush()
    return comment.id or 0


@pytest.fixture
def creator(session: Session) -> CreatorProfile:
    return make_creator(session, "Owner Studio")


@pytest.fixture
def episode(session: Session, creator: CreatorProfile) -> int:
    return _episode(session, creator)


@pytest.fixture
def comment(session: Session, episode: int) -> int:
    return _comment(session, episode, _user(session, "Author"))


def _likes(session: Session, episode: int, viewer: int | None) -> list[tuple[int, bool]]:
    page = list_comments(session, episode_id=episode, viewer_id=viewer)
    return [(item.likes, item.liked) for item in page.items]


def test_like_unlike_and_repeats_keep_an_exact_count(
    session: Session, limiter: RateLimiter, episode: int, comment: int
) -> None:
    liker, other = _user(session), _user(session)

    def like(user: int, liked: bool) -> int:
        return like_comment(session, user_id=user, comment_id=comment, liked=liked, limiter=limiter)

    assert like(liker, True) == 1
    assert _likes(session, episode, liker) == [(1, True)]
    assert _likes(session, episode, other) == [(1, False)]
    assert _likes(session, episode, None) == [(1, False)]
    assert like(liker, True) == 1  # liking twice counts once
    assert like(other, True) == 2
    assert _likes(session, episode, other) == [(2, True)]
    assert like(liker, False) == 1
    assert like(liker, False) == 1  # unliking what is not liked changes nothing
    assert like(other, False) == 0
    assert like(other, False) == 0
    assert _likes(session, episode, liker) == [(0, False)]
    rows = session.exec(select(CommentLike).where(CommentLike.comment_id == comment)).all()
    assert rows == []


def test_anonymous_and_inactive_accounts_cannot_like(
    session: Session, limiter: RateLimiter, comment: int
) -> None:
    with pytest.raises(NotSignedIn, match=r"^Sign in to like comments\.$"):
        like_comment(session, user_id=None, comment_id=comment, liked=True, limiter=limiter)
    disabled = session.get_one(User, _user(session))
    disabled.status = UserStatus.DISABLED
    session.add(disabled)
    session.flush()
    with pytest.raises(Forbidden, match="cannot like comments"):
        like_comment(session, user_id=disabled.id, comment_id=comment, liked=True, limiter=limiter)


def test_only_comments_the_viewer_sees_are_likeable(
    session: Session, limiter: RateLimiter, creator: CreatorProfile, episode: int, comment: int
) -> None:
    liker, owner = _user(session), creator.user_id

    def like(user: int, comment_id: int, liked: bool = True) -> int:
        return like_comment(
            session, user_id=user, comment_id=comment_id, liked=liked, limiter=limiter
        )

    assert like(liker, comment) == 1
    set_hidden(session, user_id=owner, comment_id=comment, hidden=True)
    for user, liked in ((liker, False), (_user(session), True), (owner, True)):
        with pytest.raises(NotFound, match="This comment is gone"):
            like(user, comment, liked)
    assert _likes(session, episode, owner) == [(1, False)]  # the likes stay while hidden
    set_hidden(session, user_id=owner, comment_id=comment, hidden=False)
    assert _likes(session, episode, liker) == [(1, True)]

    author = _user(session, "Potty mouth")
    held = _comment(session, episode, author, "what the heck")
    set_banned_words(session, user_id=owner, text="heck")
    with pytest.raises(NotFound):
        like(liker, held)
    assert like(author, held) == 1  # its author still sees it

    draft = _comment(session, _episode(session, creator, status="draft"), author)
    for missing in (draft, 987_654_321):
        with pytest.raises(NotFound):
            like(liker, missing)


def test_liking_too_fast_answers_with_the_wait(
    session: Session, limiter: RateLimiter, comment: int
) -> None:
    liker, other = _user(session), _user(session)
    for n in range(30):
        like_comment(session, user_id=liker, comment_id=comment, liked=n % 2 == 0, limiter=limiter)
    with pytest.raises(RateLimited, match=r"^Too many likes\. Try again in \d+ seconds\.$"):
        like_comment(session, user_id=liker, comment_id=comment, liked=True, limiter=limiter)
    assert like_comment(session, user_id=other, comment_id=comment, liked=True, limiter=limiter)


def test_listing_reads_likes_in_the_same_query(
    session: Session, engine: sa.Engine, limiter: RateLimiter, episode: int
) -> None:
    viewer, authors = _user(session), [_user(session) for _ in range(3)]

    def grow(to: int) -> int:
        while len(list_comments(session, episode_id=episode, viewer_id=None).items) < to:
            comment = _comment(session, episode, authors[0])
            for author in authors:
                like_comment(
                    session, user_id=author, comment_id=comment, liked=True, limiter=limiter
                )
        session.expunge_all()  # nothing cached: every list starts from the database
        with counting(engine) as statements:
            page = list_comments(session, episode_id=episode, viewer_id=viewer)
        assert [(item.likes, item.liked) for item in page.items] == [(3, False)] * to
        return len(statements)

    few = grow(2)
    assert few == grow(8)
    assert few <= 5


def test_deleting_the_user_or_the_comment_removes_the_likes(
    session: Session, limiter: RateLimiter, episode: int, comment: int
) -> None:
    liker = _user(session)
    like_comment(session, user_id=liker, comment_id=comment, liked=True, limiter=limiter)
    session.execute(sa.delete(User).where(col(User.id) == liker))
    assert session.exec(select(CommentLike).where(CommentLike.user_id == liker)).all() == []
    other = _user(session)
    like_comment(session, user_id=other, comment_id=comment, liked=True, limiter=limiter)
    session.execute(sa.delete(Comment).where(col(Comment.id) == comment))
    assert session.exec(select(CommentLike).where(CommentLike.user_id == other)).all() == []


def test_two_tabs_racing_count_once(make_database: Callable[[], str]) -> None:
    """Tab A likes and has not committed yet; tab B's like waits for it, then adds nothing."""
    url = make_database()
    migrations.upgrade(url)
    engine = make_engine(url)
    limiter = limiter_for(None)
    try:
        with Session(engine) as session:
            creator = make_creator(session, "Race Studio")
            episode = _episode(session, creator)
            comment, liker = _comment(session, episode, creator.user_id), _user(session)
            session.commit()

        def like(session: Session) -> int:
            return like_comment(
                session, user_id=liker, comment_id=comment, liked=True, limiter=limiter
            )

        answers: list[int] = []
        with Session(engine) as tab_a, Session(engine) as tab_b:
            assert like(tab_a) == 1
            racer = threading.Thread(target=lambda: answers.append(like(tab_b)))
            racer.start()
            racer.join(1.0)
            assert racer.is_alive()  # waiting for tab A's like
            tab_a.commit()
            racer.join(30)
            tab_b.commit()
        assert answers == [1]
        with Session(engine) as session:
            assert session.get_one(Comment, comment).like_count == 1
    finally:
        engine.dispose()
