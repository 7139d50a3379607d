"""Pure rules about what is free, what is locked and how prices read."""

from __future__ import annotations

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def is_locked(position_in_series: int, free_episode_count: int) -> bool:
    """Episodes are numbered 1.. across the whole series; the first N are free."""
    return position_in_series > free_episode_count


def format_price(cents: int, currency: str) -> str:
    """'$4.99' for known currencies, '4.99 CHF' otherwise. Cents are integers, never floats."""
    if cents < 0:
        raise ValueError("a price cannot be negative")
    amount = f"{cents // 100}.{cents % 100:02d}"
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


def format_duration(seconds: int | None) -> str:
    """'1:05' for 65 seconds; '' when unknown."""
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def parse_price(text: str) -> int:
    """'4.99', '$4.99', '4,99' or '5' -> cents. Raises ValueError with a readable message."""
    cleaned = text.strip().lstrip("$€£").strip().replace(",", ".")
    whole, _, fraction = cleaned.partition(".")
    if (
        not whole.isdigit()
        or len(whole) > 5
        or (fraction and not fraction.isdigit())
        or len(fraction) > 2
    ):
        raise ValueError("Enter a price like 4.99.")
    return int(whole) * 100 + int((fraction or "0").ljust(2, "0"))


def decimal_price(cents: int) -> str:
    """'4.99' for 499 cents: the amount as structured data (schema.org Offer.price) wants it."""
    if cents < 0:
        raise ValueError("a price cannot be negative")
    return f"{cents // 100}.{cents % 100:02d}"


def iso_duration(seconds: int) -> str:
    """ISO 8601 duration: 'PT1M30S' for 90 seconds, 'PT45S', 'PT1H2M0S'."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"PT{hours}H{minutes}M{secs}S"
    return f"PT{minutes}M{secs}S" if minutes else f"PT{secs}S"
