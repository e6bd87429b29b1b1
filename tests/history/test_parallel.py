"""Independent reads of one page: side by side when they must wait, in place when cached."""

import threading
import time

import pytest

from history.api.errors import NotFound
from history.services import cdr_get, cdr_list, cdr_notes, cdr_trace
from history.services.parallel import run_warm_first

pytestmark = pytest.mark.django_db(transaction=True)


def _reads(supervisor, cdr_id: int, threads: list[str]):
    def read(service):
        def task():
            threads.append(threading.current_thread().name)
            return service(credentials=supervisor, cdr_id=cdr_id).value

        return task

    return [read(cdr_get), read(cdr_notes), read(cdr_trace)]


def test_it_reads_what_the_cache_misses_side_by_side(supervisor, sandbox_demo, faults):
    cdr_id = sandbox_demo.records.multi_leg_root_cdr
    faults.latency(0.4)
    started = time.perf_counter()
    cdr, notes, trace = run_warm_first(_reads(supervisor, cdr_id, []))
    # One round trip, not three one after another.
    assert time.perf_counter() - started < 0.4 * 2
    assert cdr.id == cdr_id
    assert isinstance(notes, list) and isinstance(trace, list)
    assert faults.count(r"^/cdrs/\d+") == 3


def test_it_starts_no_thread_when_the_cache_answers(supervisor, sandbox_demo, faults):
    cdr_id = sandbox_demo.records.multi_leg_root_cdr
    first = run_warm_first(_reads(supervisor, cdr_id, []))
    faults.clear_counters()
    threads: list[str] = []
    again = run_warm_first(_reads(supervisor, cdr_id, threads))
    assert again == first
    assert set(threads) == {threading.current_thread().name}
    assert faults.counters() == {}


def test_it_raises_the_first_error_in_task_order(supervisor, sandbox_demo):
    missing = 999_999_999
    cdr_list(credentials=supervisor)  # one cached read among the tasks
    with pytest.raises(NotFound):
        run_warm_first(
            [
                lambda: cdr_list(credentials=supervisor).value,
                lambda: cdr_get(credentials=supervisor, cdr_id=missing),
                lambda: 1 / 0,
            ]
        )
