"""What things cost and who may watch: offers (a season; bundles with their saving) and the
entitlement check the stream route and the watch page call for every locked episode.

Prices are money (integer cents + currency), never credits. A season is sold at its own price;
a bundle at its price, against the sum of its seasons' prices (the saving).
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.content.models import (
    Bundle,
    BundleSeason,
    Episode,
    EpisodeStatus,
    Season,
    Series,
    SeriesStatus,
)
from microshort.content.pricing import format_price
from microshort.errors import InvalidInput, NotFound
from microshort.payments.models import Entitlement
from microshort.payments.schemas import Offer, Paywall


def season_title(season: Season) -> str:
    return season.title or f"Season {season.number}"


def season_offer(series: Series, season: Season) -> Offer:
    title = season_title(season)
    label = format_price(season.price_cents, season.currency)
    return Offer(
        kind="season",
        season_id=season.id,
        bundle_id=None,
        series_id=series.id or 0,
        series_title=series.title,
        title=title,
        price_cents=season.price_cents,
        currency=season.currency,
        price_label=label,
        season_ids=(season.id or 0,),
        full_price_cents=season.price_cents,
        saving_cents=0,
        saving_percent=0,
        whole_series=False,
        cta=f"Unlock {title} — {label}",
    )


def bundle_offer(
    series: Series, bundle: Bundle, seasons: list[Season], all_season_ids: set[int]
) -> Offer | None:
    """The bundle as an offer; None when it holds no season."""
    if not seasons:
        return None
    ids = tuple(sorted(season.id or 0 for season in seasons))
    same_currency = all(season.currency == bundle.currency for season in seasons)
    full = sum(season.price_cents for season in seasons) if same_currency else bundle.price_cents
    saving = max(0, full - bundle.price_cents)
    percent = saving * 100 // full if full else 0
    whole = set(ids) == all_season_ids
    label = format_price(bundle.price_cents, bundle.currency)
    what = "every season" if whole else bundle.title
    return Offer(
        kind="bundle",
        season_id=None,
        bundle_id=bundle.id,
        series_id=series.id or 0,
        series_title=series.title,
        title=bundle.title,
        price_cents=bundle.price_cents,
        currency=bundle.currency,
        price_label=label,
        season_ids=ids,
        full_price_cents=full,
        saving_cents=saving,
        saving_percent=percent,
        whole_series=whole,
        cta=f"Unlock {what} — {label}" + (f" (save {percent} %)" if percent else ""),
    )


def bundle_offers(session: Session, series: Series, *, containing: int | None) -> list[Offer]:
    seasons = {
        season.id or 0: season
        for season in session.exec(select(Season).where(Season.series_id == series.id)).all()
    }
    query = (
        select(Bundle, BundleSeason.season_id)
        .join(BundleSeason, col(BundleSeason.bundle_id) == col(Bundle.id))
        .where(Bundle.series_id == series.id, col(Bundle.active).is_(True))
    )
    members: dict[int, list[Season]] = defaultdict(list)
    bundles: dict[int, Bundle] = {}
    for bundle, season_id in session.exec(query).all():
        bundles[bundle.id or 0] = bundle
        if season_id in seasons:
            members[bundle.id or 0].append(seasons[season_id])
    offers = []
    for bundle_id, bundle in bundles.items():
        if containing is not None and containing not in {s.id for s in members[bundle_id]}:
            continue
        offer = bundle_offer(series, bundle, members[bundle_id], set(seasons))
        if offer is not None:
            offers.append(offer)
    return sorted(offers, key=lambda o: (not o.whole_series, o.price_cents, o.bundle_id or 0))


def offer_summary(offer: Offer, episodes: int) -> str:
    """What the offer includes, one line: "Season 1 · 14 episodes · $5.99" or
    "All 3 seasons · 38 episodes · $7.99 · save 27 %"."""
    seasons = len(offer.season_ids)
    what = f"All {seasons} seasons" if offer.whole_series and seasons > 1 else offer.title
    parts = [what, f"{episodes} episode{'' if episodes == 1 else 's'}", offer.price_label]
    if offer.saving_percent:
        parts.append(f"save {offer.saving_percent} %")
    return " · ".join(parts)


def offer_summaries(session: Session, offers: list[Offer]) -> list[str]:
    """offer_summary for each offer, counting the published episodes of its seasons."""
    season_ids = {season_id for offer in offers for season_id in offer.season_ids}
    rows = session.exec(
        select(Episode.season_id, sa.func.count())
        .where(col(Episode.season_id).in_(season_ids), Episode.status == EpisodeStatus.PUBLISHED)
        .group_by(col(Episode.season_id))
    ).all()
    counts = {int(season_id): int(count) for season_id, count in rows}
    return [
        offer_summary(offer, sum(counts.get(s, 0) for s in offer.season_ids)) for offer in offers
    ]


def _listed_series(session: Session, series_id: int) -> Series:
    series = session.get(Series, series_id)
    if series is None or series.status != SeriesStatus.PUBLISHED or series.deleted_at:
        raise NotFound("This series is not available.")
    return series


def offer_for(
    session: Session, *, season_id: int | None = None, bundle_id: int | None = None
) -> Offer:
    """The offer a checkout is for (exactly one of season_id / bundle_id)."""
    if (season_id is None) == (bundle_id is None):
        raise InvalidInput("Choose a season or a bundle.")
    if season_id is not None:
        season = session.get(Season, season_id)
        if season is None:
            raise NotFound("This season does not exist.")
        return season_offer(_listed_series(session, season.series_id), season)
    bundle = session.get(Bundle, bundle_id)
    if bundle is None or not bundle.active:
        raise NotFound("This bundle is not on sale.")
    series = _listed_series(session, bundle.series_id)
    for offer in bundle_offers(session, series, containing=None):
        if offer.bundle_id == bundle_id:
            return offer
    raise NotFound("This bundle is not on sale.")


def offers_for_episode(session: Session, episode_id: int) -> list[Offer]:
    """This episode's season, then the bundles that contain it (the whole series first)."""
    row = session.exec(
        select(Season, Series)
        .join(Episode, col(Episode.season_id) == col(Season.id))
        .join(Series, col(Series.id) == col(Season.series_id))
        .where(Episode.id == episode_id)
    ).first()
    if row is None:
        return []
    season, series = row
    return [season_offer(series, season), *bundle_offers(session, series, containing=season.id)]


def paywall(session: Session, episode_id: int, *, platform_fee_percent: int) -> Paywall | None:
    offers = offers_for_episode(session, episode_id)
    if not offers:
        return None
    return Paywall(
        episode_id=episode_id,
        series_title=offers[0].series_title,
        season_title=offers[0].title,
        offers=offers,
        creator_percent=100 - platform_fee_percent,
    )


def _active(user_id: int) -> sa.ColumnElement[bool]:
    return sa.and_(col(Entitlement.user_id) == user_id, col(Entitlement.revoked_at).is_(None))


def entitled(session: Session, user_id: int | None, episode: Episode) -> bool:
    """An active entitlement to the episode's season, or to a bundle containing it."""
    if not user_id:
        return False
    in_bundle = select(BundleSeason.bundle_id).where(BundleSeason.season_id == episode.season_id)
    found = session.exec(
        select(Entitlement.id)
        .where(
            _active(user_id),
            sa.or_(
                col(Entitlement.season_id) == episode.season_id,
                col(Entitlement.bundle_id).in_(in_bundle),
            ),
        )
        .limit(1)
    ).first()
    return found is not None


def owned_season_ids(session: Session, user_id: int) -> set[int]:
    """Every season the viewer may watch through a season or bundle entitlement."""
    direct = select(Entitlement.season_id).where(
        _active(user_id), col(Entitlement.season_id).is_not(None)
    )
    via_bundle = (
        select(BundleSeason.season_id)
        .join(Entitlement, col(Entitlement.bundle_id) == col(BundleSeason.bundle_id))
        .where(_active(user_id))
    )
    return {int(s) for s in session.exec(direct).all() if s} | {
        int(s) for s in session.exec(via_bundle).all()
    }


def owns(session: Session, user_id: int, offer: Offer) -> bool:
    """True when the viewer can already watch every season the offer would unlock."""
    return set(offer.season_ids) <= owned_season_ids(session, user_id)
