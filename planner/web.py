"""What every page shares: filters for dates and times, language choice, error pages."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from planner.auth.session import public
from planner.clock import local_today, to_local
from planner.language import weekday_name
from planner.pdf import RenderFailed, RenderTimeout

bp = Blueprint("web", __name__)


def isodate(value: date | datetime | None) -> str:
    """Dates as Swedes write them: 2026-03-01."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return to_local(value).date().isoformat()
    return value.isoformat()


def weekday(value: date) -> str:
    """The day's weekday in the current language ("måndag")."""
    return weekday_name(value.weekday())


def localtime(value: datetime | None) -> str:
    if value is None:
        return ""
    return to_local(value).strftime("%Y-%m-%d %H:%M")


def requested_year() -> int:
    """The year a page asks for with ?ar=, this year when missing or outside 1990–2100."""
    today = local_today()
    year = request.args.get("ar", type=int) or today.year
    return year if 1990 <= year <= 2100 else today.year


def attachment(body: bytes | str, mimetype: str, filename: str, **headers: str) -> Response:
    """A download: ``body`` saved as ``filename`` (ASCII, chosen by us) by the browser."""
    headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(body, mimetype=mimetype, headers=headers)


def safe_filename(title: str, suffix: str) -> str:
    """An ASCII file name from a title: å→a, spaces→dashes, nothing a header could misread."""
    words = re.sub(r"[\W_]+", " ", title)
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:60].strip("-")
    return f"{slug or 'export'}{suffix}"


def paged(statement):
    """One page of ``statement``'s rows (``?page=N``, the configured page size); a page
    number out of range shows the first or an empty page, never an error."""
    from planner.extensions import db

    number = request.args.get("page", 1, type=int)
    size = current_app.config["PAGE_SIZE"]
    return db.paginate(
        statement,
        page=number if 1 <= number <= 100_000 else 1,
        per_page=size,
        max_per_page=size,
        error_out=False,
        count=True,
    )


def page_args() -> dict:
    """The query string without the page number (for links to other pages)."""
    return {k: v for k, v in request.args.items() if k != "page"}


def safe_next(target: str | None, fallback: str) -> str:
    """Only same-site paths are followed after a form, never another host."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target:
        return fallback
    return target


def deletion_confirmed() -> bool:
    """Deleting something that cannot be brought back needs the confirmation box ticked."""
    from flask import flash
    from flask_babel import gettext as _

    if request.form.get("bekrafta") == "ja":
        return True
    flash(_("Kryssa i rutan för att bekräfta att du vill ta bort."), "error")
    return False


@bp.post("/sprak")
@public
def choose_language():
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(safe_next(request.form.get("next"), url_for("orgs.index")))


def _error(error: HTTPException):
    code = error.code or 500
    return render_template("error.html", code=code, error=error), code


def _csrf_error(error: CSRFError):
    return render_template("error.html", code=400, error=error, csrf=True), 400


def _pdf_error(error: RenderTimeout | RenderFailed):
    current_app.logger.warning("PDF render stopped: %r", error)
    return render_template("error.html", code=503, error=error, pdf=True), 503


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.add_template_filter(isodate)
    app.add_template_filter(localtime)
    app.add_template_filter(weekday)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(RenderTimeout, _pdf_error)
    app.register_error_handler(RenderFailed, _pdf_error)
    for code in (400, 403, 404, 405, 409, 413):
        app.register_error_handler(code, _error)

    from planner.access import can
    from planner.orgs.models import Organisation

    app.jinja_env.globals.update(can=can, org_class=Organisation)

    @app.context_processor
    def _globals():
        return {"today": local_today(), "current_locale": str(get_locale() or "sv")}
