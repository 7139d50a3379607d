"""Short-lived signed room tickets: a viewer may join one episode's live room until it expires.

The watch page issues a ticket for the viewer it has already let watch; the websocket checks it
before joining. Same construction as the stream tokens in content/playback.py: HMAC-SHA256 over
the fields, base64url without padding, constant-time comparison.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from dataclasses import dataclass

TICKET_TTL_SECONDS = 120
_VIEWER = re.compile(r"^(u\d{1,12}|a[0-9a-zA-Z_-]{8,64})$")
_DIGITS = re.compile(r"^\d{1,20}$")


@dataclass(frozen=True)
class Ticket:
    episode_id: int
    viewer: str  # viewer_key(): 'u42' or 'a<anonymous id>'
    expires: int  # unix seconds


def _signature(secret: bytes, episode_id: int, viewer: str, expires: int) -> str:
    message = f"room|{episode_id}|{viewer}|{expires}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def issue_ticket(
    secret: bytes,
    *,
    episode_id: int,
    viewer: str,
    ttl_seconds: int = TICKET_TTL_SECONDS,
    now: float | None = None,
) -> str:
    """'<episode>.<viewer>.<expires>.<signature>' (all URL-safe)."""
    if not _VIEWER.fullmatch(viewer):
        raise ValueError(f"not a viewer key: {viewer!r}")
    expires = int((time.time() if now is None else now) + ttl_seconds)
    return f"{episode_id}.{viewer}.{expires}.{_signature(secret, episode_id, viewer, expires)}"


def read_ticket(secret: bytes, ticket: str | None, *, now: float | None = None) -> Ticket | None:
    """The ticket's contents when the signature is ours and it has not expired, else None."""
    if not ticket or len(ticket) > 256:
        return None
    parts = ticket.split(".")
    if len(parts) != 4:
        return None
    episode_text, viewer, expires_text, signature = parts
    if not (_DIGITS.fullmatch(episode_text) and _DIGITS.fullmatch(expires_text)):
        return None
    if not _VIEWER.fullmatch(viewer):
        return None
    episode_id, expires = int(episode_text), int(expires_text)
    expected = _signature(secret, episode_id, viewer, expires)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return None
    if expires < (time.time() if now is None else now):
        return None
    return Ticket(episode_id=episode_id, viewer=viewer, expires=expires)
