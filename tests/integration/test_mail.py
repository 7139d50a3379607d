"""Mail for real: a local SMTP server (aiosmtpd) receives what the outbox delivers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from sqlmodel import Session

from microshort import migrations
from microshort.db import make_engine
from microshort.integrations.email import MailDeliveryError
from microshort.integrations.email.smtp import SmtpTransport
from microshort.jobs import app as jobs
from microshort.notify.models import EmailOutbox, MailStatus
from microshort.notify.outbox import send_queued
from microshort.notify.service import deliver, outbox_page, queue_email
from tests import smtp_sink
from tests.smtp_sink import Sink

SENDER = "MicroShort <no-reply@microshort.test>"
SECRET = "p@ss:w/rd-s3cret"  # needs URL-encoding: proves the user and password are decoded


@pytest.fixture
def smtp() -> Iterator[tuple[Sink, int]]:
    sink = Sink(password=SECRET)
    controller, port = smtp_sink.start(sink)
    yield sink, port
    controller.stop()


def _url(port: int, password: str = SECRET) -> str:
    return f"smtp://mailer%40ms:{quote(password, safe='')}@127.0.0.1:{port}"


def _mail(
    session: Session, to: str = "viewer@example.com", subject: str = "Confirm your e-mail"
) -> int:
    return (
        queue_email(session, to=to, subject=subject, body="Open http://app/confirm?t=abc\n").id or 0
    )


def test_a_queued_mail_arrives_and_is_marked_sent(session: Session, smtp: tuple[Sink, int]) -> None:
    sink, port = smtp
    mail_id = _mail(session)
    assert sink.messages == []  # queueing sends nothing

    assert deliver(session, mail_id, SmtpTransport.from_url(_url(port)), SENDER) == "sent"

    [received] = sink.messages
    assert received["To"] == "viewer@example.com"
    assert received["From"] == SENDER
    assert received["Subject"] == "Confirm your e-mail"
    assert received.get_content().strip() == "Open http://app/confirm?t=abc"
    assert sink.logins == [("mailer@ms", SECRET)]
    row = session.get(EmailOutbox, mail_id)
    assert row is not None
    assert row.status == MailStatus.SENT
    assert row.sent_at is not None
    # Delivering again (a retried job) sends nothing more.
    assert deliver(session, mail_id, SmtpTransport.from_url(_url(port)), SENDER) == "sent"
    assert len(sink.messages) == 1


def test_without_smtp_the_mail_is_kept_for_the_admin_outbox(session: Session) -> None:
    first = _mail(session, subject="Older")
    second = _mail(session, subject="Reset your password")
    assert deliver(session, second, None, SENDER) == "kept"

    page = outbox_page(session, limit=2)
    assert [(item.id, item.subject, item.status) for item in page] == [
        (second, "Reset your password", "kept"),
        (first, "Older", "pending"),
    ]
    assert "confirm?t=abc" in page[0].body_text


def test_a_refused_mail_stays_pending_with_a_readable_error(
    session: Session, smtp: tuple[Sink, int]
) -> None:
    sink, port = smtp
    sink.reject_data = "550 5.7.1 Message rejected as spam"
    mail_id = _mail(session)

    with pytest.raises(MailDeliveryError, match=r"550 5\.7\.1 Message rejected as spam") as caught:
        deliver(session, mail_id, SmtpTransport.from_url(_url(port)), SENDER)

    row = session.get(EmailOutbox, mail_id)
    assert row is not None
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.last_error == "the mail server refused the mail: 550 5.7.1 Message rejected as spam"
    assert SECRET not in str(caught.value)
    assert sink.messages == []


@pytest.mark.parametrize("reachable", [True, False])
def test_the_smtp_password_is_never_echoed(
    session: Session, smtp: tuple[Sink, int], reachable: bool
) -> None:
    _, port = smtp
    # Reachable: the server refuses the login and echoes the password; else nothing listens.
    transport = SmtpTransport.from_url(
        _url(port if reachable else smtp_sink.free_port(), "wrong-" + SECRET)
    )
    mail_id = _mail(session)
    with pytest.raises(MailDeliveryError) as caught:
        deliver(session, mail_id, transport, SENDER)
    row = session.get(EmailOutbox, mail_id)
    assert row is not None
    assert row.last_error
    expected = "rejected the login: 535" if reachable else "could not deliver through 127.0.0.1"
    assert expected in row.last_error
    for text in (str(caught.value), row.last_error, repr(transport)):
        assert SECRET not in text
        assert quote(SECRET, safe="") not in text


def test_smtp_urls_are_parsed_without_echoing_them() -> None:
    secure = SmtpTransport.from_url(f"smtps://a%40b:{quote(SECRET, safe='')}@mail.example.com")
    assert (secure.host, secure.port, secure.implicit_tls) == ("mail.example.com", 465, True)
    assert (secure.username, secure.password) == ("a@b", SECRET)
    with pytest.raises(ValueError, match="invalid port") as caught:
        SmtpTransport.from_url(f"smtp://u:{SECRET}@host:notaport")
    assert SECRET not in str(caught.value)


async def _defer_and_work(*outbox_ids: int) -> int:
    deferred = await send_queued(outbox_ids)
    async with jobs.job_app.open_async():
        await jobs.job_app.run_worker_async(
            wait=False, install_signal_handlers=False, queues=["mail"]
        )
    return deferred


def test_the_worker_delivers_queued_mail_and_retries_refusals(
    make_database: Callable[[], str],
    app_settings: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    smtp: tuple[Sink, int],
    caplog: pytest.LogCaptureFixture,
) -> None:
    sink, port = smtp
    url = make_database()
    migrations.upgrade(url)
    monkeypatch.setenv("MICROSHORT_SMTP_URL", _url(port))
    monkeypatch.setenv("MICROSHORT_MAIL_FROM", SENDER)
    app_settings(url)
    engine = make_engine(url)
    with Session(engine) as session:
        good, bounce = _mail(session), _mail(session, to="bounce@example.com")
        session.commit()

    assert asyncio.run(_defer_and_work(good, bounce, good)) == 2

    assert [m["To"] for m in sink.messages] == ["viewer@example.com"]
    with Session(engine) as session:
        sent, refused = session.get(EmailOutbox, good), session.get(EmailOutbox, bounce)
        assert sent is not None
        assert sent.status == "sent"
        assert refused is not None
        assert (refused.status, refused.attempts) == ("pending", 1)
        assert (
            refused.last_error
            == "the mail server refused the recipient: 550 5.1.1 No such mailbox here"
        )
    with psycopg.connect(url) as conn:
        jobs_rows = conn.execute(
            "SELECT status::text, coalesce(scheduled_at > now(), false) "
            "FROM procrastinate.procrastinate_jobs WHERE task_name = 'deliver_email' ORDER BY id"
        ).fetchall()
    # The refused mail's job waits for its retry (exponential backoff).
    assert jobs_rows == [("succeeded", False), ("todo", True)]
    assert SECRET not in caplog.text
    assert quote(SECRET, safe="") not in caplog.text
    engine.dispose()
