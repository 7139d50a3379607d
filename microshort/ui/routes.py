"""Route constants and URL builders: one place for every page address."""

HOME = "/"
SERIES = "/series/[slug]"
GENRES_ANCHOR = "/#genres"


def series_url(slug: str) -> str:
    return f"/series/{slug}"
