"""Rate limits (the `limits` library): Redis when REDIS_URL is set, process memory otherwise.

Callers `check` before doing the work and `hit` when an attempt should count (e.g. a failed
log-in), so a limited user gets a clear message with the wait before anything happens.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import lru_cache

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

# One place for every limit the product enforces.
LOGIN_PER_ACCOUNT = parse("10/15 minutes")
LOGIN_PER_IP = parse("30/15 minutes")
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
    def __init__(self, storage: Storage) -> None:
        self._limiter = MovingWindowRateLimiter(storage)

    def check(self, item: RateLimitItem, *identifiers: str) -> Decision:
        """Would one more attempt be allowed? Counts nothing."""
        if self._limiter.test(item, *identifiers):
            return Decision(True)
        return Decision(False, self._retry_after(item, *identifiers))

    def hit(self, item: RateLimitItem, *identifiers: str) -> Decision:
        """Count one attempt; allowed is False when it went over the limit."""
        if self._limiter.hit(item, *identifiers):
            return Decision(True)
        return Decision(False, self._retry_after(item, *identifiers))

    def clear(self, item: RateLimitItem, *identifiers: str) -> None:
        self._limiter.clear(item, *identifiers)

    def _retry_after(self, item: RateLimitItem, *identifiers: str) -> int:
        reset_at = self._limiter.get_window_stats(item, *identifiers).reset_time
        return max(1, math.ceil(reset_at - time.time()))


def limiter_for(redis_url: str | None) -> RateLimiter:
    if redis_url:
        return RateLimiter(RedisStorage(redis_url, key_prefix="microshort-limits"))
    return RateLimiter(MemoryStorage())


@lru_cache(maxsize=1)
def rate_limiter() -> RateLimiter:
    from microshort.config import get_settings

    return limiter_for(get_settings().redis_url)
