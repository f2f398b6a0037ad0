"""Which pages need no login: only views marked ``@public``, one way for all of them."""

from __future__ import annotations


def test_only_views_marked_public_are_reachable_without_a_login(app, anonymous):
    marked = {name for name, view in app.view_functions.items() if getattr(view, "public", False)}
    assert marked == {
        "static",
        "auth.login",
        "web.choose_language",
        "feeds.feed",
        "sso.start",  # the single sign-on button and the provider's answer
        "sso.callback",
        "psb.published",  # a decided PSB its organisation chose to publish (3 kap. 10 §)
        "psb_files.published_pdf",
        "psb_files.published_docx",
        "reminders.unsubscribe_page",  # the signed one-click unsubscribe link (RFC 8058)
    }
    assert anonymous.get("/logga-in").status_code == 200
    assert anonymous.get("/static/css/planner.css").status_code == 200
    assert anonymous.post("/sprak", data={"lang": "en"}).status_code == 302
    assert anonymous.get("/flode/okand.ics").status_code == 404  # the token decides, not a login
    refused = anonymous.get("/konto/losenord")
    assert refused.status_code == 302 and refused.location.startswith("/logga-in?next=")
