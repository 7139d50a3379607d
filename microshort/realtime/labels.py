"""How comment times read: "at 1:23" on the episode's timeline, "5 min ago" since posting."""

from __future__ import annotations

from datetime import datetime


def moment_label(timestamp_ms: int) -> str:
    """'at 1:23' (or 'at 1:02:03' past an hour) for a position on the episode's timeline."""
    seconds = max(0, timestamp_ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"at {clock}"


def age_label(created_at: datetime, now: datetime) -> str:
    """'just now', '5 min ago', '3 h ago', '2 d ago', then the date ('12 Mar 2026')."""
    seconds = max(0, int((now - created_at).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    if seconds < 30 * 86400:
        return f"{seconds // 86400} d ago"
    return f"{created_at.day} {created_at:%b %Y}"
