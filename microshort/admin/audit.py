"""The audit log: who did what to which record, and why (in the caller's transaction)."""

from __future__ import annotations

from sqlmodel import Session

from microshort.admin.models import AuditLog


def record(
    session: Session,
    *,
    actor_id: int,
    action: str,
    target_type: str,
    target_id: int | None,
    reason: str | None = None,
) -> None:
    session.add(
        AuditLog(
            actor_id=actor_id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            reason=reason,
        )
    )
