"""The apps bench/realtime_load.py serves with granian, outside Reflex.

`hub_app`: the real room socket (microshort.api.rooms.room_socket) at /ws/rooms/{episode_id},
configured from the environment as in the app (DATABASE_URL, REDIS_URL, MICROSHORT_SECRET_KEY).
BENCH_HUB=sleep|room swaps in a candidate hub (bench/hub_variants.py).
`bare_app`: the baseline, the least a websocket broadcast can do: every text frame received at
/ws/bare is sent at once, as it is, to every open connection, one after the other.

    .venv/bin/granian --interface asgi --port 8101 bench.room_server:hub_app
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

import microshort.api.rooms
import microshort.models  # every table, so foreign keys resolve as in the app
from bench.hub_variants import VARIANTS
from microshort.api.rooms import close_room_broker, room_socket

if os.environ.get("BENCH_HUB"):  # a candidate writer instead of the real one
    microshort.api.rooms.RoomHub = VARIANTS[os.environ["BENCH_HUB"]]  # type: ignore[misc]


@contextlib.asynccontextmanager
async def _closing_rooms(app: Starlette) -> AsyncIterator[None]:
    gc.collect()  # as the app's worker does at start-up (microshort/app.py)
    gc.freeze()
    yield
    await close_room_broker()


hub_app = Starlette(
    routes=[WebSocketRoute("/ws/rooms/{episode_id:int}", room_socket)], lifespan=_closing_rooms
)

_everyone: set[WebSocket] = set()


async def _bare_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    _everyone.add(websocket)
    try:
        while True:
            text = await websocket.receive_text()
            for other in list(_everyone):
                with contextlib.suppress(Exception):  # a socket closing meanwhile
                    await other.send_text(text)
    except WebSocketDisconnect:
        pass
    finally:
        _everyone.discard(websocket)


bare_app = Starlette(routes=[WebSocketRoute("/ws/bare", _bare_socket)])
