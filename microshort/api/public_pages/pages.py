"""One builder per public page type: read the database (content domain), then the page's
head (PageMeta) and readable block. None means a real 404."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote

from sqlmodel import Session

from microshort.api.og_images import (
    DEFAULT_IMAGE,
    episode_image_path,
    series_card,
    series_image_path,
)
from microshort.api.public_pages import blocks, jsonld
from microshort.api.public_pages.head import PageMeta, shorten
from microshort.content import page_titles
from microshort.content.browse import creator_page, genre_key, genre_page
from microshort.content.previews import episode_preview
from microshort.content.queries import home_view, series_detail
from microshort.integrations.image_variants import (
    HERO_SIZES,
    POSTER_WIDTH,
    SERIES_COVER_SIZES,
    variant_url,
)

SITE_DESCRIPTION = "Vertical micro-dramas by independent creators. First episodes free."
GENRE_PAGE_SERIES = 60


@dataclass(frozen=True)
class Rendered:
    meta: PageMeta
    block: str
    shell_file: str | None = None  # a prerendered route file; None: the SPA fallback


class Site:
    """Absolute URLs from the configured public address."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url.rstrip("/")

    def url(self, path: str) -> str:
        return self.base + path


def series(session: Session, site: Site, slug: str) -> Rendered | None:
    detail = series_detail(session, slug)
    if detail is None or detail.episode_count == 0:
        return None
    url = site.url(f"/series/{detail.slug}")
    card = series_card(
        title=detail.title,
        genre=detail.genre,
        cover_url=detail.cover_url,
        creator_name=detail.creator_name,
        episode_count=detail.episode_count,
    )
    image = site.url(series_image_path(detail.slug, card))
    meta = PageMeta(
        title=page_titles.series_title(detail.title),
        description=shorten(detail.logline or detail.description or SITE_DESCRIPTION),
        canonical=url,
        og_type="video.tv_show",
        image=image,
        image_alt=f"{detail.title}: cover and title",
        preload_image=detail.cover_url,
        preload_srcset=detail.cover_srcset,
        preload_sizes=SERIES_COVER_SIZES,
        json_ld=[
            jsonld.tv_series(detail, url, image, site.url),
            jsonld.breadcrumbs(
                [
                    ("Home", site.url("/")),
                    (detail.genre, site.url(f"/genres/{quote(genre_key(detail.genre))}")),
                    (detail.title, url),
                ]
            ),
        ],
    )
    return Rendered(meta, blocks.series_block(detail))


def watch(session: Session, site: Site, episode_id: int) -> Rendered | None:
    episode = episode_preview(session, episode_id)
    if episode is None:
        return None
    url = site.url(f"/watch/{episode.episode_id}")
    image = site.url(episode_image_path(episode))
    thumbnails = [image] + ([site.url(episode.poster_url)] if episode.poster_url else [])
    series_url = site.url(f"/series/{episode.series_slug}")
    meta = PageMeta(
        title=page_titles.episode_title(episode.title, episode.series_title, episode.position),
        description=shorten(episode.synopsis or episode.series_logline or SITE_DESCRIPTION),
        canonical=url,
        og_type="video.episode",
        image=image,
        image_alt=f"{episode.series_title}, episode {episode.position}: {episode.title}",
        video=site.url(episode.stream_url) if episode.stream_url else "",
        preload_image=variant_url(episode.poster_url, POSTER_WIDTH),  # what the player shows
        json_ld=[
            jsonld.tv_episode(episode, url, thumbnails, site.url),
            jsonld.breadcrumbs(
                [
                    ("Home", site.url("/")),
                    (episode.series_title, series_url),
                    (episode.title, url),
                ]
            ),
        ],
    )
    return Rendered(meta, blocks.episode_block(episode))


def creator(session: Session, site: Site, slug: str) -> Rendered | None:
    found = creator_page(session, slug)
    if found is None:
        return None
    url = site.url(f"/creators/{found.slug}")
    latest = found.series[0] if found.series else None
    image = site.url(
        series_image_path(
            latest.slug,
            series_card(
                title=latest.title,
                genre=latest.genre,
                cover_url=latest.cover_url,
                creator_name=latest.creator_name,
                episode_count=latest.episode_count,
            ),
        )
        if latest
        else DEFAULT_IMAGE
    )
    meta = PageMeta(
        title=page_titles.creator_title(found.display_name),
        description=shorten(
            found.bio or f"Vertical micro-dramas by {found.display_name} on MicroShort."
        ),
        canonical=url,
        og_type="profile",
        image=image,
        json_ld=[
            jsonld.creator_person(found, url, site.url),
            jsonld.breadcrumbs([("Home", site.url("/")), (found.display_name, url)]),
        ],
    )
    return Rendered(meta, blocks.creator_block(found))


def genre(session: Session, site: Site, raw: str) -> Rendered | None:
    found = genre_page(session, unquote(raw), limit=GENRE_PAGE_SERIES)
    if not found.genre:
        return None
    name, cards = found.genre, found.page.series
    url = site.url(f"/genres/{quote(genre_key(name))}")
    titles = ", ".join(card.title for card in cards[:3])
    meta = PageMeta(
        title=page_titles.genre_title(name),
        description=shorten(f"{name} micro-dramas on MicroShort: {titles}."),
        canonical=url,
        og_type="website",
        image=site.url(DEFAULT_IMAGE),
        json_ld=[
            jsonld.series_list(f"{name} series", cards, site.url),
            jsonld.breadcrumbs([("Home", site.url("/")), (name, url)]),
        ],
    )
    return Rendered(meta, blocks.genre_block(name, cards))


def home(session: Session, site: Site) -> Rendered:
    view = home_view(session)
    hero = view.featured[0] if view.featured else None
    meta = PageMeta(
        title=page_titles.HOME,
        description=SITE_DESCRIPTION,
        canonical=site.url("/"),
        og_type="website",
        image=site.url(DEFAULT_IMAGE),
        preload_image=hero.cover_url if hero else "",
        preload_srcset=hero.cover_srcset if hero else "",
        preload_sizes=HERO_SIZES,
        json_ld=[jsonld.website(site.base)],
    )
    return Rendered(meta, blocks.home_block(view), shell_file="index.html")


def search(site: Site, query: str) -> Rendered:
    """The search landing. A results address (?q=) is not indexed: it points at the landing."""
    meta = PageMeta(
        title=page_titles.SEARCH,
        description="Search MicroShort's vertical micro-dramas by title, story, genre or creator.",
        canonical=site.url("/search"),
        og_type="website",
        image=site.url(DEFAULT_IMAGE),
        noindex=bool(query.strip()),
        json_ld=[jsonld.breadcrumbs([("Home", site.url("/")), ("Search", site.url("/search"))])],
    )
    return Rendered(meta, blocks.search_block(), shell_file="search.html")


def not_found(site: Site, path: str) -> Rendered:
    meta = PageMeta(
        title=page_titles.NOT_FOUND,
        description="We could not find that page.",
        canonical="",
        og_type="website",
        image=site.url(DEFAULT_IMAGE),
        noindex=True,
    )
    return Rendered(meta, blocks.not_found_block(), shell_file="404.html")
