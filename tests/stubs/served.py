"""Run a stand-in's request handler on a free local port, as a context manager."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Self


class Served:
    """Mixin for stand-ins: `with StandIn(...) as s:` serves `handler` (which sees the stand-in
    as `self.standin`) until the block ends; `s.base_url` is its address."""

    handler: ClassVar[type[BaseHTTPRequestHandler]]
    _server: ThreadingHTTPServer | None

    def __enter__(self) -> Self:
        handler: Any = type("Handler", (self.handler,), {"standin": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server, "use the stand-in as a context manager"
        return f"http://127.0.0.1:{self._server.server_address[1]}"
