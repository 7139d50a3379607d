"""Mail through an SMTP server: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start)."""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import unquote, urlsplit

from microshort.integrations.email.base import MailDeliveryError

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}


@dataclass(frozen=True)
class SmtpTransport:
    host: str
    port: int
    implicit_tls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 10.0

    @classmethod
    def from_url(cls, url: str, timeout: float = 10) -> SmtpTransport:
        """Parse smtp://user:password@host:port or smtps://…; user and password are URL-decoded.

        Error messages never repeat the URL (it may hold the password).
        """
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS:
            raise ValueError("the mail server URL must start with smtp:// or smtps://")
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError:
            raise ValueError("the mail server URL has an invalid port") from None
        if not parts.hostname:
            raise ValueError("the mail server URL has no host")
        return cls(
            host=parts.hostname,
            port=port,
            implicit_tls=parts.scheme == "smtps",
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password is not None else None,
            timeout=timeout,
        )

    def send(self, *, sender: str, to: str, subject: str, body: str) -> None:
        try:
            message = _message(sender=sender, to=to, subject=subject, body=body)
        except ValueError:
            raise MailDeliveryError("the mail has an invalid address or subject") from None
        try:
            with self._connect() as smtp:
                self._secure_and_login(smtp)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            code, answer = next(iter(error.recipients.values()), (0, b""))
            raise self._error("refused the recipient", _reply(code, answer)) from None
        except smtplib.SMTPSenderRefused as error:
            raise self._error(
                "refused the sender", _reply(error.smtp_code, error.smtp_error)
            ) from None
        except smtplib.SMTPAuthenticationError as error:
            raise self._error(
                "rejected the login", _reply(error.smtp_code, error.smtp_error)
            ) from None
        except smtplib.SMTPResponseException as error:
            raise self._error(
                "refused the mail", _reply(error.smtp_code, error.smtp_error)
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            text = f"could not deliver through {self.host}:{self.port}: {error}"
            raise self._error("", text) from None

    def _connect(self) -> smtplib.SMTP:
        if self.implicit_tls:
            return smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        return smtplib.SMTP(self.host, self.port, timeout=self.timeout)

    def _secure_and_login(self, smtp: smtplib.SMTP) -> None:
        smtp.ehlo()
        secure = self.implicit_tls
        if not secure and smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
            secure = True
        if self.username is None:
            return
        if not secure and not _is_loopback(self.host):
            raise MailDeliveryError(
                f"the mail server {self.host}:{self.port} offers no STARTTLS; "
                "refusing to send the password unencrypted"
            )
        smtp.login(self.username, self.password or "")

    def _error(self, what: str, detail: str) -> MailDeliveryError:
        """A readable MailDeliveryError that cannot carry the password, whatever was echoed."""
        text = f"the mail server {what}: {detail}" if what else detail
        if self.password:
            text = text.replace(self.password, "***")
        return MailDeliveryError(text[:900])


def _message(*, sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    domain = parseaddr(sender)[1].rpartition("@")[2]
    message["Message-ID"] = make_msgid(domain=domain or None)
    message.set_content(body)
    return message


def _reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return f"{code} {' '.join(text.split())}".strip()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
