"""Fault suite for the routing modules. Their desired state (queues, members, wrap-up codes)
is the ``routing`` scenario of scenarios.py, converged under every fault kind together with
the other scenarios in test_faults_converge.py. Here: a fault that never ends."""

from __future__ import annotations

import pytest

from faults import record_faults
from scenarios import ROUTING_TASKS, prepare_routing


@pytest.fixture
def desired(emulator):
    return prepare_routing(emulator)


def test_a_fault_that_never_ends_fails_with_what_was_applied(emulator, run_playbook, desired):
    # Every batch write fails: the member task cannot finish and must say what it did not apply.
    emulator.add_fault(kind="status", status=503, times=-1, match={"method": "POST", "path": "/api/v2/batch"})
    run = run_playbook([ROUTING_TASKS[4]], play_vars=desired)
    emulator.clear_faults()
    task = run.task("members Overflow")
    assert task["failed"]
    msg = task["result"]["msg"]
    assert "120 change(s) not applied" in msg and "Run the task again" in msg and "503" in msg
    assert task["result"]["added"] == []
    record_faults(emulator, "never-ending: batch endpoint down (members)")
    rerun = run_playbook([ROUTING_TASKS[4]], play_vars=desired)
    assert rerun.rc == 0 and len(rerun.task("members Overflow")["result"]["added"]) == 120
