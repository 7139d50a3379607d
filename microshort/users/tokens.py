"""Random secrets stored as hashes: session tokens and single-use auth tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from microshort.db import utcnow
from microshort.users.models import AuthToken, TokenPurpose


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """SHA-256 is enough here: the secrets are 256-bit random, not guessable passwords."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _bound_digest(secret: str, bound_to: str) -> str:
    """A token bound to a second secret (held elsewhere, e.g. a cookie) needs both to match."""
    return digest(f"{secret}\n{bound_to}" if bound_to else secret)


def issue(
    session: Session,
    *,
    user_id: int,
    purpose: TokenPurpose,
    lifetime: timedelta,
    new_email: str | None = None,
    next_path: str | None = None,
    bound_to: str = "",
) -> str:
    secret = new_secret()
    session.add(
        AuthToken(
            user_id=user_id,
            purpose=purpose,
            token_hash=_bound_digest(secret, bound_to),
            new_email=new_email,
            next_path=next_path,
            expires_at=utcnow() + lifetime,
        )
    )
    session.flush()
    return secret


def consume(
    session: Session, secret: str, purpose: TokenPurpose, *, bound_to: str = ""
) -> AuthToken | None:
    """Mark the token used and return it, or None if unknown, used, expired or another kind
    (or, for a bound token, presented without the secret it was bound to)."""
    now: datetime = utcnow()
    token = session.exec(
        select(AuthToken)
        .where(
            AuthToken.token_hash == _bound_digest(secret, bound_to), AuthToken.purpose == purpose
        )
        .with_for_update()
    ).first()
    if token is None or token.used_at is not None or token.expires_at <= now:
        return None
    token.used_at = now
    session.add(token)
    # Other live tokens of the same kind for this user are retired with it.
    for other in session.exec(
        select(AuthToken).where(
            AuthToken.user_id == token.user_id,
            AuthToken.purpose == purpose,
            col(AuthToken.used_at).is_(None),
            AuthToken.id != token.id,
        )
    ):
        other.used_at = now
        session.add(other)
    session.flush()
    return token
