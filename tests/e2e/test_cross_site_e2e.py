"""The real app refuses another site's page: Reflex's event socket and CORS answer only our own
origin (a page on another port of the same host is another origin, though "same site")."""

from __future__ import annotations

import asyncio
import re
import urllib.request

import pytest
import websockets
from playwright.sync_api import Browser, expect
from websockets.exceptions import InvalidStatus

from tests.e2e.conftest import RunningApp, run_coroutine

OTHER_PORT_PAGE = "http://127.0.0.1:1"


def _event_socket_url(app: RunningApp) -> str:
    return app.base_url.replace("http://", "ws://") + "/_event/?EIO=4&transport=websocket"


async def _open_event_socket(app: RunningApp, origin: str) -> str:
    async with websockets.connect(_event_socket_url(app), origin=origin) as socket:  # type: ignore[arg-type]
        return str(await asyncio.wait_for(socket.recv(), 10))


def test_the_event_socket_refuses_other_origins(running_app: RunningApp) -> None:
    with pytest.raises(InvalidStatus) as refused:
        run_coroutine(_open_event_socket(running_app, OTHER_PORT_PAGE))
    assert refused.value.response.status_code in (400, 403)
    # Our own page's origin, under either loopback name, still opens it (Engine.IO "open").
    assert run_coroutine(_open_event_socket(running_app, running_app.base_url)).startswith("0{")
    localhost = running_app.base_url.replace("127.0.0.1", "localhost")
    assert run_coroutine(_open_event_socket(running_app, localhost)).startswith("0{")


def _cors_origin(app: RunningApp, origin: str) -> str | None:
    url = f"{app.base_url}/api/health"
    request = urllib.request.Request(url, headers={"Origin": origin})  # noqa: S310 (our URL)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our URL)
        return response.headers.get("access-control-allow-origin")


def test_cors_never_lets_another_origin_read_with_credentials(running_app: RunningApp) -> None:
    assert _cors_origin(running_app, "https://evil.example") is None
    assert _cors_origin(running_app, OTHER_PORT_PAGE) is None
    assert _cors_origin(running_app, running_app.base_url) == running_app.base_url


def test_log_in_and_both_log_out_buttons_work_and_a_link_cannot_log_out(
    running_app: RunningApp, browser: Browser
) -> None:
    base = running_app.base_url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    menu = page.get_by_role("button", name="Your account menu")
    for log_out in ("account page", "menu"):
        page.goto(f"{base}/login?next=/account")
        page.get_by_label("Email").fill("viewer7@demo.microshort.test")
        page.get_by_label("Password").fill("microshort-demo")
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(re.compile(r"/account/?$"), timeout=30_000)
        expect(menu).to_be_visible(timeout=30_000)
        # The hand-off's nonce cookie was used once and is gone.
        assert "ms_login_nonce" not in {cookie["name"] for cookie in context.cookies()}
        # What a cross-site link or <img> would do: the session survives it.
        page.goto(f"{base}/api/auth/signout")
        page.goto(f"{base}/account")
        expect(menu).to_be_visible(timeout=30_000)
        if log_out == "menu":
            menu.click()
            page.get_by_role("menuitem", name="Log out").click()
        else:
            page.get_by_role("button", name="Log out", exact=True).click()
        expect(page.get_by_role("link", name="Log in")).to_be_visible(timeout=30_000)
        assert "ms_session" not in {cookie["name"] for cookie in context.cookies()}
    context.close()
