"""The PSB's pages: reading, writing, figures, deciding and publishing."""

from __future__ import annotations

from flask import Blueprint

from planner.psb import models  # noqa: F401  (the tables belong to the app)

bp = Blueprint("psb", __name__)
