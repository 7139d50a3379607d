"""Stripe through the official `stripe` SDK (imported lazily): Checkout Sessions, Connect Express
accounts and account links, transfers with idempotency keys, and webhook verification.

The SDK is pointed elsewhere (a local stand-in in tests) only through its documented
`StripeClient(base_addresses={"api": url})`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from microshort.integrations.payments.base import (
    CheckoutRequest,
    CheckoutSession,
    CheckoutStart,
    ConnectAccount,
    PaymentsError,
    Transfer,
)

if TYPE_CHECKING:
    import stripe

_T = TypeVar("_T")
NETWORK_RETRIES = 2


class WebhookRejected(Exception):
    """The signature is missing, wrong or too old; the message says which."""


def verify_webhook(payload: bytes, header: str | None, secret: str) -> None:
    """Check `Stripe-Signature` with the SDK and its default tolerance (300 s); raises
    WebhookRejected saying why."""
    import stripe

    try:
        stripe.WebhookSignature.verify_header(
            payload, header, secret, tolerance=stripe.Webhook.DEFAULT_TOLERANCE
        )
    except stripe.SignatureVerificationError as error:
        raise WebhookRejected(str(error).split(". ")[0].rstrip(".")) from None
    except UnicodeDecodeError:
        raise WebhookRejected("The body is not UTF-8") from None


def _message(error: Exception) -> PaymentsError:
    import stripe

    status = getattr(error, "http_status", None)
    detail = getattr(error, "user_message", None) or getattr(
        getattr(error, "error", None), "message", None
    )
    if isinstance(error, stripe.AuthenticationError):  # its message would quote the key
        return PaymentsError("Stripe refused the API key (check MICROSHORT_STRIPE_SECRET_KEY).")
    elif isinstance(error, stripe.APIConnectionError):
        text = "Stripe could not be reached; try again in a minute"
    elif isinstance(status, int) and status >= 500:
        text = f"Stripe is having trouble (HTTP {status}); try again later"
    else:
        text = "Stripe refused the request"
    retryable = isinstance(error, stripe.APIConnectionError | stripe.RateLimitError) or (
        isinstance(status, int) and status >= 500
    )
    return PaymentsError(f"{text}: {detail}" if detail else f"{text}.", retryable=retryable)


def _timestamp(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), UTC) if value else None


class StripePayments:
    """PaymentsProvider backed by the Stripe API."""

    name = "stripe"

    def __init__(self, *, secret_key: str, api_url: str = "https://api.stripe.com") -> None:
        import stripe

        self.livemode = secret_key.startswith(("sk_live_", "rk_live_"))
        self._api_url = api_url
        self._client: stripe.StripeClient = stripe.StripeClient(
            secret_key, base_addresses={"api": api_url}, max_network_retries=NETWORK_RETRIES
        )

    def _call(self, call: Callable[[], _T]) -> _T:
        import stripe

        try:
            return call()
        except stripe.StripeError as error:
            raise _message(error) from error

    def create_checkout(self, request: CheckoutRequest) -> CheckoutStart:
        metadata = dict(request.metadata)
        params: dict[str, Any] = {
            "mode": "payment",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": request.currency.lower(),
                        "unit_amount": request.amount_cents,
                        "product_data": {"name": request.product_name},
                    },
                }
            ],
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "metadata": metadata,
            "payment_intent_data": {"metadata": metadata},
        }
        if request.customer_email:
            params["customer_email"] = request.customer_email
        if request.client_reference_id:
            params["client_reference_id"] = request.client_reference_id
        session = self._call(lambda: self._client.v1.checkout.sessions.create(params=params))  # type: ignore[arg-type]
        if not session.url:
            raise PaymentsError("Stripe returned a checkout session without a URL.")
        return CheckoutStart(url=session.url, session_id=session.id)

    def retrieve_checkout(self, session_id: str) -> CheckoutSession | None:
        import stripe

        try:
            found = self._client.v1.checkout.sessions.retrieve(session_id)
        except stripe.InvalidRequestError as error:
            if error.http_status == 404:
                return None
            raise _message(error) from error
        except stripe.StripeError as error:
            raise _message(error) from error
        data = found.to_dict()
        intent = data.get("payment_intent")
        return CheckoutSession(
            id=str(data["id"]),
            status=data.get("status") or "open",
            payment_status=data.get("payment_status") or "unpaid",
            amount_cents=int(data.get("amount_total") or 0),
            currency=str(data.get("currency") or "").upper(),
            metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
            success_url=str(data.get("success_url") or ""),
            cancel_url=str(data.get("cancel_url") or ""),
            livemode=bool(data.get("livemode")),
            payment_intent_id=intent if isinstance(intent, str) else (intent or {}).get("id"),
            customer_email=(data.get("customer_details") or {}).get("email"),
            created_at=_timestamp(data.get("created")),
            expires_at=_timestamp(data.get("expires_at")),
        )

    def create_connect_account(self, *, email: str, metadata: dict[str, str]) -> ConnectAccount:
        params: dict[str, Any] = {
            "type": "express",
            "email": email,
            "capabilities": {"transfers": {"requested": True}},
            "metadata": metadata,
        }
        account = self._call(lambda: self._client.v1.accounts.create(params=params))  # type: ignore[arg-type]
        return _account(account)

    def retrieve_account(self, account_id: str) -> ConnectAccount:
        return _account(self._call(lambda: self._client.v1.accounts.retrieve(account_id)))

    def account_link(self, account_id: str, *, refresh_url: str, return_url: str) -> str:
        link = self._call(
            lambda: self._client.v1.account_links.create(
                params={
                    "account": account_id,
                    "refresh_url": refresh_url,
                    "return_url": return_url,
                    "type": "account_onboarding",
                }
            )
        )
        return str(link.url)

    def create_transfer(
        self,
        *,
        amount_cents: int,
        currency: str,
        destination: str,
        idempotency_key: str,
        metadata: dict[str, str],
    ) -> Transfer:
        params: dict[str, Any] = {
            "amount": amount_cents,
            "currency": currency.lower(),
            "destination": destination,
            "transfer_group": idempotency_key,
            "metadata": metadata,
        }
        transfer = self._call(
            lambda: self._client.v1.transfers.create(
                params=params,  # type: ignore[arg-type]
                options={"idempotency_key": idempotency_key},
            )
        )
        return Transfer(
            id=transfer.id,
            amount_cents=int(transfer.amount),
            currency=str(transfer.currency).upper(),
            destination=destination,
            livemode=bool(transfer.livemode),
            settled=False,  # the creator's bank payout follows (payout.paid)
        )

    def describe(self) -> dict[str, Any]:
        return {"provider": "stripe", "api": self._api_url, "livemode": self.livemode}


def _account(account: stripe.Account) -> ConnectAccount:
    return ConnectAccount(
        id=account.id,
        payouts_enabled=bool(getattr(account, "payouts_enabled", False)),
        details_submitted=bool(getattr(account, "details_submitted", False)),
    )
