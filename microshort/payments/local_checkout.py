"""The local test-mode checkout behind `/checkout/<session id>` (the embedded default).

It says no money moves and takes Stripe's test cards (payments/card_rules.py). A paying card
completes the session, then a `checkout.session.completed` event in Stripe's exact shape is
signed like Stripe signs (`Stripe-Signature`, HMAC-SHA256 keyed by a whsec_ secret) and goes
through the SAME handler as Stripe's own events (payments/webhook.process_event), so the
ledger, the split and the unlock are the very code path Stripe uses. A declined card changes
nothing. Paying twice (a double click, a retry) delivers the same event id: applied once.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from microshort.content.pricing import format_price
from microshort.db import session_scope
from microshort.errors import NotFound
from microshort.integrations.payments.base import CheckoutSession, PaymentsError
from microshort.integrations.payments.local import LocalPayments, derived_id
from microshort.payments.card_rules import check_card
from microshort.payments.checkout import SESSION_ID_PLACEHOLDER
from microshort.payments.models import PaymentProvider
from microshort.payments.pricing import offer_for, owned_season_ids
from microshort.payments.schemas import CardResult, CheckoutView
from microshort.payments.webhook import Outcome, process_event

API_VERSION = "2026-10-28.endive"  # the Stripe API version of the pinned SDK (stripe 16.1)
PAID = "Payment accepted. This was test mode: no money moved."


def _own_session(provider: LocalPayments, session_id: str, user_id: int) -> CheckoutSession:
    found = provider.retrieve_checkout(session_id)
    if found is None or found.metadata.get("user_id") != str(user_id):
        raise NotFound("This checkout does not exist.")
    return found


def _success_url(found: CheckoutSession) -> str:
    return found.success_url.replace(SESSION_ID_PLACEHOLDER, found.id)


def checkout_view(provider: LocalPayments, *, session_id: str, user_id: int) -> CheckoutView:
    """What the /checkout/<id> page shows (only to the viewer who started it)."""
    found = _own_session(provider, session_id, user_id)
    return CheckoutView(
        session_id=found.id,
        product_name=found.product_name or "MicroShort",
        amount_cents=found.amount_cents,
        currency=found.currency,
        price_label=format_price(found.amount_cents, found.currency),
        status=found.status,
        cancel_url=found.cancel_url,
        success_url=_success_url(found),
        expires_at=found.expires_at,
    )


def _timestamp(value: datetime | None, default: int) -> int:
    return int(value.timestamp()) if value else default


def completed_event(found: CheckoutSession, *, created: int) -> dict[str, Any]:
    """A `checkout.session.completed` event exactly as Stripe shapes it (API v1 snapshot)."""
    amount, email = found.amount_cents, found.customer_email
    session_object = {
        "id": found.id,
        "object": "checkout.session",
        "amount_subtotal": amount,
        "amount_total": amount,
        "cancel_url": found.cancel_url,
        "client_reference_id": found.metadata.get("user_id"),
        "created": _timestamp(found.created_at, created),
        "currency": found.currency.lower(),
        "customer": None,
        "customer_details": {"email": email, "name": None, "phone": None},
        "customer_email": email,
        "expires_at": _timestamp(found.expires_at, created),
        "livemode": False,
        "metadata": dict(found.metadata),
        "mode": "payment",
        "payment_intent": found.payment_intent_id,
        "payment_method_types": ["card"],
        "payment_status": "paid",
        "status": "complete",
        "success_url": found.success_url,
        "url": None,
    }
    return {
        "id": derived_id("evt", found.id),
        "object": "event",
        "api_version": API_VERSION,
        "created": created,
        "data": {"object": session_object},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": "checkout.session.completed",
    }


def deliver(provider: LocalPayments, found: CheckoutSession) -> Outcome:
    """Sign the completion event and hand it to the webhook handler, as Stripe would."""
    payload = json.dumps(completed_event(found, created=int(datetime.now(UTC).timestamp())))
    body = payload.encode()
    return process_event(
        body, provider.sign(body), secret=provider.webhook_secret, provider=PaymentProvider.LOCAL
    )


def _already_owned(user_id: int, found: CheckoutSession) -> bool:
    season, bundle = found.metadata.get("season_id"), found.metadata.get("bundle_id")
    with session_scope() as session:
        offer = offer_for(
            session,
            season_id=int(season) if season else None,
            bundle_id=int(bundle) if bundle else None,
        )
        return set(offer.season_ids) <= owned_season_ids(session, user_id)


def submit_card(
    provider: LocalPayments,
    *,
    session_id: str,
    user_id: int,
    card_number: str,
    expiry: str,
    cvc: str,
) -> CardResult:
    """Pay a local checkout with a test card. On success the purchase is in the ledger (and the
    episodes unlocked) before this returns; go to `redirect_url`."""
    found = _own_session(provider, session_id, user_id)
    if found.status == "complete":  # paid already: make sure its event was applied
        deliver(provider, found)
        return CardResult(paid=True, message=PAID, redirect_url=_success_url(found))
    if found.status == "expired":
        return CardResult(paid=False, message="This checkout has expired. Go back and try again.")
    problem = check_card(card_number, expiry, cvc, today=datetime.now(UTC).date())
    if problem is not None:
        return CardResult(paid=False, message=problem.message, field=problem.field)
    if _already_owned(user_id, found):
        return CardResult(paid=False, message="You already own this: nothing was charged.")
    try:
        completed = provider.complete(session_id)
    except PaymentsError as error:
        return CardResult(paid=False, message=str(error))
    deliver(provider, completed)
    return CardResult(paid=True, message=PAID, redirect_url=_success_url(completed))
