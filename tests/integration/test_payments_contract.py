"""One contract, both payments providers: the local test-mode checkout and Stripe (the SDK
against a stand-in speaking Stripe's wire format, its events through the webhook route).

checkout → paid event → exactly one entitlement and one transaction whose splits sum to the
gross; a declined card → nothing; Connect onboarding and a transfer that cannot happen twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.db import session_scope
from microshort.integrations.payments.base import CheckoutStart
from microshort.payments import checkout, connect, payouts, pricing, purchases
from microshort.payments.models import Payout, RevenueSplit, Transaction
from microshort.users.models import CreatorProfile
from tests.payments_support import Catalogue, Harness, ledger_counts, make_viewer, priced_series
from tests.stubs.stripe_standin import StripeStandIn

SUCCESS = "http://app.test/checkout/success?session_id={CHECKOUT_SESSION_ID}"
CANCEL = "http://app.test/series/x"


@pytest.fixture(scope="module")
def migrated_url(make_database: Callable[[], str]) -> str:
    url = make_database()
    migrations.upgrade(url)
    return url


@pytest.fixture(params=["local", "stripe"])
def harness(
    request: pytest.FixtureRequest,
    migrated_url: str,
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Harness]:
    if request.param == "local":
        app_settings(migrated_url)
        yield Harness("local", None)
        return
    with StripeStandIn() as standin:
        client = TestClient(api_app())
        standin.deliver = lambda body, headers: (
            client.post("/api/webhooks/stripe", content=body, headers=headers).status_code
        )
        monkeypatch.setenv("MICROSHORT_PAYMENTS_PROVIDER", "stripe")
        monkeypatch.setenv("MICROSHORT_STRIPE_SECRET_KEY", standin.api_key)
        monkeypatch.setenv("MICROSHORT_STRIPE_WEBHOOK_SECRET", standin.webhook_secret)
        monkeypatch.setenv("MICROSHORT_STRIPE_API_URL", standin.base_url)
        app_settings(migrated_url)
        yield Harness("stripe", standin)


def sale() -> tuple[Catalogue, int]:
    with session_scope() as session:
        return priced_series(session), make_viewer(session).id or 0


def start(harness: Harness, user_id: int, **offer: int | None) -> CheckoutStart:
    with session_scope() as session:
        return checkout.start_checkout(
            session,
            user_id=user_id,
            provider=harness.provider,
            success_url=SUCCESS,
            cancel_url=CANCEL,
            **offer,
        )


def counts(user_id: int) -> tuple[int, int, int]:
    with session_scope() as session:
        return ledger_counts(session, user_id)


def test_a_paid_checkout_unlocks_once_with_splits_that_sum_to_the_gross(
    harness: Harness,
) -> None:
    catalogue, user_id = sale()
    season = catalogue.seasons[1]
    begun = start(harness, user_id, season_id=season.id)
    if harness.name == "local":
        assert begun.url == f"/checkout/{begun.session_id}"
    found = harness.provider.retrieve_checkout(begun.session_id)
    assert found is not None
    assert (found.amount_cents, found.currency, found.status) == (499, "USD", "open")
    assert found.metadata == {"user_id": str(user_id), "season_id": str(season.id)}

    assert harness.pay(begun, user_id, "4242 4242 4242 4242")[0]
    assert counts(user_id) == (1, 3, 1)
    with session_scope() as session:
        sale_row = session.exec(select(Transaction).where(Transaction.user_id == user_id)).one()
        parts = session.exec(
            select(RevenueSplit.amount_cents).where(RevenueSplit.transaction_id == sale_row.id)
        ).all()
        assert sum(parts) == sale_row.gross_cents == 499
        assert sale_row.provider == harness.name
        assert sale_row.provider_session_id == begun.session_id
        assert pricing.entitled(session, user_id, catalogue.episodes[1][0])
        outcome = checkout.confirm_return(
            session,
            user_id=user_id,
            session_id=begun.session_id,
            provider=harness.provider,
            platform_fee_percent=20,
        )
        assert (outcome.status, outcome.title) == ("paid", f"{catalogue.series.title} · Season 2")
        [bought] = purchases.purchases(session, user_id)
        assert (bought.amount_label, bought.status, bought.test_mode) == ("$4.99", "paid", True)
        assert purchases.receipt(session, user_id, bought.transaction_id).net_label == "$4.99"
    with session_scope() as session, pytest.raises(checkout.AlreadyOwned):
        checkout.start_checkout(
            session,
            user_id=user_id,
            provider=harness.provider,
            success_url=SUCCESS,
            cancel_url=CANCEL,
            season_id=season.id,
        )
    assert counts(user_id) == (1, 3, 1)


def test_a_declined_card_changes_nothing(harness: Harness) -> None:
    catalogue, user_id = sale()
    begun = start(harness, user_id, season_id=catalogue.seasons[2].id)
    assert harness.pay(begun, user_id, "4000 0000 0000 0002") == (False, "Your card was declined.")
    assert counts(user_id) == (0, 0, 0)
    with session_scope() as session:
        outcome = checkout.confirm_return(
            session,
            user_id=user_id,
            session_id=begun.session_id,
            provider=harness.provider,
            platform_fee_percent=20,
        )
        assert outcome.status == "pending"
        assert not pricing.entitled(session, user_id, catalogue.episodes[2][0])


def test_the_whole_series_bundle_unlocks_every_season(harness: Harness) -> None:
    catalogue, user_id = sale()
    begun = start(harness, user_id, bundle_id=catalogue.bundle.id)
    assert harness.pay(begun, user_id, "4242424242424242")[0]
    assert counts(user_id) == (1, 3, 1)
    with session_scope() as session:
        episodes = [e for season in catalogue.episodes for e in season]
        assert all(pricing.entitled(session, user_id, e) for e in episodes)
        assert purchases.purchases(session, user_id)[0].amount_cents == 999


def test_onboarding_then_a_payout_that_cannot_happen_twice(harness: Harness) -> None:
    catalogue, user_id = sale()
    creator_id = catalogue.creator.id or 0
    begun = start(harness, user_id, bundle_id=catalogue.bundle.id)
    assert harness.pay(begun, user_id, "4242 4242 4242 4242")[0]
    now = datetime.now(UTC)  # Stripe's payout.paid covers transfers made before it
    with session_scope() as session:
        link = connect.start_onboarding(
            session,
            creator_id=creator_id,
            provider=harness.provider,
            refresh_url="http://app.test/studio/payouts?refresh=1",
            return_url="http://app.test/studio/payouts?done=1",
        )
        account_id = session.get_one(CreatorProfile, creator_id).payout_account_id
    assert account_id
    assert link.startswith("http")
    harness.finish_onboarding(account_id)
    with session_scope() as session:
        assert connect.refresh_account(session, creator_id=creator_id, provider=harness.provider)
    with session_scope() as session:
        [paid] = payouts.pay_out(session, creator_id, harness.provider, now, minimum_cents=100)
        assert paid.amount_cents == 999 * 80 // 100
        assert paid.transfer_id
        assert paid.test_mode
    with session_scope() as session:
        assert payouts.pay_out(session, creator_id, harness.provider, now, minimum_cents=1) == []
        assert payouts.balances(session, creator_id)[0].available_cents == 0
    if harness.standin is not None:  # Stripe: transfer.created, then the bank payout lands
        assert len(harness.standin.transfers) == 1
        created = [e for e in harness.standin.events if e["type"] == "transfer.created"]
        assert [harness.standin.send(event) for event in created] == [200]
        assert harness.standin.pay_out_balance(account_id) == 200
    with session_scope() as session:
        row = session.exec(select(Payout).where(Payout.creator_id == creator_id)).one()
        assert (row.status, row.provider_transfer_id) == ("paid", paid.transfer_id)


def test_the_success_page_unlocks_before_a_late_event(harness: Harness) -> None:
    """Stripe only (the local checkout applies its event before redirecting): the return page
    asks Stripe, records the purchase, and the event arriving later changes nothing."""
    if harness.standin is None:
        pytest.skip("the local checkout is never late")
    catalogue, user_id = sale()
    begun = start(harness, user_id, season_id=catalogue.seasons[0].id)
    late: list[tuple[bytes, dict[str, str]]] = []

    def hold(body: bytes, headers: dict[str, str]) -> int:
        late.append((body, headers))
        return 200

    deliver, harness.standin.deliver = harness.standin.deliver, hold
    harness.pay(begun, user_id, "4242424242424242")
    assert counts(user_id) == (0, 0, 0)
    with session_scope() as session:
        outcome = checkout.confirm_return(
            session,
            user_id=user_id,
            session_id=begun.session_id,
            provider=harness.provider,
            platform_fee_percent=20,
        )
    assert outcome.status == "paid"
    assert counts(user_id) == (1, 3, 1)
    assert deliver is not None
    assert [deliver(body, headers) for body, headers in late] == [200, 200]
    assert counts(user_id) == (1, 3, 1)
