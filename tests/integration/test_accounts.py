"""Accounts: sign up, log in, passwords, resets without enumeration, email change, deletion."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, col, select

from microshort.analytics.models import AnalyticsEvent
from microshort.errors import InvalidInput
from microshort.notify.models import EmailOutbox
from microshort.users import accounts, sessions
from microshort.users.models import User, UserStatus

BASE = "http://app.test"
GOOD = "correct horse battery"


def _mails(session: Session, to: str) -> list[EmailOutbox]:
    return list(
        session.exec(
            select(EmailOutbox).where(EmailOutbox.to_address == to).order_by(col(EmailOutbox.id))
        ).all()
    )


def _link_token(mail: EmailOutbox, path: str) -> str:
    found = re.search(rf"{BASE}/{path}/(\S+)", mail.body_text)
    assert found, mail.body_text
    return found.group(1)


def _sign_up(session: Session, email: str = "ana@example.com", **extra: str) -> User:
    return accounts.sign_up(
        session, email=email, password=GOOD, display_name="Ana", base_url=BASE, **extra
    )


def test_sign_up_stores_a_hash_and_mails_a_confirmation(session: Session) -> None:
    user = _sign_up(session, email="  Ana@Example.COM ")
    assert user.email == "ana@example.com"
    assert user.password_hash
    assert GOOD not in user.password_hash
    assert user.role == "viewer"
    (mail,) = _mails(session, "ana@example.com")
    token = _link_token(mail, "confirm-email")
    assert accounts.confirm_email(session, token=token).startswith("Thanks")
    assert session.get_one(User, user.id).email_verified_at is not None
    with pytest.raises(InvalidInput, match="expired or was already used"):
        accounts.confirm_email(session, token=token)


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("not-an-email", GOOD, "valid email"),
        ("a@example.com", "short", "at least 10"),
        ("a@example.com", "aaaaaaaaaaaa", "too easy"),
        ("a@example.com", "password123", "too easy"),
    ],
)
def test_bad_sign_ups_say_which_field(
    session: Session, email: str, password: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        accounts.sign_up(session, email=email, password=password, display_name="A", base_url=BASE)
    assert caught.value.field in {"email", "password"}
    assert session.exec(select(User).where(User.email == email)).first() is None


def test_duplicate_email_is_refused(session: Session) -> None:
    _sign_up(session)
    with pytest.raises(InvalidInput, match="already exists"):
        _sign_up(session, email="ANA@example.com")


def test_sign_up_adopts_the_anonymous_history(session: Session) -> None:
    session.add(AnalyticsEvent(name="series_view", anonymous_id="anon-42"))
    session.flush()
    user = _sign_up(session, anonymous_id="anon-42")
    event = session.exec(
        select(AnalyticsEvent).where(AnalyticsEvent.anonymous_id == "anon-42")
    ).one()
    assert event.user_id == user.id


def test_log_in_has_one_message_for_every_failure(session: Session) -> None:
    _sign_up(session)
    assert accounts.authenticate(session, email="ANA@example.com", password=GOOD).email
    for email, password in (("ana@example.com", "wrong password!"), ("nobody@example.com", GOOD)):
        with pytest.raises(InvalidInput) as caught:
            accounts.authenticate(session, email=email, password=password)
        assert str(caught.value) == accounts.WRONG_CREDENTIALS


def test_reset_does_not_reveal_accounts_and_works_once(session: Session) -> None:
    user = _sign_up(session)
    token = sessions.create(session, user_id=user.id or 0, days=30)
    accounts.request_password_reset(session, email="nobody@example.com", base_url=BASE)
    assert _mails(session, "nobody@example.com") == []
    accounts.request_password_reset(session, email="ana@example.com", base_url=BASE)
    reset = _link_token(_mails(session, "ana@example.com")[-1], "reset-password")
    accounts.reset_password(session, token=reset, new_password="a brand new passphrase")
    assert accounts.authenticate(
        session, email="ana@example.com", password="a brand new passphrase"
    )
    assert sessions.resolve(session, token, days=30) is None  # every session ended
    with pytest.raises(InvalidInput, match="expired or was already used"):
        accounts.reset_password(session, token=reset, new_password="another new passphrase")


def test_change_password_keeps_this_session_only(session: Session) -> None:
    user = _sign_up(session)
    here = sessions.create(session, user_id=user.id or 0, days=30)
    there = sessions.create(session, user_id=user.id or 0, days=30)
    current = sessions.resolve(session, here, days=30)
    assert current is not None
    with pytest.raises(InvalidInput, match="current password"):
        accounts.change_password(
            session,
            user_id=user.id or 0,
            current="nope nope nope",
            new="fresh passphrase here",
            keep_session_id=current.session_id,
        )
    ended = accounts.change_password(
        session,
        user_id=user.id or 0,
        current=GOOD,
        new="fresh passphrase here",
        keep_session_id=current.session_id,
    )
    assert ended == 1
    assert sessions.resolve(session, here, days=30) is not None
    assert sessions.resolve(session, there, days=30) is None


def test_email_change_needs_the_new_inbox(session: Session) -> None:
    user = _sign_up(session)
    _sign_up(session, email="taken@example.com")
    with pytest.raises(InvalidInput, match="Another account"):
        accounts.request_email_change(
            session,
            user_id=user.id or 0,
            new_email="taken@example.com",
            password=GOOD,
            base_url=BASE,
        )
    accounts.request_email_change(
        session, user_id=user.id or 0, new_email="new@example.com", password=GOOD, base_url=BASE
    )
    assert session.get_one(User, user.id).email == "ana@example.com"  # not before the link
    token = _link_token(_mails(session, "new@example.com")[-1], "confirm-email")
    assert "new@example.com" in accounts.confirm_email(session, token=token)
    assert session.get_one(User, user.id).email == "new@example.com"


def test_delete_account_removes_personal_data_and_sessions(session: Session) -> None:
    user = _sign_up(session)
    token = sessions.create(session, user_id=user.id or 0, days=30)
    with pytest.raises(InvalidInput, match="password"):
        accounts.delete_account(session, user_id=user.id or 0, password="wrong one!!")
    accounts.delete_account(session, user_id=user.id or 0, password=GOOD)
    gone = session.get_one(User, user.id)
    assert gone.status == UserStatus.DELETED
    assert "ana" not in gone.email
    assert gone.display_name == "Deleted user"
    assert gone.password_hash is None
    assert sessions.resolve(session, token, days=30) is None
