"""Faults that never end, for user skills, agent states, campaign schedules and webhooks
(their desired state is the ``agents`` scenario of scenarios.py, converged under every fault
kind in test_faults_converge.py): each task fails, and its message says what was applied
and what was not; nothing half-done is left that a rerun would not finish."""

from __future__ import annotations

from faults import record_faults
from scenarios import AGENTS_TASKS, SEEDED_SCHEDULE, prepare_agents, schedules_of

NEVER_ENDING = {
    # task -> fault that does not end
    "skills crew": {"kind": "rate_limit", "retry_after": 0, "after": 2, "times": -1,
                    "match": {"method": "POST", "path": "^/api/v2/batch$"}},  # the reads pass, then never again
    "agent Bob ready": {"kind": "status", "status": 503, "times": -1, "match": {"method": "POST", "path": "/state$"}},
    "schedule evenings": {"kind": "rate_limit", "retry_after": 0, "times": -1,
                          "match": {"method": "PUT", "path": "/schedules/"}},
    "webhook sync": {"kind": "status", "status": 503, "times": -1, "match": {"method": "POST", "path": "^/api/v2/webhooks$"}},
}


def test_faults_that_never_end_fail_with_what_was_applied(emulator, run_playbook):
    play_vars = prepare_agents(emulator)
    for rule in NEVER_ENDING.values():
        emulator.add_fault(**rule)
    tasks = [dict(task, ignore_errors=True) for task in AGENTS_TASKS if task["name"] in NEVER_ENDING]
    run = run_playbook(tasks, play_vars=play_vars)
    emulator.clear_faults()
    record_faults(emulator, "never-ending: skills, agent state, schedule, webhook")
    results = {name: run.task(name) for name in NEVER_ENDING}
    assert all(r["failed"] for r in results.values()), {n: r["result"].get("msg") for n, r in results.items()}
    msgs = {name: r["result"]["msg"] for name, r in results.items()}

    skills = results["skills crew"]["result"]
    assert "skills of 60 user(s): 60 change(s) not applied" in msgs["skills crew"], msgs["skills crew"]
    assert "Applied: added: none; updated: none; removed: none" in msgs["skills crew"]
    assert "429" in msgs["skills crew"] and "Run the task again" in msgs["skills crew"]
    assert skills["failures"] and skills["added"] == {}
    assert "the change was not applied and was not retried; run the task again" in msgs["agent Bob ready"]
    assert results["agent Bob ready"]["result"]["status"] == 503
    assert msgs["schedule evenings"].startswith("campaign schedule 'Weekday evenings' was not created: PUT ")
    assert "429" in msgs["schedule evenings"] and results["schedule evenings"]["result"]["status"] == 429
    assert msgs["webhook sync"].startswith("webhook 'WFM schedule sync' was not created: gave up after 4 attempts")
    assert "503" in msgs["webhook sync"] and "Run the task again" in msgs["webhook sync"]

    # And indeed nothing was applied: the tenant is as seeded.
    assert emulator.stats()["writes_applied"] == 0
    assert [s["name"] for s in schedules_of(emulator).values()] == ["Weekday business hours"]
    assert SEEDED_SCHEDULE in schedules_of(emulator)
    assert "WFM schedule sync" not in emulator.store.webhooks_by_name()

    # The same tasks without the faults finish the job.
    rerun = run_playbook([dict(task, ignore_errors=False) for task in tasks], play_vars=play_vars)
    assert rerun.rc == 0 and all(t["changed"] for t in rerun.tasks)
