"""Where mail goes: an SMTP server (PLANNER_SMTP_URL), or without one a folder of .eml files
under the instance folder (the demo, a laptop)."""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.message import Message
from pathlib import Path
from urllib.parse import unquote, urlsplit


class TransportError(Exception):
    """The server (or folder) stopped taking mail: stop the run, try again next time."""


class MessageRefused(Exception):
    """This one message was refused for good (e.g. the address); the run goes on."""


class SmtpTransport:
    """One connection for the whole run. smtp:// uses STARTTLS when the server offers it and
    insists on it when a password is given (never a password in clear); smtps:// is TLS from
    the first byte."""

    def __init__(self, url: str, timeout: float = 30):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("PLANNER_SMTP_URL must start with smtp:// or smtps://")
        self.tls = parts.scheme == "smtps"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if self.tls else 587)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def describe(self) -> str:
        return f"{'smtps' if self.tls else 'smtp'}://{self.host}:{self.port}"

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.tls:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
            elif self.user:
                smtp.quit()
                raise TransportError("the server offers no STARTTLS; not sending a password")
        if self.user:
            smtp.login(self.user, self.password or "")
        return smtp

    def send(self, message: Message) -> None:
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise MessageRefused(str(error)) from error
        except smtplib.SMTPResponseException as error:
            if 500 <= error.smtp_code < 600 and error.smtp_code not in (530, 535, 554):
                raise MessageRefused(f"{error.smtp_code} {error.smtp_error!r}") from error
            self.close()
            raise TransportError(f"{error.smtp_code} {error.smtp_error!r}") from error
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise TransportError(repr(error)) from error

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            self._smtp = None


class FolderTransport:
    """Each message a readable .eml file, named by its ledger row."""

    def __init__(self, folder: Path):
        self.folder = folder

    def describe(self) -> str:
        return str(self.folder)

    def send(self, message: Message) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            name = message["X-Planner-Reminder"] or message["Message-ID"].strip("<>")
            path = self.folder / f"{name.replace('/', '_')}.eml"
            path.write_bytes(message.as_bytes())
        except OSError as error:
            raise TransportError(repr(error)) from error

    def close(self) -> None:
        pass


def from_config(config) -> SmtpTransport | FolderTransport:
    url = config.get("SMTP_URL")
    if url:
        return SmtpTransport(url)
    return FolderTransport(Path(config["MAIL_FOLDER"]))
