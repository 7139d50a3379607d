"""GET /og/series/<slug>.jpg, /og/episodes/<id>.jpg, /og/default.jpg: 1200x630 link previews.

Made on first request from the cover or poster and kept in media storage under a key that
carries a checksum of everything drawn on it, so a new title or cover makes a new picture
(and a new ?v= in og:image, so preview caches refresh). Unlisted series/episodes are 404.
"""

from __future__ import annotations

import re
import zlib

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from microshort.bootstrap import media_storage
from microshort.content.previews import episode_preview
from microshort.content.queries import series_detail
from microshort.content.schemas import EpisodePreview
from microshort.db import session_scope
from microshort.integrations.storage.base import MEDIA_ROUTE
from microshort.integrations.thumbnails.og import PreviewCard, render_preview

DEFAULT_IMAGE = "/og/default.jpg"
CACHE = "public, max-age=86400"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DEFAULT_CARD = PreviewCard(
    title="Vertical micro-dramas by independent creators",
    kicker="MicroShort",
    footer="First episodes free",
    genre="Drama",
    seed=1,
)


def _version(*parts: object) -> str:
    return f"{zlib.crc32('|'.join(str(part) for part in parts).encode()):08x}"


def series_card(
    *, title: str, genre: str, cover_url: str, creator_name: str, episode_count: int
) -> tuple[PreviewCard, str]:
    """The series' preview card and the cover to draw it from."""
    card = PreviewCard(
        title=title,
        kicker=f"{genre} · {episode_count} episodes",
        footer=f"by {creator_name} · first episodes free",
        genre=genre,
        seed=zlib.crc32(title.encode()),
    )
    return card, cover_url


def episode_card(episode: EpisodePreview) -> tuple[PreviewCard, str]:
    card = PreviewCard(
        title=episode.title,
        kicker=f"Episode {episode.position} · {episode.series_title}",
        footer=f"by {episode.creator_name} · "
        + ("free to watch" if episode.free else "unlock the season to watch"),
        genre=episode.genre,
        seed=zlib.crc32(f"{episode.series_slug}/{episode.episode_id}".encode()),
    )
    return card, episode.poster_url or episode.series_cover_url


def _card_version(card: PreviewCard, artwork_url: str) -> str:
    return _version(card.title, card.kicker, card.footer, card.genre, card.seed, artwork_url)


def series_image_path(slug: str, card: tuple[PreviewCard, str]) -> str:
    return f"/og/series/{slug}.jpg?v={_card_version(*card)}"


def episode_image_path(episode: EpisodePreview) -> str:
    return f"/og/episodes/{episode.episode_id}.jpg?v={_card_version(*episode_card(episode))}"


def _jpeg(body: bytes) -> Response:
    return Response(body, media_type="image/jpeg", headers={"Cache-Control": CACHE})


async def _stored_or_rendered(key: str, card: PreviewCard, artwork_url: str) -> Response:
    storage = media_storage()
    if await storage.size(key) is not None:
        return _jpeg(await storage.read(key))
    artwork = None
    if artwork_url.startswith(MEDIA_ROUTE):
        artwork_key = artwork_url[len(MEDIA_ROUTE) :]
        if await storage.size(artwork_key) is not None:
            artwork = await storage.read(artwork_key)
    body = await run_in_threadpool(
        render_preview,
        PreviewCard(card.title, card.kicker, card.footer, card.genre, card.seed, artwork),
    )
    await storage.put(key, body)
    return _jpeg(body)


def _not_found() -> Response:
    return PlainTextResponse("Not found", status_code=404)


async def series_image(request: Request) -> Response:
    slug = request.path_params["slug"]
    if not _SLUG.fullmatch(slug):
        return _not_found()

    def read() -> tuple[PreviewCard, str] | None:
        with session_scope() as session:
            detail = series_detail(session, slug)
        if detail is None or detail.episode_count == 0:
            return None
        return series_card(
            title=detail.title,
            genre=detail.genre,
            cover_url=detail.cover_url,
            creator_name=detail.creator_name,
            episode_count=detail.episode_count,
        )

    found = await run_in_threadpool(read)
    if found is None:
        return _not_found()
    key = f"public/og/series/{slug}-{_card_version(*found)}.jpg"
    return await _stored_or_rendered(key, *found)


async def episode_image(request: Request) -> Response:
    episode_id = int(request.path_params["episode_id"])

    def read() -> EpisodePreview | None:
        with session_scope() as session:
            return episode_preview(session, episode_id)

    episode = await run_in_threadpool(read)
    if episode is None:
        return _not_found()
    card = episode_card(episode)
    key = f"public/og/episodes/{episode_id}-{_card_version(*card)}.jpg"
    return await _stored_or_rendered(key, *card)


async def default_image(request: Request) -> Response:
    key = f"public/og/default-{_card_version(_DEFAULT_CARD, '')}.jpg"
    return await _stored_or_rendered(key, _DEFAULT_CARD, "")
