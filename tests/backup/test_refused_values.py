"""Values a restore cannot hold (far-off dates and times, lone surrogates, NaN, text that is
not UTF-8): each file is refused with a clear Swedish message and nothing is written."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from planner.backup.dump import dump_bytes
from planner.backup.format import BackupError, parse
from planner.backup.restore import restore
from planner.extensions import db
from planner.orgs.models import Organisation
from tests.factories import commit, make_activity, make_org, make_plan


def exported() -> dict:
    plan = make_plan()
    make_activity(plan, title="Händelseanalyser")
    commit()
    return json.loads(dump_bytes(plan.organisation))


def organisations() -> int:
    return db.session.scalar(select(func.count()).select_from(Organisation))


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["history"][0].update(at="0001-01-01T00:00:00+14:00"), "ISO-format"),
        (lambda d: d["activities"][0].update(title="\ud800"), "ogiltiga tecken"),
        (lambda d: d["activities"][0].update(due_date="0001-01-01"), "ISO-format"),
    ],
)
def test_hostile_values_are_refused_without_writing(app, change, message):
    document = exported()
    change(document)
    data = json.dumps(document, ensure_ascii=True)
    parent = make_org("Annan region")  # placed elsewhere, so only the bad value can stop it
    commit()
    before = organisations()
    with pytest.raises(BackupError, match=message):
        restore(parse(data), parent)
    db.session.rollback()
    assert organisations() == before


def test_nan_is_not_json(app):
    document = exported()
    text = json.dumps(document).replace('"changes": {', '"changes": {"x": NaN, ', 1)
    with pytest.raises(BackupError, match="inte giltig JSON"):
        parse(text)


def test_a_file_that_is_not_utf8_gets_a_swedish_message(app):
    with pytest.raises(BackupError, match="UTF-8"):
        parse('{"format": "planner-backup", "namn": "Åsby"}'.encode("latin-1"))
