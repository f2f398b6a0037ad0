"""The backup download (organisation administrators) and the restore page (system
administrators): load → check permission → act → commit once."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner.access import ADMINISTER, MANAGE, load, require
from planner.backup.dump import dump_bytes
from planner.backup.format import BackupError, parse
from planner.backup.forms import RestoreForm
from planner.backup.grants import UnconfirmedGrants
from planner.backup.restore import restore
from planner.clock import local_today
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.orgs.services import tree_rows
from planner.web import safe_filename

bp = Blueprint("backup", __name__)
MEGABYTE = 1024 * 1024


def _file_name(org: Organisation) -> str:
    return safe_filename(f"sakerhetskopia {org.name}", f"-{local_today().isoformat()}.json")


@bp.get("/organisationer/<int:org_id>/sakerhetskopia")
def download(org_id: int):
    # Administrators of an organisation already see its members and manage its feeds, which
    # is what the file holds beyond the plans; it never holds passwords or feed secrets.
    org = load(Organisation, org_id, MANAGE)
    response = send_file(
        BytesIO(dump_bytes(org)),
        mimetype="application/json",
        as_attachment=True,
        download_name=_file_name(org),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/sakerhetskopia/aterstall", methods=["GET", "POST"])
def restore_page():
    require(ADMINISTER, Organisation)
    form = RestoreForm()
    form.set_parent_choices(tree_rows())
    if form.validate_on_submit():
        limit = current_app.config["BACKUP_MAX_BYTES"]
        data = form.file.data.read(limit + 1)
        parent = (
            load(Organisation, form.parent_id.data, ADMINISTER) if form.parent_id.data else None
        )
        try:
            if len(data) > limit:
                raise BackupError(
                    _(
                        "Filen är större än %(mb)d MB. Återställ den med kommandot "
                        "flask import-org på servern.",
                        mb=limit // MEGABYTE,
                    )
                )
            confirmed = form.accounts_fingerprint.data if form.confirm_accounts.data else ""
            summary = restore(parse(data), parent, confirmed)
        except BackupError as error:
            db.session.rollback()
            form.file.errors.append(str(error))
        except UnconfirmedGrants as unconfirmed:
            db.session.rollback()
            return _confirmation_page(form, unconfirmed)
        else:
            db.session.commit()
            # No history event is written (the restored history is the exported one, exactly);
            # the log keeps who restored what.
            current_app.logger.info(
                "Backup restored: %s (id %d) by user %d, %s",
                summary.root.name,
                summary.root.id,
                current_user.id,
                summary.counts,
            )
            flash(
                _(
                    "%(name)s återställdes med %(plans)d planer, %(activities)d aktiviteter och "
                    "%(users)d konton. Nya konton har inget lösenord förrän en administratör "
                    "sätter ett.",
                    name=summary.root.name,
                    plans=summary.counts["plans"],
                    activities=summary.counts["activities"],
                    users=summary.counts["users"],
                ),
                "success",
            )
            return redirect(url_for("orgs.show", org_id=summary.root.id))
    return render_template("backup/restore.html", form=form)


def _confirmation_page(form: RestoreForm, unconfirmed: UnconfirmedGrants):
    """Nothing written: the existing accounts that would get roles, named, for a system
    administrator to confirm (and choose the file again: browsers never resend one)."""
    changed = form.confirm_accounts.data and form.accounts_fingerprint.data
    form.confirm_accounts.data = False
    form.accounts_fingerprint.data = unconfirmed.fingerprint
    form.confirm_accounts.errors.append(
        _(
            "Inget har återställts. Kontona i listan har ändrats sedan du bekräftade den: "
            "kontrollera dem igen, kryssa i rutan och välj filen igen."
        )
        if changed
        else _(
            "Inget har återställts: säkerhetskopian ger roller till konton som redan finns "
            "här. Kontrollera dem i listan, kryssa i rutan och välj filen igen."
        )
    )
    return render_template("backup/restore.html", form=form, grants=unconfirmed.grants)
