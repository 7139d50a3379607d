"""schema.org structured data for the public pages (plain dicts; head.py escapes them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from microshort.content.pricing import decimal_price, iso_duration
from microshort.content.schemas import CreatorPage, EpisodePreview, SeriesCard, SeriesDetail

CONTEXT = "https://schema.org"
Absolute = Callable[[str], str]  # app path -> absolute URL


def breadcrumbs(items: list[tuple[str, str]]) -> dict[str, Any]:
    """(name, absolute URL) from the home page down to this page."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": url}
            for index, (name, url) in enumerate(items, start=1)
        ],
    }


def person(name: str, url: str) -> dict[str, Any]:
    return {"@type": "Person", "name": name, "url": url}


def tv_series(detail: SeriesDetail, url: str, image: str, absolute: Absolute) -> dict[str, Any]:
    seasons = [season for season in detail.seasons if season.episodes]
    return {
        "@context": CONTEXT,
        "@type": "TVSeries",
        "name": detail.title,
        "description": detail.logline or detail.description,
        "url": url,
        "image": image,
        "genre": detail.genre,
        "keywords": ", ".join(detail.tags),
        "numberOfSeasons": len(seasons),
        "numberOfEpisodes": detail.episode_count,
        "author": person(detail.creator_name, absolute(f"/creators/{detail.creator_slug}")),
        "offers": [
            {
                "@type": "Offer",
                "name": season.title,
                "price": decimal_price(season.price_cents),
                "priceCurrency": season.currency,
                "url": url,
                "availability": "https://schema.org/InStock",
            }
            for season in seasons
        ],
        "containsSeason": [
            {
                "@type": "TVSeason",
                "seasonNumber": season.number,
                "name": season.title,
                "numberOfEpisodes": season.episode_count,
            }
            for season in seasons
        ],
    }


def tv_episode(
    episode: EpisodePreview, url: str, thumbnails: list[str], absolute: Absolute
) -> dict[str, Any]:
    series_url = absolute(f"/series/{episode.series_slug}")
    video: dict[str, Any] = {
        "@type": "VideoObject",
        "name": episode.title,
        "description": episode.synopsis or episode.series_logline or episode.title,
        "thumbnailUrl": thumbnails,
        "embedUrl": url,
        "isAccessibleForFree": episode.free,
    }
    if episode.published_at is not None:
        video["uploadDate"] = episode.published_at.isoformat()
    if episode.duration_seconds:
        video["duration"] = iso_duration(episode.duration_seconds)
    if episode.stream_url:
        video["contentUrl"] = absolute(episode.stream_url)
    return {
        "@context": CONTEXT,
        "@type": "TVEpisode",
        "name": episode.title,
        "description": video["description"],
        "url": url,
        "episodeNumber": episode.number,
        "isAccessibleForFree": episode.free,
        "thumbnailUrl": thumbnails,
        **{key: video[key] for key in ("uploadDate", "duration") if key in video},
        "partOfSeason": {"@type": "TVSeason", "seasonNumber": episode.season_number},
        "partOfSeries": {"@type": "TVSeries", "name": episode.series_title, "url": series_url},
        "author": person(episode.creator_name, absolute(f"/creators/{episode.creator_slug}")),
        "video": video,
    }


def creator_person(creator: CreatorPage, url: str, absolute: Absolute) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Person",
        "name": creator.display_name,
        "url": url,
        "description": creator.bio,
    }
    if creator.avatar_url:
        data["image"] = absolute(creator.avatar_url)
    same_as = [link for link in creator.links if link.startswith(("https://", "http://"))]
    if same_as:
        data["sameAs"] = same_as
    return data


def series_list(name: str, cards: list[SeriesCard], absolute: Absolute) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": name,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": index,
                "url": absolute(f"/series/{card.slug}"),
                "name": card.title,
            }
            for index, card in enumerate(cards, start=1)
        ],
    }


def website(base_url: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": "MicroShort",
        "url": base_url + "/",
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{base_url}/search?q={{search_term_string}}",
            "query-input": "required name=search_term_string",
        },
    }
