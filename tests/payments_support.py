"""Rows and shortcuts the payments tests share: a priced series with a bundle, viewers, and
ledger counts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import count

from sqlmodel import Session, col, func, select

from microshort.bootstrap import payments_provider
from microshort.content.models import Bundle, BundleSeason, Episode, Season, Series
from microshort.integrations.payments.base import CheckoutStart, PaymentsProvider, StoredCheckout
from microshort.integrations.payments.local import LocalPayments
from microshort.payments import local_checkout
from microshort.payments.ledger import Purchase
from microshort.payments.models import Entitlement, RevenueSplit, Transaction
from microshort.users.models import CreatorProfile, User
from tests.factories import make_creator, make_series
from tests.stubs.stripe_standin import StripeStandIn

_numbers = count(1)
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


class MemoryCheckoutStore:
    """A CheckoutStore in a dict, for tests that never pay through the local checkout."""

    def __init__(self) -> None:
        self.saved: dict[str, StoredCheckout] = {}

    def save(self, checkout: StoredCheckout) -> None:
        self.saved[checkout.session_id] = checkout

    def load(self, session_id: str) -> StoredCheckout | None:
        return self.saved.get(session_id)

    def mark_complete(self, session_id: str, payment_intent_id: str, at: datetime) -> None:
        found = self.saved[session_id]
        if found.status == "open":
            self.saved[session_id] = replace(
                found, status="complete", payment_intent_id=payment_intent_id
            )


@dataclass
class Catalogue:
    creator: CreatorProfile
    series: Series
    seasons: list[Season]
    episodes: list[list[Episode]]  # per season, in order
    bundle: Bundle


def make_viewer(session: Session) -> User:
    user = User(email=f"buyer{next(_numbers)}-{id(session)}@example.com", display_name="Buyer")
    session.add(user)
    session.flush()
    return user


def priced_series(
    session: Session, *, episodes: tuple[int, ...] = (4, 4, 4), bundle_price: int = 999
) -> Catalogue:
    """Seasons at $4.99 (the first 3 episodes free) and a whole-series bundle."""
    creator = make_creator(session)
    series = make_series(session, creator, episodes=episodes)
    seasons = list(
        session.exec(
            select(Season).where(Season.series_id == series.id).order_by(col(Season.number))
        ).all()
    )
    by_season = [
        list(
            session.exec(
                select(Episode).where(Episode.season_id == s.id).order_by(col(Episode.number))
            ).all()
        )
        for s in seasons
    ]
    bundle = Bundle(
        series_id=series.id or 0, title=f"{series.title}: every season", price_cents=bundle_price
    )
    session.add(bundle)
    session.flush()
    for season in seasons:
        session.add(BundleSeason(bundle_id=bundle.id or 0, season_id=season.id or 0))
    session.flush()
    return Catalogue(creator, series, seasons, by_season, bundle)


def purchase(
    user: User,
    *,
    season: Season | None = None,
    bundle: Bundle | None = None,
    gross: int = 499,
    payment_id: str | None = None,
) -> Purchase:
    return Purchase(
        user_id=user.id or 0,
        season_id=season.id if season else None,
        bundle_id=bundle.id if bundle else None,
        gross_cents=gross,
        currency="USD",
        payment_id=payment_id or f"pi_test_{next(_numbers)}_{id(user)}",
        session_id=None,
        livemode=False,
    )


def ledger_counts(session: Session, user_id: int) -> tuple[int, int, int]:
    """(transactions, split rows, active entitlements) of one buyer."""
    transactions = session.exec(
        select(func.count()).select_from(Transaction).where(Transaction.user_id == user_id)
    ).one()
    splits = session.exec(
        select(func.count())
        .select_from(RevenueSplit)
        .join(Transaction, col(Transaction.id) == col(RevenueSplit.transaction_id))
        .where(Transaction.user_id == user_id)
    ).one()
    active = session.exec(
        select(func.count())
        .select_from(Entitlement)
        .where(Entitlement.user_id == user_id, col(Entitlement.revoked_at).is_(None))
    ).one()
    return int(transactions), int(splits), int(active)


@dataclass
class Harness:
    name: str
    standin: StripeStandIn | None

    @property
    def provider(self) -> PaymentsProvider:
        return payments_provider()

    def pay(self, start: CheckoutStart, user_id: int, card: str) -> tuple[bool, str]:
        if self.standin is None:
            provider = self.provider
            assert isinstance(provider, LocalPayments)
            result = local_checkout.submit_card(
                provider,
                session_id=start.session_id,
                user_id=user_id,
                card_number=card,
                expiry="12 / 34",
                cvc="123",
            )
            return result.paid, result.message
        outcome = self.standin.pay(start.session_id, card)
        if isinstance(outcome, str):
            return False, outcome
        assert outcome == [200, 200]
        return True, ""

    def finish_onboarding(self, account_id: str) -> None:
        if self.standin is not None:
            assert self.standin.complete_onboarding(account_id) == 200
