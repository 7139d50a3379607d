"""Creator balance and payouts: exactly the ledger, to the cent; never twice for one period."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort import migrations
from microshort.content.pricing import format_price
from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.integrations.payments.local import LocalPayments
from microshort.jobs.payouts import run_payouts
from microshort.notify.models import EmailOutbox
from microshort.payments import ledger, payouts, refunds, reports
from microshort.payments.models import PaymentProvider, Payout, RevenueSplit, Transaction
from microshort.users.models import CreatorProfile, User
from tests.payments_support import (
    NOW,
    Catalogue,
    MemoryCheckoutStore,
    make_viewer,
    priced_series,
    purchase,
)

PROVIDER = LocalPayments(store=MemoryCheckoutStore(), webhook_secret="whsec_test")


def enable_payouts(session: Session, creator: CreatorProfile) -> None:
    creator.payout_account_id, creator.payouts_enabled = f"acct_test_{creator.id}", True
    session.add(creator)
    session.flush()


def sell(session: Session, catalogue: Catalogue, *, refund_one: bool = True) -> None:
    """Three season sales and a bundle, then (optionally) one season refunded in full."""
    season_ids = [0, 1, 2]
    for index in season_ids:
        bought = purchase(
            make_viewer(session), season=catalogue.seasons[index], payment_id=f"pi_{index}"
        )
        ledger.record_purchase(
            session, bought, provider=PaymentProvider.LOCAL, platform_fee_percent=20, now=NOW
        )
    bundle = purchase(make_viewer(session), bundle=catalogue.bundle, gross=999)
    ledger.record_purchase(
        session, bundle, provider=PaymentProvider.LOCAL, platform_fee_percent=20, now=NOW
    )
    if refund_one:
        refunds.record_refund(
            session,
            provider=PaymentProvider.LOCAL,
            payment_id="pi_1",
            refunded_total_cents=499,
            now=NOW,
        )


def creator_net_from_ledger(session: Session, creator_id: int) -> int:
    """Credits minus debits of the creator party, straight from revenue_splits."""
    signed = sa.case((col(RevenueSplit.direction) == "credit", 1), else_=-1)
    return int(
        session.exec(
            select(sa.func.sum(signed * col(RevenueSplit.amount_cents))).where(
                RevenueSplit.creator_id == creator_id, RevenueSplit.party == "creator"
            )
        ).one()
        or 0
    )


def test_balance_and_payout_equal_the_ledger_to_the_cent(session: Session) -> None:
    catalogue = priced_series(session)
    creator_id = catalogue.creator.id or 0
    enable_payouts(session, catalogue.creator)
    sell(session, catalogue)
    shares = session.exec(
        select(Transaction.kind, Transaction.creator_share_cents).where(
            Transaction.creator_id == creator_id
        )
    ).all()
    expected = sum(s for k, s in shares if k == "purchase") - sum(
        s for k, s in shares if k == "refund"
    )
    assert expected == 399 * 3 + 799 - 399
    assert creator_net_from_ledger(session, creator_id) == expected
    [line] = payouts.balances(session, creator_id)
    assert (line.earned_cents, line.reversed_cents, line.available_cents) == (
        399 * 3 + 799,
        399,
        expected,
    )

    [paid] = payouts.pay_out(session, creator_id, PROVIDER, NOW, minimum_cents=1000)
    assert (paid.amount_cents, paid.currency, paid.status, paid.test_mode) == (
        expected,
        "USD",
        "paid",
        True,
    )
    assert paid.transfer_id is not None
    assert paid.transfer_id.startswith("tr_test_")
    [after] = payouts.balances(session, creator_id)
    assert (after.paid_out_cents, after.available_cents) == (expected, 0)

    # The same period again (a retried job, a second click): nothing new.
    assert payouts.pay_out(session, creator_id, PROVIDER, NOW + timedelta(hours=3)) == []
    with pytest.raises(InvalidInput, match="Payouts start at"):
        payouts.pay_out_now(session, creator_id, PROVIDER, NOW, minimum_cents=1000)
    rows = session.exec(select(Payout).where(Payout.creator_id == creator_id)).all()
    assert [(r.amount_cents, r.idempotency_key) for r in rows] == [
        (expected, f"payout-{creator_id}-USD-2026-11-26")
    ]


def test_below_the_minimum_nothing_is_paid(session: Session) -> None:
    catalogue = priced_series(session)
    enable_payouts(session, catalogue.creator)
    bought = purchase(make_viewer(session), season=catalogue.seasons[0])
    ledger.record_purchase(
        session, bought, provider=PaymentProvider.LOCAL, platform_fee_percent=20, now=NOW
    )
    creator_id = catalogue.creator.id or 0
    assert payouts.pay_out(session, creator_id, PROVIDER, NOW, minimum_cents=1000) == []
    with pytest.raises(InvalidInput, match=r"Payouts start at \$10\.00"):
        payouts.pay_out_now(session, creator_id, PROVIDER, NOW, minimum_cents=1000)
    assert payouts.balances(session, creator_id)[0].available_cents == 399


def test_without_a_payout_account_nothing_is_paid(session: Session) -> None:
    catalogue = priced_series(session)
    sell(session, catalogue)
    with pytest.raises(InvalidInput, match="Set up payouts first"):
        payouts.pay_out(session, catalogue.creator.id or 0, PROVIDER, NOW, minimum_cents=1)


def test_a_refund_after_a_payout_is_owed_back_before_the_next_one(session: Session) -> None:
    catalogue = priced_series(session)
    creator_id = catalogue.creator.id or 0
    enable_payouts(session, catalogue.creator)
    sell(session, catalogue, refund_one=False)
    [first] = payouts.pay_out(session, creator_id, PROVIDER, NOW, minimum_cents=100)
    refunds.record_refund(
        session,
        provider=PaymentProvider.LOCAL,
        payment_id="pi_2",
        refunded_total_cents=499,
        now=NOW,
    )
    [line] = payouts.balances(session, creator_id)
    assert (line.available_cents, line.available_label) == (-399, "−$3.99")
    # The page shows every figure as money, never raw cents.
    assert (line.earned_label, line.reversed_label) == (
        format_price(line.earned_cents, "USD"),
        format_price(line.reversed_cents, "USD"),
    )
    assert line.reversed_label == "$3.99"
    assert line.paid_out_label == format_price(first.amount_cents, "USD")
    assert payouts.pay_out(session, creator_id, PROVIDER, NOW + timedelta(days=1)) == []
    assert first.amount_cents - 399 == creator_net_from_ledger(session, creator_id)


def test_history_csv_and_the_confirmation_mail(session: Session) -> None:
    catalogue = priced_series(session)
    creator_id = catalogue.creator.id or 0
    enable_payouts(session, catalogue.creator)
    sell(session, catalogue)
    [paid] = payouts.pay_out(session, creator_id, PROVIDER, NOW, minimum_cents=1000)
    [listed] = reports.payout_history(session, creator_id)
    assert listed == paid
    rows = list(csv.DictReader(io.StringIO(reports.payouts_csv(session, creator_id))))
    assert rows == [
        {
            "date": "2026-11-26",
            "amount": f"{paid.amount_cents // 100}.{paid.amount_cents % 100:02d}",
            "currency": "USD",
            "status": "paid",
            "transfer_id": paid.transfer_id,
            "mode": "test",
            "paid_at": NOW.isoformat(),
        }
    ]
    email = session.get_one(User, catalogue.creator.user_id).email
    mail = session.exec(select(EmailOutbox).where(EmailOutbox.to_address == email)).one()
    assert paid.amount_label in mail.subject
    assert "test mode" in mail.subject
    overview = reports.payout_overview(
        session, creator_id, minimum_cents=1000, test_mode=True, now=NOW
    )
    assert (overview.payouts_enabled, overview.minimum_label) == (True, "$10.00")
    assert overview.next_payout_at == NOW.replace(hour=6) + timedelta(days=1)


@pytest.fixture
def committed(make_database: Callable[[], str], app_settings: Callable[[str], Path]) -> str:
    url = make_database()
    migrations.upgrade(url)
    app_settings(url)
    return url


def test_the_scheduled_job_never_pays_twice_even_at_once(committed: str) -> None:
    with session_scope() as session:
        catalogue = priced_series(session)
        enable_payouts(session, catalogue.creator)
        sell(session, catalogue)
        expected = creator_net_from_ledger(session, catalogue.creator.id or 0)
    results: list[tuple[int, int]] = []
    start = threading.Barrier(4)

    def run() -> None:
        start.wait()
        results.append(run_payouts(NOW))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [(0, 0), (0, 0), (0, 0), (1, 0)]
    assert run_payouts(NOW + timedelta(hours=1)) == (0, 0)  # the retry of the same period
    with session_scope() as session:
        rows = session.exec(select(Payout)).all()
        assert [row.amount_cents for row in rows] == [expected]
