"""Supervisors at work, for the load figure of `bench/suite.py` (run by it, not by hand).

Each simulated supervisor signs in through the form, then, with a few seconds' thought between
steps: browses and filters the call list, opens calls, plays a recording and seeks in it,
reads voicemail and moves a message to another folder, looks at the day's overview. The ids
come from the file named by BENCH_LOAD_IDS; the counts go to BENCH_LOAD_OUT when the run ends.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from datetime import date, timedelta

from locust import HttpUser, between, events, task

IDS = json.loads(open(os.environ["BENCH_LOAD_IDS"]).read())  # noqa: SIM115
TODAY = date.fromisoformat(IDS["today"])
statuses: Counter = Counter()


@events.request.add_listener
def count_status(response=None, exception=None, **_: object) -> None:
    if response is not None and getattr(response, "status_code", 0):
        statuses[response.status_code // 100 * 100] += 1
    elif exception is not None:
        statuses[f"no answer ({type(exception).__name__})"] += 1


@events.quitting.add_listener
def write_results(environment, **_: object) -> None:
    total = environment.stats.total
    result = {
        "requests": total.num_requests,
        "failures": total.num_failures,
        "5xx": statuses[500],
        "no_answer": sum(n for key, n in statuses.items() if str(key).startswith("no answer")),
        "statuses": {str(key): value for key, value in statuses.items()},
        "p50_ms": total.get_response_time_percentile(0.5) or 0,
        "p99_ms": total.get_response_time_percentile(0.99) or 0,
    }
    with open(os.environ["BENCH_LOAD_OUT"], "w") as out:
        json.dump(result, out)


class Supervisor(HttpUser):
    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.client.get("/accounts/login/")
        self.client.post(
            "/accounts/login/",
            {
                "email": IDS["email"],
                "password": IDS["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
        )

    def _week(self) -> str:
        first = TODAY - timedelta(days=random.choice((0, 1, 6)))
        return f"from={first}&to={TODAY}"

    @task(6)
    def calls(self) -> None:
        extra = random.choice(("", "&type=I", "&type=M", "&page=2", "&sort=duration&dir=desc"))
        self.client.get(f"/calls/?{self._week()}{extra}", name="/calls/?filters")

    @task(4)
    def call(self) -> None:
        self.client.get(f"/calls/{random.choice(IDS['cdrs'])}/", name="/calls/<id>/")

    @task(2)
    def recordings(self) -> None:
        self.client.get(f"/recordings/?{self._week()}", name="/recordings/?filters")

    @task(3)
    def play_recording(self) -> None:
        monitor = random.choice(IDS["monitors"])
        self.client.get(f"/recordings/{monitor}/", name="/recordings/<id>/")
        audio = f"/recordings/{monitor}.mp3"
        first = self.client.get(audio, headers={"Range": "bytes=0-65535"}, name="audio, start")
        size = int(first.headers.get("Content-Range", "/0").rsplit("/", 1)[-1] or 0)
        for _ in range(2):
            offset = random.randrange(max(size, 1))
            self.client.get(audio, headers={"Range": f"bytes={offset}-"}, name="audio, seek")

    @task(2)
    def voicemail(self) -> None:
        self.client.get("/voicemail/", name="/voicemail/")
        self.client.get(
            f"/voicemail/{random.choice(IDS['voicemessages'])}/", name="/voicemail/<id>/"
        )

    @task(1)
    def move_voicemail(self) -> None:
        self.client.post(
            "/voicemail/move/",
            {
                "ids": random.choice(IDS["voicemessages"]),
                "action": "move",
                "to_folder": random.choice((0, 1, 2)),
                "next": "/voicemail/",
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/voicemail/"},
            name="/voicemail/move/",
        )

    @task(1)
    def overview(self) -> None:
        self.client.get(f"/?from={TODAY}&to={TODAY}", name="/ (today)")
