"""The parsed table that travels between an import's preview and its save.

The uploaded file is read once; what the next step needs is the parsed table, signed with the
app's secret (itsdangerous, bound to the kind of import, the plan and the user, valid three
hours) in a hidden field: several app processes can serve the next step, and nothing the
client sends back is believed without the signature."""

from __future__ import annotations

import hashlib
import json

from flask import current_app
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from planner.plans.models import Plan
from planner.transfer.reading import FileProblem, Table

MAX_TOKEN = 3_500_000  # characters; within MAX_FORM_MEMORY_SIZE (config.py, 4 MiB)
TOKEN_MAX_AGE = 3 * 3600


def _serializer(kind: str) -> URLSafeTimedSerializer:
    # One salt per kind of import: an activity table is never accepted as a value table.
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"planner.transfer.{kind}")


def sign(kind: str, plan: Plan, table: Table, filename: str) -> str:
    token = _serializer(kind).dumps(
        {"plan": plan.id, "user": current_user.id, "file": filename[:200], **table.to_json()}
    )
    if len(token) > MAX_TOKEN:
        raise FileProblem(
            _(
                "Filen innehåller för mycket text för att förhandsgranskas på en gång. Dela upp "
                "den i flera filer."
            )
        )
    return token


def unsign(kind: str, plan: Plan, token: str) -> tuple[Table, str] | None:
    if not token or len(token) > MAX_TOKEN:
        return None
    try:
        data = _serializer(kind).loads(token, max_age=TOKEN_MAX_AGE)
    except BadSignature:
        return None
    if data.get("plan") != plan.id or data.get("user") != current_user.id:
        return None
    return Table.from_json(data), data.get("file", "")


def fingerprint(rows) -> str:
    """What the person saw: saving is refused if the plan changed the preview since."""
    seen = [(r.number, r.action, r.changes) for r in rows]
    return hashlib.sha256(json.dumps(seen, ensure_ascii=False).encode()).hexdigest()
