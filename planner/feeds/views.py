"""The calendar feed (token in the path, no login) and the pages to subscribe to it."""

from __future__ import annotations

from datetime import UTC, timedelta

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.http import http_date

from planner.access import MANAGE, VIEW, can, load
from planner.auth.models import User
from planner.auth.session import public
from planner.clock import local_today, to_local
from planner.extensions import csrf, db
from planner.feeds import services as subscriptions
from planner.feeds.cache import bodies
from planner.feeds.forms import SubscriptionForm
from planner.feeds.ical import build_feed
from planner.feeds.items import feed_items, organisation_ids, validator
from planner.feeds.models import Subscription
from planner.models import utcnow
from planner.orgs.models import Organisation

bp = Blueprint("feeds", __name__)
LAST_USED_PRECISION = timedelta(hours=1)


@bp.get("/flode/<token>.ics")
@csrf.exempt
@public
def feed(token: str):
    # Deliberately no current_user here: the answer must not vary with a login cookie.
    subscription = subscriptions.subscription_for_token(token)
    if subscription is None:  # unknown and revoked alike; a plain answer, no page, no session
        return Response("Hittades inte\n", status=404, mimetype="text/plain")
    owner = db.session.get(User, subscription.user_id) if subscription.user_id else None
    if subscription.user_id and (owner is None or not can(VIEW, subscription, user=owner)):
        # A personal feed lives only as long as its owner may read the organisation.
        return Response("Hittades inte\n", status=404, mimetype="text/plain")
    email = owner.email if owner else ""
    today = local_today()
    org_ids = organisation_ids(subscription)  # once, for the validator and the body
    etag, modified = validator(subscription, org_ids, today, email)
    headers = {
        "ETag": f'"{etag}"',
        "Cache-Control": "no-cache",
        "Content-Disposition": 'inline; filename="arshjul.ics"',
        "Referrer-Policy": "no-referrer",
    }
    if modified is not None:
        modified = to_local(modified).astimezone(UTC).replace(microsecond=0)
        headers["Last-Modified"] = http_date(modified)
    now = utcnow()
    last = subscription.last_used_at
    if last is None or to_local(last) < now - LAST_USED_PRECISION:  # a write per hour, not
        subscription.last_used_at = now  # per poll from every calendar
        db.session.commit()
    # Only the ETag decides: a deleted or archived row changes it but no date.
    if request.if_none_match.contains(etag):
        return Response(status=304, headers=headers)

    def link(kind: str, ident: int) -> str:
        if kind == "activity":
            return url_for("activities.show", activity_id=ident, _external=True)
        if kind == "measure":
            return url_for("results.show", measure_id=ident, _external=True)
        return url_for("wheel.show", org_id=subscription.organisation_id, _external=True)

    def build() -> bytes:
        name = f"{subscription.organisation.name} – {subscription.name}"
        return build_feed(name, feed_items(subscription, org_ids, today, link, email))

    key = (etag, request.host_url, str(get_locale()), email)
    body = bodies.get_or_build(key, current_app.config["FEED_CACHE_BYTES"], build)
    return Response(body, mimetype="text/calendar", headers=headers)


def _subscriptions(org: Organisation) -> list[Subscription]:
    stmt = (
        select(Subscription)
        .where(Subscription.organisation_id == org.id, Subscription.revoked_at.is_(None))
        .order_by(Subscription.created_at.desc())
    )
    return [s for s in db.session.scalars(stmt) if can(VIEW, s)]


def _page(org: Organisation, form: SubscriptionForm, token: str | None = None, shown=None):
    links = None
    if token:
        https = url_for("feeds.feed", token=token, _external=True, _scheme="https")
        links = {
            "https": https,
            "webcal": "webcal://" + https.split("://", 1)[1],
            "outlook": "https://outlook.office.com/calendar/0/addfromweb?url=" + https,
        }
    return render_template(
        "feeds/index.html",
        org=org,
        form=form,
        links=links,
        shown=shown,
        subscriptions=_subscriptions(org),
        may_manage=can(MANAGE, org),
    )


def _form(org: Organisation) -> SubscriptionForm:
    form = SubscriptionForm()
    if not can(MANAGE, org):
        del form.organisation_wide
    return form


# A new link is shown once: kept in the session across the redirect after the POST, and
# removed by the page that shows it (a reload shows the list, and creates nothing).
NEW_LINK = "feeds_new_link"


def _show_once(subscription: Subscription, token: str) -> Response:
    session[NEW_LINK] = {"subscription": subscription.id, "token": token}
    return redirect(url_for(".index", org_id=subscription.organisation_id))


def _new_link(org: Organisation) -> tuple[str | None, Subscription | None]:
    kept = session.pop(NEW_LINK, None)
    if not isinstance(kept, dict):
        return None, None
    subscription = db.session.get(Subscription, kept.get("subscription"))
    if subscription is None or subscription.organisation_id != org.id:
        return None, None
    return kept.get("token"), subscription


@bp.route("/organisationer/<int:org_id>/prenumerera", methods=["GET", "POST"])
def index(org_id: int):
    org = load(Organisation, org_id, VIEW)
    form = _form(org)
    if form.validate_on_submit():
        wide = bool(getattr(form, "organisation_wide", None) and form.organisation_wide.data)
        subscription, token = subscriptions.create_subscription(
            org,
            form.name.data,
            None if wide else current_user.id,
            areas=form.areas.data,
            categories=form.categories.data,
            only_mine=bool(form.only_mine.data),
            include_sub=bool(form.include_sub.data),
            include_activities=bool(form.include_activities.data),
        )
        db.session.commit()
        return _show_once(subscription, token)
    if request.method == "GET":
        token, subscription = _new_link(org)
        if token:  # the secret link: never kept by a browser's or proxy's cache
            return _page(org, form, token, subscription), {"Cache-Control": "no-store"}
    return _page(org, form)


def _owned(subscription_id: int) -> Subscription:
    subscription = load(Subscription, subscription_id, VIEW)
    if subscription.revoked_at is not None:
        abort(404)
    if subscription.organisation_wide and not can(MANAGE, subscription):
        abort(403)
    return subscription


@bp.post("/prenumerationer/<int:subscription_id>/ny-lank")
def replace(subscription_id: int):
    subscription = _owned(subscription_id)
    token = subscriptions.replace_token(subscription)
    db.session.commit()
    flash(_("Den gamla länken slutade fungera. Här är den nya."), "success")
    return _show_once(subscription, token)


@bp.post("/prenumerationer/<int:subscription_id>/aterkalla")
def revoke(subscription_id: int):
    subscription = _owned(subscription_id)
    subscriptions.revoke(subscription)
    db.session.commit()
    flash(_("Prenumerationen är återkallad; länken fungerar inte längre."), "success")
    return redirect(url_for(".index", org_id=subscription.organisation_id))
