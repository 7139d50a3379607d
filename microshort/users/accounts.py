"""Account lifecycle: sign up, log in, passwords, email changes, deletion. No Reflex here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.analytics.attribution import join_account
from microshort.analytics.models import AnalyticsEvent
from microshort.content.models import Series, SeriesStatus, WatchProgress
from microshort.db import utcnow
from microshort.errors import InvalidInput, NotFound
from microshort.notify.service import queue_email
from microshort.realtime.models import Reaction
from microshort.typed_input import user_text
from microshort.users import sessions
from microshort.users.models import CreatorProfile, TokenPurpose, User, UserStatus
from microshort.users.passwords import hash_password, verify_password
from microshort.users.tokens import consume, issue, new_secret
from microshort.users.validation import check_password, clean_display_name, clean_email

RESET_LIFETIME = timedelta(hours=1)
CONFIRM_LIFETIME = timedelta(days=3)
LOGIN_HANDOFF_LIFETIME = timedelta(seconds=60)
WRONG_CREDENTIALS = "Wrong email or password."


def _by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email)).first()


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.status == UserStatus.DELETED:
        raise NotFound("This account does not exist.")
    return user


def sign_up(
    session: Session,
    *,
    email: str,
    password: str,
    display_name: str,
    base_url: str,
    anonymous_id: str | None = None,
) -> User:
    email = clean_email(email)
    check_password(password, email=email)
    name = clean_display_name(display_name)
    if _by_email(session, email):
        raise InvalidInput(
            "An account with this email already exists. Log in instead, or reset your password.",
            field="email",
        )
    user = User(
        email=email,
        password_hash=hash_password(password),
        display_name=name,
        anonymous_id=anonymous_id,
    )
    session.add(user)
    session.flush()
    if anonymous_id:
        adopt_anonymous_activity(session, user_id=user.id or 0, anonymous_id=anonymous_id)
        join_account(session, anonymous_id=anonymous_id, user_id=user.id or 0, signed_up=True)
    token = issue(
        session, user_id=user.id or 0, purpose=TokenPurpose.EMAIL_CONFIRM, lifetime=CONFIRM_LIFETIME
    )
    queue_email(
        session,
        to=email,
        subject="Welcome to MicroShort: confirm your email",
        body=f"Hi {name},\n\nConfirm your email address to keep your account safe:\n"
        f"{base_url}/confirm-email/{token}\n\nThe link works for 3 days.\n",
    )
    return user


def adopt_anonymous_activity(session: Session, *, user_id: int, anonymous_id: str) -> None:
    """What the visitor did before signing up becomes theirs (analytics continuity)."""
    for model in (AnalyticsEvent, Reaction, WatchProgress):
        session.execute(
            sa.update(model)
            .where(col(model.anonymous_id) == anonymous_id, col(model.user_id).is_(None))
            .values(user_id=user_id)
        )


@dataclass(frozen=True)
class StoredCredentials:
    """What a password is checked against, read in one short query (the hash takes a second
    and must not hold a database connection meanwhile)."""

    user_id: int | None
    password_hash: str | None
    active: bool

    def accept(self, password: str) -> int:
        """The user id if the password is right; InvalidInput with one message otherwise."""
        ok = verify_password(self.password_hash, password)
        if self.user_id is None or not ok or not self.active:
            raise InvalidInput(WRONG_CREDENTIALS, field="password")
        return self.user_id


def stored_credentials(session: Session, email: str) -> StoredCredentials:
    user = _by_email(session, user_text(email, field="email").strip().lower())
    if user is None:
        return StoredCredentials(None, None, active=False)
    return StoredCredentials(user.id, user.password_hash, user.status == UserStatus.ACTIVE)


def authenticate(session: Session, *, email: str, password: str) -> User:
    """The user for these credentials, or InvalidInput with one message for every failure."""
    return get_user(session, stored_credentials(session, email).accept(password))


@dataclass(frozen=True)
class LoginHandoff:
    """A 60-second single-use code the browser trades for its session cookie, bound to a nonce
    the same browser holds in a cookie: a code alone (an attacker's own, sent to a victim in a
    link) signs nobody in."""

    code: str
    nonce: str


def issue_login_handoff(session: Session, *, user_id: int, next_path: str) -> LoginHandoff:
    nonce = new_secret()
    code = issue(
        session,
        user_id=user_id,
        purpose=TokenPurpose.LOGIN,
        lifetime=LOGIN_HANDOFF_LIFETIME,
        next_path=next_path,
        bound_to=nonce,
    )
    return LoginHandoff(code, nonce)


def change_password(
    session: Session, *, user_id: int, current: str, new: str, keep_session_id: int
) -> int:
    """Change the password and end every other session; returns how many ended."""
    user = get_user(session, user_id)
    if not verify_password(user.password_hash, current):
        raise InvalidInput("Your current password is not right.", field="current_password")
    user.password_hash = hash_password(check_password(new, email=user.email))
    session.add(user)
    return sessions.revoke_all(session, user_id, except_session_id=keep_session_id)


def request_password_reset(session: Session, *, email: str, base_url: str) -> None:
    """Mail a reset link if the account exists. Says nothing either way (no enumeration)."""
    try:
        email = user_text(email, field="email")
    except InvalidInput:  # no account has that address: the same quiet answer as for any other
        return
    user = _by_email(session, email.strip().lower())
    if user is None or user.status != UserStatus.ACTIVE:
        return
    token = issue(
        session, user_id=user.id or 0, purpose=TokenPurpose.PASSWORD_RESET, lifetime=RESET_LIFETIME
    )
    queue_email(
        session,
        to=user.email,
        subject="Reset your MicroShort password",
        body=f"Someone asked to reset the password of this account.\n\nChoose a new "
        f"password here (the link works for one hour, once):\n"
        f"{base_url}/reset-password/{token}\n\nIf it was not you, ignore this mail.\n",
    )


def reset_password(session: Session, *, token: str, new_password: str) -> User:
    found = consume(session, token, TokenPurpose.PASSWORD_RESET)
    if found is None:
        raise InvalidInput(
            "This reset link has expired or was already used. Ask for a new one.", field="token"
        )
    user = get_user(session, found.user_id)
    user.password_hash = hash_password(check_password(new_password, email=user.email))
    session.add(user)
    sessions.revoke_all(session, user.id or 0)
    return user


def request_email_change(
    session: Session, *, user_id: int, new_email: str, password: str, base_url: str
) -> None:
    user = get_user(session, user_id)
    if not verify_password(user.password_hash, password):
        raise InvalidInput("Your password is not right.", field="password")
    email = clean_email(new_email)
    if email == user.email:
        raise InvalidInput("That is already your email address.", field="email")
    if _by_email(session, email):
        raise InvalidInput("Another account uses this email address.", field="email")
    token = issue(
        session,
        user_id=user_id,
        purpose=TokenPurpose.EMAIL_CHANGE,
        lifetime=CONFIRM_LIFETIME,
        new_email=email,
    )
    queue_email(
        session,
        to=email,
        subject="Confirm your new MicroShort email address",
        body=f"Confirm that this is your new email address:\n{base_url}/confirm-email/{token}\n",
    )


def confirm_email(session: Session, *, token: str) -> str:
    """Apply a confirmation link (sign-up or email change); returns what happened, to show."""
    found = consume(session, token, TokenPurpose.EMAIL_CHANGE)
    if found is not None:
        user = get_user(session, found.user_id)
        if found.new_email is None or _by_email(session, found.new_email):
            raise InvalidInput("Another account took this email address meanwhile.")
        user.email, user.email_verified_at = found.new_email, utcnow()
        session.add(user)
        return f"Your email address is now {user.email}."
    found = consume(session, token, TokenPurpose.EMAIL_CONFIRM)
    if found is None:
        raise InvalidInput("This confirmation link has expired or was already used.")
    user = get_user(session, found.user_id)
    user.email_verified_at = user.email_verified_at or utcnow()
    session.add(user)
    return "Thanks, your email address is confirmed."


def update_profile(
    session: Session, *, user_id: int, display_name: str, avatar_key: str | None = None
) -> User:
    user = get_user(session, user_id)
    user.display_name = clean_display_name(display_name)
    if avatar_key is not None:
        user.avatar_key = avatar_key
    session.add(user)
    return user


def delete_account(session: Session, *, user_id: int, password: str) -> None:
    """Remove personal data; keep the anonymised row where the ledger points at it."""
    user = get_user(session, user_id)
    if not verify_password(user.password_hash, password):
        raise InvalidInput("Your password is not right.", field="password")
    user.email = f"deleted-{user.id}@deleted.invalid"
    user.display_name, user.password_hash, user.avatar_key = "Deleted user", None, None
    user.anonymous_id, user.status = None, UserStatus.DELETED
    session.add(user)
    profile = session.exec(select(CreatorProfile).where(CreatorProfile.user_id == user_id)).first()
    if profile:
        profile.bio, profile.links, profile.avatar_key = "", [], None
        session.add(profile)
        session.execute(
            sa.update(Series)
            .where(col(Series.creator_id) == profile.id)
            .values(status=SeriesStatus.HIDDEN)
        )
    sessions.revoke_all(session, user_id)
