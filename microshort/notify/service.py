"""Mail and notices: write in the caller's transaction; mail is sent later by a job."""

from __future__ import annotations

from sqlmodel import Session, col, select

from microshort.db import utcnow
from microshort.errors import InvalidInput, NotFound
from microshort.integrations.email.base import MailDeliveryError, MailTransport
from microshort.notify.models import EmailOutbox, MailStatus, Notification
from microshort.notify.schemas import NotificationItem, OutboxItem

# A delivery that has failed this many times is marked failed (the job stops retrying too).
MAX_DELIVERY_ATTEMPTS = 7
_DONE = {MailStatus.SENT, MailStatus.KEPT, MailStatus.FAILED}


def _text(value: str, field: str, limit: int, *, one_line: bool = False) -> str:
    value = value.strip()
    if not value:
        raise InvalidInput(f"The {field} is empty.", field=field)
    if len(value) > limit:
        raise InvalidInput(f"The {field} is longer than {limit} characters.", field=field)
    if one_line and ("\r" in value or "\n" in value):
        raise InvalidInput(f"The {field} must be on one line.", field=field)
    return value


def queue_email(session: Session, *, to: str, subject: str, body: str) -> EmailOutbox:
    """Add a pending mail to the outbox; it is sent by `send_queued` after the commit."""
    address = _text(to, "address", 254, one_line=True)
    if address.count("@") != 1 or " " in address or address.startswith("@"):
        raise InvalidInput("The address is not an e-mail address.", field="address")
    mail = EmailOutbox(
        to_address=address,
        subject=_text(subject, "subject", 200, one_line=True),
        body_text=_text(body, "body", 100_000),
    )
    session.add(mail)
    session.flush()
    return mail


def deliver(
    session: Session,
    outbox_id: int,
    transport: MailTransport | None,
    sender: str,
    *,
    max_attempts: int = MAX_DELIVERY_ATTEMPTS,
) -> str:
    """Send one outbox mail once; returns its status.

    The row is locked while sending, so two workers never send it twice. Without a transport
    the mail is kept for the admin outbox. On MailDeliveryError the attempt is recorded and the
    error re-raised: the caller must commit before letting it propagate (so the job retries).
    """
    mail = session.exec(
        select(EmailOutbox)
        .where(EmailOutbox.id == outbox_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if mail is None:
        raise NotFound(f"No mail {outbox_id} in the outbox.")
    if mail.status in _DONE:
        return mail.status
    if transport is None:
        mail.status = MailStatus.KEPT
    else:
        try:
            transport.send(
                sender=sender, to=mail.to_address, subject=mail.subject, body=mail.body_text
            )
        except MailDeliveryError as error:
            mail.attempts += 1
            mail.last_error = (str(error) or type(error).__name__)[:1000]
            if mail.attempts >= max_attempts:
                mail.status = MailStatus.FAILED
            session.add(mail)
            session.flush()
            raise
        mail.attempts += 1
        mail.status = MailStatus.SENT
        mail.sent_at = utcnow()
        mail.last_error = None
    session.add(mail)
    session.flush()
    return mail.status


def pending_mail_ids(session: Session, *, limit: int = 500) -> list[int]:
    rows = session.exec(
        select(EmailOutbox.id)
        .where(EmailOutbox.status == MailStatus.PENDING)
        .order_by(col(EmailOutbox.id))
        .limit(limit)
    ).all()
    return [int(row) for row in rows if row is not None]


def outbox_page(session: Session, *, limit: int = 50, offset: int = 0) -> list[OutboxItem]:
    """Outbox mails, newest first (for the admin outbox page)."""
    rows = session.exec(
        select(EmailOutbox)
        .order_by(col(EmailOutbox.created_at).desc(), col(EmailOutbox.id).desc())
        .limit(max(1, min(limit, 200)))
        .offset(max(0, offset))
    ).all()
    return [_outbox_item(row) for row in rows]


def _outbox_item(row: EmailOutbox) -> OutboxItem:
    return OutboxItem(
        id=row.id or 0,
        to_address=row.to_address,
        subject=row.subject,
        body_text=row.body_text,
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
        created_at=row.created_at,
        sent_at=row.sent_at,
    )


def notify(
    session: Session, *, user_id: int, title: str, body: str, link: str = ""
) -> Notification:
    """Add an in-app notice for a user. A link must stay inside the app ("/…")."""
    link = link.strip()
    if link and (not link.startswith("/") or link.startswith("//") or "\\" in link):
        raise InvalidInput("A notice link must be a path inside the app.", field="link")
    if len(link) > 300:
        raise InvalidInput("The link is longer than 300 characters.", field="link")
    notice = Notification(
        user_id=user_id,
        title=_text(title, "title", 120),
        body=_text(body, "body", 1000),
        link=link,
    )
    session.add(notice)
    session.flush()
    return notice


def unread_notifications(
    session: Session, user_id: int, *, limit: int = 50
) -> list[NotificationItem]:
    """The user's unread notices, newest first."""
    rows = session.exec(
        select(Notification)
        .where(Notification.user_id == user_id, col(Notification.read_at).is_(None))
        .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
        .limit(max(1, min(limit, 200)))
    ).all()
    return [_notification_item(row) for row in rows]


def mark_read(session: Session, user_id: int, notification_id: int) -> NotificationItem:
    """Mark one of the user's own notices read (idempotent); another user's is NotFound."""
    notice = session.get(Notification, notification_id)
    if notice is None or notice.user_id != user_id:
        raise NotFound("No such notification.")
    if notice.read_at is None:
        notice.read_at = utcnow()
        session.add(notice)
        session.flush()
    return _notification_item(notice)


def _notification_item(row: Notification) -> NotificationItem:
    return NotificationItem(
        id=row.id or 0,
        title=row.title,
        body=row.body,
        link=row.link,
        created_at=row.created_at,
        read_at=row.read_at,
    )
