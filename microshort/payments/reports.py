"""Payout history, its CSV export, and the studio's payouts overview."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from sqlmodel import Session, col, select

from microshort.content.pricing import format_price
from microshort.payments.models import Payout
from microshort.payments.schemas import PayoutItem, PayoutOverview
from microshort.users.models import CreatorProfile

CSV_COLUMNS = ("date", "amount", "currency", "status", "transfer_id", "mode", "paid_at")


def payout_item(payout: Payout) -> PayoutItem:
    return PayoutItem(
        id=payout.id or 0,
        created_at=payout.created_at,
        date_label=f"{payout.created_at:%b %d, %Y}",
        amount_cents=payout.amount_cents,
        currency=payout.currency,
        amount_label=format_price(payout.amount_cents, payout.currency),
        status=payout.status,
        transfer_id=payout.provider_transfer_id,
        test_mode=not payout.livemode,
        paid_at=payout.paid_at,
    )


def payout_history(session: Session, creator_id: int, *, limit: int = 200) -> list[PayoutItem]:
    """The creator's payouts, newest first."""
    rows = session.exec(
        select(Payout)
        .where(Payout.creator_id == creator_id)
        .order_by(col(Payout.created_at).desc(), col(Payout.id).desc())
        .limit(max(1, min(limit, 10_000)))
    ).all()
    return [payout_item(row) for row in rows]


def payouts_csv(session: Session, creator_id: int) -> str:
    """Every payout as CSV (newest first); amounts as decimals ("12.34")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in payout_history(session, creator_id, limit=10_000):
        writer.writerow(
            (
                item.created_at.date().isoformat(),
                f"{item.amount_cents // 100}.{item.amount_cents % 100:02d}",
                item.currency,
                item.status,
                item.transfer_id or "",
                "test" if item.test_mode else "live",
                item.paid_at.isoformat() if item.paid_at else "",
            )
        )
    return out.getvalue()


def payout_overview(
    session: Session,
    creator_id: int,
    *,
    minimum_cents: int,
    test_mode: bool,
    now: datetime,
) -> PayoutOverview:
    """Balance, minimum, onboarding state, next scheduled payout and history for the studio."""
    from microshort.payments.payouts import balances, next_payout_at

    profile = session.get(CreatorProfile, creator_id)
    lines = balances(session, creator_id)
    return PayoutOverview(
        balances=lines,
        minimum_cents=minimum_cents,
        minimum_label=format_price(minimum_cents, lines[0].currency if lines else "USD"),
        has_account=bool(profile and profile.payout_account_id),
        payouts_enabled=bool(profile and profile.payouts_enabled),
        next_payout_at=next_payout_at(now),
        history=payout_history(session, creator_id),
        test_mode=test_mode,
    )
