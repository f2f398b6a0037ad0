"""Data keys: a hash that changes whenever anything a document shows may have changed,
computed from aggregates in one statement (no document data is loaded to decide)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from planner.extensions import db


def versioned(model, *where) -> list:
    """Count, sum of ids and sum of versions of ``model``'s rows matching ``where``: every edit
    raises a version, adding or deleting changes count and ids. SQLite gives a new row the id
    of a deleted newest one, so deleting it and adding another leaves count, ids and versions
    as they were: the newest creation time tells them apart (rows that have one)."""
    columns = [func.count(model.id), func.sum(model.id), func.sum(model.version)]
    if hasattr(model, "created_at"):
        columns.append(func.max(model.created_at))
    return [select(column).where(*where) for column in columns]


def digest(head: tuple, aggregates: list) -> str:
    """The data key of ``head`` (plain values) and ``aggregates`` (scalar selects), the latter
    evaluated in one statement."""
    state = db.session.execute(select(*(a.scalar_subquery() for a in aggregates))).one()
    return hashlib.sha256(repr((head, tuple(state))).encode()).hexdigest()


def layout_version(
    *templates: str, stylesheet: str | None = None, code: tuple[str, ...] = ()
) -> str:
    """The templates (and stylesheet, and modules of planner/ that decide what is drawn) a
    document is made from: a deploy that changes them renders anew."""
    app = current_app
    folders = (app.root_path, app.template_folder, app.static_folder)
    return _layout_version(*folders, templates, stylesheet, code)


@cache
def _layout_version(root, template_folder, static_folder, templates, stylesheet, code) -> str:
    folder = Path(root, template_folder)
    files = sorted(f for pattern in templates for f in folder.glob(pattern))
    if stylesheet:
        files.append(Path(static_folder, "css", stylesheet))
    # The renderer itself (how tables are tagged, for one) belongs to every document's layout.
    files += [Path(root, module) for module in (*code, "pdf.py")]
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
