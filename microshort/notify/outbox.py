"""Queue delivery jobs for outbox mails. Await it after the commit that added them."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from procrastinate.exceptions import AlreadyEnqueued

from microshort.jobs import app as jobs


async def _defer(outbox_ids: list[int]) -> int:
    from microshort.jobs.tasks import deliver_email

    deferred = 0
    for outbox_id in outbox_ids:
        try:
            # At most one waiting job per mail, however often it is queued.
            await deliver_email.configure(queueing_lock=f"email-{outbox_id}").defer_async(
                outbox_id=outbox_id
            )
            deferred += 1
        except AlreadyEnqueued:
            pass
    return deferred


async def send_queued(outbox_ids: Iterable[int]) -> int:
    """Defer one `deliver_email` job per outbox id; returns how many jobs were added.

    Call it after the commit: the worker must find the row. Sync tasks running inside the
    worker should call `deliver_email.defer(outbox_id=…)` instead.
    """
    ids = sorted({int(outbox_id) for outbox_id in outbox_ids})
    if not ids:
        return 0
    async with jobs.job_app_open():
        return await _defer(ids)


async def deliver_pending_soon() -> int:
    """Queue delivery for every pending mail (call after the commit that queued them)."""
    from microshort.db import session_scope
    from microshort.notify.service import pending_mail_ids

    def read() -> list[int]:
        with session_scope() as session:
            return pending_mail_ids(session)

    return await send_queued(await asyncio.to_thread(read))
