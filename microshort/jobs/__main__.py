"""`python -m microshort.jobs`: the job worker (the launcher starts one)."""

from __future__ import annotations

import asyncio

from microshort.bootstrap import install_entitlements
from microshort.config import get_settings
from microshort.jobs.app import job_app
from microshort.logs import configure_logging


async def run_worker() -> None:
    settings = get_settings()
    install_entitlements()
    async with job_app.open_async():
        await job_app.run_worker_async(
            concurrency=settings.job_concurrency, install_signal_handlers=True
        )


def main() -> None:
    configure_logging(get_settings(), "%(asctime)s worker %(levelname)s %(name)s: %(message)s")
    asyncio.run(run_worker())


if __name__ == "__main__":
    main()
