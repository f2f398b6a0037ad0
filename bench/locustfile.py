"""The load of `make bench`: readers, calendar polls and a few editors (see bench/load.py).

The facts of the generated data set (ids, the feed's token, the accounts) come as JSON in the
environment variable BENCH_FACTS."""

from __future__ import annotations

import json
import os
import random
import re
from datetime import date

from locust import FastHttpUser, between, task

FACTS = json.loads(os.environ.get("BENCH_FACTS", "{}"))
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
LARGE_PLAN_ACTIVITIES = 500  # the large plan's activities have ids 1 … 500


def log_in(user, email: str) -> None:
    page = user.client.get("/logga-in", name="/logga-in").text
    token = CSRF.search(page).group(1)
    with user.client.post(
        "/logga-in",
        data={"email": email, "password": FACTS["password"], "csrf_token": token},
        allow_redirects=False,
        name="/logga-in (POST)",
        catch_response=True,
    ) as response:
        if response.status_code != 302:
            response.failure(f"login: {response.status_code}")


def activity_id() -> int:
    return random.randint(1, LARGE_PLAN_ACTIVITIES)  # noqa: S311


class Reader(FastHttpUser):
    weight = 30
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        log_in(self, FACTS["reader"])

    @task(3)
    def overview(self) -> None:
        self.client.get(f"/planer/{FACTS['large_plan_id']}", name="/planer/[id]")

    @task(2)
    def activity_list(self) -> None:
        area = random.choice(["G1", "G2", "F1", "F3", "F5"])  # noqa: S311
        self.client.get(
            f"/planer/{FACTS['large_plan_id']}/aktiviteter?omrade={area}&status=pagar",
            name="/planer/[id]/aktiviteter?filter",
        )

    @task(3)
    def activity(self) -> None:
        self.client.get(f"/aktiviteter/{activity_id()}", name="/aktiviteter/[id]")

    @task(1)
    def wheel(self) -> None:
        self.client.get(f"/organisationer/{FACTS['region_id']}/arshjul", name="/arshjul")


class FeedPoller(FastHttpUser):
    """A calendar: mostly conditional polls (304), now and then the whole feed."""

    weight = 17
    wait_time = between(0.2, 1.0)
    etag = None

    @task
    def poll(self) -> None:
        path = f"/flode/{FACTS['feed_token']}.ics"
        conditional = self.etag is not None and random.random() < 0.8  # noqa: S311
        headers = {"If-None-Match": self.etag} if conditional else {}
        with self.client.get(
            path,
            headers=headers,
            name="/flode/[dolt].ics (304)" if conditional else "/flode/[dolt].ics",
            catch_response=True,
        ) as response:
            if response.status_code not in (200, 304):
                response.failure(f"feed: {response.status_code}")
            else:
                self.etag = response.headers.get("ETag", self.etag)
                response.success()


class Editor(FastHttpUser):
    """Records progress on the large plan's activities, through the page's own form."""

    weight = 3
    wait_time = between(1.0, 3.0)

    def on_start(self) -> None:
        log_in(self, FACTS["editor"])

    @task
    def record_progress(self) -> None:
        ident = activity_id()
        page = self.client.get(f"/aktiviteter/{ident}", name="/aktiviteter/[id]").text
        token = CSRF.search(page).group(1)
        with self.client.post(
            f"/aktiviteter/{ident}/framsteg",
            data={
                "csrf_token": token,
                "date": date.today().isoformat(),  # noqa: DTZ011
                "status": "pagar",
                "percent": str(random.randint(1, 99)),  # noqa: S311
                "comment": "Lägesrapport från belastningstestet.",
            },
            allow_redirects=False,
            name="/aktiviteter/[id]/framsteg (POST)",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"progress: {response.status_code}")
