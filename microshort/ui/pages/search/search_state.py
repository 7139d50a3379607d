"""Search page state: searches as the viewer types (debounced) or submits; "Load more"."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import quote

import reflex as rx

from microshort.content.schemas import SearchPage, SeriesCard
from microshort.content.search import DEFAULT_PAGE, MAX_QUERY_CHARS, search_series
from microshort.db import session_scope
from microshort.typed_input import typed


def _search(text: str, offset: int) -> SearchPage:
    with session_scope() as session:
        return search_series(session, text, limit=DEFAULT_PAGE, offset=offset)


class SearchState(rx.State):
    text: str = ""  # what is in the box
    query: str = ""  # what the shown results are for
    results: list[SeriesCard] = []
    has_more: bool = False
    next_offset: int = 0
    searching: bool = False
    loading_more: bool = False

    @rx.event
    async def load(self):
        text = self.router.url.query_parameters.get("q", "")[:MAX_QUERY_CHARS]
        self.text = text
        async for update in self._run(text):
            yield update

    @rx.event
    async def type_text(self, value: str):
        self.text = typed(value)[:MAX_QUERY_CHARS]
        async for update in self._run(self.text):
            yield update

    @rx.event
    async def submit(self, form: dict[str, str]):
        self.text = typed(form.get("q", self.text))[:MAX_QUERY_CHARS]
        async for update in self._run(self.text):
            yield update

    async def _run(self, text: str):
        if not text.strip():
            self.query, self.results, self.has_more, self.searching = "", [], False, False
            yield rx.call_script("history.replaceState(null, '', '/search')")
            return
        self.searching = True
        yield
        # Events of one tab run one after another, so no older search can land after this.
        found = await asyncio.to_thread(_search, text, 0)
        self.query = text.strip()
        self.results = found.page.series
        self.has_more, self.next_offset = found.page.has_more, found.page.next_offset
        self.searching = False
        # Keep the address shareable and the back button meaningful.
        address = json.dumps("/search?q=" + quote(self.query))
        yield rx.call_script(f"history.replaceState(null, '', {address})")

    @rx.event
    async def load_more(self):
        if not self.has_more or self.loading_more:
            return
        self.loading_more = True
        yield
        found = await asyncio.to_thread(_search, self.query, self.next_offset)
        self.results = self.results + found.page.series
        self.has_more, self.next_offset = found.page.has_more, found.page.next_offset
        self.loading_more = False
