"""The fan-out bench's lean websocket client (bench/ws_client.py) reads and writes RFC 6455
frames correctly: its latencies are only as good as its framing."""

from __future__ import annotations

import asyncio
import struct

import pytest

from bench.ws_client import Arrivals, LeanClient


class _Transport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__()
        self.written = bytearray()
        self.closing = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self.written += data

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True


def _server_frame(opcode: int, payload: bytes, *, final: bool = True) -> bytes:
    first = (0x80 if final else 0) | opcode
    if len(payload) < 126:
        return struct.pack("!BB", first, len(payload)) + payload
    if len(payload) < 65536:
        return struct.pack("!BBH", first, 126, len(payload)) + payload
    return struct.pack("!BBQ", first, 127, len(payload)) + payload


def _unmask(frame: bytes) -> tuple[int, bytes]:
    """(opcode, payload) of one masked client frame."""
    opcode, length, start = frame[0] & 0x0F, frame[1] & 0x7F, 2
    assert frame[1] & 0x80, "client frames must be masked"
    if length == 126:
        (length,) = struct.unpack_from("!H", frame, 2)
        start = 4
    mask, body = frame[start : start + 4], frame[start + 4 : start + 4 + length]
    return opcode, bytes(b ^ mask[i % 4] for i, b in enumerate(body))


async def _client(greeted: bool = False) -> tuple[LeanClient, Arrivals, _Transport]:
    arrivals, transport = Arrivals(), _Transport()
    client = LeanClient(3, arrivals, b"GET / HTTP/1.1\r\n\r\n", b"key", greeted)
    client.connection_made(transport)
    accept = client.accept.decode()
    client.data_received(
        f"HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: {accept}\r\n\r\n".encode()
    )
    return client, arrivals, transport


async def test_frames_of_every_length_split_anywhere_arrive_whole() -> None:
    client, arrivals, _ = await _client()
    payloads = [b'[{"type":"reaction","t":1}]', b"x" * 300, b"y" * 70_000]
    stream = b"".join(_server_frame(0x1, payload) for payload in payloads)
    for start in range(0, len(stream), 997):  # TCP cuts frames wherever it likes
        client.data_received(stream[start : start + 997])
    assert [payload for _, _, payload in arrivals.frames] == payloads
    assert {index for _, index, _ in arrivals.frames} == {3}
    assert arrivals.reactions == 1


async def test_fragmented_message_and_hello() -> None:
    client, arrivals, _ = await _client(greeted=True)
    client.data_received(_server_frame(0x1, b'[{"type":"presence"}]'))
    client.data_received(_server_frame(0x1, b'{"type": "hello", "worker": "w1"}'))
    client.data_received(_server_frame(0x1, b'[{"type":"reac', final=False))
    client.data_received(_server_frame(0x0, b'tion","t":2}]'))
    assert client.greeting is not None
    assert client.greeting.result() == b'{"type": "hello", "worker": "w1"}'
    assert [payload for _, _, payload in arrivals.frames] == [
        b'[{"type":"presence"}]',
        b'[{"type":"reaction","t":2}]',
    ]


@pytest.mark.parametrize("text", ["", "a", "ping", '{"type":"ping"}', "é" * 80])
async def test_sent_text_is_masked_and_round_trips(text: str) -> None:
    client, _, transport = await _client()
    transport.written.clear()
    client.send_text(text)
    assert _unmask(bytes(transport.written)) == (0x1, text.encode())


async def test_ping_is_answered_and_close_is_recorded() -> None:
    client, arrivals, transport = await _client()
    transport.written.clear()
    client.data_received(_server_frame(0x9, b"hi"))
    assert _unmask(bytes(transport.written)) == (0xA, b"hi")
    client.data_received(_server_frame(0x8, struct.pack("!H", 4401) + b"no ticket"))
    assert arrivals.closes == [(4401, "no ticket")]
    assert transport.closing


async def test_a_refused_upgrade_fails_the_connect() -> None:
    arrivals, transport = Arrivals(), _Transport()
    client = LeanClient(0, arrivals, b"GET / HTTP/1.1\r\n\r\n", b"key", False)
    client.connection_made(transport)
    client.data_received(b"HTTP/1.1 403 Forbidden\r\n\r\n")
    with pytest.raises(ConnectionError, match="403"):
        await client.upgraded
