"""My work (Mitt arbete): the logged-in person's list, and progress recorded from it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner.access import EDIT, can, load
from planner.clock import local_today
from planner.editing import rule_checked, save_edit
from planner.forms import options
from planner.mywork.forms import QuickProgressForm
from planner.mywork.items import DUE, FOLLOW_UP, Item, items_for
from planner.mywork.weeks import DEFAULT_WEEKS, WEEK_CHOICES, horizon_days, work_list
from planner.plans import services
from planner.plans.models import ACTIVITY_STATUSES, Activity

bp = Blueprint("mywork", __name__)

# A row's name in the progress form's address and its fields' prefix: an activity may be on
# the list twice (its deadline and its follow-up), and each row has its own form.
ROWS = {DUE: "slutdatum", FOLLOW_UP: "uppfoljning"}


def requested_weeks() -> int:
    weeks = request.args.get("veckor", type=int)
    return weeks if weeks in WEEK_CHOICES else DEFAULT_WEEKS


def row_prefix(kind: str, activity_id: int) -> str:
    return f"{ROWS[kind]}-{activity_id}"


def _blank_form(item: Item, choices: list) -> QuickProgressForm:
    form = QuickProgressForm(prefix=row_prefix(item.kind, item.object_id), formdata=None)
    form.status.choices = choices
    form.status.data, form.percent.data = item.status, item.percent
    form.version.data = str(item.version)
    return form


def status_choices() -> list:
    """The statuses translated once for the page (each row's form has the same ones)."""
    return options((code, str(label)) for code, label in ACTIVITY_STATUSES.items())


def _page(weeks: int, sent: tuple[str, QuickProgressForm] | None = None, status: int = 200):
    today = local_today()
    work = work_list(items_for(current_user, today, horizon_days(today, weeks)), today, weeks)
    forms = {}
    choices = status_choices()
    for item in work.overdue + [i for week in work.weeks for i in week.items]:
        if item.is_activity and can(EDIT, item):
            prefix = row_prefix(item.kind, item.object_id)
            forms[prefix] = sent[1] if sent and sent[0] == prefix else _blank_form(item, choices)
    if sent and sent[0] not in forms:  # e.g. someone else closed it meanwhile
        flash(
            _(
                "Framsteget sparades inte: aktiviteten har ändrats av någon annan och finns "
                "inte längre i din lista. Öppna aktiviteten för att se vad som hänt."
            ),
            "error",
        )
    return render_template(
        "mywork/index.html",
        work=work,
        weeks=weeks,
        week_choices=WEEK_CHOICES,
        default_weeks=DEFAULT_WEEKS,
        forms=forms,
        status_options=[(c.value, c.label) for c in choices],
        status_hint=_("Klar sätter andelen klart till 100 %."),
        comment_hint=_("Vad har gjorts, vad hindrar, vad är nästa steg? Sparas med dagens datum."),
        row_prefix=row_prefix,
        open_row=sent[0] if sent else None,
    ), status


def landing_url(user) -> str:
    """Where a person lands after logging in: My work when something is overdue or due in
    the coming weeks, else the organisations (a reader with nothing to do browses)."""
    today = local_today()
    if items_for(user, today, horizon_days(today, DEFAULT_WEEKS)):
        return url_for("mywork.index")
    return url_for("orgs.index")


@bp.get("/mitt-arbete")
def index():
    return _page(requested_weeks())


@bp.post("/mitt-arbete/aktiviteter/<int:activity_id>/framsteg")
def record_progress(activity_id: int):
    activity = load(Activity, activity_id, EDIT)
    weeks = requested_weeks()
    kind = FOLLOW_UP if request.args.get("rad") == ROWS[FOLLOW_UP] else DUE
    prefix = row_prefix(kind, activity.id)
    form = QuickProgressForm(prefix=prefix)

    def change():
        entry = (form.status.data, form.percent.data or 0, form.comment.data or "")
        return rule_checked(
            form,
            lambda: services.record_progress(activity, local_today(), *entry, author=current_user),
            "status",
        )

    if form.validate_on_submit() and save_edit(form, activity, change):
        flash(_("Framsteget för %(title)s registrerades.", title=activity.title), "success")
        return redirect(url_for(".index", veckor=weeks if weeks != DEFAULT_WEEKS else None))
    return _page(weeks, (prefix, form), 409 if form.form_errors else 200)
