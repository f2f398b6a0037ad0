"""A browser stand-in for the bench and the race tests: cookies, CSRF tokens, forms sent
over real HTTP to a running server, redirects reported (not followed), and a burst of
identical requests sent at the same instant."""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import Message

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    headers: Message

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ARG002
        return None  # the 3xx is the answer we want to see


class Visitor:
    """One browser: its cookie jar, shared by every request it sends (also in parallel)."""

    def __init__(self, base_url: str, timeout: float = 60) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
        )

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                body = response.read().decode("utf-8", "replace")
                return Answer(response.status, body, response.headers)
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode("utf-8", "replace"), error.headers)

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: Mapping[str, str] | Sequence[tuple[str, str]]) -> Answer:
        """Send a form; a redirect is answered, not followed."""
        encoded = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base_url + path, data=encoded, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        return self._open(request)

    def csrf_token(self, path: str) -> str:
        """The CSRF token of the forms on the page at ``path`` (one per session)."""
        answer = self.get(path)
        found = _CSRF.search(answer.body)
        if found is None:
            raise RuntimeError(f"no CSRF token on {path} (status {answer.status})")
        return found.group(1)

    def login(self, email: str, password: str) -> None:
        token = self.csrf_token("/logga-in")
        answer = self.post("/logga-in", {"email": email, "password": password, "csrf_token": token})
        if answer.status != 302:
            raise RuntimeError(f"login as {email} answered {answer.status}")

    def burst(self, path: str, data, times: int = 8) -> list[Answer]:
        """Send the same form ``times`` times at once (a released barrier, one thread
        each), as an impatient double, triple … click does; the answers, in no order."""
        barrier = threading.Barrier(times)
        answers: list[Answer] = []

        def send() -> None:
            barrier.wait()
            try:
                answers.append(self.post(path, data))
            except OSError as error:  # the connection broke: as bad as a 5xx
                answers.append(Answer(599, repr(error), Message()))

        threads = [threading.Thread(target=send) for _ in range(times)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return answers
