"""Faults that never end, for the roles (their desired state is the ``peak mode`` and
``campaign season`` scenarios of scenarios.py, converged under every fault kind in
test_faults_converge.py): the role stops at the task that cannot finish, that task says what
was applied and what was not, nothing after it is written, and the next run finishes."""

from __future__ import annotations

from faults import record_faults
from scenarios import (
    PEAK_CLIENT,
    PEAK_TASKS,
    SEASON_CLIENT,
    SEASON_SCHEDULE,
    SEASON_TASKS,
    check_peak,
    check_season,
    prepare_peak,
    prepare_season,
    schedules_of,
)


def failed(run):
    return [t for t in run.tasks if t["failed"]]


def run_under_endless_fault(emulator, run_playbook, tasks, play_vars, client, method, path, label):
    """Run ``tasks`` while every ``method`` on ``path`` by ``client`` answers 503. Returns the
    one failed task; asserts that the run applied no write (the tenant is as prepared)."""
    applied = emulator.stats()["writes_applied"]  # prepare's own
    emulator.add_fault(kind="status", status=503, times=-1, match={"method": method, "path": path, "client": client})
    run = run_playbook(tasks, play_vars=play_vars)
    emulator.clear_faults()
    record_faults(emulator, label)
    (task,) = failed(run)
    assert emulator.stats()["writes_applied"] == applied
    return task


def test_peak_mode_with_the_batch_endpoint_down(emulator, run_playbook):
    play_vars = prepare_peak(emulator)
    task = run_under_endless_fault(emulator, run_playbook, PEAK_TASKS, play_vars, PEAK_CLIENT[0], "POST",
                                   "^/api/v2/batch$", "never-ending: batch endpoint down (peak mode role)")
    assert task["name"].endswith("Peak members in (peak) or out (off peak)"), task["name"]
    msg = task["result"]["msg"]
    assert msg.startswith("members of queues Support, Billing: 41 change(s) not applied (add Support: peakcrew0001"), msg
    assert "peakcrew0010@acme.example and 31 more)" in msg  # the first ten; the result has them all
    assert "Applied: added: none; updated: none; removed: none" in msg and "Run the task again" in msg
    assert msg.count("503") == 1  # the same error once
    assert len(task["result"]["failures"]) == 41
    # The codes task after it did not run.
    assert emulator.store.wrapup_codes_by_name()["Surge Survey Offer"]["available"] is False
    assert "Surge Callback" not in emulator.store.wrapup_codes_by_name()

    rerun = run_playbook(PEAK_TASKS, play_vars=play_vars)
    assert rerun.rc == 0, failed(rerun)
    check_peak(emulator, play_vars)


def test_campaign_season_with_webhook_creates_failing(emulator, run_playbook):
    play_vars = prepare_season(emulator)
    task = run_under_endless_fault(emulator, run_playbook, SEASON_TASKS, play_vars, SEASON_CLIENT[0], "POST",
                                   "^/api/v2/webhooks$", "never-ending: webhook creates failing (campaign season role)")
    assert task["name"].endswith("Webhooks enabled (in season)"), task["name"]
    (item,) = task["result"]["results"]
    assert item["msg"].startswith("webhook 'WFM Q2 season sync' was not created: gave up after 4 attempts"), item["msg"]
    assert "503" in item["msg"] and "Run the task again" in item["msg"]
    # In season the webhooks come first: neither the skills nor the schedule were written.
    assert not [s for s in schedules_of(emulator, "Collections Q2").values() if s["name"] == SEASON_SCHEDULE]

    rerun = run_playbook(SEASON_TASKS, play_vars=play_vars)
    assert rerun.rc == 0, failed(rerun)
    check_season(emulator, play_vars)
