"""The annual wheel: picture and list of the year, events, occurrences done, downloads."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from planner.access import EDIT, VIEW, load
from planner.auth.people import person_choices
from planner.clock import local_today
from planner.documents.store import Document, kept_pdf
from planner.editing import rule_checked, save_edit
from planner.extensions import db
from planner.forms import options
from planner.language import in_swedish
from planner.orgs.models import Organisation
from planner.pdf import is_heavy, render_pdf
from planner.plans.models import Activity, Plan
from planner.races import return_to
from planner.web import attachment, deletion_confirmed, requested_year
from planner.wheel import services
from planner.wheel.forms import DoneForm, EventForm
from planner.wheel.keys import wheel_key
from planner.wheel.measurements import organisation_measurements
from planner.wheel.models import WheelEvent
from planner.wheel.printing import list_note, printed_list, printed_wheel
from planner.wheel.year import build_year

bp = Blueprint("wheel", __name__)


def _choices() -> tuple[int, str, bool]:
    year = requested_year()
    by = "omrade" if request.args.get("ringar") == "omrade" else "kategori"
    return year, by, request.args.get("aktiviteter") == "1"


def _wheel(org: Organisation):
    year, by, with_activities = _choices()
    events = services.organisation_events(org.id)
    activities = []
    if with_activities:
        activities = list(
            db.session.scalars(
                select(Activity)
                .join(Plan, Activity.plan_id == Plan.id)
                .where(Plan.organisation_id == org.id, Plan.status != "arkiverad")
            )
        )
    measurements = organisation_measurements(org.id, date(year, 1, 1), date(year, 12, 31))
    return build_year(events, activities, year, local_today(), by, measurements), events


@bp.get("/organisationer/<int:org_id>/arshjul")
def show(org_id: int):
    org = load(Organisation, org_id, VIEW)
    wheel, events = _wheel(org)
    return render_template(
        "wheel/show.html",
        org=org,
        wheel=wheel,
        events=events,
        done_form=DoneForm(),
        with_activities=_choices()[2],
    )


@bp.get("/organisationer/<int:org_id>/arshjul.svg")
@in_swedish()
def svg(org_id: int):
    org = load(Organisation, org_id, VIEW)
    wheel, _events = _wheel(org)
    # Standing alone, the picture's links lead to the occurrences in the page's list.
    with_activities = _choices()[2]
    page = url_for(
        ".show",
        org_id=org.id,
        ar=wheel.year,
        ringar=wheel.by,
        aktiviteter="1" if with_activities else None,
        _external=True,
    )
    body = render_template("wheel/picture.svg", org=org, wheel=wheel, wheel_link=page)
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + body
    return attachment(xml, "image/svg+xml", f"arshjul-{wheel.year}.svg")


@bp.get("/organisationer/<int:org_id>/arshjul.pdf")
@in_swedish()
def pdf(org_id: int):
    org = load(Organisation, org_id, VIEW)
    year, by, with_activities = _choices()
    paper = "A3" if request.args.get("papper") == "a3" else "A4"
    parameters = f"ar={year}&ringar={by}&aktiviteter={int(with_activities)}"
    if paper == "A3":  # A4 keeps the parameters it had before A3 existed
        parameters += "&papper=A3"

    def render() -> bytes:
        wheel = printed_wheel(_wheel(org)[0])
        printed = printed_list(wheel)
        html = render_template(
            "wheel/print.html",
            org=org,
            wheel=wheel,
            printed=printed,
            note=list_note(printed),
            paper=paper,
        )
        return render_pdf(html, heavy=is_heavy(printed.items))

    document = Document("wheel", org.id, parameters, org.id)
    key = wheel_key(org, parameters, with_activities, local_today())
    content = kept_pdf(document, key, render)
    suffix = "-a3" if paper == "A3" else ""
    return attachment(content, "application/pdf", f"arshjul-{year}{suffix}.pdf")


def _event_form(org: Organisation, event: WheelEvent | None = None) -> EventForm:
    form = EventForm(obj=event)
    form.plan_id.choices = options(
        [("", _("– Ingen särskild plan –"))]
        + [(p.id, f"{p.title} ({p.period})") for p in org.plans]
    )
    person_choices(form.owner_user_id, org.id, _("– Ingen vald –"))
    return form


def _event_data(form: EventForm) -> services.EventData:
    return services.EventData(
        plan_id=form.plan_id.data,
        owner_user_id=form.owner_user_id.data,
        title=form.title.data,
        description=form.description.data or "",
        category=form.category.data,
        area_code=form.area_code.data or None,
        start_date=form.start_date.data,
        all_day=bool(form.all_day.data),
        start_time=form.start_time.data,
        duration_minutes=form.duration_minutes.data,
        span_days=form.span_days.data or 1,
        recurrence=form.recurrence.data,
        interval=form.interval.data or 1,
        month=form.month.data,
        weekday=form.weekday.data,
        nth=form.nth.data,
        until=form.until.data,
        count=form.count.data,
        skipped=form.skipped_dates(),
    )


def _form_page(form: EventForm, org: Organisation, event: WheelEvent | None, status=200):
    return render_template("wheel/form.html", form=form, org=org, event=event), status


@bp.route("/organisationer/<int:org_id>/arshjul/ny", methods=["GET", "POST"])
def create(org_id: int):
    org = load(Organisation, org_id, EDIT)
    form = _event_form(org)
    if form.validate_on_submit():
        data = _event_data(form)
        event = rule_checked(form, lambda: services.create_event(org, data), "title")
        if event is not None:
            db.session.commit()
            flash(_("Händelsen lades till i årshjulet."), "success")
            return redirect(url_for(".show", org_id=org.id, ar=event.start_date.year))
    return _form_page(form, org, None)


@bp.route("/arshjul/<int:event_id>/redigera", methods=["GET", "POST"])
def edit(event_id: int):
    event = load(WheelEvent, event_id, EDIT)
    form = _event_form(event.organisation, event)
    if request.method == "GET":
        form.skipped.data = "\n".join(event.skipped or [])
        form.area_code.data = event.area_code or ""

    def change():
        data = _event_data(form)
        return rule_checked(form, lambda: services.update_event(event, data), "title")

    if form.validate_on_submit() and save_edit(form, event, change):
        flash(_("Händelsen sparades."), "success")
        return redirect(url_for(".show", org_id=event.organisation_id))
    return _form_page(form, event.organisation, event, 409 if form.form_errors else 200)


@bp.post("/arshjul/<int:event_id>/ta-bort")
def delete(event_id: int):
    event = load(WheelEvent, event_id, EDIT)
    if not deletion_confirmed():
        return redirect(url_for(".edit", event_id=event.id))
    done = url_for(".show", org_id=event.organisation_id)
    return_to(done)
    services.delete_event(event)
    db.session.commit()
    flash(_("Händelsen togs bort ur årshjulet."), "success")
    return redirect(done)


@bp.post("/arshjul/<int:event_id>/genomford")
def mark_done(event_id: int):
    event = load(WheelEvent, event_id, EDIT)
    form = DoneForm()
    year = None
    if form.validate_on_submit():
        day: date = form.day.data
        year = day.year
        done = bool(form.done.data)
        marked = rule_checked(
            form, lambda: services.set_done(event, day, done, current_user.name), "day"
        )
        if marked is not None:
            db.session.commit()
            message = (
                _("Markerad som genomförd %(year)s.", year=year)
                if done
                else _("Markeringen togs bort.")
            )
            flash(message, "success")
    if form.errors:
        flash(_("Datumet gick inte att markera."), "error")
    return redirect(url_for(".show", org_id=event.organisation_id, ar=year) + "#lista")


@bp.post("/organisationer/<int:org_id>/arshjul/nationell-mall")
def add_template(org_id: int):
    org = load(Organisation, org_id, EDIT)
    if services.has_events(org):  # e.g. a second click: never twice
        flash(_("Årshjulet har redan händelser; mallen lades inte till."), "error")
        return redirect(url_for(".show", org_id=org.id))
    year = local_today().year
    services.add_national_template(org, year)
    db.session.commit()
    flash(_("Det nationella årshjulet lades till. Redigera det så att det passar er."), "success")
    return redirect(url_for(".show", org_id=org.id))
