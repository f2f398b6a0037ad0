"""planner: a local patient-safety action plan (Agera för säker vård 2025–2030)."""

from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application; ``config`` overrides settings read from the environment."""
    from pathlib import Path

    from planner import cli, extensions, web
    from planner import config as settings
    from planner.orgs.views import bp as orgs_bp
    from planner.plans.activity_views import bp as activities_bp
    from planner.plans.views import bp as plans_bp

    root = Path(__file__).resolve().parent.parent
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
    )
    settings.load(app, config or {})
    extensions.init_app(app)
    web.init_app(app)
    app.register_blueprint(orgs_bp)
    app.register_blueprint(plans_bp)
    app.register_blueprint(activities_bp)
    cli.init_app(app)
    return app
