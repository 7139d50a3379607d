"""`python -m microshort.users create-admin EMAIL` creates an admin who can log in."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

from sqlmodel import Session, select

from microshort import migrations
from microshort.db import make_engine
from microshort.users import accounts
from microshort.users.models import User


def _create_admin(url: str, email: str, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "microshort.users", "create-admin", email, "--password-stdin"],
        input=password + "\n",
        text=True,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "DATABASE_URL": url},
    )


def test_create_admin_then_log_in(make_database: Callable[[], str]) -> None:
    url = make_database()
    migrations.upgrade(url)
    done = _create_admin(url, "Boss@Example.com", "a strong admin passphrase")
    assert done.returncode == 0, done.stderr
    assert "Created admin boss@example.com" in done.stdout
    engine = make_engine(url)
    with Session(engine) as session:
        user = accounts.authenticate(
            session, email="boss@example.com", password="a strong admin passphrase"
        )
        assert user.role == "admin"
    again = _create_admin(url, "boss@example.com", "another admin passphrase")
    assert "Promoted admin" in again.stdout
    with Session(engine) as session:
        assert len(session.exec(select(User)).all()) == 1
    engine.dispose()


def test_weak_password_is_refused(make_database: Callable[[], str]) -> None:
    url = make_database()
    migrations.upgrade(url)
    done = _create_admin(url, "boss@example.com", "short")
    assert done.returncode == 1
    assert "at least 10 characters" in done.stderr
