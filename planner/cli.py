"""Flask commands: the demo, and user management for the system owner."""

from __future__ import annotations

import os
import secrets

import click
from flask import Flask
from flask.cli import AppGroup

from planner.audit.recorder import acting_as
from planner.clock import local_today
from planner.extensions import db

user_cli = AppGroup("user", help="Konton: skapa, byt lösenord, stäng av och aktivera.")


@click.command("demo")
def demo_command() -> None:
    """Fill an empty database with a demo region, its plan, a year of progress and accounts."""
    from planner.demo.loader import load_demo

    password = os.environ.get("PLANNER_DEMO_PASSWORD") or secrets.token_urlsafe(12)
    with acting_as("demo"):
        result = load_demo(local_today(), password)
    if not result.created:
        click.echo("Databasen innehåller redan data; demo ändrade ingenting.")
        return
    db.session.commit()
    click.echo(
        f"Demo skapad: {result.plan.title} ({result.plan.organisation.name}), "
        f"{result.activities} aktiviteter och {result.updates} framstegsposter."
    )
    click.echo(
        "Hälso- och sjukvårdsförvaltningen har en egen lokal plan; regionens sida har en "
        "sammanställning av underorganisationernas planer."
    )
    click.echo(f"Årshjulet har {result.wheel_events} händelser.")
    click.echo(
        "Påminnelser: `flask --app planner reminders send` skriver breven som .eml-filer i "
        "instance/mail/ (utan PLANNER_SMTP_URL)."
    )
    click.echo("Inloggningar (lösenordet visas bara nu):")
    for email, role in result.accounts:
        click.echo(f"  {email:34} {password}   ({role})")
    port = os.environ.get("PORT", "5000")
    click.echo("Kalenderflöde för hela regionen (prenumerationslänk, visas bara nu):")
    click.echo(f"  http://127.0.0.1:{port}/flode/{result.feed_token}.ics")


@user_cli.command("create")
@click.argument("email")
@click.option("--name", default="", help="Namnet som visas (standard: e-postadressen).")
@click.option("--admin", is_flag=True, help="Systemadministratör.")
@click.password_option(prompt="Lösenord", confirmation_prompt="Upprepa lösenordet")
def create_user_command(email: str, name: str, admin: bool, password: str) -> None:
    """Create an account."""
    from planner.auth import services

    try:
        with acting_as("cli"):
            user = services.create_user(email, name, password, system_admin=admin)
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Kontot {user.email} skapades{' (systemadministratör)' if admin else ''}.")


@user_cli.command("set-password")
@click.argument("email")
@click.password_option(prompt="Nytt lösenord", confirmation_prompt="Upprepa lösenordet")
def set_password_command(email: str, password: str) -> None:
    """Set a new password for an account (and end its sessions)."""
    from planner.auth import services

    user = services.user_by_email(email)
    if user is None:
        raise click.ClickException(f"Inget konto med e-postadressen {email}.")
    try:
        services.set_password(user, password)
    except services.AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Lösenordet för {user.email} är bytt.")


@user_cli.command("deactivate")
@click.argument("email")
def deactivate_user_command(email: str) -> None:
    """Deactivate an account: it cannot log in, its sessions and personal feeds end."""
    _set_active(email, False)


@user_cli.command("activate")
@click.argument("email")
def activate_user_command(email: str) -> None:
    """Let a deactivated account log in again."""
    _set_active(email, True)


def _set_active(email: str, active: bool) -> None:
    from planner.auth import services

    user = services.user_by_email(email)
    if user is None:
        raise click.ClickException(f"Inget konto med e-postadressen {email}.")
    with acting_as("cli"):
        services.set_active(user, active)
    db.session.commit()
    click.echo(f"Kontot {user.email} är {'aktivt' if active else 'avstängt'}.")


def init_app(app: Flask) -> None:
    from planner.backup.cli import export_org_command, import_org_command
    from planner.reminders.cli import reminders_cli
    from planner.sso.demo import oidc_demo_command

    app.cli.add_command(demo_command)
    app.cli.add_command(user_cli)
    app.cli.add_command(export_org_command)
    app.cli.add_command(import_org_command)
    app.cli.add_command(reminders_cli)
    app.cli.add_command(oidc_demo_command)
