"""Comment reports: anyone signed in reports a comment; an admin hides it or dismisses the report.

Every admin decision is written to the audit log. One open report per reporter and comment
(a partial unique index; a second one is refused with a message).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from microshort.admin import audit
from microshort.admin.models import Report, ReportStatus
from microshort.admin.schemas import ReportItem
from microshort.content.models import Episode, Season, Series
from microshort.db import utcnow
from microshort.errors import Forbidden, InvalidInput, NotFound
from microshort.realtime.labels import age_label, moment_label
from microshort.realtime.models import Comment, CommentStatus
from microshort.users.models import Role, User
from microshort.users.permissions import NotSignedIn

MAX_REASON = 500
MAX_NOTE = 1000
QUEUE_SIZE = 100
Verdict = Literal["hide", "dismiss"]


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
            index_where=col(Report.status) == ReportStatus.OPEN,
        )
        .returning(col(Report.id))
    ).scalar()
    if report_id is None:
        raise InvalidInput("You already reported this comment. An admin will look at it soon.")
    return int(report_id)


def open_reports(
    session: Session, *, limit: int = QUEUE_SIZE, now: datetime | None = None
) -> list[ReportItem]:
    """The oldest open reports first, each with its comment in context."""
    author, reporter = aliased(User), aliased(User)
    rows = session.execute(
        sa.select(
            Report, Comment, Episode, Series, col(author.display_name), col(reporter.display_name)
        )
        .join(Comment, col(Comment.id) == col(Report.comment_id))
        .join(Episode, col(Episode.id) == col(Comment.episode_id))
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .join(author, col(author.id) == col(Comment.user_id), isouter=True)
        .join(reporter, col(reporter.id) == col(Report.reporter_id), isouter=True)
        .where(col(Report.status) == ReportStatus.OPEN)
        .order_by(col(Report.created_at), col(Report.id))
        .limit(limit)
    ).all()
    moment_now = now or utcnow()
    return [
        ReportItem(
            id=report.id or 0,
            comment_id=comment.id or 0,
            body=comment.body,
            author=author_name or "Former viewer",
            episode_id=episode.id or 0,
            episode_title=f"Ep {episode.number}: {episode.title}",
            series_title=series.title,
            moment=moment_label(comment.timestamp_ms),
            reporter=reporter_name or "Former viewer",
            reason=report.reason,
            age=age_label(report.created_at, moment_now),
            comment_status=comment.status,
        )
        for report, comment, episode, series, author_name, reporter_name in rows
    ]


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
            action="report.dismiss",
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
        action="comment.remove",
        target_type="comment",
        target_id=comment.id,
        reason=reason,
    )
    session.flush()
