"""A lean websocket client for the fan-out bench: RFC 6455 over a bare asyncio.Protocol.

Why not the `websockets` library: with 1,000 viewers in one process, its per-message futures,
tasks and UTF-8/JSON work took 0.3–1 core of this 2-core machine, time the servers under test
then did not get, so the client side leaked into the latencies it measured. This client does
the least on receipt: it notes the arrival time and keeps the payload, and counts reactions
with one `bytes.count`; JSON is parsed after the run. Frames it sends are masked as the RFC
requires. No extensions (no compression), no fragmentation of what it sends.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import struct
import time
from urllib.parse import urlsplit

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, CLOSE, PING, PONG, CONTINUATION = 0x1, 0x8, 0x9, 0xA, 0x0
REACTION, ERROR, HELLO = b'"type":"reaction"', b'"type":"error"', b'"hello"'


def _accept_key(key: bytes) -> bytes:
    """Sec-WebSocket-Accept as RFC 6455 defines it (SHA-1 is the protocol's, not a choice)."""
    return base64.b64encode(hashlib.sha1(key + GUID, usedforsecurity=False).digest())


class Arrivals:
    """What every client of one run received: (arrival time, client index, payload)."""

    def __init__(self) -> None:
        self.frames: list[tuple[float, int, bytes]] = []
        self.reactions = 0  # reaction messages received so far, echoes included
        self.errors = 0  # error frames received so far
        self.closes: list[tuple[int, str]] = []


class LeanClient(asyncio.Protocol):
    def __init__(
        self, index: int, arrivals: Arrivals, request: bytes, key: bytes, greeted: bool
    ) -> None:
        """`greeted`: the server says hello (the hub); `greeting` is that message."""
        loop = asyncio.get_running_loop()
        self.index, self.arrivals = index, arrivals
        self.request, self.accept = request, _accept_key(key)
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.upgraded: asyncio.Future[None] = loop.create_future()
        self.greeting: asyncio.Future[bytes] | None = loop.create_future() if greeted else None
        self.partial = bytearray()
        self.closed: asyncio.Future[None] = loop.create_future()

    # asyncio.Protocol ----------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        self.buffer += data
        if not self.upgraded.done():
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = bytes(self.buffer[:end]), self.buffer[end + 4 :]
            if not head.startswith(b"HTTP/1.1 101") or self.accept not in head:
                self.upgraded.set_exception(ConnectionError(head.split(b"\r\n")[0].decode()))
                return
            self.upgraded.set_result(None)
        self._frames(now)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.upgraded.done():
            self.upgraded.set_exception(exc or ConnectionError("closed during the handshake"))
        if not self.closed.done():
            self.closed.set_result(None)

    # frames ----------------------------------------------------------------------------------
    def _frames(self, now: float) -> None:
        buffer = self.buffer
        while len(buffer) >= 2:
            first, length = buffer[0], buffer[1] & 0x7F
            start = 2
            if length == 126:
                if len(buffer) < 4:
                    return
                (length,) = struct.unpack_from("!H", buffer, 2)
                start = 4
            elif length == 127:
                if len(buffer) < 10:
                    return
                (length,) = struct.unpack_from("!Q", buffer, 2)
                start = 10
            if len(buffer) < start + length:
                return
            payload = bytes(buffer[start : start + length])
            del buffer[: start + length]
            self._frame(first & 0x80, first & 0x0F, payload, now)

    def _frame(self, final: int, opcode: int, payload: bytes, now: float) -> None:
        if opcode in (TEXT, CONTINUATION):
            self.partial += payload
            if not final:
                return
            text, self.partial = bytes(self.partial), bytearray()
            if self.greeting is not None and not self.greeting.done() and HELLO in text:
                self.greeting.set_result(text)
                return
            self.arrivals.frames.append((now, self.index, text))
            self.arrivals.reactions += text.count(REACTION)
            self.arrivals.errors += text.count(ERROR)
        elif opcode == PING:
            self._write(PONG, payload)
        elif opcode == CLOSE:
            code = struct.unpack_from("!H", payload)[0] if len(payload) >= 2 else 1005
            self.arrivals.closes.append((code, payload[2:].decode(errors="replace")))
            self._write(CLOSE, payload[:2])
            if self.transport is not None:
                self.transport.close()

    def _write(self, opcode: int, payload: bytes) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        else:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        masked = (
            int.from_bytes(payload, "big")
            ^ int.from_bytes(mask * (length // 4 + 1), "big") >> (8 * (4 - length % 4))
        ).to_bytes(length, "big")
        self.transport.write(head + mask + masked)

    # the client's API ------------------------------------------------------------------------
    def send_text(self, text: str) -> None:
        self._write(TEXT, text.encode())

    async def close(self) -> None:
        self._write(CLOSE, struct.pack("!H", 1000))
        try:
            await asyncio.wait_for(asyncio.shield(self.closed), 5)
        except TimeoutError:
            if self.transport is not None:
                self.transport.abort()


async def connect(
    url: str, index: int, arrivals: Arrivals, *, greeted: bool, timeout: float = 30
) -> LeanClient:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    key = base64.b64encode(os.urandom(16))
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key.decode()}\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n"
    ).encode()
    loop = asyncio.get_running_loop()
    _, client = await loop.create_connection(
        lambda: LeanClient(index, arrivals, request, key, greeted), host, port
    )
    await asyncio.wait_for(client.upgraded, timeout)
    if client.greeting is not None:
        await asyncio.wait_for(client.greeting, timeout)
    return client
