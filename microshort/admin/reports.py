"""Comment reports: anyone signed in reports a comment; an admin hides it or dismisses the report.

Every admin decision is written to the audit log. One open report per reporter and comment
(a partial unique index; a second one is refused with a message). The admins' pages of open
and resolved reports: microshort/admin/report_queue.py.
"""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from microshort.admin import audit
from microshort.admin.models import Report, ReportStatus
from microshort.content.models import Episode, Season
from microshort.db import utcnow
from microshort.errors import Forbidden, InvalidInput, NotFound
from microshort.realtime.models import Comment, CommentStatus
from microshort.users.models import Role, User
from microshort.users.permissions import NotSignedIn

MAX_REASON = 500
MAX_NOTE = 1000
Verdict = Literal["hide", "dismiss"]
HIDE_ACTION, DISMISS_ACTION = "comment.remove", "report.dismiss"  # audit log actions
DECISIONS = {ReportStatus.RESOLVED: "hidden", ReportStatus.DISMISSED: "dismissed"}


def _clean(text: str, *, limit: int, empty: str | None, field: str) -> str:
    text = text.strip()
    if not text and empty:
        raise InvalidInput(empty, field=field)
    if len(text) > limit:
        raise InvalidInput(f"Keep it under {limit} characters.", field=field)
    return text


def report_comment(session: Session, *, user_id: int | None, comment_id: int, reason: str) -> int:
    """An open report for the admins; returns its id."""
    if user_id is None:
        raise NotSignedIn("Sign in to report a comment.")
    text = _clean(
        reason, limit=MAX_REASON, empty="Tell us what is wrong with this comment.", field="reason"
    )
    row = session.exec(
        select(Comment, Season.series_id)
        .join(Episode, col(Episode.id) == col(Comment.episode_id))
        .join(Season, col(Season.id) == col(Episode.season_id))
        .where(Comment.id == comment_id, Comment.status == CommentStatus.VISIBLE)
    ).first()
    if row is None:
        raise NotFound("This comment is gone.")
    comment, series_id = row
    if comment.user_id == user_id:
        raise InvalidInput("You cannot report your own comment.")
    report_id = session.execute(
        insert(Report)
        .values(reporter_id=user_id, comment_id=comment_id, series_id=series_id, reason=text)
        .on_conflict_do_nothing(
            index_elements=["reporter_id", "comment_id"],
            # The partial index's predicate as a literal: a bound parameter stops matching it
            # once psycopg prepares the statement and PostgreSQL plans it generically.
            index_where=sa.text("status = 'open'"),
        )
        .returning(col(Report.id))
    ).scalar()
    if report_id is None:
        raise InvalidInput("You already reported this comment. An admin will look at it soon.")
    return int(report_id)


def resolve_report(
    session: Session, *, admin_id: int, report_id: int, verdict: Verdict, note: str = ""
) -> None:
    """'hide': the comment is removed for everyone and its open reports resolved;
    'dismiss': the report is closed and the comment stays. Both are audited."""
    admin = session.get(User, admin_id)
    if admin is None or admin.role != Role.ADMIN:
        raise Forbidden("Only admins can act on reports.")
    reason = _clean(note, limit=MAX_NOTE, empty=None, field="note") or None
    report = session.exec(select(Report).where(Report.id == report_id).with_for_update()).first()
    if report is None:
        raise NotFound("This report does not exist.")
    if report.status != ReportStatus.OPEN:
        raise InvalidInput(f"This report was already {report.status}.")
    now = utcnow()
    if verdict == "dismiss":
        report.status, report.resolved_by, report.resolved_at = (
            ReportStatus.DISMISSED,
            admin_id,
            now,
        )
        session.add(report)
        audit.record(
            session,
            actor_id=admin_id,
            action=DISMISS_ACTION,
            target_type="report",
            target_id=report.id,
            reason=reason,
        )
        session.flush()
        return
    comment = session.get(Comment, report.comment_id, with_for_update=True)
    if comment is None:
        raise NotFound("This comment is gone.")
    comment.status, comment.pinned = CommentStatus.REMOVED, False
    session.add(comment)
    for other in session.exec(
        select(Report).where(Report.comment_id == comment.id, Report.status == ReportStatus.OPEN)
    ).all():
        other.status, other.resolved_by, other.resolved_at = ReportStatus.RESOLVED, admin_id, now
        session.add(other)
    audit.record(
        session,
        actor_id=admin_id,
        action=HIDE_ACTION,
        target_type="comment",
        target_id=comment.id,
        reason=reason,
    )
    session.flush()
