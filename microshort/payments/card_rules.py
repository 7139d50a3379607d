"""Stripe's test cards, as the local test-mode checkout accepts them.

4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined ("Your card was declined."); a few
more of Stripe's documented test numbers fail the way they do on Stripe. Any other number is
refused with a message saying this is test mode. Messages follow Stripe's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DECLINED = "Your card was declined."
PAYS = frozenset({"4242424242424242", "4000056655665556", "5555555555554444"})
FAILS = {
    "4000000000000002": DECLINED,
    "4000000000009995": "Your card has insufficient funds.",
    "4000000000009987": DECLINED,
    "4000000000000069": "Your card has expired.",
    "4000000000000127": "Your card's security code is incorrect.",
    "4000000000000119": "An error occurred while processing your card. Try again in a little bit.",
}
NOT_A_TEST_CARD = (
    "This checkout is in test mode and no money moves: use the test card 4242 4242 4242 4242."
)
_EXPIRY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*$")


@dataclass(frozen=True)
class CardProblem:
    message: str
    field: str  # card_number | expiry | cvc


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def check_card(number: str, expiry: str, cvc: str, *, today: date) -> CardProblem | None:
    """None when the card pays; otherwise what went wrong and which field to fix."""
    digits = re.sub(r"[\s-]", "", number or "")
    if not digits.isdigit() or not 12 <= len(digits) <= 19:
        return CardProblem("Your card number is incomplete.", "card_number")
    if not luhn_valid(digits):
        return CardProblem("Your card number is invalid.", "card_number")
    match = _EXPIRY.match(expiry or "")
    if not match or not 1 <= int(match.group(1)) <= 12:
        return CardProblem("Your card's expiration date is incomplete (MM / YY).", "expiry")
    month, year = int(match.group(1)), int(match.group(2))
    year += 2000 if year < 100 else 0
    if (year, month) < (today.year, today.month):
        return CardProblem("Your card's expiration date is in the past.", "expiry")
    if not re.fullmatch(r"\d{3,4}", (cvc or "").strip()):
        return CardProblem("Your card's security code is incomplete.", "cvc")
    if digits in FAILS:
        field = "cvc" if "security code" in FAILS[digits] else "card_number"
        return CardProblem(FAILS[digits], field)
    if digits not in PAYS:
        return CardProblem(NOT_A_TEST_CARD, "card_number")
    return None
