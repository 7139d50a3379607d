"""The studio share kit: for one series, its share link, a link per channel (tagged with UTM),
a QR code, and what each channel brought: visits, sign-ups and purchases, by last touch.

Only the series' own creator (and admins) may open it. The kit's links belong to the series:
made once per channel, for its creator, and the same for everyone who opens the kit. A link
turned off (a post taken down, a leaked campaign) says so when opened; the kit makes a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

import segno
import sqlalchemy as sa
from sqlmodel import Session, col, select

from microshort.analytics.models import AttributionTouch, VisitorAttribution
from microshort.content.models import Series, SeriesStatus
from microshort.errors import Forbidden, NotFound
from microshort.payments.models import Transaction, TransactionKind
from microshort.social.models import ShareChannel, ShareLink
from microshort.social.share_links import channel_of, insert_with_new_code, share_path
from microshort.users.models import CreatorProfile
from microshort.users.permissions import Access, owns_creator_profile, require
from microshort.users.schemas import CurrentUser

KIT_MEDIUM = "share-kit"
C = ShareChannel
# (channel, label) in the order the kit lists them.
KIT_CHANNELS: tuple[tuple[ShareChannel, str], ...] = (
    (C.LINK, "Main link"),
    (C.WHATSAPP, "WhatsApp"),
    (C.X, "X"),
    (C.FACEBOOK, "Facebook"),
    (C.TELEGRAM, "Telegram"),
    (C.TIKTOK, "TikTok bio"),
    (C.INSTAGRAM, "Instagram bio"),
    (C.EMAIL, "Email"),
    (C.QR, "QR code"),
)
# How other sources read in the counts (viewers' own shares, campaigns tagged by hand).
SOURCE_LABELS = {
    **{channel.value: label for channel, label in KIT_CHANNELS},
    C.COPY.value: "Viewers: copied link",
    C.NATIVE.value: "Viewers: share sheet",
}


@dataclass(frozen=True)
class KitLink:
    channel: str
    label: str
    short_url: str  # /s/<code>, absolute
    utm_url: str  # the series page with this channel's UTM tags
    post_url: str  # the channel's own "share this" address, when it has one


@dataclass(frozen=True)
class ChannelCount:
    source: str
    label: str
    visits: int
    signups: int
    purchases: int


@dataclass(frozen=True)
class ShareKit:
    series_id: int
    title: str
    slug: str
    listed: bool  # published: the links preview and lead somewhere
    main_url: str
    qr_url: str  # the link the QR code holds (its own channel)
    qr_svg: str  # data: URI of the QR code, SVG
    links: list[KitLink]
    counts: list[ChannelCount]
    totals: ChannelCount


def kit_series(session: Session, user: CurrentUser | None, series_id: int) -> Series:
    """The series, if this user may see its kit (its creator, or an admin)."""
    viewer = require(Access.CREATOR, user)
    series = session.get(Series, series_id)
    if series is None or series.deleted_at is not None:
        raise NotFound("This series does not exist.")
    if not owns_creator_profile(viewer, series.creator_id):
        raise Forbidden("This series belongs to another creator.")
    return series


def turn_off_kit_link(
    session: Session, user: CurrentUser | None, series_id: int, channel: str, *, now: datetime
) -> None:
    """Turn a channel's kit link off (it answers "This link was turned off" from now on); the
    kit makes that channel a new one the next time it is read."""
    series = kit_series(session, user, series_id)
    session.execute(
        sa.update(ShareLink)
        .where(
            col(ShareLink.series_id) == series.id,
            col(ShareLink.episode_id).is_(None),
            col(ShareLink.utm_medium) == KIT_MEDIUM,
            col(ShareLink.channel) == channel_of(channel),
            col(ShareLink.disabled_at).is_(None),
        )
        .values(disabled_at=now)
    )


def _kit_links(session: Session, series: Series) -> dict[str, ShareLink]:
    found = {
        link.channel: link
        for link in session.exec(
            select(ShareLink).where(
                col(ShareLink.series_id) == series.id,
                col(ShareLink.episode_id).is_(None),
                col(ShareLink.utm_medium) == KIT_MEDIUM,
                col(ShareLink.disabled_at).is_(None),
            )
        )
    }
    owner = session.get(CreatorProfile, series.creator_id)
    for channel, _label in KIT_CHANNELS:
        if channel.value not in found:
            link = ShareLink(
                code="",
                series_id=series.id or 0,
                channel=channel,
                created_by=owner.user_id if owner else None,
                utm_source=channel.value,
                utm_medium=KIT_MEDIUM,
                utm_campaign=series.slug,
            )
            found[channel.value] = insert_with_new_code(session, link)
    return found


def _post_url(channel: ShareChannel, url: str, title: str) -> str:
    text = quote(f"{title} {url}")
    return {
        C.WHATSAPP: f"https://wa.me/?text={text}",
        C.X: f"https://x.com/intent/post?{urlencode({'url': url, 'text': title})}",
        C.FACEBOOK: f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}",
        C.TELEGRAM: f"https://t.me/share/url?{urlencode({'url': url, 'text': title})}",
        C.EMAIL: f"mailto:?subject={quote(title)}&body={text}",
    }.get(channel, "")


def _by_source(session: Session, query: Any) -> dict[str, int]:
    return {str(source or ""): int(count) for source, count in session.execute(query)}


def channel_counts(session: Session, series_id: int) -> list[ChannelCount]:
    """Per source (the channel a link carries, or a UTM source): visits that arrived at this
    series, sign-ups whose last touch before signing up was one of them, and purchases of
    this series whose last touch was one of them."""
    touch = AttributionTouch
    source = col(touch.utm_source)
    visits = _by_source(
        session,
        sa.select(source, sa.func.count())
        .where(col(touch.series_id) == series_id)
        .group_by(source),
    )
    signups = _by_source(
        session,
        sa.select(source, sa.func.count())
        .select_from(VisitorAttribution)
        .join(touch, col(touch.id) == col(VisitorAttribution.signup_touch_id))
        .where(col(touch.series_id) == series_id)
        .group_by(source),
    )
    purchases = _by_source(
        session,
        sa.select(source, sa.func.count())
        .select_from(Transaction)
        .join(touch, col(touch.id) == col(Transaction.last_touch_id))
        .where(
            col(Transaction.series_id) == series_id,
            col(Transaction.kind) == TransactionKind.PURCHASE,
            col(touch.series_id) == series_id,
        )
        .group_by(source),
    )
    kit_order = [channel.value for channel, _label in KIT_CHANNELS]
    others = sorted((set(visits) | set(signups) | set(purchases)) - set(kit_order))
    return [
        ChannelCount(
            source=name,
            label=SOURCE_LABELS.get(name, name or "(untagged)"),
            visits=visits.get(name, 0),
            signups=signups.get(name, 0),
            purchases=purchases.get(name, 0),
        )
        for name in [*kit_order, *others]
    ]


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)


def share_kit(
    session: Session, user: CurrentUser | None, series_id: int, *, base_url: str
) -> ShareKit:
    series = kit_series(session, user, series_id)
    links = _kit_links(session, series)

    def absolute(channel: str) -> str:
        return base_url + share_path(links[channel].code)

    series_url = f"{base_url}/series/{series.slug}"
    kit = [
        KitLink(
            channel=channel.value,
            label=label,
            short_url=absolute(channel.value),
            utm_url=series_url
            + "?"
            + urlencode(
                {"utm_source": channel.value, "utm_medium": KIT_MEDIUM, "utm_campaign": series.slug}
            ),
            post_url=_post_url(channel, absolute(channel.value), series.title),
        )
        for channel, label in KIT_CHANNELS
    ]
    counts = channel_counts(session, series.id or 0)
    return ShareKit(
        series_id=series.id or 0,
        title=series.title,
        slug=series.slug,
        listed=series.status == SeriesStatus.PUBLISHED,
        main_url=absolute(C.LINK.value),
        qr_url=absolute(C.QR.value),
        qr_svg=qr_svg(absolute(C.QR.value)),
        links=kit,
        counts=counts,
        totals=ChannelCount(
            source="",
            label="All",
            visits=sum(count.visits for count in counts),
            signups=sum(count.signups for count in counts),
            purchases=sum(count.purchases for count in counts),
        ),
    )
