"""Self-assessment pages: answer a year's survey, the result beside the national level."""

from __future__ import annotations

from flask import Blueprint

from planner.assessment import models  # noqa: F401 - the tables

bp = Blueprint("assessment", __name__)
