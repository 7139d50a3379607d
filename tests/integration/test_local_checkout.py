"""The local test-mode checkout: what its page shows, that its event is Stripe's (the SDK
parses and verifies it), and that double submits, strangers and expired sessions are safe."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import stripe

from microshort import migrations
from microshort.bootstrap import local_payments
from microshort.db import session_scope
from microshort.errors import NotFound
from microshort.integrations.payments.base import CheckoutStart
from microshort.integrations.payments.local import LocalPayments
from microshort.payments import checkout, local_checkout
from microshort.payments.local_store import DatabaseCheckoutStore
from microshort.payments.schemas import CardResult
from tests.payments_support import Catalogue, ledger_counts, make_viewer, priced_series

SUCCESS = "/checkout/success?session_id={CHECKOUT_SESSION_ID}"


@pytest.fixture(scope="module")
def migrated_url(make_database: Callable[[], str]) -> str:
    url = make_database()
    migrations.upgrade(url)
    return url


@pytest.fixture
def provider(migrated_url: str, app_settings: Callable[[str], Path]) -> LocalPayments:
    app_settings(migrated_url)
    return local_payments()


def begin(provider: LocalPayments) -> tuple[Catalogue, int, CheckoutStart]:
    with session_scope() as session:
        catalogue, user_id = priced_series(session), make_viewer(session).id or 0
        started = checkout.start_checkout(
            session,
            user_id=user_id,
            provider=provider,
            success_url=SUCCESS,
            cancel_url="/series/x",
            season_id=catalogue.seasons[1].id,
        )
    return catalogue, user_id, started


def pay(
    provider: LocalPayments, started: CheckoutStart, user_id: int, card: str = "4242424242424242"
) -> CardResult:
    return local_checkout.submit_card(
        provider,
        session_id=started.session_id,
        user_id=user_id,
        card_number=card,
        expiry="12/34",
        cvc="123",
    )


def counts(user_id: int) -> tuple[int, int, int]:
    with session_scope() as session:
        return ledger_counts(session, user_id)


def test_the_page_shows_the_offer_in_test_mode(provider: LocalPayments) -> None:
    catalogue, user_id, started = begin(provider)
    view = local_checkout.checkout_view(provider, session_id=started.session_id, user_id=user_id)
    assert view.product_name == f"{catalogue.series.title} · Season 2"
    assert (view.price_label, view.status, view.cancel_url) == ("$4.99", "open", "/series/x")
    assert view.success_url == f"/checkout/success?session_id={started.session_id}"
    assert "no money moves" in view.notice
    with pytest.raises(NotFound):  # another viewer cannot open (or pay) it
        local_checkout.checkout_view(provider, session_id=started.session_id, user_id=user_id + 1)
    with pytest.raises(NotFound):
        pay(provider, started, user_id + 1)


def test_the_event_is_stripes_own_shape_and_signature(provider: LocalPayments) -> None:
    _catalogue, _user_id, started = begin(provider)
    found = provider.complete(started.session_id)
    body = json.dumps(local_checkout.completed_event(found, created=1_800_000_000)).encode()
    event = stripe.Webhook.construct_event(
        body.decode(), provider.sign(body), provider.webhook_secret
    )
    assert (event.type, event.livemode, event.api_version) == (
        "checkout.session.completed",
        False,
        stripe.api_version,
    )
    obj = event.data.object
    assert (obj.object, obj.payment_status, obj.status, obj.amount_total, obj.currency) == (
        "checkout.session",
        "paid",
        "complete",
        499,
        "usd",
    )
    assert obj.payment_intent.startswith("pi_test_")
    assert obj.metadata.to_dict() == found.metadata


def test_paying_twice_records_one_purchase(provider: LocalPayments) -> None:
    _catalogue, user_id, started = begin(provider)
    first, second = pay(provider, started, user_id), pay(provider, started, user_id)
    assert first.paid
    assert second.paid
    assert first.redirect_url == second.redirect_url
    assert first.redirect_url == f"/checkout/success?session_id={started.session_id}"
    assert counts(user_id) == (1, 3, 1)


def test_a_card_that_is_not_a_test_card_is_refused(provider: LocalPayments) -> None:
    _catalogue, user_id, started = begin(provider)
    result = pay(provider, started, user_id, "4111 1111 1111 1111")
    assert not result.paid
    assert "4242 4242 4242 4242" in result.message
    assert result.field == "card_number"
    assert counts(user_id) == (0, 0, 0)


def test_an_expired_checkout_cannot_be_paid(provider: LocalPayments) -> None:
    quick = LocalPayments(
        store=DatabaseCheckoutStore(),
        webhook_secret=provider.webhook_secret,
        session_ttl=timedelta(seconds=-1),
    )
    _catalogue, user_id, started = begin(quick)
    result = pay(quick, started, user_id)
    assert not result.paid
    assert result.message == "This checkout has expired. Go back and try again."
    assert counts(user_id) == (0, 0, 0)


def test_the_local_secret_is_derived_from_the_app_key(provider: LocalPayments) -> None:
    """Only this app can sign local events (the key lives in its data folder)."""
    assert provider.webhook_secret.startswith("whsec_")
    assert provider.webhook_secret == local_payments().webhook_secret
