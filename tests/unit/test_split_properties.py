"""Property tests of the money math: splits, refunds, bundle discounts. Integer cents only."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microshort.payments.bundles import bundle_price
from microshort.payments.splits import Split, estimated_card_fee, refund_split, split_payment

grosses = st.integers(min_value=0, max_value=10_000_000)
percents = st.integers(min_value=0, max_value=100)
fees = st.integers(min_value=0, max_value=100_000)


def parts(split: Split) -> tuple[int, int, int]:
    return split.processor_fee_cents, split.platform_fee_cents, split.creator_share_cents


@given(gross=grosses, percent=percents, fee=fees)
def test_splits_are_non_negative_and_sum_to_the_gross(gross: int, percent: int, fee: int) -> None:
    split = split_payment(gross, platform_fee_percent=percent, processor_fee_cents=fee)
    assert all(part >= 0 for part in parts(split))
    assert sum(parts(split)) == split.gross_cents == gross
    assert split.creator_share_cents == gross * (100 - percent) // 100


@given(gross=grosses, percent=percents)
def test_the_estimated_card_fee_split_sums_to_the_gross(gross: int, percent: int) -> None:
    split = split_payment(
        gross, platform_fee_percent=percent, processor_fee_cents=estimated_card_fee(gross)
    )
    assert sum(parts(split)) == gross
    assert all(part >= 0 for part in parts(split))


@given(gross=grosses, percent=percents, fee=fees)
def test_a_purchase_and_its_full_refund_net_every_party_to_zero(
    gross: int, percent: int, fee: int
) -> None:
    paid = split_payment(gross, platform_fee_percent=percent, processor_fee_cents=fee)
    assert refund_split(paid, gross) == paid


@given(
    gross=st.integers(min_value=1, max_value=1_000_000),
    percent=percents,
    fee=fees,
    steps=st.lists(st.integers(min_value=1, max_value=1_000_000), min_size=1, max_size=8),
)
def test_partial_refunds_only_grow_stay_bounded_and_end_at_the_purchase(
    gross: int, percent: int, fee: int, steps: list[int]
) -> None:
    paid = split_payment(gross, platform_fee_percent=percent, processor_fee_cents=fee)
    refunded, before = 0, refund_split(paid, 0)
    assert parts(before) == (0, 0, 0)
    for step in [*steps, gross]:  # the last refund takes the rest
        refunded = min(gross, refunded + step)
        now = refund_split(paid, refunded)
        pairs = zip(parts(now), parts(before), strict=True)
        assert all(after >= earlier for after, earlier in pairs)  # every debit row >= 0
        assert all(a <= b for a, b in zip(parts(now), parts(paid), strict=True))  # within credit
        assert sum(parts(now)) == refunded
        before = now
    assert before == paid  # all refunded: every party back to zero


@given(gross=st.integers(min_value=1, max_value=1_000_000), refunded=st.integers(0, 1_000_000))
def test_the_creator_gives_back_in_proportion(gross: int, refunded: int) -> None:
    paid = split_payment(gross, platform_fee_percent=20, processor_fee_cents=0)
    refunded = min(refunded, gross)
    back = refund_split(paid, refunded)
    assert back.creator_share_cents == paid.creator_share_cents * refunded // gross


def test_a_refund_outside_zero_to_gross_is_refused() -> None:
    paid = split_payment(499, platform_fee_percent=20, processor_fee_cents=44)
    with pytest.raises(ValueError, match="between zero and the gross"):
        refund_split(paid, 500)


@given(full=st.integers(min_value=1, max_value=1_000_000), discount=st.integers(1, 90))
def test_a_bundle_costs_less_than_its_seasons_and_is_never_free(full: int, discount: int) -> None:
    price = bundle_price(full, discount)
    assert 1 <= price <= full
    assert full - price <= full * discount // 100 + 1
