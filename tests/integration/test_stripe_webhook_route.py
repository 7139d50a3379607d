"""POST /api/webhooks/stripe against a real, committed database: signatures (forged, expired,
missing), the size limit, and exactly-once ledger writes however often an event arrives."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, func, select
from starlette.testclient import TestClient

from microshort import migrations
from microshort.api.routes import api_app
from microshort.db import session_scope
from microshort.payments.models import Entitlement, RevenueSplit, Transaction, WebhookEvent
from microshort.users.models import CreatorProfile
from tests.payments_support import Catalogue, ledger_counts, make_viewer, priced_series
from tests.stubs.stripe_standin import StripeStandIn
from tests.stubs.stripe_wire import sign

URL = "/api/webhooks/stripe"


@pytest.fixture(scope="module")
def migrated_url(make_database: Callable[[], str]) -> str:
    url = make_database()
    migrations.upgrade(url)
    return url


@pytest.fixture
def stripe() -> Iterator[StripeStandIn]:
    with StripeStandIn() as standin:
        standin.deliver = lambda body, headers: post(body, headers)[0]
        yield standin


@pytest.fixture
def configured(
    migrated_url: str,
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    stripe: StripeStandIn,
) -> str:
    monkeypatch.setenv("MICROSHORT_STRIPE_WEBHOOK_SECRET", stripe.webhook_secret)
    app_settings(migrated_url)
    return migrated_url


def post(body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    response = TestClient(api_app()).post(URL, content=body, headers=headers)
    return response.status_code, response.json()


def setup_sale() -> tuple[Catalogue, int]:
    with session_scope() as session:
        catalogue = priced_series(session)
        return catalogue, make_viewer(session).id or 0


def paid_session(user_id: int, season_id: int, intent: str) -> dict[str, Any]:
    return {
        "id": f"cs_test_{intent}",
        "object": "checkout.session",
        "amount_total": 499,
        "currency": "usd",
        "metadata": {"user_id": str(user_id), "season_id": str(season_id)},
        "mode": "payment",
        "payment_intent": intent,
        "payment_status": "paid",
        "status": "complete",
        "livemode": False,
    }


def counts(user_id: int) -> tuple[int, int, int]:
    with session_scope() as session:
        return ledger_counts(session, user_id)


def stored(event_id: str) -> int:
    with session_scope() as session:
        query = select(func.count()).select_from(WebhookEvent)
        return session.exec(query.where(WebhookEvent.event_id == event_id)).one()


def test_a_forged_event_is_refused_and_nothing_is_written(
    configured: str, stripe: StripeStandIn
) -> None:
    catalogue, user_id = setup_sale()
    event = stripe.event(
        "checkout.session.completed",
        paid_session(user_id, catalogue.seasons[1].id or 0, "pi_forged"),
        event_id="evt_forged",
    )
    status, answer = post(*stripe.signed(event, secret="whsec_not_the_secret"))
    assert status == 400
    assert "signature" in answer["error"].lower()
    assert (stored("evt_forged"), counts(user_id)) == (0, (0, 0, 0))


def test_an_expired_event_is_refused(configured: str, stripe: StripeStandIn) -> None:
    catalogue, user_id = setup_sale()
    event = stripe.event(
        "checkout.session.completed",
        paid_session(user_id, catalogue.seasons[1].id or 0, "pi_old"),
        event_id="evt_old",
    )
    status, answer = post(*stripe.signed(event, timestamp=int(time.time()) - 301))
    assert status == 400
    assert "tolerance" in answer["error"]
    assert (stored("evt_old"), counts(user_id)) == (0, (0, 0, 0))


def test_unsigned_malformed_and_oversized_bodies_are_refused(
    configured: str, stripe: StripeStandIn
) -> None:
    assert post(b'{"id": "evt_x", "type": "charge.refunded"}', {})[0] == 400
    for body in (b"{not json", b"[1]", b'{"type": "charge.refunded"}', b'{"id": "e", "type": 5}'):
        headers = {"stripe-signature": sign(body, stripe.webhook_secret)}
        assert post(body, headers) == (400, {"error": "Malformed event"})
    big = b'{"pad": "' + b"x" * (1024 * 1024) + b'"}'
    assert post(big, {"stripe-signature": sign(big, stripe.webhook_secret)})[0] == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the stream itself is counted
        for _ in range(5):
            yield b"y" * (300 * 1024)

    response = TestClient(api_app()).post(URL, content=chunks(), headers={"stripe-signature": "x"})
    assert response.status_code == 413


def test_without_a_secret_the_route_says_stripe_is_not_configured(
    migrated_url: str, app_settings: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MICROSHORT_STRIPE_WEBHOOK_SECRET", raising=False)
    app_settings(migrated_url)
    assert post(b"{}", {"stripe-signature": "t=1,v1=00"}) == (
        503,
        {"error": "Stripe is not configured"},
    )


def test_the_same_event_ten_times_at_once_is_applied_once(
    configured: str, stripe: StripeStandIn
) -> None:
    catalogue, user_id = setup_sale()
    event = stripe.event(
        "checkout.session.completed",
        paid_session(user_id, catalogue.seasons[1].id or 0, "pi_race"),
        event_id="evt_race",
    )
    body, headers = stripe.signed(event)
    start, answers = threading.Barrier(10), []

    def deliver() -> None:
        client = TestClient(api_app())
        start.wait()
        response = client.post(URL, content=body, headers=headers)
        answers.append((response.status_code, response.json()["status"]))

    threads = [threading.Thread(target=deliver) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers) == [(200, "duplicate")] * 9 + [(200, "processed")]
    assert counts(user_id) == (1, 3, 1)  # one transaction, its three splits, one entitlement
    assert stored("evt_race") == 1
    with session_scope() as session:
        sale = session.exec(select(Transaction).where(Transaction.user_id == user_id)).one()
        parts = session.exec(
            select(RevenueSplit.amount_cents).where(RevenueSplit.transaction_id == sale.id)
        ).all()
        got = (sale.gross_cents, sum(parts), sale.provider, sale.currency, sale.livemode)
        assert got == (499, 499, "stripe", "USD", False)
        ids = (sale.provider_payment_id, sale.provider_session_id)
        assert ids == ("pi_race", "cs_test_pi_race")
        assert (sale.creator_share_cents, sale.processor_fee_cents) == (399, 44)


def test_both_events_of_one_payment_record_it_once(configured: str, stripe: StripeStandIn) -> None:
    catalogue, user_id = setup_sale()
    checkout = paid_session(user_id, catalogue.seasons[1].id or 0, "pi_both")
    intent = {"id": "pi_both", "object": "payment_intent", "amount_received": 499}
    intent |= {"currency": "usd", "metadata": checkout["metadata"], "livemode": False}
    assert post(*stripe.signed(stripe.event("payment_intent.succeeded", intent)))[0] == 200
    assert post(*stripe.signed(stripe.event("checkout.session.completed", checkout)))[0] == 200
    assert counts(user_id) == (1, 3, 1)
    with session_scope() as session:
        sale = session.exec(select(Transaction).where(Transaction.user_id == user_id)).one()
        assert sale.provider_session_id == "cs_test_pi_both"  # noted by the later event


def test_a_refund_reverses_the_entries_and_revokes_the_entitlement(
    configured: str, stripe: StripeStandIn
) -> None:
    catalogue, user_id = setup_sale()
    checkout = paid_session(user_id, catalogue.seasons[1].id or 0, "pi_refund")
    assert post(*stripe.signed(stripe.event("checkout.session.completed", checkout)))[0] == 200
    charge = {"id": "ch_1", "object": "charge", "amount": 499, "amount_refunded": 499}
    charge |= {"currency": "usd", "payment_intent": "pi_refund", "refunded": True}
    refund = stripe.signed(stripe.event("charge.refunded", charge, event_id="evt_refund"))
    assert post(*refund) == (200, {"status": "processed"})
    assert post(*refund) == (200, {"status": "duplicate"})
    assert post(*stripe.signed(stripe.event("charge.refunded", charge)))[0] == 200  # same state
    with session_scope() as session:
        rows = session.exec(
            select(Transaction).where(Transaction.user_id == user_id).order_by(col(Transaction.id))
        ).all()
        assert [row.kind for row in rows] == ["purchase", "refund"]
        sale, back = rows
        assert back.refunds_transaction_id == sale.id
        assert (back.gross_cents, back.creator_share_cents) == (499, sale.creator_share_cents)
        debits = session.exec(
            select(RevenueSplit).where(RevenueSplit.transaction_id == back.id)
        ).all()
        assert {d.direction for d in debits} == {"debit"}
        assert sum(d.amount_cents for d in debits) == 499
        entitlement = session.exec(select(Entitlement).where(Entitlement.user_id == user_id)).one()
        assert entitlement.revoked_at is not None


def test_account_updated_turns_payouts_on(configured: str, stripe: StripeStandIn) -> None:
    with session_scope() as session:
        creator = priced_series(session).creator
        creator.payout_account_id = "acct_route_test"
        session.add(creator)
    account = {"id": "acct_route_test", "object": "account", "payouts_enabled": True}
    assert post(*stripe.signed(stripe.event("account.updated", account)))[0] == 200
    with session_scope() as session:
        assert session.get_one(CreatorProfile, creator.id).payouts_enabled


def test_unpaid_sessions_and_other_event_types_change_nothing(
    configured: str, stripe: StripeStandIn
) -> None:
    catalogue, user_id = setup_sale()
    checkout = paid_session(user_id, catalogue.seasons[1].id or 0, "pi_unpaid")
    checkout["payment_status"] = "unpaid"
    event = stripe.event("checkout.session.completed", checkout)
    assert post(*stripe.signed(event)) == (200, {"status": "processed"})
    other = stripe.event("customer.created", {"id": "cus_1"}, event_id="evt_other")
    assert post(*stripe.signed(other)) == (200, {"status": "ignored"})
    assert (counts(user_id), stored("evt_other")) == ((0, 0, 0), 0)
