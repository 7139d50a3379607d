"""Read models handed to the UI: plain, frozen, no ORM objects. Money is integer cents plus
an ISO currency, with a ready-made label ("$4.99")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

OfferKind = Literal["season", "bundle"]


@dataclass(frozen=True)
class Offer:
    """Something a viewer can buy: one season, or a bundle of seasons at a discount."""

    kind: OfferKind
    season_id: int | None
    bundle_id: int | None
    series_id: int
    series_title: str
    title: str  # "Season 1" / "Night Shift: every season"
    price_cents: int
    currency: str
    price_label: str  # "$4.99"
    season_ids: tuple[int, ...]
    full_price_cents: int  # what its seasons cost one by one
    saving_cents: int  # 0 for a season
    saving_percent: int  # rounded down, 0..100
    whole_series: bool  # a bundle of every season of the series
    cta: str  # "Unlock Season 1 — $4.99"


@dataclass(frozen=True)
class Paywall:
    episode_id: int
    series_title: str
    season_title: str
    offers: list[Offer] = field(default_factory=list)  # this season first, then bundles
    creator_percent: int = 80  # "80 % goes to the creator"


@dataclass(frozen=True)
class CheckoutView:
    """The local test-mode checkout page."""

    session_id: str
    product_name: str
    amount_cents: int
    currency: str
    price_label: str
    status: Literal["open", "complete", "expired"]
    cancel_url: str
    success_url: str  # {CHECKOUT_SESSION_ID} filled in
    expires_at: datetime | None
    notice: str = "Test mode: no money moves. Pay with 4242 4242 4242 4242."


@dataclass(frozen=True)
class CardResult:
    paid: bool
    message: str
    redirect_url: str | None = None  # where to go after a payment
    field: str | None = None  # "card_number", "expiry" or "cvc" when one is wrong


@dataclass(frozen=True)
class CheckoutOutcome:
    """What the success page shows: the purchase, or that its confirmation is on its way."""

    status: Literal["paid", "pending"]
    title: str
    series_slug: str | None
    purchase_id: int | None = None


@dataclass(frozen=True)
class PurchaseItem:
    transaction_id: int
    receipt_number: str  # "MS-000042"
    purchased_at: datetime
    date_label: str  # "Nov 25, 2026"
    series_title: str
    series_slug: str | None
    item_title: str  # "Season 1" or the bundle's title
    amount_cents: int
    refunded_cents: int
    currency: str
    amount_label: str
    status: Literal["paid", "refunded", "partly refunded"]
    test_mode: bool


@dataclass(frozen=True)
class Receipt:
    purchase: PurchaseItem
    buyer_email: str
    payment_reference: str  # the provider's payment id
    provider: str
    refunds: list[tuple[str, str]] = field(default_factory=list)  # (date label, amount label)
    net_label: str = ""  # what was kept after refunds


@dataclass(frozen=True)
class BalanceLine:
    currency: str
    earned_cents: int  # creator credits
    reversed_cents: int  # creator debits (refunds)
    paid_out_cents: int  # payouts pending, in transit or paid
    available_cents: int
    available_label: str
    earned_label: str  # "$3.19", like the cents fields above
    reversed_label: str
    paid_out_label: str


@dataclass(frozen=True)
class PayoutItem:
    id: int
    created_at: datetime
    date_label: str
    amount_cents: int
    currency: str
    amount_label: str
    status: str  # pending | in_transit | paid | failed
    transfer_id: str | None
    test_mode: bool
    paid_at: datetime | None


@dataclass(frozen=True)
class PayoutOverview:
    balances: list[BalanceLine]
    minimum_cents: int
    minimum_label: str
    has_account: bool
    payouts_enabled: bool
    next_payout_at: datetime
    history: list[PayoutItem] = field(default_factory=list)
    test_mode: bool = True
