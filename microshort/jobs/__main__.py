"""`python -m microshort.jobs`: the job worker (the launcher starts one).

procrastinate stops its worker when a side task fails, and its notification listener fails
as soon as the database restarts; so the worker runs in a loop here that opens the job app
again, with backoff, until a real SIGTERM/SIGINT, instead of exiting on a database restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from microshort.bootstrap import install_entitlements
from microshort.config import get_settings
from microshort.jobs.app import job_app
from microshort.logs import configure_logging

log = logging.getLogger("microshort.jobs")
FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 30.0
HEALTHY_AFTER_SECONDS = 60.0


async def _run_once(stop: asyncio.Event, concurrency: int) -> None:
    """One worker run; returns when asked to stop, raises (or returns early) when it failed."""
    async with job_app.open_async():
        worker = asyncio.create_task(
            job_app.run_worker_async(concurrency=concurrency, install_signal_handlers=False)
        )
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({worker, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if stop.is_set():
            worker.cancel()  # procrastinate's graceful stop: running jobs finish or abort
            with contextlib.suppress(asyncio.CancelledError):
                await worker
            return
        worker.result()  # re-raises a crash; a plain return means a side task failed


async def run_worker() -> None:
    settings = get_settings()
    install_entitlements()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    delay = FIRST_RETRY_SECONDS
    while not stop.is_set():
        started = loop.time()
        try:
            await _run_once(stop, settings.job_concurrency)
        except Exception:
            log.exception("The job worker lost its database")
        if stop.is_set():
            break
        if loop.time() - started >= HEALTHY_AFTER_SECONDS:
            delay = FIRST_RETRY_SECONDS
        log.warning("The job worker stopped on its own; starting it again in %.0f s.", delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(MAX_RETRY_SECONDS, delay * 2)


def main() -> None:
    configure_logging(get_settings(), "%(asctime)s worker %(levelname)s %(name)s: %(message)s")
    asyncio.run(run_worker())


if __name__ == "__main__":
    main()
