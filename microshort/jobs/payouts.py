"""Scheduled creator payouts: every day at 06:00 UTC, each creator with payouts enabled gets
their available balance (at or above the minimum) transferred.

The period (and so each payout's idempotency key) comes from the job's scheduled timestamp,
not the clock: a retried or re-run job for the same day creates nothing new.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import procrastinate

from microshort.bootstrap import payments_provider
from microshort.config import get_settings
from microshort.db import session_scope
from microshort.errors import DomainError
from microshort.jobs.app import job_app
from microshort.payments import payouts

_log = logging.getLogger(__name__)
PAYOUT_RETRY = procrastinate.RetryStrategy(max_attempts=3, exponential_wait=60)


class PayoutsIncomplete(Exception):
    """Some creators could not be paid this run; the retry pays only those."""


def run_payouts(now: datetime) -> tuple[int, int]:
    """Pay every due creator, each in their own transaction; (payouts made, creators failed)."""
    with session_scope() as session:
        creator_ids = payouts.creators_due(session)
    provider, minimum = payments_provider(), get_settings().minimum_payout_cents
    made = failed = 0
    for creator_id in creator_ids:
        try:
            with session_scope() as session:
                made += len(
                    payouts.pay_out(session, creator_id, provider, now, minimum_cents=minimum)
                )
        except DomainError as error:
            failed += 1
            _log.warning("payout for creator %s failed: %s", creator_id, error)
    return made, failed


@job_app.periodic(cron=payouts.PAYOUT_CRON, periodic_id="creator-payouts")
@job_app.task(
    name="scheduled_payouts", queue="payments", queueing_lock="creator-payouts", retry=PAYOUT_RETRY
)
def scheduled_payouts(timestamp: int) -> int:
    made, failed = run_payouts(datetime.fromtimestamp(timestamp, UTC))
    _log.info("scheduled payouts: %s made, %s failed", made, failed)
    if failed:
        raise PayoutsIncomplete(f"{failed} creator(s) could not be paid")
    return made
