"""Flask commands: the demo, and (later) user management and maintenance."""

from __future__ import annotations

import click
from flask import Flask

from planner.clock import local_today
from planner.extensions import db


@click.command("demo")
def demo_command() -> None:
    """Fill an empty database with a demo region, its plan and a year of progress."""
    from planner.demo.loader import load_demo

    result = load_demo(local_today())
    if not result.created:
        click.echo("Databasen innehåller redan data; demo ändrade ingenting.")
        return
    db.session.commit()
    click.echo(
        f"Demo skapad: {result.plan.title} ({result.plan.organisation.name}), "
        f"{result.activities} aktiviteter och {result.updates} framstegsposter."
    )


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_command)
