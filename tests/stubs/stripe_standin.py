"""A local Stripe: the parts of the API the `stripe` SDK calls for us, and the signed events
Stripe sends afterwards.

Wire format as Stripe documents it: form-encoded request bodies with bracketed keys
(`metadata[user_id]=7`, `line_items[0][price_data][unit_amount]=499`), bearer-key auth, JSON
objects back, errors as `{"error": {"type", "message", "param"?, "code"?}}`, an
`Idempotency-Key` header that replays the first answer, and webhooks signed with
`Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "{t}.{body}" keyed by the whole whsec_>`.
The signing code is written here on purpose (not imported) so the route is checked against it.

Tests drive what happens on Stripe's side with `pay`, `refund`, `complete_onboarding` and
`pay_out_balance`; events go to `deliver(body, headers)` or are returned for the test to send.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any

from tests.stubs.served import Served
from tests.stubs.stripe_api import StripeApi
from tests.stubs.stripe_wire import Deliver, Handler, sign, stripe_id

PAYS = {"4242424242424242"}
DECLINES = {"4000000000000002": "Your card was declined."}


@dataclass(kw_only=True)
class StripeStandIn(Served, StripeApi):
    """Use as a context manager; point `StripeClient(base_addresses={"api": base_url})` at it."""

    handler = Handler

    deliver: Deliver | None = None
    _server: ThreadingHTTPServer | None = None

    # ---- events -------------------------------------------------------------------------
    def signed(
        self, event: dict[str, Any], *, secret: str | None = None, timestamp: int | None = None
    ) -> tuple[bytes, dict[str, str]]:
        body = json.dumps(event).encode()
        header = sign(body, secret or self.webhook_secret, timestamp)
        return body, {"content-type": "application/json", "stripe-signature": header}

    def send(self, event: dict[str, Any]) -> int:
        assert self.deliver is not None, "give the stand-in a deliver callback"
        return self.deliver(*self.signed(event))

    # ---- what happens on Stripe's side ----------------------------------------------------
    def pay(
        self, session_id: str, card: str = "4242424242424242", *, intent_event: bool = True
    ) -> str | list[int]:
        """The buyer pays on Stripe's page: a declined card sends nothing (returns the message);
        a good one completes the session and sends checkout.session.completed (then, like
        Stripe, payment_intent.succeeded)."""
        digits = card.replace(" ", "")
        if digits in DECLINES:
            return DECLINES[digits]
        assert digits in PAYS, "use a Stripe test card"
        with self.lock:
            checkout = self.sessions[session_id]
            intent = stripe_id("pi")
            checkout.update(status="complete", payment_status="paid", payment_intent=intent)
            checkout["customer_details"] = {"email": checkout.get("customer_email"), "name": None}
            self.intents[intent] = {
                "id": intent,
                "object": "payment_intent",
                "amount": checkout["amount_total"],
                "amount_received": checkout["amount_total"],
                "currency": checkout["currency"],
                "metadata": checkout.get("_intent_metadata", {}),
                "status": "succeeded",
                "livemode": False,
                "latest_charge": stripe_id("ch"),
            }
        public = {k: v for k, v in checkout.items() if not k.startswith("_")}
        statuses = [self.send(self.event("checkout.session.completed", public))]
        if intent_event:
            statuses.append(self.send(self.event("payment_intent.succeeded", self.intents[intent])))
        return statuses

    def refund(self, payment_intent: str, amount: int | None = None) -> int:
        intent = self.intents[payment_intent]
        total = min(
            intent["amount"], self.refunded.get(payment_intent, 0) + (amount or intent["amount"])
        )
        self.refunded[payment_intent] = total
        charge = {
            "id": intent["latest_charge"],
            "object": "charge",
            "amount": intent["amount"],
            "amount_refunded": total,
            "currency": intent["currency"],
            "payment_intent": payment_intent,
            "refunded": total == intent["amount"],
            "livemode": False,
        }
        return self.send(self.event("charge.refunded", charge))

    def complete_onboarding(self, account_id: str) -> int:
        account = self.accounts[account_id]
        account.update(payouts_enabled=True, charges_enabled=True, details_submitted=True)
        account["capabilities"] = {"transfers": "active"}
        return self.send(self.event("account.updated", dict(account)))

    def pay_out_balance(self, account_id: str, currency: str = "usd") -> int:
        amount = sum(t["amount"] for t in self.transfers.values() if t["destination"] == account_id)
        payout = {
            "id": stripe_id("po"),
            "object": "payout",
            "amount": amount,
            "currency": currency,
            "created": int(time.time()) + 1,
            "arrival_date": int(time.time()) + 86400,
            "status": "paid",
        }
        return self.send(self.event("payout.paid", payout, account=account_id))
