"""GET /media/hls/{episode_id}/{file}: an episode's HLS from private storage.

Free episodes stream to anyone. A locked episode's playlists and segments need a valid,
unexpired token signed for this viewer and this episode; playlists are rewritten so every
segment request carries it. Nothing here is under the public /_upload mount.

A token lives for hours, an entitlement may not (a refund revokes it): every file, segments
included, asks again whether this viewer may watch. Segments come every couple of seconds per
viewer, so that answer is kept for ACCESS_RECHECK_SECONDS per (episode, token, viewer): a
refund stops the stream within seconds, not hours, at one query per viewer per few seconds.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from microshort.api.auth import request_user
from microshort.api.visitor import visitor_id
from microshort.bootstrap import media_storage
from microshort.config import get_settings
from microshort.content.models import VideoProvider
from microshort.content.playback import episode_context, may_watch, verify_stream, viewer_key
from microshort.db import is_id, session_scope

_FILE = re.compile(r"^(master\.m3u8|\d{1,2}/(index\.m3u8|init_\d{1,2}\.mp4|seg_\d{1,5}\.m4s))$")
_URI_ATTR = re.compile(r'URI="([^"]+)"')
ACCESS_RECHECK_SECONDS = 5.0
_ACCESS_CACHE_SIZE = 20_000
_CACHED_TOKEN_CHARS = 256  # ours are ~100; a longer one fails verification, uncached

# (storage prefix or None, locked, allowed now)
Access = tuple[str | None, bool, bool]
_recent: OrderedDict[tuple[int, str | None, int | None], tuple[float, Access]] = OrderedDict()


def _remembered(key: tuple[int, str | None, int | None]) -> Access | None:
    found = _recent.get(key)
    if found is None or found[0] < time.monotonic():
        return None
    return found[1]


def _remember(key: tuple[int, str | None, int | None], access: Access) -> None:
    _recent[key] = (time.monotonic() + ACCESS_RECHECK_SECONDS, access)
    _recent.move_to_end(key)
    while len(_recent) > _ACCESS_CACHE_SIZE:
        _recent.popitem(last=False)


def forget_recent_access() -> None:
    """Drop the remembered decisions (when the process is pointed at another database)."""
    _recent.clear()


def _with_token(playlist: str, token: str) -> str:
    suffix = f"?token={quote(token)}"
    lines = []
    for line in playlist.splitlines():
        if line and not line.startswith("#"):
            line += suffix
        elif 'URI="' in line:
            line = _URI_ATTR.sub(lambda m: f'URI="{m.group(1)}{suffix}"', line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _denied(message: str, status: int) -> Response:
    return PlainTextResponse(message, status_code=status, headers={"Cache-Control": "no-store"})


async def episode_stream(request: Request) -> Response:
    episode_id, file = int(request.path_params["episode_id"]), request.path_params["file"]
    if not is_id(episode_id) or not _FILE.fullmatch(file):
        return _denied("Not found", 404)
    user = await request_user(request)
    user_id = user.id if user else None

    def decide() -> Access:
        with session_scope() as session:
            context = episode_context(session, episode_id)
            if (
                context is None
                or not context.playable
                or context.asset is None
                or context.asset.provider != VideoProvider.LOCAL
            ):
                return None, False, False
            allowed = may_watch(session, context, user_id)
            return f"private/hls/{context.asset.playback_id}", context.locked, allowed

    token = request.query_params.get("token")
    playlist = file.endswith(".m3u8")
    cache_key = (episode_id, token, user_id)
    cacheable = len(token or "") <= _CACHED_TOKEN_CHARS
    access = _remembered(cache_key) if cacheable and not playlist else None
    if access is None:
        access = await run_in_threadpool(decide)
        if cacheable:
            _remember(cache_key, access)
    prefix, locked, allowed = access
    if prefix is None:
        return _denied("Not found", 404)
    if locked:
        viewer = viewer_key(user_id, visitor_id(request))
        if (
            not verify_stream(
                get_settings().signing_key(), token, episode_id=episode_id, viewer=viewer
            )
            or not allowed
        ):
            return _denied("This episode is locked.", 403)
    storage, key = media_storage(), f"{prefix}/{file}"
    size = await storage.size(key)
    if size is None:
        return _denied("Not found", 404)
    cache = "private, max-age=3600" if locked else "public, max-age=3600"
    if playlist:
        text = (await storage.read(key)).decode()
        body = _with_token(text, token) if locked and token else text
        return Response(
            body,
            media_type="application/vnd.apple.mpegurl",
            headers={"Cache-Control": "no-store" if locked else cache},
        )
    return StreamingResponse(
        storage.stream(key),
        media_type="video/mp4",
        headers={"Content-Length": str(size), "Cache-Control": cache},
    )
