"""Imports every domain's tables so SQLModel.metadata (and alembic) sees the whole model."""

from microshort.admin.models import AuditLog, Report
from microshort.analytics.models import AnalyticsEvent, AttributionTouch, VisitorAttribution
from microshort.content.models import (
    Bundle,
    BundleSeason,
    Episode,
    Season,
    Series,
    SubtitleTrack,
    VideoAsset,
    WatchProgress,
)
from microshort.notify.models import EmailOutbox, Notification
from microshort.payments.models import (
    Entitlement,
    LocalCheckoutSession,
    Payout,
    RevenueSplit,
    Transaction,
)
from microshort.pitch.models import PitchLead
from microshort.realtime.models import Comment, Reaction
from microshort.social.models import AdSpend, Favourite, Follow, ShareLink
from microshort.users.models import CreatorProfile, User, UserSession

__all__ = [
    "AdSpend",
    "AnalyticsEvent",
    "AttributionTouch",
    "AuditLog",
    "Bundle",
    "BundleSeason",
    "Comment",
    "CreatorProfile",
    "EmailOutbox",
    "Entitlement",
    "Episode",
    "Favourite",
    "Follow",
    "LocalCheckoutSession",
    "Notification",
    "Payout",
    "PitchLead",
    "Reaction",
    "Report",
    "RevenueSplit",
    "Season",
    "Series",
    "ShareLink",
    "SubtitleTrack",
    "Transaction",
    "User",
    "UserSession",
    "VideoAsset",
    "VisitorAttribution",
    "WatchProgress",
]
