"""A real SMTP server for tests (aiosmtpd on 127.0.0.1) that records what it accepts."""

from __future__ import annotations

import email
import socket
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    """Accepts mail; refuses recipients containing 'bounce' and, when set, every message."""

    def __init__(self, password: str) -> None:
        self.password = password
        self.messages: list[EmailMessage] = []
        self.logins: list[tuple[str, str]] = []
        self.reject_data: str | None = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if "bounce" in address:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.reject_data:
            return self.reject_data
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        login, password = data.login.decode(), data.password.decode()
        self.logins.append((login, password))
        if password == self.password:
            return AuthResult(success=True, auth_data=data)
        # A careless server echoing what it got: what we store must still hide it.
        return AuthResult(
            success=False, handled=False, message=f"535 5.7.8 bad password {password}"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(sink: Sink) -> tuple[Controller, int]:
    """Start a server for `sink` on a free local port (AUTH allowed without TLS, loopback)."""
    port = free_port()
    controller = Controller(
        sink,
        hostname="127.0.0.1",
        port=port,
        authenticator=sink.authenticate,
        auth_require_tls=False,
    )
    controller.start()
    return controller, port
