"""Log-in limits hold under concurrency: an attempt is counted before its password is checked,
so many simultaneous wrong passwords cannot all reach the hash."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier

import pytest

from microshort import migrations
from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.ratelimit import LOGIN_PER_IP, RateLimiter, limiter_for
from microshort.users.accounts import WRONG_CREDENTIALS
from microshort.users.login import log_in
from microshort.users.models import User
from microshort.users.passwords import hash_password

PASSWORD = "a long enough passphrase"


@pytest.fixture
def account(make_database: Callable[[], str], app_settings: Callable[[str], Path]) -> str:
    url = make_database()
    migrations.upgrade(url)
    app_settings(url)
    email = f"{uuid.uuid4().hex[:10]}@example.com"
    with session_scope() as session:
        session.add(User(email=email, display_name="T", password_hash=hash_password(PASSWORD)))
    return email


def _outcomes(limiter: RateLimiter, attempts: list[tuple[str, str]], ip: str) -> Counter[str]:
    """Send every (email, password) at the same moment; count what each was told."""
    start = Barrier(len(attempts))

    def attempt(credentials: tuple[str, str]) -> str:
        start.wait()
        try:
            log_in(limiter, email=credentials[0], password=credentials[1], ip=ip, next_path="/")
        except InvalidInput as error:
            return "checked" if str(error) == WRONG_CREDENTIALS else "limited"
        return "signed in"

    with ThreadPoolExecutor(len(attempts)) as pool:
        return Counter(pool.map(attempt, attempts))


def test_simultaneous_wrong_passwords_stop_at_the_account_limit(
    account: str, redis_url: str
) -> None:
    limiter = limiter_for(redis_url)
    outcomes = _outcomes(limiter, [(account, "wrong password!")] * 25, ip=uuid.uuid4().hex)
    assert outcomes == Counter({"checked": 10, "limited": 15})
    # The right password is refused too while the account is limited.
    with pytest.raises(InvalidInput, match="Too many log-in attempts"):
        log_in(limiter, email=account, password=PASSWORD, ip=uuid.uuid4().hex, next_path="/")


def test_simultaneous_attempts_from_one_address_stop_at_the_ip_limit(
    account: str, redis_url: str
) -> None:
    limit = LOGIN_PER_IP.amount
    emails = [f"{n}-{uuid.uuid4().hex[:6]}@example.com" for n in range(limit + 20)]
    outcomes = _outcomes(
        limiter_for(redis_url), [(e, "wrong password!") for e in emails], uuid.uuid4().hex
    )
    assert outcomes == Counter({"checked": limit, "limited": 20})


def test_a_right_password_signs_in_and_forgives_the_account_failures(account: str) -> None:
    limiter = limiter_for(None)
    ip = uuid.uuid4().hex
    for _ in range(9):
        with pytest.raises(InvalidInput, match=WRONG_CREDENTIALS):
            log_in(limiter, email=account, password="wrong password!", ip=ip, next_path="/")
    assert log_in(limiter, email=account.upper(), password=PASSWORD, ip=ip, next_path="/")
    for _ in range(9):  # the account's count started again
        with pytest.raises(InvalidInput, match=WRONG_CREDENTIALS):
            log_in(limiter, email=account, password="wrong password!", ip=ip, next_path="/")
