"""Flask commands: `export-org` writes an organisation subtree to a file, `import-org` reads
one back (into this database, under a chosen parent or as a new top-level organisation)."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import select

from planner.backup.dump import counts, dump
from planner.backup.format import BackupError, parse, to_bytes
from planner.backup.restore import restore
from planner.extensions import db
from planner.numbers import whole_number
from planner.orgs.models import Organisation

LABELS = {
    "organisations": "organisationer",
    "external_organisations": "organisationer utanför trädet (delade aktiviteter)",
    "users": "konton",
    "memberships": "medlemskap",
    "plans": "planer",
    "plan_areas": "planområden",
    "goals": "mål",
    "activities": "aktiviteter",
    "progress_updates": "framstegsposter",
    "wheel_events": "årshjulshändelser",
    "occurrences_done": "genomförda tillfällen",
    "subscriptions": "kalenderprenumerationer",
    "psb_part_requests": "begäranden om PSB-underlag",
    "psb_contributions": "enheternas PSB-delar",
    "history": "historikposter",
}


def find_organisation(ident: str) -> Organisation:
    """An organisation by id or by exact name; a clear error when none or several match."""
    number = whole_number(ident)
    if number is not None:
        org = db.session.get(Organisation, number) if number < 2**31 else None
        if org is not None:
            return org
    matches = list(db.session.scalars(select(Organisation).where(Organisation.name == ident)))
    if not matches:
        raise click.ClickException(f"Ingen organisation har id eller namn {ident!r}.")
    if len(matches) > 1:
        ids = ", ".join(str(o.id) for o in matches)
        raise click.ClickException(f"Flera organisationer heter {ident!r} (id {ids}); ange id.")
    return matches[0]


def _echo_counts(numbers: dict[str, int]) -> None:
    for key, label in LABELS.items():
        click.echo(f"  {numbers.get(key, 0):6d} {label}")


@click.command("export-org")
@click.argument("organisation")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Fil att skriva (standard: skärmen).",
)
def export_org_command(organisation: str, output: Path | None) -> None:
    """Write ORGANISATION (id or name) and everything below it to a backup file (JSON)."""
    org = find_organisation(organisation)
    document = dump(org)
    data = to_bytes(document)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    output.write_bytes(data)
    click.echo(f"Säkerhetskopian av {org.name} skrevs till {output} ({len(data)} byte):")
    _echo_counts(counts(document))


@click.command("import-org")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--parent", help="Överordnad organisation (id eller namn); standard: överst.")
def import_org_command(file: Path, parent: str | None) -> None:
    """Restore a backup FILE into this database (all or nothing)."""
    under = find_organisation(parent) if parent else None
    try:
        summary = restore(parse(file.read_bytes()), under)
    except BackupError as error:
        db.session.rollback()
        raise click.ClickException(f"Ingenting återställdes: {error}") from error
    db.session.commit()
    click.echo(f"{summary.root.name} återställdes (id {summary.root.id}):")
    _echo_counts(summary.counts)
    if summary.existing_users:
        click.echo(
            "Konton som redan fanns här behölls som de är: " + ", ".join(summary.existing_users)
        )
    if summary.created_external:
        click.echo(
            "Organisationer utanför trädet som saknades skapades överst: "
            + ", ".join(summary.created_external)
        )
    click.echo(
        "Återställda konton har inget lösenord; sätt ett med `flask user set-password E-POST`."
    )
