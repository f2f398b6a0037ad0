"""`flask reminders send` through a real SMTP server: the right people, the right items,
Swedish text and HTML, working links, and never a mail twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from planner.auth.models import EDITOR, READER, Membership
from planner.clock import local_today
from planner.extensions import db
from planner.reminders import settings
from planner.reminders.models import FAILED, SENT, WEEKLY, ReminderDelivery
from tests.factories import commit, days, make_activity, make_org, make_plan, make_user
from tests.reminders.conftest import html_of, text_of

TODAY = local_today()
BASE = "http://planner.test"


def on(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def send(app, smtp, day=TODAY, *extra):
    app.config.update(SMTP_URL=smtp.url, BASE_URL=BASE, MAIL_FROM="planner@region.test")
    result = app.test_cli_runner().invoke(
        args=["reminders", "send", "--today", day.isoformat(), *extra]
    )
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def world(app):
    region = make_org("Region Påminnelse")
    plan = make_plan(region, title="Plan <2026> & mer")
    anna = make_user("anna@test.se", READER, region, name="Anna Ansvarig")
    bo = make_user("bo@test.se", READER, region, name="Bo Bredvid")
    cecilia = make_user("cecilia@test.se", EDITOR, region, name="Cecilia Chef")
    soon = make_activity(plan, title="Rutin <b>för</b> & fall", due_date=days(14))
    soon.responsible_user_id = anna.id
    tomorrow = make_activity(
        plan, title="Utbildning i BHK", due_date=days(1), responsible_email="ANNA@test.se"
    )
    late = make_activity(plan, title="Riskanalys", due_date=days(-3))
    late.responsible_user_id = anna.id
    follow = make_activity(
        plan, title="Uppföljning av trycksår", due_date=days(60), follow_up_date=days(1)
    )
    follow.responsible_user_id = anna.id
    far = make_activity(plan, title="Långt bort", due_date=days(40))
    far.responsible_user_id = anna.id
    done = make_activity(plan, title="Redan klar", due_date=days(-3), status="klar")
    done.responsible_user_id = anna.id
    own = make_activity(plan, title="Cecilias egen", due_date=days(14))
    own.responsible_user_id = cecilia.id
    commit()
    return {"region": region, "plan": plan, "anna": anna, "bo": bo, "cecilia": cecilia,
            "soon": soon, "tomorrow": tomorrow, "late": late, "follow": follow}  # fmt: skip


def mail_to(smtp, address: str, index: int = -1):
    return smtp.to(address)[index]


def test_the_days_reminders_reach_the_responsible_person_in_swedish(app, smtp, world):
    result = send(app, smtp)
    assert result.exit_code == 0, result.output
    assert "2 brev skickade" in result.output
    assert smtp.to("bo@test.se") == []
    (anna,) = smtp.to("anna@test.se")
    assert str(anna["Subject"]) == "Påminnelse: 4 saker du är ansvarig för, 1 försenade"
    assert anna["From"] == "planner@region.test"
    assert "Anna Ansvarig" in anna["To"]
    text, html = text_of(anna), html_of(anna)
    assert "Hej Anna Ansvarig!" in text
    assert "Du är ansvarig för det här:" in text
    # overdue first, then what is coming, each with a link straight to it
    assert text.index("Försenat") < text.index("Riskanalys") < text.index("Snart")
    assert "försenad 3 dagar" in text
    assert f"Slutdatum {on(14)} (om 14 dagar)" in text
    assert f"Slutdatum {on(1)} (imorgon)" in text
    assert f"Uppföljning {on(1)} (imorgon)" in text
    assert "Långt bort" not in text and "Redan klar" not in text
    for key in ("soon", "tomorrow", "late", "follow"):
        assert f"{BASE}/aktiviteter/{world[key].id}" in text
    link = f"{BASE}/aktiviteter/{world['soon'].id}"
    assert "Rutin <b>för</b> & fall" in text  # plain text is not HTML
    assert "Rutin &lt;b&gt;för&lt;/b&gt; &amp; fall" in html  # user text escaped in HTML
    assert "<b>för</b>" not in html
    assert "Plan &lt;2026&gt; &amp; mer" in html
    assert f'href="{link}"' in html
    # one reminder alone says what it is about in the subject
    (cecilia,) = smtp.to("cecilia@test.se")
    assert str(cecilia["Subject"]) == f"Påminnelse: Cecilias egen ska vara klar {on(14)}"
    # the link works for the person it was sent to
    client = app.test_client()
    client.login("anna@test.se")
    page = client.get(link.removeprefix(BASE))
    assert page.status_code == 200
    assert "Rutin &lt;b&gt;för&lt;/b&gt; &amp; fall" in page.get_data(as_text=True)
    states = db.session.scalars(select(ReminderDelivery.state)).all()
    assert states == [SENT] * 5


def test_a_second_run_and_the_next_day_send_nothing_twice(app, smtp, world):
    assert send(app, smtp).exit_code == 0
    assert len(smtp.messages) == 2
    second = send(app, smtp)
    assert second.exit_code == 0
    assert "0 brev skickade" in second.output
    assert "5 påminnelser redan skickade" in second.output
    assert len(smtp.messages) == 2
    # The next day: the 1-day lead of the 14-day deadlines has not come; the overdue one
    # waits a week; tomorrow's items are due today (their 1-day reminder was sent).
    send(app, smtp, TODAY + timedelta(days=1))
    assert len(smtp.messages) == 2
    # A week after the first overdue mail: once more, while it stays overdue; and
    # tomorrow's deadline, now passed, is overdue for the first time.
    send(app, smtp, TODAY + timedelta(days=4))
    assert len(smtp.messages) == 3
    text = text_of(mail_to(smtp, "anna@test.se"))
    assert str(mail_to(smtp, "anna@test.se")["Subject"]).endswith(
        "2 saker du är ansvarig för, 2 försenade"
    )
    assert "Riskanalys" in text and "Utbildning i BHK" in text and "Rutin" not in text
    # 13 days on: the 1-day reminder before the 14-day deadlines.
    send(app, smtp, TODAY + timedelta(days=13))
    assert "Rutin" in text_of(mail_to(smtp, "anna@test.se"))
    assert len(smtp.to("cecilia@test.se")) == 2


def test_a_missed_day_catches_up_with_the_latest_reminder_only(app, smtp, world):
    # No run for ten days: the 14-day reminders are still relevant and go out once; the
    # 1-day ones of items whose date has passed do not; overdue ones go once.
    send(app, smtp, TODAY + timedelta(days=10))
    text = text_of(mail_to(smtp, "anna@test.se"))
    assert text.count("Rutin") == 1
    assert "Riskanalys" in text and "Utbildning i BHK" in text  # both overdue now
    assert "Uppföljning" not in text  # the follow-up date has passed
    assert len(smtp.messages) == 2
    send(app, smtp, TODAY + timedelta(days=10))
    assert len(smtp.messages) == 2


def test_unsubscribe_works_without_login_and_stops_the_mail(app, smtp, world):
    send(app, smtp)
    message = smtp.to("anna@test.se")[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"].strip().strip("<>")
    assert link.startswith(f"{BASE}/paminnelser/avsluta/")
    assert link in text_of(message)
    anonymous = app.test_client()
    path = link.removeprefix(BASE)
    confirm = anonymous.get(path)
    assert confirm.status_code == 200
    assert "Vill du sluta få påminnelser per e-post till anna@test.se?" in confirm.get_data(
        as_text=True
    )
    assert settings.mode_of(world["anna"]) == "each"  # a GET (a link scanner) changes nothing
    # RFC 8058 one-click: the mail program posts this body, without cookies or CSRF token.
    done = anonymous.post(path, data={"List-Unsubscribe": "One-Click"}, follow_redirects=True)
    assert done.status_code == 200
    assert "Du får inga fler påminnelser" in done.get_data(as_text=True)
    db.session.expire_all()
    assert settings.mode_of(world["anna"]) == "none"
    send(app, smtp, TODAY + timedelta(days=13))  # the 1-day reminder would be due now
    assert len(smtp.to("anna@test.se")) == 1
    # a forged or altered token is nobody's
    assert anonymous.get(path[:-3] + "abc").status_code == 404


def test_no_mail_about_an_organisation_one_lost_access_to(app, smtp, world):
    membership = db.session.scalars(
        select(Membership).where(Membership.user_id == world["anna"].id)
    ).one()
    db.session.delete(membership)
    commit()
    send(app, smtp)
    assert smtp.to("anna@test.se") == [] and len(smtp.to("cecilia@test.se")) == 1


def test_nothing_about_an_archived_plan(app, smtp, world):
    world["plan"].status = "arkiverad"
    settings.set_plan_digests(
        make_user("eva@test.se", EDITOR, world["region"]), add={world["plan"].id}
    )
    commit()
    send(app, smtp)
    assert smtp.messages == []


def test_an_inactive_account_gets_no_mail(app, smtp, world):
    world["anna"].active = False
    commit()
    send(app, smtp)
    assert smtp.to("anna@test.se") == [] and len(smtp.to("cecilia@test.se")) == 1


def test_dry_run_prints_and_sends_nothing(app, smtp, world):
    result = send(app, smtp, TODAY, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "anna@test.se\tPåminnelse: 4 saker du är ansvarig för, 1 försenade" in result.output
    assert f"cecilia@test.se\tPåminnelse: Cecilias egen ska vara klar {on(14)}" in result.output
    assert "2 brev skulle skickas" in result.output
    assert smtp.messages == []
    assert db.session.scalars(select(ReminderDelivery)).all() == []


def test_weekly_digest_is_one_mail_a_week(app, smtp, world):
    settings.set_mode(world["anna"], WEEKLY)
    commit()
    monday = TODAY + timedelta(days=7 - TODAY.weekday())  # next Monday: "late" is overdue then
    send(app, smtp, monday)
    send(app, smtp, monday + timedelta(days=2))
    mails = smtp.to("anna@test.se")
    assert len(mails) == 1
    text = text_of(mails[0])
    assert str(mails[0]["Subject"]).startswith("Veckobrev:")
    assert "Försenat" in text
    assert f"{BASE}/aktiviteter/{world['late'].id}" in text
    send(app, smtp, monday + timedelta(days=7))
    assert len(smtp.to("anna@test.se")) == 2


def test_plan_digest_for_editors_who_asked(app, smtp, world):
    editor = make_user("eva@test.se", EDITOR, world["region"], name="Eva Redaktör")
    make_activity(
        world["plan"],
        title="Ingen äger mig",
        responsible_name="",
        due_date=TODAY + timedelta(days=5),
    )
    settings.set_plan_digests(editor, add={world["plan"].id})
    settings.set_mode(editor, "none")  # the plan digest is a choice of its own
    commit()
    send(app, smtp)
    mails = smtp.to("eva@test.se")
    assert len(mails) == 1
    assert str(mails[0]["Subject"]).startswith(
        "Veckobrev om Plan <2026> & mer: 1 försenade, 1 utan ansvarig"
    )
    text = text_of(mails[0])
    assert "Utan ansvarig (1)" in text and "Ingen äger mig" in text
    assert "Försenade (1)" in text and "Riskanalys" in text
    # its unsubscribe link stops that plan's digest only
    path = mails[0]["List-Unsubscribe"].strip().strip("<>").removeprefix(BASE)
    assert app.test_client().post(path).status_code == 302
    db.session.expire_all()
    assert settings.plan_digest_ids(editor) == set()


def test_a_reader_gets_no_plan_digest(app, smtp, world):
    settings.set_plan_digests(world["bo"], add={world["plan"].id})  # a reader cannot edit
    commit()
    send(app, smtp)
    assert smtp.to("bo@test.se") == []


def test_a_server_that_refuses_mid_run_loses_nothing(app, smtp, world):
    for name in ("dag", "erik"):
        person = make_user(f"{name}@test.se", READER, world["region"])
        make_activity(
            world["plan"], title=f"{name}s", due_date=days(1)
        ).responsible_user_id = person.id
    commit()
    smtp.accept = 2
    result = send(app, smtp)
    assert result.exit_code != 0
    assert "resten skickas nästa gång" in result.output
    assert len(smtp.messages) == 2
    states = db.session.scalars(select(ReminderDelivery.state)).all()
    assert SENT in states and FAILED in states
    smtp.accept = None
    again = send(app, smtp)
    assert again.exit_code == 0, again.output
    recipients = sorted(m["To"].addresses[0].addr_spec for m in smtp.messages)
    assert recipients == ["anna@test.se", "cecilia@test.se", "dag@test.se", "erik@test.se"]
    db.session.expire_all()
    assert set(db.session.scalars(select(ReminderDelivery.state))) == {SENT}


def test_a_run_that_died_after_claiming_is_taken_over_later(app, smtp, world):
    from planner.models import utcnow

    key = {
        "recipient_id": world["anna"].id,
        "recipient_email": "anna@test.se",
        "item_kind": "activity",
        "item_id": world["late"].id,
        "reminder_kind": "overdue",
        "occasion": f"{on(-3)}/v0",
    }
    db.session.add(
        ReminderDelivery(**key, state="claimed", claimed_at=utcnow() - timedelta(minutes=5))
    )
    commit()
    send(app, smtp)
    text = text_of(mail_to(smtp, "anna@test.se"))
    assert "Riskanalys" not in text and "Rutin" in text  # another run may still send it
    row = db.session.scalars(
        select(ReminderDelivery).where(ReminderDelivery.item_id == world["late"].id)
    ).one()
    row.claimed_at = utcnow() - timedelta(minutes=31)
    commit()
    send(app, smtp)
    assert str(mail_to(smtp, "anna@test.se")["Subject"]) == (
        f"Försenad: Riskanalys skulle ha varit klar {on(-3)}"
    )
    assert len(smtp.to("anna@test.se")) == 2
