"""The results pages' content kept in each process, keyed by everything it is drawn from.

The content of the plan's results page and of a measure's page (below the plan's navigation)
is rendered once per data state and kept (the same per-process, size-bounded cache as the
calendar feed: planner/feeds/cache.py). The key is a hash of, in one statement, aggregates that
change whenever anything the content shows may have changed – the plan (its version), its
measures (count, sum of ids, sum of versions, newest creation time, and the sum of their
``values_version``, which every added, corrected or deleted value raises by one in the same
transaction: planner/results/models.py), the plan's goals (a measure names the goal it
shows), every organisation (names, the tree) – together with the day (what is due), the
language, whether the viewer may edit (the edit links), the page's own arguments and the
template files. The values themselves are not read to decide: 6,000 of them would cost more
than the page. A stale page could only be served for an unchanged key, that is, for unchanged
data. Nothing is written on reading and nothing needs clearing: a changed state makes a new
key, and the old one ages out of the cache.
PLANNER_RESULTS_CACHE_BYTES bounds the size (0 turns it off).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache

from flask import current_app, render_template
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import Select, bindparam, func, select

from planner.auth.models import User
from planner.clock import local_today
from planner.documents.keys import layout_version, versioned
from planner.extensions import db
from planner.feeds.cache import BodyCache
from planner.orgs.models import Organisation
from planner.plans.models import Goal, Plan
from planner.results.models import Measure

contents = BodyCache()
# The modules that decide what the content shows (with the templates: a deploy renders anew).
CODE = tuple(f"results/{name}.py" for name in ("display", "chart", "state", "queries", "periods"))


def _key_statement(*aggregates):
    """One row: the shared aggregates of the plan (``:plan_id``) and ``aggregates``."""
    plan_id = bindparam("plan_id")
    shared = [
        select(Plan.version).where(Plan.id == plan_id),
        *versioned(Goal, Goal.plan_id == plan_id),
        select(func.count(Organisation.id)),
        select(func.sum(Organisation.id)),
        select(func.max(Organisation.updated_at)),
    ]
    return select(*(a.scalar_subquery() for a in (*shared, *aggregates)))


# The statements are built once (building them cost more than running them), with the plan's
# and the measure's ids as parameters.
@cache
def results_page_key():
    """What the plan's results page shows: its measures and, by values_version, their values."""
    in_plan = Measure.plan_id == bindparam("plan_id")
    return _key_statement(
        *versioned(Measure, in_plan), select(func.sum(Measure.values_version)).where(in_plan)
    )


@cache
def measure_page_key():
    """What a measure's page shows (``:measure_id``): the measure, its values (by
    values_version) and its responsible person's name (a renamed account draws anew)."""
    this = Measure.id == bindparam("measure_id")
    return _key_statement(
        select(Measure.version).where(this),
        select(Measure.values_version).where(this),
        select(User.name).where(User.id == Measure.responsible_user_id, this),
    )


def cached_content(
    template: str,
    plan: Plan,
    head: tuple,
    key: tuple[Select, dict],
    context: Callable[[], dict],
) -> Markup:
    """``template`` rendered with ``context()``, or the content kept for the same key.
    ``head``: the page's own arguments and the viewer's rights; ``key``: the page's key
    statement (``results_page_key`` or ``measure_page_key``) and its parameters."""

    def build() -> str:
        return render_template(template, **context())

    layout = layout_version(
        "results/*.html", "transfer/_value_links.html", "_macros.html", code=CODE
    )
    head = (template, layout, str(get_locale()), local_today().isoformat(), *head)
    statement, parameters = key
    state = db.session.execute(statement, {"plan_id": plan.id, **parameters}).one()
    key = hashlib.sha256(repr((head, tuple(state))).encode()).hexdigest()
    limit = current_app.config["RESULTS_CACHE_BYTES"]
    if limit > 0:
        body = contents.get_or_build(key, limit, lambda: build().encode()).decode()
    else:  # off: not even what an earlier request kept
        body = build()
    return Markup(body)  # noqa: S704 - our own template, escaped as it was rendered
