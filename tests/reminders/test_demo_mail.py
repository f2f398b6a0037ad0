"""The demo shows reminders: without an SMTP server the mail lands in a folder, one readable
.eml file per message."""

from __future__ import annotations

import email
from email import policy

from sqlalchemy import select

from planner.clock import local_today
from planner.demo.loader import load_demo
from planner.extensions import db
from planner.results.models import Measure
from planner.results.periods import latest_ended
from tests.factories import commit
from tests.reminders.conftest import text_of


def test_the_demo_writes_its_reminders_to_a_folder(app, tmp_path):
    load_demo(local_today(), "demo-password-1")
    commit()
    app.config.update(SMTP_URL="", MAIL_FOLDER=str(tmp_path / "mail"), BASE_URL="http://demo.test")
    result = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert files, result.output
    messages = [email.message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]
    by_recipient = {}
    for message in messages:
        by_recipient.setdefault(message["To"].addresses[0].addr_spec, []).append(message)
    digest = by_recipient["redaktor@exempel.se"]
    assert any(str(m["Subject"]).startswith("Veckobrev om ") for m in digest)
    johan = by_recipient["johan.ek@vattersund.example"]
    assert [str(m["Subject"]).split(":")[0] for m in johan] == ["Veckobrev"]
    # his demo measure's last month has no value yet: the digest lists it, with its form
    (risk,) = db.session.scalars(select(Measure).where(Measure.catalogue_key == "riskbedomning"))
    due = latest_ended(risk.rhythm, local_today())
    assert f"{risk.name}, {due.label}" in text_of(johan[0])
    assert f"http://demo.test/matt/{risk.id}/varde?period={due.key}" in text_of(johan[0])
    anna = by_recipient["anna.lindqvist@vattersund.example"]
    assert any(str(m["Subject"]).startswith(("Påminnelse", "Försenad")) for m in anna)
    assert "http://demo.test/aktiviteter/" in text_of(anna[0])
    again = app.test_cli_runner().invoke(args=["reminders", "send"])
    assert " 0 brev skickade" in again.output
    assert len(list((tmp_path / "mail").glob("*.eml"))) == len(files)
