"""What a file's rows are matched against: the plan's activities, areas, goals, statuses and
the organisations that may be responsible (names may repeat in a big tree)."""

from __future__ import annotations

import re

from flask_babel import force_locale
from flask_babel import gettext as _

from planner.numbers import whole_number
from planner.orgs.models import Organisation
from planner.plans.models import ACTIVITY_STATUSES, Activity, Plan
from planner.plans.responsible import responsible_options
from planner.transfer import columns as c
from planner.transfer.cells import RowReader, show
from planner.transfer.export import plan_activities

ORGANISATION_SPLIT = re.compile(r"\s*(?:;|\n|\s\+\s)\s*")
AREA_WORDS = {"fokusområde": "F", "grundläggande förutsättning": "G", "förutsättning": "G"}


class PlanContext:
    """What rows are checked against, looked up once per preview."""

    def __init__(self, plan: Plan, user) -> None:
        self.plan = plan
        self.activities = plan_activities(plan)
        self.by_id = {a.id: a for a in self.activities}
        self.by_key = {}
        for activity in self.activities:
            self.by_key.setdefault((activity.area_id, c.normalise(activity.title)), activity)
        self.areas = {}
        for area in plan.areas:
            for name in (area.code, area.title, area.label, f"{area.code} – {area.title}"):
                self.areas[c.normalise(name)] = area
        self.goals = {(g.area_id, c.normalise(g.title)): g for g in plan.goals}
        self.goal_areas = {g.id: g.area_id for g in plan.goals}
        # The same rule as the activity form: the plan's subtree and visible partners.
        orgs = responsible_options(plan, user).organisations
        # Names repeat in a big tree ("Akutmottagningen" under two hospitals): keep them all.
        self.organisations: dict[str, list[Organisation]] = {}
        for org in orgs:
            self.organisations.setdefault(c.normalise(org.name), []).append(org)
        self.statuses = {}
        for code, label in ACTIVITY_STATUSES.items():
            self.statuses[c.normalise(code)] = code
            for locale in ("sv", "en"):
                with force_locale(locale):
                    self.statuses[c.normalise(str(label))] = code

    def area(self, text: str):
        key = c.normalise(text)
        if key in self.areas:
            return self.areas[key]
        match = re.match(r"^([gf][1-5])\b", key)
        if match:
            return self.areas.get(match.group(1))
        for word, letter in AREA_WORDS.items():
            match = re.match(rf"^{word} ?([1-5])\b", key)
            if match:
                return self.areas.get(c.normalise(letter + match.group(1)))
        return None


def match_activity(context: PlanContext, read: RowReader, area, title: str) -> Activity | None:
    ident = read.raw(c.ID)
    if isinstance(ident, str) and whole_number(ident) is not None:
        ident = whole_number(ident)
    if isinstance(ident, float) and ident.is_integer():
        ident = int(ident)
    if isinstance(ident, int) and ident in context.by_id:
        return context.by_id[ident]
    if area is not None and title:
        return context.by_key.get((area.id, c.normalise(title)))
    return None


def organisation_ids(context: PlanContext, read: RowReader, existing: Activity | None) -> list[int]:
    text = read.text(c.ORGANISATIONS)
    if not text:
        if existing is not None:
            return [o.id for o in existing.organisations]
        return [context.plan.organisation_id]
    linked = {o.id for o in existing.organisations} if existing is not None else set()
    ids: list[int] = []
    for name in organisation_names(context, text):
        candidates = context.organisations.get(c.normalise(name), [])
        if len(candidates) > 1:  # the one the activity already has, if any
            candidates = [o for o in candidates if o.id in linked] or candidates
        if not candidates:
            read.problem(
                _(
                    "okänd organisation '%(value)s' (bara %(org)s med organisationerna "
                    "under den och de samarbetspartner som aktivitetsformuläret erbjuder kan "
                    "anges)",
                    value=show(name),
                    org=context.plan.organisation.name,
                )
            )
        elif len(candidates) > 1:
            read.problem(
                _(
                    "flera organisationer heter '%(value)s'; välj rätt organisation på "
                    "aktivitetens sida i planner",
                    value=show(name),
                )
            )
        elif candidates[0].id not in ids:
            ids.append(candidates[0].id)
    if not ids and not read.problems:
        read.problem(_("ange minst en ansvarig organisation"))
    return ids


def organisation_names(context: PlanContext, text: str) -> list[str]:
    """The names in a cell: separated by ; or line breaks (the export's way), or by " + "
    as plans often write joint work; a name that itself contains " + " is kept whole."""
    names = []
    for part in filter(None, (p.strip() for p in re.split(r"[;\n]", text))):
        if c.normalise(part) in context.organisations:
            names.append(part)
        else:
            names.extend(filter(None, ORGANISATION_SPLIT.split(part)))
    return names


def stale_version(read: RowReader, existing: Activity) -> int | None:
    """The version the row was exported at, when the activity has changed since."""
    value = read.raw(c.VERSION)
    if isinstance(value, str) and whole_number(value) is not None:
        value = whole_number(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value != existing.version:
        return value
    return None
