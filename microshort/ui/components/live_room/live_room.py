"""The live room overlay: `live_room.jsx` (a websocket to the room hub) wrapped for Reflex.

Place it as a child of video_player(...): it finds the player's video through the stage, so
reactions carry the current position and replayed reactions follow playback and seeks::

    video_player(
        live_room(
            episode_id=RoomState.episode_id,
            ticket=RoomState.ticket,  # "" renders nothing and opens no socket
            ticket_serial=RoomState.issued,
            on_comment=CommentsState.live_notice,  # (comment_id: int)
            on_need_ticket=RoomState.renew,  # the ticket expired while reconnecting
        ),
        src=...,
    )
"""

from __future__ import annotations

import reflex as rx
from reflex.event import no_args_event_spec, passthrough_event_spec

_STYLES = rx.asset("live_room.css", shared=True)
_ROOM = rx.asset("live_room.jsx", shared=True)


class LiveRoom(rx.NoSSRComponent):
    """Reaction rail and tray, floating live and replayed reactions, "N watching"."""

    library = _ROOM.importable_path
    tag = "LiveRoom"

    episode_id: rx.Var[int]
    # A signed room ticket from RoomState, and a number that changes with every ticket issued:
    # a change of either reconnects.
    ticket: rx.Var[str]
    ticket_serial: rx.Var[int]

    # Someone posted a comment on this episode: (comment id).
    on_comment: rx.EventHandler[passthrough_event_spec(int)]
    # The socket was refused for its ticket (expired): issue a new one.
    on_need_ticket: rx.EventHandler[no_args_event_spec]


live_room = LiveRoom.create
