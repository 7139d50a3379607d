"""Stripe-shaped events → ledger and payout changes. Called inside the webhook's transaction.

checkout.session.completed (and .async_payment_succeeded) with payment_status "paid", and
payment_intent.succeeded carrying our metadata, record the purchase (whichever comes first;
the other finds it recorded). charge.refunded reverses; account.updated follows the creator's
payout account; transfer.created and payout.paid move payouts on.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from microshort.payments import connect, ledger, payouts, refunds
from microshort.payments.models import PaymentProvider

log = logging.getLogger(__name__)

PURCHASE_EVENTS = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
HANDLED = PURCHASE_EVENTS | {
    "payment_intent.succeeded",
    "charge.refunded",
    "account.updated",
    "transfer.created",
    "payout.paid",
}


class MalformedEvent(Exception):
    pass


def _id(value: Any) -> str | None:
    """An id field, which Stripe sends as a string or (when expanded) an object."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None


def _int(value: Any) -> int | None:
    text = str(value) if isinstance(value, int | str) else ""
    return int(text) if text.isdigit() and len(text) <= 12 else None


def _when(value: Any, default: datetime) -> datetime:
    number = _int(value)
    return datetime.fromtimestamp(number, UTC) if number else default


def purchase_from(obj: dict[str, Any], *, amount_key: str) -> ledger.Purchase | None:
    """Our metadata (user_id and season_id or bundle_id) and the money; None if not ours."""
    metadata = obj.get("metadata") or {}
    if not isinstance(metadata, dict):
        return None
    user_id = _int(metadata.get("user_id"))
    season_id, bundle_id = _int(metadata.get("season_id")), _int(metadata.get("bundle_id"))
    amount = _int(obj.get(amount_key))
    currency = str(obj.get("currency") or "").upper()
    if not user_id or (season_id is None) == (bundle_id is None) or not amount:
        return None
    if len(currency) != 3 or not currency.isalpha():
        return None
    is_session = obj.get("object") == "checkout.session"
    session_id = _id(obj.get("id")) if is_session else None
    payment_id = _id(obj.get("payment_intent")) if is_session else _id(obj.get("id"))
    payment_id = payment_id or session_id
    if payment_id is None:
        return None
    return ledger.Purchase(
        user_id=user_id,
        season_id=season_id,
        bundle_id=bundle_id,
        gross_cents=amount,
        currency=currency,
        payment_id=payment_id,
        session_id=session_id,
        livemode=bool(obj.get("livemode")),
    )


def apply_event(
    session: Session,
    event: dict[str, Any],
    *,
    provider: PaymentProvider,
    platform_fee_percent: int,
    now: datetime,
) -> bool:
    """Apply one verified event; False when it changes nothing (not ours, already done)."""
    kind = event.get("type")
    obj = (event.get("data") or {}).get("object")
    if not isinstance(obj, dict):
        raise MalformedEvent("no data.object")
    if kind in PURCHASE_EVENTS or kind == "payment_intent.succeeded":
        if kind in PURCHASE_EVENTS and obj.get("payment_status") != "paid":
            return False  # an asynchronous payment method: wait for it to succeed
        amount_key = "amount_received" if kind == "payment_intent.succeeded" else "amount_total"
        purchase = purchase_from(obj, amount_key=amount_key)
        if purchase is None:
            log.info("%s %s carries no purchase of ours", kind, event.get("id"))
            return False
        return (
            ledger.record_purchase(
                session,
                purchase,
                provider=provider,
                platform_fee_percent=platform_fee_percent,
                now=now,
            )
            is not None
        )
    if kind == "charge.refunded":
        payment_id = _id(obj.get("payment_intent")) or _id(obj.get("id"))
        refunded = _int(obj.get("amount_refunded"))
        if payment_id is None or refunded is None:
            return False
        return (
            refunds.record_refund(
                session,
                provider=provider,
                payment_id=payment_id,
                refunded_total_cents=refunded,
                now=now,
            )
            is not None
        )
    if kind == "account.updated":
        account_id = _id(obj.get("id"))
        return account_id is not None and connect.apply_account_update(
            session, account_id=account_id, payouts_enabled=bool(obj.get("payouts_enabled"))
        )
    if kind == "transfer.created":
        transfer_id, group = _id(obj.get("id")), obj.get("transfer_group")
        return (
            transfer_id is not None
            and isinstance(group, str)
            and payouts.apply_transfer_created(
                session, transfer_id=transfer_id, transfer_group=group
            )
        )
    if kind == "payout.paid":
        account_id = _id(event.get("account"))
        return account_id is not None and (
            payouts.apply_payout_paid(
                session,
                account_id=account_id,
                currency=str(obj.get("currency") or "").upper(),
                created=_when(obj.get("created"), now),
                arrival=_when(obj.get("arrival_date"), now),
            )
            > 0
        )
    return False
