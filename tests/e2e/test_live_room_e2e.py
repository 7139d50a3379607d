"""Live rooms in Chromium: a reaction by one viewer floats on another's screen within a second,
on one worker and across two worker processes behind Redis; presence counts; past reactions
replay."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, WebSocketRoute, expect

from microshort.demo import catalogue
from tests.e2e.conftest import RunningApp, start_app
from tests.e2e.player_probe import wait_until_playing

pytestmark = pytest.mark.e2e
SERIES = catalogue.SERIES[1]
ROOM = '[data-testid="live-room"]'

# Runs in the watching page: remember when the first live 🔥 from someone else appears.
_WATCH_FOR_FIRE = """() => {
  window.__fireSeenAt = 0;
  new MutationObserver(() => {
    const hit = [...document.querySelectorAll('.lr-float[data-source="live"]')]
      .some((el) => el.textContent.includes('🔥'));
    if (hit && !window.__fireSeenAt) window.__fireSeenAt = Date.now();
  }).observe(document.body, { childList: true, subtree: true });
}"""

# Runs in the reacting page: open the tray, then send 🔥 and return when it was sent.
_SEND_FIRE = """() => {
  const button = document.querySelector('[aria-label="React with 🔥"]');
  const sentAt = Date.now();
  button.click();
  return sentAt;
}"""


def _reactions(app: RunningApp, episode_id: int) -> list[tuple[str, int]]:
    with psycopg.connect(app.database_url) as conn:
        rows = conn.execute(
            "SELECT emoji, timestamp_ms FROM reactions WHERE episode_id = %s ORDER BY id",
            (episode_id,),
        ).fetchall()
    return [(str(emoji), int(t)) for emoji, t in rows]


def _clear_reactions(app: RunningApp, episode_id: int) -> None:
    """Start from a silent episode (the demo has reactions), so what replays is ours."""
    with psycopg.connect(app.database_url) as conn:
        conn.execute("DELETE FROM reactions WHERE episode_id = %s", (episode_id,))


@pytest.fixture
def viewers(browser: Browser) -> Iterator[Callable[[], Page]]:
    """New phone-sized viewers, each in its own browser context (its own anonymous id)."""
    contexts: list[BrowserContext] = []

    def open_viewer() -> Page:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
        contexts.append(context)
        return context.new_page()

    yield open_viewer
    for context in contexts:
        context.close()


def _watch(page: Page, base: str, episode_id: int) -> str:
    """Open the episode, wait until it plays and the room says hello; the serving worker's id."""
    page.goto(f"{base}/watch/{episode_id}")
    wait_until_playing(page, min_seconds=0.3, timeout_ms=120_000)
    room = page.locator(ROOM)
    expect(room).to_have_attribute("data-status", "live", timeout=15_000)
    return room.get_attribute("data-worker") or ""


def _react_and_measure(sender: Page, receiver: Page) -> int:
    """Milliseconds from the sender's tap to the reaction floating on the receiver's screen."""
    receiver.evaluate(_WATCH_FOR_FIRE)
    sender.get_by_test_id("reaction-button").click()
    expect(sender.get_by_test_id("reaction-tray")).to_be_visible()
    sent_at = int(sender.evaluate(_SEND_FIRE))
    receiver.wait_for_function("() => window.__fireSeenAt > 0", timeout=5_000)
    return int(receiver.evaluate("() => window.__fireSeenAt")) - sent_at


def test_a_reaction_reaches_another_viewer_within_a_second_and_replays_later(
    running_app: RunningApp, viewers: Callable[[], Page]
) -> None:
    base, episode_id = running_app.base_url, running_app.episode_ids(SERIES.slug)[0]
    _clear_reactions(running_app, episode_id)
    alice, bob = viewers(), viewers()
    _watch(alice, base, episode_id)
    _watch(bob, base, episode_id)
    for page in (alice, bob):
        expect(page.get_by_test_id("presence")).to_have_text("2 watching", timeout=5_000)

    assert _react_and_measure(alice, bob) < 1_000
    # Alice sees her own reaction once (at once, as hers), never again as the room's echo.
    alice.wait_for_timeout(500)
    assert alice.locator('.lr-float[data-source="live"]').count() == 0
    saved = _reactions(running_app, episode_id)
    assert [emoji for emoji, _ in saved] == ["🔥"]

    # Bob leaves: Alice's count drops.
    bob.context.close()
    expect(alice.get_by_test_id("presence")).to_have_text("1 watching", timeout=5_000)

    # A later viewer sees the reaction replayed at its moment, and the heat strip shows it.
    carol = viewers()
    carol.goto(f"{base}/watch/{episode_id}")
    expect(carol.locator(".vp-heat")).to_be_attached(timeout=30_000)
    seconds_in = saved[0][1] / 1000
    carol.wait_for_selector(
        '.lr-float[data-source="replay"]', timeout=int((seconds_in + 15) * 1000)
    )
    assert "🔥" in carol.locator('.lr-float[data-source="replay"]').first.inner_text()


def test_an_error_from_the_room_is_shown_to_the_viewer(
    running_app: RunningApp, viewers: Callable[[], Page]
) -> None:
    """Tapping faster than the limit (10 a second) gets the hub's message on screen."""
    page = viewers()
    _watch(page, running_app.base_url, running_app.episode_ids(SERIES.slug)[0])
    page.get_by_test_id("reaction-button").click()
    expect(page.get_by_test_id("reaction-tray")).to_be_visible()
    page.evaluate(
        """() => { const b = document.querySelector('[aria-label="React with 😮"]');
                   for (let i = 0; i < 14; i++) b.click(); }"""
    )
    expect(page.get_by_test_id("room-notice")).to_contain_text("Too many reactions")


def test_a_refused_ticket_is_renewed_and_the_room_reconnects(
    running_app: RunningApp, viewers: Callable[[], Page]
) -> None:
    """The first socket is refused as if its ticket had expired (4401): the page asks for a new
    ticket and joins with it."""
    page = viewers()
    tickets: list[str] = []

    def first_refused(socket: WebSocketRoute) -> None:
        tickets.append(parse_qs(urlparse(socket.url).query)["ticket"][0])
        if len(tickets) == 1:
            socket.close(code=4401, reason="A valid room ticket for this episode is required.")
        else:
            socket.connect_to_server()

    page.route_web_socket(re.compile(r"/ws/rooms/\d+"), first_refused)
    _watch(page, running_app.base_url, running_app.episode_ids(SERIES.slug)[0])
    assert len(tickets) == 2
    episode, viewer, _, _ = tickets[1].split(".")
    assert tickets[0].split(".")[:2] == [episode, viewer]  # same room, same viewer, new ticket


def test_live_paused_is_shown_while_the_server_has_lost_redis(
    running_app: RunningApp, viewers: Callable[[], Page]
) -> None:
    """The room socket passes through; the test adds the two messages a worker sends when it
    loses Redis and when Redis is back (their server side: tests/integration/test_redis_outage)."""
    page = viewers()
    sockets: list[WebSocketRoute] = []

    def passed_through(socket: WebSocketRoute) -> None:
        socket.connect_to_server()
        sockets.append(socket)

    page.route_web_socket(re.compile(r"/ws/rooms/\d+"), passed_through)
    _watch(page, running_app.base_url, running_app.episode_ids(SERIES.slug)[0])
    sockets[-1].send(json.dumps({"type": "live", "live": False}))
    expect(page.get_by_test_id("live-paused")).to_contain_text("Live paused", timeout=5_000)
    expect(page.get_by_test_id("presence")).to_have_count(0)
    sockets[-1].send(json.dumps([{"type": "live", "live": True}]))
    expect(page.get_by_test_id("presence")).to_contain_text("watching", timeout=5_000)
    expect(page.get_by_test_id("live-paused")).to_have_count(0)


@pytest.fixture(scope="module")
def two_workers(
    make_database: Callable[[], str],
    tmp_path_factory: pytest.TempPathFactory,
    redis_url: str,
) -> Iterator[tuple[RunningApp, RunningApp]]:
    """Two worker processes of one deployment: the same database, Redis, storage and keys (one
    data folder), each on its own port (and so its own frontend build), so a viewer picks the
    worker by address."""
    database_url = make_database()
    data_dir = tmp_path_factory.mktemp("two-workers")

    shared = {"REDIS_URL": redis_url, "MICROSHORT_DATA_DIR": str(data_dir)}
    with (
        start_app(database_url, tmp_path_factory.mktemp("worker-a"), shared) as a,
        start_app(database_url, tmp_path_factory.mktemp("worker-b"), shared) as b,
    ):
        yield a, b


def test_a_reaction_crosses_workers_through_redis(
    two_workers: tuple[RunningApp, RunningApp], viewers: Callable[[], Page]
) -> None:
    worker_a, worker_b = two_workers
    episode_id = worker_a.episode_ids(SERIES.slug)[0]
    alice, bob = viewers(), viewers()
    alice_worker = _watch(alice, worker_a.base_url, episode_id)
    bob_worker = _watch(bob, worker_b.base_url, episode_id)
    assert alice_worker != bob_worker
    for page in (alice, bob):
        expect(page.get_by_test_id("presence")).to_have_text("2 watching", timeout=15_000)
    assert _react_and_measure(alice, bob) < 1_000
    assert _react_and_measure(bob, alice) < 1_000
