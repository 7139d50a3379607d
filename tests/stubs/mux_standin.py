"""A local Mux: the parts of the Video API that mux_python calls, the direct-upload URL the
browser PUTs to, and the signed webhooks Mux sends afterwards.

Wire format as Mux documents it: JSON bodies wrapped in {"data": ...}, HTTP basic auth with the
access token, 201 on create, {"error": {"type", "messages"}} errors, and webhooks signed with
`mux-signature: t=<unix>,v1=<hex HMAC-SHA256 of "{t}.{body}">`. Its signing code is written
here on purpose (not imported from microshort) so the route is checked against the format.

After a PUT, webhooks go out synchronously (before the PUT is answered): upload.asset_created,
asset.created, then asset.ready — or asset.errored when the bytes start with b"BROKEN".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from tests.stubs.served import Served

Deliver = Callable[[bytes, dict[str, str]], int]
BROKEN_REASON = "The file you uploaded was not recognized as a valid video file."
TOKEN_ID, TOKEN_SECRET, WEBHOOK_SECRET = "standin-id", "standin-secret", "standin-whsec"
CORS_PREFLIGHT = {
    "Access-Control-Allow-Methods": "PUT, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Content-Range",
}


def mux_id() -> str:
    return secrets.token_urlsafe(24).replace("-", "a").replace("_", "b")


def signature_header(body: bytes, secret: str, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def envelope(event_type: str, data: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    kind = "upload" if event_type.startswith("video.upload.") else "asset"
    return {
        "type": event_type,
        "id": event_id or str(uuid.uuid4()),
        "created_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "object": {"type": kind, "id": data.get("id")},
        "environment": {"name": "Development", "id": "standin-env"},
        "data": data,
        "attempts": [],
        **dict.fromkeys(("accessor", "accessor_source", "request_id")),
    }


@dataclass(kw_only=True)
class MuxStandIn(Served):
    """Use as a context manager; webhooks go to `deliver(body, headers)` or to `webhook_url`."""

    token_id: str = TOKEN_ID
    token_secret: str = TOKEN_SECRET
    webhook_secret: str = WEBHOOK_SECRET
    deliver: Deliver | None = None
    webhook_url: str | None = None
    duration: float = 42.5
    size: tuple[int, int] = (1080, 1920)  # width, height of the "source"
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    assets: dict[str, dict[str, Any]] = field(default_factory=dict)
    received: list[tuple[str, str, Any]] = field(default_factory=list)  # method, path, JSON
    deliveries: list[tuple[str, int]] = field(default_factory=list)  # event type, HTTP status
    lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    def signed_event(
        self,
        event_type: str,
        data: dict[str, Any],
        *,
        event_id: str | None = None,
        timestamp: int | None = None,
    ) -> tuple[bytes, dict[str, str]]:
        body = json.dumps(envelope(event_type, data, event_id)).encode()
        headers = {
            "content-type": "application/json",
            "mux-signature": signature_header(body, self.webhook_secret, timestamp),
        }
        return body, headers

    def send(self, event_type: str, data: dict[str, Any]) -> int:
        body, headers = self.signed_event(event_type, data)
        if self.deliver is not None:
            status = self.deliver(body, headers)
        elif self.webhook_url:
            status = httpx.post(self.webhook_url, content=body, headers=headers).status_code
        else:
            status = 0
        self.deliveries.append((event_type, status))
        return status

    def finish_upload(self, upload_id: str, content: bytes) -> None:
        with self.lock:
            upload = self.uploads[upload_id]
            settings = dict(upload["new_asset_settings"])
            asset_id = mux_id()
            upload.update(status="asset_created", asset_id=asset_id)
            policies = settings.get("playback_policies") or settings.get("playback_policy")
            policies = [policies] if isinstance(policies, str) else list(policies or [])
            asset: dict[str, Any] = {"id": asset_id, "status": "preparing", "upload_id": upload_id}
            asset.update(passthrough=settings.get("passthrough"), created_at=str(int(time.time())))
            asset["playback_ids"] = [{"id": mux_id(), "policy": p} for p in policies]
            asset["video_quality"] = settings.get("video_quality")
            asset.update(ingest_type="on_demand_direct_upload", mp4_support="none")
            self.assets[asset_id] = asset
        self.send("video.upload.asset_created", dict(upload))
        self.send("video.asset.created", dict(asset))
        if content.startswith(b"BROKEN"):
            asset.update(
                status="errored", errors={"type": "invalid_input", "messages": [BROKEN_REASON]}
            )
            self.send("video.asset.errored", dict(asset))
            return
        width, height = self.size
        video = dict(type="video", id=mux_id(), max_width=width, max_height=height)
        audio = dict(type="audio", id=mux_id(), max_channels=2, duration=self.duration)
        asset.update(
            status="ready",
            duration=self.duration,
            aspect_ratio="9:16",
            max_stored_resolution="FHD",
            resolution_tier="1080p",
            tracks=[{**video, "max_frame_rate": 30.0, "duration": self.duration}, audio],
        )
        self.send("video.asset.ready", dict(asset))


def _error(kind: str, message: str) -> dict[str, Any]:
    return {"error": {"type": kind, "messages": [message]}}


class _Handler(BaseHTTPRequestHandler):
    standin: MuxStandIn

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read the recorded requests instead."""

    def _reply(
        self, status: int, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        raw = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if raw:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _authorized(self) -> bool:
        expected = base64.b64encode(
            f"{self.standin.token_id}:{self.standin.token_secret}".encode()
        ).decode()
        if hmac.compare_digest(self.headers.get("Authorization", ""), f"Basic {expected}"):
            return True
        self._reply(401, _error("unauthorized", "Unauthorized request"))
        return False

    def _api(self) -> None:
        method, raw = self.command, self._body()
        if not self._authorized():
            return
        body = json.loads(raw) if raw else None
        self.standin.received.append((method, self.path, body))
        found = re.fullmatch(r"/video/v1/(uploads|assets)(?:/([\w-]+))?", self.path.split("?")[0])
        if not found:
            return self._reply(404, _error("not_found", "Not found"))
        collection, item = found.groups()
        store = self.standin.uploads if collection == "uploads" else self.standin.assets
        if method == "POST" and collection == "uploads" and item is None:
            return self._create_upload(body if isinstance(body, dict) else {})
        if item is None or item not in store:
            return self._reply(404, _error("not_found", f"{collection[:-1]} not found"))
        if method == "GET":
            return self._reply(200, {"data": store[item]})
        if method == "DELETE" and collection == "assets":
            del store[item]
            return self._reply(204)
        return self._reply(405, _error("invalid_parameters", "Method not allowed"))

    def _create_upload(self, body: dict[str, Any]) -> None:
        upload_id = mux_id()
        upload = dict(id=upload_id, status="waiting", timeout=body.get("timeout", 3600), test=False)
        upload["url"] = f"{self.standin.base_url}/upload/{upload_id}"
        upload["cors_origin"] = body.get("cors_origin")
        upload["new_asset_settings"] = body.get("new_asset_settings") or {}
        self.standin.uploads[upload_id] = upload
        self._reply(201, {"data": upload})

    do_GET = do_POST = do_DELETE = _api

    def do_OPTIONS(self) -> None:  # the browser's CORS preflight for the PUT
        upload = self.standin.uploads.get(self.path.rsplit("/", 1)[-1], {})
        origin = upload.get("cors_origin") or "null"
        self._reply(204, headers={"Access-Control-Allow-Origin": origin, **CORS_PREFLIGHT})

    def do_PUT(self) -> None:
        content = self._body()
        upload_id = self.path.removeprefix("/upload/")
        upload = self.standin.uploads.get(upload_id)
        if upload is None:
            return self._reply(404, _error("not_found", "upload not found"))
        if upload["status"] != "waiting":
            return self._reply(409, _error("invalid_parameters", "upload already used"))
        self.standin.finish_upload(upload_id, content)
        self._reply(200, headers={"Access-Control-Allow-Origin": upload["cors_origin"] or "*"})


MuxStandIn.handler = _Handler  # defined below the stand-in it serves
