"""Rate limits count across processes through a real Redis; the message says how long to wait."""

from __future__ import annotations

import uuid

from limits import parse

from microshort.ratelimit import Decision, limiter_for


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
