"""Stripe's wire format for the stand-in: form decoding, ids, signatures, errors, and the HTTP
handler (bearer-key auth, Idempotency-Key replay, `{"error": {...}}` bodies)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from http.server import BaseHTTPRequestHandler
from typing import Any, Protocol
from urllib.parse import parse_qsl

Deliver = Callable[[bytes, dict[str, str]], int]


class Api(Protocol):
    api_key: str
    lock: threading.Lock
    idempotent: dict[str, tuple[str, int, dict[str, Any]]]

    def handle(
        self, method: str, path: str, form: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]: ...


def stripe_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def sign(body: bytes, secret: str, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def decode_form(body: str) -> dict[str, Any]:
    """`a[b][0][c]=1` → {"a": {"b": [{"c": "1"}]}} (lists where every key is a number)."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = [key.split("[", 1)[0], *re.findall(r"\[([^\]]*)\]", key)]
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def listify(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        items = {k: listify(v) for k, v in value.items()}
        if items and all(k.isdigit() for k in items):
            return [items[k] for k in sorted(items, key=int)]
        return items

    return listify(root)


class StripeError(Exception):
    def __init__(self, status: int, message: str, *, param: str | None = None, code: str = ""):
        super().__init__(message)
        self.status, self.body = status, {"type": "invalid_request_error", "message": message}
        if param:
            self.body["param"] = param
        if code:
            self.body["code"] = code


class Handler(BaseHTTPRequestHandler):
    standin: Api

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _reply(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Request-Id", stripe_id("req"))
        self.end_headers()
        self.wfile.write(body)

    def _serve(self, method: str) -> None:
        standin = self.standin
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        if self.headers.get("Authorization") != f"Bearer {standin.api_key}":
            given = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            message = f"Invalid API Key provided: {given[:8]}****{given[-4:]}"
            self._reply(401, {"error": {"type": "invalid_request_error", "message": message}})
            return
        path = self.path.split("?", 1)[0]
        key = self.headers.get("Idempotency-Key") if method == "POST" else None
        with standin.lock if key else nullcontext():
            if key and key in standin.idempotent:
                first_raw, status, payload = standin.idempotent[key]
                if first_raw != raw:
                    error = {
                        "type": "idempotency_error",
                        "message": "Keys for idempotent requests can only be used with the same "
                        "parameters they were first used with.",
                    }
                    self._reply(400, {"error": error})
                else:
                    self._reply(status, payload)
                return
            try:
                status, payload = standin.handle(method, path, decode_form(raw))
            except StripeError as error:
                status, payload = error.status, {"error": error.body}
            if key and status < 500:
                standin.idempotent[key] = (raw, status, payload)
        self._reply(status, payload)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")
