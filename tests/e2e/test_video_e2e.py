"""A creator uploads a real clip in the browser, watches it process and publishes it; a
visitor plays it in the vertical player."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlmodel import Session, col, select

from microshort.content.models import Episode
from microshort.db import make_engine
from microshort.integrations.video.formats import NOT_ACCEPTED
from microshort.users.models import User
from microshort.users.passwords import hash_password
from tests.e2e.conftest import RunningApp
from tests.e2e.player_probe import read_player, wait_until_playing
from tests.factories import make_creator, make_series
from tests.media import make_clip

pytestmark = pytest.mark.e2e
PASSWORD = "a creator passphrase"
PROCESSING_TIMEOUT_MS = 240_000  # the demo clips may be ahead in the queue on a cold cache


def _creator_with_a_draft_episode(app: RunningApp) -> tuple[str, int]:
    engine = make_engine(app.database_url)
    with Session(engine) as session:
        creator = make_creator(session, "Vera Studio")
        user = session.get_one(User, creator.user_id)
        user.password_hash = hash_password(PASSWORD)
        session.add(user)
        make_series(
            session, creator, title="The Upload Test", episodes=(1,), episode_status="draft"
        )
        episode = session.exec(
            select(Episode).where(Episode.title == "Ep 1").order_by(col(Episode.id).desc())
        ).first()
        assert episode is not None
        session.commit()
        result = user.email, episode.id or 0
    engine.dispose()
    return result


def test_upload_process_publish_play(
    running_app: RunningApp, browser: Browser, tmp_path: Path
) -> None:
    base = running_app.base_url
    email, episode_id = _creator_with_a_draft_episode(running_app)
    creator = browser.new_context(viewport={"width": 1280, "height": 900})
    page = creator.new_page()
    page.goto(f"{base}/login?next=/studio")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your studio")).to_be_visible(timeout=30_000)
    page.locator(".studio-episode", has_text="The Upload Test").get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/studio/episodes/{episode_id}"))

    picker = page.get_by_test_id("video-file")
    fake = tmp_path / "notes.mp4"
    fake.write_text("these are my notes, not a video")
    picker.set_input_files(fake)
    # Refused by its first bytes (the container allow-list), before any probe runs.
    expect(page.get_by_text(NOT_ACCEPTED)).to_be_visible(timeout=30_000)

    picker.set_input_files(make_clip(tmp_path / "episode.mp4", seconds=20))
    expect(page.locator(".upload-progress")).to_contain_text("Uploading 100 %", timeout=60_000)
    expect(page.locator(".processing-progress")).to_be_visible(timeout=PROCESSING_TIMEOUT_MS)
    expect(page.locator(".status")).to_have_text("Ready", timeout=PROCESSING_TIMEOUT_MS)
    page.get_by_role("button", name="Publish episode").click()
    expect(page.locator(".status")).to_have_text("Published", timeout=30_000)
    creator.close()

    viewer = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    watch = viewer.new_page()
    watch.goto(f"{base}/watch/{episode_id}")
    played = wait_until_playing(watch, min_seconds=1.5)
    assert played["currentTime"] >= 1.5
    assert (played["videoWidth"], played["videoHeight"]) in {(720, 1280), (480, 854)}
    assert read_player(watch)["error"] is None
    viewer.close()
