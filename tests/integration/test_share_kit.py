"""The studio share kit: only the series' creator (and admins) see it; its links are stable,
tagged per channel, lead to the series, and each channel's visits, sign-ups and purchases are
counted from what really happened through them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from microshort.analytics.visitor_id import VISITOR_COOKIE
from microshort.api.routes import api_app
from microshort.content.models import Season
from microshort.db import get_engine, utcnow
from microshort.errors import Forbidden, NotFound
from microshort.payments import ledger
from microshort.payments.models import PaymentProvider
from microshort.social.share_kit import KIT_CHANNELS, ShareKit, share_kit, turn_off_kit_link
from microshort.users import sessions
from microshort.users.models import CreatorProfile
from microshort.users.permissions import NotSignedIn
from microshort.users.schemas import CurrentUser
from tests.payments_support import purchase
from tests.principals import Principal, make_principals
from tests.public_pages_support import PUBLIC_URL, Catalogue, committed_catalogue
from tests.share_support import signed_up

BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131 Mobile"


@pytest.fixture(scope="module")
def world(make_database: Callable[[], str]) -> tuple[str, Catalogue, dict[str, Principal]]:
    url, made = committed_catalogue(make_database)
    with Session(get_engine(url), expire_on_commit=False) as session:
        principals = make_principals(session)
        owner_profile = session.get_one(CreatorProfile, made.series.creator_id)
        token = sessions.create(session, user_id=owner_profile.user_id, days=1)
        principals["owner"] = Principal("owner", token, sessions.resolve(session, token, days=1))
        session.commit()
    return url, made, principals


@pytest.fixture
def kit_of(
    world: tuple[str, Catalogue, dict[str, Principal]],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[CurrentUser | None], ShareKit]:
    monkeypatch.setenv("MICROSHORT_PUBLIC_URL", PUBLIC_URL)
    app_settings(world[0])

    def read(user: CurrentUser | None) -> ShareKit:
        with Session(get_engine()) as session:
            kit = share_kit(session, user, world[1].series.id or 0, base_url=PUBLIC_URL)
            session.commit()
            return kit

    return read


def test_only_the_creator_and_admins_see_the_kit(
    world: tuple[str, Catalogue, dict[str, Principal]],
    kit_of: Callable[[CurrentUser | None], ShareKit],
) -> None:
    people = world[2]
    assert kit_of(people["owner"].user).title == world[1].series.title
    assert kit_of(people["admin"].user).series_id == world[1].series.id
    with pytest.raises(Forbidden, match="another creator"):
        kit_of(people["creator"].user)  # an approved creator, not this series'
    with pytest.raises(Forbidden):
        kit_of(people["viewer"].user)
    with pytest.raises(NotSignedIn):
        kit_of(None)
    with Session(get_engine()) as session, pytest.raises(NotFound):
        share_kit(session, people["owner"].user, 2**31 - 1, base_url=PUBLIC_URL)


def test_the_kit_has_a_stable_tagged_link_per_channel_and_a_qr_code(
    world: tuple[str, Catalogue, dict[str, Principal]],
    kit_of: Callable[[CurrentUser | None], ShareKit],
) -> None:
    slug = world[1].series.slug
    kit = kit_of(world[2]["owner"].user)
    assert [link.channel for link in kit.links] == [channel.value for channel, _ in KIT_CHANNELS]
    assert len({link.short_url for link in kit.links}) == len(KIT_CHANNELS)
    assert kit.main_url == kit.links[0].short_url
    assert kit_of(world[2]["admin"].user).links == kit.links  # the series' links, not the viewer's
    whatsapp = next(link for link in kit.links if link.channel == "whatsapp")
    query = parse_qs(urlsplit(whatsapp.utm_url).query)
    assert urlsplit(whatsapp.utm_url).path == f"/series/{slug}"
    assert query == {
        "utm_source": ["whatsapp"],
        "utm_medium": ["share-kit"],
        "utm_campaign": [slug],
    }
    assert whatsapp.post_url.startswith("https://wa.me/?text=")
    assert whatsapp.short_url in unquote(whatsapp.post_url)
    assert kit.qr_svg.startswith("data:image/svg+xml")
    assert kit.qr_url.endswith(next(link for link in kit.links if link.channel == "qr").short_url)
    assert kit.listed


def test_counts_follow_visits_sign_ups_and_purchases_per_channel(
    world: tuple[str, Catalogue, dict[str, Principal]],
    kit_of: Callable[[CurrentUser | None], ShareKit],
) -> None:
    made, owner = world[1], world[2]["owner"].user
    kit = kit_of(owner)
    links = {link.channel: link for link in kit.links}
    client = TestClient(api_app(), base_url=PUBLIC_URL, follow_redirects=False)
    client.headers["user-agent"] = BROWSER
    # Someone taps the WhatsApp post's link, signs up and buys the first season.
    opened = client.get(urlsplit(links["whatsapp"].short_url).path)
    assert opened.headers["location"] == f"/series/{made.series.slug}"
    visitor = client.cookies[VISITOR_COOKIE].split(".")[0]
    with Session(get_engine(), expire_on_commit=False) as session:
        buyer = signed_up(session, "kit-buyer@example.com", anonymous_id=visitor)
        season = session.exec(
            select(Season).where(Season.series_id == made.series.id, Season.number == 1)
        ).one()
        ledger.record_purchase(
            session,
            purchase(buyer, season=season),
            provider=PaymentProvider.LOCAL,
            platform_fee_percent=20,
            now=utcnow(),
        )
        session.commit()
    # Two others come through the TikTok bio's long link; a preview bot fetches the X link.
    for _ in range(2):
        other = TestClient(api_app(), base_url=PUBLIC_URL)
        other.headers["user-agent"] = BROWSER
        assert other.get(links["tiktok"].utm_url.removeprefix(PUBLIC_URL)).status_code == 200
    bot = TestClient(api_app(), base_url=PUBLIC_URL, follow_redirects=False)
    bot.headers["user-agent"] = "Twitterbot/1.0"
    assert bot.get(urlsplit(links["x"].short_url).path).status_code == 200

    counts = {count.source: count for count in kit_of(owner).counts}
    assert (counts["whatsapp"].visits, counts["whatsapp"].signups) == (1, 1)
    assert counts["whatsapp"].purchases == 1
    assert (counts["tiktok"].visits, counts["tiktok"].signups, counts["tiktok"].purchases) == (
        2,
        0,
        0,
    )
    assert counts["x"].visits == 0  # a bot's preview is no visit
    assert counts["whatsapp"].label == "WhatsApp"
    totals = kit_of(owner).totals
    assert (totals.visits, totals.signups, totals.purchases) == (3, 1, 1)


def test_a_turned_off_channel_link_says_so_and_gets_a_new_one(
    world: tuple[str, Catalogue, dict[str, Principal]],
    kit_of: Callable[[CurrentUser | None], ShareKit],
) -> None:
    people, series_id = world[2], world[1].series.id or 0
    old = next(link for link in kit_of(people["owner"].user).links if link.channel == "email")
    with Session(get_engine()) as session, pytest.raises(Forbidden):
        turn_off_kit_link(session, people["creator"].user, series_id, "email", now=utcnow())
    with Session(get_engine()) as session:
        turn_off_kit_link(session, people["owner"].user, series_id, "email", now=utcnow())
        session.commit()
    new = next(link for link in kit_of(people["owner"].user).links if link.channel == "email")
    assert new.short_url != old.short_url
    client = TestClient(api_app(), base_url=PUBLIC_URL, follow_redirects=False)
    client.headers["user-agent"] = BROWSER
    gone = client.get(urlsplit(old.short_url).path)
    assert gone.status_code == 410
    assert "This link was turned off" in gone.text
    assert client.get(urlsplit(new.short_url).path).status_code == 302
