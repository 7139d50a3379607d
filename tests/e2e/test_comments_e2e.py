"""Timestamped comments in Chromium: a viewer comments while watching, another viewer sees it
arrive live, and it survives a reload with its "at m:ss"; anonymous viewers read but cannot
post; posting too fast answers with the rate-limit message; a reported comment lands in the
admin's moderation table; a like shows at once, survives a reload, and rolls back on an error."""

from __future__ import annotations

import re
import time

import psycopg
import pytest
from playwright.sync_api import Browser, Page, expect

from microshort.demo import catalogue
from microshort.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from tests.e2e.conftest import RunningApp
from tests.e2e.player_probe import VIDEO, wait_until_playing

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[1]  # another series than the paywall test's


def _comment(app: RunningApp, body: str) -> tuple[int, int, str]:
    """(id, timestamp_ms, status) of the comment with this body."""
    with psycopg.connect(app.database_url) as conn:
        row = conn.execute(
            "SELECT id, timestamp_ms, status FROM comments WHERE body = %s", (body,)
        ).fetchone()
    assert row is not None, f"no comment {body!r}"
    return int(row[0]), int(row[1]), str(row[2])


def _log_in(page: Page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/login?next={next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"), timeout=30_000)


def _post(page: Page, body: str) -> None:
    page.get_by_test_id("comment-input").fill(body)
    page.get_by_test_id("comment-submit").click()


def _label(ms: int) -> str:
    return f"at {ms // 60_000}:{ms // 1000 % 60:02d}"


def test_comment_while_watching_survives_a_reload(
    running_app: RunningApp, browser: Browser
) -> None:
    base, episode = running_app.base_url, running_app.episode_ids(SERIES.slug)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Someone else is watching the same episode (anonymously, desktop layout).
    other_context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = other_context.new_page()
    other.goto(f"{base}/watch/{episode}")
    expect(other.locator('[data-testid="live-room"]')).to_have_attribute(
        "data-status", "live", timeout=120_000
    )
    _log_in(page, base, f"viewer41@{DEMO_DOMAIN}", f"/watch/{episode}")
    wait_until_playing(page, min_seconds=2.0, timeout_ms=120_000)

    body = "The <b>look</b> she gives him here!"
    page.get_by_test_id("comment-input").fill(body)
    expect(page.get_by_text(f"{len(body)}/500")).to_be_visible()
    page.get_by_test_id("comment-submit").click()
    mine = page.get_by_test_id("comment-item").filter(has_text=body)
    expect(mine).to_be_visible(timeout=30_000)
    _, moment_ms, status = _comment(running_app, body)
    assert status == "visible"
    assert moment_ms >= 2000  # the player's position when posting
    expect(mine.get_by_test_id("comment-time")).to_have_text(_label(moment_ms))
    expect(page.get_by_test_id("comment-input")).to_have_value("")
    # The other viewer gets it live, without reloading, with its moment.
    theirs = other.get_by_test_id("comment-item").filter(has_text=body)
    expect(theirs).to_be_visible(timeout=5_000)
    expect(theirs.get_by_test_id("comment-time")).to_have_text(_label(moment_ms))
    other_context.close()

    page.reload()
    mine = page.get_by_test_id("comment-item").filter(has_text=body)
    expect(mine).to_be_visible(timeout=60_000)
    expect(mine.get_by_test_id("comment-time")).to_have_text(_label(moment_ms))
    assert mine.locator("b").count() == 0  # shown as text, never as markup
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)

    # Tapping the moment seeks the player there.
    mine.get_by_test_id("comment-time").click()
    page.wait_for_function(
        f"Math.abs(document.querySelector('{VIDEO}').currentTime - {moment_ms / 1000}) < 1.5",
        timeout=10_000,
    )
    context.close()


def test_anonymous_viewer_reads_but_cannot_post(running_app: RunningApp, browser: Browser) -> None:
    base, episode = running_app.base_url, running_app.episode_ids(SERIES.slug)[0]
    body = "Anonymous readers can see this one"
    writer = browser.new_context(viewport={"width": 1280, "height": 900})
    page = writer.new_page()
    _log_in(page, base, f"viewer42@{DEMO_DOMAIN}", f"/watch/{episode}")
    _post(page, body)
    expect(page.get_by_test_id("comment-item").filter(has_text=body)).to_be_visible(timeout=30_000)
    writer.close()

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    page.goto(f"{base}/watch/{episode}")
    wait_until_playing(page, min_seconds=0.2, timeout_ms=120_000)
    panel = page.get_by_test_id("comments-panel")
    expect(panel).to_be_hidden()
    page.get_by_role("button", name="Comments", exact=True).click()
    expect(panel).to_be_visible(timeout=10_000)
    expect(panel.get_by_test_id("comment-item").filter(has_text=body)).to_be_visible()
    expect(panel.get_by_test_id("comment-input")).to_have_count(0)
    signin = panel.get_by_role("link", name="Sign in to comment")
    expect(signin).to_have_attribute("href", f"/login?next=%2Fwatch%2F{episode}")
    # The sheet leaves the top of the video in view.
    sheet_top = panel.bounding_box()["y"]  # type: ignore[index]
    video_top = page.locator(VIDEO).bounding_box()["y"]  # type: ignore[index]
    assert sheet_top > video_top + 200
    phone.close()


def test_posting_too_fast_shows_the_rate_limit(running_app: RunningApp, browser: Browser) -> None:
    base, episode = running_app.base_url, running_app.episode_ids(SERIES.slug)[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in(page, base, f"viewer43@{DEMO_DOMAIN}", f"/watch/{episode}")
    for n in range(5):
        _post(page, f"quick comment {n}")
        expect(
            page.get_by_test_id("comment-item").filter(has_text=f"quick comment {n}")
        ).to_be_visible(timeout=30_000)
    _post(page, "one too many")
    expect(page.get_by_test_id("comment-error")).to_have_text(
        re.compile(r"Too many comments\. Try again in \d+ seconds\."), timeout=30_000
    )
    expect(page.get_by_test_id("comment-input")).to_have_value("one too many")  # kept to retry
    context.close()


def test_reported_comment_reaches_the_moderation_table(
    running_app: RunningApp, browser: Browser
) -> None:
    base, episode = running_app.base_url, running_app.episode_ids(SERIES.slug)[0]
    body = "Buy followers at example dot com"
    author = browser.new_context(viewport={"width": 1280, "height": 900})
    page = author.new_page()
    _log_in(page, base, f"viewer44@{DEMO_DOMAIN}", f"/watch/{episode}")
    _post(page, body)
    expect(page.get_by_test_id("comment-item").filter(has_text=body)).to_be_visible(timeout=30_000)
    author.close()

    reporter = browser.new_context(viewport={"width": 1280, "height": 900})
    page = reporter.new_page()
    _log_in(page, base, f"viewer40@{DEMO_DOMAIN}", f"/watch/{episode}")
    item = page.get_by_test_id("comment-item").filter(has_text=body)
    item.get_by_role("button", name="More actions").click()
    page.get_by_role("menuitem", name="Report").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Details").fill("spam link")
    dialog.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thanks: an admin will review this comment.")).to_be_visible(
        timeout=30_000
    )
    comment_id, _, _ = _comment(running_app, body)
    reporter.close()

    admin = browser.new_context(viewport={"width": 1280, "height": 900})
    page = admin.new_page()
    _log_in(page, base, f"admin@{DEMO_DOMAIN}", "/admin/reports")
    row = page.locator(".report-row").filter(has_text=body)
    expect(row).to_be_visible(timeout=30_000)
    expect(row).to_contain_text("Spam: spam link")
    expect(row).to_contain_text(SERIES.title)
    row.get_by_label("Reason for the audit log").fill("advertising")
    row.get_by_role("button", name="Hide comment").click()
    expect(page.get_by_text("Comment hidden; the report is resolved.")).to_be_visible(
        timeout=30_000
    )
    expect(page.locator(".report-row").filter(has_text=body)).to_have_count(0)
    with psycopg.connect(running_app.database_url) as conn:
        status = conn.execute("SELECT status FROM comments WHERE id = %s", (comment_id,)).fetchone()
        audit = conn.execute(
            "SELECT action, reason FROM audit_log WHERE target_type = 'comment' AND target_id = %s",
            (comment_id,),
        ).fetchone()
    assert status == ("removed",)
    assert audit == ("comment.remove", "advertising")
    admin.close()


def _add_comment(app: RunningApp, episode: int, author_email: str, body: str) -> int:
    """A comment at the very start of the episode (first when sorted by moment)."""
    with psycopg.connect(app.database_url) as conn:
        row = conn.execute(
            "INSERT INTO comments (episode_id, user_id, body, timestamp_ms, status, pinned,"
            " created_at) SELECT %s, id, %s, 0, 'visible', false, now() FROM users"
            " WHERE email = %s RETURNING id",
            (episode, body, author_email),
        ).fetchone()
    assert row is not None
    return int(row[0])


def _likes_in_database(app: RunningApp, comment_id: int) -> tuple[int, int]:
    """(comments.like_count, rows in comment_likes) as committed."""
    with psycopg.connect(app.database_url) as conn:
        row = conn.execute(
            "SELECT like_count, (SELECT count(*) FROM comment_likes WHERE comment_id = c.id)"
            " FROM comments c WHERE id = %s",
            (comment_id,),
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def _wait_for_likes(app: RunningApp, comment_id: int, likes: int) -> None:
    deadline = time.monotonic() + 30
    while _likes_in_database(app, comment_id) != (likes, likes):
        assert time.monotonic() < deadline, _likes_in_database(app, comment_id)
        time.sleep(0.2)


def test_like_shows_at_once_and_survives_a_reload(
    running_app: RunningApp, browser: Browser
) -> None:
    base, episode = running_app.base_url, running_app.episode_ids(SERIES.slug)[0]
    body = "Nobody saw that twist coming"
    comment_id = _add_comment(running_app, episode, f"viewer38@{DEMO_DOMAIN}", body)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in(page, base, f"viewer39@{DEMO_DOMAIN}", f"/watch/{episode}")
    like = page.get_by_test_id("comment-item").filter(has_text=body).get_by_test_id("comment-like")
    expect(like).to_have_attribute("aria-pressed", "false", timeout=30_000)
    expect(like).to_have_text("0")

    # The database holds the comment's row while the viewer taps: the heart fills anyway.
    with psycopg.connect(running_app.database_url) as blocker:
        blocker.execute("SELECT 1 FROM comments WHERE id = %s FOR UPDATE", (comment_id,))
        like.click()
        expect(like).to_have_attribute("aria-pressed", "true", timeout=5_000)
        expect(like).to_have_text("1")
        expect(like).to_have_accessible_name("Unlike")
        assert _likes_in_database(running_app, comment_id) == (0, 0)  # not saved yet
    _wait_for_likes(running_app, comment_id, 1)

    page.reload()
    like = page.get_by_test_id("comment-item").filter(has_text=body).get_by_test_id("comment-like")
    expect(like).to_have_attribute("aria-pressed", "true", timeout=60_000)
    expect(like).to_have_text("1")

    # Anonymous viewers see the count; tapping it goes to sign-in and back.
    anonymous = browser.new_context(viewport={"width": 1280, "height": 900})
    stranger = anonymous.new_page()
    stranger.goto(f"{base}/watch/{episode}")
    theirs = stranger.get_by_test_id("comment-item").filter(has_text=body)
    expect(theirs.get_by_test_id("comment-like")).to_have_text("1", timeout=60_000)
    theirs.get_by_test_id("comment-like").click()
    expect(stranger).to_have_url(f"{base}/login?next=%2Fwatch%2F{episode}", timeout=30_000)
    anonymous.close()

    like.click()  # unlike
    expect(like).to_have_attribute("aria-pressed", "false", timeout=5_000)
    expect(like).to_have_text("0")
    _wait_for_likes(running_app, comment_id, 0)

    # The creator hides the comment meanwhile: the like is undone and the page says why.
    with psycopg.connect(running_app.database_url) as conn:
        conn.execute("UPDATE comments SET status = 'hidden' WHERE id = %s", (comment_id,))
    like.click()
    expect(page.get_by_test_id("comment-error")).to_have_text(
        "This comment is gone.", timeout=30_000
    )
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like).to_have_text("0")
    assert _likes_in_database(running_app, comment_id) == (0, 0)
    context.close()
