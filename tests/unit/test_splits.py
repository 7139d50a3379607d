from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microshort.payments.splits import estimated_card_fee, split_payment


@given(
    gross=st.integers(min_value=0, max_value=10_000_000),
    percent=st.integers(min_value=0, max_value=100),
    fee=st.integers(min_value=0, max_value=100_000),
)
def test_parts_are_non_negative_and_sum_to_the_gross(gross: int, percent: int, fee: int) -> None:
    split = split_payment(gross, platform_fee_percent=percent, processor_fee_cents=fee)
    parts = (split.processor_fee_cents, split.platform_fee_cents, split.creator_share_cents)
    assert all(part >= 0 for part in parts)
    assert sum(parts) == gross


def test_creator_gets_eighty_percent_of_a_season() -> None:
    split = split_payment(499, platform_fee_percent=20, processor_fee_cents=estimated_card_fee(499))
    assert split.creator_share_cents == 399
    assert split.processor_fee_cents == 44
    assert split.platform_fee_cents == 56


def test_bad_percent_is_refused() -> None:
    with pytest.raises(ValueError, match="percentage"):
        split_payment(100, platform_fee_percent=101, processor_fee_cents=0)
