"""A viewer signs up, logs out and in, applies as a creator; an admin approves; the creator
opens the studio. All in Chromium against the running app."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import psycopg
import pytest
from PIL import Image
from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.e2e.conftest import RunningApp

pytestmark = pytest.mark.e2e
PASSWORD = "a long enough passphrase"
ADMIN_EMAIL = "chief@example.com"


def _create_admin(app: RunningApp) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "microshort.users", "create-admin", ADMIN_EMAIL, "--password-stdin"],
        input=PASSWORD + "\n",
        text=True,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "DATABASE_URL": app.database_url},
    )
    assert done.returncode == 0, done.stderr


def _file(data: bytes) -> FilePayload:
    return {"name": "me.png", "mimeType": "image/png", "buffer": data}


def _png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (30, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _log_in(page: Page, base: str, email: str, password: str, next_path: str = "") -> None:
    page.goto(f"{base}/login" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def _open_menu(page: Page) -> None:
    page.get_by_role("button", name="Your account menu").click()


def test_sign_up_apply_approve_studio(running_app: RunningApp, browser: Browser) -> None:
    base = running_app.base_url
    viewer = browser.new_context(viewport={"width": 390, "height": 844})
    page = viewer.new_page()

    # Anonymous visitors are sent to log in, and come back after.
    page.goto(f"{base}/account")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Faccount"), timeout=30_000)

    page.goto(f"{base}/signup")
    page.get_by_label("Your name").fill("Rosa Lind")
    page.get_by_label("Email").fill("rosa@example.com")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Use at least 10 characters")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("button", name="Your account menu")).to_be_visible(timeout=30_000)
    session_cookie = next(c for c in viewer.cookies() if c["name"] == "ms_session")
    assert session_cookie["httpOnly"]
    assert page.evaluate("document.cookie").find("ms_session") == -1  # scripts cannot read it
    # The anonymous id the visitor browsed with now belongs to the account.
    visitor = next(c for c in viewer.cookies() if c["name"] == "ms_anon")
    assert visitor["httpOnly"]  # signed, set by the server, never by scripts
    anonymous_id = visitor["value"].split(".")[0]
    with psycopg.connect(running_app.database_url) as conn:
        row = conn.execute("SELECT anonymous_id FROM users WHERE email = 'rosa@example.com'")
        assert row.fetchone() == (anonymous_id,)

    _open_menu(page)
    page.get_by_role("menuitem", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible(timeout=30_000)

    _log_in(page, base, "rosa@example.com", "not the password")
    expect(page.get_by_text("Wrong email or password.")).to_be_visible(timeout=30_000)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Your account menu")).to_be_visible(timeout=30_000)

    page.goto(f"{base}/studio")
    expect(page.get_by_text("This is only for creators.")).to_be_visible(timeout=30_000)

    page.goto(f"{base}/account")
    upload = page.locator("#avatar input[type=file]")
    upload.set_input_files(files=[_file(b"plain text, not a picture")])
    expect(page.get_by_text("That file is not a picture we can read.")).to_be_visible(
        timeout=30_000
    )
    upload.set_input_files(files=[_file(_png_bytes())])
    expect(page.get_by_text("New picture saved.")).to_be_visible(timeout=30_000)
    expect(page.locator("img[src*='/media/public/avatars/']").first).to_be_visible()

    page.goto(f"{base}/become-creator")
    page.get_by_label("Creator name").fill("Rosa Lind Films")
    page.get_by_label("Your page address").fill("rosa-lind-films")
    page.get_by_label("About you").fill("Award-winning shorts about families and secrets.")
    page.get_by_label("Links (one per line)").fill("https://vimeo.com/rosalind")
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Your application is with our team")).to_be_visible(timeout=30_000)

    _create_admin(running_app)
    admin = browser.new_context(viewport={"width": 1280, "height": 900})
    admin_page = admin.new_page()
    _log_in(admin_page, base, ADMIN_EMAIL, PASSWORD, next_path="/admin")
    application = admin_page.locator(".application-item", has_text="Rosa Lind Films")
    expect(application).to_be_visible(timeout=30_000)
    application.get_by_role("button", name="Approve").click()
    expect(admin_page.get_by_text("Approved: the creator was told.")).to_be_visible()
    admin_page.goto(f"{base}/admin/outbox")
    expect(
        admin_page.locator(".outbox-item", has_text="Your MicroShort studio is ready")
    ).to_be_visible(timeout=30_000)
    admin.close()

    page.goto(f"{base}/studio")
    expect(page.get_by_role("heading", name="Your studio")).to_be_visible(timeout=30_000)
    page.goto(f"{base}/account")
    expect(page.locator(".notice-item", has_text="You are a MicroShort creator")).to_be_visible(
        timeout=30_000
    )
    viewer.close()


def test_repeated_failed_log_ins_are_slowed_down(running_app: RunningApp, desktop: Page) -> None:
    for _ in range(10):
        _log_in(desktop, running_app.base_url, "target@example.com", "guessing wrongly")
        expect(desktop.get_by_text("Wrong email or password.")).to_be_visible(timeout=30_000)
    _log_in(desktop, running_app.base_url, "target@example.com", "guessing wrongly")
    expect(
        desktop.get_by_text(re.compile(r"Too many log-in attempts\. Try again in \d+ minutes\."))
    ).to_be_visible(timeout=30_000)
