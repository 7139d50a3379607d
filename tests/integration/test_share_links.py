"""Share links over plain HTTP, as a chat app's preview bot and as a person meet them: codes
made and validated, the bot's preview (no JavaScript), the person's redirect with the click
counted, first- and last-touch attribution on the visitor cookie, joined to the account at
sign-up and stamped on the purchase."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from microshort.analytics.attribution import stamp_for
from microshort.analytics.models import AnalyticsEvent, AttributionTouch, VisitorAttribution
from microshort.analytics.visitor_id import VISITOR_COOKIE
from microshort.api.public_pages import shell
from microshort.api.routes import api_app
from microshort.content.models import Season
from microshort.db import get_engine, utcnow
from microshort.payments import ledger
from microshort.payments.models import PaymentProvider, Transaction
from microshort.social.models import ShareLink
from microshort.users import accounts, sessions
from tests.payments_support import purchase
from tests.public_pages_support import (
    PUBLIC_URL,
    Catalogue,
    committed_catalogue,
    read_page,
    write_shells,
)

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
    """New browsers (each its own cookie jar) on the app's routes, served over https."""
    monkeypatch.setenv("MICROSHORT_PUBLIC_URL", PUBLIC_URL)
    app_settings(catalogue[0])
    shell.use_build_dir(write_shells(tmp_path / "build"))

    def browser(user_agent: str = BROWSER) -> TestClient:
        client = TestClient(api_app(), base_url=PUBLIC_URL, follow_redirects=False)
        client.headers["user-agent"] = user_agent
        return client

    try:
        yield browser
    finally:
        shell.use_build_dir(shell.FRONTEND_BUILD)


def _visitor(client: TestClient) -> str:
    """Open the home page like a first visit; the visitor id from the cookie it sets."""
    if VISITOR_COOKIE not in client.cookies:
        assert client.get("/").status_code == 200
    return client.cookies[VISITOR_COOKIE].split(".")[0]


def _share(client: TestClient, **body: object) -> str:
    _visitor(client)
    response = client.post("/api/share-links", json=body)
    assert response.status_code == 201, response.text
    assert CODE.fullmatch(response.json()["path"])
    assert response.json()["url"] == PUBLIC_URL + response.json()["path"]
    return str(response.json()["path"])


def _link(code_path: str) -> ShareLink:
    with Session(get_engine()) as session:
        return session.exec(select(ShareLink).where(ShareLink.code == code_path[3:])).one()


def _touches(anonymous_id: str) -> list[AttributionTouch]:
    with Session(get_engine()) as session:
        return list(
            session.exec(
                select(AttributionTouch)
                .where(AttributionTouch.anonymous_id == anonymous_id)
                .order_by(col(AttributionTouch.id))
            )
        )


def _visitor_row(anonymous_id: str) -> VisitorAttribution | None:
    with Session(get_engine()) as session:
        return session.get(VisitorAttribution, anonymous_id)


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
    anonymous_id = _visitor(client)
    episode = made.episodes[1]
    path = _share(client, episode_id=episode, channel="copy")
    assert _share(client, episode_id=episode, channel="copy") == path  # reused
    native = _share(client, episode_id=episode, channel="native")
    moment = _share(client, episode_id=episode, channel="copy", t=30)
    series = _share(client, series=made.series.slug, channel="whatsapp")
    assert len({path, native, moment, series}) == 4
    link = _link(moment)
    assert (link.episode_id, link.moment_seconds, link.channel) == (episode, 30, "copy")
    assert (link.created_by, link.sharer_anonymous_id) == (None, anonymous_id)
    assert (link.utm_source, link.utm_medium) == ("copy", "share")
    assert _link(series).episode_id is None
    # Another visitor sharing the same episode gets a link of their own.
    assert _share(app(), episode_id=episode, channel="copy") != path


def test_a_signed_in_sharer_is_recorded(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    with Session(get_engine(), expire_on_commit=False) as session:
        user = accounts.sign_up(
            session,
            email="sharer@example.com",
            password="a long passphrase 1",
            display_name="Sharer",
            base_url=PUBLIC_URL,
        )
        token = sessions.create(session, user_id=user.id or 0, days=1)
        session.commit()
    client = app()
    client.cookies.set(sessions.SESSION_COOKIE, token)
    link = _link(_share(client, episode_id=catalogue[1].episodes[0], channel="x"))
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
    _visitor(client)
    response = client.post("/api/share-links", json=body)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_only_public_things_and_real_moments_are_shared(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made, client = catalogue[1], app()
    _visitor(client)
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
    _visitor(client)
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
    path = _share(app(), episode_id=episode, channel="copy", t=12)
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
    assert _link(path).clicks == 0  # a preview fetch is not a click


def test_bots_get_the_series_preview_for_a_series_link(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made = catalogue[1]
    path = _share(app(), series=made.other_series.slug, channel="telegram")
    page = read_page(app(PREVIEW_BOTS["curl"]).get(path).text)
    assert page.one("og:url") == f"{PUBLIC_URL}/series/{made.other_series.slug}"
    assert page.one("og:type") == "video.tv_show"
    assert page.one("og:title").startswith("Second Chances")
    assert page.one("og:image").startswith(f"{PUBLIC_URL}/og/series/{made.other_series.slug}.jpg")


def test_people_are_redirected_and_attributed_first_and_last_touch(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made = catalogue[1]
    episode = made.episodes[1]
    path = _share(app(), episode_id=episode, channel="native", t=42)
    person = app()
    person.headers["referer"] = "https://web.whatsapp.com/"
    response = person.get(path)
    assert response.status_code == 302
    assert response.headers["location"] == f"/watch/{episode}?t=42"
    assert response.headers["cache-control"] == "no-store"
    assert "HttpOnly" in response.headers["set-cookie"]  # the visitor's cookie, on arrival
    visitor = person.cookies[VISITOR_COOKIE].split(".")[0]
    link = _link(path)
    assert link.clicks == 1
    [touch] = _touches(visitor)
    assert (touch.share_link_id, touch.series_id, touch.episode_id) == (
        link.id,
        made.series.id,
        episode,
    )
    assert (touch.utm_source, touch.utm_medium, touch.referrer_host) == (
        "native",
        "share",
        "web.whatsapp.com",
    )
    with Session(get_engine()) as session:
        event = session.exec(
            select(AnalyticsEvent).where(
                AnalyticsEvent.name == "share_click", AnalyticsEvent.anonymous_id == visitor
            )
        ).one()
    assert (event.share_link_id, event.utm_source, event.episode_id) == (link.id, "native", episode)
    row = _visitor_row(visitor)
    assert row is not None
    assert row.first_touch_id == row.last_touch_id == touch.id

    # Later the same visitor lands from a tagged post: that is the last touch, the first stays.
    landing = f"/series/{made.other_series.slug}?utm_source=tiktok&utm_medium=social"
    landing += "&utm_campaign=launch"
    assert person.get(landing).status_code == 200
    assert person.get(landing).status_code == 200  # a reload is the same arrival
    first, last = _touches(visitor)
    assert (last.utm_source, last.utm_campaign, last.series_id, last.share_link_id) == (
        "tiktok",
        "launch",
        made.other_series.id,
        None,
    )
    row = _visitor_row(visitor)
    assert row is not None
    assert (row.first_touch_id, row.last_touch_id) == (first.id, last.id)
    # An untagged page is no touch.
    person.get(f"/series/{made.series.slug}")
    assert len(_touches(visitor)) == 2


def test_attribution_joins_the_account_at_sign_up_and_is_stamped_on_the_purchase(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made = catalogue[1]
    person = app()
    assert person.get("/?utm_source=newsletter&utm_campaign=december").status_code == 200
    visitor = person.cookies[VISITOR_COOKIE].split(".")[0]
    path = _share(app(), series=made.series.slug, channel="whatsapp")
    assert person.get(path).headers["location"] == f"/series/{made.series.slug}"
    first, last = _touches(visitor)

    with Session(get_engine(), expire_on_commit=False) as session:
        user = accounts.sign_up(
            session,
            email="arrived@example.com",
            password="a long passphrase 2",
            display_name="Arrived",
            base_url=PUBLIC_URL,
            anonymous_id=visitor,
        )
        session.commit()
    row = _visitor_row(visitor)
    assert row is not None
    assert (row.user_id, row.signup_touch_id) == (user.id, last.id)
    assert row.signed_up_at is not None
    assert {touch.user_id for touch in _touches(visitor)} == {user.id}

    with Session(get_engine(), expire_on_commit=False) as session:
        season = session.exec(
            select(Season).where(Season.series_id == made.series.id, Season.number == 1)
        ).one()
        bought = ledger.record_purchase(
            session,
            purchase(user, season=season),
            provider=PaymentProvider.LOCAL,
            platform_fee_percent=20,
            now=utcnow(),
        )
        session.commit()
    assert bought is not None
    with Session(get_engine()) as session:
        stamped = session.get_one(Transaction, bought.id)
        event = session.exec(
            select(AnalyticsEvent).where(
                AnalyticsEvent.name == "purchase", AnalyticsEvent.user_id == user.id
            )
        ).one()
    assert (stamped.first_touch_id, stamped.last_touch_id) == (first.id, last.id)
    assert (event.share_link_id, event.utm_source) == (_link(path).id, "whatsapp")


def test_a_turned_off_link_says_so(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    path = _share(app(), series=catalogue[1].series.slug, channel="email")
    with Session(get_engine()) as session:
        session.execute(
            sa.update(ShareLink).where(col(ShareLink.code) == path[3:]).values(disabled_at=utcnow())
        )
        session.commit()
    for client in (app(), app(PREVIEW_BOTS["whatsapp"])):
        response = client.get(path)
        assert response.status_code == 410
        assert "This link was turned off" in response.text
    assert _link(path).clicks == 0


def test_a_log_in_on_another_device_joins_that_devices_visits(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    with Session(get_engine(), expire_on_commit=False) as session:
        user = accounts.sign_up(
            session,
            email="two-devices@example.com",
            password="a long passphrase 4",
            display_name="Two Devices",
            base_url=PUBLIC_URL,
        )
        session.commit()
    tablet = app()
    path = _share(app(), series=catalogue[1].other_series.slug, channel="facebook")
    tablet.get(path)
    visitor = tablet.cookies[VISITOR_COOKIE].split(".")[0]
    with Session(get_engine()) as session:
        handoff = accounts.issue_login_handoff(session, user_id=user.id or 0, next_path="/")
        session.commit()
    tablet.cookies.set(sessions.LOGIN_NONCE_COOKIE, handoff.nonce)
    assert tablet.get(f"/api/auth/complete?code={handoff.code}").status_code == 303
    [touch] = _touches(visitor)
    assert touch.user_id == user.id
    row = _visitor_row(visitor)
    assert row is not None
    assert (row.user_id, row.signup_touch_id) == (user.id, None)  # joined, not a sign-up
    with Session(get_engine()) as session:
        # What a purchase by this account would be stamped with.
        assert stamp_for(session, user.id or 0) == (touch.id, touch.id)
