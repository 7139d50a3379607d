"""POST /api/webhooks/stripe: Stripe's signed events, each applied exactly once.

Anyone may call it; the `Stripe-Signature` (checked by the Stripe SDK with its 300 s
tolerance) is the protection. The body is limited to 1 MB. The work is done by
microshort.payments.webhook.process_event, the same handler the local test-mode checkout uses.
"""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from microshort.config import get_settings
from microshort.payments.models import PaymentProvider
from microshort.payments.webhook import MalformedEvent, WebhookRejected, process_event

MAX_BODY_BYTES = 1024 * 1024
SIGNATURE_HEADER = "stripe-signature"
NO_STORE = {"Cache-Control": "no-store"}
log = logging.getLogger(__name__)


class _BodyTooLarge(Exception):
    pass


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _BodyTooLarge
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > MAX_BODY_BYTES:
            raise _BodyTooLarge
    return bytes(received)


def _answer(content: dict[str, str], status: int = 200) -> JSONResponse:
    return JSONResponse(content, status_code=status, headers=NO_STORE)


async def stripe_webhook(request: Request) -> JSONResponse:
    secret = get_settings().stripe_webhook_secret
    if not secret:
        return _answer({"error": "Stripe is not configured"}, 503)
    try:
        payload = await _body(request)
    except _BodyTooLarge:
        return _answer({"error": "Payload too large"}, 413)
    try:
        outcome = await run_in_threadpool(
            process_event,
            payload,
            request.headers.get(SIGNATURE_HEADER),
            secret=secret,
            provider=PaymentProvider.STRIPE,
        )
    except WebhookRejected as rejected:
        log.warning("Stripe webhook rejected: %s", rejected)
        return _answer({"error": f"Invalid signature: {rejected}"}, 400)
    except MalformedEvent:
        return _answer({"error": "Malformed event"}, 400)
    return _answer({"status": outcome})
