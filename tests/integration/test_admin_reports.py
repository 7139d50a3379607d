"""The admin's moderation table, paged: open reports oldest first and resolved ones newest first,
50 a page by keyset, with the total; admins only; a malformed cursor reads as the first page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from microshort.admin.models import Report
from microshort.admin.report_queue import PAGE_SIZE, open_report_page, resolved_report_page
from microshort.admin.reports import report_comment, resolve_report
from microshort.errors import Forbidden
from microshort.realtime.models import Comment
from microshort.users.models import Role, User
from microshort.users.permissions import NotSignedIn
from microshort.users.schemas import CurrentUser
from tests.factories import episode_ids, make_creator, make_series

_n = count(1)
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _user(session: Session, name: str, role: str = Role.VIEWER) -> User:
    user = User(email=f"moderation{next(_n)}@example.com", display_name=name, role=role)
    session.add(user)
    session.flush()
    return user


def _signed_in(user: User) -> CurrentUser:
    return CurrentUser(
        id=user.id or 0,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        session_id=1,
        email_verified=True,
    )


def _episode(session: Session) -> tuple[int, int]:
    """(series id, episode id) of a new one-episode series."""
    series = make_series(session, make_creator(session), episodes=(1,))
    [episode_id] = episode_ids(session, series)
    return series.id or 0, episode_id


@pytest.fixture
def admin(session: Session) -> User:
    return _user(session, "Ada Admin", Role.ADMIN)


@pytest.fixture
def reports(session: Session) -> list[int]:
    """Ids of 120 open reports on 120 comments, oldest first. They are made a minute apart, newest
    first (so the order is by time, not id); the 50th and 51st share a minute: the id settles it,
    across the page boundary."""
    series_id, episode_id = _episode(session)
    author, reporter = _user(session, "Author"), _user(session, "Reporter")
    comments = [
        Comment(episode_id=episode_id, user_id=author.id, body=f"comment {i}", timestamp_ms=i)
        for i in range(120)
    ]
    session.add_all(comments)
    session.flush()
    minutes = [*range(119, -1, -1)]
    minutes[70] = minutes[69]
    made = [
        Report(
            reporter_id=reporter.id,
            comment_id=comment.id,
            series_id=series_id,
            reason=f"reason {i}",
            created_at=START + timedelta(minutes=minutes[i]),
        )
        for i, comment in enumerate(comments)
    ]
    session.add_all(made)
    session.flush()
    by_age = sorted(made, key=lambda report: (report.created_at, report.id or 0))
    return [report.id or 0 for report in by_age]


@contextmanager
def statements(session: Session) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = session.get_bind().engine
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)


def _ids(items: list[Any]) -> list[int]:
    return [item.id for item in items]


def test_open_reports_page_by_fifty_oldest_first_with_the_total(
    session: Session, admin: User, reports: list[int]
) -> None:
    viewer = _signed_in(admin)
    with statements(session) as seen:
        first = open_report_page(session, viewer=viewer)
    assert len(seen) == 2  # the page (comment, episode, series and names joined) and the count
    assert (first.total, _ids(first.items)) == (120, reports[:PAGE_SIZE])
    assert first.items[0].reason == "reason 119"  # the oldest
    assert (first.items[0].reporter, first.items[0].author) == ("Reporter", "Author")
    second = open_report_page(session, viewer=viewer, after=first.next_cursor)
    assert (second.total, _ids(second.items)) == (120, reports[50:100])
    third = open_report_page(session, viewer=viewer, after=second.next_cursor)
    assert (_ids(third.items), third.next_cursor) == (reports[100:], "")


def test_resolving_a_row_moves_the_next_one_up(
    session: Session, admin: User, reports: list[int]
) -> None:
    """The table re-reads its page from the same cursor after each decision."""
    viewer, admin_id = _signed_in(admin), admin.id or 0
    page_two_starts_after = open_report_page(session, viewer=viewer).next_cursor
    resolve_report(session, admin_id=admin_id, report_id=reports[3], verdict="dismiss")
    first = open_report_page(session, viewer=viewer)
    assert first.total == 119
    assert _ids(first.items) == [*reports[:3], *reports[4:51]]  # the 51st moved up
    resolve_report(session, admin_id=admin_id, report_id=reports[50], verdict="hide")
    second = open_report_page(session, viewer=viewer, after=page_two_starts_after)
    assert _ids(second.items) == [*reports[51:101]]  # the 101st moved up
    assert (
        _ids(open_report_page(session, viewer=viewer, after=first.next_cursor).items)
        == (reports[51:101])
    )


def test_resolved_reports_newest_first_with_decision_decider_and_note(
    session: Session, admin: User, reports: list[int]
) -> None:
    other_admin = _user(session, "Bo Admin", Role.ADMIN)
    resolve_report(
        session, admin_id=admin.id or 0, report_id=reports[0], verdict="hide", note=" abuse "
    )
    resolve_report(session, admin_id=other_admin.id or 0, report_id=reports[1], verdict="dismiss")
    resolve_report(
        session, admin_id=admin.id or 0, report_id=reports[2], verdict="dismiss", note="fine"
    )
    page = resolved_report_page(session, viewer=_signed_in(admin))
    assert (page.total, page.next_cursor) == (3, "")
    assert [(i.id, i.decision, i.decided_by, i.note) for i in page.items] == [
        (reports[2], "dismissed", "Ada Admin", "fine"),
        (reports[1], "dismissed", "Bo Admin", ""),
        (reports[0], "hidden", "Ada Admin", "abuse"),
    ]
    assert page.items[0].decided == "just now"
    assert page.items[2].reason == "reason 119"
    assert open_report_page(session, viewer=_signed_in(admin)).total == 117


def test_a_dismissal_keeps_its_own_note_when_the_comment_is_hidden_later(
    session: Session, admin: User
) -> None:
    _, episode_id = _episode(session)
    author, reporter = _user(session, "Author"), _user(session, "Reporter")
    comment = Comment(episode_id=episode_id, user_id=author.id, body="hm", timestamp_ms=0)
    session.add(comment)
    session.flush()
    first = report_comment(session, user_id=reporter.id, comment_id=comment.id or 0, reason="a")
    resolve_report(session, admin_id=admin.id or 0, report_id=first, verdict="dismiss", note="ok")
    second = report_comment(session, user_id=reporter.id, comment_id=comment.id or 0, reason="b")
    resolve_report(session, admin_id=admin.id or 0, report_id=second, verdict="hide", note="no")
    page = resolved_report_page(session, viewer=_signed_in(admin))
    assert [(i.id, i.decision, i.note) for i in page.items] == [
        (second, "hidden", "no"),
        (first, "dismissed", "ok"),
    ]


def test_resolved_reports_page_by_keyset_newest_first(
    session: Session, admin: User, reports: list[int]
) -> None:
    for report_id in reports[:60]:
        resolve_report(session, admin_id=admin.id or 0, report_id=report_id, verdict="dismiss")
    viewer = _signed_in(admin)
    first = resolved_report_page(session, viewer=viewer)
    with statements(session) as seen:
        second = resolved_report_page(session, viewer=viewer, after=first.next_cursor)
    assert len(seen) == 2
    newest_first = reports[:60][::-1]
    assert (first.total, _ids(first.items)) == (60, newest_first[:50])
    assert (_ids(second.items), second.next_cursor) == (newest_first[50:], "")


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "-1",
        "",
        "2026-01-05T09:00:00+00:00/-4",
        "2026-01-05T09:00:00+00:00/0",
        "2026-01-05T09:00:00/12",  # no time zone
        "2026-13-45T09:00:00+00:00/12",
        "2026-01-05T09:00:00+00:00/99999999999999999999",
        "2026-01-05T09:00:00+00:00/1e3",
        "/",
    ],
)
def test_a_malformed_cursor_reads_as_the_first_page(
    session: Session, admin: User, reports: list[int], cursor: str
) -> None:
    viewer = _signed_in(admin)
    assert _ids(open_report_page(session, viewer=viewer, after=cursor).items) == reports[:50]
    assert resolved_report_page(session, viewer=viewer, after=cursor).total == 0


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CREATOR])
def test_only_admins_read_the_reports(session: Session, role: str) -> None:
    someone = _signed_in(_user(session, "Someone", role))
    for read in (open_report_page, resolved_report_page):
        with pytest.raises(Forbidden, match="only for admins"):
            read(session, viewer=someone)
        with pytest.raises(NotSignedIn):
            read(session, viewer=None)


def test_many_reports_on_one_connection(session: Session) -> None:
    """psycopg prepares a statement after a few runs, and PostgreSQL then plans it generically:
    the open-report conflict target must still match the partial unique index."""
    _, episode_id = _episode(session)
    author, reporter = _user(session, "Author"), _user(session, "Reporter")
    comments = [
        Comment(episode_id=episode_id, user_id=author.id, body=f"c{i}", timestamp_ms=i)
        for i in range(12)
    ]
    session.add_all(comments)
    session.flush()
    made = [
        report_comment(session, user_id=reporter.id, comment_id=c.id or 0, reason="spam")
        for c in comments
    ]
    assert len(set(made)) == 12
