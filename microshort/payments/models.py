"""The ledger: entitlements, transactions, revenue splits, payouts, webhook idempotency."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from microshort.analytics.models import touch_reference
from microshort.db import aware, currency_code, non_negative, one_of


class TransactionKind(StrEnum):
    PURCHASE = "purchase"
    REFUND = "refund"


class PaymentProvider(StrEnum):
    STRIPE = "stripe"
    LOCAL = "local"


class SplitParty(StrEnum):
    CREATOR = "creator"
    PLATFORM = "platform"
    PROCESSOR = "processor"


class SplitDirection(StrEnum):
    CREDIT = "credit"
    DEBIT = "debit"


class PayoutStatus(StrEnum):
    PENDING = "pending"
    IN_TRANSIT = "in_transit"
    PAID = "paid"
    FAILED = "failed"


class Transaction(SQLModel, table=True):
    __tablename__ = "transactions"
    __table_args__ = (
        one_of("kind", TransactionKind),
        one_of("provider", PaymentProvider),
        non_negative("gross_cents"),
        non_negative("processor_fee_cents"),
        non_negative("platform_fee_cents"),
        non_negative("creator_share_cents"),
        sa.CheckConstraint(
            "processor_fee_cents + platform_fee_cents + creator_share_cents = gross_cents",
            name="split_sums_to_gross",
        ),
        currency_code(),
        sa.UniqueConstraint("provider", "kind", "provider_payment_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    user_id: int | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL", index=True
    )
    series_id: int = Field(foreign_key="series.id", ondelete="RESTRICT", index=True)
    creator_id: int = Field(foreign_key="creator_profiles.id", ondelete="RESTRICT", index=True)
    season_id: int | None = Field(default=None, foreign_key="seasons.id", ondelete="SET NULL")
    bundle_id: int | None = Field(default=None, foreign_key="bundles.id", ondelete="SET NULL")
    refunds_transaction_id: int | None = Field(
        default=None, foreign_key="transactions.id", ondelete="RESTRICT"
    )
    gross_cents: int
    processor_fee_cents: int = 0
    platform_fee_cents: int = 0
    creator_share_cents: int = 0
    currency: str = Field(default="USD", max_length=3)
    provider: str = Field(max_length=16)
    provider_session_id: str | None = Field(default=None, max_length=255)
    provider_payment_id: str | None = Field(default=None, max_length=255)
    livemode: bool = False
    # The buyer's attribution when they paid (analytics/attribution.py): first and last touch.
    first_touch_id: int | None = touch_reference()
    last_touch_id: int | None = touch_reference()
    created_at: datetime = aware(index=True)


class Entitlement(SQLModel, table=True):
    """A viewer's right to watch a season or a bundle's seasons; revoked on refund."""

    __tablename__ = "entitlements"
    __table_args__ = (
        sa.CheckConstraint("(season_id IS NULL) <> (bundle_id IS NULL)", name="season_xor_bundle"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    season_id: int | None = Field(default=None, foreign_key="seasons.id", ondelete="CASCADE")
    bundle_id: int | None = Field(default=None, foreign_key="bundles.id", ondelete="CASCADE")
    source_transaction_id: int | None = Field(
        default=None, foreign_key="transactions.id", ondelete="SET NULL"
    )
    granted_at: datetime = aware()
    revoked_at: datetime | None = aware(nullable=True)


class RevenueSplit(SQLModel, table=True):
    __tablename__ = "revenue_splits"
    __table_args__ = (
        one_of("party", SplitParty),
        one_of("direction", SplitDirection),
        non_negative("amount_cents"),
        currency_code(),
    )

    id: int | None = Field(default=None, primary_key=True)
    transaction_id: int = Field(foreign_key="transactions.id", ondelete="CASCADE", index=True)
    party: str = Field(max_length=16)
    direction: str = Field(max_length=8)
    creator_id: int | None = Field(
        default=None, foreign_key="creator_profiles.id", ondelete="RESTRICT", index=True
    )
    amount_cents: int
    currency: str = Field(default="USD", max_length=3)
    created_at: datetime = aware()


class Payout(SQLModel, table=True):
    __tablename__ = "payouts"
    __table_args__ = (
        one_of("status", PayoutStatus),
        sa.CheckConstraint("amount_cents > 0", name="amount_positive"),
        currency_code(),
    )

    id: int | None = Field(default=None, primary_key=True)
    creator_id: int = Field(foreign_key="creator_profiles.id", ondelete="RESTRICT", index=True)
    amount_cents: int
    currency: str = Field(default="USD", max_length=3)
    status: str = Field(default=PayoutStatus.PENDING, max_length=16)
    idempotency_key: str = Field(max_length=128, unique=True)
    provider_transfer_id: str | None = Field(default=None, max_length=255)
    livemode: bool = False
    created_at: datetime = aware(index=True)
    paid_at: datetime | None = aware(nullable=True)


class WebhookEvent(SQLModel, table=True):
    """Every provider event we accepted, once: the unique key makes handlers idempotent."""

    __tablename__ = "webhook_events"
    __table_args__ = (sa.UniqueConstraint("provider", "event_id"),)

    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(max_length=16)
    event_id: str = Field(max_length=255)
    event_type: str = Field(max_length=100)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSONB)
    received_at: datetime = aware()
    processed_at: datetime | None = aware(nullable=True)


class LocalCheckoutStatus(StrEnum):
    OPEN = "open"
    COMPLETE = "complete"


class LocalCheckoutSession(SQLModel, table=True):
    """The local (test-mode) provider's own checkout sessions, as Stripe keeps its own: what
    the /checkout/<id> page shows and what the signed completion event carries. No foreign
    keys: like Stripe's records, they are the provider's, written in its own transaction."""

    __tablename__ = "local_checkout_sessions"
    __table_args__ = (
        one_of("status", LocalCheckoutStatus),
        sa.CheckConstraint("amount_cents > 0", name="amount_positive"),
        currency_code(),
    )

    id: str = Field(primary_key=True, max_length=64)
    amount_cents: int
    currency: str = Field(max_length=3)
    product_name: str = Field(max_length=200)
    success_url: str = Field(max_length=2000)
    cancel_url: str = Field(max_length=2000)
    session_metadata: dict[str, str] = Field(default_factory=dict, sa_type=JSONB)
    customer_email: str | None = Field(default=None, max_length=254)
    client_reference_id: str | None = Field(default=None, max_length=200)
    status: str = Field(default=LocalCheckoutStatus.OPEN, max_length=16)
    payment_intent_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = aware()
    expires_at: datetime = aware(index=True)
    completed_at: datetime | None = aware(nullable=True)
