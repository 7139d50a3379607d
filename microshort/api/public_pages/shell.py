"""Reflex's built HTML shells, read once and re-read when the build changes.

Dynamic routes (/series/[slug] ...) are served from `__spa-fallback.html`; static routes from
their prerendered file (`index.html`, `search.html`); unknown pages from `404.html`. The page's
own tags are inserted at the start of <head>, its JSON-LD at the end (the build's generic
title, description and og:image are taken out first) and the readable block at the start of
<body>, followed by a tiny script that removes the block before React starts: crawlers read
it, browsers never paint it, and React hydrates exactly the DOM the build produced.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from microshort.config import PROJECT_ROOT

# Reflex builds into REFLEX_WEB_WORKDIR when it is set (relative to the project, like Reflex).
FRONTEND_BUILD = PROJECT_ROOT / os.environ.get("REFLEX_WEB_WORKDIR", ".web") / "build" / "client"
SPA_FALLBACK = "__spa-fallback.html"
NOT_FOUND = "404.html"
BLOCK_ID = "ms-prerender"

# When there is no build (tests, `reflex run` in dev mode) a minimal document still carries
# everything a crawler reads.
_BARE = '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/></head><body></body></html>'
# The build's own generic tags, replaced by the page's.
_GENERIC = re.compile(
    r'<title>[^<]*</title>|<meta content="[^"]*" name="description"/>'
    r'|<meta content="[^"]*" property="og:image"/>'
)
_REMOVE_BLOCK = (
    f'<script>document.getElementById("{BLOCK_ID}").remove();'
    "document.currentScript.remove()</script>"
)


@dataclass(frozen=True)
class _Cached:
    mtime_ns: int
    text: str


class ShellFiles:
    """The build's HTML files by name, cached in memory until their mtime changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cache: dict[str, _Cached] = {}
        self._lock = threading.Lock()

    def read(self, name: str) -> str:
        path = self.folder / name
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            return _BARE
        cached = self._cache.get(name)
        if cached is None or cached.mtime_ns != mtime:
            with self._lock:
                cached = _Cached(mtime, path.read_text(encoding="utf-8"))
                self._cache[name] = cached
        return cached.text


shells = ShellFiles(FRONTEND_BUILD)


def use_build_dir(folder: Path) -> None:
    """Serve shells from another build folder (tests use a small one of their own)."""
    global shells
    shells = ShellFiles(folder)


def shell_for(route_file: str | None) -> str:
    """The shell text: a prerendered route file when it exists, else the SPA fallback."""
    if route_file and (shells.folder / route_file).exists():
        return shells.read(route_file)
    return shells.read(SPA_FALLBACK)


def fill(shell: str, *, head: tuple[str, str], block: str) -> str:
    """The shell with the page's head tags first and last in <head> and its block first in
    <body>."""
    html = _GENERIC.sub("", shell)
    html = html.replace("<head>", "<head>" + head[0], 1).replace("</head>", head[1] + "</head>", 1)
    wrapped = f'<div id="{BLOCK_ID}">{block}</div>{_REMOVE_BLOCK}' if block else ""
    return html.replace("<body>", "<body>" + wrapped, 1)
