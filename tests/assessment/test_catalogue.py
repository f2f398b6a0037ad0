"""Next year's survey is a new data file: it loads, is answered and evaluated without any code
change; a broken file is refused with a message naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.assessment.catalogue import (
    SHIPPED,
    CatalogueError,
    available_years,
    catalogue_for,
    national_level,
)
from planner.numbers import percent_text
from tests.assessment.helpers import text
from tests.factories import commit, make_assessment, make_org, make_user


def _catalogue_2031() -> dict:
    """A made-up survey year, shaped like the shipped files: two questions, one indicator
    combining them with "any", a national level."""
    return {
        "format": "planner-survey-catalogue",
        "year": 2031,
        "title": "Enkät 2031 (testets egen)",
        "published": True,
        "sources": {"test": "Testkällan 2032"},
        "questions": [
            {
                "code": "q_alpha",
                "area": "G2",
                "asks": "documented_routine",
                "text": "Fråga alfa?",
                "national": [
                    {"percent": 12.5, "n": 200, "population": "kommuner", "source": "test"}
                ],
            },
            {"code": "q_beta", "area": "G2", "asks": "practice", "text": "Fråga beta?"},
        ],
        "indicators": [
            {
                "number": 1,
                "area": "G2",
                "title": "Alfa eller beta",
                "rule": {"any": ["q_alpha", "q_beta"]},
                "national": {
                    "percent": 42.25,
                    "n": 199,
                    "population": "kommuner",
                    "source": "test",
                },
            },
        ],
    }


@pytest.fixture
def extra_folder(app, tmp_path):
    app.config["SURVEY_CATALOGUES"] = str(tmp_path)
    return tmp_path


def test_a_new_years_file_is_offered_answered_and_evaluated(app, client, extra_folder):
    (extra_folder / "2031.json").write_text(json.dumps(_catalogue_2031()), encoding="utf-8")
    assert 2031 in available_years() and 2025 in available_years()
    catalogue = catalogue_for(2031)
    assert [q.code for q in catalogue.questions] == ["q_alpha", "q_beta"]
    org = make_org("Nyårs kommun", "kommun")
    commit()
    page = client.get(f"/organisationer/{org.id}/sjalvskattning")
    assert '<option value="2031"' in page.get_data(as_text=True)
    started = client.post(f"/organisationer/{org.id}/sjalvskattning", data={"year": "2031"})
    assert started.status_code == 302
    show = started.location.split("#")[0]
    assessment_id = int(show.rsplit("/", 1)[1])
    assert "Fråga alfa?" in text(client.get(show))
    saved = client.post(f"{show}/svar/q_beta", data={"q_beta-value": "yes", "q_beta-version": ""})
    assert saved.status_code == 302
    result = text(client.get(f"/sjalvskattningar/{assessment_id}/resultat"))
    assert "Ni: uppfyllt — riket 42,3 % av kommunerna, n = 199" in result
    assert "Testkällan 2032" in result


def test_the_shipped_2026_file_is_a_copy_marked_as_such_compared_with_2025(app):
    catalogue = catalogue_for(2026)
    earlier = catalogue_for(2025)
    assert not catalogue.published and "Förhandsversion" in catalogue.note
    assert [q.code for q in catalogue.questions] == [q.code for q in earlier.questions]
    assert all(i.national is None for i in catalogue.indicators)
    level = national_level(catalogue, catalogue.indicator(1))
    assert (level.percent, level.n, level.year) == (73.6, 254, 2025)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["indicators"][0].update(rule={"all": ["q_gamma"]}), "unknown question"),
        (lambda d: d["questions"][1].update(parent="q_missing"), "before its parent"),
        (lambda d: d["questions"][0].update(area="F9"), "unknown area"),
        (lambda d: d["indicators"][0]["national"].update(source="nowhere"), "unknown source"),
        (lambda d: d.update(year=2030), "name must be its year"),
        (lambda d: d["indicators"][0].update(rule={"some": ["q_alpha"]}), "'all'|'any'"),
    ],
)
def test_a_broken_file_is_refused_with_its_name(app, extra_folder, change, message):
    document = _catalogue_2031()
    change(document)
    (extra_folder / "2031.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CatalogueError, match=message) as refused:
        catalogue_for(2031)
    assert "2031.json" in str(refused.value)


def test_every_shipped_figure_names_a_source_and_comes_from_the_seeds(app):
    seeds = (
        "".join(
            path.read_text(encoding="utf-8")
            for path in Path("/work/shared/seeds").glob("00[012]_*")
        )
        if Path("/work/shared/seeds").is_dir()
        else None
    )
    for path in sorted(SHIPPED.glob("*.json")):
        catalogue = catalogue_for(int(path.stem))
        figures = [f for q in catalogue.questions for f in q.national]
        figures += [i.national for i in catalogue.indicators if i.national]
        for figure in figures:
            assert figure.source
            if seeds is not None and figure.percent is not None and figure.percent % 1:
                # A decimal figure is quoted exactly as Socialstyrelsen wrote it.
                assert f"{figure.percent:.1f}".replace(".", ",") in seeds


def test_numbers_are_written_the_swedish_way(app):
    with app.test_request_context():
        assert percent_text(73.6) == "73,6\u00a0%"
        assert percent_text(9.7) == "9,7\u00a0%"
        assert percent_text(77.0) == "77\u00a0%"
        assert percent_text(100 * 2 / 3) == "66,7\u00a0%"


def test_english_readers_get_english_numbers(app):
    make_user("eng@test.se", system_admin=True)
    assessment = make_assessment(make_org("Engelska kommun", "kommun"), 2025, {"f1_identify": "no"})
    commit()
    english = app.test_client()
    english.login("eng@test.se")
    english.post("/sprak", data={"lang": "en"})
    page = text(english.get(f"/sjalvskattningar/{assessment.id}/resultat"))
    assert "73.6 %" in page and "73,6" not in page
