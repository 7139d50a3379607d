"""Reading one cookie out of a raw Cookie header (a websocket handshake has no parsed cookies)."""

from __future__ import annotations

from http.cookies import SimpleCookie


def cookie_from_header(header: str | None, name: str) -> str | None:
    """The named cookie's value, or None (also for a malformed header)."""
    if not header:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed Cookie header is treated as no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None
