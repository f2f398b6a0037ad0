"""``flask --app planner reminders send``: run by cron or a systemd timer, never by the web
processes."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from planner.clock import local_today

reminders_cli = AppGroup("reminders", help="Påminnelser per e-post.")


@reminders_cli.command("send")
@click.option("--dry-run", is_flag=True, help="Skriv ut vad som skulle skickas; skicka inget.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Kör som om det vore den dagen (ÅÅÅÅ-MM-DD); standard: idag i Sverige.",
)
def send_command(dry_run: bool, today) -> None:
    """Send the reminders due today (and missed ones still relevant); idempotent."""
    from planner.reminders import run, transport

    day: date = today.date() if today else local_today()
    sink = transport.from_config(current_app.config)
    current_app.logger.info(
        "reminders: run for %s%s via %s", day, " (dry run)" if dry_run else "", sink.describe()
    )
    outcome = run.send(day, sink, dry_run=dry_run)
    for line in outcome.lines:
        click.echo(line)
    if dry_run:
        click.echo(
            f"Torrkörning {day}: {outcome.sent} brev skulle skickas, "
            f"{outcome.skipped} påminnelser redan skickade."
        )
    else:
        click.echo(
            f"Påminnelser {day}: {outcome.sent} brev skickade, {outcome.failed} misslyckade, "
            f"{outcome.skipped} påminnelser redan skickade."
        )
    current_app.logger.info(
        "reminders: done, sent=%d failed=%d skipped=%d",
        outcome.sent,
        outcome.failed,
        outcome.skipped,
    )
    if outcome.stopped:
        raise click.ClickException(
            f"E-postservern avbröt körningen ({outcome.stopped}); resten skickas nästa gång."
        )
