"""Reflex wrapper for direct_upload.jsx."""

from __future__ import annotations

import reflex as rx
from reflex.event import passthrough_event_spec


class DirectUpload(rx.NoSSRComponent):
    library = rx.asset("direct_upload.jsx", shared=True).importable_path
    tag = "DirectUpload"

    url: rx.Var[str]
    label: rx.Var[str]
    max_bytes: rx.Var[int]

    on_select: rx.EventHandler[passthrough_event_spec(str, int)]
    on_progress: rx.EventHandler[passthrough_event_spec(int)]
    on_done: rx.EventHandler[passthrough_event_spec(int)]
    on_failed: rx.EventHandler[passthrough_event_spec(str)]


direct_upload = DirectUpload.create
