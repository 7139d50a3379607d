"""Payments settings: the local default needs nothing; Stripe needs its keys."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from microshort.config import PaymentsProviderName, Settings, describe_error

STRIPE_VARS = ("MICROSHORT_STRIPE_SECRET_KEY", "MICROSHORT_STRIPE_WEBHOOK_SECRET")


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (*STRIPE_VARS, "MICROSHORT_PAYMENTS_PROVIDER", "MICROSHORT_PLATFORM_FEE_PERCENT"):
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    settings = Settings(_env_file=None)
    assert settings.payments_provider == PaymentsProviderName.LOCAL
    assert settings.platform_fee_percent == 20
    assert settings.minimum_payout_cents == 1000
    assert settings.stripe_api_url == "https://api.stripe.com"


def test_stripe_without_its_keys_names_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROSHORT_PAYMENTS_PROVIDER", "stripe")
    monkeypatch.setenv("MICROSHORT_STRIPE_SECRET_KEY", "sk_test_x")
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    message = describe_error(caught.value)
    assert "MICROSHORT_PAYMENTS_PROVIDER=stripe" in message
    assert all(name in message for name in STRIPE_VARS)


def test_stripe_with_its_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROSHORT_PAYMENTS_PROVIDER", "stripe")
    monkeypatch.setenv("MICROSHORT_STRIPE_SECRET_KEY", "sk_test_x")
    monkeypatch.setenv("MICROSHORT_STRIPE_WEBHOOK_SECRET", "whsec_x")
    assert Settings(_env_file=None).payments_provider == PaymentsProviderName.STRIPE


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("MICROSHORT_PLATFORM_FEE_PERCENT", "101", "0 to 100 percent"),
        ("MICROSHORT_MINIMUM_PAYOUT_CENTS", "0", "the smallest payout in cents"),
        ("MICROSHORT_PAYMENTS_PROVIDER", "paypal", "local (test-mode checkout"),
    ],
)
def test_bad_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)
    message = describe_error(caught.value)
    assert name in message
    assert expected in message
