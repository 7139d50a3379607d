"""The playback hook: who may watch a locked episode, decided on the server from the ledger.
Also the offers a locked episode shows (season, whole-series bundle with its saving)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from microshort.bootstrap import install_entitlements
from microshort.content.models import Bundle, Episode, Season
from microshort.content.playback import episode_context, may_watch, set_entitlement_check
from microshort.payments import ledger, pricing, refunds
from microshort.payments.models import PaymentProvider
from microshort.users.models import User
from tests.payments_support import NOW, Catalogue, make_viewer, priced_series, purchase


@pytest.fixture(autouse=True)
def hook() -> Iterator[None]:
    install_entitlements()
    yield
    set_entitlement_check(None)


@pytest.fixture
def catalogue(session: Session) -> Catalogue:
    return priced_series(session)


def plays(session: Session, episode: Episode, user_id: int | None) -> bool:
    context = episode_context(session, episode.id or 0)
    assert context is not None
    return may_watch(session, context, user_id)


def buy(
    session: Session,
    user: User,
    *,
    season: Season | None = None,
    bundle: Bundle | None = None,
    gross: int = 499,
) -> int:
    recorded = ledger.record_purchase(
        session,
        purchase(user, season=season, bundle=bundle, gross=gross),
        provider=PaymentProvider.LOCAL,
        platform_fee_percent=20,
        now=NOW,
    )
    assert recorded is not None
    return recorded.id or 0


def test_free_episodes_play_for_everyone_and_locked_ones_for_nobody(
    session: Session, catalogue: Catalogue
) -> None:
    first, second, _ = catalogue.episodes
    viewer = make_viewer(session)
    assert [plays(session, e, None) for e in first] == [True, True, True, False]
    assert not plays(session, second[0], viewer.id)


def test_a_season_owner_plays_that_season_only(session: Session, catalogue: Catalogue) -> None:
    first, second, third = catalogue.episodes
    owner, other = make_viewer(session), make_viewer(session)
    buy(session, owner, season=catalogue.seasons[1])
    assert all(plays(session, e, owner.id) for e in second)
    assert not plays(session, first[3], owner.id)  # season 1's locked episode
    assert not any(plays(session, e, owner.id) for e in third)
    assert not any(plays(session, e, other.id) for e in second)
    assert not plays(session, second[0], None)


def test_a_bundle_owner_plays_all_its_seasons(session: Session, catalogue: Catalogue) -> None:
    owner = make_viewer(session)
    buy(session, owner, bundle=catalogue.bundle, gross=999)
    assert all(plays(session, e, owner.id) for season in catalogue.episodes for e in season)


def test_refunded_means_locked_again(session: Session, catalogue: Catalogue) -> None:
    owner = make_viewer(session)
    bought = purchase(owner, season=catalogue.seasons[1], payment_id="pi_test_refund_me")
    ledger.record_purchase(
        session, bought, provider=PaymentProvider.LOCAL, platform_fee_percent=20, now=NOW
    )
    assert plays(session, catalogue.episodes[1][0], owner.id)
    refunds.record_refund(
        session,
        provider=PaymentProvider.LOCAL,
        payment_id="pi_test_refund_me",
        refunded_total_cents=499,
        now=NOW,
    )
    assert not plays(session, catalogue.episodes[1][0], owner.id)


def test_a_partial_refund_keeps_the_unlock(session: Session, catalogue: Catalogue) -> None:
    owner = make_viewer(session)
    bought = purchase(owner, season=catalogue.seasons[1], payment_id="pi_test_partly")
    ledger.record_purchase(
        session, bought, provider=PaymentProvider.LOCAL, platform_fee_percent=20, now=NOW
    )
    refunds.record_refund(
        session,
        provider=PaymentProvider.LOCAL,
        payment_id="pi_test_partly",
        refunded_total_cents=100,
        now=NOW,
    )
    assert plays(session, catalogue.episodes[1][0], owner.id)


def test_a_locked_episode_offers_its_season_and_the_whole_series(
    session: Session, catalogue: Catalogue
) -> None:
    wall = pricing.paywall(session, catalogue.episodes[1][0].id or 0, platform_fee_percent=20)
    assert wall is not None
    season, bundle = wall.offers
    assert (season.kind, season.title, season.price_cents) == ("season", "Season 2", 499)
    assert season.cta == "Unlock Season 2 — $4.99"
    assert (bundle.kind, bundle.whole_series, bundle.price_cents) == ("bundle", True, 999)
    assert (bundle.full_price_cents, bundle.saving_cents, bundle.saving_percent) == (1497, 498, 33)
    assert bundle.cta == "Unlock every season — $9.99 (save 33 %)"
    assert wall.creator_percent == 80


def test_owning_covers_bundles_and_seasons(session: Session, catalogue: Catalogue) -> None:
    owner = make_viewer(session)
    season_offer = pricing.offer_for(session, season_id=catalogue.seasons[0].id)
    bundle_offer = pricing.offer_for(session, bundle_id=catalogue.bundle.id)
    assert not pricing.owns(session, owner.id or 0, season_offer)
    buy(session, owner, bundle=catalogue.bundle, gross=999)
    assert pricing.owns(session, owner.id or 0, season_offer)
    assert pricing.owns(session, owner.id or 0, bundle_offer)
