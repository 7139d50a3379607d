"""The ledger: a paid purchase becomes one transaction, three credit splits and an entitlement
(refunds, the reverse, are in payments/refunds.py). Written in the caller's transaction;
amounts come from payments/splits.py.

Idempotent by payment: the (provider, kind, payment id) key is inserted with ON CONFLICT DO
NOTHING, so a purchase seen through two events (checkout.session.completed and
payment_intent.succeeded) or twice at once is recorded once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col

from microshort.analytics.attribution import stamp_for
from microshort.analytics.models import AnalyticsEvent, AttributionTouch
from microshort.content.models import Bundle, Season, Series
from microshort.payments.models import (
    Entitlement,
    PaymentProvider,
    RevenueSplit,
    SplitDirection,
    SplitParty,
    Transaction,
    TransactionKind,
)
from microshort.payments.splits import Split, estimated_card_fee, split_payment
from microshort.users.models import User

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purchase:
    """A paid checkout, as the provider's event describes it."""

    user_id: int
    season_id: int | None
    bundle_id: int | None
    gross_cents: int
    currency: str
    payment_id: str  # the payment intent (or the session when there is none)
    session_id: str | None
    livemode: bool


def _series_of(session: Session, purchase: Purchase) -> Series | None:
    if purchase.season_id is not None:
        season = session.get(Season, purchase.season_id)
        return session.get(Series, season.series_id) if season else None
    bundle = session.get(Bundle, purchase.bundle_id) if purchase.bundle_id else None
    return session.get(Series, bundle.series_id) if bundle else None


def insert_transaction(session: Session, **values: object) -> int | None:
    return session.execute(
        insert(Transaction)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["provider", "kind", "provider_payment_id"])
        .returning(col(Transaction.id))
    ).scalar_one_or_none()


def add_splits(
    session: Session,
    transaction_id: int,
    split: Split,
    *,
    creator_id: int,
    currency: str,
    direction: SplitDirection,
    now: datetime,
) -> None:
    parts = (
        (SplitParty.CREATOR, split.creator_share_cents),
        (SplitParty.PLATFORM, split.platform_fee_cents),
        (SplitParty.PROCESSOR, split.processor_fee_cents),
    )
    for party, amount in parts:
        session.add(
            RevenueSplit(
                transaction_id=transaction_id,
                party=party,
                direction=direction,
                creator_id=creator_id,
                amount_cents=amount,
                currency=currency,
                created_at=now,
            )
        )


def record_purchase(
    session: Session,
    purchase: Purchase,
    *,
    provider: PaymentProvider,
    platform_fee_percent: int,
    now: datetime,
    processor_fee_cents: int | None = None,
) -> Transaction | None:
    """Record a paid purchase; None when it was already recorded or names nothing we sell."""
    series = _series_of(session, purchase)
    if series is None:
        log.error("payment %s names no season or bundle we know", purchase.payment_id)
        return None
    gross = purchase.gross_cents
    fee = estimated_card_fee(gross) if processor_fee_cents is None else processor_fee_cents
    split = split_payment(gross, platform_fee_percent=platform_fee_percent, processor_fee_cents=fee)
    buyer = purchase.user_id if session.get(User, purchase.user_id) else None
    first_touch, last_touch = stamp_for(session, buyer, now=now) if buyer else (None, None)
    transaction_id = insert_transaction(
        session,
        kind=TransactionKind.PURCHASE,
        user_id=buyer,
        series_id=series.id,
        creator_id=series.creator_id,
        season_id=purchase.season_id,
        bundle_id=purchase.bundle_id,
        gross_cents=gross,
        processor_fee_cents=split.processor_fee_cents,
        platform_fee_cents=split.platform_fee_cents,
        creator_share_cents=split.creator_share_cents,
        currency=purchase.currency,
        provider=provider,
        provider_session_id=purchase.session_id,
        provider_payment_id=purchase.payment_id,
        livemode=purchase.livemode,
        first_touch_id=first_touch,
        last_touch_id=last_touch,
        created_at=now,
    )
    if transaction_id is None:
        if purchase.session_id:  # seen first through payment_intent.succeeded: note the session
            session.execute(
                sa.update(Transaction)
                .where(
                    col(Transaction.provider) == provider,
                    col(Transaction.kind) == TransactionKind.PURCHASE,
                    col(Transaction.provider_payment_id) == purchase.payment_id,
                    col(Transaction.provider_session_id).is_(None),
                )
                .values(provider_session_id=purchase.session_id)
            )
        return None
    add_splits(
        session,
        transaction_id,
        split,
        creator_id=series.creator_id,
        currency=purchase.currency,
        direction=SplitDirection.CREDIT,
        now=now,
    )
    if buyer is not None:
        session.add(
            Entitlement(
                user_id=buyer,
                season_id=purchase.season_id,
                bundle_id=purchase.bundle_id,
                source_transaction_id=transaction_id,
                granted_at=now,
            )
        )
        session.add(_purchase_event(session, buyer, series.id, purchase, last_touch, now))
    session.flush()
    return session.get(Transaction, transaction_id)


def _purchase_event(
    session: Session,
    buyer: int,
    series_id: int | None,
    purchase: Purchase,
    last_touch: int | None,
    now: datetime,
) -> AnalyticsEvent:
    """The purchase event, carrying the buyer's last touch (share link and UTM tags)."""
    event = AnalyticsEvent(
        name="purchase",
        user_id=buyer,
        series_id=series_id,
        properties={"amount_cents": purchase.gross_cents, "currency": purchase.currency},
        occurred_at=now,
    )
    touch = session.get(AttributionTouch, last_touch) if last_touch else None
    if touch is not None:
        event.share_link_id = touch.share_link_id
        event.utm_source, event.utm_medium = touch.utm_source, touch.utm_medium
        event.utm_campaign, event.utm_content = touch.utm_campaign, touch.utm_content
    return event
