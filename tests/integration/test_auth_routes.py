"""The session cookie: set HttpOnly by the hand-off route, rotated at log-in, cleared at
sign-out, never an open redirect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.auth import safe_next
from microshort.api.routes import api_app
from microshort.db import make_engine
from microshort.users import accounts, sessions
from microshort.users.models import User


@pytest.fixture
def setup(make_database: Callable[[], str], app_settings: Callable[[str], Path]):
    url = make_database()
    migrations.upgrade(url)
    app_settings(url)
    engine = make_engine(url)
    with Session(engine) as session:
        user = User(email="c@example.com", display_name="C")
        session.add(user)
        session.commit()
        user_id = user.id or 0
    yield engine, user_id
    engine.dispose()


def _handoff(engine, user_id: int, next_path: str = "/account") -> accounts.LoginHandoff:
    with Session(engine) as session:
        handoff = accounts.issue_login_handoff(session, user_id=user_id, next_path=next_path)
        session.commit()
    return handoff


def _code(engine, user_id: int, next_path: str = "/account", client: TestClient | None = None):
    """A hand-off code, its nonce set in the client's cookies as the log-in page does."""
    handoff = _handoff(engine, user_id, next_path)
    if client is not None:
        client.cookies.set(sessions.LOGIN_NONCE_COOKIE, handoff.nonce)
    return handoff.code


def test_hand_off_sets_an_httponly_cookie_once(setup) -> None:
    engine, user_id = setup
    client = TestClient(api_app(), follow_redirects=False)
    code = _code(engine, user_id, client=client)
    response = client.get(f"/api/auth/complete?code={code}")
    assert response.status_code == 303
    assert response.headers["location"] == "/account"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith(sessions.SESSION_COOKIE)
    )
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert response.headers["cache-control"] == "no-store"
    again = TestClient(api_app(), follow_redirects=False).get(f"/api/auth/complete?code={code}")
    assert again.headers["location"] == "/login?expired=1"
    assert sessions.SESSION_COOKIE not in again.headers.get("set-cookie", "")


def test_log_in_rotates_the_previous_session(setup) -> None:
    engine, user_id = setup
    client = TestClient(api_app(), follow_redirects=False)
    first = client.get(f"/api/auth/complete?code={_code(engine, user_id, client=client)}").cookies[
        sessions.SESSION_COOKIE
    ]
    client.cookies.set(sessions.SESSION_COOKIE, first)
    second = client.get(f"/api/auth/complete?code={_code(engine, user_id, client=client)}").cookies[
        sessions.SESSION_COOKIE
    ]
    assert first != second
    with Session(engine) as session:
        assert sessions.resolve(session, first, days=30) is None
        assert sessions.resolve(session, second, days=30) is not None


def test_sign_out_revokes_and_clears(setup) -> None:
    engine, user_id = setup
    client = TestClient(api_app(), follow_redirects=False)
    token = client.get(f"/api/auth/complete?code={_code(engine, user_id, client=client)}").cookies[
        sessions.SESSION_COOKIE
    ]
    client.cookies.set(sessions.SESSION_COOKIE, token)
    response = client.post("/api/auth/signout", headers={"Origin": "http://localhost:3000"})
    assert response.status_code == 303
    assert 'ms_session=""' in response.headers["set-cookie"]
    with Session(engine) as session:
        assert sessions.resolve(session, token, days=30) is None


def test_an_attackers_code_does_not_sign_a_victim_in(setup) -> None:
    """Log-in CSRF: the attacker logs in, keeps their code, sends the victim the link."""
    engine, attacker_id = setup
    attackers_code = _handoff(engine, attacker_id).code
    victim = TestClient(api_app(), follow_redirects=False)
    victim.cookies.set(sessions.LOGIN_NONCE_COOKIE, "the victim's own, from another log-in")
    response = victim.get(f"/api/auth/complete?code={attackers_code}")
    assert response.headers["location"] == "/login?expired=1"
    assert sessions.SESSION_COOKIE not in response.headers.get("set-cookie", "")
    no_nonce = TestClient(api_app(), follow_redirects=False)
    response = no_nonce.get(f"/api/auth/complete?code={attackers_code}")
    assert response.headers["location"] == "/login?expired=1"
    assert sessions.SESSION_COOKIE not in response.headers.get("set-cookie", "")


def test_sign_out_needs_a_post_from_our_own_pages(setup) -> None:
    engine, user_id = setup
    client = TestClient(api_app(), follow_redirects=False)
    token = client.get(f"/api/auth/complete?code={_code(engine, user_id, client=client)}").cookies[
        sessions.SESSION_COOKIE
    ]
    client.cookies.set(sessions.SESSION_COOKIE, token)
    assert client.get("/api/auth/signout").status_code == 405  # a link or <img> on any site
    cross_site = client.post("/api/auth/signout", headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    with Session(engine) as session:
        assert sessions.resolve(session, token, days=30) is not None


@pytest.mark.parametrize(
    ("asked", "safe"),
    [
        ("/account", "/account"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
        ("/\\evil.example", "/"),
        (None, "/"),
        ("series/x", "/"),
        ("/\t/evil.example", "/"),  # browsers drop tabs and newlines: it would read //evil…
        ("/\n/evil.example", "/"),
        ("/ok path", "/"),
    ],
)
def test_next_is_always_local(asked: str | None, safe: str) -> None:
    assert safe_next(asked) == safe
