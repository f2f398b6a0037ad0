"""Self-assessment pages: start a year's survey, answer it question by question, decide it, see
the result beside the national level, turn gaps into activities, the region's view."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from planner.access import EDIT, VIEW, can, load
from planner.assessment import outputs, services
from planner.assessment.catalogue import available_years, catalogue_for, latest_year_up_to
from planner.assessment.forms import AnswerForm, GapActivityForm, StartForm, plan_choices
from planner.assessment.history import assessment_history
from planner.assessment.models import ANSWER_LABELS, INDICATOR, QUESTION, Assessment
from planner.assessment.outputs import AssessmentDocument, sources
from planner.assessment.region import region_content
from planner.assessment.results import assessment_result
from planner.assessment.rules import is_asked
from planner.assessment.wording import ASKS, CHANGES, figure_text, result_sentence, state_text
from planner.clock import local_today
from planner.documents.store import Document, kept_pdf
from planner.editing import rule_checked, save_edit
from planner.extensions import db
from planner.language import in_swedish
from planner.numbers import percent_text
from planner.orgs.models import Organisation
from planner.plans.services import ActivityData
from planner.plans.template import AREA_LABELS
from planner.reports.views import render_document
from planner.transfer.export import XLSX_MIMETYPE
from planner.web import attachment, safe_filename

bp = Blueprint("assessment", __name__)

# The answering page shows the newest changes of the assessment and its answers.
HISTORY = 20
# Addresses speak Swedish; the stored codes are English.
GAP_KINDS = {"indikator": INDICATOR, "fraga": QUESTION}


@bp.app_context_processor
def _wording():
    return {
        "area_labels": AREA_LABELS,
        "figure_text": figure_text,
        "result_sentence": result_sentence,
        "state_text": state_text,
        "change_labels": CHANGES,
        "asks_labels": ASKS,
        "answer_labels": ANSWER_LABELS,
        "percent_text": percent_text,
    }


def _assessments(org: Organisation) -> list[Assessment]:
    return list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.organisation_id == org.id)
            .order_by(Assessment.year.desc())
        )
    )


def _start_form(org: Organisation, taken: set[int]) -> StartForm:
    form = StartForm()
    free = [y for y in available_years() if y not in taken]
    form.year.choices = [(y, str(y)) for y in reversed(free)]
    if request.method == "GET" and free:
        form.year.data = latest_year_up_to(local_today().year) or free[-1]
    return form


def _index_page(org: Organisation, assessments: list[Assessment], form: StartForm):
    return render_template(
        "assessment/index.html",
        org=org,
        assessments=assessments,
        form=form,
        years=available_years(),
        has_children=bool(org.children),
    )


@bp.get("/organisationer/<int:org_id>/sjalvskattning")
def index(org_id: int):
    org = load(Organisation, org_id, VIEW)
    assessments = _assessments(org)
    return _index_page(org, assessments, _start_form(org, {a.year for a in assessments}))


@bp.post("/organisationer/<int:org_id>/sjalvskattning")
def start(org_id: int):
    org = load(Organisation, org_id, EDIT)
    assessments = _assessments(org)
    form = _start_form(org, {a.year for a in assessments})
    if form.validate_on_submit():
        data = (org, form.year.data, form.from_previous.data)
        started = rule_checked(form, lambda: services.start_assessment(*data), "year")
        if started is not None:
            db.session.commit()
            flash(_("Självskattningen för %(year)s påbörjades.", year=started.year), "success")
            return redirect(url_for(".show", assessment_id=started.id))
    return _index_page(org, assessments, form)


def _answer_forms(assessment: Assessment, failed: AnswerForm | None = None, code: str = ""):
    saved = {a.question_code: a for a in assessment.answers}
    forms = {}
    catalogue = catalogue_for(assessment.year)
    for question in catalogue.questions:
        if question.code == code and failed is not None:
            forms[question.code] = failed
            continue
        answer = saved.get(question.code)
        form = AnswerForm(prefix=question.code, formdata=None, obj=answer)
        form.version.data = str(answer.version) if answer else ""
        forms[question.code] = form
    return forms


def _show_page(assessment: Assessment, failed: AnswerForm | None = None, code: str = ""):
    catalogue = catalogue_for(assessment.year)
    if catalogue is None:
        abort(404)
    answers = assessment.answer_values()
    saved = {a.question_code: a for a in assessment.answers}
    asked = {q.code: is_asked(catalogue, answers, q.code) for q in catalogue.questions}
    status = 409 if failed is not None and failed.form_errors else 200
    if failed is not None and failed.errors and status == 200:
        status = 400
    return render_template(
        "assessment/show.html",
        assessment=assessment,
        org=assessment.organisation,
        catalogue=catalogue,
        forms=_answer_forms(assessment, failed, code),
        saved=saved,
        asked=asked,
        answered=sum(1 for c, a in asked.items() if a and answers.get(c)),
        to_answer=sum(1 for a in asked.values() if a),
        editable=can(EDIT, assessment) and not assessment.is_decided,
        history=assessment_history(assessment, HISTORY),
        history_limit=HISTORY,
    ), status


@bp.get("/sjalvskattningar/<int:assessment_id>")
def show(assessment_id: int):
    return _show_page(load(Assessment, assessment_id, VIEW))


def _next_anchor(assessment: Assessment, code: str) -> str:
    """After saving a question, the page opens at the next one still to answer (or this)."""
    catalogue = catalogue_for(assessment.year)
    answers = assessment.answer_values()
    codes = [q.code for q in catalogue.questions]
    after = codes[codes.index(code) + 1 :] if code in codes else []
    for candidate in after:
        if is_asked(catalogue, answers, candidate) is not False and not answers.get(candidate):
            return f"#fraga-{candidate}"
    return f"#fraga-{code}"


@bp.post("/sjalvskattningar/<int:assessment_id>/svar/<question>")
def answer(assessment_id: int, question: str):
    code = question
    assessment = load(Assessment, assessment_id, EDIT)
    catalogue = catalogue_for(assessment.year)
    if catalogue is None or catalogue.question(code) is None:
        abort(404)
    form = AnswerForm(prefix=code)
    if assessment.is_decided:
        form.form_errors.append(str(services.AssessmentDecided()))
        return _show_page(assessment, form, code)
    saved = next((a for a in assessment.answers if a.question_code == code), None)
    values = (code, form.value.data or None, form.comment.data or "", form.link.data or "")

    def change():
        return rule_checked(
            form,
            lambda: services.save_answer(assessment, *values, author_name=current_user.name),
            "value",
        )

    if form.validate_on_submit():
        if saved is not None and (saved.value, saved.comment, saved.link) == values[1:]:
            done = True  # the same answer again (sent twice, or saved already): nothing to do
        elif saved is None:
            done = change() is not None
            if done:
                db.session.commit()
        else:  # compared with the version the page showed: nobody's answer is overwritten
            done = save_edit(form, saved, change)
        if done:
            flash(_("Svaret sparades."), "success")
            anchor = _next_anchor(assessment, code)
            return redirect(url_for(".show", assessment_id=assessment.id) + anchor)
    return _show_page(assessment, form, code)


@bp.post("/sjalvskattningar/<int:assessment_id>/beslut")
def decide(assessment_id: int):
    assessment = load(Assessment, assessment_id, EDIT)
    if rule_checked(None, lambda: services.decide(assessment, current_user)) is not None:
        db.session.commit()
        flash(_("Självskattningen är markerad som beslutad."), "success")
    return redirect(url_for(".result", assessment_id=assessment.id))


@bp.post("/sjalvskattningar/<int:assessment_id>/oppna")
def reopen(assessment_id: int):
    assessment = load(Assessment, assessment_id, EDIT)
    if rule_checked(None, lambda: services.reopen(assessment)) is not None:
        db.session.commit()
        flash(_("Självskattningen är öppnad igen och kan ändras."), "success")
    return redirect(url_for(".show", assessment_id=assessment.id))


@bp.get("/sjalvskattningar/<int:assessment_id>/resultat")
def result(assessment_id: int):
    assessment = load(Assessment, assessment_id, VIEW)
    if catalogue_for(assessment.year) is None:
        abort(404)
    result = assessment_result(assessment)
    return render_template(
        "assessment/result.html",
        assessment=assessment,
        org=assessment.organisation,
        r=result,
        sources=sources(result),
        rule_note=catalogue_for(assessment.year).rule_note,
        editable=can(EDIT, assessment),
        has_plan=bool(assessment.organisation.plans),
    )


def _prefill(form: GapActivityForm, assessment: Assessment, kind: str, code: str) -> None:
    catalogue = catalogue_for(assessment.year)
    link = url_for(".result", assessment_id=assessment.id, _external=True)
    if kind == INDICATOR:
        indicator = catalogue.indicator(int(code))
        form.title.data = _(
            "Uppfylla indikator %(number)s: %(title)s",
            number=indicator.number,
            title=indicator.title,
        )
        form.description.data = _(
            "Från självskattningen %(year)s: indikatorn är inte uppfylld. "
            "%(description)s\n%(link)s",
            year=assessment.year,
            description=indicator.description,
            link=link,
        )
    else:
        question = catalogue.question(code)
        form.title.data = _("Åtgärd efter självskattningen: %(text)s", text=question.text)[:300]
        form.description.data = _(
            "Från självskattningen %(year)s, frågan: %(text)s\n%(link)s",
            year=assessment.year,
            text=question.text,
            link=link,
        )
    form.due_date.data = local_today().replace(month=12, day=31)


@bp.route(
    "/sjalvskattningar/<int:assessment_id>/aktivitet/<kind>/<target>", methods=["GET", "POST"]
)
def gap_activity(assessment_id: int, kind: str, target: str):
    code = target
    assessment = load(Assessment, assessment_id, EDIT)
    if kind not in GAP_KINDS:
        abort(404)
    stored_kind = GAP_KINDS[kind]
    try:
        area = services.gap_area(assessment, stored_kind, code)
    except services.AssessmentRuleError:
        abort(404)
    plans = [p for p in assessment.organisation.plans if p.status != "arkiverad"]
    form = GapActivityForm()
    plan_choices(form, plans)
    if request.method == "GET":
        _prefill(form, assessment, stored_kind, code)
    if plans and form.validate_on_submit():
        plan = next((p for p in plans if p.id == form.plan_id.data), None)
        data = ActivityData(
            title=form.title.data,
            area_id=0,
            description=form.description.data or "",
            responsible_name=form.responsible_name.data or "",
            organisation_ids=[assessment.organisation_id],
            due_date=form.due_date.data,
            follow_up_date=form.follow_up_date.data,
        )
        if plan is None:
            form.plan_id.errors.append(_("Välj en av organisationens planer."))
        else:
            activity = rule_checked(
                form,
                lambda: services.create_gap_activity(assessment, plan, stored_kind, code, data),
                "title",
            )
            if activity is not None:
                db.session.commit()
                flash(_("Aktiviteten lades till i %(area)s.", area=AREA_LABELS[area]), "success")
                return redirect(url_for("activities.show", activity_id=activity.id))
    return render_template(
        "assessment/gap_activity.html",
        assessment=assessment,
        org=assessment.organisation,
        form=form,
        area=area,
        plans=plans,
    )


@bp.get("/organisationer/<int:org_id>/sjalvskattning/<int:year>/underorganisationer")
def region(org_id: int, year: int):
    org = load(Organisation, org_id, VIEW)
    content = region_content(org, year)
    if content is None:
        abort(404)
    return render_template("assessment/region.html", org=org, content=content, year=year)


@bp.get("/sjalvskattningar/<int:assessment_id>/resultat.pdf")
@in_swedish()
def pdf(assessment_id: int):
    assessment = load(Assessment, assessment_id, VIEW)
    if catalogue_for(assessment.year) is None:
        abort(404)
    today = local_today()

    def render() -> bytes:
        result = assessment_result(assessment)
        document = AssessmentDocument(result.organisation, today, result)
        items = len(result.indicators) + len(result.question_gaps)
        return render_document("assessment/report.html", items, r=document, sources=sources(result))

    kept = Document("assessment", assessment.id, "", assessment.organisation_id)
    content = kept_pdf(kept, outputs.data_key(assessment, today), render)
    return attachment(content, "application/pdf", f"sjalvskattning-{assessment.year}.pdf")


@bp.get("/sjalvskattningar/<int:assessment_id>/resultat.xlsx")
@in_swedish()
def xlsx(assessment_id: int):
    assessment = load(Assessment, assessment_id, VIEW)
    if catalogue_for(assessment.year) is None:
        abort(404)
    result = assessment_result(assessment)
    body = outputs.result_xlsx(result, {a.question_code: a for a in assessment.answers})
    name = safe_filename(f"sjalvskattning {assessment.year} {result.organisation}", ".xlsx")
    return attachment(body, XLSX_MIMETYPE, name)
