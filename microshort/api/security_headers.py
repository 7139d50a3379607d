"""Security headers on every response, Reflex's pages and assets included.

The Content-Security-Policy is what the frontend really needs, no more:
- scripts from our origin, plus `'unsafe-inline'` (the built pages boot with inline scripts whose
  text changes per build and per page) and `'unsafe-eval'` (Reflex runs `rx.call_script` /
  `call_function` through `eval` in its state.js, and the player and share buttons use them);
- styles inline too (Radix and emotion write `<style>` tags and `style=` attributes at runtime);
- media and workers from `blob:` (hls.js feeds the <video> a MediaSource blob URL and may start
  a worker from a blob);
- connections to our origin over http(s) and ws(s) (`/_event`, `/ws/rooms/…`), plus Mux's
  stream, image and upload hosts when Mux serves the video;
- nothing may frame us (clickjacking), no plugins, no foreign <base> or form targets.
HSTS only over https: on a plain-http local run it would be ignored anyway, and it must never
stick to a localhost that later serves something else.
"""

from __future__ import annotations

from functools import lru_cache

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from microshort.config import PaymentsProviderName, Settings, VideoProviderName, get_settings

MUX_MEDIA = ("https://stream.mux.com", "https://*.mux.com")
MUX_IMAGES = ("https://image.mux.com",)
# Mux direct uploads: the browser PUTs the file to the URL Mux hands out (Google Cloud Storage).
MUX_UPLOADS = ("https://storage.googleapis.com", "https://*.mux.com")
STRIPE_CHECKOUT = ("https://checkout.stripe.com",)

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "interest-cohort=(), browsing-topics=(), fullscreen=(self), picture-in-picture=(self), "
    "autoplay=(self), clipboard-write=(self)"
)
HSTS = "max-age=31536000; includeSubDomains"


def _socket_origins(origins: tuple[str, ...]) -> tuple[str, ...]:
    """ws(s):// twins of our http(s) origins: not every browser counts them as 'self'. CSP has
    no syntax for IPv6 literals ([::1]): a browser reaching us there relies on 'self'."""
    return tuple(origin.replace("http", "ws", 1) for origin in origins if "[" not in origin)


def content_security_policy(settings: Settings) -> str:
    mux = settings.video_provider == VideoProviderName.MUX
    stripe = settings.payments_provider == PaymentsProviderName.STRIPE
    connect = ("'self'", *_socket_origins(settings.allowed_origins))
    if mux:
        connect += (*MUX_MEDIA, *MUX_UPLOADS)
    directives: dict[str, tuple[str, ...]] = {
        "default-src": ("'self'",),
        "script-src": ("'self'", "'unsafe-inline'", "'unsafe-eval'"),
        "style-src": ("'self'", "'unsafe-inline'"),
        "img-src": ("'self'", "data:", "blob:", *(MUX_IMAGES if mux else ())),
        "font-src": ("'self'", "data:"),
        "media-src": ("'self'", "blob:", *(MUX_MEDIA if mux else ())),
        "worker-src": ("'self'", "blob:"),
        "connect-src": tuple(dict.fromkeys(connect)),
        "frame-src": ("'none'",),
        "frame-ancestors": ("'none'",),
        "object-src": ("'none'",),
        "base-uri": ("'self'",),
        "form-action": ("'self'", *(STRIPE_CHECKOUT if stripe else ())),
        "manifest-src": ("'self'",),
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


@lru_cache(maxsize=4)
def security_headers(settings: Settings) -> tuple[tuple[str, str], ...]:
    headers = [
        ("Content-Security-Policy", content_security_policy(settings)),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if settings.base_url.startswith("https://"):
        headers.append(("Strict-Transport-Security", HSTS))
    return tuple(headers)


class SecurityHeaders:
    """ASGI middleware: adds the headers above to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp, settings: Settings | None = None) -> None:
        self.app = app
        self._settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = security_headers(self._settings or get_settings())

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in added:
                    if name not in headers:
                        headers.append(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
