"""The local payments provider (the embedded default): a test-mode checkout on our own app.

Checkout sessions live in a CheckoutStore (a table) and are paid on `/checkout/<session id>`
with Stripe's test cards; the card logic and the signed `checkout.session.completed` event are
in microshort.payments.local_checkout. Connect accounts are enabled at once and transfers are
simulated: test-mode ids, livemode false, no money moves anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from microshort.integrations.payments.base import (
    CheckoutRequest,
    CheckoutSession,
    CheckoutStart,
    CheckoutStore,
    ConnectAccount,
    PaymentsError,
    StoredCheckout,
    Transfer,
)

SESSION_TTL = timedelta(hours=1)
CHECKOUT_PATH = "/checkout/"


def derived_id(prefix: str, *parts: str) -> str:
    """A stable test-mode id ("pi_test_…") for the same inputs: replays stay idempotent."""
    digest = hashlib.sha256("|".join((prefix, *parts)).encode()).hexdigest()[:24]
    return f"{prefix}_test_{digest}"


def local_webhook_secret(signing_key: bytes) -> str:
    """The whsec_ secret local events are signed with, derived from the app's signing key."""
    digest = hmac.new(signing_key, b"microshort local payments webhook", hashlib.sha256)
    return "whsec_" + digest.hexdigest()[:40]


def signature_header(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A `Stripe-Signature` header: t=<unix>,v1=<HMAC-SHA256 of "{t}.{body}" keyed by the whole
    whsec_ secret>, exactly what Stripe sends and its SDK verifies."""
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


class LocalPayments:
    name = "local"
    livemode = False

    def __init__(
        self, *, store: CheckoutStore, webhook_secret: str, session_ttl: timedelta = SESSION_TTL
    ) -> None:
        self.store = store
        self.webhook_secret = webhook_secret
        self.session_ttl = session_ttl

    def create_checkout(self, request: CheckoutRequest) -> CheckoutStart:
        if request.amount_cents <= 0:
            raise PaymentsError("The amount must be above zero.")
        session_id = "cs_test_" + secrets.token_hex(20)
        now = datetime.now(UTC)
        self.store.save(
            StoredCheckout(
                request=request,
                session_id=session_id,
                created_at=now,
                expires_at=now + self.session_ttl,
            )
        )
        return CheckoutStart(url=CHECKOUT_PATH + session_id, session_id=session_id)

    def retrieve_checkout(self, session_id: str) -> CheckoutSession | None:
        stored = self.store.load(session_id)
        if stored is None:
            return None
        status = stored.status
        if status == "open" and stored.expires_at <= datetime.now(UTC):
            status = "expired"
        request = stored.request
        return CheckoutSession(
            id=stored.session_id,
            status=status,
            payment_status="paid" if status == "complete" else "unpaid",
            amount_cents=request.amount_cents,
            currency=request.currency,
            metadata=dict(request.metadata),
            success_url=request.success_url,
            cancel_url=request.cancel_url,
            livemode=False,
            product_name=request.product_name,
            payment_intent_id=stored.payment_intent_id,
            customer_email=request.customer_email,
            created_at=stored.created_at,
            expires_at=stored.expires_at,
        )

    def complete(self, session_id: str) -> CheckoutSession:
        """Mark an open session paid (its payment intent id is derived from the session id)."""
        current = self.retrieve_checkout(session_id)
        if current is None:
            raise PaymentsError("This checkout does not exist.")
        if current.status == "expired":
            raise PaymentsError("This checkout has expired.")
        self.store.mark_complete(session_id, derived_id("pi", session_id), datetime.now(UTC))
        completed = self.retrieve_checkout(session_id)
        assert completed is not None
        return completed

    def create_connect_account(self, *, email: str, metadata: dict[str, str]) -> ConnectAccount:
        # Test mode: there is nobody to verify, so the account can receive payouts at once.
        return ConnectAccount(
            id="acct_test_" + secrets.token_hex(8), payouts_enabled=True, details_submitted=True
        )

    def retrieve_account(self, account_id: str) -> ConnectAccount:
        if not account_id.startswith("acct_test_"):
            raise PaymentsError("This payout account was made with Stripe, not in test mode.")
        return ConnectAccount(id=account_id, payouts_enabled=True, details_submitted=True)

    def account_link(self, account_id: str, *, refresh_url: str, return_url: str) -> str:
        self.retrieve_account(account_id)
        return return_url  # onboarding is instant in test mode

    def create_transfer(
        self,
        *,
        amount_cents: int,
        currency: str,
        destination: str,
        idempotency_key: str,
        metadata: dict[str, str],
    ) -> Transfer:
        if amount_cents <= 0:
            raise PaymentsError("A transfer must be above zero.")
        self.retrieve_account(destination)
        return Transfer(
            id=derived_id("tr", idempotency_key),
            amount_cents=amount_cents,
            currency=currency,
            destination=destination,
            livemode=False,
            settled=True,
        )

    def sign(self, payload: bytes, timestamp: int | None = None) -> str:
        return signature_header(payload, self.webhook_secret, timestamp)

    def describe(self) -> dict[str, Any]:
        return {"provider": "local", "mode": "test (no money moves)"}
