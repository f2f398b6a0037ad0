"""planner: a local patient-safety action plan (Agera för säker vård 2025–2030)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask


def _absolute(path: str | None) -> str | None:
    return str(Path(path).resolve()) if path else None


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application; ``config`` overrides settings read from the environment."""
    import os

    from planner import cli, extensions, operations, races, security, web
    from planner import config as settings
    from planner.assessment.views import bp as assessment_bp
    from planner.audit.recorder import init_recorder
    from planner.auth import passwords
    from planner.auth import session as auth_session
    from planner.auth.account_views import bp as account_bp
    from planner.auth.membership_views import bp as members_bp
    from planner.auth.views import bp as auth_bp
    from planner.backup.views import bp as backup_bp
    from planner.feeds import logs as feed_logs
    from planner.feeds.views import bp as feeds_bp
    from planner.mywork.views import bp as mywork_bp
    from planner.orgs.views import bp as orgs_bp
    from planner.plans.activity_views import bp as activities_bp
    from planner.plans.views import bp as plans_bp
    from planner.psb.contribution_views import bp as contributions_bp
    from planner.psb.file_views import bp as psb_files_bp
    from planner.psb.views import bp as psb_bp
    from planner.reminders.views import bp as reminders_bp
    from planner.reports.views import bp as reports_bp
    from planner.results.measure_views import bp as measures_bp
    from planner.results.period_views import bp as result_periods_bp
    from planner.results.views import bp as results_bp
    from planner.sso import client as sso_client
    from planner.sso.mapping_views import bp as sso_groups_bp
    from planner.sso.views import bp as sso_bp
    from planner.transfer.value_views import bp as value_transfer_bp
    from planner.transfer.views import bp as transfer_bp
    from planner.wheel.views import bp as wheel_bp

    root = Path(__file__).resolve().parent.parent
    app = Flask(
        __name__,
        instance_relative_config=True,
        # The generated secret key and the embedded database live here (default: instance/).
        instance_path=_absolute(os.environ.get(settings.PREFIX + "INSTANCE_PATH")),
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
    )
    settings.load(app, config or {})
    extensions.init_app(app)
    init_recorder()
    operations.init_app(app)
    web.init_app(app)
    races.init_app(app)
    security.init_app(app)
    auth_session.init_app(app)
    feed_logs.init_app(app)
    passwords.init_app(app)
    sso_client.init_app(app)
    for blueprint in (
        auth_bp,
        sso_bp,
        sso_groups_bp,
        account_bp,
        members_bp,
        mywork_bp,
        orgs_bp,
        plans_bp,
        activities_bp,
        wheel_bp,
        feeds_bp,
        reports_bp,
        psb_bp,
        psb_files_bp,
        contributions_bp,
        results_bp,
        measures_bp,
        result_periods_bp,
        transfer_bp,
        value_transfer_bp,
        backup_bp,
        reminders_bp,
        assessment_bp,
    ):
        app.register_blueprint(blueprint)
    cli.init_app(app)
    if app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind a reverse proxy: believe exactly that many X-Forwarded-* hops.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app
