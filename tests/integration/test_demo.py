"""The demo catalogue: alive, deterministic, idempotent."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from microshort.admin.models import AuditLog, Report, ReportStatus
from microshort.admin.report_queue import open_reports, resolved_reports
from microshort.admin.reports import DISMISS_ACTION, HIDE_ACTION
from microshort.analytics.models import AnalyticsEvent
from microshort.content.models import Episode, Season, Series, WatchProgress
from microshort.content.playback import episode_context
from microshort.content.progress import COMPLETE_WITHIN_SECONDS
from microshort.demo import catalogue
from microshort.demo.loader import load
from microshort.integrations.storage.local import LocalMediaStorage
from microshort.payments.models import Transaction
from microshort.payments.pricing import entitled
from microshort.realtime.models import Comment, CommentLike, CommentStatus, Reaction
from microshort.users.models import CreatorProfile, Role, User

TODAY = datetime(2026, 11, 25, 12, tzinfo=UTC)


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_demo_catalogue_looks_alive(session: Session, storage: LocalMediaStorage) -> None:
    summary = load(session, storage, today=TODAY)
    assert summary.loaded
    assert _count(session, Series) >= 12
    assert _count(session, Episode) >= 150
    assert len(set(session.exec(select(Series.genre)).all())) >= 6
    assert _count(session, CreatorProfile) >= 5
    assert _count(session, Reaction) >= 300
    assert _count(session, Comment) >= 50
    assert _count(session, Transaction) >= 10
    assert session.exec(select(func.min(Season.price_cents))).one() > 0
    oldest, newest = session.exec(
        select(func.min(AnalyticsEvent.occurred_at), func.max(AnalyticsEvent.occurred_at))
    ).one()
    assert newest - oldest >= timedelta(days=58)


def test_every_series_has_a_real_cover_image(session: Session, storage: LocalMediaStorage) -> None:
    import asyncio

    load(session, storage, today=TODAY)
    keys = session.exec(select(Series.cover_key)).all()
    assert all(keys)
    data = asyncio.run(storage.read(str(keys[0])))
    assert data[:3] == b"\xff\xd8\xff"  # JPEG
    assert len(data) > 10_000


def test_demo_comments_have_likes_counted_exactly(
    session: Session, storage: LocalMediaStorage
) -> None:
    load(session, storage, today=TODAY)
    assert _count(session, CommentLike) >= 100
    rows = func.count(col(CommentLike.user_id))
    miscounted = session.exec(
        select(Comment.id, Comment.like_count, rows)
        .join(CommentLike, col(CommentLike.comment_id) == col(Comment.id), isouter=True)
        .group_by(col(Comment.id))
        .having(col(Comment.like_count) != rows)
    ).all()
    assert miscounted == []
    counts = sorted(session.exec(select(Comment.like_count)).all())
    assert counts[len(counts) * 3 // 4] <= 3  # most comments have a handful at most...
    assert counts[-1] >= 20  # ...a few are popular
    liked_by_author_or_non_viewer = session.exec(
        select(func.count())
        .select_from(CommentLike)
        .join(Comment, col(Comment.id) == col(CommentLike.comment_id))
        .join(User, col(User.id) == col(CommentLike.user_id))
        .where((col(CommentLike.user_id) == col(Comment.user_id)) | (User.role != Role.VIEWER))
    ).one()
    assert liked_by_author_or_non_viewer == 0


def test_demo_report_queue_has_open_and_decided_reports(
    session: Session, storage: LocalMediaStorage
) -> None:
    load(session, storage, today=TODAY)
    waiting = open_reports(session, now=TODAY)
    assert len(waiting) >= 5
    assert all(item.comment_status == CommentStatus.VISIBLE for item in waiting)
    decided = resolved_reports(session, now=TODAY)
    assert {item.decision for item in decided} == {"hidden", "dismissed"}
    for item in decided:
        assert item.decided_by == "MicroShort Team"
        assert item.note  # the admin's reason, from the decision's audit entry
        hidden = item.decision == "hidden"
        assert item.comment_status == (CommentStatus.REMOVED if hidden else CommentStatus.VISIBLE)
    for report, comment in session.exec(
        select(Report, Comment).join(Comment, col(Comment.id) == col(Report.comment_id))
    ).all():
        assert report.reporter_id != comment.user_id
        assert comment.created_at < report.created_at
        assert TODAY - timedelta(days=7) < report.created_at < TODAY - timedelta(hours=1)
        if report.status == ReportStatus.OPEN:
            assert report.resolved_at is None
            continue
        assert report.resolved_at is not None
        assert report.created_at < report.resolved_at < TODAY
        action, target = (
            (HIDE_ACTION, ("comment", comment.id))
            if report.status == ReportStatus.RESOLVED
            else (DISMISS_ACTION, ("report", report.id))
        )
        entry = session.exec(
            select(AuditLog).where(
                AuditLog.action == action,
                AuditLog.target_type == target[0],
                AuditLog.target_id == target[1],
            )
        ).one()
        assert entry.actor_id == report.resolved_by
        assert entry.created_at == report.resolved_at


def _totals(session: Session) -> tuple[int, ...]:
    models = (Episode, Reaction, Comment, CommentLike, Report, AuditLog, AnalyticsEvent)
    return tuple(_count(session, model) for model in models)


def test_loading_twice_changes_nothing(session: Session, storage: LocalMediaStorage) -> None:
    load(session, storage, today=TODAY)
    before = _totals(session), session.exec(select(func.sum(Comment.like_count))).one()
    again = load(session, storage, today=TODAY)
    assert not again.loaded
    assert (_totals(session), session.exec(select(func.sum(Comment.like_count))).one()) == before


def _fingerprint(session: Session) -> tuple[object, ...]:
    titles = session.exec(select(Episode.title).order_by(col(Episode.id))).all()
    reactions = session.exec(
        select(Reaction.timestamp_ms, Reaction.emoji).order_by(col(Reaction.id))
    ).all()
    events = session.exec(select(func.count()).select_from(AnalyticsEvent)).one()
    likes = session.exec(select(Comment.like_count).order_by(col(Comment.id))).all()
    reports = session.exec(
        select(Report.reason, Report.status, Report.created_at, Report.resolved_at).order_by(
            col(Report.id)
        )
    ).all()
    return tuple(titles), tuple(reactions), events, tuple(likes), tuple(reports)


def test_same_seed_same_catalogue(engine: sa.Engine, storage: LocalMediaStorage) -> None:
    prints = []
    for _ in range(2):
        with engine.connect() as connection:
            transaction = connection.begin()
            with Session(bind=connection) as session:
                load(session, storage, today=TODAY)
                prints.append(_fingerprint(session))
            transaction.rollback()
    assert prints[0] == prints[1]


def test_demo_accounts_can_log_in(session: Session, storage: LocalMediaStorage) -> None:
    from microshort.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
    from microshort.users import accounts

    load(session, storage, today=TODAY)
    admin = accounts.authenticate(session, email=f"admin@{DEMO_DOMAIN}", password=DEMO_PASSWORD)
    assert admin.role == "admin"
    viewer = accounts.authenticate(session, email=f"viewer1@{DEMO_DOMAIN}", password=DEMO_PASSWORD)
    assert viewer.role == "viewer"


def test_every_demo_account_is_confirmed(session: Session, storage: LocalMediaStorage) -> None:
    load(session, storage, today=TODAY)
    unconfirmed = session.exec(
        select(func.count()).select_from(User).where(col(User.email_verified_at).is_(None))
    ).one()
    assert unconfirmed == 0


def test_each_series_synopses_follow_its_own_cast(
    session: Session, storage: LocalMediaStorage
) -> None:
    load(session, storage, today=TODAY)
    everyone = {name for spec in catalogue.SERIES for name in spec.cast}
    for spec in catalogue.SERIES:
        synopses = session.exec(
            select(Episode.synopsis)
            .join(Season, col(Season.id) == col(Episode.season_id))
            .join(Series, col(Series.id) == col(Season.series_id))
            .where(Series.slug == spec.slug)
        ).all()
        strangers = everyone - set(spec.cast)
        for text in synopses:
            assert spec.lead in str(text)
            assert not [name for name in strangers if re.search(rf"\b{name}\b", str(text))]
        assert len(set(synopses)) == len(synopses)  # no synopsis repeats within a series


def _progress(session: Session) -> list[tuple[WatchProgress, Episode]]:
    return list(
        session.exec(
            select(WatchProgress, Episode).join(
                Episode, col(Episode.id) == col(WatchProgress.episode_id)
            )
        ).all()
    )


def test_demo_progress_is_what_the_player_would_save(
    session: Session, storage: LocalMediaStorage
) -> None:
    load(session, storage, today=TODAY)
    rows = _progress(session)
    assert len(rows) >= 100
    assert any(row.completed for row, _ in rows)
    assert not all(row.completed for row, _ in rows)
    for row, episode in rows:
        duration = episode.duration_seconds or 0
        if row.completed:
            assert row.position_seconds == duration  # watched to the end
        else:  # short of the player's "finished" mark, so it resumes where it stopped
            assert 0 <= row.position_seconds < duration - COMPLETE_WITHIN_SECONDS


def test_demo_progress_on_locked_episodes_only_for_their_owners(
    session: Session, storage: LocalMediaStorage
) -> None:
    load(session, storage, today=TODAY)
    locked = 0
    for row, episode in _progress(session):
        context = episode_context(session, episode.id or 0)
        assert context is not None
        if context.locked:
            assert entitled(session, row.user_id, episode)
            locked += 1
    assert locked >= 1  # buyers watch what they bought


def test_reactions_and_comments_fall_within_the_episode_they_are_on(
    session: Session, storage: LocalMediaStorage
) -> None:
    load(session, storage, today=TODAY)
    for model in (Reaction, Comment):
        beyond, spread = session.exec(
            select(
                func.count().filter(col(model.timestamp_ms) > col(Episode.duration_seconds) * 1000),
                func.count(sa.distinct(col(model.timestamp_ms) / 10_000)),
            ).join(Episode, col(Episode.id) == col(model.episode_id))
        ).one()
        assert beyond == 0, f"{model.__name__}: {beyond} past the end of their episode"
        assert spread >= 5  # still spread along the episode, not piled at one moment
