"""Where the database comes from for a command: DATABASE_URL, or the embedded PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from microshort import migrations, pgserver
from microshort.config import get_settings

_log = logging.getLogger(__name__)


@contextmanager
def database(*, migrate: bool = True) -> Iterator[str]:
    """Yield a migrated database URL; an embedded server started here is stopped on exit."""
    settings = get_settings()
    server = None
    url = settings.database_url
    if url is None:
        server = pgserver.start(settings.pgdata_dir)
        url = server.url()
    try:
        if migrate:
            migrations.upgrade(url)
        yield url
    finally:
        if server is not None:
            server.stop()
