"""Outgoing mail: a transport interface and its SMTP implementation."""

from microshort.integrations.email.base import MailDeliveryError, MailTransport

__all__ = ["MailDeliveryError", "MailTransport"]
