"""A visitor finds a demo series by searching with a typo, logs in to follow it, and finds it
in the Library; genre badges open genre pages. Chromium against the running app."""

from __future__ import annotations

import re

import psycopg
import pytest
from playwright.sync_api import Page, expect

from microshort.demo import catalogue
from microshort.demo.people import DEMO_DOMAIN, DEMO_PASSWORD
from tests.e2e.conftest import RunningApp

pytestmark = pytest.mark.e2e
LIGHTHOUSE = next(s for s in catalogue.SERIES if s.slug == "the-lighthouse-keepers-secret")
VIEWER = f"viewer1@{DEMO_DOMAIN}"


def test_search_with_a_typo_follow_after_login_then_library(
    running_app: RunningApp, phone: Page
) -> None:
    base = running_app.base_url
    phone.goto(base + "/")
    expect(phone.get_by_role("heading", name="New releases")).to_be_visible(timeout=30_000)
    phone.get_by_role("link", name="Search series").click()
    expect(phone).to_have_url(re.compile(r"/search$"))

    box = phone.get_by_role("searchbox", name="Search series")
    box.fill("zzqxv wqpt")
    expect(phone.get_by_text("No series match")).to_be_visible(timeout=15_000)
    box.fill("lighthose keeper")  # sic: typed with a typo
    card = phone.locator("a.series-card", has_text=LIGHTHOUSE.title)
    expect(card).to_be_visible(timeout=15_000)
    expect(phone).to_have_url(re.compile(r"/search\?q=lighthose%20keeper$"))
    card.click()

    series_path = f"/series/{LIGHTHOUSE.slug}"
    expect(phone).to_have_url(re.compile(rf"{series_path}$"))
    expect(phone.get_by_role("heading", name=LIGHTHOUSE.title, level=1)).to_be_visible()
    follow = phone.locator(".follow-button")
    expect(follow).to_have_text("Follow", timeout=15_000)
    follow.click()  # anonymous: sent to log in, and back here afterwards
    expect(phone).to_have_url(re.compile(r"/login\?next=%2Fseries%2F"), timeout=15_000)
    phone.get_by_label("Email").fill(VIEWER)
    phone.get_by_label("Password").fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    expect(phone).to_have_url(re.compile(rf"{series_path}$"), timeout=30_000)
    expect(phone.get_by_role("button", name="Your account menu")).to_be_visible(timeout=15_000)

    follow = phone.locator(".follow-button")
    expect(follow).to_have_text(re.compile(r"^Follow(ing)?$"), timeout=15_000)
    if follow.inner_text().strip() == "Following":  # the demo may already follow it
        follow.click()
        expect(follow).to_have_text("Follow", timeout=15_000)
    follow.click()
    expect(follow).to_have_text("Following", timeout=15_000)
    phone.reload()  # stored, not only shown
    expect(phone.locator(".follow-button")).to_have_text("Following", timeout=30_000)

    phone.goto(base + "/library")
    expect(phone.get_by_role("heading", name="Your library")).to_be_visible(timeout=30_000)
    following = phone.locator("#following")
    expect(following.locator("a.series-card", has_text=LIGHTHOUSE.title)).to_be_visible()
    # The series this viewer bought (the demo gives them one), and a link to every receipt.
    bought = _owned_titles(running_app, VIEWER)
    assert bought, "the demo viewer owns a season"
    purchased = phone.locator("#purchased")
    for title in bought:
        expect(purchased.locator("a.series-card", has_text=title)).to_be_visible()
    expect(purchased.locator("a.series-card")).to_have_count(len(bought))
    expect(purchased.get_by_role("link", name="All purchases & receipts")).to_have_attribute(
        "href", "/purchases"
    )


def _owned_titles(app: RunningApp, email: str) -> list[str]:
    with psycopg.connect(app.database_url) as conn:
        rows = conn.execute(
            "SELECT DISTINCT s.title FROM transactions t"
            " JOIN users u ON u.id = t.user_id"
            " JOIN entitlements e ON e.source_transaction_id = t.id AND e.revoked_at IS NULL"
            " JOIN series s ON s.id = t.series_id"
            " WHERE u.email = %s AND t.kind = 'purchase'",
            (email,),
        ).fetchall()
    return [row[0] for row in rows]


def test_genre_badge_opens_the_genre_page(running_app: RunningApp, desktop: Page) -> None:
    desktop.goto(f"{running_app.base_url}/series/{LIGHTHOUSE.slug}")
    expect(desktop.get_by_role("heading", name=LIGHTHOUSE.title, level=1)).to_be_visible(
        timeout=30_000
    )
    desktop.get_by_role("link", name=f"{LIGHTHOUSE.genre} series").first.click()
    expect(desktop).to_have_url(re.compile(rf"/genres/{LIGHTHOUSE.genre.lower()}$"))
    expect(desktop.get_by_role("heading", name=LIGHTHOUSE.genre, level=1)).to_be_visible(
        timeout=30_000
    )
    same_genre = [s.title for s in catalogue.SERIES if s.genre == LIGHTHOUSE.genre]
    for title in same_genre:
        expect(desktop.locator("a.series-card", has_text=title)).to_be_visible()


def test_library_asks_visitors_to_log_in(running_app: RunningApp, desktop: Page) -> None:
    desktop.goto(f"{running_app.base_url}/library")
    expect(desktop).to_have_url(re.compile(r"/login\?next=%2Flibrary"), timeout=30_000)
