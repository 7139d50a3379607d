"""The offer a paywall's Unlock carries through sign-up or log-in, in the return path:
`/watch/<episode>?unlock=season:<id>` (or `bundle:<id>`). Only an offer the episode's own
paywall lists is ever honoured; anything else in the parameter is ignored."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlmodel import Session

from microshort.payments.pricing import offers_for_episode
from microshort.payments.schemas import Offer
from microshort.ui import routes

UNLOCK_PARAM = "unlock"


def offer_key(offer: Offer) -> str:
    """'season:12' / 'bundle:3'."""
    return f"{offer.kind}:{offer.season_id if offer.kind == 'season' else offer.bundle_id}"


def chosen_offer(offers: list[Offer], key: str | None) -> Offer | None:
    """The listed offer the key names, or None (garbage, or an offer not on this paywall)."""
    if not key:
        return None
    return next((offer for offer in offers if offer_key(offer) == key), None)


def unlock_path(episode_id: int, offer: Offer | None) -> str:
    """Where to come back to after signing up: the episode, with the chosen offer if any."""
    path = routes.watch_url(episode_id)
    return f"{path}?{UNLOCK_PARAM}={offer_key(offer)}" if offer else path


def unlock_request(next_path: str) -> tuple[int, str] | None:
    """(episode id, offer key) when a local return path asks to unlock something."""
    parts = urlsplit(next_path)
    if parts.scheme or parts.netloc:
        return None
    episode = routes.slug_from_path(parts.path, routes.WATCH)
    key = parse_qs(parts.query).get(UNLOCK_PARAM, [""])[0]
    if not episode.isdigit() or not key:
        return None
    return int(episode), key


def unlock_series(session: Session, next_path: str) -> str:
    """The series a paywall's Unlock led to sign-up / log-in for ('' when the return path
    names no offer that episode's paywall lists)."""
    request = unlock_request(next_path)
    if request is None:
        return ""
    episode_id, key = request
    offer = chosen_offer(offers_for_episode(session, episode_id), key)
    return offer.series_title if offer else ""
