"""The API half of the Stripe stand-in: Checkout Sessions create/retrieve, Accounts
create/retrieve, Account Links create and Transfers create, with Stripe's validation errors."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tests.stubs.stripe_wire import StripeError, stripe_id

API_KEY, WEBHOOK_SECRET = "sk_test_standin", "whsec_standin_secret"


@dataclass(kw_only=True)
class StripeApi:
    """Stripe's records and its API; StripeStandIn adds the server and Stripe's side."""

    api_key: str = API_KEY
    webhook_secret: str = WEBHOOK_SECRET
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    transfers: dict[str, dict[str, Any]] = field(default_factory=dict)
    refunded: dict[str, int] = field(default_factory=dict)  # payment intent -> cents
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    idempotent: dict[str, tuple[str, int, dict[str, Any]]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)  # every event it built
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    def event(
        self,
        event_type: str,
        obj: dict[str, Any],
        *,
        event_id: str | None = None,
        account: str | None = None,
    ) -> dict[str, Any]:
        event: dict[str, Any] = {
            "id": event_id or stripe_id("evt"),
            "object": "event",
            "api_version": "2026-10-28.endive",
            "created": int(time.time()),
            "data": {"object": obj},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }
        if account:
            event["account"] = account
        self.events.append(event)
        return event

    # ---- the API --------------------------------------------------------------------------
    def handle(self, method: str, path: str, form: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        self.requests.append((method, path, form))
        routes = {
            ("POST", "/v1/checkout/sessions"): self._create_session,
            ("POST", "/v1/accounts"): self._create_account,
            ("POST", "/v1/account_links"): self._create_link,
            ("POST", "/v1/transfers"): self._create_transfer,
        }
        if (method, path) in routes:
            return 200, routes[method, path](form)
        found = re.fullmatch(r"/v1/(checkout/sessions|accounts)/([\w-]+)", path)
        if method == "GET" and found:
            store = self.sessions if found.group(1) == "checkout/sessions" else self.accounts
            kind = "checkout.session" if store is self.sessions else "account"
            if found.group(2) not in store:
                raise StripeError(
                    404, f"No such {kind}: '{found.group(2)}'", code="resource_missing"
                )
            return 200, {k: v for k, v in store[found.group(2)].items() if not k.startswith("_")}
        raise StripeError(404, f"Unrecognized request URL ({method}: {path}).")

    @staticmethod
    def _need(form: dict[str, Any], *names: str) -> None:
        for name in names:
            if not form.get(name):
                raise StripeError(400, f"Missing required param: {name}.", param=name)

    def _create_session(self, form: dict[str, Any]) -> dict[str, Any]:
        self._need(form, "mode", "success_url", "cancel_url", "line_items")
        item = form["line_items"][0]
        price = item.get("price_data") or {}
        amount = int(price.get("unit_amount") or 0) * int(item.get("quantity") or 1)
        if amount < 50:
            raise StripeError(
                400,
                "The Checkout Session's total amount due must add up to at least $0.50 usd",
                param="line_items",
            )
        session_id = stripe_id("cs_test")
        checkout = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": amount,
            "amount_total": amount,
            "currency": price["currency"],
            "mode": form["mode"],
            "metadata": form.get("metadata", {}),
            "client_reference_id": form.get("client_reference_id"),
            "customer_email": form.get("customer_email"),
            "customer_details": None,
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "success_url": form["success_url"],
            "cancel_url": form["cancel_url"],
            "url": f"{self.base_url}/c/pay/{session_id}",
            "livemode": False,
            "created": int(time.time()),
            "expires_at": int(time.time()) + 86400,
            "_intent_metadata": (form.get("payment_intent_data") or {}).get("metadata", {}),
            "_product": (price.get("product_data") or {}).get("name"),
        }
        self.sessions[session_id] = checkout
        return {k: v for k, v in checkout.items() if not k.startswith("_")}

    def _create_account(self, form: dict[str, Any]) -> dict[str, Any]:
        account = {
            "id": stripe_id("acct"),
            "object": "account",
            "type": form.get("type", "express"),
            "email": form.get("email"),
            "metadata": form.get("metadata", {}),
            "payouts_enabled": False,
            "charges_enabled": False,
            "details_submitted": False,
            "capabilities": {"transfers": "inactive"},
        }
        self.accounts[account["id"]] = account
        return dict(account)

    def _create_link(self, form: dict[str, Any]) -> dict[str, Any]:
        self._need(form, "account", "refresh_url", "return_url", "type")
        if form["account"] not in self.accounts:
            raise StripeError(400, f"No such account: '{form['account']}'", param="account")
        now = int(time.time())
        return {
            "object": "account_link",
            "created": now,
            "expires_at": now + 300,
            "url": f"{self.base_url}/connect/onboarding/{form['account']}",
        }

    def _create_transfer(self, form: dict[str, Any]) -> dict[str, Any]:
        self._need(form, "amount", "currency", "destination")
        account = self.accounts.get(form["destination"])
        if account is None or not account["payouts_enabled"]:
            raise StripeError(
                400,
                "Your destination account needs to have at least one of the following "
                "capabilities enabled: transfers, crypto_transfers, legacy_payments",
                param="destination",
            )
        transfer = {
            "id": stripe_id("tr"),
            "object": "transfer",
            "amount": int(form["amount"]),
            "currency": form["currency"],
            "destination": form["destination"],
            "transfer_group": form.get("transfer_group"),
            "metadata": form.get("metadata", {}),
            "livemode": False,
            "reversed": False,
            "created": int(time.time()),
        }
        self.transfers[transfer["id"]] = transfer
        self.event("transfer.created", dict(transfer))  # kept in .events; tests send it
        return dict(transfer)
