"""The local test-mode checkout's card rules: Stripe's test numbers and wording."""

from __future__ import annotations

from datetime import date

import pytest

from microshort.payments.card_rules import NOT_A_TEST_CARD, check_card, luhn_valid

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "number", ["4242 4242 4242 4242", "4242-4242-4242-4242", "5555555555554444"]
)
def test_stripes_paying_test_cards_pay(number: str) -> None:
    assert check_card(number, "12 / 34", "123", today=TODAY) is None


@pytest.mark.parametrize(
    ("number", "expiry", "cvc", "message", "field"),
    [
        ("4000 0000 0000 0002", "12/34", "123", "Your card was declined.", "card_number"),
        ("4000000000009995", "12/34", "123", "Your card has insufficient funds.", "card_number"),
        ("4000000000000127", "12/34", "123", "Your card's security code is incorrect.", "cvc"),
        ("4242 4242 4242 4241", "12/34", "123", "Your card number is invalid.", "card_number"),
        ("4242 4242", "12/34", "123", "Your card number is incomplete.", "card_number"),
        ("", "12/34", "123", "Your card number is incomplete.", "card_number"),
        ("4242424242424242", "13/34", "123", "expiration date is incomplete", "expiry"),
        ("4242424242424242", "10/26", "123", "expiration date is in the past", "expiry"),
        ("4242424242424242", "12/2034", "12", "security code is incomplete", "cvc"),
        ("4111 1111 1111 1111", "12/34", "123", NOT_A_TEST_CARD, "card_number"),
    ],
)
def test_other_cards_fail_with_a_clear_message(
    number: str, expiry: str, cvc: str, message: str, field: str
) -> None:
    problem = check_card(number, expiry, cvc, today=TODAY)
    assert problem is not None
    assert message in problem.message
    assert problem.field == field


def test_this_month_is_still_valid() -> None:
    assert check_card("4242424242424242", "11/26", "1234", today=TODAY) is None


def test_luhn() -> None:
    assert luhn_valid("4242424242424242")
    assert not luhn_valid("4242424242424243")
