"""Route constants and URL builders: one place for every page address."""

from urllib.parse import quote

HOME = "/"
SERIES = "/series/[slug]"
GENRES_ANCHOR = "/#genres"
LOGIN = "/login"
SIGNUP = "/signup"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password/[token]"
CONFIRM_EMAIL = "/confirm-email/[token]"
ACCOUNT = "/account"
BECOME_CREATOR = "/become-creator"
STUDIO = "/studio"
STUDIO_EPISODE = "/studio/episodes/[episode_id]"
STUDIO_SERIES = "/studio/series/[series_id]"
STUDIO_PAYOUTS = "/studio/payouts"
STUDIO_SHARE = "/studio/share/[series_id]"
CHECKOUT = "/checkout/[session_id]"
CHECKOUT_RETURN = "/purchase/complete"
PURCHASES = "/purchases"
WATCH = "/watch/[episode_id]"
ADMIN = "/admin"
ADMIN_OUTBOX = "/admin/outbox"
ADMIN_REPORTS = "/admin/reports"
SIGN_OUT = "/api/auth/signout"
NOT_FOUND = "404"
GENRE = "/genres/[genre]"
CREATOR = "/creators/[slug]"
SEARCH = "/search"
LIBRARY = "/library"


def series_url(slug: str) -> str:
    return f"/series/{slug}"


def slug_from_path(path: str, route: str) -> str:
    """The value of the route's last [segment] in a concrete path ('' when it does not match)."""
    prefix = route.rsplit("/", 1)[0] + "/"
    if not path.startswith(prefix):
        return ""
    return path[len(prefix) :].strip("/").split("/", 1)[0]


def watch_url(episode_id: int) -> str:
    return f"/watch/{episode_id}"


def studio_share_url(series_id: int) -> str:
    return f"/studio/share/{series_id}"


def studio_episode_url(episode_id: int) -> str:
    return f"/studio/episodes/{episode_id}"


def genre_url(genre: str) -> str:
    return f"/genres/{quote(genre.lower())}"


def creator_url(slug: str) -> str:
    return f"/creators/{slug}"


def search_url(text: str) -> str:
    return f"/search?q={quote(text)}"
