"""The admins' report queue: open reports (oldest first) and resolved ones (newest first).

Paged by keyset: a page starts after the (time, id) of the row above it, so resolving rows
never skips or repeats one. One query per page, with everything a row shows joined in, plus
one count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from microshort.admin.models import AuditLog, Report, ReportStatus
from microshort.admin.reports import DECISIONS, DISMISS_ACTION, HIDE_ACTION
from microshort.admin.schemas import Item, ReportItem, ReportPage, ResolvedItem
from microshort.content.models import Episode, Season, Series
from microshort.db import utcnow
from microshort.realtime.labels import age_label, moment_label
from microshort.realtime.models import Comment
from microshort.users.models import User
from microshort.users.permissions import Access, require
from microshort.users.schemas import CurrentUser

PAGE_SIZE = 50
MAX_REPORT_ID = 2**31 - 1  # reports.id is an integer column
IS_OPEN = col(Report.status) == ReportStatus.OPEN
IS_DECIDED = sa.and_(col(Report.status).in_(DECISIONS), col(Report.resolved_at).is_not(None))


def _cursor(moment: datetime, report_id: int | None) -> str:
    return f"{moment.isoformat()}/{report_id or 0}"


def _position(cursor: str) -> tuple[datetime, int] | None:
    """The (time, id) a cursor points after; None (the first page) for anything malformed."""
    moment, _, number = str(cursor).rpartition("/")
    try:
        at, report_id = datetime.fromisoformat(moment), int(number)
    except ValueError:
        return None
    if at.tzinfo is None or not 0 < report_id <= MAX_REPORT_ID:
        return None
    return at, report_id


def _after(query: Any, moment: Any, after: str, *, newest_first: bool) -> Any:
    """`query` ordered by (moment, id), from just after the `after` cursor on."""
    key = (moment, col(Report.id))
    position = _position(after)
    if position is not None:
        row = sa.tuple_(*key)
        mark = sa.tuple_(
            *(sa.literal(value, column.type) for value, column in zip(position, key, strict=True))
        )
        query = query.where(row < mark if newest_first else row > mark)
    return query.order_by(*(column.desc() for column in key) if newest_first else key)


def _in_context(*extra: Any) -> Any:
    """Reports with their comment, episode, series, author's and reporter's names, and `extra`."""
    author, reporter = aliased(User), aliased(User)
    return (
        sa.select(
            Report,
            Comment,
            Episode,
            Series,
            col(author.display_name),
            col(reporter.display_name),
            *extra,
        )
        .join(Comment, col(Comment.id) == col(Report.comment_id))
        .join(Episode, col(Episode.id) == col(Comment.episode_id))
        .join(Season, col(Season.id) == col(Episode.season_id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .join(author, col(author.id) == col(Comment.user_id), isouter=True)
        .join(reporter, col(reporter.id) == col(Report.reporter_id), isouter=True)
    )


def _shown(row: Sequence[Any], now: datetime) -> dict[str, Any]:
    """The fields every report row shows, open or resolved, from an `_in_context` row."""
    report, comment, episode, series, author, reporter = row[:6]
    return {
        "id": report.id or 0,
        "comment_id": comment.id or 0,
        "body": comment.body,
        "author": author or "Former viewer",
        "episode_id": episode.id or 0,
        "episode_title": f"Ep {episode.number}: {episode.title}",
        "series_title": series.title,
        "moment": moment_label(comment.timestamp_ms),
        "reporter": reporter or "Former viewer",
        "reason": report.reason,
        "age": age_label(report.created_at, now),
        "comment_status": comment.status,
    }


def open_reports(
    session: Session, *, after: str = "", limit: int = PAGE_SIZE, now: datetime | None = None
) -> list[ReportItem]:
    """The oldest open reports first, each with its comment in context, from after `after`."""
    query = _after(_in_context().where(IS_OPEN), col(Report.created_at), after, newest_first=False)
    moment_now = now or utcnow()
    return [
        ReportItem(**_shown(row, moment_now), cursor=_cursor(row[0].created_at, row[0].id))
        for row in session.execute(query.limit(limit)).all()
    ]


def _decision_note() -> Any:
    """The deciding admin's reason from the audit log (a hide is audited on the comment)."""
    dismissal = sa.and_(
        col(Report.status) == ReportStatus.DISMISSED,
        col(AuditLog.action) == DISMISS_ACTION,
        col(AuditLog.target_type) == "report",
        col(AuditLog.target_id) == col(Report.id),
    )
    removal = sa.and_(
        col(Report.status) == ReportStatus.RESOLVED,
        col(AuditLog.action) == HIDE_ACTION,
        col(AuditLog.target_type) == "comment",
        col(AuditLog.target_id) == col(Report.comment_id),
    )
    return (
        sa.select(col(AuditLog.reason))
        .where(sa.or_(dismissal, removal))
        .order_by(col(AuditLog.id).desc())
        .limit(1)
        .scalar_subquery()
    )


def resolved_reports(
    session: Session, *, after: str = "", limit: int = PAGE_SIZE, now: datetime | None = None
) -> list[ResolvedItem]:
    """The most recently resolved reports first: the decision, who made it, when, and why."""
    decider = aliased(User)
    query = (
        _in_context(col(decider.display_name), _decision_note())
        .join(decider, col(decider.id) == col(Report.resolved_by), isouter=True)
        .where(IS_DECIDED)
    )
    query = _after(query, col(Report.resolved_at), after, newest_first=True)
    moment_now = now or utcnow()
    return [_resolved(row, moment_now) for row in session.execute(query.limit(limit)).all()]


def _resolved(row: Sequence[Any], now: datetime) -> ResolvedItem:
    report, decided_by, note = row[0], row[6], row[7]
    decided_at = report.resolved_at or now
    return ResolvedItem(
        **_shown(row, now),
        cursor=_cursor(decided_at, report.id),
        decision=DECISIONS[ReportStatus(report.status)],
        decided_by=decided_by or "Former admin",
        decided=age_label(decided_at, now),
        note=note or "",
    )


def _count(session: Session, where: Any) -> int:
    return int(
        session.execute(sa.select(sa.func.count()).select_from(Report).where(where)).scalar_one()
    )


def _page(rows: list[Item], total: int) -> ReportPage[Item]:
    """The first PAGE_SIZE of PAGE_SIZE + 1 rows; the extra one says there is a next page."""
    more = len(rows) > PAGE_SIZE
    return ReportPage(rows[:PAGE_SIZE], total, rows[PAGE_SIZE - 1].cursor if more else "")


def open_report_page(
    session: Session, *, viewer: CurrentUser | None, after: str = "", now: datetime | None = None
) -> ReportPage[ReportItem]:
    """Admins only: a page of open reports, oldest first, and how many are open in all."""
    require(Access.ADMIN, viewer)
    rows = open_reports(session, after=after, limit=PAGE_SIZE + 1, now=now)
    return _page(rows, _count(session, IS_OPEN))


def resolved_report_page(
    session: Session, *, viewer: CurrentUser | None, after: str = "", now: datetime | None = None
) -> ReportPage[ResolvedItem]:
    """Admins only: a page of resolved reports, newest decision first, and how many in all."""
    require(Access.ADMIN, viewer)
    rows = resolved_reports(session, after=after, limit=PAGE_SIZE + 1, now=now)
    return _page(rows, _count(session, IS_DECIDED))
