"""The member responsible for a measure is reminded of its values due, through a real SMTP
server: before the current period ends (the organisation's lead days) and when the latest
ended period has no value (once, then weekly); recording the value stops it; lost access or
an archived plan: no mail."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete

from planner.auth.models import READER, Membership
from planner.extensions import db
from planner.reminders import settings
from planner.reminders.models import WEEKLY
from tests.factories import commit, make_measure, make_org, make_plan, make_user, record
from tests.html import page
from tests.reminders.conftest import html_of, text_of
from tests.reminders.test_sending import BASE, send

# The second quarter ended on 30 June; the third ends on 30 September.
TODAY = date(2026, 7, 10)


def _world():
    region = make_org("Region Mått")
    unit = make_org("Avdelning <5>", "enhet", region)
    plan = make_plan(region, title="Plan & mått")
    anna = make_user("anna@test.se", READER, region, name="Anna Ansvarig")
    make_user("bo@test.se", READER, region, name="Bo Bredvid")
    bhk = make_measure(plan, name="BHK <hygien>", rhythm="quarterly")
    bhk.responsible_user_id = anna.id
    commit()
    return region, unit, plan, anna, bhk


def test_overdue_value_reminded_once_then_weekly_until_recorded(app, smtp):
    region, unit, plan, anna, bhk = _world()
    send(app, smtp, TODAY)
    (mail,) = smtp.messages
    assert mail["To"].addresses[0].addr_spec == "anna@test.se"
    assert str(mail["Subject"]) == (
        "Försenad: Mätvärde: BHK <hygien>, kvartal 2 2026 skulle ha varit klar 2026-06-30"
    )
    text = text_of(mail)
    link = f"{BASE}/matt/{bhk.id}/varde?period=2026-Q2"
    assert link in text and "Plan & mått" in text and "försenad 10 dagar" in text
    html = html_of(mail)
    assert "BHK &lt;hygien&gt;" in html and "<hygien>" not in html
    send(app, smtp, TODAY)  # a second run the same day
    send(app, smtp, TODAY + timedelta(days=3))  # the same overdue week
    assert len(smtp.messages) == 1
    send(app, smtp, TODAY + timedelta(days=7))  # a week later: again
    assert len(smtp.messages) == 2
    record(bhk, unit, "2026-Q2", 88)  # a unit's value: the period has its value
    commit()
    send(app, smtp, TODAY + timedelta(days=14))
    assert len(smtp.messages) == 2


def test_reminded_before_the_current_period_ends(app, smtp):
    region, unit, plan, anna, bhk = _world()
    record(bhk, region, "2026-Q2", 91)
    commit()
    send(app, smtp, date(2026, 9, 16))  # 14 days before 30 September
    (mail,) = smtp.messages
    assert str(mail["Subject"]) == (
        "Påminnelse: Mätvärde: BHK <hygien>, kvartal 3 2026 ska vara klar 2026-09-30"
    )
    assert f"{BASE}/matt/{bhk.id}/varde?period=2026-Q3" in text_of(mail)
    send(app, smtp, date(2026, 9, 20))  # between the leads: nothing new
    assert len(smtp.messages) == 1
    record(bhk, region, "2026-Q3", 92)  # measured early: no reminder the day before
    commit()
    send(app, smtp, date(2026, 9, 29))
    send(app, smtp, date(2026, 10, 2))  # nor once it ended
    assert len(smtp.messages) == 1


def test_the_link_opens_the_value_form_for_that_period(app, smtp, anonymous):
    region, unit, plan, anna, bhk = _world()
    anna.memberships[0].role = "redaktor"
    commit()
    send(app, smtp, TODAY)
    link = next(
        line.strip() for line in text_of(smtp.messages[0]).splitlines() if "/varde?" in line
    )
    anonymous.login("anna@test.se")
    response = anonymous.get(link.removeprefix(BASE))
    assert response.status_code == 200
    chosen = page(response).select_one("select#period option[selected]")
    assert chosen["value"] == "2026-Q2" and chosen.get_text() == "kvartal 2 2026"


def test_no_mail_after_access_is_lost_or_the_plan_is_archived(app, smtp):
    region, unit, plan, anna, bhk = _world()
    plan.status = "arkiverad"
    commit()
    send(app, smtp, TODAY)
    assert smtp.messages == []
    plan.status = "faststalld"
    db.session.execute(delete(Membership).where(Membership.user_id == anna.id))
    commit()
    send(app, smtp, TODAY)
    assert smtp.messages == []


def test_in_the_weekly_digest(app, smtp):
    region, unit, plan, anna, bhk = _world()
    settings.set_mode(anna, WEEKLY)
    commit()
    send(app, smtp, date(2026, 7, 13))  # a Monday
    (mail,) = smtp.messages
    assert str(mail["Subject"]).startswith("Veckobrev: 1 försenade")
    text = text_of(mail)
    assert "BHK <hygien>, kvartal 2 2026" in text and "Mätvärde 2026-06-30" in text
    assert f"{BASE}/matt/{bhk.id}/varde?period=2026-Q2" in text
