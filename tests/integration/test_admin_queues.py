"""The counts on top of /admin: applications waiting, open reports, undelivered mail; one query
each; admins only."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session

from microshort.admin.models import Report, ReportStatus
from microshort.admin.queues import queue_counts
from microshort.admin.reports import report_comment
from microshort.errors import Forbidden
from microshort.notify.models import EmailOutbox, MailStatus
from microshort.realtime.models import Comment
from microshort.users.models import CreatorProfile, Role, User
from microshort.users.permissions import NotSignedIn
from tests.factories import episode_ids, make_creator, make_series
from tests.integration.test_admin_reports import _signed_in, _user, statements


def _add_work(session: Session) -> None:
    """More of everything that waits, and one of each kind that does not."""
    applicant = _user(session, "Applicant")
    session.add(CreatorProfile(user_id=applicant.id or 0, slug="queue-applicant", display_name="A"))
    make_creator(session)  # approved: not waiting
    [episode_id] = episode_ids(session, make_series(session, make_creator(session), episodes=(1,)))
    author, reporter = _user(session, "Author"), _user(session, "Reporter")
    comments = [
        Comment(episode_id=episode_id, user_id=author.id, body=f"c{i}", timestamp_ms=i)
        for i in range(3)
    ]
    session.add_all(comments)
    session.flush()
    made = [
        report_comment(session, user_id=reporter.id, comment_id=c.id or 0, reason="spam")
        for c in comments
    ]
    session.get_one(Report, made[0]).status = ReportStatus.DISMISSED  # decided: not waiting
    session.add_all(
        EmailOutbox(to_address="a@example.com", subject="s", body_text="b", status=status)
        for status in (MailStatus.PENDING, MailStatus.FAILED, MailStatus.FAILED, MailStatus.SENT)
    )
    session.flush()


def test_counts_what_waits_in_each_queue_one_query_each(session: Session) -> None:
    admin = _signed_in(_user(session, "Ada Admin", Role.ADMIN))
    before = queue_counts(session, viewer=admin)
    _add_work(session)
    with statements(session) as seen:
        after = queue_counts(session, viewer=admin)
    assert len(seen) == 4
    assert after == replace(
        before,
        applications=before.applications + 1,
        open_reports=before.open_reports + 2,
        mail_pending=before.mail_pending + 1,
        mail_failed=before.mail_failed + 2,
    )


def test_only_admins_see_the_counts(session: Session) -> None:
    someone = _signed_in(_user(session, "Viewer"))
    creator = session.get_one(User, make_creator(session).user_id)
    for viewer in (someone, _signed_in(creator)):
        with pytest.raises(Forbidden, match="only for admins"):
            queue_counts(session, viewer=viewer)
    with pytest.raises(NotSignedIn):
        queue_counts(session, viewer=None)
