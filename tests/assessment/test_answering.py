"""Answering a year's survey: each question saved on its own, in the history, started from last
year's answers, decided (who, when) and then read-only, also against a direct POST, until
reopened; nobody's answer silently overwritten."""

from __future__ import annotations

from sqlalchemy import select

from planner.assessment.models import Answer, Assessment
from planner.audit.history import history
from planner.extensions import db
from tests.assessment.helpers import reload, text
from tests.factories import commit, make_assessment, make_org, make_user

ORG = "Åsby kommun"


def _editor(app, org):
    make_user("mas@test.se", "redaktor", org, name="Maja Mas")
    commit()
    client = app.test_client()
    client.login("mas@test.se")
    return client


def _answer(client, assessment_id: int, code: str, value: str, version: str = "", **more):
    data = {f"{code}-value": value, f"{code}-version": version}
    data.update({f"{code}-{k}": v for k, v in more.items()})
    return client.post(f"/sjalvskattningar/{assessment_id}/svar/{code}", data=data)


def test_an_editor_starts_answers_and_each_answer_is_saved_at_once(app):
    org = make_org(ORG, "kommun")
    client = _editor(app, org)
    started = client.post(f"/organisationer/{org.id}/sjalvskattning", data={"year": "2026"})
    assert started.status_code == 302
    assessment = db.session.scalars(select(Assessment)).one()
    assert (assessment.year, assessment.status) == (2026, "draft")
    link = "https://intranat.asby.se/rutiner/vardskador"
    saved = _answer(client, assessment.id, "f1_identify", "yes", comment="Ny rutin 2026", link=link)
    assert saved.status_code == 302
    # The page opens at the next question to answer: the follow-up now asked.
    assert saved.location.endswith("#fraga-f1_identify_ms")
    answer = db.session.scalars(select(Answer)).one()
    assert (answer.value, answer.comment, answer.link) == ("yes", "Ny rutin 2026", link)
    assert answer.answered_by_name == "Maja Mas"
    page = client.get(f"/sjalvskattningar/{assessment.id}")
    body = page.get_data(as_text=True)
    assert 'id="fraga-f1_identify_ms"' in body
    assert f'action="/sjalvskattningar/{assessment.id}/svar/f1_identify_ms' in body
    assert "1 av 31 frågor" in text(page)  # the 30 main questions and the follow-up now asked


def test_answers_are_in_the_history_in_words(app):
    org = make_org(ORG, "kommun")
    client = _editor(app, org)
    assessment = make_assessment(org, 2025)
    commit()
    _answer(client, assessment.id, "f3_adapt", "partly")
    _answer(client, assessment.id, "f3_adapt", "yes", version="1")
    with app.test_request_context():
        lines = history(organisation_id=org.id)
        said = [
            (line.verb, line.what, [(c.field, c.old, c.new) for c in line.changes])
            for line in lines
        ]
    question = "svaret på frågan 2025: Har vårdgivaren dokumenterade rutiner för hur anpassning"
    assert any(
        verb == "ändrade" and what.startswith(question) and ("Svar", "Delvis", "Ja") in changes
        for verb, what, changes in said
    ), said
    assert any(verb == "skapade" and what == "självskattningen 2025" for verb, what, _c in said)


def test_a_stale_form_does_not_overwrite_anothers_answer(app):
    org = make_org(ORG, "kommun")
    client = _editor(app, org)
    assessment = make_assessment(org, 2025, {"f3_adapt": "no"})
    commit()
    _answer(client, assessment.id, "f3_adapt", "yes", version="1")  # someone saves version 1
    late = _answer(client, assessment.id, "f3_adapt", "dont_know", version="1", comment="Mitt")
    assert late.status_code == 409
    assert "Någon annan har ändrat detta" in text(late)
    assert db.session.scalars(select(Answer.value)).one() == "yes"
    # The other person's change is shown and the late comment is kept in the form to merge.
    assert "Mitt" in late.get_data(as_text=True)


def test_a_link_must_be_a_web_address(app):
    org = make_org(ORG, "kommun")
    client = _editor(app, org)
    assessment = make_assessment(org, 2025)
    commit()
    for bad in ("javascript:alert(1)", "intranat/rutin", "ftp://server/rutin", "https:// x"):
        refused = _answer(client, assessment.id, "f3_adapt", "yes", link=bad)
        assert refused.status_code == 400, bad
        assert "Ange en webbadress som börjar med https://" in text(refused)
    assert db.session.scalars(select(Answer)).all() == []


def test_decided_is_read_only_until_reopened_also_for_a_direct_post(app):
    org = make_org(ORG, "kommun")
    client = _editor(app, org)
    assessment = make_assessment(org, 2025, {"f3_adapt": "no"})
    commit()
    decided = client.post(f"/sjalvskattningar/{assessment.id}/beslut")
    assert decided.status_code == 302
    assessment = reload(assessment.id)
    assert assessment.status == "decided" and assessment.decided_by_name == "Maja Mas"
    assert assessment.decided_at is not None
    page = client.get(f"/sjalvskattningar/{assessment.id}")
    assert "/svar/" not in page.get_data(as_text=True)  # no answer forms
    assert "Öppna för ändringar" in text(page)
    # A POST made by hand (an old tab, a script) changes nothing.
    refused = _answer(client, assessment.id, "f3_adapt", "yes", version="1")
    assert refused.status_code == 409
    assert "Självskattningen är beslutad och kan inte ändras" in text(refused)
    refused = _answer(client, assessment.id, "f1_identify", "yes")  # a new answer neither
    assert refused.status_code == 409
    assert [a.value for a in reload(assessment.id).answers] == ["no"]
    again = client.post(f"/sjalvskattningar/{assessment.id}/beslut")  # deciding twice: refused
    assert again.status_code == 302 and reload(assessment.id).version == 2
    reopened = client.post(f"/sjalvskattningar/{assessment.id}/oppna")
    assert reopened.status_code == 302 and reload(assessment.id).status == "draft"
    assert _answer(client, assessment.id, "f3_adapt", "yes", version="1").status_code == 302
    assert [a.value for a in reload(assessment.id).answers] == ["yes"]


def test_a_reader_may_look_but_not_answer(app):
    org = make_org(ORG, "kommun")
    make_user("lasare@test.se", "lasare", org)
    assessment = make_assessment(org, 2025, {"f3_adapt": "no"})
    commit()
    reader = app.test_client()
    reader.login("lasare@test.se")
    page = reader.get(f"/sjalvskattningar/{assessment.id}")
    assert page.status_code == 200 and "/svar/" not in page.get_data(as_text=True)
    assert _answer(reader, assessment.id, "f3_adapt", "yes", version="1").status_code == 403


def test_next_year_starts_from_last_years_answers(app):
    org = make_org(ORG, "kommun")
    client = _editor(app, org)
    last = make_assessment(org, 2025, {"f1_identify": "yes", "f3_adapt": "partly"})
    last.answers[0].comment = "Metoder: MJG och avvikelser"
    last.answers[0].link = "https://intranat.asby.se/mjg"
    commit()
    started = client.post(
        f"/organisationer/{org.id}/sjalvskattning", data={"year": "2026", "from_previous": "y"}
    )
    assert started.status_code == 302
    new = db.session.scalars(select(Assessment).where(Assessment.year == 2026)).one()
    copied = {a.question_code: (a.value, a.comment, a.link) for a in new.answers}
    assert copied == {
        "f1_identify": ("yes", "Metoder: MJG och avvikelser", "https://intranat.asby.se/mjg"),
        "f3_adapt": ("partly", "", ""),
    }
    # A year cannot be started twice.
    twice = client.post(f"/organisationer/{org.id}/sjalvskattning", data={"year": "2026"})
    assert twice.status_code == 200
    assert len(db.session.scalars(select(Assessment)).all()) == 2


def test_the_answering_page_shows_its_own_history(app):
    org = make_org(ORG, "kommun")
    client = _editor(app, org)
    assessment = make_assessment(org, 2025)
    make_assessment(make_org("Annan kommun", "kommun"), 2025, {"f3_adapt": "no"})
    commit()
    _answer(client, assessment.id, "f3_adapt", "partly", comment="Finns på två enheter")
    client.post(f"/sjalvskattningar/{assessment.id}/beslut")
    page = client.get(f"/sjalvskattningar/{assessment.id}")
    history = text(page).split("Historik", 1)[1]
    assert (
        "Maja Mas ändrade självskattningen 2025" in history
        and "Status: Pågår → Beslutad" in history
    )
    assert (
        "Maja Mas skapade svaret på frågan 2025: Har vårdgivaren dokumenterade rutiner för hur"
        in history
    )
    assert "Svar: Delvis" in history and "Kommentar: Finns på två enheter" in history
    assert history.count("svaret på frågan") == 1  # not the other organisation's


def test_the_same_answer_sent_again_with_an_old_version_is_no_conflict(app):
    """A double submit, or the button pressed after the page saved the choice by itself."""
    org = make_org(ORG, "kommun")
    client = _editor(app, org)
    assessment = make_assessment(org, 2025)
    commit()
    assert _answer(client, assessment.id, "f3_adapt", "yes").status_code == 302
    again = _answer(client, assessment.id, "f3_adapt", "yes")  # still the page's empty version
    assert again.status_code == 302
    answer = db.session.scalars(select(Answer)).one()
    assert (answer.value, answer.version) == ("yes", 1)
