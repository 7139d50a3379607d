"""The one handler every Stripe-shaped event goes through: Stripe's own (the webhook route) and
the local test-mode checkout's. Verify the `Stripe-Signature` with the SDK, then store the event
(unique on provider + event id, INSERT … ON CONFLICT DO NOTHING) and apply it in ONE
transaction: a redelivered or concurrently delivered event is applied exactly once.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col

from microshort.db import session_scope, utcnow
from microshort.integrations.payments.stripe import WebhookRejected, verify_webhook
from microshort.payments.events import HANDLED, MalformedEvent, apply_event
from microshort.payments.models import PaymentProvider, WebhookEvent

Outcome = Literal["processed", "duplicate", "ignored"]

__all__ = ["MalformedEvent", "Outcome", "WebhookRejected", "process_event"]


def _parse(payload: bytes) -> tuple[dict[str, Any], str, str]:
    try:
        event = json.loads(payload)
    except ValueError:
        raise MalformedEvent("not JSON") from None
    if not isinstance(event, dict):
        raise MalformedEvent("not an object")
    event_id, event_type = event.get("id"), event.get("type")
    if not isinstance(event_id, str) or not isinstance(event_type, str):
        raise MalformedEvent("no id or type")
    if not 0 < len(event_id) <= 255 or not 0 < len(event_type) <= 100:
        raise MalformedEvent("id or type too long")
    if event_type in HANDLED and not isinstance((event.get("data") or {}).get("object"), dict):
        raise MalformedEvent("no data.object")
    return event, event_id, event_type


def process_event(
    payload: bytes,
    signature: str | None,
    *,
    secret: str,
    provider: PaymentProvider,
    platform_fee_percent: int | None = None,
) -> Outcome:
    """Raises WebhookRejected (bad signature) or MalformedEvent; otherwise the outcome.

    Events of types we do not handle are acknowledged and not stored."""
    verify_webhook(payload, signature, secret)
    event, event_id, event_type = _parse(payload)
    if event_type not in HANDLED:
        return "ignored"
    if platform_fee_percent is None:
        from microshort.config import get_settings

        platform_fee_percent = get_settings().platform_fee_percent
    with session_scope() as session:
        now = utcnow()
        inserted = session.execute(
            insert(WebhookEvent)
            .values(
                provider=provider.value,
                event_id=event_id,
                event_type=event_type,
                payload=event,
                received_at=now,
            )
            .on_conflict_do_nothing(index_elements=["provider", "event_id"])
            .returning(col(WebhookEvent.id))
        ).scalar_one_or_none()
        if inserted is None:
            return "duplicate"
        apply_event(
            session,
            event,
            provider=provider,
            platform_fee_percent=platform_fee_percent,
            now=now,
        )
        session.execute(
            sa.update(WebhookEvent).where(col(WebhookEvent.id) == inserted).values(processed_at=now)
        )
    return "processed"
