"""Document titles of the public pages: the server's first HTML and the Reflex page set the
same text, so the title a crawler reads is the one the browser keeps."""

from __future__ import annotations

SITE = "MicroShort"
HOME = "MicroShort: vertical micro-dramas"
NOT_FOUND = f"Not found · {SITE}"
SEARCH = f"Search · {SITE}"
LOADING = SITE  # what a dynamic page shows for the moment before its data arrives


def series_title(title: str) -> str:
    return f"{title} · {SITE}"


def episode_title(episode_title: str, series_title: str, position: int) -> str:
    return f"{series_title} · Ep {position}: {episode_title} · {SITE}"


def creator_title(display_name: str) -> str:
    return f"{display_name} · {SITE}"


def genre_title(genre: str) -> str:
    return f"{genre} series · {SITE}"
