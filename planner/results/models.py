"""Results: a plan's measures (mått), their targets, and the values recorded per period and unit.

A measure belongs to a plan and one of its nine areas (by the area's code, G1–G4, F1–F5) and may
show one of its goals: a goal names the measures that show whether it is reached through
``Goal.measures`` (the measures whose ``goal_id`` is the goal's). Values are recorded per period
(the measure's rhythm says which periods exist, see ``planner.results.periods``) and per
organisation in the plan's subtree, once: a second value for the same period and unit is a
correction of the first, never a second row.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship
from sqlalchemy.schema import DDL

from planner.auth.models import User
from planner.extensions import db
from planner.models import Audited, Scope, Timestamped, utcnow
from planner.orgs.models import Organisation
from planner.plans.models import Goal, Plan
from planner.plans.template import AREA_LABELS
from planner.results.periods import RHYTHMS, Period

# Every number is stored exactly (no binary floating point): four decimals cover a percent
# with decimals, a rate per 1,000 care days and an index; ten digits before the point cover
# any count of care days.
NUMBER = Numeric(14, 4)

PERCENT, COUNT, RATE_1000, INDEX, NUMBER_UNIT = "percent", "count", "rate_1000", "index", "number"
UNITS = {
    PERCENT: _l("Procent"),
    COUNT: _l("Antal"),
    RATE_1000: _l("Per 1 000 vårddagar"),
    INDEX: _l("Index (0–100)"),
    NUMBER_UNIT: _l("Tal"),
}
# How a value of each unit is written after the number ("85 %", "3,2 per 1 000 vårddagar").
UNIT_SUFFIXES = {
    PERCENT: "%",
    COUNT: "",
    RATE_1000: _l("per 1 000 vårddagar"),
    INDEX: "",
    NUMBER_UNIT: "",
}

HIGHER, LOWER, NEITHER = "higher", "lower", "neither"
DIRECTIONS = {
    HIGHER: _l("Högre är bättre"),
    LOWER: _l("Lägre är bättre"),
    NEITHER: _l("Varken högre eller lägre (följs)"),
}


def number_label(value: object) -> str:
    """A recorded number as the history shows it: Swedish decimal comma, no trailing zeros."""
    from planner.results.numbers import format_number

    return format_number(value)


class Measure(Audited, Timestamped, db.Model):
    """A measure (mått) a plan follows: what is measured, how, how often, and the target."""

    __tablename__ = "measure"
    # Added from the catalogue once per plan: two clicks on "add BHK" make one measure.
    __table_args__ = (UniqueConstraint("plan_id", "catalogue_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    definition: Mapped[str] = mapped_column(Text, default="")
    numerator_text: Mapped[str] = mapped_column(String(500), default="")
    denominator_text: Mapped[str] = mapped_column(String(500), default="")
    unit: Mapped[str] = mapped_column(String(20), default=PERCENT)
    direction: Mapped[str] = mapped_column(String(10), default=HIGHER)
    target: Mapped[Decimal | None] = mapped_column(NUMBER)
    # Where "near" begins: between the warning limit and the target a value is near its target.
    warning: Mapped[Decimal | None] = mapped_column(NUMBER)
    baseline_value: Mapped[Decimal | None] = mapped_column(NUMBER)
    baseline_date: Mapped[date | None] = mapped_column(Date)
    rhythm: Mapped[str] = mapped_column(String(20), default="quarterly")
    source: Mapped[str] = mapped_column(String(200), default="")
    area_code: Mapped[str] = mapped_column(String(2))
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goal.id", ondelete="SET NULL"), index=True
    )
    # The member who sees to it that the values are recorded (My work, the reminders).
    responsible_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # Opt-in: the measure's measurement periods appear on the annual wheel and in the feed.
    on_wheel: Mapped[bool] = mapped_column(Boolean, default=False)
    # The catalogue entry it was added from (planner/results/catalogue.json), if any.
    catalogue_key: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Raised in the same transaction whenever one of the measure's values is added, corrected
    # or deleted (by the database: VALUES_VERSION_DDL below): the results pages' kept content
    # is keyed by it instead of reading every value (planner/results/page_cache.py). Not the
    # measure's ``version``, so recording a value never makes an open measure form conflict.
    values_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    plan: Mapped[Plan] = relationship()
    goal: Mapped[Goal | None] = relationship(
        backref=backref("measures", order_by="Measure.position"), active_history=True
    )
    responsible: Mapped[User | None] = relationship(active_history=True)
    values: Mapped[list[MeasureValue]] = relationship(
        back_populates="measure", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}
    audited_relations = ("goal", "responsible")
    audit_unrecorded = frozenset({"values_version"})  # bookkeeping: the values' own events say it
    audit_entity = _l("måttet")
    audit_fields = {
        "name": _l("Namn"),
        "definition": _l("Definition"),
        "numerator_text": _l("Täljare"),
        "denominator_text": _l("Nämnare"),
        "unit": _l("Enhet"),
        "direction": _l("Riktning"),
        "target": _l("Målvärde"),
        "warning": _l("Varningsgräns"),
        "baseline_value": _l("Utgångsvärde"),
        "baseline_date": _l("Utgångsvärdets datum"),
        "rhythm": _l("Mätintervall"),
        "source": _l("Källa"),
        "area_code": _l("Område"),
        "goal": _l("Mål"),
        "on_wheel": _l("Visas i årshjulet"),
        "responsible": _l("Ansvarig"),
    }
    audit_values = {
        "unit": UNITS,
        "direction": DIRECTIONS,
        "rhythm": RHYTHMS,
        "area_code": AREA_LABELS,
        "target": number_label,
        "warning": number_label,
        "baseline_value": number_label,
    }
    audit_hidden = frozenset({"position", "catalogue_key"})

    @property
    def audit_label(self) -> str:
        return self.name

    @property
    def scope(self) -> Scope:
        return self.plan.scope

    @property
    def unit_label(self) -> str:
        return str(UNITS.get(self.unit, self.unit))

    @property
    def unit_suffix(self) -> str:
        return str(UNIT_SUFFIXES.get(self.unit, ""))

    @property
    def direction_label(self) -> str:
        return str(DIRECTIONS.get(self.direction, self.direction))

    @property
    def rhythm_label(self) -> str:
        return str(RHYTHMS.get(self.rhythm, self.rhythm))


class MeasureValue(Audited, db.Model):
    """One measure's value for one period and one organisation (a unit in the plan's subtree,
    or the plan's own organisation), typed in or computed from a numerator and a denominator."""

    __tablename__ = "measure_value"
    __table_args__ = (
        UniqueConstraint("measure_id", "organisation_id", "period"),
        # A measure's values in time order (its chart, its latest period).
        Index("ix_measure_value_measure_period", "measure_id", "period_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    # The period's key in the measure's rhythm ("2026-Q1", "2026-T2", "2026-03", "2026-H1",
    # "2026", or an ISO date for dated measurements); start and end are stored so queries by
    # date need not parse keys.
    period: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    value: Mapped[Decimal] = mapped_column(NUMBER)
    numerator: Mapped[Decimal | None] = mapped_column(NUMBER)
    denominator: Mapped[Decimal | None] = mapped_column(NUMBER)
    comment: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    measure: Mapped[Measure] = relationship(back_populates="values")
    organisation: Mapped[Organisation] = relationship()

    __mapper_args__ = {"version_id_col": version}
    audit_entity = _l("mätvärdet")
    audit_fields = {
        "value": _l("Värde"),
        "numerator": _l("Täljare"),
        "denominator": _l("Nämnare"),
        "comment": _l("Kommentar"),
        "recorded_by": _l("Registrerat av"),
    }
    audit_values = {
        "value": number_label,
        "numerator": number_label,
        "denominator": number_label,
    }
    # A value's period never changes (it is which value it is); its label names it.
    audit_hidden = frozenset({"period", "period_start", "period_end"})
    audit_unrecorded = frozenset({"recorded_at"})

    @property
    def audit_label(self) -> str:
        return f"{self.measure.name}, {self.period}, {self.organisation.name}"

    @property
    def scope(self) -> Scope:
        return self.measure.scope

    @property
    def period_label(self) -> str:
        """The period's name in running text ("kvartal 1 2026")."""
        return Period(self.period_start, self.period_end, self.period, self.measure.rhythm).label


# values_version is kept by the database itself, so every writer is counted – the services,
# the imports, the backup restore's Core inserts, a cascade, a hand-made fix in psql: one
# trigger per event raises the measure's values_version in the same transaction. The same
# statements are in migration 0019 (a migration keeps its own copy).
VALUES_VERSION_DDL = {
    "postgresql": [
        """CREATE OR REPLACE FUNCTION measure_values_version() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                UPDATE measure SET values_version = values_version + 1
                WHERE id = OLD.measure_id;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                UPDATE measure SET values_version = values_version + 1
                WHERE id = NEW.measure_id;
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER measure_value_counted AFTER INSERT OR UPDATE OR DELETE
        ON measure_value FOR EACH ROW EXECUTE FUNCTION measure_values_version()""",
    ],
    "sqlite": [
        """CREATE TRIGGER measure_value_insert AFTER INSERT ON measure_value BEGIN
            UPDATE measure SET values_version = values_version + 1 WHERE id = NEW.measure_id;
        END""",
        """CREATE TRIGGER measure_value_update AFTER UPDATE ON measure_value BEGIN
            UPDATE measure SET values_version = values_version + 1
            WHERE id IN (OLD.measure_id, NEW.measure_id);
        END""",
        """CREATE TRIGGER measure_value_delete AFTER DELETE ON measure_value BEGIN
            UPDATE measure SET values_version = values_version + 1 WHERE id = OLD.measure_id;
        END""",
    ],
}

for _dialect, _statements in VALUES_VERSION_DDL.items():
    for _statement in _statements:
        event.listen(
            MeasureValue.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect)
        )
