"""GET /api/openapi.json: an OpenAPI 3.0 description of the `/api` routes.

Written by hand next to the handlers it describes; tests/integration/test_openapi.py fails
when a route in microshort/api/routes.py under /api is missing here (or described with another
method), and fuzzes every operation with schemathesis expecting no 5xx.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

_TEXT = {"text/plain": {"schema": {"type": "string"}}}
_ERROR = {
    "application/json": {"schema": {"type": "object", "properties": {"error": {"type": "string"}}}}
}


def _answer(description: str, content: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, **({"content": content} if content else {})}


def _redirect(description: str) -> dict[str, Any]:
    return {"description": description, "headers": {"Location": {"schema": {"type": "string"}}}}


def _webhook(provider: str, signature_header: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": f"{provider} webhook events, each applied once (signature checked)",
            "operationId": f"{provider.lower()}Webhook",
            "tags": ["webhooks"],
            "parameters": [
                {"name": signature_header, "in": "header", "schema": {"type": "string"}}
            ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            "responses": {
                "200": _answer(
                    "processed, duplicate or ignored",
                    {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"status": {"type": "string"}},
                            }
                        }
                    },
                ),
                "400": _answer("bad signature or malformed event", _ERROR),
                "413": _answer("body over 1 MB", _ERROR),
                "503": _answer(f"{provider} is not configured", _ERROR),
            },
        }
    }


EPISODE_ID = {
    "name": "episode_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer"},
}

PATHS: dict[str, dict[str, Any]] = {
    "/api/health": {
        "get": {
            "summary": "Whether the app and the services it depends on answer",
            "operationId": "health",
            "responses": {
                "200": _answer("everything answers", {"application/json": {"schema": {}}}),
                "503": _answer("a dependency is down", {"application/json": {"schema": {}}}),
            },
        }
    },
    "/api/openapi.json": {
        "get": {
            "summary": "This description",
            "operationId": "openapi",
            "responses": {"200": _answer("OpenAPI 3.0", {"application/json": {"schema": {}}})},
        }
    },
    "/api/auth/complete": {
        "get": {
            "summary": "Trade the log-in form's single-use code (and its nonce cookie) for a "
            "session cookie",
            "operationId": "completeLogin",
            "tags": ["auth"],
            "parameters": [{"name": "code", "in": "query", "schema": {"type": "string"}}],
            "responses": {
                "303": _redirect("to the page the viewer was going to, or back to the log-in")
            },
        }
    },
    "/api/auth/signout": {
        "post": {
            "summary": "End the session and clear its cookie",
            "operationId": "signOut",
            "tags": ["auth"],
            "responses": {
                "303": _redirect("to the home page"),
                "403": _answer("refused: from another site's page", _TEXT),
            },
        }
    },
    "/api/uploads/{upload_id}": {
        "put": {
            "summary": "The body of an episode's video, to a single-use expiring upload link",
            "operationId": "receiveUpload",
            "tags": ["studio"],
            "parameters": [
                {"name": "upload_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            },
            "responses": {
                "202": _answer("stored; processing started", {"application/json": {"schema": {}}}),
                "400": _answer("the upload was interrupted", _ERROR),
                "404": _answer("no such upload link (or it was used or expired)", _ERROR),
                "413": _answer("over MICROSHORT_MAX_UPLOAD_MB", _ERROR),
                "422": _answer("not a video MicroShort accepts", _ERROR),
            },
        }
    },
    "/api/progress/{episode_id}": {
        "post": {
            "summary": "The player's position when the tab closes (navigator.sendBeacon)",
            "operationId": "recordProgress",
            "tags": ["watch"],
            "parameters": [EPISODE_ID],
            "requestBody": {
                "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["seconds", "duration"],
                            "properties": {
                                "seconds": {"type": "number"},
                                "duration": {"type": "number"},
                            },
                        }
                    },
                }
            },
            "responses": {
                "204": _answer("saved"),
                "400": _answer("not {seconds, duration}", _TEXT),
                "401": _answer("no viewer (neither signed in nor an anonymous cookie)"),
                "403": _answer("this episode does not play for the viewer"),
                "404": _answer("no such episode", _TEXT),
                "413": _answer("body over 512 bytes"),
            },
        }
    },
    "/api/share-links": {
        "post": {
            "summary": "A short /s/<code> link to a series or an episode (and a moment in it)",
            "operationId": "makeShareLink",
            "tags": ["share"],
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "episode_id": {"type": "integer"},
                                "series": {"type": "string", "maxLength": 200},
                                "t": {"type": "integer", "minimum": 0},
                                "channel": {"type": "string"},
                            },
                        }
                    }
                }
            },
            "responses": {
                "201": _answer(
                    "made (or the sharer's existing link for the same target and channel)",
                    {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "code": {"type": "string"},
                                    "path": {"type": "string"},
                                    "url": {"type": "string"},
                                },
                            }
                        }
                    },
                ),
                "400": _answer("not a series or episode, a bad moment or channel", _ERROR),
                "404": _answer("no such published series or episode", _ERROR),
                "413": _answer("body too large", _ERROR),
                "429": _answer("too many links made; see Retry-After", _ERROR),
            },
        }
    },
    "/api/offline/check": {
        "post": {
            "summary": "May the signed-in viewer keep this episode offline, and which files",
            "operationId": "offlineCheck",
            "tags": ["watch"],
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["episode_id"],
                            "properties": {"episode_id": {"type": "integer"}},
                        }
                    }
                }
            },
            "responses": {
                "200": _answer(
                    "allowed: the lowest rendition's files, signed when the episode is locked",
                    {"application/json": {"schema": {"type": "object"}}},
                ),
                "400": _answer('not {"episode_id": n}', _ERROR),
                "401": _answer("not signed in", _ERROR),
                "403": _answer("the viewer may not watch this episode", _ERROR),
                "404": _answer("no such episode", _ERROR),
                "409": _answer("not ready, or hosted where it cannot be saved", _ERROR),
            },
        }
    },
    "/api/webhooks/mux": _webhook("Mux", "mux-signature"),
    "/api/webhooks/stripe": _webhook("Stripe", "stripe-signature"),
}

DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "MicroShort API",
        "version": "1",
        "description": "The HTTP routes under /api. Pages, media, the live-room socket and "
        "Reflex's /_event socket are not part of it.",
    },
    "paths": PATHS,
}


async def openapi_document(_request: Request) -> JSONResponse:
    return JSONResponse(DOCUMENT, headers={"Cache-Control": "no-cache"})
