"""The viewer's side: "my purchases" and a receipt per purchase, refunds included."""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.content.cards import cards_for, listed_ids, page_bounds, to_cards
from microshort.content.models import Bundle, Season, Series
from microshort.content.pricing import format_price
from microshort.content.schemas import SeriesCard
from microshort.errors import NotFound
from microshort.payments.models import Entitlement, Transaction, TransactionKind
from microshort.payments.pricing import season_title
from microshort.payments.schemas import PurchaseItem, Receipt
from microshort.users.models import User


def receipt_number(transaction_id: int) -> str:
    return f"MS-{transaction_id:06d}"


def _item_title(session: Session, purchase: Transaction) -> str:
    if purchase.season_id is not None:
        season = session.get(Season, purchase.season_id)
        return season_title(season) if season else "A season"
    bundle = session.get(Bundle, purchase.bundle_id) if purchase.bundle_id else None
    return bundle.title if bundle else "A bundle"


def _item(session: Session, purchase: Transaction, refunded: int) -> PurchaseItem:
    series = session.get(Series, purchase.series_id)
    status: Literal["paid", "refunded", "partly refunded"] = (
        "refunded"
        if refunded >= purchase.gross_cents
        else "partly refunded"
        if refunded
        else "paid"
    )
    return PurchaseItem(
        transaction_id=purchase.id or 0,
        receipt_number=receipt_number(purchase.id or 0),
        purchased_at=purchase.created_at,
        date_label=f"{purchase.created_at:%b %d, %Y}",
        series_title=series.title if series else "A series",
        series_slug=series.slug if series and not series.deleted_at else None,
        item_title=_item_title(session, purchase),
        amount_cents=purchase.gross_cents,
        refunded_cents=refunded,
        currency=purchase.currency,
        amount_label=format_price(purchase.gross_cents, purchase.currency),
        status=status,
        test_mode=not purchase.livemode,
    )


def _refunds(session: Session, purchase_ids: list[int]) -> dict[int, list[Transaction]]:
    found: dict[int, list[Transaction]] = defaultdict(list)
    if purchase_ids:
        for refund in session.exec(
            select(Transaction)
            .where(col(Transaction.refunds_transaction_id).in_(purchase_ids))
            .order_by(col(Transaction.created_at), col(Transaction.id))
        ).all():
            found[refund.refunds_transaction_id or 0].append(refund)
    return found


def purchases(session: Session, user_id: int, *, limit: int = 200) -> list[PurchaseItem]:
    """The viewer's purchases, newest first, each with what was refunded."""
    rows = list(
        session.exec(
            select(Transaction)
            .where(Transaction.user_id == user_id, Transaction.kind == TransactionKind.PURCHASE)
            .order_by(col(Transaction.created_at).desc(), col(Transaction.id).desc())
            .limit(max(1, min(limit, 1000)))
        ).all()
    )
    refunds = _refunds(session, [row.id or 0 for row in rows])
    return [
        _item(session, row, sum(r.gross_cents for r in refunds.get(row.id or 0, [])))
        for row in rows
    ]


def _own_purchase(session: Session, user_id: int, transaction_id: int) -> Transaction:
    purchase = session.get(Transaction, transaction_id)
    if purchase is None or purchase.user_id != user_id or purchase.kind != TransactionKind.PURCHASE:
        raise NotFound("This receipt does not exist.")
    return purchase


def receipt(session: Session, user_id: int, transaction_id: int) -> Receipt:
    """One purchase's receipt; only its buyer may read it."""
    purchase = _own_purchase(session, user_id, transaction_id)
    refunds = _refunds(session, [transaction_id]).get(transaction_id, [])
    refunded = sum(refund.gross_cents for refund in refunds)
    user = session.get(User, user_id)
    return Receipt(
        purchase=_item(session, purchase, refunded),
        buyer_email=user.email if user else "",
        payment_reference=purchase.provider_payment_id or "",
        provider=purchase.provider,
        refunds=[
            (f"{r.created_at:%b %d, %Y}", format_price(r.gross_cents, r.currency)) for r in refunds
        ],
        net_label=format_price(purchase.gross_cents - refunded, purchase.currency),
    )


def purchase_for_session(session: Session, user_id: int, session_id: str) -> PurchaseItem | None:
    """The purchase a checkout session became, if it is recorded yet."""
    purchase = session.exec(
        select(Transaction).where(
            Transaction.user_id == user_id,
            Transaction.kind == TransactionKind.PURCHASE,
            Transaction.provider_session_id == session_id,
        )
    ).first()
    if purchase is None:
        return None
    refunded = sum(
        r.gross_cents for r in _refunds(session, [purchase.id or 0]).get(purchase.id or 0, [])
    )
    return _item(session, purchase, refunded)


def purchased_series(session: Session, user_id: int, *, limit: int = 60) -> list[SeriesCard]:
    """Listed series the viewer bought a season or a bundle of and still owns (a purchase
    refunded in full revokes its entitlement), latest purchase first. One statement."""
    bought_at = sa.func.max(col(Transaction.created_at)).label("bought_at")
    page = (
        listed_ids(bought_at)
        .join(Transaction, col(Transaction.series_id) == col(Series.id))
        .join(Entitlement, col(Entitlement.source_transaction_id) == col(Transaction.id))
        .where(
            col(Transaction.user_id) == user_id,
            col(Transaction.kind) == TransactionKind.PURCHASE,
            col(Entitlement.user_id) == user_id,
            col(Entitlement.revoked_at).is_(None),
        )
        .group_by(col(Series.id))
        .order_by(bought_at.desc(), col(Series.id).desc())
        .limit(page_bounds(limit, 0)[0])
        .subquery("purchased")
    )
    rows = session.execute(
        cards_for(page).order_by(page.c.bought_at.desc(), page.c.id.desc())
    ).all()
    return to_cards(rows)
