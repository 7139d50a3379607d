"""The payments provider interface: Checkout Sessions, Connect Express accounts and transfers.

Both providers speak in Stripe's terms (ids, session statuses, event shapes), so the ledger
applies the same `checkout.session.completed` event whichever one took the money. Amounts are
integer cents with an upper-case ISO currency; the provider never touches our database (the
local one keeps its sessions through an injected CheckoutStore).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

SessionStatus = Literal["open", "complete", "expired"]
PaymentStatus = Literal["paid", "unpaid", "no_payment_required"]


class PaymentsError(Exception):
    """A provider failure; the message is safe to show. `retryable` when trying later may help
    (network trouble, the provider having a bad moment), not when the request itself is wrong."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class CheckoutRequest:
    amount_cents: int
    currency: str  # "USD"
    product_name: str  # "Season 1 · Night Shift"
    success_url: str  # may contain {CHECKOUT_SESSION_ID}
    cancel_url: str
    metadata: dict[str, str] = field(default_factory=dict)
    customer_email: str | None = None
    client_reference_id: str | None = None


@dataclass(frozen=True)
class CheckoutStart:
    url: str  # where to send the buyer
    session_id: str


@dataclass(frozen=True)
class CheckoutSession:
    """A checkout session as the provider sees it (Stripe's `checkout.session` fields)."""

    id: str
    status: SessionStatus
    payment_status: PaymentStatus
    amount_cents: int
    currency: str
    metadata: dict[str, str]
    success_url: str
    cancel_url: str
    livemode: bool
    product_name: str | None = None
    payment_intent_id: str | None = None
    customer_email: str | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None


@dataclass(frozen=True)
class ConnectAccount:
    id: str
    payouts_enabled: bool
    details_submitted: bool


@dataclass(frozen=True)
class Transfer:
    id: str
    amount_cents: int
    currency: str
    destination: str
    livemode: bool
    settled: bool  # True: the money is with the creator now (local test mode)


class PaymentsProvider(Protocol):
    name: str  # "stripe" or "local"
    livemode: bool

    def create_checkout(self, request: CheckoutRequest) -> CheckoutStart: ...

    def retrieve_checkout(self, session_id: str) -> CheckoutSession | None:
        """The session, or None when the provider does not know it."""
        ...

    def create_connect_account(self, *, email: str, metadata: dict[str, str]) -> ConnectAccount:
        """A Connect Express account for a creator (transfers capability)."""
        ...

    def retrieve_account(self, account_id: str) -> ConnectAccount: ...

    def account_link(self, account_id: str, *, refresh_url: str, return_url: str) -> str:
        """A one-time onboarding URL (expires after a few minutes)."""
        ...

    def create_transfer(
        self,
        *,
        amount_cents: int,
        currency: str,
        destination: str,
        idempotency_key: str,
        metadata: dict[str, str],
    ) -> Transfer:
        """Send money to a connected account; the same key never transfers twice."""
        ...

    def describe(self) -> dict[str, Any]:
        """Non-secret facts for logs and the admin page."""
        ...


@dataclass(frozen=True)
class StoredCheckout:
    """What the local provider keeps of a session it created."""

    request: CheckoutRequest
    session_id: str
    created_at: datetime
    expires_at: datetime
    status: SessionStatus = "open"
    payment_intent_id: str | None = None


class CheckoutStore(Protocol):
    """Where the local provider keeps its sessions (a table, shared by every worker)."""

    def save(self, checkout: StoredCheckout) -> None: ...

    def load(self, session_id: str) -> StoredCheckout | None: ...

    def mark_complete(self, session_id: str, payment_intent_id: str, at: datetime) -> None:
        """Idempotent: completing a completed session changes nothing."""
        ...
