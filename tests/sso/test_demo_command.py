"""The README's way to try single sign-on: ``flask --app planner oidc-demo`` starts the test
provider and planner set up for it; the demo's people log in through it in a real session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from bs4 import BeautifulSoup

from planner import create_app
from planner.audit.recorder import acting_as
from planner.clock import local_today
from planner.demo.loader import load_demo
from planner.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load_demo(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True})
    with app.app_context():
        db.create_all()
        with acting_as("demo"):
            load_demo(local_today(), "demo-lösenord-1")
        db.session.commit()
        db.engine.dispose()


def _wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90  # a busy machine imports slowly
    while time.monotonic() < deadline and process.poll() is None:
        try:
            requests.get(url, timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


def _log_in_as(session: requests.Session, base: str, sub: str) -> requests.Response:
    login = BeautifulSoup(session.get(base + "/logga-in").text, "html.parser")
    button = login.find("a", string="Logga in med testleverantören")
    at_provider = session.get(base + button["href"])
    # The provider's page: a button per demo person, posted back to the same address.
    return session.post(at_provider.url, data={"sub": sub})


def test_the_demo_command_logs_the_demo_people_in(tmp_path):
    env = {
        **os.environ,
        "PLANNER_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}",
        "PLANNER_INSTANCE_PATH": str(tmp_path),
        "PLANNER_DEMO_PASSWORD": "demo-lösenord-1",
    }
    env.pop("PLANNER_TEST_DATABASE_URL", None)
    _load_demo(env["PLANNER_DATABASE_URL"])  # what `flask db upgrade` and `flask demo` make
    port, provider_port = _free_port(), _free_port()
    args = ["oidc-demo", "--port", str(port), "--provider-port", str(provider_port)]
    command = [sys.executable, "-m", "flask", "--app", "planner", *args]
    server = subprocess.Popen(  # noqa: S603 - our own command
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/logga-in", server)
        sara = requests.Session()
        landed = _log_in_as(sara, base, "sara")
        assert landed.url == base + "/"
        assert "Hälso- och sjukvårdsförvaltningen" in landed.text  # the group's editor role
        olle = requests.Session()
        landed = _log_in_as(olle, base, "olle")
        assert landed.url == base + "/utan-roll"
        assert "Vem du kan fråga" in landed.text
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    print(output)
    assert "Testleverantören (OpenID Connect) kör på" in output
    assert "sara" in output and "planner-redaktorer" in output
