"""Fill an empty SQLite or PostgreSQL database with a national data set, for benchmarks.

    .venv/bin/python -m bench.generate --database-url URL --seed 1 [--scale 1.0]

At scale 1.0: 21 regions with four administrations each and 290 municipalities (395
organisations), 2,000 plans with their nine national areas, 200,000 activities, 1,000,000
progress updates, 20,000 annual-wheel events and 10,000 subscriptions. On top of that, at any
scale (also 0), the measured objects in their own region, "Region Mätby":

- the large plan: 500 activities with 5,000 progress updates;
- the report plan: 300 activities with three updates each this year;
- "Mätby förvaltning" with 1,000 wheel events and an organisation-wide feed of them;
- a history row for every activity and progress update (as the app writes them);
- 50 units under "Mätby förvaltning" and, on the large plan, 50 measures: BHK with ten years of
  monthly values from the 50 units (6,000 values) and 49 with two years of quarterly values
  from ten units; every national plan has three measures of its own (bench/results.py);
- bench@exempel.se (reader) and redaktor@exempel.se (editor) on Region Mätby, password
  ``bench-password-1``.

The schema is built by the migrations when the database is empty. Rows go in through bulk
inserts (COPY on PostgreSQL, executemany on SQLite), with ids chosen here. The same seed gives
the same rows. What the benchmark needs (ids, the feed's token) is printed as JSON on the last
line of standard output.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, text

from bench.results import bench_units, write_results
from planner.plans.template import AREAS

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password-1"
READER_EMAIL = "bench@exempel.se"
EDITOR_EMAIL = "redaktor@exempel.se"
FEED_TOKEN_PREFIX = "bankfeed"
BATCH = 20_000

REGIONS = (
    "Region Stockholm",
    "Region Uppsala",
    "Region Sörmland",
    "Region Östergötland",
    "Region Jönköpings län",
    "Region Kronoberg",
    "Region Kalmar län",
    "Region Gotland",
    "Region Blekinge",
    "Region Skåne",
    "Region Halland",
    "Västra Götalandsregionen",
    "Region Värmland",
    "Region Örebro län",
    "Region Västmanland",
    "Region Dalarna",
    "Region Gävleborg",
    "Region Västernorrland",
    "Region Jämtland Härjedalen",
    "Region Västerbotten",
    "Region Norrbotten",
)
ADMINISTRATIONS = (
    "Hälso- och sjukvårdsförvaltningen",
    "Primärvårdsförvaltningen",
    "Psykiatriförvaltningen",
    "Tandvårdsförvaltningen",
)
PLACE_START = (
    "Al", "Berg", "Björk", "Ek", "Fors", "Gran", "Hag", "Hed", "Holm", "Lind", "Lund", "Mal",
    "Norr", "Sand", "Sjö", "Sten", "Strand", "Sunds", "Torp", "Vall", "Ås", "Öster", "Väster",
)  # fmt: skip
PLACE_END = (
    "by", "berga", "dal", "fors", "hamn", "holm", "köping", "lunda", "mark", "näs", "sala",
    "stad", "vik", "åker", "ö", "sjö", "torp", "ryd",
)  # fmt: skip
FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid", "Elin",
    "Lars", "Mikael", "Johan", "Anders", "Per", "Erik", "Karl", "Peter", "Jonas", "Fredrik",
)  # fmt: skip
LAST_NAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Lindqvist", "Berg", "Holm", "Lindberg", "Sandberg",
)  # fmt: skip
ROLES = ("Chefläkare", "Patientsäkerhetssamordnare", "Verksamhetschef", "Utvecklingsledare",
         "MAS", "Vårdenhetschef")  # fmt: skip
ACTIVITY_VERBS = ("Införa", "Utveckla", "Följa upp", "Utbilda i", "Kartlägga", "Förbättra",
                  "Sprida", "Mäta")  # fmt: skip
ACTIVITY_OBJECTS = (
    "strukturerad överrapportering med SBAR",
    "markörbaserad journalgranskning",
    "läkemedelsgenomgångar för äldre",
    "händelseanalyser efter vårdskador",
    "trycksårsprevention på vårdavdelningar",
    "basala hygienrutiner och klädregler",
    "patientsäkerhetsdialoger i ledningsgrupper",
    "riskbedömning vid fall",
    "patientmedverkan i avvikelsehantering",
    "säker kommunikation vid utskrivning",
    "kompetensplan i patientsäkerhet",
    "digitala stöd för vårdplaner",
)
COMMENTS = (
    "Arbetet går enligt plan.",
    "Försenat på grund av bemanningsläget under sommaren.",
    "Utbildningstillfällen genomförda på tre enheter.",
    "Mätning gjord, resultatet redovisas i ledningsgruppen.",
    "Rutinen är beslutad och publicerad.",
    "Väntar på beslut om finansiering.",
)
CATEGORIES = ("apt", "dialog", "rapportering", "utbildning", "temadag", "matning", "mote")
EVENT_TITLES = (
    "Patientsäkerhetsdialog",
    "APT-tema: avvikelser",
    "Rapportering av patientsäkerhetsberättelsen",
    "Utbildningsdag i händelseanalys",
    "Världspatientsäkerhetsdagen",
    "Punktprevalensmätning",
    "Samverkansmöte region–kommun",
)
AREA_CODES = ("G1", "G2", "G3", "G4", "F1", "F2", "F3", "F4", "F5")


class Writer:
    """Bulk rows into tables with ids we choose: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, engine):
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self.counts: dict[str, int] = {}

    def write(self, table, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
        self.counts.setdefault(table.name, 0)
        if self.postgres:
            self._copy(table, columns, rows)
            return
        with self.engine.begin() as conn:
            for chunk in _chunks(rows, BATCH):
                conn.execute(table.insert(), [dict(zip(columns, r, strict=True)) for r in chunk])
                self.counts[table.name] += len(chunk)

    def _copy(self, table, columns, rows) -> None:
        json_columns = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
        positions = [i for i, c in enumerate(columns) if c in json_columns]
        raw = self.engine.raw_connection()
        try:
            with raw.cursor() as cursor:
                statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
                with cursor.copy(statement) as copy:
                    for row in rows:
                        if positions:
                            row = list(row)
                            for i in positions:
                                row[i] = json.dumps(row[i])
                        copy.write_row(row)
                        self.counts[table.name] += 1
            raw.commit()
        finally:
            raw.close()

    def reset_sequences(self, tables) -> None:
        if not self.postgres:
            return
        with self.engine.begin() as conn:
            for table in tables:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                    )
                )


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Ids:
    def __init__(self):
        self.next: dict[str, int] = {}

    def __call__(self, table: str) -> int:
        value = self.next.get(table, 1)
        self.next[table] = value + 1
        return value


def municipality_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(PLACE_START)}{rng.choice(PLACE_END)}s kommun")
    return sorted(names)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


class Generator:
    def __init__(self, metadata, writer: Writer, seed: int, scale: float, today: date):
        self.t = metadata.tables
        self.w = writer
        self.rng = random.Random(seed)
        self.scale = scale
        self.today = today
        self.now = datetime.combine(today, datetime.min.time(), UTC) - timedelta(hours=2)
        self.ids = Ids()
        self.orgs: list[tuple[int, str, str, int | None]] = []
        self.plans: list[tuple] = []
        self.areas: list[tuple] = []
        self.goals: list[tuple] = []
        self.area_ids: dict[int, list[int]] = {}
        self.goal_ids: dict[int, int] = {}

    # --- organisations, plans and areas ---------------------------------------------------

    def org(self, name: str, kind: str, parent: int | None) -> int:
        ident = self.ids("organisation")
        self.orgs.append((ident, name, kind, parent))
        return ident

    def plan(self, org_id: int, title: str, start: int, status: str = "faststalld") -> int:
        ident = self.ids("plan")
        self.plans.append((ident, org_id, title, start, start + 5, status))
        self.area_ids[ident] = []
        for position, code in enumerate(AREA_CODES):
            area = self.ids("plan_area")
            self.areas.append((area, ident, code, position))
            self.area_ids[ident].append(area)
            if position % 3 == 0:
                goal = self.ids("goal")
                self.goals.append((goal, ident, area, f"Mål för {code}: minska vårdskadorna"))
                self.goal_ids[area] = goal
        return ident

    # --- activities and their progress ---------------------------------------------------

    def activities(self, plan_plan: list[tuple[int, int, int]], updates_per: float, this_year):
        """Rows for activities, their organisations and progress, streamed (they are many)."""
        activity_rows: list[tuple] = []
        link_rows: list[tuple] = []
        update_rows: list[tuple] = []
        audit_rows: list[tuple] = []
        rng = self.rng
        today = self.today
        for plan_id, org_id, count in plan_plan:
            areas = self.area_ids[plan_id]
            for n in range(count):
                ident = self.ids("activity")
                area = areas[n % 9]
                start = today - timedelta(days=rng.randint(30, 700))
                due = start + timedelta(days=rng.randint(60, 900))
                follow = due + timedelta(days=90) if n % 4 == 0 else None
                updates = int(updates_per) + (1 if rng.random() < updates_per % 1 else 0)
                # Where the activity ends up: a fifth done, a tenth not started, a few
                # cancelled, the rest under way; its updates climb towards that.
                roll = rng.random()
                if roll < 0.2:
                    final, goal = "klar", 100
                elif roll < 0.3:
                    final, goal = "ej_paborjad", 0
                elif roll < 0.33:
                    final, goal = "avbruten", rng.randint(10, 60)
                else:
                    final, goal = "pagar", rng.randint(10, 90)
                day = start
                status, percent = final, goal
                for step in range(updates):
                    day = day + timedelta(days=rng.randint(10, 60))
                    if this_year:
                        day = date(today.year, 1, 1) + timedelta(days=step * 25 + n % 20)
                    day = min(day, today)
                    last = step == updates - 1
                    step_percent = goal * (step + 1) // updates
                    step_status = final if last or final == "ej_paborjad" else "pagar"
                    update = (
                        self.ids("progress_update"),
                        ident,
                        day,
                        step_status,
                        100 if step_status == "klar" else step_percent,
                        rng.choice(COMMENTS),
                        person(rng),
                        None,
                        self.now,
                    )
                    update_rows.append(update)
                    audit_rows.append(
                        self.audit(
                            "ProgressUpdate",
                            update[0],
                            f"{day.isoformat()} {update[4]} %",
                            {"date": [None, day.isoformat()], "status": [None, step_status],
                             "percent": [None, update[4]], "comment": [None, update[5]]},
                            (org_id, plan_id, ident),
                            day,
                            update[6],
                        )
                    )  # fmt: skip
                responsible = "" if n % 17 == 0 else person(rng)
                title = f"{rng.choice(ACTIVITY_VERBS)} {rng.choice(ACTIVITY_OBJECTS)}"
                activity_rows.append(
                    (
                        ident,
                        plan_id,
                        area,
                        self.goal_ids.get(area) if n % 2 == 0 else None,
                        f"{title} ({n + 1})",
                        "Bakgrund, syfte och hur arbetet ska gå till. " * 3,
                        responsible,
                        rng.choice(ROLES) if responsible else "",
                        "",
                        start,
                        due,
                        follow,
                        status,
                        percent,
                        1,
                        self.now,
                        self.now,
                    )
                )
                link_rows.append((ident, org_id))
                audit_rows.append(
                    self.audit(
                        "Activity",
                        ident,
                        activity_rows[-1][4],
                        {
                            "title": [None, activity_rows[-1][4]],
                            "due_date": [None, due.isoformat()],
                        },
                        (org_id, plan_id, ident),
                        start,
                        responsible or "Anna Andersson",
                    )
                )
        return activity_rows, link_rows, update_rows, audit_rows

    def audit(self, kind, ident, label, changes, scope, day: date, actor: str) -> tuple:
        """A history row as the app writes it when someone creates ``kind``."""
        at = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=9)
        return (self.ids("audit_event"), at, None, actor, "create", kind, ident, label[:300],
                1, *scope, changes)  # fmt: skip

    def write_activities(self, plan_plan, updates_per: float, this_year: bool = False) -> None:
        activity, link, update, audit = self.activities(plan_plan, updates_per, this_year)
        self.w.write(
            self.t["activity"],
            (
                "id",
                "plan_id",
                "area_id",
                "goal_id",
                "title",
                "description",
                "responsible_name",
                "responsible_role",
                "responsible_email",
                "start_date",
                "due_date",
                "follow_up_date",
                "status",
                "percent",
                "version",
                "created_at",
                "updated_at",
            ),  # fmt: skip
            activity,
        )
        self.w.write(self.t["activity_organisation"], ("activity_id", "organisation_id"), link)
        self.w.write(
            self.t["progress_update"],
            (
                "id",
                "activity_id",
                "date",
                "status",
                "percent",
                "comment",
                "author_name",
                "author_id",
                "created_at",
            ),  # fmt: skip
            update,
        )
        self.w.write(
            self.t["audit_event"],
            (
                "id",
                "at",
                "actor_id",
                "actor_name",
                "action",
                "entity_type",
                "entity_id",
                "entity_label",
                "entity_version",
                "organisation_id",
                "plan_id",
                "activity_id",
                "changes",
            ),  # fmt: skip
            audit,
        )

    # --- wheel and feeds -----------------------------------------------------------------

    def events(self, org_id: int, count: int) -> Iterator[tuple]:
        rng = self.rng
        for n in range(count):
            kind = ("once", "yearly_date", "yearly_date", "monthly_day")[n % 4]
            timed = n % 5 == 0
            yield (
                self.ids("wheel_event"),
                org_id,
                None,
                f"{EVENT_TITLES[n % len(EVENT_TITLES)]} {n + 1}",
                "Återkommande punkt i årshjulet. " * 3,
                CATEGORIES[n % 7],
                AREA_CODES[n % 9] if n % 2 else None,
                not timed,
                self.today + timedelta(days=rng.randint(-30, 390)),
                datetime.min.time().replace(hour=9 + n % 6) if timed else None,
                90 if timed else None,
                kind,
                1,
                None,
                None,
                None,
                None,
                12 if kind == "monthly_day" else None,
                [],
                0,
                1,
                self.now,
                self.now,
            )

    def write_events(self, per_org: list[tuple[int, int]]) -> None:
        rows = (row for org_id, count in per_org for row in self.events(org_id, count))
        self.w.write(
            self.t["wheel_event"],
            (
                "id",
                "organisation_id",
                "plan_id",
                "title",
                "description",
                "category",
                "area_code",
                "all_day",
                "start_date",
                "start_time",
                "duration_minutes",
                "recurrence",
                "interval",
                "month",
                "weekday",
                "nth",
                "until",
                "count",
                "skipped",
                "sequence",
                "version",
                "created_at",
                "updated_at",
            ),  # fmt: skip
            rows,
        )

    def subscription(self, org_id, name, user_id, token_hash, include_sub, activities):
        return (
            self.ids("subscription"),
            org_id,
            user_id,
            name,
            token_hash,
            [],
            [],
            False,
            include_sub,
            activities,
            self.now,
            None,
            None,
        )

    # --- the whole set ---------------------------------------------------------------------

    def run(self, password_hash: str, hash_token) -> dict:
        rng = self.rng
        t = self.t
        # The measured region first, so its ids are the same at every scale.
        bench_region = self.org("Region Mätby", "region", None)
        bench_admin = self.org("Mätby förvaltning", "forvaltning", bench_region)
        large = self.plan(bench_region, "Handlingsplan för ökad patientsäkerhet 2025–2030", 2025)
        report = self.plan(bench_admin, "Förvaltningens plan med 300 aktiviteter", 2025)
        units = bench_units(self, bench_admin)

        regions = max(1, round(21 * self.scale)) if self.scale > 0 else 0
        municipalities = round(290 * self.scale)
        national: list[int] = []
        for name in REGIONS[:regions]:
            region = self.org(name, "region", None)
            national.append(region)
            national.extend(self.org(a, "forvaltning", region) for a in ADMINISTRATIONS)
        national.extend(
            self.org(name, "kommun", None) for name in municipality_names(rng, municipalities)
        )
        plan_count = round(2000 * self.scale)
        activity_total = round(200_000 * self.scale)
        national_plans: list[tuple[int, int, int]] = []
        for n in range(plan_count):
            org_id = national[n % len(national)]
            start = 2025 - (n // len(national)) % 4 * 2
            status = "arkiverad" if start < 2023 else "faststalld"
            title = f"Handlingsplan patientsäkerhet {start}–{start + 5}"
            plan_id = self.plan(org_id, title, start, status)
            national_plans.append((plan_id, org_id, 0))
        # 200,000 activities over the plans: between 40 and 160 each, the same total.
        if national_plans:
            weights = [rng.uniform(0.4, 1.6) for _ in national_plans]
            total = sum(weights)
            sizes = [int(activity_total * w / total) for w in weights]
            sizes[0] += activity_total - sum(sizes)
            national_plans = [(p, o, s) for (p, o, _), s in zip(national_plans, sizes, strict=True)]

        now = self.now
        self.w.write(
            t["organisation"],
            ("id", "name", "kind", "parent_id", "created_at", "updated_at"),
            ((*o, now, now) for o in self.orgs),
        )
        users = [
            (self.ids("user_account"), READER_EMAIL, "Bänk Läsare", bench_region, "lasare"),
            (self.ids("user_account"), EDITOR_EMAIL, "Bänk Redaktör", bench_region, "redaktor"),
        ]
        for n, org_id in enumerate(national):
            users.append(
                (self.ids("user_account"), f"person{n}@exempel.se", person(rng), org_id, "redaktor")
            )
        self.w.write(
            t["user_account"],
            (
                "id",
                "email",
                "name",
                "password_hash",
                "is_system_admin",
                "active",
                "created_at",
                "updated_at",
            ),  # fmt: skip
            ((u[0], u[1], u[2], password_hash, False, True, now, now) for u in users),
        )
        self.w.write(
            t["membership"],
            ("id", "user_id", "organisation_id", "role", "created_at", "updated_at"),
            ((self.ids("membership"), u[0], u[3], u[4], now, now) for u in users),
        )
        self.w.write(
            t["plan"],
            (
                "id",
                "organisation_id",
                "title",
                "period_start",
                "period_end",
                "vision",
                "decided_by",
                "status",
                "version",
                "created_at",
                "updated_at",
            ),  # fmt: skip
            (
                (
                    p[0],
                    p[1],
                    p[2],
                    p[3],
                    p[4],
                    "God och säker vård – överallt och alltid",
                    "Styrelsen",
                    p[5],
                    1,
                    now,
                    now,
                )
                for p in self.plans
            ),  # fmt: skip
        )
        by_code = {a.code: a for a in AREAS}
        self.w.write(
            t["plan_area"],
            (
                "id",
                "plan_id",
                "code",
                "kind",
                "position",
                "title",
                "aim",
                "local_description",
                "version",
            ),  # fmt: skip
            (
                (
                    a[0],
                    a[1],
                    a[2],
                    by_code[a[2]].kind,
                    a[3],
                    by_code[a[2]].title,
                    by_code[a[2]].aim,
                    "",
                    1,
                )
                for a in self.areas
            ),  # fmt: skip
        )
        self.w.write(
            t["goal"],
            (
                "id",
                "plan_id",
                "area_id",
                "title",
                "description",
                "position",
                "version",
                "created_at",
                "updated_at",
            ),  # fmt: skip
            ((g[0], g[1], g[2], g[3], "", 0, 1, now, now) for g in self.goals),
        )
        self.write_activities([(large, bench_region, 500)], 10.0)
        self.write_activities([(report, bench_admin, 300)], 3.0, this_year=True)
        self.write_activities(national_plans, 5.0)
        measured = write_results(self, large, units, national_plans)

        self.write_events([(bench_admin, 1000)])
        event_total = round(20_000 * self.scale)
        if national:
            per = [(org_id, event_total // len(national)) for org_id in national]
            per[0] = (per[0][0], per[0][1] + event_total - sum(c for _, c in per))
            self.write_events(per)

        feed_token = f"{FEED_TOKEN_PREFIX}{rng.getrandbits(128):032x}"
        subscriptions = [
            self.subscription(
                bench_admin, "Tusen händelser", None, hash_token(feed_token), False, False
            )  # fmt: skip
        ]
        subscription_total = round(10_000 * self.scale)
        user_by_org = {u[3]: u[0] for u in users[2:]}
        for n in range(subscription_total):
            org_id = national[n % len(national)]
            personal = user_by_org.get(org_id) if n % 3 else None
            subscriptions.append(
                self.subscription(
                    org_id,
                    f"Prenumeration {n + 1}",
                    personal,
                    hash_token(f"national-{n}-{rng.getrandbits(64)}"),
                    n % 2 == 0,
                    n % 4 != 0,
                )
            )
        self.w.write(
            t["subscription"],
            (
                "id",
                "organisation_id",
                "user_id",
                "name",
                "token_hash",
                "areas",
                "categories",
                "only_mine",
                "include_sub",
                "include_activities",
                "created_at",
                "last_used_at",
                "revoked_at",
            ),  # fmt: skip
            subscriptions,
        )
        self.w.reset_sequences(t[name] for name in self.ids.next)
        first_activity = 1  # the large plan's activities come first
        return {
            "large_plan_id": large,
            "report_plan_id": report,
            "region_id": bench_region,
            "feed_org_id": bench_admin,
            "activity_id": first_activity,
            "feed_token": feed_token,
            "reader": READER_EMAIL,
            "editor": EDITOR_EMAIL,
            "password": PASSWORD,
            **measured,
        }


def build_schema(url: str) -> None:
    """The schema from the migrations (what production runs), when the database is empty."""
    from flask_migrate import upgrade

    from planner import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-generator"})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))


def generate(url: str, seed: int, scale: float, today: date | None = None) -> dict:
    # Every table the generator writes, registered on the metadata.
    import planner.audit.models
    import planner.auth.models
    import planner.documents.models
    import planner.feeds.models
    import planner.plans.models
    import planner.results.models
    import planner.wheel.models  # noqa: F401
    from planner.auth.passwords import hash_password
    from planner.extensions import db
    from planner.feeds.services import hash_token

    engine = create_engine(url)
    if "organisation" not in inspect(engine).get_table_names():
        build_schema(url)
    tables = db.Model.metadata.tables
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(tables["organisation"])).scalar():
            raise SystemExit("The database already holds organisations: give an empty one.")
    from planner.clock import local_today

    writer = Writer(engine)
    generator = Generator(db.Model.metadata, writer, seed, scale, today or local_today())
    facts = generator.run(hash_password(PASSWORD), hash_token)
    if writer.postgres:
        # As autovacuum leaves a loaded database (PostgreSQL 13+ vacuums after inserts too):
        # statistics, and the visibility map that lets covering indexes answer alone.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    facts["counts"] = writer.counts
    return facts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Fill an empty database with a national data set for benchmarks."
    )
    parser.add_argument("--database-url", required=True, help="sqlite:///… or postgresql://…")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the national set")
    args = parser.parse_args(argv)
    url = args.database_url
    if url.startswith(("postgres://", "postgresql://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    start = time.perf_counter()
    facts = generate(url, args.seed, args.scale)
    seconds = time.perf_counter() - start
    for table, count in facts["counts"].items():
        print(f"{table:24} {count:>10,}", file=sys.stderr)
    print(f"generated in {seconds:.1f} s (seed {args.seed}, scale {args.scale})", file=sys.stderr)
    facts["seconds"] = round(seconds, 1)
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
