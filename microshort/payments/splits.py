"""Revenue split math. Integer cents only; the three parts always sum to the gross."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Split:
    gross_cents: int
    processor_fee_cents: int
    platform_fee_cents: int
    creator_share_cents: int


def estimated_card_fee(gross_cents: int) -> int:
    """Stripe's standard card pricing (2.9 % + 30 c), used where the real fee is not known."""
    return (gross_cents * 29 + 500) // 1000 + 30


def split_payment(
    gross_cents: int, *, platform_fee_percent: int, processor_fee_cents: int
) -> Split:
    """The creator gets (100 - platform %) of the gross; the platform absorbs the processor fee.

    When the processor fee is larger than the platform's part, it eats into nothing else: the
    creator's share is computed first and never shrinks, and the fee is capped at what remains.
    """
    if gross_cents < 0 or processor_fee_cents < 0:
        raise ValueError("amounts cannot be negative")
    if not 0 <= platform_fee_percent <= 100:
        raise ValueError("the platform fee is a percentage from 0 to 100")
    creator = gross_cents * (100 - platform_fee_percent) // 100
    processor = min(processor_fee_cents, gross_cents - creator)
    platform = gross_cents - creator - processor
    return Split(gross_cents, processor, platform, creator)


def refund_split(original: Split, refunded_cents: int) -> Split:
    """How much of each part a refund of `refunded_cents` in total (cumulative) takes back.

    The creator's share is reversed in proportion (rounded down); the rest comes back from the
    platform's part first, then the processor fee. Every part only grows as more is refunded
    and never passes the original, and a full refund reverses the purchase exactly.
    """
    if not 0 <= refunded_cents <= original.gross_cents:
        raise ValueError("a refund is between zero and the gross")
    gross = original.gross_cents
    creator = original.creator_share_cents * refunded_cents // gross if gross else 0
    rest = refunded_cents - creator
    platform = min(original.platform_fee_cents, rest)
    return Split(refunded_cents, rest - platform, platform, creator)
