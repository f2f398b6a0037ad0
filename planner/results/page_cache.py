"""The results pages' content kept in each process, keyed by everything it is drawn from.

The content of the plan's results page and of a measure's page (below the plan's navigation)
is rendered once per data state and kept (the same per-process, size-bounded cache as the
calendar feed: planner/feeds/cache.py). The key is a hash of, in one statement, aggregates that
change whenever anything the content shows may have changed – the plan (its version), its
measures and the values shown (count, sum of ids, sum of versions, newest creation or record
time: a correction raises a version, a new or deleted value changes the count or the ids, and
a deleted newest value replaced by another in SQLite's reused id has a newer record time),
the plan's goals (a measure names the goal it shows), every organisation (names, the tree) –
together with the day (what is due), the language, whether the viewer may edit (the edit
links), the page's own arguments and the template files. A stale page could only be served
for an unchanged key, that is, for unchanged data. Nothing is written on reading and nothing
needs clearing: a changed state makes a new key, and the old one ages out of the cache.
PLANNER_RESULTS_CACHE_BYTES bounds the size (0 turns it off).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from flask import current_app, render_template
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import func, select

from planner.clock import local_today
from planner.documents.keys import layout_version, versioned
from planner.extensions import db
from planner.feeds.cache import BodyCache
from planner.orgs.models import Organisation
from planner.plans.models import Goal, Plan
from planner.results.models import MeasureValue

contents = BodyCache()
# The modules that decide what the content shows (with the templates: a deploy renders anew).
CODE = tuple(f"results/{name}.py" for name in ("display", "chart", "state", "queries", "periods"))


def value_aggregates(*where):
    """One row of what changes when a value among ``where`` is recorded, corrected or deleted,
    read in one pass along the covering index ix_measure_value_versions."""
    v = MeasureValue
    return (
        select(func.count(v.id), func.sum(v.id), func.sum(v.version), func.max(v.recorded_at))
        .where(*where)
        .subquery()
    )


def _shared_aggregates(plan: Plan) -> list:
    return [
        select(Plan.version).where(Plan.id == plan.id),
        *versioned(Goal, Goal.plan_id == plan.id),
        select(func.count(Organisation.id)),
        select(func.sum(Organisation.id)),
        select(func.max(Organisation.updated_at)),
    ]


def cached_content(
    template: str,
    plan: Plan,
    head: tuple,
    aggregates: list,
    values,
    context: Callable[[], dict],
) -> Markup:
    """``template`` rendered with ``context()``, or the content kept for the same key.
    ``head``: the page's own arguments and the viewer's rights; ``aggregates``: scalar selects
    over the measures the content shows; ``values``: the values' ``value_aggregates``."""

    def build() -> str:
        return render_template(template, **context())

    layout = layout_version(
        "results/*.html", "transfer/_value_links.html", "_macros.html", code=CODE
    )
    head = (template, layout, str(get_locale()), local_today().isoformat(), *head)
    scalars = [a.scalar_subquery() for a in (*_shared_aggregates(plan), *aggregates)]
    state = db.session.execute(select(*scalars, *values.c)).one()
    key = hashlib.sha256(repr((head, tuple(state))).encode()).hexdigest()
    limit = current_app.config["RESULTS_CACHE_BYTES"]
    if limit > 0:
        body = contents.get_or_build(key, limit, lambda: build().encode()).decode()
    else:  # off: not even what an earlier request kept
        body = build()
    return Markup(body)  # noqa: S704 - our own template, escaped as it was rendered
