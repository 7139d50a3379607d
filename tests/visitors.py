"""The visitor cookie as the app signs it (api/visitor.py), for tests that act as a visitor."""

from __future__ import annotations

from microshort.analytics.visitor_id import VISITOR_COOKIE, sign_visitor_id
from microshort.config import get_settings

__all__ = ["VISITOR_COOKIE", "signed_visitor"]


def signed_visitor(anonymous_id: str) -> str:
    """The ms_anon cookie value for this id, signed with the configured key."""
    return sign_visitor_id(get_settings().signing_key(), anonymous_id)
