"""What a browser sends, checked before it reaches a query, a password hash or a column.

Reflex hands event handlers whatever JSON the socket carried: a field meant for text may hold
a number, a list or null; text may hold NUL (PostgreSQL cannot store it) or a lone surrogate
(not encodable as UTF-8, so the driver or argon2 raises); a number may be NaN or infinite.
Domain functions call these first, so hostile input is an InvalidInput with a message for the
form, never an exception out of a handler.
"""

from __future__ import annotations

import math

from microshort.db import is_id
from microshort.errors import InvalidInput, NotFound

NOT_TEXT = "This field must be text."
UNSTORABLE = (
    "This text contains a character we cannot store (an invisible control or a broken one)."
)
NOT_A_NUMBER = "Enter a number."


def user_text(value: object, *, field: str) -> str:
    """The value as text PostgreSQL and argon2 accept: a str, no NUL, valid UTF-8."""
    if not isinstance(value, str):
        raise InvalidInput(NOT_TEXT, field=field)
    if "\x00" in value:
        raise InvalidInput(UNSTORABLE, field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (\ud800 …) from a JSON "\ud800" escape
        raise InvalidInput(UNSTORABLE, field=field) from None
    return value


def typed(value: object) -> str:
    """What a text box holds as the user types: anything but text counts as empty."""
    return value if isinstance(value, str) else ""


def user_texts(values: object, *, field: str, most: int = 100) -> list[str]:
    """A list of texts (links, tags), each checked as above."""
    if not isinstance(values, list | tuple) or len(values) > most:
        raise InvalidInput(NOT_TEXT, field=field)
    return [user_text(value, field=field) for value in values]


def user_int(value: object, *, field: str, low: int, high: int) -> int:
    """A whole number within [low, high]: an int, a finite float that is whole, or digits."""
    if isinstance(value, bool):
        raise InvalidInput(NOT_A_NUMBER, field=field)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise InvalidInput(NOT_A_NUMBER, field=field)
        value = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if not (1 <= len(text) <= 19 and text.lstrip("-").isdigit() and text.isascii()):
            raise InvalidInput(NOT_A_NUMBER, field=field)
        value = int(text)
    if not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(NOT_A_NUMBER, field=field)
    return value


def user_id_of(value: object, *, what: str = "This item") -> int:
    """A row id from the page: anything but a positive 32-bit id is a thing that is not there."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise NotFound(f"{what} does not exist.")
    if isinstance(value, str):
        if not (value.isascii() and value.isdigit() and len(value) <= 10):
            raise NotFound(f"{what} does not exist.")
        value = int(value)
    if not is_id(value):
        raise NotFound(f"{what} does not exist.")
    return value
