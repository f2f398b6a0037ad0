"""Configuration, language, CSRF and error pages: what every page relies on."""

from __future__ import annotations

import pytest

from planner import create_app
from planner.config import normalise_database_url
from tests.factories import commit, make_plan
from tests.html import page, text


def test_secret_key_generated_once_and_kept_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANNER_SECRET_KEY", raising=False)
    monkeypatch.setenv("PLANNER_INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    kept = tmp_path / "instance" / "secret_key"
    assert kept.read_text() == first.config["SECRET_KEY"]
    assert kept.stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("PLANNER_SECRET_KEY", "from-the-environment")
    assert create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).config["SECRET_KEY"] == (
        "from-the-environment"
    )


def test_database_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANNER_DATABASE_URL", raising=False)
    monkeypatch.setenv("PLANNER_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'instance/planner.db'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", "postgres://u:p@db.example/planner")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.example/planner"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_interface_is_swedish_and_english_can_be_chosen(client, app):
    plan = make_plan()
    commit()
    swedish = client.get(f"/planer/{plan.id}")
    assert page(swedish).html["lang"] == "sv"
    assert "Försenade aktiviteter" in text(swedish)
    client.post("/sprak", data={"lang": "en", "next": f"/planer/{plan.id}"})
    english = client.get(f"/planer/{plan.id}")
    assert page(english).html["lang"] == "en"
    assert "Overdue activities" in text(english)
    # the national areas keep their Swedish titles; dates stay ISO
    assert "Engagerad ledning och tydlig styrning" in text(english)


def test_language_switch_never_redirects_off_site(client, app):
    for target in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        response = client.post("/sprak", data={"lang": "en", "next": target})
        assert response.status_code == 302
        assert response.headers["Location"] == "/"


@pytest.mark.parametrize("app", [{"WTF_CSRF_ENABLED": True}], indirect=True)
def test_forms_refuse_posts_without_csrf_token(client, app):
    plan = make_plan()
    commit()
    response = client.post(f"/planer/{plan.id}/mal/ny", data={"title": "x"})
    assert response.status_code == 400
    assert "Formuläret hade gått ut" in text(response)


@pytest.mark.parametrize("app", [{"MAX_CONTENT_LENGTH": 1024}], indirect=True)
def test_oversized_request_gets_a_clear_answer(client, app):
    response = client.post("/organisationer/ny", data={"name": "x" * 5000, "kind": "region"})
    assert response.status_code == 413
    assert "för stort" in text(response)


@pytest.mark.parametrize("app", [{"TRUSTED_PROXIES": 1}], indirect=True)
def test_behind_a_proxy_links_use_the_forwarded_scheme_and_host(app, anonymous):
    from planner.feeds import services as subscriptions
    from planner.wheel import services
    from planner.wheel.services import EventData
    from tests.factories import days, make_org

    region = make_org()
    services.create_event(region, EventData("Temadag", "temadag", days(3)))
    _subscription, token = subscriptions.create_subscription(region, "Intranät", None)
    commit()
    response = anonymous.get(
        f"/flode/{token}.ics",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "planner.region.se"},
    )
    assert f"URL:https://planner.region.se/organisationer/{region.id}/arshjul" in (
        response.get_data(as_text=True)
    )
