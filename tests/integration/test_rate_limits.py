"""Rate limits count across processes through a real Redis; the message says how long to wait."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator

import pytest
from limits import parse

from microshort.ratelimit import Decision, limiter_for
from tests.net import free_port


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """TEST_REDIS_URL, else a throw-away redis-server from PATH (make test installs one)."""
    configured = os.environ.get("TEST_REDIS_URL")
    if configured:
        yield configured
        return
    binary = shutil.which("redis-server")
    assert binary, "no Redis: set TEST_REDIS_URL or install redis-server (scripts/system-deps)"
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    try:
        for _ in range(50):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def test_limits_are_shared_between_processes(redis_url: str) -> None:
    rule = parse("3/minute")
    key = f"test-{uuid.uuid4()}"
    first, second = limiter_for(redis_url), limiter_for(redis_url)  # like two web workers
    assert first.hit(rule, key).allowed
    assert second.hit(rule, key).allowed
    assert first.hit(rule, key).allowed
    blocked = second.hit(rule, key)
    assert not blocked.allowed
    assert 1 <= blocked.retry_after_seconds <= 60
    assert not first.check(rule, key).allowed
    first.clear(rule, key)
    assert second.check(rule, key).allowed


def test_memory_storage_when_no_redis() -> None:
    limiter = limiter_for(None)
    rule = parse("1/hour")
    assert limiter.hit(rule, "k").allowed
    decision = limiter.hit(rule, "k")
    assert not decision.allowed
    assert (
        decision.message("log-in attempts") == "Too many log-in attempts. Try again in 60 minutes."
    )


def test_short_waits_read_in_seconds() -> None:
    assert Decision(False, 42).message("sign-ups") == "Too many sign-ups. Try again in 42 seconds."
