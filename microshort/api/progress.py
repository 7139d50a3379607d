"""POST /api/progress/{episode_id}: the player's last position when the tab closes.

Browsers send it with navigator.sendBeacon (text/plain JSON) as the page unloads, when the
websocket is already gone. The viewer is whoever the cookies say; nobody else's row is written.
"""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from microshort.api.auth import request_user
from microshort.api.visitor import visitor_id
from microshort.content.playback import episode_context, may_watch, viewer_key
from microshort.content.progress import save_progress
from microshort.db import is_id, session_scope
from microshort.errors import InvalidInput

MAX_BODY = 512


async def record_progress(request: Request) -> Response:
    episode_id = int(request.path_params["episode_id"])
    if not is_id(episode_id):
        return Response("No such episode.", status_code=404)
    user = await request_user(request)
    user_id = user.id if user else None
    anonymous_id = visitor_id(request)
    if viewer_key(user_id, anonymous_id) is None:
        return Response(status_code=401)
    body = await request.body()
    if len(body) > MAX_BODY:
        return Response(status_code=413)
    try:
        data = json.loads(body or b"{}")
        seconds, duration = float(data["seconds"]), float(data["duration"])
    except (ValueError, KeyError, TypeError):
        return Response('Expected {"seconds": n, "duration": n}.', status_code=400)

    def save() -> int:
        with session_scope() as session:
            context = episode_context(session, episode_id)
            if context is None:
                return 404
            if not may_watch(session, context, user_id):
                return 403
            save_progress(
                session,
                episode_id=episode_id,
                user_id=user_id,
                anonymous_id=None if user_id else anonymous_id,
                position=seconds,
                duration=duration,
            )
            return 204

    try:
        return Response(status_code=await run_in_threadpool(save))
    except InvalidInput as error:
        return Response(str(error), status_code=400)
