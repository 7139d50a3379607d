"""Signed-in sessions: random tokens kept hashed, sliding expiry, rotation and revocation.

The raw token only ever lives in the browser's HttpOnly cookie (see README, Security).
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from microshort.db import utcnow
from microshort.integrations.storage.base import public_url
from microshort.users.models import CreatorProfile, User, UserSession, UserStatus
from microshort.users.schemas import CurrentUser, SessionItem
from microshort.users.tokens import digest, new_secret

SESSION_COOKIE = "ms_session"
# Holds the log-in hand-off's nonce for its one trip to /api/auth/complete (accounts.LoginHandoff).
LOGIN_NONCE_COOKIE = "ms_login_nonce"
# Sliding expiry is refreshed at most this often, so reading a page is not a write every time.
TOUCH_EVERY = timedelta(minutes=5)


def create(
    session: Session, *, user_id: int, days: int, user_agent: str = "", ip_address: str = ""
) -> str:
    token = new_secret()
    now = utcnow()
    session.add(
        UserSession(
            user_id=user_id,
            token_hash=digest(token),
            last_seen_at=now,
            expires_at=now + timedelta(days=days),
            user_agent=user_agent[:300] or None,
            ip_address=ip_address[:64] or None,
        )
    )
    session.flush()
    return token


def resolve(session: Session, token: str | None, *, days: int) -> CurrentUser | None:
    """The signed-in user for a cookie token, extending its expiry; None when not valid."""
    if not token:
        return None
    now = utcnow()
    row = session.exec(
        select(UserSession, User, CreatorProfile)
        .join(User, col(User.id) == col(UserSession.user_id))
        .join(CreatorProfile, col(CreatorProfile.user_id) == col(User.id), isouter=True)
        .where(
            UserSession.token_hash == digest(token),
            col(UserSession.revoked_at).is_(None),
            UserSession.expires_at > now,
            User.status == UserStatus.ACTIVE,
        )
    ).first()
    if row is None:
        return None
    user_session, user, profile = row
    if now - user_session.last_seen_at >= TOUCH_EVERY:
        user_session.last_seen_at = now
        user_session.expires_at = now + timedelta(days=days)
        session.add(user_session)
    return CurrentUser(
        id=user.id or 0,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        session_id=user_session.id or 0,
        email_verified=user.email_verified_at is not None,
        creator_profile_id=profile.id if profile else None,
        creator_status=profile.approval_status if profile else "",
        avatar_url=public_url(user.avatar_key),
    )


def revoke(session: Session, token: str | None) -> None:
    if not token:
        return
    found = session.exec(select(UserSession).where(UserSession.token_hash == digest(token))).first()
    if found and found.revoked_at is None:
        found.revoked_at = utcnow()
        session.add(found)


def revoke_all(session: Session, user_id: int, *, except_session_id: int | None = None) -> int:
    """Log out everywhere (optionally keeping the current session); returns how many ended."""
    now = utcnow()
    ended = 0
    for found in session.exec(
        select(UserSession).where(
            UserSession.user_id == user_id, col(UserSession.revoked_at).is_(None)
        )
    ):
        if found.id != except_session_id:
            found.revoked_at = now
            session.add(found)
            ended += 1
    return ended


def active_sessions(session: Session, user: CurrentUser) -> list[SessionItem]:
    rows = session.exec(
        select(UserSession)
        .where(
            UserSession.user_id == user.id,
            col(UserSession.revoked_at).is_(None),
            UserSession.expires_at > utcnow(),
        )
        .order_by(col(UserSession.last_seen_at).desc())
    ).all()
    return [
        SessionItem(
            id=row.id or 0,
            user_agent=row.user_agent or "Unknown device",
            ip_address=row.ip_address or "",
            last_seen=row.last_seen_at,
            current=row.id == user.session_id,
        )
        for row in rows
    ]
