"""Demo moderation: open reports in the admins' queue (/admin/reports) and a few decided ones.

A few rude or spammy comments join the demo's own; viewers report them and some ordinary ones.
Reports are filed and decided through admin/reports.py itself (so the one-open-report rule,
the comment's removal on "hide" and the audit entries are the real ones), then dated back to
when they happened: hours to days ago.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.admin.models import AuditLog, Report
from microshort.admin.reports import Verdict, report_comment, resolve_report
from microshort.content.models import Episode
from microshort.demo.people import ADMIN_EMAIL
from microshort.realtime.models import Comment, CommentStatus
from microshort.users.models import User


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    hours_ago: int
    note: str


@dataclass(frozen=True)
class ReportedComment:
    body: str  # an ordinary demo comment's (audience.COMMENTS), else one written for moderation
    reports: tuple[tuple[str, int], ...]  # (reason, hours ago), each by another viewer
    decision: Decision | None = None  # the demo admin's, or None: still open


REPORTED_COMMENTS: tuple[ReportedComment, ...] = (
    ReportedComment(
        "Check out my channel for free episodes!!!",
        (("Spam", 31), ("Spam: posted the same thing under three episodes", 5)),
    ),
    ReportedComment(
        "this show is trash and so is everyone who watches it",
        (("Harassment or hate: insults everyone watching", 3),),
    ),
    ReportedComment(
        "spoiler: the sister planned the whole thing, you're welcome",
        (("Spoiler: gives away the end of the season", 52),),
    ),
    ReportedComment(
        "the sister is so shady lol",
        (("Something else: feels mean towards the actress", 76),),
    ),
    ReportedComment(
        "he's a red flag but he's MY red flag",
        (("Something else: romanticises toxic relationships", 9),),
    ),
    ReportedComment(
        "FREE COINS 👉 microshort-coins dot biz 👈 only today!!",
        (("Spam: scam link", 98),),
        Decision("hide", 94, "Scam link to a fake coin shop."),
    ),
    ReportedComment(
        "she can't act, whoever cast her should be fired lol",
        (("Harassment or hate: personal attack on the actress", 60),),
        Decision("hide", 41, "Personal attack on a cast member."),
    ),
    ReportedComment(
        "ok this one was so slow, I want my coins back",
        (("Something else: negative about the show", 30),),
        Decision("dismiss", 22, "Criticism of the show is fine."),
    ),
    ReportedComment(
        "the uncle is sending me 😂😂",
        (("Harassment or hate", 130),),
        Decision("dismiss", 121, "A joke about the character, not a person."),
    ),
)


def add_reports(
    session: Session,
    rng: random.Random,
    now: datetime,
    *,
    viewers: list[User],
    episodes: list[Episode],
) -> None:
    """REPORTED_COMMENTS, reported by other viewers; the decided ones decided by the admin."""
    admin_id = session.exec(select(User.id).where(User.email == ADMIN_EMAIL)).one() or 0
    ordinary = _visible_comments(session, [spec.body for spec in REPORTED_COMMENTS], episodes)
    dates: list[dict[str, Any]] = []
    for spec in REPORTED_COMMENTS:
        first_reported = now - timedelta(hours=max(hours for _, hours in spec.reports))
        comment = next(
            (old for old in ordinary if old.body == spec.body and old.created_at < first_reported),
            None,
        ) or _add_comment(session, rng, spec.body, first_reported, viewers, episodes)
        others = [viewer for viewer in viewers if viewer.id != comment.user_id]
        reporters = rng.sample(others, len(spec.reports))
        report_ids = [
            report_comment(session, user_id=reporter.id, comment_id=comment.id or 0, reason=reason)
            for (reason, _), reporter in zip(spec.reports, reporters, strict=True)
        ]
        decided_at = None
        if spec.decision is not None:
            decided_at = now - timedelta(hours=spec.decision.hours_ago)
            _decide(session, admin_id, report_ids, spec.decision, decided_at)
        dates += [
            {"id": report_id, "created_at": now - timedelta(hours=hours), "resolved_at": decided_at}
            for report_id, (_, hours) in zip(report_ids, spec.reports, strict=True)
        ]
    # Filed and decided just now, dated back to when the demo says (one UPDATE by primary key).
    session.execute(sa.update(Report), dates)


def _visible_comments(
    session: Session, bodies: list[str], episodes: list[Episode]
) -> list[Comment]:
    """The demo's visible comments saying any of `bodies`, first posted first."""
    return list(
        session.exec(
            select(Comment)
            .where(
                col(Comment.body).in_(bodies),
                Comment.status == CommentStatus.VISIBLE,
                col(Comment.episode_id).in_([episode.id for episode in episodes]),
            )
            .order_by(col(Comment.id))
        ).all()
    )


def _add_comment(
    session: Session,
    rng: random.Random,
    body: str,
    before: datetime,
    viewers: list[User],
    episodes: list[Episode],
) -> Comment:
    """A comment posted a few hours to two days before `before`."""
    episode = rng.choice(episodes)
    comment = Comment(
        episode_id=episode.id or 0,
        user_id=rng.choice(viewers).id,
        body=body,
        timestamp_ms=rng.randint(0, (episode.duration_seconds or 90) * 1000),
        created_at=before - timedelta(hours=rng.randint(1, 48)),
    )
    session.add(comment)
    session.flush()
    return comment


def _decide(
    session: Session, admin_id: int, report_ids: list[int], decision: Decision, at: datetime
) -> None:
    """The admin decides these reports on one comment, through the real path; the audit entries
    are dated `at` (the reports' resolved_at is dated with their other dates)."""
    for report_id in report_ids:
        resolve_report(
            session,
            admin_id=admin_id,
            report_id=report_id,
            verdict=decision.verdict,
            note=decision.note,
        )
        _date_newest_audit_entry(session, admin_id, at)
        if decision.verdict == "hide":
            break  # hiding the comment resolved its other open reports with it


def _date_newest_audit_entry(session: Session, admin_id: int, at: datetime) -> None:
    """The entry the decision just wrote (the admin's newest) happened `at`."""
    newest = (
        sa.select(sa.func.max(col(AuditLog.id)))
        .where(col(AuditLog.actor_id) == admin_id)
        .scalar_subquery()
    )
    session.execute(sa.update(AuditLog).where(col(AuditLog.id) == newest).values(created_at=at))
