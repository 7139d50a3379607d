"""The local provider's CheckoutStore: its sessions in `local_checkout_sessions`, written in
their own short transactions (as Stripe keeps its records apart from ours)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col

from microshort.db import session_scope
from microshort.integrations.payments.base import CheckoutRequest, StoredCheckout
from microshort.payments.models import LocalCheckoutSession, LocalCheckoutStatus


class DatabaseCheckoutStore:
    def __init__(self, engine: sa.Engine | None = None) -> None:
        self._engine = engine  # None: the process-wide engine

    def save(self, checkout: StoredCheckout) -> None:
        request = checkout.request
        with session_scope(self._engine) as session:
            session.add(
                LocalCheckoutSession(
                    id=checkout.session_id,
                    amount_cents=request.amount_cents,
                    currency=request.currency,
                    product_name=request.product_name[:200],
                    success_url=request.success_url,
                    cancel_url=request.cancel_url,
                    session_metadata=dict(request.metadata),
                    customer_email=request.customer_email,
                    client_reference_id=request.client_reference_id,
                    created_at=checkout.created_at,
                    expires_at=checkout.expires_at,
                )
            )

    def load(self, session_id: str) -> StoredCheckout | None:
        if not session_id or len(session_id) > 64:
            return None
        with session_scope(self._engine) as session:
            row = session.get(LocalCheckoutSession, session_id)
            if row is None:
                return None
            return StoredCheckout(
                request=CheckoutRequest(
                    amount_cents=row.amount_cents,
                    currency=row.currency,
                    product_name=row.product_name,
                    success_url=row.success_url,
                    cancel_url=row.cancel_url,
                    metadata=dict(row.session_metadata),
                    customer_email=row.customer_email,
                    client_reference_id=row.client_reference_id,
                ),
                session_id=row.id,
                created_at=row.created_at,
                expires_at=row.expires_at,
                status="complete" if row.status == LocalCheckoutStatus.COMPLETE else "open",
                payment_intent_id=row.payment_intent_id,
            )

    def mark_complete(self, session_id: str, payment_intent_id: str, at: datetime) -> None:
        with session_scope(self._engine) as session:
            session.execute(
                sa.update(LocalCheckoutSession)
                .where(
                    col(LocalCheckoutSession.id) == session_id,
                    col(LocalCheckoutSession.status) == LocalCheckoutStatus.OPEN,
                )
                .values(
                    status=LocalCheckoutStatus.COMPLETE,
                    payment_intent_id=payment_intent_id,
                    completed_at=at,
                )
            )
