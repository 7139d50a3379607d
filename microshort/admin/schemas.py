"""Read models for the admin's moderation queue."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportItem:
    id: int
    comment_id: int
    body: str  # plain text, shown escaped
    author: str
    episode_id: int
    episode_title: str
    series_title: str
    moment: str  # "at 1:23"
    reporter: str
    reason: str
    age: str  # of the report
    comment_status: str
