"""Refunds: a reversing transaction (kind refund), three debit splits and, once the whole
purchase is refunded, its entitlement revoked — in the caller's transaction.

Stripe reports the charge's cumulative refunded amount; each refund event reverses what that
total adds to what was reversed before (payments/splits.refund_split), so partial refunds add
up and a full refund nets every party to zero. Keyed by payment + cumulative amount, and the
purchase row is locked, so the same refund seen twice (or at once) is reversed once.
"""

from __future__ import annotations

import logging
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.payments.ledger import add_splits, insert_transaction
from microshort.payments.models import (
    Entitlement,
    PaymentProvider,
    SplitDirection,
    Transaction,
    TransactionKind,
)
from microshort.payments.splits import Split, refund_split

log = logging.getLogger(__name__)


def _refunded_so_far(session: Session, purchase_id: int) -> Split:
    row = session.execute(
        select(
            sa.func.coalesce(sa.func.sum(Transaction.gross_cents), 0),
            sa.func.coalesce(sa.func.sum(Transaction.processor_fee_cents), 0),
            sa.func.coalesce(sa.func.sum(Transaction.platform_fee_cents), 0),
            sa.func.coalesce(sa.func.sum(Transaction.creator_share_cents), 0),
        ).where(col(Transaction.refunds_transaction_id) == purchase_id)
    ).one()
    return Split(*(int(value) for value in row))


def record_refund(
    session: Session,
    *,
    provider: PaymentProvider,
    payment_id: str,
    refunded_total_cents: int,
    now: datetime,
) -> Transaction | None:
    """Reverse what a refund (the charge's cumulative refunded amount) takes back; revoke the
    entitlement once all of it is refunded. None when there is nothing (new) to reverse."""
    purchase = session.exec(
        select(Transaction)
        .where(
            Transaction.provider == provider,
            Transaction.kind == TransactionKind.PURCHASE,
            Transaction.provider_payment_id == payment_id,
        )
        .with_for_update()
    ).first()
    if purchase is None or purchase.id is None:
        log.warning("refund for unknown payment %s", payment_id)
        return None
    target = min(max(refunded_total_cents, 0), purchase.gross_cents)
    before = _refunded_so_far(session, purchase.id)
    if target <= before.gross_cents:
        return None
    original = Split(
        purchase.gross_cents,
        purchase.processor_fee_cents,
        purchase.platform_fee_cents,
        purchase.creator_share_cents,
    )
    total = refund_split(original, target)
    step = Split(
        total.gross_cents - before.gross_cents,
        total.processor_fee_cents - before.processor_fee_cents,
        total.platform_fee_cents - before.platform_fee_cents,
        total.creator_share_cents - before.creator_share_cents,
    )
    transaction_id = insert_transaction(
        session,
        kind=TransactionKind.REFUND,
        user_id=purchase.user_id,
        series_id=purchase.series_id,
        creator_id=purchase.creator_id,
        season_id=purchase.season_id,
        bundle_id=purchase.bundle_id,
        refunds_transaction_id=purchase.id,
        gross_cents=step.gross_cents,
        processor_fee_cents=step.processor_fee_cents,
        platform_fee_cents=step.platform_fee_cents,
        creator_share_cents=step.creator_share_cents,
        currency=purchase.currency,
        provider=provider,
        provider_session_id=purchase.provider_session_id,
        provider_payment_id=f"{payment_id}/refund/{target}",
        livemode=purchase.livemode,
        created_at=now,
    )
    if transaction_id is None:
        return None
    add_splits(
        session,
        transaction_id,
        step,
        creator_id=purchase.creator_id,
        currency=purchase.currency,
        direction=SplitDirection.DEBIT,
        now=now,
    )
    if target == purchase.gross_cents:
        session.execute(
            sa.update(Entitlement)
            .where(
                col(Entitlement.source_transaction_id) == purchase.id,
                col(Entitlement.revoked_at).is_(None),
            )
            .values(revoked_at=now)
        )
    session.flush()
    return session.get(Transaction, transaction_id)
