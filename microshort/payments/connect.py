"""Creator payout accounts: Stripe Connect Express onboarding (an account, then a one-time
account link with return/refresh URLs) and the account.updated event that enables payouts.

In local test mode the account is enabled at once and the link leads straight back.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.errors import Forbidden, NotFound, ProviderError
from microshort.integrations.payments.base import PaymentsError, PaymentsProvider
from microshort.users.models import ApprovalStatus, CreatorProfile, User


def _profile(session: Session, creator_id: int) -> CreatorProfile:
    profile = session.exec(
        select(CreatorProfile).where(CreatorProfile.id == creator_id).with_for_update()
    ).first()
    if profile is None:
        raise NotFound("This creator does not exist.")
    return profile


def start_onboarding(
    session: Session,
    *,
    creator_id: int,
    provider: PaymentsProvider,
    refresh_url: str,
    return_url: str,
) -> str:
    """The URL to send the creator to (Stripe's hosted onboarding, or return_url locally).

    The Connect account is made once and kept on the profile; a refresh (an expired link) just
    asks for a new link to the same account."""
    profile = _profile(session, creator_id)
    if profile.approval_status != ApprovalStatus.APPROVED:
        raise Forbidden("Payouts open once your creator application is approved.")
    try:
        if not profile.payout_account_id:
            user = session.get(User, profile.user_id)
            account = provider.create_connect_account(
                email=user.email if user else "", metadata={"creator_id": str(creator_id)}
            )
            profile.payout_account_id = account.id
            profile.payouts_enabled = account.payouts_enabled
            session.add(profile)
            session.flush()
        return provider.account_link(
            profile.payout_account_id, refresh_url=refresh_url, return_url=return_url
        )
    except PaymentsError as error:
        raise ProviderError(str(error)) from error


def refresh_account(session: Session, *, creator_id: int, provider: PaymentsProvider) -> bool:
    """Ask the provider whether payouts are enabled now (call it on the return URL)."""
    profile = _profile(session, creator_id)
    if not profile.payout_account_id:
        return False
    try:
        account = provider.retrieve_account(profile.payout_account_id)
    except PaymentsError as error:
        raise ProviderError(str(error)) from error
    profile.payouts_enabled = account.payouts_enabled
    session.add(profile)
    session.flush()
    return account.payouts_enabled


def apply_account_update(session: Session, *, account_id: str, payouts_enabled: bool) -> bool:
    """account.updated: follow the account's payouts_enabled; False for an unknown account."""
    updated = session.execute(
        sa.update(CreatorProfile)
        .where(col(CreatorProfile.payout_account_id) == account_id)
        .values(payouts_enabled=payouts_enabled)
        .returning(col(CreatorProfile.id))
    ).first()
    return updated is not None
