"""The moderation table in Chromium, paged: the admin sees how many reports are open, goes to the
next page, resolves reports there (an emptied page falls back to the one before it) and finds
them under Resolved with the decision, the decider and the note."""

from __future__ import annotations

import re
from collections.abc import Iterator

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, col, select

from microshort.admin.models import Report
from microshort.admin.report_queue import PAGE_SIZE
from microshort.admin.reports import report_comment
from microshort.db import make_engine
from microshort.demo import catalogue
from microshort.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from microshort.realtime.models import Comment
from microshort.users.models import User
from tests.e2e.conftest import RunningApp

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[2]  # not the comments or paywall tests' series
BODY = "Paging check"
OPEN_ON_PAGE_TWO = 2


def _user_id(session: Session, email: str) -> int:
    return session.exec(select(User.id).where(User.email == email)).one() or 0


@pytest.fixture
def seeded(running_app: RunningApp) -> Iterator[list[str]]:
    """Enough open reports for exactly two on page two, the last two made; removed after, so
    the other e2e tests find the table as they left it. Yields the reported comments' bodies."""
    engine = make_engine(running_app.database_url)
    episode = running_app.episode_ids(SERIES.slug)[0]
    with Session(engine) as session:
        already = len(session.exec(select(Report.id).where(Report.status == "open")).all())
        wanted = PAGE_SIZE + OPEN_ON_PAGE_TWO - already
        assert wanted > OPEN_ON_PAGE_TWO, f"{already} open reports already"
        author = _user_id(session, f"viewer31@{DEMO_DOMAIN}")
        reporter = _user_id(session, f"viewer32@{DEMO_DOMAIN}")
        bodies = [f"{BODY} {n:02d}" for n in range(wanted)]
        for body in bodies:
            comment = Comment(episode_id=episode, user_id=author, body=body, timestamp_ms=0)
            session.add(comment)
            session.flush()
            report_comment(session, user_id=reporter, comment_id=comment.id or 0, reason="paging")
        session.commit()
    try:
        yield bodies
    finally:
        with Session(engine) as session:
            for comment in session.exec(
                select(Comment).where(col(Comment.body).startswith(BODY))
            ).all():
                session.delete(comment)  # its reports go with it
            session.commit()
        engine.dispose()


def _log_in(page: Page, base: str, next_path: str) -> None:
    page.goto(f"{base}/login?next={next_path}")
    page.get_by_label("Email").fill(f"admin@{DEMO_DOMAIN}")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"), timeout=30_000)


def _resolve(page: Page, body: str, button: str, note: str, message: str) -> None:
    row = page.locator(".report-row").filter(has_text=body)
    row.get_by_label("Reason for the audit log").fill(note)
    row.get_by_role("button", name=button).click()
    expect(page.get_by_text(message)).to_be_visible(timeout=30_000)
    expect(page.locator(".report-row").filter(has_text=body)).to_have_count(0)


def test_admin_pages_through_reports_and_finds_the_resolved_ones(
    running_app: RunningApp, browser: Browser, seeded: list[str]
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in(page, running_app.base_url, "/admin/reports")
    total = page.locator(".report-total")
    expect(total).to_have_text(f"{PAGE_SIZE + 2} open reports", timeout=30_000)
    expect(page.locator(".report-row")).to_have_count(PAGE_SIZE)
    expect(page.locator(".page-label")).to_have_text("Page 1 of 2")

    page.get_by_role("button", name="Next", exact=True).click()
    expect(page.locator(".page-label")).to_have_text("Page 2 of 2", timeout=30_000)
    rows = page.locator(".report-row")
    expect(rows).to_have_count(OPEN_ON_PAGE_TWO)
    second_last, last = seeded[-2], seeded[-1]
    expect(rows.nth(0)).to_contain_text(second_last)  # oldest first
    expect(rows.nth(1)).to_contain_text(last)

    _resolve(page, second_last, "Dismiss", "not spam", "Report dismissed; the comment stays.")
    expect(total).to_have_text(f"{PAGE_SIZE + 1} open reports")
    expect(page.locator(".page-label")).to_have_text("Page 2 of 2")
    expect(rows).to_have_count(1)
    _resolve(page, last, "Hide comment", "spam", "Comment hidden; the report is resolved.")
    # Page two emptied: the table is back on page one, which is all there is now.
    expect(total).to_have_text(f"{PAGE_SIZE} open reports")
    expect(rows).to_have_count(PAGE_SIZE)
    expect(page.get_by_role("button", name="Next", exact=True)).to_have_count(0)

    page.get_by_role("radio", name="Resolved").click()
    resolved = page.locator(".resolved-row")
    expect(total).to_have_text(re.compile(r"^\d+ resolved reports?$"), timeout=30_000)
    expect(resolved.nth(0)).to_contain_text(last)  # newest decision first
    expect(resolved.nth(0).locator(".decision")).to_have_text("hidden")
    expect(resolved.nth(0)).to_contain_text("MicroShort Team")
    expect(resolved.nth(0).locator(".decision-note")).to_have_text("spam")
    expect(resolved.nth(1)).to_contain_text(second_last)
    expect(resolved.nth(1).locator(".decision")).to_have_text("dismissed")
    expect(resolved.nth(1).locator(".decision-note")).to_have_text("not spam")
    with psycopg.connect(running_app.database_url) as conn:
        statuses = conn.execute(
            "SELECT r.status FROM reports r JOIN comments c ON c.id = r.comment_id "
            "WHERE c.body = ANY(%s) ORDER BY c.body",
            ([second_last, last],),
        ).fetchall()
    assert statuses == [("dismissed",), ("resolved",)]
    context.close()
