"""Rate limits (the `limits` library): Redis when REDIS_URL is set, process memory otherwise.

Callers `check` before doing the work and `hit` when an attempt should count (e.g. a failed
log-in), so a limited user gets a clear message with the wait before anything happens.

Redis down fails safe, not open and not shut: every call has a short timeout, and while Redis
does not answer each process enforces the same limits in its own memory (with N workers an
attacker gets at most N times a limit for the length of the outage, and nobody is locked
out). Redis is tried again every REDIS_RETRY_SECONDS, so one outage costs a log-in at most one
timeout, not one per request.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)
T = TypeVar("T")
REDIS_TIMEOUT_SECONDS = 0.5
REDIS_RETRY_SECONDS = 5.0

# One place for every limit the product enforces.
LOGIN_PER_ACCOUNT = parse("10/15 minutes")
# Every attempt counts, successful ones too (counted before the hash), and a household, office
# or campus shares one address: the per-account limit guards each account, this one spraying.
LOGIN_PER_IP = parse("100/15 minutes")
SIGNUP_PER_IP = parse("5/hour")
RESET_PER_IP = parse("5/hour")
RESET_PER_EMAIL = parse("3/hour")
COMMENTS_PER_MINUTE = parse("5/minute")
COMMENTS_PER_HOUR = parse("60/hour")
COMMENT_LIKES_PER_MINUTE = parse("30/minute")
# Share links: a person shares a handful of episodes an hour; a script minting codes stops here.
SHARE_LINKS_PER_SHARER = parse("30/10 minutes")
SHARE_LINKS_PER_IP = parse("120/hour")


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after_seconds: int = 0

    def message(self, action: str) -> str:
        """'Too many log-in attempts. Try again in 4 minutes.'"""
        wait = self.retry_after_seconds
        when = f"{wait} seconds" if wait < 90 else f"{math.ceil(wait / 60)} minutes"
        return f"Too many {action}. Try again in {when}."


class RateLimiter:
    def __init__(self, storage: Storage, *, fallback: Storage | None = None) -> None:
        """`fallback` (process memory) takes over while `storage` raises StorageError."""
        self._primary = MovingWindowRateLimiter(storage)
        self._fallback = MovingWindowRateLimiter(fallback) if fallback is not None else None
        self._retry_at = 0.0  # while in the future: the primary is down, use the fallback
        self._lock = threading.Lock()

    @property
    def degraded(self) -> bool:
        """True while limits are counted in this process's memory (Redis did not answer)."""
        return self._retry_at > time.monotonic()

    def _run(self, call: Callable[[MovingWindowRateLimiter], T]) -> T:
        if self._fallback is None:
            return call(self._primary)
        if not self.degraded:
            try:
                result = call(self._primary)
            except StorageError as error:
                with self._lock:
                    if not self.degraded:
                        log.warning(
                            "Rate limits: Redis is not answering (%s); counting in this "
                            "process's memory, retrying in %.0f s",
                            error.storage_error,
                            REDIS_RETRY_SECONDS,
                        )
                    self._retry_at = time.monotonic() + REDIS_RETRY_SECONDS
            else:
                if self._retry_at:
                    self._retry_at = 0.0
                    log.warning("Rate limits: Redis answers again")
                return result
        return call(self._fallback)

    def check(self, item: RateLimitItem, *identifiers: str) -> Decision:
        """Would one more attempt be allowed? Counts nothing."""
        if self._run(lambda limiter: limiter.test(item, *identifiers)):
            return Decision(True)
        return Decision(False, self._retry_after(item, *identifiers))

    def hit(self, item: RateLimitItem, *identifiers: str) -> Decision:
        """Count one attempt; allowed is False when it went over the limit."""
        if self._run(lambda limiter: limiter.hit(item, *identifiers)):
            return Decision(True)
        return Decision(False, self._retry_after(item, *identifiers))

    def clear(self, item: RateLimitItem, *identifiers: str) -> None:
        self._run(lambda limiter: limiter.clear(item, *identifiers))

    def _retry_after(self, item: RateLimitItem, *identifiers: str) -> int:
        stats = self._run(lambda limiter: limiter.get_window_stats(item, *identifiers))
        return max(1, math.ceil(stats.reset_time - time.time()))


def limiter_for(redis_url: str | None) -> RateLimiter:
    if redis_url:
        redis = RedisStorage(
            redis_url,
            key_prefix="microshort-limits",
            wrap_exceptions=True,  # StorageError for any Redis failure: the fallback's cue
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        return RateLimiter(redis, fallback=MemoryStorage())
    return RateLimiter(MemoryStorage())


@lru_cache(maxsize=1)
def rate_limiter() -> RateLimiter:
    from microshort.config import get_settings

    return limiter_for(get_settings().redis_url)
