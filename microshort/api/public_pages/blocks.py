"""The readable content of each public page as plain HTML (what a crawler without JavaScript
reads; browsers remove it before the app renders the same content). Every value is escaped."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from microshort.content.genres import GENRES
from microshort.content.schemas import (
    CreatorPage,
    EpisodePreview,
    HomeView,
    SeriesCard,
    SeriesDetail,
)


def _link(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def _crumbs(items: list[tuple[str, str]]) -> str:
    parts = [_link(href, name) if href else escape(name) for name, href in items]
    return f'<nav aria-label="Breadcrumb">{" › ".join(parts)}</nav>'


def _genre_href(genre: str) -> str:
    return f"/genres/{quote(genre.lower())}"


def _cards(cards: list[SeriesCard]) -> str:
    items = "".join(
        f"<li>{_link(f'/series/{card.slug}', card.title)} · {escape(card.genre)} · "
        f"{card.episode_count} episodes · by {escape(card.creator_name)}"
        f"{f'<br/>{escape(card.logline)}' if card.logline else ''}</li>"
        for card in cards
    )
    return f"<ul>{items}</ul>" if items else ""


def _genre_links() -> str:
    return "<ul>" + "".join(f"<li>{_link(_genre_href(g), g)}</li>" for g in GENRES) + "</ul>"


def series_block(detail: SeriesDetail) -> str:
    seasons = []
    for season in detail.seasons:
        if not season.episodes:
            continue
        episodes = "".join(
            f"<li>{_link(f'/watch/{ep.id}', f'Ep {ep.position}: {ep.title}')}"
            f"{f' ({escape(ep.duration_label)})' if ep.duration_label else ''}"
            f" · {'Free' if ep.free else 'Locked'}"
            f"{f' — {escape(ep.synopsis)}' if ep.synopsis else ''}</li>"
            for ep in season.episodes
        )
        seasons.append(
            f"<h2>{escape(season.title)} · {escape(season.price_label)}</h2><ol>{episodes}</ol>"
        )
    free = f"Episodes 1–{detail.free_episode_count} are free" if detail.free_episode_count else ""
    cover = (
        f'<img src="{escape(detail.cover_url)}" alt="{escape(detail.title)} cover" '
        'width="240" height="360"/>'
        if detail.cover_url
        else ""
    )
    return (
        "<main>"
        + _crumbs([("Home", "/"), (detail.genre, _genre_href(detail.genre)), (detail.title, "")])
        + f"<article>{cover}<h1>{escape(detail.title)}</h1>"
        + f"<p>{escape(detail.logline)}</p>"
        + (f"<p>{escape(detail.description)}</p>" if detail.description else "")
        + f"<p>by {_link(f'/creators/{detail.creator_slug}', detail.creator_name)} · "
        + f"{_link(_genre_href(detail.genre), detail.genre)} · {detail.episode_count} episodes"
        + (f" · {free}" if free else "")
        + "</p>"
        + (
            f"<p>{_link(f'/watch/{detail.first_episode_id}', 'Start with episode 1')}</p>"
            if detail.first_episode_id
            else ""
        )
        + "".join(seasons)
        + "</article></main>"
    )


def episode_block(episode: EpisodePreview) -> str:
    series_href = f"/series/{episode.series_slug}"
    steps = [
        _link(f"/watch/{episode.previous_id}", "Previous episode") if episode.previous_id else "",
        _link(f"/watch/{episode.next_id}", "Next episode") if episode.next_id else "",
    ]
    access = "Free to watch" if episode.free else "Unlock the season to watch"
    return (
        "<main>"
        + _crumbs([("Home", "/"), (episode.series_title, series_href), (episode.title, "")])
        + f"<article><h1>{escape(episode.title)}</h1>"
        + f"<p>{_link(series_href, episode.series_title)} · Episode {episode.position} of "
        + f"{episode.total} · {access}</p>"
        + (f"<p>{escape(episode.synopsis)}</p>" if episode.synopsis else "")
        + f"<p>{escape(episode.series_logline)}</p>"
        + f"<p>by {_link(f'/creators/{episode.creator_slug}', episode.creator_name)}</p>"
        + f"<p>{' · '.join(step for step in steps if step)}</p>"
        + "</article></main>"
    )


def creator_block(creator: CreatorPage) -> str:
    links = "".join(
        f'<li><a href="{escape(link)}" rel="nofollow ugc">{escape(link)}</a></li>'
        for link in creator.links
        if link.startswith(("https://", "http://"))
    )
    return (
        "<main>"
        + _crumbs([("Home", "/"), (creator.display_name, "")])
        + f"<article><h1>{escape(creator.display_name)}</h1>"
        + (f"<p>{escape(creator.bio)}</p>" if creator.bio else "")
        + (f"<ul>{links}</ul>" if links else "")
        + f"<h2>Series by {escape(creator.display_name)}</h2>"
        + _cards(creator.series)
        + "</article></main>"
    )


def genre_block(genre: str, cards: list[SeriesCard]) -> str:
    return (
        "<main>"
        + _crumbs([("Home", "/"), (genre, "")])
        + f"<h1>{escape(genre)} series</h1>"
        + _cards(cards)
        + "<h2>More genres</h2>"
        + _genre_links()
        + "</main>"
    )


def home_block(view: HomeView) -> str:
    rails = [
        ("Featured", view.featured),
        ("Trending now", view.trending),
        ("New releases", view.new),
        *((rail.genre, rail.series) for rail in view.genres),
    ]
    return (
        "<main><h1>MicroShort: vertical micro-dramas</h1>"
        "<p>Vertical micro-dramas by independent creators. First episodes free.</p>"
        + "".join(f"<h2>{escape(name)}</h2>{_cards(cards)}" for name, cards in rails if cards)
        + "<h2>Genres</h2>"
        + _genre_links()
        + "</main>"
    )


def search_block() -> str:
    return (
        "<main>"
        + _crumbs([("Home", "/"), ("Search", "")])
        + "<h1>Search</h1><p>Find a series by its title, story, genre or creator.</p>"
        + '<form action="/search" method="get" role="search"><label>Search '
        + '<input type="search" name="q"/></label><button type="submit">Search</button></form>'
        + "<h2>Browse by genre</h2>"
        + _genre_links()
        + "</main>"
    )


def not_found_block() -> str:
    return (
        "<main><h1>We could not find that page</h1>"
        "<p>It may have been moved, unpublished or never existed.</p>"
        f"<p>{_link('/', 'Back to the home page')} · {_link('/search', 'Search')}</p></main>"
    )
