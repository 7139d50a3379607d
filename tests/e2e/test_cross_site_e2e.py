"""The real app refuses another site's page: Reflex's event socket and CORS answer only our own
origin (a page on another port of the same host is another origin, though "same site")."""

from __future__ import annotations

import asyncio
import urllib.request

import pytest
import websockets
from websockets.exceptions import InvalidStatus

from tests.e2e.conftest import RunningApp

OTHER_PORT_PAGE = "http://127.0.0.1:1"


def _event_socket_url(app: RunningApp) -> str:
    return app.base_url.replace("http://", "ws://") + "/_event/?EIO=4&transport=websocket"


async def _open_event_socket(app: RunningApp, origin: str) -> str:
    async with websockets.connect(_event_socket_url(app), origin=origin) as socket:  # type: ignore[arg-type]
        return str(await asyncio.wait_for(socket.recv(), 10))


def test_the_event_socket_refuses_other_origins(running_app: RunningApp) -> None:
    with pytest.raises(InvalidStatus) as refused:
        asyncio.run(_open_event_socket(running_app, OTHER_PORT_PAGE))
    assert refused.value.response.status_code in (400, 403)
    # Our own page's origin, under either loopback name, still opens it (Engine.IO "open").
    assert asyncio.run(_open_event_socket(running_app, running_app.base_url)).startswith("0{")
    localhost = running_app.base_url.replace("127.0.0.1", "localhost")
    assert asyncio.run(_open_event_socket(running_app, localhost)).startswith("0{")


def _cors_origin(app: RunningApp, origin: str) -> str | None:
    url = f"{app.base_url}/api/health"
    request = urllib.request.Request(url, headers={"Origin": origin})  # noqa: S310 (our URL)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our URL)
        return response.headers.get("access-control-allow-origin")


def test_cors_never_lets_another_origin_read_with_credentials(running_app: RunningApp) -> None:
    assert _cors_origin(running_app, "https://evil.example") is None
    assert _cors_origin(running_app, OTHER_PORT_PAGE) is None
    assert _cors_origin(running_app, running_app.base_url) == running_app.base_url
