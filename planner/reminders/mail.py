"""Composing reminder mails: Swedish, plain text and HTML (user text escaped by Jinja), a link
straight to each item, and RFC 8058 one-click unsubscribe headers."""

from __future__ import annotations

import quopri
from dataclasses import dataclass, field
from datetime import date
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from planner.models import utcnow
from planner.reminders import unsubscribe
from planner.reminders.sources import DUE_SOON, FOLLOW_UP_SOON, OVERDUE, Notice


@dataclass
class Entry:
    title: str
    detail: str
    url: str


@dataclass
class Section:
    heading: str
    entries: list[Entry] = field(default_factory=list)
    more: int = 0  # entries left out to keep the mail short


@dataclass
class Mail:
    to_name: str
    to_email: str
    subject: str
    intro: str
    sections: list[Section]
    reason: str  # why this person gets this mail
    plan_id: int | None = None  # a plan digest: its unsubscribe stops that digest only
    recipient_id: int = 0
    reference: str = ""  # the ledger row, for the log and the demo's file name


def absolute(path: str) -> str:
    return current_app.config["BASE_URL"] + path


def _days(n: int) -> str:
    if n == 0:
        return _("idag")
    if n == 1:
        return _("imorgon")
    return _("om %(n)d dagar", n=n)


def describe(notice: Notice, today: date) -> str:
    """One line about the item: what date, and how far away or late."""
    day = notice.day.isoformat()
    if notice.reminder_kind == OVERDUE:
        return _("Slutdatum %(date)s, försenad %(n)d dagar", date=day, n=(today - notice.day).days)
    if notice.reminder_kind == FOLLOW_UP_SOON:
        return _("Uppföljning %(date)s (%(when)s)", date=day, when=_days((notice.day - today).days))
    return _("Slutdatum %(date)s (%(when)s)", date=day, when=_days((notice.day - today).days))


def entry(notice: Notice, today: date) -> Entry:
    return Entry(
        notice.title, f"{notice.context}. {describe(notice, today)}", absolute(notice.path)
    )


def _subject(notices: list[Notice]) -> str:
    if len(notices) == 1:
        notice = notices[0]
        subjects = {
            DUE_SOON: _("Påminnelse: %(title)s ska vara klar %(date)s"),
            FOLLOW_UP_SOON: _("Påminnelse: uppföljning av %(title)s %(date)s"),
            OVERDUE: _("Försenad: %(title)s skulle ha varit klar %(date)s"),
        }
        return subjects[notice.reminder_kind] % {
            "title": notice.title,
            "date": notice.day.isoformat(),
        }
    late = sum(n.reminder_kind == OVERDUE for n in notices)
    return _(
        "Påminnelse: %(n)d saker du är ansvarig för, %(late)d försenade",
        n=len(notices),
        late=late,
    )


def reminders(user, notices: list[Notice], today: date) -> Mail:
    """The reminders due for one person in this run, in one mail: overdue first."""
    with force_locale("sv"):
        late = [entry(n, today) for n in notices if n.reminder_kind == OVERDUE]
        soon = [entry(n, today) for n in notices if n.reminder_kind != OVERDUE]
        if not late or not soon:
            sections = [Section("", late + soon)]
        else:
            sections = [Section(_("Försenat"), late), Section(_("Snart"), soon)]
        return Mail(
            user.name,
            user.email,
            _subject(notices),
            _("Du är ansvarig för det här:"),
            sections,
            _("Du får det här för att du är ansvarig och har valt en påminnelse i taget."),
            recipient_id=user.id,
        )


def _part(body: str, subtype: str) -> MIMEText:
    part = MIMEText("", subtype, "utf-8")
    part.replace_header("Content-Transfer-Encoding", "quoted-printable")
    part.set_payload(quopri.encodestring(body.encode()).decode("ascii"))
    return part


def build(mail: Mail) -> Message:
    """The message: text and HTML alternatives, headers for one-click unsubscribe. Built with
    the classic (compat32) email classes: three times faster than EmailMessage, which counts
    when a run writes thousands."""
    config = current_app.config
    with force_locale("sv"):
        link = absolute(
            f"/paminnelser/avsluta/{unsubscribe.token(mail.recipient_id, mail.plan_id)}"
        )
        context = {
            "mail": mail,
            "unsubscribe_url": link,
            "settings_url": absolute("/konto/paminnelser"),
        }
        text = render_template("reminders/mail.txt", **context)
        html = render_template("reminders/mail.html", **context)
    message = MIMEMultipart("alternative")
    message["From"] = config["MAIL_FROM"]
    message["To"] = formataddr((mail.to_name, mail.to_email), charset="utf-8")
    message["Subject"] = Header(mail.subject, "utf-8")
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=urlsplit(config["BASE_URL"]).hostname or "planner")
    message["Auto-Submitted"] = "auto-generated"
    message["List-Unsubscribe"] = f"<{link}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if mail.reference:
        message["X-Planner-Reminder"] = mail.reference
    message.attach(_part(text, "plain"))
    message.attach(_part(html, "html"))
    return message
