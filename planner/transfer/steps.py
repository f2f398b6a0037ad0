"""The steps every import takes, whatever it imports: upload → preview with the columns mapped →
save all or nothing. What differs (which fields, how rows are checked and saved, where the
person goes afterwards) is an ``Import``; the views of activities and of measure values each
describe theirs and hand over to ``upload`` and ``review``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from planner.extensions import db
from planner.plans.models import Plan
from planner.transfer.forms import UploadForm, mapping_form
from planner.transfer.reading import MAX_BYTES, FileProblem, Table, read_table
from planner.transfer.signing import fingerprint, sign, unsign


@dataclass(frozen=True)
class Import:
    kind: str  # the signing salt: a table signed for one import is refused by another
    plan: Plan
    upload_template: str
    upload_endpoint: str
    fields: dict  # field key → label (the mapping's choices)
    guess: Callable[[Sequence[str]], list[str]]
    preview: Callable[[Table, list[str]], object]  # a preview with rows, can_save …
    page: Callable[..., object]  # (form, preview or None, filename, status) → response
    save: Callable[[object], str]  # flushes the preview's rows; the message for the person
    refused: tuple[type[Exception], ...]  # what a save may meet that rolls it back
    reason: Callable[[Exception], str]  # … said in Swedish
    done_url: str

    def mapping_form(self, headers: list[str], formdata=None):
        return mapping_form(headers, self.guess(headers), formdata, self.fields)


def upload(steps: Import):
    """The upload form; a readable file goes straight to its preview."""
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        filename = upload.filename or ""
        try:
            table = read_table(filename, upload.read(MAX_BYTES + 1))
            token = sign(steps.kind, steps.plan, table, filename)
        except FileProblem as problem:
            form.file.errors = [str(problem)]
        else:
            mapping = steps.mapping_form(table.headers)
            mapping.table.data = token
            return steps.page(mapping, steps.preview(table, mapping.mapping()), filename)
    return render_template(steps.upload_template, plan=steps.plan, form=form)


def review(steps: Import):
    """Preview again with the mapping chosen, or save: only what the person saw (the
    fingerprint), only when every row can be saved, all rows or none."""
    loaded = unsign(steps.kind, steps.plan, request.form.get("table", ""))
    if loaded is None:
        flash(
            _("Förhandsgranskningen har gått ut eller är ogiltig. Ladda upp filen igen."), "error"
        )
        return redirect(url_for(steps.upload_endpoint, plan_id=steps.plan.id))
    table, filename = loaded
    form = steps.mapping_form(table.headers, request.form)
    valid = form.validate()
    form.form_errors.extend(form.duplicates({k: str(v) for k, v in steps.fields.items()}))
    if not valid or form.form_errors:
        return steps.page(form, None, filename, 400)
    preview = steps.preview(table, form.mapping())
    if request.form.get("atgard") != "spara":
        return steps.page(form, preview, filename)
    if request.form.get("granskning") != fingerprint(preview.rows):
        form.form_errors.append(
            _(
                "Förhandsgranskningen stämmer inte längre med planen eller kolumnerna. "
                "Granska raderna nedan och spara igen."
            )
        )
        return steps.page(form, preview, filename, 409)
    if not preview.can_save:
        return steps.page(form, preview, filename, 400)
    try:
        message = steps.save(preview)
        db.session.commit()
    except steps.refused as error:
        db.session.rollback()
        form.form_errors.append(_("Inget sparades. %(reason)s", reason=steps.reason(error)))
        return steps.page(form, steps.preview(table, form.mapping()), filename, 409)
    flash(message, "success")
    return redirect(steps.done_url)
