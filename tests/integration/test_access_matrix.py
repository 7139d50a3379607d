"""Role x page and role x API route: every page and route that exists must be declared here,
so a new one cannot ship without saying who may use it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import ROUTES, api_app
from microshort.db import make_engine, session_scope
from microshort.ui.access import PAGE_ACCESS
from microshort.users import sessions
from microshort.users.permissions import allows
from microshort.users.sessions import SESSION_COOKIE
from tests.principals import PRINCIPALS, Principal, make_principals

EVERYONE = set(PRINCIPALS)
SIGNED_IN = EVERYONE - {"anonymous"}
CREATORS = {"creator", "other_creator", "admin"}
ADMINS = {"admin"}

PAGES_EXPECTED = {
    "/": EVERYONE,
    "/series/[slug]": EVERYONE,
    "/login": EVERYONE,
    "/signup": EVERYONE,
    "/forgot-password": EVERYONE,
    "/reset-password/[token]": EVERYONE,
    "/confirm-email/[token]": EVERYONE,
    "404": EVERYONE,
    "/account": SIGNED_IN,
    "/become-creator": SIGNED_IN,
    "/studio": CREATORS,
    "/studio/episodes/[episode_id]": CREATORS,
    "/studio/series/[series_id]": CREATORS,
    "/watch/[episode_id]": EVERYONE,
    "/admin": ADMINS,
    "/admin/outbox": ADMINS,
    "/admin/reports": ADMINS,
    "/genres/[genre]": EVERYONE,
    "/creators/[slug]": EVERYONE,
    "/search": EVERYONE,
    "/library": SIGNED_IN,
    "/studio/payouts": CREATORS,
    "/studio/share/[series_id]": CREATORS,
    "/checkout/[session_id]": SIGNED_IN,
    "/purchase/complete": SIGNED_IN,
    "/purchases": SIGNED_IN,
}

# (method, concrete path) per route, and who gets a non-4xx-auth answer.
API_EXPECTED: dict[str, tuple[str, str, set[str]]] = {
    "/api/health": ("GET", "/api/health", EVERYONE),
    "/api/openapi.json": ("GET", "/api/openapi.json", EVERYONE),
    # This machine or a bearer token only (test_metrics.py); the test client is neither.
    "/metrics": ("GET", "/metrics", set()),
    "/api/auth/complete": ("GET", "/api/auth/complete?code=nope", EVERYONE),
    "/api/auth/signout": ("POST", "/api/auth/signout", EVERYONE),
    "/media/{key:path}": ("GET", "/media/public/none.jpg", EVERYONE),
    # The viewer is whoever the cookies say; an unknown episode is a 404 (anonymous: 401).
    "/api/progress/{episode_id:int}": ("POST", "/api/progress/999999", SIGNED_IN),
    # A capability URL (random, single-use, expiring); an unknown one is a 404 for everyone.
    "/api/uploads/{upload_id}": ("PUT", "/api/uploads/unknown-upload-link-000000", EVERYONE),
    # Free episodes play for all; locked ones need a signed token (tests/…/protected_media).
    "/media/hls/{episode_id:int}/{file:path}": ("GET", "/media/hls/1/master.m3u8", EVERYONE),
    # Unsigned: 400 (or 503 when no Mux secret is set); the signature is the protection.
    "/api/webhooks/mux": ("POST", "/api/webhooks/mux", EVERYONE),
    # Unsigned: 400 (or 503 when no Stripe webhook secret is set), like the Mux one.
    "/api/webhooks/stripe": ("POST", "/api/webhooks/stripe", EVERYONE),
    "/ws/rooms/{episode_id:int}": ("GET", "/ws/rooms/1", EVERYONE),  # HTTP: 404; ticket: 4401
    # Link-preview pictures of listed series and episodes (others: 404 for everyone).
    "/og/series/{slug}.jpg": ("GET", "/og/series/none.jpg", EVERYONE),
    "/og/episodes/{episode_id:int}.jpg": ("GET", "/og/episodes/1.jpg", EVERYONE),
    "/og/default.jpg": ("GET", "/og/default.jpg", EVERYONE),
    # Crawlers' view of the catalogue: public by nature, nothing private listed in it.
    "/sitemap.xml": ("GET", "/sitemap.xml", EVERYONE),
    "/sitemaps/{page:int}.xml": ("GET", "/sitemaps/1.xml", EVERYONE),
    "/robots.txt": ("GET", "/robots.txt", EVERYONE),
    # The installable app: manifest, service worker, offline page (public, no viewer data).
    "/manifest.webmanifest": ("GET", "/manifest.webmanifest", EVERYONE),
    "/sw.js": ("GET", "/sw.js", EVERYONE),
    "/offline.html": ("GET", "/offline.html", EVERYONE),
    # What a viewer may keep offline; an unknown episode is a 404 (anonymous: 401).
    "/api/offline/check": ("POST", "/api/offline/check", SIGNED_IN),
    # The public pages' server-rendered first HTML (the same for everyone: no viewer data).
    "/": ("GET", "/", EVERYONE),
    "/search": ("GET", "/search", EVERYONE),
    "/series/{slug}": ("GET", "/series/none", EVERYONE),
    "/watch/{episode_id}": ("GET", "/watch/1", EVERYONE),
    "/creators/{slug}": ("GET", "/creators/none", EVERYONE),
    "/genres/{genre}": ("GET", "/genres/drama", EVERYONE),
    # Anyone may share (a visitor through their cookie); an unknown episode is a 404.
    "/api/share-links": ("POST", "/api/share-links", EVERYONE),
    # Short links lead to public pages only: an unknown code is a 404 for everyone.
    "/s/{code}": ("GET", "/s/unknown0", EVERYONE),
}


def _registered_pages() -> set[str]:
    from microshort.app import app

    def route(name: str) -> str:
        return "/" if name == "index" else name if name == "404" else f"/{name}"

    return {route(name) for name in app._unevaluated_pages}


def test_every_page_is_declared() -> None:
    registered = _registered_pages()
    assert registered == set(PAGE_ACCESS), "every page needs an Access level in ui/access.py"
    assert registered == set(PAGES_EXPECTED), "every page needs an expectation in this test"


def test_every_api_route_is_declared() -> None:
    assert {route.path for route in ROUTES} == set(API_EXPECTED)


@pytest.fixture(scope="module")
def principals(make_database: Callable[[], str]) -> Iterator[tuple[str, dict[str, Principal]]]:
    url = make_database()
    migrations.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        made = make_principals(session)
        session.commit()
    yield url, made
    engine.dispose()


@pytest.mark.parametrize("route", sorted(PAGES_EXPECTED))
@pytest.mark.parametrize("who", PRINCIPALS)
def test_page_access(principals: tuple[str, dict[str, Principal]], route: str, who: str) -> None:
    _url, made = principals
    assert allows(PAGE_ACCESS[route], made[who].user) == (who in PAGES_EXPECTED[route])


@pytest.mark.parametrize("route", sorted(API_EXPECTED))
@pytest.mark.parametrize("who", PRINCIPALS)
def test_api_access(
    principals: tuple[str, dict[str, Principal]],
    app_settings: Callable[[str], Path],
    route: str,
    who: str,
) -> None:
    url, made = principals
    app_settings(url)
    method, path, allowed = API_EXPECTED[route]
    client = TestClient(api_app(), follow_redirects=False)
    user = made[who].user
    if user is not None:  # a fresh session each time: the sign-out route ends the one it gets
        with session_scope() as session:
            client.cookies.set(SESSION_COOKIE, sessions.create(session, user_id=user.id, days=1))
    status = client.request(method, path).status_code
    assert (status not in {401, 403}) == (who in allowed), status
