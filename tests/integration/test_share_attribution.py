"""Attribution through share links over plain HTTP: the person's first and last touch on the
visitor cookie, joined to the account at sign-up or log-in and stamped on the purchase."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from microshort.analytics.attribution import stamp_for
from microshort.analytics.models import AnalyticsEvent
from microshort.analytics.visitor_id import VISITOR_COOKIE
from microshort.content.models import Season
from microshort.db import get_engine, utcnow
from microshort.payments import ledger
from microshort.payments.models import PaymentProvider, Transaction
from microshort.users import accounts, sessions
from tests.payments_support import purchase
from tests.public_pages_support import Catalogue, committed_catalogue
from tests.share_support import (
    browsers,
    link_row,
    share,
    signed_up,
    touches,
    visitor_row,
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


def test_people_are_redirected_and_attributed_first_and_last_touch(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made = catalogue[1]
    episode = made.episodes[1]
    path = share(app(), episode_id=episode, channel="native", t=42)
    person = app()
    person.headers["referer"] = "https://web.whatsapp.com/"
    response = person.get(path)
    assert response.status_code == 302
    assert response.headers["location"] == f"/watch/{episode}?t=42"
    assert response.headers["cache-control"] == "no-store"
    assert "HttpOnly" in response.headers["set-cookie"]  # the visitor's cookie, on arrival
    visitor = person.cookies[VISITOR_COOKIE].split(".")[0]
    link = link_row(path)
    assert link.clicks == 1
    [touch] = touches(visitor)
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
    row = visitor_row(visitor)
    assert row is not None
    assert row.first_touch_id == row.last_touch_id == touch.id

    # Later the same visitor lands from a tagged post: that is the last touch, the first stays.
    landing = f"/series/{made.other_series.slug}?utm_source=tiktok&utm_medium=social"
    landing += "&utm_campaign=launch"
    assert person.get(landing).status_code == 200
    assert person.get(landing).status_code == 200  # a reload is the same arrival
    first, last = touches(visitor)
    assert (last.utm_source, last.utm_campaign, last.series_id, last.share_link_id) == (
        "tiktok",
        "launch",
        made.other_series.id,
        None,
    )
    row = visitor_row(visitor)
    assert row is not None
    assert (row.first_touch_id, row.last_touch_id) == (first.id, last.id)
    # An untagged page is no touch.
    person.get(f"/series/{made.series.slug}")
    assert len(touches(visitor)) == 2


def test_attribution_joins_the_account_at_sign_up_and_is_stamped_on_the_purchase(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    made = catalogue[1]
    person = app()
    assert person.get("/?utm_source=newsletter&utm_campaign=december").status_code == 200
    visitor = person.cookies[VISITOR_COOKIE].split(".")[0]
    path = share(app(), series=made.series.slug, channel="whatsapp")
    assert person.get(path).headers["location"] == f"/series/{made.series.slug}"
    first, last = touches(visitor)

    with Session(get_engine(), expire_on_commit=False) as session:
        user = signed_up(session, "arrived@example.com", anonymous_id=visitor)
        session.commit()
    row = visitor_row(visitor)
    assert row is not None
    assert (row.user_id, row.signup_touch_id) == (user.id, last.id)
    assert row.signed_up_at is not None
    assert {touch.user_id for touch in touches(visitor)} == {user.id}

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
    assert (event.share_link_id, event.utm_source) == (link_row(path).id, "whatsapp")


def test_a_log_in_on_another_device_joins_that_devices_visits(
    app: Callable[..., TestClient], catalogue: tuple[str, Catalogue]
) -> None:
    with Session(get_engine(), expire_on_commit=False) as session:
        user = signed_up(session, "two-devices@example.com")
        session.commit()
    tablet = app()
    path = share(app(), series=catalogue[1].other_series.slug, channel="facebook")
    tablet.get(path)
    visitor = tablet.cookies[VISITOR_COOKIE].split(".")[0]
    with Session(get_engine()) as session:
        handoff = accounts.issue_login_handoff(session, user_id=user.id or 0, next_path="/")
        session.commit()
    tablet.cookies.set(sessions.LOGIN_NONCE_COOKIE, handoff.nonce)
    assert tablet.get(f"/api/auth/complete?code={handoff.code}").status_code == 303
    [touch] = touches(visitor)
    assert touch.user_id == user.id
    row = visitor_row(visitor)
    assert row is not None
    assert (row.user_id, row.signup_touch_id) == (user.id, None)  # joined, not a sign-up
    with Session(get_engine()) as session:
        # What a purchase by this account would be stamped with.
        assert stamp_for(session, user.id or 0) == (touch.id, touch.id)
