from __future__ import annotations

import pytest

from microshort.content.pricing import format_duration, format_price, is_locked


def test_first_three_episodes_are_free_by_default() -> None:
    assert [is_locked(n, 3) for n in range(1, 6)] == [False, False, False, True, True]


def test_zero_free_episodes_locks_everything() -> None:
    assert is_locked(1, 0)


@pytest.mark.parametrize(
    ("cents", "currency", "label"),
    [(499, "USD", "$4.99"), (5, "EUR", "€0.05"), (1000, "GBP", "£10.00"), (250, "CHF", "2.50 CHF")],
)
def test_prices_read_as_money(cents: int, currency: str, label: str) -> None:
    assert format_price(cents, currency) == label


def test_negative_price_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_price(-1, "USD")


def test_durations() -> None:
    assert format_duration(65) == "1:05"
    assert format_duration(None) == ""
