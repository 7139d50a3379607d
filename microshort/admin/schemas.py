"""Read models for the admin's moderation table: open reports, resolved ones, and their pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar


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
    cursor: str  # this row's place in its list: pass it as `after` for the rows below it


@dataclass(frozen=True)
class ResolvedItem(ReportItem):
    decision: str  # "hidden" | "dismissed"
    decided_by: str
    decided: str  # "5 min ago"
    note: str  # the admin's reason in the audit log, "" when none was given


Item = TypeVar("Item", bound=ReportItem)


@dataclass(frozen=True)
class ReportPage(Generic[Item]):
    items: list[Item] = field(default_factory=list)
    total: int = 0  # in the whole list, not only this page
    next_cursor: str = ""  # "" on the last page
