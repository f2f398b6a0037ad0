"""The history speaks Swedish about everything it records: each audited model names itself, each
recorded field and each stored code (labels declared next to the model, planner.models.Audited).
A new model, field or code without a label fails here."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bs4 import BeautifulSoup
from flask import render_template
from flask_babel import force_locale
from sqlalchemy import String, inspect

from planner.audit.history import history
from planner.audit.labels import Labels, audited_models
from planner.audit.models import AuditEvent
from planner.audit.recorder import recorded_fields
from planner.auth.models import ROLE_RANK, Membership
from planner.extensions import db
from planner.plans.template import AREA_CODES
from planner.wheel.models import CATEGORIES, WheelEvent
from planner.wheel.recurrence import KINDS
from tests.factories import commit, make_org, make_plan, make_user

# Free text is kept in String(200) or longer (or Text); a shorter string column stores codes.
CODE_LENGTH = 100
# A stored code looks like this: "yearly_date", "apt", "G1" (free text has capitals or spaces).
CODE = re.compile(r"^(?:[a-z][a-z0-9_]*|[A-Z][0-9])$")


def test_every_audited_model_and_field_has_a_label(app):
    models = audited_models()
    assert {"Plan", "Activity", "WheelEvent", "OccurrenceDone", "Subscription"} <= set(models)
    for name, model in models.items():
        entity = str(getattr(model, "audit_entity", ""))
        assert entity and entity != name, f"{name} has no entity label"
        fields = recorded_fields(model)
        for field in fields:
            if field not in model.audit_hidden:
                label = str(model.audit_fields.get(field, ""))
                assert label and label != field, f"{name}.{field} has no label"
        declared = {*model.audit_fields, *model.audit_values, *model.audit_hidden}
        assert declared <= set(fields), f"{name} labels fields it does not record"
    with app.test_request_context():
        labels = Labels()  # what the history page's filter by kind of row names them
        kinds = {name: labels.entity(name) for name in models}
    assert all(kind != name for name, kind in kinds.items()), kinds
    assert kinds["WheelEvent"] == "årshjulshändelsen"


def test_every_stored_code_has_a_label(app):
    for name, model in audited_models().items():
        columns = inspect(model).columns
        for field in recorded_fields(model):
            column = columns.get(field)
            stores_codes = (
                column is not None
                and isinstance(column.type, String)
                and (column.type.length or CODE_LENGTH) < CODE_LENGTH
            )
            if stores_codes and field not in model.audit_hidden:
                labels = model.audit_values.get(field)
                assert isinstance(labels, Mapping), f"{name}.{field} stores codes without labels"
        for field, labels in model.audit_values.items():
            if isinstance(labels, Mapping):
                assert labels, f"{name}.{field}"
                for code, label in labels.items():
                    assert str(label).strip() not in ("", str(code)), f"{name}.{field}: {code}"
    # the vocabularies are the ones the rules accept
    wheel = WheelEvent.audit_values
    assert set(wheel["recurrence"]) == set(KINDS)
    assert set(wheel["category"]) == set(CATEGORIES)
    assert set(wheel["area_code"]) == set(AREA_CODES)
    assert set(Membership.audit_values["role"]) == set(ROLE_RANK)


def _wheel_subscription_and_membership_changes(client):
    """Changes made the way users make them: an event created, then rescheduled and moved to
    another plan, an occurrence marked done, a subscription created and revoked, a membership
    given another role."""
    region = make_org("Region Etiketter")
    plan = make_plan(region, title="Handlingsplan 2025–2030")
    later_plan = make_plan(region, title="Handlingsplan 2027–2030", period_start=2027)
    person = make_user("person@test.se", "lasare", region, name="Per Son")
    commit()
    event = {
        "title": "Patientsäkerhetsdialog",
        "category": "apt",
        "area_code": "G2",
        "plan_id": str(plan.id),
        "start_date": "2026-03-10",
        "all_day": "y",
        "recurrence": "yearly_date",
        "interval": "1",
    }
    assert client.post(f"/organisationer/{region.id}/arshjul/ny", data=event).status_code == 302
    event_id = db.session.scalar(db.select(WheelEvent.id))
    event.update(
        category="mote",
        recurrence="yearly_weekday",
        month="11",
        weekday="3",
        nth="-1",
        start_time="09:00",
        plan_id=str(later_plan.id),
        duration_minutes="90",
        version="1",
    )
    del event["all_day"]
    edited = client.post(f"/arshjul/{event_id}/redigera", data=event)
    assert edited.status_code == 302
    done = {"day": "2026-11-26", "done": "y"}
    assert client.post(f"/arshjul/{event_id}/genomford", data=done).status_code == 302
    subscribe = {"name": "Dialogerna", "areas": ["G2"], "categories": ["apt", "mote"]}
    client.post(f"/organisationer/{region.id}/prenumerera", data=subscribe)
    subscription_id = db.session.scalar(
        db.select(AuditEvent.entity_id).where(AuditEvent.entity_type == "Subscription")
    )
    client.post(f"/prenumerationer/{subscription_id}/aterkalla")
    membership = person.memberships[0]
    client.post(f"/medlemskap/{membership.id}/roll", data={"role": "redaktor"})
    return region


def _stored_codes(model: type, field: str, value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    if field in model.audit_hidden:
        return []
    return [str(v) for v in values if isinstance(v, str) and CODE.match(v)]


def test_history_of_wheel_and_subscriptions_shows_no_code_or_class_name(app, client):
    region = _wheel_subscription_and_membership_changes(client)
    with app.test_request_context():
        lines = history(organisation_id=region.id)
        html = render_template("_history.html", lines=lines)
    kinds = {line.event.entity_type for line in lines}
    assert {"WheelEvent", "OccurrenceDone", "Subscription", "Membership"} <= kinds
    items = [
        " ".join(li.get_text(" ").split())
        for li in BeautifulSoup(html, "html.parser").select("ol.audit > li")
    ]
    shown = "\n".join(items)
    for name in audited_models():
        assert not re.search(rf"\b{name}\b", shown), name
    models = audited_models()
    for line in lines:  # no stored code is shown as it is stored
        model = models[line.event.entity_type]
        displayed = {v for c in line.changes for v in (c.old, c.new)}
        for field, (old, new) in line.event.changes.items():
            for code in _stored_codes(model, field, old) + _stored_codes(model, field, new):
                assert code not in displayed, f"{line.event.entity_type}.{field}: {code}"
    for raw in ("yearly_date", "yearly_weekday", "True", "False", "token_hash", "sequence"):
        assert raw not in shown
    assert any(
        "skapade årshjulshändelsen Patientsäkerhetsdialog" in i
        and "Kategori: APT-tema" in i
        and "Upprepas: Varje år på samma datum" in i
        and "Område: G2 En god säkerhetskultur" in i
        and "Heldag: Ja" in i
        for i in items
    )
    assert any(
        "ändrade årshjulshändelsen" in i
        and "Kategori: APT-tema → Möte" in i
        and "Upprepas: Varje år på samma datum → Varje år på en viss veckodag i en månad" in i
        and "Heldag: Ja → Nej" in i
        and "Klockslag: – → 09:00" in i
        and "Månad: – → november" in i
        and "Veckodag: – → torsdag" in i
        and "Vilken i månaden: – → sista" in i
        and "Hör till planen: Handlingsplan 2025–2030 → Handlingsplan 2027–2030" in i
        for i in items
    )
    assert any("skapade genomförandet Patientsäkerhetsdialog 2026-11-26" in i for i in items)
    assert any(
        "skapade prenumerationen Dialogerna" in i
        and "Bara dessa kategorier: APT-tema + Möte" in i
        and "Bara dessa områden: G2 En god säkerhetskultur" in i
        for i in items
    )
    assert any("ändrade prenumerationen Dialogerna" in i and "Återkallad: –" in i for i in items)
    assert any("ändrade medlemskapet" in i and "Roll: Läsare → Redaktör" in i for i in items)
    with app.test_request_context(), force_locale("en"):
        english = [
            (line.verb, line.what, {c.field: (c.old, c.new) for c in line.changes})
            for line in history(organisation_id=region.id)
        ]
    assert any(
        verb == "changed"
        and what.startswith("the annual wheel event")
        and changes["Weekday"] == ("–", "Thursday")
        and changes["Category"] == ("Workplace-meeting theme (APT)", "Meeting")
        for verb, what, changes in english
    )
