"""Share-link tests' browsers, catalogue and look-ups (test_share_links, test_share_attribution,
test_share_kit): the app's routes over https, as a person's browser or a preview bot."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from microshort.analytics.models import AttributionTouch, VisitorAttribution
from microshort.analytics.visitor_id import VISITOR_COOKIE
from microshort.api.public_pages import shell
from microshort.api.routes import api_app
from microshort.db import get_engine
from microshort.social.models import ShareLink
from microshort.users import accounts
from microshort.users.models import User
from tests.public_pages_support import PUBLIC_URL, write_shells

BROWSER = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)
PREVIEW_BOTS = {
    "facebook": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "whatsapp": "WhatsApp/2.23.20.0 A",
    "x": "Twitterbot/1.0",
    "slack": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "discord": "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "imessage": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 "
    "(KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot "
    "Twitterbot/1.0",
    "telegram": "TelegramBot (like TwitterBot)",
    "curl": "curl/8.5.0",
}
CODE = re.compile(r"^/s/[A-Za-z0-9]{8}$")
PASSWORD = "a long passphrase 1"


def browsers(
    database_url: str,
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[Callable[..., TestClient]]:
    """For an `app` fixture: new browsers (each its own cookie jar) on the app's routes, over
    https, on this database."""
    monkeypatch.setenv("MICROSHORT_PUBLIC_URL", PUBLIC_URL)
    app_settings(database_url)
    shell.use_build_dir(write_shells(tmp_path / "build"))

    def browser(user_agent: str = BROWSER) -> TestClient:
        client = TestClient(api_app(), base_url=PUBLIC_URL, follow_redirects=False)
        client.headers["user-agent"] = user_agent
        return client

    try:
        yield browser
    finally:
        shell.use_build_dir(shell.FRONTEND_BUILD)


def signed_up(session: Session, email: str, *, anonymous_id: str | None = None) -> User:
    """A new account, as the sign-up form makes it (joined to this visitor id, if given)."""
    return accounts.sign_up(
        session,
        email=email,
        password=PASSWORD,
        display_name=email.split("@")[0].title(),
        base_url=PUBLIC_URL,
        anonymous_id=anonymous_id,
    )


def visitor(client: TestClient) -> str:
    """Open the home page like a first visit; the visitor id from the cookie it sets."""
    if VISITOR_COOKIE not in client.cookies:
        assert client.get("/").status_code == 200
    return client.cookies[VISITOR_COOKIE].split(".")[0]


def share(client: TestClient, **body: object) -> str:
    visitor(client)
    response = client.post("/api/share-links", json=body)
    assert response.status_code == 201, response.text
    assert CODE.fullmatch(response.json()["path"])
    assert response.json()["url"] == PUBLIC_URL + response.json()["path"]
    return str(response.json()["path"])


def link_row(code_path: str) -> ShareLink:
    with Session(get_engine()) as session:
        return session.exec(select(ShareLink).where(ShareLink.code == code_path[3:])).one()


def touches(anonymous_id: str) -> list[AttributionTouch]:
    with Session(get_engine()) as session:
        return list(
            session.exec(
                select(AttributionTouch)
                .where(AttributionTouch.anonymous_id == anonymous_id)
                .order_by(col(AttributionTouch.id))
            )
        )


def visitor_row(anonymous_id: str) -> VisitorAttribution | None:
    with Session(get_engine()) as session:
        return session.get(VisitorAttribution, anonymous_id)
