"""Who may open each page: the single table the page gates and the role matrix test read."""

from __future__ import annotations

from microshort.ui import routes
from microshort.users.permissions import Access

PAGE_ACCESS: dict[str, Access] = {
    routes.HOME: Access.PUBLIC,
    routes.SERIES: Access.PUBLIC,
    routes.LOGIN: Access.PUBLIC,
    routes.SIGNUP: Access.PUBLIC,
    routes.FORGOT_PASSWORD: Access.PUBLIC,
    routes.RESET_PASSWORD: Access.PUBLIC,
    routes.CONFIRM_EMAIL: Access.PUBLIC,
    routes.NOT_FOUND: Access.PUBLIC,
    routes.ACCOUNT: Access.SIGNED_IN,
    routes.BECOME_CREATOR: Access.SIGNED_IN,
    routes.STUDIO: Access.CREATOR,
    routes.STUDIO_EPISODE: Access.CREATOR,
    routes.STUDIO_SERIES: Access.CREATOR,
    routes.STUDIO_PAYOUTS: Access.CREATOR,
    routes.STUDIO_SHARE: Access.CREATOR,
    routes.CHECKOUT: Access.SIGNED_IN,
    routes.CHECKOUT_RETURN: Access.SIGNED_IN,
    routes.PURCHASES: Access.SIGNED_IN,
    routes.WATCH: Access.PUBLIC,
    routes.ADMIN: Access.ADMIN,
    routes.ADMIN_OUTBOX: Access.ADMIN,
    routes.ADMIN_REPORTS: Access.ADMIN,
    routes.GENRE: Access.PUBLIC,
    routes.CREATOR: Access.PUBLIC,
    routes.SEARCH: Access.PUBLIC,
    routes.LIBRARY: Access.SIGNED_IN,
}
