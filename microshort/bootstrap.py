"""Builds the providers the app uses from Settings. Tests pass their own instead."""

from __future__ import annotations

from functools import lru_cache

from microshort.config import PaymentsProviderName, VideoProviderName, get_settings
from microshort.integrations.payments.base import PaymentsProvider
from microshort.integrations.payments.local import LocalPayments, local_webhook_secret
from microshort.integrations.storage.local import LocalMediaStorage
from microshort.integrations.video.base import VideoProvider
from microshort.integrations.video.local import LocalVideo


@lru_cache(maxsize=1)
def media_storage() -> LocalMediaStorage:
    return LocalMediaStorage(get_settings().media_dir)


@lru_cache(maxsize=1)
def video_provider() -> VideoProvider:
    """The configured video provider (local ffmpeg by default, Mux with its keys)."""
    settings = get_settings()
    if settings.video_provider == VideoProviderName.MUX:
        from microshort.integrations.video.mux import MuxVideo

        return MuxVideo.from_settings(settings)
    return LocalVideo()


def payments_provider() -> PaymentsProvider:
    """The configured payments provider: the local test-mode checkout by default, Stripe with
    its keys. Built per call (cheap), so a settings change in tests is seen at once."""
    settings = get_settings()
    if settings.payments_provider == PaymentsProviderName.STRIPE:
        from microshort.integrations.payments.stripe import StripePayments

        return StripePayments(
            secret_key=settings.stripe_secret_key or "", api_url=settings.stripe_api_url
        )
    return local_payments()


def local_payments() -> LocalPayments:
    """The local provider (its sessions in the database, events signed with a secret derived
    from the app's signing key)."""
    from microshort.payments.local_store import DatabaseCheckoutStore

    return LocalPayments(
        store=DatabaseCheckoutStore(),
        webhook_secret=local_webhook_secret(get_settings().signing_key()),
    )


def install_entitlements() -> None:
    """Plug the payments entitlement check into playback (call from the app and the worker)."""
    from microshort.content.playback import set_entitlement_check
    from microshort.payments.pricing import entitled

    set_entitlement_check(entitled)
