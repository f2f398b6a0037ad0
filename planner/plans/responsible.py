"""Which organisations may be responsible for a plan's activities: one rule for the activity
form and the import.

The plan's own organisation and those under it, always. Partners outside it — joint work
with a municipality, say — deliberately, in a separate, labelled group: organisations in
their own right (the top of a tree: regions, municipalities, forums, whose names are public
anyway), organisations the user can see (where they hold a role; every one for a system
administrator), and those the plan already works with (so that editing or re-importing an
activity never drops a partner). Units inside another organisation's tree are not offered,
named or accepted unless the user can see them."""

from __future__ import annotations

from dataclasses import dataclass

from planner.access import visible_organisation_ids
from planner.orgs.models import Organisation
from planner.orgs.services import subtree_ids, tree_rows
from planner.plans.models import Plan
from planner.plans.queries import responsible_organisations


@dataclass(frozen=True)
class ResponsibleOptions:
    own: list[tuple[int, Organisation]]  # the plan's subtree, (depth below the plan's, org)
    partners: list[Organisation]  # outside the subtree, in tree order

    @property
    def organisations(self) -> list[Organisation]:
        return [org for _depth, org in self.own] + self.partners

    @property
    def ids(self) -> set[int]:
        return {org.id for org in self.organisations}


def responsible_options(plan: Plan, user) -> ResponsibleOptions:
    """The organisations ``user`` may make responsible for an activity of ``plan``."""
    subtree = set(subtree_ids(plan.organisation_id))
    visible = visible_organisation_ids(user)
    working = {org.id for org in responsible_organisations(plan.id)}
    rows = tree_rows()
    top = next((depth for depth, org in rows if org.id == plan.organisation_id), 0)
    own = [(depth - top, org) for depth, org in rows if org.id in subtree]
    partners = [
        org
        for _depth, org in rows
        if org.id not in subtree
        and (org.parent_id is None or visible is None or org.id in visible or org.id in working)
    ]
    return ResponsibleOptions(own, partners)
