"""POST /api/webhooks/mux: Mux's signed asset events move episodes on, each event exactly once.

Anyone may call it; the `mux-signature` HMAC (with a 5-minute timestamp tolerance) is the
protection. The event row (unique on provider + event id, inserted with ON CONFLICT DO NOTHING)
and its effect commit in one transaction, so a redelivered or concurrently delivered event is
applied once and answered {"status": "duplicate"}.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from microshort.config import get_settings
from microshort.content import video
from microshort.db import session_scope, utcnow
from microshort.integrations.video.base import AssetEvent
from microshort.integrations.video.mux_webhooks import (
    SIGNATURE_HEADER,
    WebhookRejected,
    parse_event,
    verify_signature,
)
from microshort.payments.models import WebhookEvent

MAX_BODY_BYTES = 1024 * 1024
PROVIDER = "mux"
NO_STORE = {"Cache-Control": "no-store"}
log = logging.getLogger(__name__)


class _TooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise _TooLarge
    return bytes(body)


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=NO_STORE)


def record_and_apply(
    *,
    event_id: str,
    event_type: str,
    payload: dict[str, Any],
    event: AssetEvent,
    passthrough: str | None,
) -> bool:
    """Store the event and apply it in one transaction; False if it was already stored."""
    with session_scope() as session:
        inserted = session.execute(
            insert(WebhookEvent)
            .values(
                provider=PROVIDER,
                event_id=event_id,
                event_type=event_type[:100],
                payload=payload,
                received_at=utcnow(),
            )
            .on_conflict_do_nothing(index_elements=["provider", "event_id"])
            .returning(col(WebhookEvent.id))
        ).scalar_one_or_none()
        if inserted is None:
            return False
        video.apply_event(session, event, provider=PROVIDER, passthrough=passthrough)
        session.execute(
            sa.update(WebhookEvent)
            .where(col(WebhookEvent.id) == inserted)
            .values(processed_at=utcnow())
        )
        return True


async def mux_webhook(request: Request) -> JSONResponse:
    secret = get_settings().mux_webhook_secret
    if not secret:
        return _error("Mux is not configured", 503)
    try:
        raw = await _read_body(request, MAX_BODY_BYTES)
    except _TooLarge:
        return _error("Payload too large", 413)
    try:
        verify_signature(raw, request.headers.get(SIGNATURE_HEADER), secret)
    except WebhookRejected as rejected:
        log.warning("Mux webhook rejected: %s", rejected)
        return _error(f"Invalid signature: {rejected}", 400)
    try:
        payload = json.loads(raw)
        if not isinstance(payload, dict):
            raise ValueError("not an object")
        event_id, event_type, event, passthrough = parse_event(payload)
    except (ValueError, WebhookRejected):
        return _error("Malformed event", 400)
    if len(event_id) > 255:
        return _error("Malformed event", 400)
    if event is None:
        return JSONResponse({"status": "ignored"}, headers=NO_STORE)
    applied = await run_in_threadpool(
        record_and_apply,
        event_id=event_id,
        event_type=event_type,
        payload=payload,
        event=event,
        passthrough=passthrough,
    )
    return JSONResponse({"status": "processed" if applied else "duplicate"}, headers=NO_STORE)
