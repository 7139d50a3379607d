"""The log-in form's server side: rate limits around the password check, then the hand-off."""

from __future__ import annotations

from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.ratelimit import LOGIN_PER_ACCOUNT, LOGIN_PER_IP, RateLimiter
from microshort.users import accounts


def log_in(limiter: RateLimiter, *, email: str, password: str, ip: str, next_path: str) -> str:
    """The hand-off code for these credentials; InvalidInput (with the wait when limited)."""
    email = email.strip().lower()
    for decision in (limiter.check(LOGIN_PER_IP, ip), limiter.check(LOGIN_PER_ACCOUNT, email)):
        if not decision.allowed:
            raise InvalidInput(decision.message("log-in attempts"))
    try:
        with session_scope() as session:
            user = accounts.authenticate(session, email=email, password=password)
            code = accounts.issue_login_handoff(session, user_id=user.id or 0, next_path=next_path)
    except InvalidInput:
        limiter.hit(LOGIN_PER_IP, ip)
        limiter.hit(LOGIN_PER_ACCOUNT, email)
        raise
    limiter.clear(LOGIN_PER_ACCOUNT, email)
    return code
