"""The mail transport interface."""

from __future__ import annotations

from typing import Protocol


class MailDeliveryError(Exception):
    """A mail could not be handed over. The message is readable and holds no secret."""


class MailTransport(Protocol):
    def send(self, *, sender: str, to: str, subject: str, body: str) -> None:
        """Hand one plain-text mail to the mail system; raise MailDeliveryError on failure."""
        ...
