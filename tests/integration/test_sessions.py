"""Sessions: hashed tokens, sliding expiry, rotation at log-in, revocation, log out everywhere."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from microshort.db import utcnow
from microshort.users import sessions
from microshort.users.models import User, UserSession
from microshort.users.tokens import digest


def _user(session: Session) -> User:
    user = User(email="s@example.com", display_name="S")
    session.add(user)
    session.flush()
    return user


def test_only_the_hash_is_stored(session: Session) -> None:
    token = sessions.create(session, user_id=_user(session).id or 0, days=30)
    row = session.exec(select(UserSession)).one()
    assert row.token_hash == digest(token)
    assert token not in row.token_hash


def test_expired_sessions_do_not_resolve(session: Session) -> None:
    token = sessions.create(session, user_id=_user(session).id or 0, days=30)
    row = session.exec(select(UserSession)).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    session.add(row)
    session.flush()
    assert sessions.resolve(session, token, days=30) is None


def test_use_slides_the_expiry(session: Session) -> None:
    token = sessions.create(session, user_id=_user(session).id or 0, days=30)
    row = session.exec(select(UserSession)).one()
    row.last_seen_at = utcnow() - timedelta(days=10)
    row.expires_at = utcnow() + timedelta(days=20)
    session.add(row)
    session.flush()
    assert sessions.resolve(session, token, days=30) is not None
    session.flush()
    session.expire(row)
    assert row.expires_at > utcnow() + timedelta(days=29)


def test_revoked_and_unknown_tokens_do_not_resolve(session: Session) -> None:
    user = _user(session)
    token = sessions.create(session, user_id=user.id or 0, days=30)
    sessions.revoke(session, token)
    assert sessions.resolve(session, token, days=30) is None
    assert sessions.resolve(session, "made-up", days=30) is None
    assert sessions.resolve(session, None, days=30) is None


def test_log_out_everywhere(session: Session) -> None:
    user = _user(session)
    tokens = [sessions.create(session, user_id=user.id or 0, days=30) for _ in range(3)]
    assert sessions.revoke_all(session, user.id or 0) == 3
    assert all(sessions.resolve(session, token, days=30) is None for token in tokens)


def test_disabled_users_are_signed_out(session: Session) -> None:
    user = _user(session)
    token = sessions.create(session, user_id=user.id or 0, days=30)
    user.status = "disabled"
    session.add(user)
    session.flush()
    assert sessions.resolve(session, token, days=30) is None
