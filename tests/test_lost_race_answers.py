"""What a request that lost a race answers (planner/races.py), made deterministic: the
database really refuses (a duplicate e-mail, a row deleted under the ORM's feet) inside a
route added for the test. The parallel requests themselves are in
tests/e2e/test_double_submit.py."""

from __future__ import annotations

import pytest
from flask import redirect
from sqlalchemy import delete, func, select

from planner.auth.models import User
from planner.extensions import db
from planner.plans.models import Activity
from tests import factories
from tests.html import page


@pytest.fixture
def racing(app):
    """The app with two routes that lose a race the way real ones do; a logged-in client."""

    def duplicate_account():
        db.session.add(User(email="sam@test.se", name="Sam", password_hash="x"))
        db.session.flush()  # the unique e-mail refuses: another request made the account
        return redirect("/")

    def deleted_under_us(activity_id: int):
        activity = db.session.get(Activity, activity_id)
        # Another request deleted it after we loaded it.
        gone = delete(Activity).where(Activity.id == activity_id)
        db.session.execute(gone, execution_options={"synchronize_session": False})
        activity.title = "Ändrad"
        db.session.flush()  # the versioned UPDATE finds no row
        return redirect("/")

    app.add_url_rule("/test/konto", view_func=duplicate_account, methods=["GET", "POST"])
    app.add_url_rule(
        "/test/aktivitet/<int:activity_id>", view_func=deleted_under_us, methods=["POST"]
    )
    factories.make_user("systemadmin@test.se", system_admin=True)
    factories.make_user("sam@test.se")
    factories.commit()
    client = app.test_client()
    client.login("systemadmin@test.se")
    return client


def test_a_duplicate_insert_goes_back_to_the_form_with_a_message(racing):
    form_page = "http://localhost/anvandare"
    response = racing.post("/test/konto", headers={"Referer": form_page})
    assert response.status_code == 302
    assert response.headers["Location"] == "/anvandare"
    shown = page(racing.get("/anvandare")).select_one(".flash-error").get_text()
    assert "troligen skickades formuläret två gånger" in shown
    assert db.session.scalar(select(func.count()).select_from(User)) == 2


def test_a_row_changed_under_the_request_says_someone_else_was_first(racing):
    activity_id = factories.make_activity().id
    factories.commit()
    response = racing.post(
        f"/test/aktivitet/{activity_id}", headers={"Referer": "http://localhost/"}
    )
    assert response.status_code == 302
    shown = page(racing.get("/")).select_one(".flash-error").get_text()
    assert "Någon annan ändrade eller tog bort samma sak" in shown
    # Rolled back: the other request's delete is not ours to commit, so the row is still
    # there in this test (in a real race the other request commits it).
    assert db.session.get(Activity, activity_id) is not None


def test_a_referrer_on_another_site_is_not_followed(racing):
    response = racing.post("/test/konto", headers={"Referer": "https://evil.example/x"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_a_lost_race_on_a_page_read_is_a_409_page_not_a_redirect_loop(racing):
    response = racing.get("/test/konto")
    assert response.status_code == 409
    assert "Någon annan hann före" in response.get_data(as_text=True)
