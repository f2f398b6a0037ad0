"""Results pages: a plan's measures, a measure's chart and values, recording values."""

from __future__ import annotations

from flask import Blueprint

from planner.results import models  # noqa: F401  (the tables, for the metadata)

bp = Blueprint("results", __name__)
