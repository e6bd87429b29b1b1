"""One dashboard instance, as a separate OS process, for the multi-instance tests.

    python -m tests.history.multi_worker burst 10      # 10 threads list CDRs on "go"
    python -m tests.history.multi_worker voicemail     # ids on the first voicemail page
    python -m tests.history.multi_worker delete 42     # delete one voicemail
    python -m tests.history.multi_worker calls         # [id, labels] on the first call page
    python -m tests.history.multi_worker label 42 vip  # add a label to one call

Settings come from the environment like any deployment (CACHE_URL, SANDBOX_API_URL);
HISTORY_SESSION carries the signed-in user as the session keeps them. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import threading


def main(command: str, *args: str) -> object:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dashboard.settings")
    django.setup()
    from history.services import (
        Credentials,
        cdr_label,
        cdr_list,
        voicemessage_delete,
        voicemessage_list,
    )

    credentials = Credentials.from_session(json.loads(os.environ["HISTORY_SESSION"]))
    assert credentials is not None, "HISTORY_SESSION holds no credentials"
    if command == "voicemail":
        return [message.id for message in voicemessage_list(credentials=credentials).value]
    if command == "delete":
        outcome = voicemessage_delete(credentials=credentials, voicemessage_ids=[int(args[0])])
        return {"succeeded": outcome.succeeded, "failed": outcome.failed}
    if command == "calls":
        return [[cdr.id, list(cdr.labels)] for cdr in cdr_list(credentials=credentials).value]
    if command == "label":
        outcome = cdr_label(credentials=credentials, cdr_ids=[int(args[0])], add=[args[1]])
        return {"succeeded": outcome.succeeded, "failed": outcome.failed}
    if command == "burst":
        return burst(int(args[0]), lambda: cdr_list(credentials=credentials).value.total)
    raise SystemExit(f"unknown command {command!r}")


def burst(threads: int, call) -> list[int]:
    """Start every thread at once, when the test writes "go", so the misses truly overlap."""
    start = threading.Event()
    results: list[int] = []

    def worker() -> None:
        start.wait()
        results.append(call())

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    print("ready", flush=True)
    sys.stdin.readline()
    start.set()
    for thread in pool:
        thread.join()
    return results


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])), flush=True)
