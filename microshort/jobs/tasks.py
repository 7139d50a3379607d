"""Background tasks. Each one calls a service; retries are declared here."""

from __future__ import annotations

import contextlib
import logging

import procrastinate
import sqlalchemy as sa

from microshort.analytics import trending
from microshort.bootstrap import media_storage
from microshort.config import get_settings
from microshort.content import artwork
from microshort.db import session_scope
from microshort.integrations.email.base import MailDeliveryError, MailTransport
from microshort.integrations.email.smtp import SmtpTransport
from microshort.jobs.app import job_app
from microshort.notify import service as notify

_log = logging.getLogger(__name__)

# Rendering is deterministic; a failure is transient (disk, database), so retry with backoff.
POSTER_RETRY = procrastinate.RetryStrategy(max_attempts=5, exponential_wait=2)
# A mail server may be down for a while: retry for about 5 hours (5 s, 25 s, … 4.3 h).
MAIL_RETRY = procrastinate.RetryStrategy(
    max_attempts=notify.MAX_DELIVERY_ATTEMPTS - 1,  # retries after the first attempt
    exponential_wait=5,
    retry_exceptions={MailDeliveryError, sa.exc.OperationalError},
)


@job_app.task(name="render_episode_poster", retry=POSTER_RETRY, queue="media")
def render_episode_poster(episode_id: int) -> None:
    with session_scope() as session:
        key = artwork.ensure_episode_poster(session, media_storage(), episode_id)
    _log.debug("poster for episode %s: %s", episode_id, key)


def mail_transport() -> MailTransport | None:
    """SMTP when MICROSHORT_SMTP_URL is set; None keeps mails in the admin outbox."""
    url = get_settings().smtp_url
    return SmtpTransport.from_url(url) if url else None


@job_app.task(name="deliver_email", retry=MAIL_RETRY, queue="mail")
def deliver_email(outbox_id: int) -> str:
    failure: MailDeliveryError | None = None
    with session_scope() as session:
        try:
            status = notify.deliver(session, outbox_id, mail_transport(), get_settings().mail_from)
        except MailDeliveryError as error:
            failure = error  # commit the attempt count and error first, then fail the job
    if failure is not None:
        _log.warning("mail %s not delivered: %s", outbox_id, failure)
        raise failure
    _log.info("mail %s: %s", outbox_id, status)
    return status


@job_app.periodic(cron="* * * * *", periodic_id="mail-sweep")
@job_app.task(name="sweep_pending_mail", queue="mail", queueing_lock="mail-sweep")
def sweep_pending_mail(timestamp: int) -> int:
    """Every minute: queue delivery of mails whose job was never queued (e.g. a crash right
    after the commit). The queueing lock per mail keeps this from doubling a waiting job."""
    with session_scope() as session:
        pending = notify.pending_mail_ids(session)
    for outbox_id in pending:
        with contextlib.suppress(procrastinate.exceptions.AlreadyEnqueued):
            deliver_email.configure(queueing_lock=f"email-{outbox_id}").defer(outbox_id=outbox_id)
    return len(pending)


@job_app.periodic(cron="*/5 * * * *", periodic_id="trending-refresh")
@job_app.task(name="refresh_trending", queue="analytics", queueing_lock="trending-refresh")
def refresh_trending_rollup(timestamp: int) -> int:
    """Every 5 minutes: rebuild the home page's "Trending now" from the last 7 days' views."""
    with session_scope() as session:
        return trending.refresh_trending(session)
