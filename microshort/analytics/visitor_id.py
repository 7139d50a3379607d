"""The anonymous visitor id: a random id in a first-party cookie, signed so nobody can take on
another visitor's id (their attribution, progress or reactions) by writing it into a cookie.

Cookie value: '<id (32 hex when we draw it)>.<HMAC-SHA256 of it, base64url, 22 characters>'.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import uuid

VISITOR_COOKIE = "ms_anon"
VISITOR_COOKIE_DAYS = 365
_VALUE = re.compile(r"^([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{22})$")


def _signature(secret: bytes, visitor_id: str) -> str:
    digest = hmac.new(secret, f"visitor|{visitor_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()


def new_visitor_id() -> str:
    return uuid.uuid4().hex


def sign_visitor_id(secret: bytes, visitor_id: str) -> str:
    return f"{visitor_id}.{_signature(secret, visitor_id)}"


def read_visitor_id(secret: bytes, value: str | None) -> str | None:
    """The id when the cookie value is one we signed, else None."""
    found = _VALUE.fullmatch(value or "")
    if found is None:
        return None
    visitor_id, signature = found.groups()
    return visitor_id if hmac.compare_digest(signature, _signature(secret, visitor_id)) else None
