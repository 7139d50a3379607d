"""What waits for the admins: creator applications, open comment reports, undelivered mail.

One cheap count query each, for the cards at the top of /admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from microshort.admin.models import Report
from microshort.admin.report_queue import IS_OPEN
from microshort.notify.models import EmailOutbox, MailStatus
from microshort.users.models import ApprovalStatus, CreatorProfile
from microshort.users.permissions import Access, require
from microshort.users.schemas import CurrentUser


@dataclass(frozen=True)
class QueueCounts:
    applications: int  # creator applications waiting for a decision
    open_reports: int  # comment reports nobody has decided yet
    mail_pending: int  # outbox mail still to send
    mail_failed: int  # outbox mail that could not be sent


def _count(session: Session, table: Any, where: Any) -> int:
    return int(
        session.execute(sa.select(sa.func.count()).select_from(table).where(where)).scalar_one()
    )


def queue_counts(session: Session, *, viewer: CurrentUser | None) -> QueueCounts:
    """Admins only: how many items wait in each queue."""
    require(Access.ADMIN, viewer)
    mail_status = col(EmailOutbox.status)
    return QueueCounts(
        applications=_count(
            session,
            CreatorProfile,
            col(CreatorProfile.approval_status) == ApprovalStatus.PENDING,
        ),
        open_reports=_count(session, Report, IS_OPEN),
        mail_pending=_count(session, EmailOutbox, mail_status == MailStatus.PENDING),
        mail_failed=_count(session, EmailOutbox, mail_status == MailStatus.FAILED),
    )
