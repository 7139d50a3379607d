"""The creator's pricing controls: free-episode count and discounted bundles."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from microshort.errors import Forbidden, InvalidInput
from microshort.payments import bundles, pricing
from microshort.payments.models import Entitlement
from microshort.users.models import User
from tests.factories import make_creator, make_series


def test_free_episode_count_moves_the_paywall(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, episodes=(6,))
    ids = {"creator_id": creator.id or 0, "series_id": series.id or 0}
    bundles.set_free_episode_count(session, **ids, count=5)
    assert series.free_episode_count == 5
    with pytest.raises(InvalidInput, match="0 to 50"):
        bundles.set_free_episode_count(session, **ids, count=-1)
    other = make_creator(session).id or 0
    with pytest.raises(Forbidden):
        bundles.set_free_episode_count(
            session, creator_id=other, series_id=ids["series_id"], count=1
        )


def test_a_whole_series_bundle_at_a_discount(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, title="Night Shift", episodes=(4, 4, 4))
    offer = bundles.save_bundle(
        session, creator_id=creator.id or 0, series_id=series.id or 0, discount_percent=25
    )
    assert (offer.title, offer.whole_series, offer.full_price_cents) == (
        "Night Shift: every season",
        True,
        1497,
    )
    assert (offer.price_cents, offer.saving_cents, offer.saving_percent) == (1122, 375, 25)
    assert pricing.offer_for(session, bundle_id=offer.bundle_id) == offer
    changed = bundles.save_bundle(
        session,
        creator_id=creator.id or 0,
        series_id=series.id or 0,
        discount_percent=10,
        season_ids=list(offer.season_ids[:2]),
        title="The first two",
        bundle_id=offer.bundle_id,
    )
    assert (changed.bundle_id, changed.whole_series, changed.price_cents) == (
        offer.bundle_id,
        False,
        898,
    )
    assert changed.cta == "Unlock The first two — $8.98 (save 10 %)"
    bundles.withdraw_bundle(session, creator_id=creator.id or 0, bundle_id=offer.bundle_id or 0)
    assert (
        bundles.series_bundles(session, creator_id=creator.id or 0, series_id=series.id or 0) == []
    )


@pytest.mark.parametrize(
    ("season_count", "discount", "message"),
    [(1, 20, "at least two seasons"), (3, 0, "1 to 90 percent"), (3, 95, "1 to 90 percent")],
)
def test_bad_bundles_are_refused(
    session: Session, season_count: int, discount: int, message: str
) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, episodes=(2,) * season_count)
    with pytest.raises(InvalidInput, match=message):
        bundles.save_bundle(
            session, creator_id=creator.id or 0, series_id=series.id or 0, discount_percent=discount
        )


def test_a_sold_bundle_keeps_its_seasons_for_its_buyers(session: Session) -> None:
    creator = make_creator(session)
    series = make_series(session, creator, episodes=(2, 2, 2))
    creator_id, series_id = creator.id or 0, series.id or 0
    sold = bundles.save_bundle(
        session, creator_id=creator_id, series_id=series_id, discount_percent=20
    )
    buyer = User(email="bundle-buyer@example.com", display_name="B")
    session.add(buyer)
    session.flush()
    session.add(Entitlement(user_id=buyer.id or 0, bundle_id=sold.bundle_id))
    session.flush()
    smaller = bundles.save_bundle(
        session,
        creator_id=creator_id,
        series_id=series_id,
        discount_percent=20,
        season_ids=list(sold.season_ids[:2]),
        bundle_id=sold.bundle_id,
    )
    assert smaller.bundle_id != sold.bundle_id
    assert set(pricing.owned_season_ids(session, buyer.id or 0)) == set(sold.season_ids)
    assert [
        o.bundle_id
        for o in bundles.series_bundles(session, creator_id=creator_id, series_id=series_id)
    ] == [smaller.bundle_id]
