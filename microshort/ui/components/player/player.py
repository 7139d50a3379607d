"""The vertical HLS player: `vertical_player.jsx` (React, hls.js) wrapped as a Reflex component.

Usage (all props optional but `src`)::

    video_player(
        rx.box(..., class_name="vp-fade"),  # overlay; class vp-fade fades with the controls
        src=WatchState.master_url,
        poster=WatchState.poster_url,
        preload_next=WatchState.next_hls_url,
        start_at=WatchState.resume_seconds,
        autoplay=True,
        heat=WatchState.heat,  # list[float], 0..1, evenly spread over the episode
        on_progress=WatchState.save_progress,  # (seconds: float, duration: float)
        on_ended=WatchState.episode_ended,
        on_request_next=WatchState.next_episode,
        on_request_previous=WatchState.previous_episode,
        on_fatal_error=WatchState.playback_failed,  # (message: str)
        on_double_tap=WatchState.heart,  # (x: float, y: float), fractions of the stage
    )
"""

from __future__ import annotations

from typing import Literal

import reflex as rx
from reflex.event import no_args_event_spec, passthrough_event_spec

HLS_JS = "hls.js@1.7.4"

# The JavaScript beside this file is linked into the app's assets/external/ and built by Vite,
# which resolves the relative imports between these files and `hls.js` from the frontend's packages.
_SOURCE = rx.asset("hls_source.js", shared=True)
_BUFFER = rx.asset("buffer_policy.js", shared=True)
_PARTS = rx.asset("player_parts.jsx", shared=True)
_STYLES = rx.asset("vertical_player.css", shared=True)
_PLAYER = rx.asset("vertical_player.jsx", shared=True)


class VideoPlayer(rx.Component):
    """A 9:16 HLS stage: tap to pause, swipe or arrow keys for next/previous, scrubber with heat.

    A plain (statically imported) component, not a NoSSRComponent: the lazy import of the
    latter starts only after the page has rendered it, which put the player's chunk, then
    hls.js's first request, a whole download-and-render later (about 0.5 s of a 2 s first
    frame at 4x CPU). hls.js and these files touch the browser only inside effects, so the
    build's prerendering can import them."""

    library = _PLAYER.importable_path
    tag = "VerticalPlayer"
    lib_dependencies: list[str] = [HLS_JS]

    # HLS master playlist URL; a new value loads the new episode (start_at/autoplay read then).
    src: rx.Var[str]
    # Image shown until the first frame.
    poster: rx.Var[str]
    # Seconds to resume from (ignored when within the last second: the episode starts over).
    start_at: rx.Var[float]
    # Start playing on load; falls back to muted autoplay when the browser refuses sound.
    autoplay: rx.Var[bool]
    # Initial mute state (the viewer's toggle wins until this prop changes).
    muted: rx.Var[bool]
    # WebVTT URL shown as the default subtitles track, and its language.
    subtitles_src: rx.Var[str]
    subtitles_lang: rx.Var[str]
    # Reaction density, numbers 0..1 evenly spread over the episode, drawn along the scrubber.
    heat: rx.Var[list[float]]
    # "contain" (black bars, whole picture) or "cover" (fills the stage, crops the edges).
    fit: rx.Var[Literal["contain", "cover"]]
    # "auto" (native HLS on Safari/iOS, hls.js elsewhere), or force "hls" / "native".
    engine: rx.Var[Literal["auto", "hls", "native"]]
    # Optional URL that gets `{"seconds": s, "duration": d}` (text/plain JSON, navigator.sendBeacon)
    # on pagehide: Reflex closes its websocket on unload before the player can send on_progress.
    beacon_url: rx.Var[str]
    # The next episode's master playlist: its first segment is fetched once this one's (capped)
    # buffer is full (buffer_policy.js). "" = nothing to preload.
    preload_next: rx.Var[str]

    # (seconds, duration): every 5 s while playing, on pause, after a seek, before next/previous,
    # when the tab/app is hidden, and on unmount. On unload it is queued but the socket is closed
    # (see beacon_url).
    on_progress: rx.EventHandler[passthrough_event_spec(float, float)]
    on_ended: rx.EventHandler[no_args_event_spec]
    # Swipe up / ArrowDown, and swipe down / ArrowUp.
    on_request_next: rx.EventHandler[no_args_event_spec]
    on_request_previous: rx.EventHandler[no_args_event_spec]
    # Playback failed for good (after hls.js recovery): a readable message, also shown on stage.
    on_fatal_error: rx.EventHandler[passthrough_event_spec(str)]
    # Double-tap/double-click on the picture, at (x, y) as fractions of the stage (0..1).
    on_double_tap: rx.EventHandler[passthrough_event_spec(float, float)]


video_player = VideoPlayer.create
