"""Page gate: what a page shows to someone who may not see it. The protection itself is in
every handler (require_user); the gate only spares people a page of errors."""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx

from microshort.errors import Forbidden
from microshort.ui.access import PAGE_ACCESS
from microshort.ui.state.session_state import require_user
from microshort.users.permissions import NotSignedIn
from microshort.users.schemas import CurrentUser


class GateState(rx.State):
    status: str = "checking"  # checking | ok | login | denied
    message: str = ""


async def pass_gate(
    state: rx.State, route: str
) -> tuple[CurrentUser | None, rx.event.EventSpec | None]:
    """(user, None) when the page may open; otherwise (None, an event to return)."""
    gate = await state.get_state(GateState)
    gate.status, gate.message = "checking", ""
    try:
        user = await require_user(state, PAGE_ACCESS[route])
    except NotSignedIn:
        gate.status = "login"
        next_path = quote(state.router.url.path, safe="")
        return None, rx.redirect(f"/login?next={next_path}", replace=True)
    except Forbidden as error:
        gate.status, gate.message = "denied", str(error)
        return None, None
    gate.status = "ok"
    return user, None


def gated(content: rx.Component) -> rx.Component:
    return rx.match(
        GateState.status,
        ("ok", content),
        (
            "denied",
            rx.center(
                rx.callout(GateState.message, icon="lock", color_scheme="amber"), padding_y="48px"
            ),
        ),
        rx.center(rx.spinner(size="3"), padding_y="64px"),
    )
