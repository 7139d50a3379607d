"""Demo activity: reactions, comments, follows, watches, purchases and 60 days of analytics."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from microshort.analytics.models import AnalyticsEvent
from microshort.content.models import Episode, Season, Series
from microshort.demo import audience
from microshort.demo.progress import Watch, plan_watches
from microshort.payments.models import Entitlement, RevenueSplit, Transaction
from microshort.payments.splits import estimated_card_fee, split_payment
from microshort.realtime.models import Comment, Reaction
from microshort.social import share_links
from microshort.social.models import Follow, ShareChannel, ShareLink
from microshort.users.models import User

DEMO_PLATFORM_FEE_PERCENT = 20
ANALYTICS_DAYS = 60


def add_activity(
    session: Session,
    rng: random.Random,
    now: datetime,
    *,
    viewers: list[User],
    series: list[Series],
    episodes: list[Episode],
) -> list[Watch]:
    """Everything but the watch progress itself: the episodes viewers started, to be saved
    (demo.progress) once the episodes have their final durations."""
    session.flush()
    _reactions_and_comments(session, rng, now, viewers, episodes)
    watches = _follows_and_watches(session, rng, now, viewers, series, episodes)
    _purchases(session, rng, now, viewers, series)
    links = _share_links(session, series)
    _analytics(session, rng, now, viewers, series, links)
    return watches


def _reactions_and_comments(
    session: Session,
    rng: random.Random,
    now: datetime,
    viewers: list[User],
    episodes: list[Episode],
) -> None:
    reactions: list[dict[str, Any]] = []
    comments: list[dict[str, Any]] = []
    for episode in episodes:
        duration_ms = (episode.duration_seconds or 90) * 1000
        # Early episodes are watched most; each has a few "hot moments" where reactions cluster.
        weight = max(1, 6 - episode.number // 2)
        hot_moments = [rng.randint(5_000, duration_ms - 2_000) for _ in range(rng.randint(1, 3))]
        for _ in range(rng.randint(weight, weight * 2)):
            center = rng.choice(hot_moments)
            viewer = rng.choice(viewers)
            reactions.append(
                {
                    "episode_id": episode.id,
                    "user_id": viewer.id,
                    "emoji": rng.choice(audience.REACTIONS),
                    "timestamp_ms": min(duration_ms, max(0, int(rng.gauss(center, 1_500)))),
                    "created_at": now - timedelta(hours=rng.randint(1, 24 * 50)),
                }
            )
        for _ in range(rng.randint(0, max(1, weight // 2))):
            comments.append(
                {
                    "episode_id": episode.id,
                    "user_id": rng.choice(viewers).id,
                    "body": rng.choice(audience.COMMENTS),
                    "timestamp_ms": rng.randint(0, duration_ms),
                    "status": "visible",
                    "pinned": False,
                    "created_at": now - timedelta(hours=rng.randint(1, 24 * 50)),
                }
            )
    session.execute(sa.insert(Reaction), reactions)
    session.execute(sa.insert(Comment), comments)


def _follows_and_watches(
    session: Session,
    rng: random.Random,
    now: datetime,
    viewers: list[User],
    series: list[Series],
    episodes: list[Episode],
) -> list[Watch]:
    follows, watches = [], []
    for viewer in viewers:
        for followed in rng.sample(series, rng.randint(1, 4)):
            follows.append(
                {
                    "user_id": viewer.id,
                    "series_id": followed.id,
                    "created_at": now - timedelta(days=rng.randint(0, 40)),
                }
            )
        watches.extend(plan_watches(rng, now, viewer, episodes))
    session.execute(sa.insert(Follow), follows)
    return watches


def _purchases(
    session: Session, rng: random.Random, now: datetime, viewers: list[User], series: list[Series]
) -> None:
    first_seasons = {
        season.series_id: season
        for season in session.exec(select(Season).where(Season.number == 1)).all()
    }
    for index, buyer in enumerate(rng.sample(viewers, min(len(viewers), 30))):
        bought = rng.choice(series)
        season = first_seasons[bought.id or 0]
        when = now - timedelta(days=rng.randint(0, ANALYTICS_DAYS - 1), hours=rng.randint(0, 23))
        split = split_payment(
            season.price_cents,
            platform_fee_percent=DEMO_PLATFORM_FEE_PERCENT,
            processor_fee_cents=estimated_card_fee(season.price_cents),
        )
        transaction = Transaction(
            kind="purchase",
            user_id=buyer.id,
            series_id=bought.id or 0,
            creator_id=bought.creator_id,
            season_id=season.id,
            gross_cents=split.gross_cents,
            processor_fee_cents=split.processor_fee_cents,
            platform_fee_cents=split.platform_fee_cents,
            creator_share_cents=split.creator_share_cents,
            currency=season.currency,
            provider="local",
            provider_session_id=f"cs_demo_{index:04d}",
            provider_payment_id=f"pi_demo_{index:04d}",
            livemode=False,
            created_at=when,
        )
        session.add(transaction)
        session.flush()
        for party, amount, creator_id in (
            ("creator", split.creator_share_cents, bought.creator_id),
            ("platform", split.platform_fee_cents, None),
            ("processor", split.processor_fee_cents, None),
        ):
            session.add(
                RevenueSplit(
                    transaction_id=transaction.id or 0,
                    party=party,
                    direction="credit",
                    creator_id=creator_id,
                    amount_cents=amount,
                    currency=season.currency,
                    created_at=when,
                )
            )
        session.add(
            Entitlement(
                user_id=buyer.id or 0,
                season_id=season.id,
                source_transaction_id=transaction.id,
                granted_at=when,
            )
        )


def _demo_code(seed: str) -> str:
    """A code shaped like a real one (8 of 62 characters), the same at every load."""
    digest = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")
    alphabet = share_links.CODE_ALPHABET
    return "".join(alphabet[(digest >> (6 * i)) % len(alphabet)] for i in range(8))


def _share_links(session: Session, series: list[Series]) -> list[ShareLink]:
    links = []
    for item in series:
        for number, (source, medium, campaign) in enumerate(audience.UTM_SOURCES[:3], start=1):
            link = ShareLink(
                code=_demo_code(f"{item.slug}-{number}"),
                series_id=item.id or 0,
                channel=ShareChannel.LINK,
                utm_source=source,
                utm_medium=medium,
                utm_campaign=campaign,
            )
            session.add(link)
            links.append(link)
    session.flush()
    return links


def _analytics(
    session: Session,
    rng: random.Random,
    now: datetime,
    viewers: list[User],
    series: list[Series],
    links: list[ShareLink],
) -> None:
    """A funnel per day and series: views > starts > completes > paywall hits > signups."""
    events: list[dict[str, Any]] = []
    popularity = {item.id: rng.uniform(0.4, 1.6) for item in series}
    for day in range(ANALYTICS_DAYS):
        growth = 0.5 + day / ANALYTICS_DAYS  # traffic grows towards today
        date = now - timedelta(days=ANALYTICS_DAYS - 1 - day)
        for item in series:
            views = int(rng.randint(2, 7) * popularity[item.id] * growth)
            for visit in range(views):
                source, medium, campaign = rng.choice(audience.UTM_SOURCES)
                base: dict[str, Any] = {
                    "anonymous_id": f"anon-{day:02d}-{item.id}-{visit}",
                    "series_id": item.id,
                    "utm_source": source,
                    "utm_medium": medium,
                    "utm_campaign": campaign,
                    "properties": {},
                }
                at = date.replace(hour=rng.randint(0, 23), minute=rng.randint(0, 59))
                for name, chance in (
                    ("series_view", 1.0),
                    ("episode_start", 0.7),
                    ("episode_complete", 0.5),
                    ("paywall_hit", 0.25),
                    ("signup", 0.08),
                ):
                    if rng.random() > chance:
                        break
                    at += timedelta(seconds=rng.randint(20, 240))
                    events.append({**base, "name": name, "occurred_at": at})
    if links:
        for event in events[::9]:
            event["share_link_id"] = rng.choice(links).id
    session.execute(sa.insert(AnalyticsEvent), events)
