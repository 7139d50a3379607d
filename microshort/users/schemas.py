"""Read models for the UI: who is signed in, their sessions, creator applications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CurrentUser:
    id: int
    email: str
    display_name: str
    role: str
    session_id: int
    email_verified: bool
    creator_profile_id: int | None = None
    creator_status: str = ""  # "", pending, approved, rejected
    avatar_url: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_creator(self) -> bool:
        return self.role == "creator" and self.creator_status == "approved"


@dataclass(frozen=True)
class SessionItem:
    id: int
    user_agent: str
    ip_address: str
    last_seen: datetime
    current: bool


@dataclass(frozen=True)
class ApplicationItem:
    profile_id: int
    user_email: str
    display_name: str
    slug: str
    bio: str
    links: list[str]
    avatar_url: str
    status: str
    rejection_reason: str
    submitted_at: datetime
