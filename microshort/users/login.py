"""The log-in form's server side: rate limits around the password check, then the hand-off."""

from __future__ import annotations

from microshort.db import session_scope
from microshort.errors import InvalidInput
from microshort.ratelimit import LOGIN_PER_ACCOUNT, LOGIN_PER_IP, RateLimiter
from microshort.typed_input import user_text
from microshort.users import accounts


def log_in(
    limiter: RateLimiter, *, email: str, password: str, ip: str, next_path: str
) -> accounts.LoginHandoff:
    """The hand-off for these credentials; InvalidInput (with the wait when limited).

    Each attempt is counted (atomically, in the limiter's storage) before its password is
    checked: checking first and counting after the slow hash let 25 simultaneous attempts
    all through a limit of 10.
    """
    email = user_text(email, field="email").strip().lower()
    password = user_text(password, field="password")
    for item, key in ((LOGIN_PER_IP, ip), (LOGIN_PER_ACCOUNT, email)):
        decision = limiter.hit(item, key)
        if not decision.allowed:
            raise InvalidInput(decision.message("log-in attempts"))
    with session_scope() as session:
        stored = accounts.stored_credentials(session, email)
    user_id = stored.accept(password)  # the hash runs without a database connection held
    with session_scope() as session:
        handoff = accounts.issue_login_handoff(session, user_id=user_id, next_path=next_path)
    limiter.clear(LOGIN_PER_ACCOUNT, email)
    return handoff
