"""A local OpenID provider to try single sign-on with: oidc-provider-mock (a test dependency,
``pip install 'planner[test]'``) served on a loopback port in a thread. The test suite starts
it the same way. Its login page asks only for a subject (or offers the demo people as
buttons); it accepts every client id and secret unless ``require_registration``."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

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
    server = make_server("127.0.0.1", port, wrap(wsgi) if wrap else wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
    thread.start()
    try:
        yield RunningProvider(server, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
