"""A local OpenID provider to try single sign-on with: oidc-provider-mock (a test dependency,
``pip install 'planner[test]'``) served on a loopback port in a thread. The test suite starts
it the same way. Its login page asks only for a subject (or offers the demo people as
buttons); it accepts every client id and secret unless ``require_registration``."""

from __future__ import annotations

import importlib.util
import os
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import click
from werkzeug.serving import BaseWSGIServer, make_server

# The people of the demo (planner/demo): e-mail verified, in groups the demo maps to roles.
DEMO_PEOPLE = (
    {
        "sub": "sara",
        "email": "sara.lind@exempel.se",
        "email_verified": True,
        "name": "Sara Lind",
        "groups": ["planner-redaktorer"],
    },
    {
        "sub": "olle",
        "email": "olle.berg@exempel.se",
        "email_verified": True,
        "name": "Olle Berg",
        "groups": [],
    },
    {
        "sub": "redaktor",
        "email": "redaktor@exempel.se",
        "email_verified": True,
        "name": "Regionens redaktör",
        "groups": [],
    },
)
DEMO_GROUP, DEMO_GROUPS_CLAIM = "planner-redaktorer", "groups"


@dataclass
class RunningProvider:
    server: BaseWSGIServer
    url: str  # the issuer: http://127.0.0.1:PORT


@contextmanager
def provider(
    port: int = 0,
    *,
    people=DEMO_PEOPLE,
    require_registration: bool = False,
    token_max_age: timedelta = timedelta(hours=1),
    wrap: Callable | None = None,
) -> Iterator[RunningProvider]:
    """An OpenID provider on 127.0.0.1 (``port`` 0: a free one) while the block runs.
    ``wrap`` may put WSGI middleware in front of it (the tests tamper with answers so)."""
    import authlib.deprecate  # noqa: F401 - it puts an "always" filter first when imported

    with warnings.catch_warnings():  # its own use of Authlib's older modules, not ours
        warnings.simplefilter("ignore")
        from oidc_provider_mock import User, app

    users = [User(sub=p["sub"], claims={k: v for k, v in p.items() if k != "sub"}) for p in people]
    wsgi = app(
        require_client_registration=require_registration,
        access_token_max_age=token_max_age,
        user_claims=users,
    )
    with served(wrap(wsgi) if wrap else wsgi, port) as server:
        yield RunningProvider(server, f"http://127.0.0.1:{server.server_port}")


@contextmanager
def served(wsgi, port: int = 0) -> Iterator[BaseWSGIServer]:
    """``wsgi`` served on 127.0.0.1 by werkzeug in a thread while the block runs."""
    server = make_server("127.0.0.1", port, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


DEMO_CLIENT_ID, DEMO_SECRET = "planner-demo", "demo-hemlighet"  # noqa: S105 - the demo's own


@click.command("oidc-demo")
@click.option("--host", default="127.0.0.1", show_default=True, help="Var planner lyssnar.")
@click.option("--port", default=5000, show_default=True, help="planners port.")
@click.option("--provider-port", default=9400, show_default=True, help="Testleverantörens port.")
def oidc_demo_command(host: str, port: int, provider_port: int) -> None:
    """Try single sign-on on this machine: a test OpenID provider and planner set up for it."""
    from werkzeug.serving import run_simple

    from planner import create_app

    if importlib.util.find_spec("oidc_provider_mock") is None:
        message = "Testleverantören saknas: pip install 'planner[test]' (make sso-demo gör det)."
        raise click.ClickException(message)
    with provider(provider_port) as running:
        settings = {
            "OIDC_ISSUER": running.url,
            "OIDC_CLIENT_ID": DEMO_CLIENT_ID,
            "OIDC_CLIENT_SECRET": DEMO_SECRET,
            "OIDC_LABEL": "Logga in med testleverantören",
            "OIDC_GROUPS_CLAIM": DEMO_GROUPS_CLAIM,
        }
        os.environ.update({"PLANNER_" + key: value for key, value in settings.items()})
        app = create_app()
        click.echo(f"Testleverantören (OpenID Connect) kör på {running.url}/")
        click.echo(f"planner kör på http://{host}:{port}/ (knappen {settings['OIDC_LABEL']!r}).")
        click.echo("Logga in som någon av demopersonerna på leverantörens sida:")
        for person in DEMO_PEOPLE:
            groups = ", ".join(person["groups"]) or "inga grupper"
            click.echo(f"  {person['sub']:9} {person['email']:22} ({groups})")
        click.echo(
            "eller skriv en egen e-postadress (ett nytt konto utan roll). Avsluta med Ctrl+C."
        )
        run_simple(host, port, app, threaded=True)
