"""The Library's Purchased shelf: the series a viewer bought a season or a bundle of, and
only theirs; a purchase refunded in full leaves it."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from microshort.content.models import Bundle, Season
from microshort.payments import ledger, refunds
from microshort.payments.models import PaymentProvider
from microshort.payments.purchases import purchased_series
from microshort.users.models import User
from tests.payments_support import NOW, make_viewer, priced_series, purchase


def _buy(
    session: Session,
    user: User,
    payment_id: str,
    *,
    season: Season | None = None,
    bundle: Bundle | None = None,
    days_later: int = 0,
) -> None:
    recorded = ledger.record_purchase(
        session,
        purchase(user, season=season, bundle=bundle, payment_id=payment_id),
        provider=PaymentProvider.LOCAL,
        platform_fee_percent=20,
        now=NOW + timedelta(days=days_later),
    )
    assert recorded is not None


def test_a_buyer_sees_the_series_bought_and_another_viewer_does_not(session: Session) -> None:
    seasons_bought, bundle_bought, not_bought = (priced_series(session) for _ in range(3))
    buyer, other = make_viewer(session), make_viewer(session)
    _buy(session, buyer, "pi_lib_season", season=seasons_bought.seasons[1])
    # A second season of the same series: still one card.
    _buy(session, buyer, "pi_lib_season_2", season=seasons_bought.seasons[2])
    _buy(session, buyer, "pi_lib_bundle", bundle=bundle_bought.bundle, days_later=1)

    shelf = purchased_series(session, buyer.id or 0)
    # Latest purchase first.
    assert [card.slug for card in shelf] == [bundle_bought.series.slug, seasons_bought.series.slug]
    assert not_bought.series.slug not in {card.slug for card in shelf}
    assert shelf[0].title == bundle_bought.series.title
    assert shelf[0].episode_count > 0
    assert purchased_series(session, other.id or 0) == []


def test_a_purchase_refunded_in_full_leaves_the_shelf(session: Session) -> None:
    catalogue = priced_series(session)
    buyer = make_viewer(session)
    _buy(session, buyer, "pi_lib_refund", season=catalogue.seasons[1])
    assert [card.slug for card in purchased_series(session, buyer.id or 0)] == [
        catalogue.series.slug
    ]
    refunds.record_refund(
        session,
        provider=PaymentProvider.LOCAL,
        payment_id="pi_lib_refund",
        refunded_total_cents=499,
        now=NOW,
    )
    assert purchased_series(session, buyer.id or 0) == []
