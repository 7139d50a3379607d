"""Read models handed to the UI: plain, frozen, no ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class NotificationItem:
    id: int
    title: str
    body: str
    link: str  # app-relative ("/…") or ""
    created_at: datetime
    read_at: datetime | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


@dataclass(frozen=True)
class OutboxItem:
    """One mail as the admin outbox page shows it (bodies may hold sign-in links: admins only)."""

    id: int
    to_address: str
    subject: str
    body_text: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
