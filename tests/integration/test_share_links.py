"""Share links over plain HTTP, as a chat app's preview bot and as a person meet them: codes
made and validated, the bot's preview (no JavaScript), the person's redirect with the click
counted; a turned-off link says so."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col
from starlette.testclient import TestClient

from microshort.analytics.visitor_id import VISITOR_COOKIE
from microshort.db import get_engine, utcnow
from microshort.social.models import ShareLink
from microshort.users import sessions
from tests.public_pages_support import PUBLIC_URL, Catalogue, committed_catalogue, read_page
from tests.share_support import (
    PREVIEW_BOTS,
    browsers,
    link_row,
    share,
    signed_up,
    visitor,
)


@pytest.fixture(scope="module")
def catalogue(make_database: Callable[[], str]) -> tuple[str, Catalogue]:
    return committed_catalogue(make_database)


@pytest.fixture
def app(
    catalogue: tuple[str, Catalogue],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[Callable[..., TestClient]]:
    yield from browsers(catalogue[0], app_settings, monkeypatch, tmp_path)


def test_first_visit_gets_a_signed_httponly_visitor_cookie(
    app: Callable[..., TestClient],
) -> None:
    client = app()
    response = client.get("/")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{VISITOR_COOKIE}=")
    for part in ("HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=31536000"):
        assert part in cookie
    assert "set-cookie" not in client.get("/").headers  # kept, not re-issued
    # A forged or unsigned id is replaced, never trusted.
    forged = app()
    forged.cookies.set(VISITOR_COOKIE, "0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAA")
    reissued = forged.get("/").headers["set-cookie"]
    assert "0123456789abcdef0123456789abcdef" not in reissued
    # Files are served without one (hashed assets stay cacheable), and the API only reads it.
    assert "set-cookie" not in app().get("/og/default.jpg").headers
    assert "set-cookie" not in app().get("/api/health").headers
    cookieless = app().post("/api/share-links", json={"series": "x", "channel": "copy"})
    assert cookieless.status_code == 400
    assert "needs cookies" in cookieless.json()["error"]


def test_anyone_makes_a_link_once_per_thing_and_channel(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made = catalogue[1]
    client = app()
    anonymous_id = visitor(client)
    episode = made.episodes[1]
    path = share(client, episode_id=episode, channel="copy")
    assert share(client, episode_id=episode, channel="copy") == path  # reused
    native = share(client, episode_id=episode, channel="native")
    moment = share(client, episode_id=episode, channel="copy", t=30)
    series = share(client, series=made.series.slug, channel="whatsapp")
    assert len({path, native, moment, series}) == 4
    link = link_row(moment)
    assert (link.episode_id, link.moment_seconds, link.channel) == (episode, 30, "copy")
    assert (link.created_by, link.sharer_anonymous_id) == (None, anonymous_id)
    assert (link.utm_source, link.utm_medium) == ("copy", "share")
    assert link_row(series).episode_id is None
    # Another visitor sharing the same episode gets a link of their own.
    assert share(app(), episode_id=episode, channel="copy") != path


def test_a_signed_in_sharer_is_recorded(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    with Session(get_engine(), expire_on_commit=False) as session:
        user = signed_up(session, "sharer@example.com")
        token = sessions.create(session, user_id=user.id or 0, days=1)
        session.commit()
    client = app()
    client.cookies.set(sessions.SESSION_COOKIE, token)
    link = link_row(share(client, episode_id=catalogue[1].episodes[0], channel="x"))
    assert (link.created_by, link.sharer_anonymous_id, link.channel) == (user.id, None, "x")


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"episode_id": 1, "channel": "carrier-pigeon"}, 400, "Unknown share channel"),
        ({"channel": "copy"}, 400, "a series or an episode"),
        ({"episode_id": "12", "channel": "copy"}, 400, "whole number"),
        ({"episode_id": 2**40, "channel": "copy"}, 404, "could not find that episode"),
        ({"series": "no-such-series", "channel": "copy"}, 404, "could not find that series"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(
    app: Callable[..., TestClient], body: dict[str, object], status: int, message: str
) -> None:
    client = app()
    visitor(client)
    response = client.post("/api/share-links", json=body)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_only_public_things_and_real_moments_are_shared(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made, client = catalogue[1], app()
    visitor(client)
    for body in (
        {"episode_id": made.hidden_episode},  # its series is hidden
        {"episode_id": made.unpublished_episode},
        {"series": made.hidden_slug},
        {"series": made.draft_slug},
    ):
        assert client.post("/api/share-links", json=body).status_code == 404, body
    for moment in (
        {"episode_id": made.episodes[0], "t": 91},  # the episode is 90 s long
        {"episode_id": made.episodes[0], "t": -1},
        {"series": made.series.slug, "t": 5},  # a moment needs an episode
    ):
        assert client.post("/api/share-links", json=moment).status_code == 400, moment
    assert client.post("/api/share-links", content=b"not json").status_code == 400
    assert client.post("/api/share-links", content=b"x" * 5000).status_code == 413


def test_making_links_is_rate_limited(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    client = app()
    visitor(client)
    body = {"episode_id": catalogue[1].episodes[0], "channel": "copy"}
    for _ in range(30):
        assert client.post("/api/share-links", json=body).status_code == 201
    refused = client.post("/api/share-links", json=body)
    assert refused.status_code == 429
    assert "Too many share links made" in refused.json()["error"]
    assert int(refused.headers["retry-after"]) > 0


@pytest.mark.parametrize("code", ["unknown0", "zzzzzzzz", "a", "x" * 40, "bad%20code"])
def test_unknown_and_malformed_codes_are_a_404(app: Callable[..., TestClient], code: str) -> None:
    for client in (app(), app(PREVIEW_BOTS["facebook"])):
        response = client.get(f"/s/{code}")
        assert response.status_code == 404
        assert "location" not in response.headers
        assert read_page(response.text).one("robots") == "noindex"


@pytest.mark.parametrize("bot", sorted(PREVIEW_BOTS))
def test_preview_bots_get_the_episode_preview_without_a_redirect(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue], bot: str
) -> None:
    made = catalogue[1]
    episode = made.episodes[2]
    path = share(app(), episode_id=episode, channel="copy", t=12)
    response = app(PREVIEW_BOTS[bot]).get(path)
    assert response.status_code == 200
    assert "location" not in response.headers
    assert "User-Agent" in response.headers["vary"]
    page = read_page(response.text)
    canonical = f"{PUBLIC_URL}/watch/{episode}"
    assert page.one("og:url") == canonical  # the target's own address, not /s/…
    assert [link["href"] for link in page.links["canonical"]] == [canonical]
    assert page.one("og:type") == "video.episode"
    assert "Ep 3" in page.one("og:title")  # the episode's own title
    assert page.one("og:description") == "Synopsis of Ep 1."  # season 2's first episode
    assert page.one("og:image").startswith(f"{PUBLIC_URL}/og/episodes/{episode}.jpg?v=")
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("twitter:image") == page.one("og:image")
    assert link_row(path).clicks == 0  # a preview fetch is not a click


def test_bots_get_the_series_preview_for_a_series_link(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made = catalogue[1]
    path = share(app(), series=made.other_series.slug, channel="telegram")
    page = read_page(app(PREVIEW_BOTS["curl"]).get(path).text)
    assert page.one("og:url") == f"{PUBLIC_URL}/series/{made.other_series.slug}"
    assert page.one("og:type") == "video.tv_show"
    assert page.one("og:title").startswith("Second Chances")
    assert page.one("og:image").startswith(f"{PUBLIC_URL}/og/series/{made.other_series.slug}.jpg")


def test_a_turned_off_link_says_so(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    path = share(app(), series=catalogue[1].series.slug, channel="email")
    with Session(get_engine()) as session:
        session.execute(
            sa.update(ShareLink).where(col(ShareLink.code) == path[3:]).values(disabled_at=utcnow())
        )
        session.commit()
    for client in (app(), app(PREVIEW_BOTS["whatsapp"])):
        response = client.get(path)
        assert response.status_code == 410
        assert "This link was turned off" in response.text
    assert link_row(path).clicks == 0
