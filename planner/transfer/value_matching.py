"""What a value file's rows are matched against: the plan's measures (by the export's ID, by
name or by catalogue key), the organisations of its subtree (names may repeat in a big tree),
the values already recorded, and the units' names."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from planner.extensions import db
from planner.numbers import whole_number
from planner.orgs.models import Organisation
from planner.orgs.services import subtree
from planner.plans.models import Plan
from planner.results.models import UNITS, Measure, MeasureValue
from planner.transfer import value_columns as v
from planner.transfer.cells import RowReader, show
from planner.transfer.columns import normalise


class ValueContext:
    """What rows are checked against, looked up once per preview: the plan's measures, the
    organisations of its subtree, and the values already recorded (one query each)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.measures = list(
            db.session.scalars(
                select(Measure).where(Measure.plan_id == plan.id).order_by(Measure.id)
            )
        )
        self.by_id = {m.id: m for m in self.measures}
        self.by_name: dict[str, list[Measure]] = {}
        for measure in self.measures:
            names = {normalise(measure.name)}
            if measure.catalogue_key:
                names.add(normalise(measure.catalogue_key))
            for name in names:
                self.by_name.setdefault(name, []).append(measure)
        self.organisations: dict[str, list[Organisation]] = {}
        for _depth, org in subtree(plan.organisation, key=lambda o: (o.name, o.id)):
            self.organisations.setdefault(normalise(org.name), []).append(org)
        self.values = {
            (row.measure_id, row.organisation_id, row.period): row
            for row in db.session.scalars(
                select(MeasureValue).where(MeasureValue.measure_id.in_(self.by_id))
            )
        }
        self.units: dict[str, str] = {}
        for code, label in UNITS.items():
            self.units[normalise(code)] = code
            for locale in ("sv", "en"):
                with force_locale(locale):
                    self.units[normalise(str(label))] = code
        self.units[normalise("%")] = "percent"


def match_measure(context: ValueContext, read: RowReader, row) -> Measure | None:
    ident = read.raw(v.MEASURE_ID)
    if isinstance(ident, str):
        ident = whole_number(ident)
    if isinstance(ident, float) and ident.is_integer():
        ident = int(ident)
    name = read.text(v.MEASURE)
    if isinstance(ident, int) and ident in context.by_id:
        measure = context.by_id[ident]
        row.measure = measure.name
        return measure
    row.measure = name
    if not name:
        if not read.problems:
            read.problem(_("mått saknas"))
        return None
    found = context.by_name.get(normalise(name), [])
    if len(found) == 1:
        return found[0]
    if found:
        read.problem(
            _(
                "flera mått i planen heter '%(value)s'; ange Mått-ID från en export",
                value=show(name),
            )
        )
    else:
        read.problem(
            _(
                "okänt mått '%(value)s' (lägg först till måttet i planen; importen lägger "
                "bara in värden)",
                value=show(name),
            )
        )
    return None


def match_organisation(context: ValueContext, read: RowReader, name: str) -> Organisation | None:
    if not name:
        if not read.problems:
            read.problem(_("organisation saknas"))
        return None
    found = context.organisations.get(normalise(name), [])
    if len(found) == 1:
        return found[0]
    if found:
        read.problem(
            _(
                "flera organisationer heter '%(value)s'; registrera värdet på måttets sida",
                value=show(name),
            )
        )
    else:
        read.problem(
            _(
                "okänd organisation '%(value)s' (bara %(org)s och organisationerna under den "
                "kan ha värden i planen)",
                value=show(name),
                org=context.plan.organisation.name,
            )
        )
    return None


def check_unit(context: ValueContext, read: RowReader, measure: Measure, text: str) -> None:
    unit = context.units.get(normalise(text))
    if unit is None:
        read.problem(
            _(
                "okänd enhet '%(value)s' (välj %(choices)s)",
                value=show(text),
                choices=", ".join(str(label) for label in UNITS.values()),
            )
        )
    elif unit != measure.unit:
        read.problem(
            _(
                "enheten '%(value)s' stämmer inte med måttets enhet (%(unit)s)",
                value=show(text),
                unit=measure.unit_label,
            )
        )
