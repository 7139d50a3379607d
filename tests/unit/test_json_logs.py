"""MICROSHORT_LOG_FORMAT=json: one JSON object per line, with the request id and traceback."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

from microshort.config import PROJECT_ROOT
from microshort.logs import JsonFormatter, request_id


def _record(message: str, exc_info: bool = False) -> logging.LogRecord:
    logger = logging.getLogger("microshort.test")
    try:
        raise ValueError("the cause")
    except ValueError:
        return logger.makeRecord(
            logger.name,
            logging.ERROR,
            __file__,
            1,
            message,
            ("x",),
            sys.exc_info() if exc_info else None,
        )


def test_a_line_names_time_level_logger_and_message() -> None:
    line = json.loads(JsonFormatter().format(_record("paid %s")))
    assert line["level"] == "error"
    assert line["logger"] == "microshort.test"
    assert line["message"] == "paid x"
    assert line["time"].endswith("+00:00")
    assert "request_id" not in line
    assert "exception" not in line


def test_the_request_id_and_the_traceback_ride_along() -> None:
    token = request_id.set("req-123")
    try:
        text = JsonFormatter().format(_record('quote " and\nnewline %s', exc_info=True))
    finally:
        request_id.reset(token)
    assert "\n" not in text  # one line, whatever the message holds
    line = json.loads(text)
    assert line["request_id"] == "req-123"
    assert line["message"] == 'quote " and\nnewline x'
    assert "ValueError: the cause" in line["exception"]
    assert line["exception"].startswith("Traceback")


def test_commands_log_json_when_asked(tmp_path: object) -> None:
    env = {
        **os.environ,
        "MICROSHORT_LOG_FORMAT": "json",
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        "MICROSHORT_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "microshort", "stop-db"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert [line["message"] for line in lines] == [
        f"No embedded PostgreSQL is running in {tmp_path}/pg."
    ]
    assert lines[0]["logger"] == "microshort"
