"""Starting a checkout for a signed-in viewer, and confirming it on the way back.

Nothing is written to the ledger here: the session carries our metadata (user_id and season_id
or bundle_id) and the ledger records the purchase when the provider's signed event says it is
paid. On the success page, `confirm_return` asks the provider too, so the viewer sees the
unlock at once even if the event is a few seconds late (the ledger records a payment once).
"""

from __future__ import annotations

from sqlmodel import Session

from microshort.db import utcnow
from microshort.errors import Forbidden, InvalidInput, NotFound, ProviderError
from microshort.integrations.payments.base import (
    CheckoutRequest,
    CheckoutSession,
    CheckoutStart,
    PaymentsError,
    PaymentsProvider,
)
from microshort.payments import ledger
from microshort.payments.models import PaymentProvider
from microshort.payments.pricing import offer_for, owns
from microshort.payments.purchases import purchase_for_session
from microshort.payments.schemas import CheckoutOutcome, Offer
from microshort.users.models import User, UserStatus

MIN_CHARGE_CENTS = 50  # Stripe's smallest card charge in USD/EUR/GBP-ish terms
SESSION_ID_PLACEHOLDER = "{CHECKOUT_SESSION_ID}"


class AlreadyOwned(InvalidInput):
    pass


def metadata_for(user_id: int, offer: Offer) -> dict[str, str]:
    key = "season_id" if offer.kind == "season" else "bundle_id"
    return {"user_id": str(user_id), key: str(offer.season_id or offer.bundle_id)}


def validated_offer(
    session: Session, *, user_id: int, season_id: int | None, bundle_id: int | None
) -> Offer:
    """The offer, if this viewer may buy it now (signed in, on sale, not owned already)."""
    user = session.get(User, user_id)
    if user is None or user.status != UserStatus.ACTIVE:
        raise Forbidden("Sign in to unlock episodes.")
    offer = offer_for(session, season_id=season_id, bundle_id=bundle_id)
    if offer.price_cents < MIN_CHARGE_CENTS:
        raise InvalidInput("This is not on sale yet.")
    if owns(session, user_id, offer):
        raise AlreadyOwned("You already own this: every episode in it is unlocked.")
    return offer


def start_checkout(
    session: Session,
    *,
    user_id: int,
    provider: PaymentsProvider,
    success_url: str,
    cancel_url: str,
    season_id: int | None = None,
    bundle_id: int | None = None,
) -> CheckoutStart:
    """A checkout session for one offer; send the viewer to the returned URL.

    success_url may contain {CHECKOUT_SESSION_ID}; the provider fills it in."""
    offer = validated_offer(session, user_id=user_id, season_id=season_id, bundle_id=bundle_id)
    user = session.get_one(User, user_id)
    request = CheckoutRequest(
        amount_cents=offer.price_cents,
        currency=offer.currency,
        product_name=f"{offer.series_title} · {offer.title}",
        success_url=success_url,
        cancel_url=cancel_url,
        metadata=metadata_for(user_id, offer),
        customer_email=user.email,
        client_reference_id=str(user_id),
    )
    try:
        return provider.create_checkout(request)
    except PaymentsError as error:
        raise ProviderError(str(error)) from error


def _purchase(found: CheckoutSession, user_id: int) -> ledger.Purchase:
    season = found.metadata.get("season_id")
    bundle = found.metadata.get("bundle_id")
    return ledger.Purchase(
        user_id=user_id,
        season_id=int(season) if season and season.isdigit() else None,
        bundle_id=int(bundle) if bundle and bundle.isdigit() else None,
        gross_cents=found.amount_cents,
        currency=found.currency,
        payment_id=found.payment_intent_id or found.id,
        session_id=found.id,
        livemode=found.livemode,
    )


def confirm_return(
    session: Session,
    *,
    user_id: int,
    session_id: str,
    provider: PaymentsProvider,
    platform_fee_percent: int,
) -> CheckoutOutcome:
    """For the success page: "paid" once the purchase is in the ledger (recording it from the
    provider's own answer when the event has not arrived yet), else "pending"."""
    recorded = purchase_for_session(session, user_id, session_id)
    if recorded is None:
        try:
            found = provider.retrieve_checkout(session_id)
        except PaymentsError as error:
            raise ProviderError(str(error)) from error
        if found is None or found.metadata.get("user_id") != str(user_id):
            raise NotFound("This checkout does not exist.")
        if found.payment_status != "paid":
            return CheckoutOutcome(status="pending", title="", series_slug=None)
        purchase = _purchase(found, user_id)
        if (purchase.season_id is None) == (purchase.bundle_id is None):
            raise NotFound("This checkout does not exist.")
        ledger.record_purchase(
            session,
            purchase,
            provider=PaymentProvider(provider.name),
            platform_fee_percent=platform_fee_percent,
            now=utcnow(),
        )
        recorded = purchase_for_session(session, user_id, session_id)
        if recorded is None:  # recorded earlier under its payment intent, by another event
            return CheckoutOutcome(status="paid", title="", series_slug=None)
    return CheckoutOutcome(
        status="paid",
        title=f"{recorded.series_title} · {recorded.item_title}",
        series_slug=recorded.series_slug,
        purchase_id=recorded.transaction_id,
    )
