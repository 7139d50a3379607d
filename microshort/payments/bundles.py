"""The creator's pricing controls beside the season prices (content/editor.py): how many
episodes are free, and bundles — the whole series or several seasons — at a discount."""

from __future__ import annotations

from sqlmodel import Session, select

from microshort.content.editor import owned_series
from microshort.content.models import Bundle, BundleSeason, Season
from microshort.errors import InvalidInput, NotFound
from microshort.payments.models import Entitlement
from microshort.payments.pricing import bundle_offers
from microshort.payments.schemas import Offer

MAX_FREE_EPISODES = 50
MAX_DISCOUNT_PERCENT = 90


def set_free_episode_count(
    session: Session, *, creator_id: int, series_id: int, count: int
) -> None:
    """The first `count` episodes of the series (across seasons) play for everyone."""
    if not 0 <= count <= MAX_FREE_EPISODES:
        raise InvalidInput(
            f"Free episodes: a number from 0 to {MAX_FREE_EPISODES}.", field="free_episodes"
        )
    series = owned_series(session, creator_id, series_id)
    series.free_episode_count = count
    session.add(series)


def bundle_price(full_price_cents: int, discount_percent: int) -> int:
    """The price after a whole-percent discount, rounded down to the cent (never free)."""
    if not 1 <= discount_percent <= MAX_DISCOUNT_PERCENT:
        raise InvalidInput(
            f"A bundle discount is 1 to {MAX_DISCOUNT_PERCENT} percent.", field="discount"
        )
    return max(1, full_price_cents * (100 - discount_percent) // 100)


def save_bundle(
    session: Session,
    *,
    creator_id: int,
    series_id: int,
    discount_percent: int,
    season_ids: list[int] | None = None,
    title: str = "",
    bundle_id: int | None = None,
) -> Offer:
    """Create or change a bundle: the given seasons (None: every season, the whole series) for
    their summed price less the discount. Returns it as buyers will see it."""
    series = owned_series(session, creator_id, series_id)
    seasons = list(session.exec(select(Season).where(Season.series_id == series_id)).all())
    chosen = seasons if season_ids is None else [s for s in seasons if s.id in set(season_ids)]
    if season_ids is not None and len(chosen) != len(set(season_ids)):
        raise InvalidInput("Pick seasons of this series.", field="seasons")
    if len(chosen) < 2:
        raise InvalidInput("A bundle holds at least two seasons.", field="seasons")
    currencies = {season.currency for season in chosen}
    if len(currencies) != 1:
        raise InvalidInput("A bundle's seasons must share one currency.", field="seasons")
    name = title.strip() or (
        f"{series.title}: every season" if season_ids is None else f"{series.title}: bundle"
    )
    if len(name) > 120:
        raise InvalidInput("The title is longer than 120 characters.", field="title")
    bundle = (
        session.get(Bundle, bundle_id)
        if bundle_id
        else Bundle(series_id=series_id, title="", price_cents=0)
    )
    if bundle is None or bundle.series_id != series_id:
        raise NotFound("This bundle does not exist.")
    if (
        bundle.id
        and _sold(session, bundle.id)
        and _season_ids(session, bundle.id) != {s.id for s in chosen}
    ):  # buyers keep exactly what they bought: sell the new mix as a new bundle
        bundle.active = False
        session.add(bundle)
        bundle = Bundle(series_id=series_id, title="", price_cents=0)
    bundle.title = name
    bundle.currency = currencies.pop()
    bundle.price_cents = bundle_price(sum(s.price_cents for s in chosen), discount_percent)
    bundle.active = True
    session.add(bundle)
    session.flush()
    for link in session.exec(select(BundleSeason).where(BundleSeason.bundle_id == bundle.id)).all():
        session.delete(link)
    session.flush()
    for season in chosen:
        session.add(BundleSeason(bundle_id=bundle.id or 0, season_id=season.id or 0))
    session.flush()
    return next(
        o for o in bundle_offers(session, series, containing=None) if o.bundle_id == bundle.id
    )


def _sold(session: Session, bundle_id: int) -> bool:
    return (
        session.exec(select(Entitlement.id).where(Entitlement.bundle_id == bundle_id)).first()
        is not None
    )


def _season_ids(session: Session, bundle_id: int) -> set[int | None]:
    rows = session.exec(select(BundleSeason.season_id).where(BundleSeason.bundle_id == bundle_id))
    return set(rows.all())


def withdraw_bundle(session: Session, *, creator_id: int, bundle_id: int) -> None:
    """Stop selling a bundle; whoever bought it keeps it."""
    bundle = session.get(Bundle, bundle_id)
    if bundle is None:
        raise NotFound("This bundle does not exist.")
    owned_series(session, creator_id, bundle.series_id)
    bundle.active = False
    session.add(bundle)


def series_bundles(session: Session, *, creator_id: int, series_id: int) -> list[Offer]:
    """The series' bundles on sale, as buyers see them (for the series editor)."""
    series = owned_series(session, creator_id, series_id)
    return bundle_offers(session, series, containing=None)
