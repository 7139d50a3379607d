"""Creator payouts: the balance from the ledger, a minimum, and transfers that cannot pay twice.

balance = creator credits − creator debits − payouts not failed (pending, in transit, paid),
per currency. A payout's idempotency key is creator + currency + day (UTC): a retried job (it
keeps its scheduled timestamp), a double click or a second run that day create nothing new,
and the provider gets the same key, so it never transfers twice either. The transfer is made
inside the caller's transaction: if it fails, nothing is recorded and the balance stays.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from microshort.content.pricing import format_price
from microshort.errors import InvalidInput, NotFound, ProviderError
from microshort.integrations.payments.base import PaymentsError, PaymentsProvider
from microshort.notify.service import queue_email
from microshort.payments.models import (
    Payout,
    PayoutStatus,
    RevenueSplit,
    SplitDirection,
    SplitParty,
)
from microshort.payments.reports import payout_item
from microshort.payments.schemas import BalanceLine, PayoutItem
from microshort.users.models import CreatorProfile, User

PAYOUT_HOUR_UTC = 6
PAYOUT_CRON = f"0 {PAYOUT_HOUR_UTC} * * *"  # every day at 06:00 UTC


def minimum_payout() -> int:
    from microshort.config import get_settings

    return get_settings().minimum_payout_cents


def next_payout_at(now: datetime) -> datetime:
    today = datetime.combine(now.astimezone(UTC).date(), time(PAYOUT_HOUR_UTC), UTC)
    return today if today > now else today + timedelta(days=1)


def payout_key(creator_id: int, currency: str, now: datetime) -> str:
    return f"payout-{creator_id}-{currency}-{now.astimezone(UTC):%Y-%m-%d}"


def _sums(session: Session, query: Any) -> dict[str, int]:
    return {str(currency): int(total) for currency, total in session.execute(query).all()}


def balances(session: Session, creator_id: int) -> list[BalanceLine]:
    """What the creator has earned, had reversed, been paid and may still be paid, per currency."""

    def splits(direction: SplitDirection) -> dict[str, int]:
        return _sums(
            session,
            select(RevenueSplit.currency, sa.func.sum(RevenueSplit.amount_cents))
            .where(
                RevenueSplit.creator_id == creator_id,
                RevenueSplit.party == SplitParty.CREATOR,
                RevenueSplit.direction == direction,
            )
            .group_by(col(RevenueSplit.currency)),
        )

    credits, debits = splits(SplitDirection.CREDIT), splits(SplitDirection.DEBIT)
    paid = _sums(
        session,
        select(Payout.currency, sa.func.sum(Payout.amount_cents))
        .where(Payout.creator_id == creator_id, Payout.status != PayoutStatus.FAILED)
        .group_by(col(Payout.currency)),
    )
    lines = []
    for currency in sorted(set(credits) | set(debits) | set(paid)):
        available = credits.get(currency, 0) - debits.get(currency, 0) - paid.get(currency, 0)
        lines.append(
            BalanceLine(
                currency=currency,
                earned_cents=credits.get(currency, 0),
                reversed_cents=debits.get(currency, 0),
                paid_out_cents=paid.get(currency, 0),
                available_cents=available,
                available_label=(
                    format_price(available, currency)
                    if available >= 0
                    else "−" + format_price(-available, currency)
                ),
                earned_label=format_price(credits.get(currency, 0), currency),
                reversed_label=format_price(debits.get(currency, 0), currency),
                paid_out_label=format_price(paid.get(currency, 0), currency),
            )
        )
    return lines


def creators_due(session: Session) -> list[int]:
    """Creators who can receive payouts (the job checks each one's balance)."""
    return [
        int(creator_id)
        for creator_id in session.exec(
            select(CreatorProfile.id).where(
                col(CreatorProfile.payouts_enabled).is_(True),
                col(CreatorProfile.payout_account_id).is_not(None),
            )
        ).all()
        if creator_id
    ]


def _confirm_by_mail(session: Session, profile: CreatorProfile, payout: Payout) -> None:
    user = session.get(User, profile.user_id)
    if user is None:
        return
    amount = format_price(payout.amount_cents, payout.currency)
    test = "" if payout.livemode else " (test mode)"
    queue_email(
        session,
        to=user.email,
        subject=f"Your MicroShort payout of {amount} is on its way{test}",
        body=(
            f"Hi {profile.display_name},\n\nWe sent you {amount} on "
            f"{payout.created_at:%b %d, %Y}. Reference: {payout.provider_transfer_id}.\n"
            + (
                "\nThis was a test-mode payout: no money moved.\n"
                if not payout.livemode
                else "\nYour bank usually shows it within a few business days.\n"
            )
            + "\nYour payout history is in the studio under Payouts.\n"
        ),
    )


def pay_out(
    session: Session,
    creator_id: int,
    provider: PaymentsProvider,
    now: datetime,
    *,
    minimum_cents: int | None = None,
) -> list[PayoutItem]:
    """Transfer each currency's available balance (at or above the minimum) to the creator's
    connected account; one payout per creator, currency and day. Returns what it paid."""
    profile = session.exec(
        select(CreatorProfile).where(CreatorProfile.id == creator_id).with_for_update()
    ).first()  # one payout run per creator at a time
    if profile is None:
        raise NotFound("This creator does not exist.")
    if not profile.payout_account_id or not profile.payouts_enabled:
        raise InvalidInput("Set up payouts first: connect a payout account in the studio.")
    minimum_cents = minimum_payout() if minimum_cents is None else minimum_cents
    made = []
    for line in balances(session, creator_id):
        if line.available_cents < minimum_cents:
            continue
        key = payout_key(creator_id, line.currency, now)
        payout_id = session.execute(
            insert(Payout)
            .values(
                creator_id=creator_id,
                amount_cents=line.available_cents,
                currency=line.currency,
                status=PayoutStatus.PENDING,
                idempotency_key=key,
                livemode=provider.livemode,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
            .returning(col(Payout.id))
        ).scalar_one_or_none()
        if payout_id is None:
            continue  # this period's payout exists already
        try:
            transfer = provider.create_transfer(
                amount_cents=line.available_cents,
                currency=line.currency,
                destination=profile.payout_account_id,
                idempotency_key=key,
                metadata={"payout_id": str(payout_id), "creator_id": str(creator_id)},
            )
        except PaymentsError as error:
            raise ProviderError(str(error)) from error
        payout = session.get_one(Payout, payout_id)
        payout.provider_transfer_id = transfer.id
        payout.livemode = transfer.livemode
        payout.status = PayoutStatus.PAID if transfer.settled else PayoutStatus.IN_TRANSIT
        payout.paid_at = now if transfer.settled else None
        session.add(payout)
        session.flush()
        _confirm_by_mail(session, profile, payout)
        made.append(payout_item(payout))
    return made


def pay_out_now(
    session: Session,
    creator_id: int,
    provider: PaymentsProvider,
    now: datetime,
    *,
    minimum_cents: int | None = None,
) -> list[PayoutItem]:
    """The studio's "Pay out now": like the scheduled run, but says why when nothing is paid."""
    minimum_cents = minimum_payout() if minimum_cents is None else minimum_cents
    made = pay_out(session, creator_id, provider, now, minimum_cents=minimum_cents)
    if made:
        return made
    lines = balances(session, creator_id)
    if any(line.available_cents >= minimum_cents for line in lines):
        raise InvalidInput("Today's payout has been made already; the next one is tomorrow.")
    raise InvalidInput(
        f"Payouts start at {format_price(minimum_cents, lines[0].currency if lines else 'USD')}."
    )


def apply_transfer_created(session: Session, *, transfer_id: str, transfer_group: str) -> bool:
    """transfer.created: note the transfer on its payout (found by its idempotency key)."""
    updated = session.execute(
        sa.update(Payout)
        .where(col(Payout.idempotency_key) == transfer_group)
        .where(col(Payout.provider_transfer_id).is_(None))
        .values(provider_transfer_id=transfer_id, status=PayoutStatus.IN_TRANSIT)
        .returning(col(Payout.id))
    ).first()
    return updated is not None


def apply_payout_paid(
    session: Session, *, account_id: str, currency: str, created: datetime, arrival: datetime
) -> int:
    """payout.paid on a connected account: its transfers in transit up to then have arrived."""
    creator_id = session.exec(
        select(CreatorProfile.id).where(CreatorProfile.payout_account_id == account_id)
    ).first()
    if creator_id is None:
        return 0
    result = session.execute(
        sa.update(Payout)
        .where(
            col(Payout.creator_id) == creator_id,
            col(Payout.currency) == currency,
            col(Payout.status) == PayoutStatus.IN_TRANSIT,
            col(Payout.created_at) <= created,
        )
        .values(status=PayoutStatus.PAID, paid_at=arrival)
        .returning(col(Payout.id))
    )
    return len(result.all())
