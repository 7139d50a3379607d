"""Timestamped comments: posting rules, what each viewer sees, creator moderation, reports."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

import pytest
from sqlmodel import Session, col, select

from microshort.admin.models import AuditLog, Report
from microshort.admin.report_queue import open_reports
from microshort.admin.reports import report_comment, resolve_report
from microshort.errors import Forbidden, InvalidInput, NotFound
from microshort.ratelimit import RateLimiter
from microshort.realtime.banned_words import banned_pattern, clean_words, set_banned_words
from microshort.realtime.comments import (
    RateLimited,
    comment_count,
    list_comments,
    post_comment,
    set_hidden,
    set_pinned,
)
from microshort.realtime.models import Comment
from microshort.users.models import CreatorProfile, Role, User
from microshort.users.permissions import NotSignedIn
from tests.factories import episode_ids, make_creator, make_series

_n = count(1)


def _user(session: Session, name: str = "Vi", role: str = Role.VIEWER) -> int:
    user = User(email=f"commenter{next(_n)}@example.com", display_name=name, role=role)
    session.add(user)
    session.flush()
    return user.id or 0


def _episodes(session: Session, creator: CreatorProfile, **kwargs: object) -> list[int]:
    series = make_series(session, creator, episodes=(5,), **kwargs)  # type: ignore[arg-type]
    return episode_ids(session, series)


@pytest.fixture
def creator(session: Session) -> CreatorProfile:
    return make_creator(session, "Owner Studio")


@pytest.fixture
def episode(session: Session, creator: CreatorProfile) -> int:
    return _episodes(session, creator)[0]


def _post(
    session: Session, limiter: RateLimiter, user_id: int | None, episode: int, body: str, ms: int
) -> int:
    return post_comment(
        session, user_id=user_id, episode_id=episode, body=body, timestamp_ms=ms, limiter=limiter
    )


def _bodies(session: Session, episode: int, viewer: int | None) -> list[str]:
    return [i.body for i in list_comments(session, episode_id=episode, viewer_id=viewer).items]


def test_post_and_list_with_the_moment(
    session: Session, limiter: RateLimiter, episode: int
) -> None:
    viewer = _user(session, "Ada")
    _post(session, limiter, viewer, episode, "  She knew all along!  ", 83_400)
    _post(session, limiter, viewer, episode, "Opening shot <b>wow</b>", 2_000)
    page = list_comments(session, episode_id=episode, viewer_id=viewer)
    assert [(i.body, i.moment, i.author) for i in page.items] == [
        ("Opening shot <b>wow</b>", "at 0:02", "Ada"),  # kept as plain text, never markup
        ("She knew all along!", "at 1:23", "Ada"),
    ]
    first = page.items[1]
    assert (first.mine, first.age, first.seconds, first.can_moderate) == (
        True,
        "just now",
        83.4,
        False,
    )
    assert page.total == 2
    assert not page.has_more
    newest = list_comments(session, episode_id=episode, viewer_id=None, sort="newest")
    assert [i.body for i in newest.items] == ["Opening shot <b>wow</b>", "She knew all along!"]
    assert not any(i.mine for i in newest.items)
    assert comment_count(session, episode_id=episode, viewer_id=None) == 2


def test_body_length_and_timeline_are_checked(
    session: Session, limiter: RateLimiter, episode: int
) -> None:
    viewer = _user(session)
    with pytest.raises(InvalidInput, match="at most 500 characters"):
        _post(session, limiter, viewer, episode, "x" * 501, 0)
    with pytest.raises(InvalidInput, match="Write something"):
        _post(session, limiter, viewer, episode, " \n\t ", 0)
    with pytest.raises(InvalidInput, match="past the end"):
        _post(session, limiter, viewer, episode, "late", 95_000)  # the episode lasts 90 s
    with pytest.raises(InvalidInput, match="timeline"):
        _post(session, limiter, viewer, episode, "early", -1)
    assert _post(session, limiter, viewer, episode, "y" * 500, 91_000)
    saved = session.exec(select(Comment).where(Comment.episode_id == episode)).one()
    assert (len(saved.body), saved.timestamp_ms) == (500, 90_000)  # clamped to the end


def test_anonymous_cannot_post(session: Session, limiter: RateLimiter, episode: int) -> None:
    with pytest.raises(NotSignedIn, match="Sign in to comment"):
        _post(session, limiter, None, episode, "hi", 0)


def test_only_watchable_published_episodes_take_comments(
    session: Session, limiter: RateLimiter, creator: CreatorProfile
) -> None:
    viewer = _user(session)
    locked = _episodes(session, creator, free_episode_count=1)[1]
    with pytest.raises(Forbidden, match="Unlock this episode"):
        _post(session, limiter, viewer, locked, "hi", 0)
    draft = _episodes(session, creator, episode_status="draft")[0]
    with pytest.raises(NotFound):
        _post(session, limiter, viewer, draft, "hi", 0)


def test_rate_limit_answers_with_a_message(
    session: Session, limiter: RateLimiter, episode: int
) -> None:
    viewer, other = _user(session), _user(session)
    for n in range(5):
        _post(session, limiter, viewer, episode, f"comment {n}", n * 1000)
    with pytest.raises(RateLimited, match=r"^Too many comments\. Try again in \d+ seconds\.$"):
        _post(session, limiter, viewer, episode, "one too many", 0)
    assert _post(session, limiter, other, episode, "someone else may", 0)
    assert comment_count(session, episode_id=episode, viewer_id=None) == 6


def test_banned_words_hide_for_everyone_but_the_author_and_apply_retroactively(
    session: Session, limiter: RateLimiter, creator: CreatorProfile, episode: int
) -> None:
    author, other = _user(session, "Author"), _user(session)
    _post(session, limiter, author, episode, "What the HECK was that", 1000)
    _post(session, limiter, author, episode, "Hecking good twist", 2000)  # not the whole word
    _post(session, limiter, author, episode, "price is 3.50 today", 3000)
    assert len(_bodies(session, episode, other)) == 3

    set_banned_words(session, user_id=creator.user_id, text="Heck, 3.50\n\n heck ")
    assert _bodies(session, episode, other) == ["Hecking good twist"]
    assert _bodies(session, episode, None) == ["Hecking good twist"]
    creator_view = list_comments(session, episode_id=episode, viewer_id=creator.user_id)
    assert [i.body for i in creator_view.items] == ["Hecking good twist"]
    mine = list_comments(session, episode_id=episode, viewer_id=author)
    assert [(i.body, i.held) for i in mine.items] == [
        ("What the HECK was that", True),
        ("Hecking good twist", False),
        ("price is 3.50 today", True),
    ]
    assert comment_count(session, episode_id=episode, viewer_id=other) == 1

    set_banned_words(session, user_id=creator.user_id, text="")
    assert len(_bodies(session, episode, other)) == 3


def test_banned_words_are_cleaned_and_escaped() -> None:
    assert clean_words("Spoiler, BAD   word\nspoiler;a.b") == ["spoiler", "bad word", "a.b"]
    pattern = banned_pattern(["a.b", "bad word"])
    assert pattern is not None
    assert r"a\.b" in pattern
    assert r"bad\s+word" in pattern
    assert banned_pattern([]) is None
    with pytest.raises(InvalidInput, match="under 40 characters"):
        clean_words("x" * 41)
    with pytest.raises(InvalidInput, match="to 100"):
        clean_words(",".join(f"w{n}" for n in range(101)))


def test_regex_characters_match_literally(
    session: Session, limiter: RateLimiter, creator: CreatorProfile, episode: int
) -> None:
    author, other = _user(session), _user(session)
    _post(session, limiter, author, episode, "axb is fine", 0)
    _post(session, limiter, author, episode, "a.b is not", 0)
    set_banned_words(session, user_id=creator.user_id, text="a.b, (unclosed, [x")
    assert _bodies(session, episode, other) == ["axb is fine"]


def test_only_creators_set_banned_words(session: Session) -> None:
    with pytest.raises(Forbidden):
        set_banned_words(session, user_id=_user(session), text="nope")


def test_only_the_series_owner_hides_and_pins(
    session: Session, limiter: RateLimiter, creator: CreatorProfile, episode: int
) -> None:
    viewer = _user(session)
    first = _post(session, limiter, viewer, episode, "first", 1000)
    second = _post(session, limiter, viewer, episode, "second", 2000)
    stranger = make_creator(session, "Other Studio")
    for action in (set_hidden, set_pinned):
        with pytest.raises(Forbidden, match="Only the creator of this series"):
            action(session, user_id=stranger.user_id, comment_id=first, **{_flag(action): True})
    with pytest.raises(Forbidden):
        set_hidden(session, user_id=viewer, comment_id=first, hidden=True)

    owner = creator.user_id
    set_pinned(session, user_id=owner, comment_id=second, pinned=True)
    assert _bodies(session, episode, None) == ["second", "first"]
    set_pinned(session, user_id=owner, comment_id=first, pinned=True)  # one pinned per episode
    page = list_comments(session, episode_id=episode, viewer_id=None)
    assert [(i.body, i.pinned) for i in page.items] == [("first", True), ("second", False)]

    set_hidden(session, user_id=owner, comment_id=first, hidden=True)
    assert _bodies(session, episode, viewer) == ["second"]
    owner_view = list_comments(session, episode_id=episode, viewer_id=owner)
    assert owner_view.can_moderate
    assert [(i.body, i.hidden, i.pinned) for i in owner_view.items] == [
        ("first", True, False),  # hiding unpins
        ("second", False, False),
    ]
    with pytest.raises(InvalidInput, match="before pinning"):
        set_pinned(session, user_id=owner, comment_id=first, pinned=True)
    set_hidden(session, user_id=owner, comment_id=first, hidden=False)
    assert _bodies(session, episode, viewer) == ["first", "second"]
    # Every moderation step is in the audit log, by the owner, on the comment it touched.
    logged = session.exec(
        select(AuditLog.action, AuditLog.target_id)
        .where(AuditLog.actor_id == owner, AuditLog.target_type == "comment")
        .order_by(col(AuditLog.id))
    ).all()
    assert [tuple(row) for row in logged] == [
        ("comment.pin", second),
        ("comment.pin", first),
        ("comment.hide", first),
        ("comment.unhide", first),
    ]


def _flag(action: object) -> str:
    return "hidden" if action is set_hidden else "pinned"


def test_reports_are_open_once_per_reporter(
    session: Session, limiter: RateLimiter, episode: int
) -> None:
    author, reporter = _user(session, "Author"), _user(session, "Reporter")
    comment = _post(session, limiter, author, episode, "rude words", 5000)
    with pytest.raises(NotSignedIn):
        report_comment(session, user_id=None, comment_id=comment, reason="spam")
    with pytest.raises(InvalidInput, match="what is wrong"):
        report_comment(session, user_id=reporter, comment_id=comment, reason="  ")
    with pytest.raises(InvalidInput, match="your own"):
        report_comment(session, user_id=author, comment_id=comment, reason="oops")
    report_id = report_comment(session, user_id=reporter, comment_id=comment, reason=" Spam ")
    with pytest.raises(InvalidInput, match="already reported"):
        report_comment(session, user_id=reporter, comment_id=comment, reason="again")
    report = session.get_one(Report, report_id)
    assert (report.status, report.reason, report.reporter_id) == ("open", "Spam", reporter)
    [item] = [i for i in open_reports(session) if i.id == report_id]
    assert (item.body, item.author, item.reporter, item.moment, item.reason) == (
        "rude words",
        "Author",
        "Reporter",
        "at 0:05",
        "Spam",
    )
    assert (item.series_title, item.episode_title) == ("A Series", "Ep 1: Ep 1")


def test_admin_hides_a_reported_comment_and_it_is_audited(
    session: Session, limiter: RateLimiter, creator: CreatorProfile, episode: int
) -> None:
    author, first, second = _user(session), _user(session), _user(session)
    admin = _user(session, "Admin", Role.ADMIN)
    comment = _post(session, limiter, author, episode, "bad", 0)
    report_id = report_comment(session, user_id=first, comment_id=comment, reason="abuse")
    other_id = report_comment(session, user_id=second, comment_id=comment, reason="mean")
    for not_admin in (author, creator.user_id):
        with pytest.raises(Forbidden, match="Only admins"):
            resolve_report(session, admin_id=not_admin, report_id=report_id, verdict="hide")

    resolve_report(session, admin_id=admin, report_id=report_id, verdict="hide", note=" abuse ")
    assert session.get_one(Comment, comment).status == "removed"
    assert {session.get_one(Report, r).status for r in (report_id, other_id)} == {"resolved"}
    assert session.get_one(Report, report_id).resolved_by == admin
    assert _bodies(session, episode, author) == []
    assert not [i for i in open_reports(session) if i.comment_id == comment]
    audit = session.exec(select(AuditLog).where(AuditLog.target_id == comment)).one()
    assert (audit.action, audit.actor_id, audit.reason) == ("comment.remove", admin, "abuse")
    with pytest.raises(InvalidInput, match="already resolved"):
        resolve_report(session, admin_id=admin, report_id=report_id, verdict="dismiss")
    with pytest.raises(NotFound):  # an admin-removed comment cannot be brought back by the owner
        set_hidden(session, user_id=creator.user_id, comment_id=comment, hidden=False)


def test_admin_dismisses_a_report(session: Session, limiter: RateLimiter, episode: int) -> None:
    author, reporter = _user(session), _user(session)
    admin = _user(session, "Admin", Role.ADMIN)
    comment = _post(session, limiter, author, episode, "fine really", 0)
    report_id = report_comment(session, user_id=reporter, comment_id=comment, reason="meh")
    resolve_report(session, admin_id=admin, report_id=report_id, verdict="dismiss")
    assert session.get_one(Report, report_id).status == "dismissed"
    assert _bodies(session, episode, None) == ["fine really"]
    audit = session.exec(
        select(AuditLog).where(AuditLog.action == "report.dismiss", AuditLog.target_id == report_id)
    ).one()
    assert audit.reason is None
    # A dismissed report no longer blocks a new one from the same viewer.
    assert report_comment(session, user_id=reporter, comment_id=comment, reason="again")


def test_age_labels() -> None:
    from microshort.db import utcnow
    from microshort.realtime.labels import age_label, moment_label

    now = utcnow()
    assert [age_label(now - timedelta(seconds=s), now) for s in (5, 125, 7300, 200_000)] == [
        "just now",
        "2 min ago",
        "2 h ago",
        "2 d ago",
    ]
    assert (moment_label(0), moment_label(59_999), moment_label(3_723_000)) == (
        "at 0:00",
        "at 0:59",
        "at 1:02:03",
    )
