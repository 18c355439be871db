"""cxone_queue and cxone_queue_info through real ansible-playbook runs against the emulator."""

from __future__ import annotations

import copy

CREATE = [{
    "name": "queue",
    "cxone.cxone.cxone_queue": {
        "name": "Escalations",
        "description": "Tier 2",
        "skill_requirements": [
            {"skill": "skill-support", "proficiency": "advanced"},
            {"skill": "LANGUAGE:EN", "proficiency": "intermediate", "required": False},
        ],
        "service_level": {"threshold": 90, "time": 15},
        "overflow": {"target": "Support", "wait_time": 45},
        "max_wait_time": 420,
        "max_waiters": 30,
    },
}]


def writes(emulator):
    return emulator.stats()["write_requests"]


def queue_named(emulator, name):
    return next(q for q in emulator.store.queues.values() if q["name"].lower() == name.lower())


def test_create_converge_check_diff(emulator, run_playbook):
    # --check on a queue that does not exist: changed, and nothing written.
    checked = run_playbook(CREATE, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("queue")["changed"] is True
    assert writes(emulator) == 0

    created = run_playbook(CREATE, diff=True)
    task = created.task("queue")
    assert task["changed"] is True
    queue = task["result"]["queue"]
    assert queue["id"] and queue["overflow"] == {"enabled": True, "target": "Support", "wait_time": 45}
    # Skills come back in the tenant's spelling, sorted, so the next run compares equal.
    assert [r["skill"] for r in queue["skill_requirements"]] == ["language:en", "skill-support"]
    # Check mode predicted exactly what the real run did.
    assert checked.task("queue")["result"]["diff"] == task["result"]["diff"]
    assert task["result"]["diff"]["before"] == {}
    stored = queue_named(emulator, "Escalations")
    assert stored["maxWaitTime"] == 420 and stored["serviceLevelTarget"] == {"threshold": 90, "time": 15}

    before = writes(emulator)
    again = run_playbook(CREATE)
    assert again.task("queue")["changed"] is False
    assert writes(emulator) == before
    checked_again = run_playbook(CREATE, check=True)
    assert checked_again.task("queue")["changed"] is False


def test_update_only_managed_fields_and_check_mode(emulator, run_playbook):
    support = copy.deepcopy(queue_named(emulator, "Support"))
    update = [{"name": "queue",
               "cxone.cxone.cxone_queue": {"name": "support", "max_waiters": 75, "service_level": {"time": 25}}}]
    checked = run_playbook(update, check=True, diff=True)
    assert checked.task("queue")["changed"] is True
    assert writes(emulator) == 0
    diff = checked.task("queue")["result"]["diff"]
    assert diff["before"]["max_waiters"] == 50 and diff["after"]["max_waiters"] == 75
    assert diff["after"]["service_level"] == {"threshold": 80, "time": 25}

    real = run_playbook(update, diff=True)
    assert real.task("queue")["changed"] is True
    assert real.task("queue")["result"]["diff"] == diff
    after = queue_named(emulator, "Support")
    assert after["version"] == support["version"] + 1
    # Fields the task did not name kept their values through the full-replace PUT.
    for field in ("description", "skillRequirements", "overflow", "maxWaitTime"):
        assert after[field] == support[field]
    assert run_playbook(update).task("queue")["changed"] is False


def test_overflow_disable_and_rename_by_id(emulator, run_playbook):
    billing = queue_named(emulator, "Billing")
    result = run_playbook([
        {"name": "disable", "cxone.cxone.cxone_queue": {"name": "Billing", "overflow": {"enabled": False}}},
        {"name": "rename", "cxone.cxone.cxone_queue": {"id": billing["id"], "name": "Billing and Payments"}},
    ])
    assert result.rc == 0
    assert result.task("disable")["result"]["queue"]["overflow"]["enabled"] is False
    assert result.task("rename")["changed"] is True
    assert emulator.store.queues[billing["id"]]["name"] == "Billing and Payments"
    assert emulator.store.queues[billing["id"]]["overflow"]["targetId"] == billing["overflow"]["targetId"]


def test_delete_and_delete_again(emulator, run_playbook):
    tasks = [{"name": "gone", "cxone.cxone.cxone_queue": {"name": "Spanish Support", "state": "absent"}}]
    checked = run_playbook(tasks, check=True, diff=True)
    assert checked.task("gone")["changed"] is True
    assert checked.task("gone")["result"]["diff"]["after"] == {}
    assert writes(emulator) == 0
    assert run_playbook(tasks).task("gone")["changed"] is True
    assert not [q for q in emulator.store.queues.values() if q["name"] == "Spanish Support"]
    before = writes(emulator)
    assert run_playbook(tasks).task("gone")["changed"] is False
    assert writes(emulator) == before


def test_delete_of_an_overflow_target_reports_in_use(emulator, run_playbook):
    result = run_playbook([{"name": "gone", "cxone.cxone.cxone_queue": {"name": "Overflow", "state": "absent"}}])
    task = result.task("gone")
    assert task["failed"]
    assert "in.use" in task["result"]["msg"]


BAD_INPUTS = [
    ({"name": "Q", "overflow": {"target": "Support", "wait_time": 20}}, "overflow.wait_time: 20 is below 30"),
    ({"name": "Q", "max_wait_time": 601}, "max_wait_time: 601 is above 600"),
    ({"name": "Q", "service_level": {"threshold": 101}}, "service_level.threshold: 101 is above 100"),
    ({"name": "Q", "max_waiters": 0}, "max_waiters: 0 is below 1"),
    ({"name": "Q", "skill_requirements": [{"skill": "no-such-skill", "proficiency": "expert"}]},
     "skill_requirements[0].skill: no skill has the id or name 'no-such-skill'"),
    ({"name": "Q", "skill_requirements": [{"skill": "skill-sales", "proficiency": "expert"}] * 2},
     "skill-sales is listed more than once"),
    ({"name": "Q", "skill_requirements": [{"skill": "language:en", "proficiency": "guru"}]},
     "proficiency"),
    ({"name": "Q", "overflow": {"target": "Nowhere"}}, "overflow.target: no queue has the id or name 'Nowhere'"),
    ({"name": "Support", "overflow": {"target": "support"}}, "cannot overflow to itself"),
    ({"name": "Overflow", "overflow": {"target": "Billing"}},
     "would close an overflow cycle: Overflow -> Billing -> Support -> Overflow"),
    ({"name": "Q", "overflow": {"wait_time": 60}}, "overflow.target: required while overflow is enabled"),
    ({"id": "0" * 32, "max_waiters": 5}, "id: no queue has the id"),
]


def test_bad_input_fails_before_any_write(emulator, run_playbook):
    tasks = [{"name": "bad %d" % i, "cxone.cxone.cxone_queue": args, "ignore_errors": True}
             for i, (args, _msg) in enumerate(BAD_INPUTS)]
    result = run_playbook(tasks)
    for i, (_args, message) in enumerate(BAD_INPUTS):
        task = result.task("bad %d" % i)
        assert task["failed"], task
        assert message in task["result"]["msg"], (message, task["result"]["msg"])
    assert writes(emulator) == 0


def test_info_and_module_defaults(emulator, run_playbook):
    result = run_playbook(
        [{"name": "all", "cxone.cxone.cxone_queue_info": {}},
         {"name": "one", "cxone.cxone.cxone_queue_info": {"name": "billing"}}],
        module_defaults={"group/cxone.cxone.cxone": {"base_url": emulator.base_url, "client_id": "cxone-demo",
                                                     "client_secret": "demo-secret-not-for-production"}},
        extra_env={"CXONE_BASE_URL": "http://127.0.0.1:9", "CXONE_CLIENT_SECRET": "wrong"},
    )
    assert result.rc == 0, result.stdout
    names = [q["name"] for q in result.task("all")["result"]["queues"]]
    assert names == sorted(names, key=str.lower) and "Support" in names
    (billing,) = result.task("one")["result"]["queues"]
    assert billing["overflow"]["target"] == "Support"
    # An info result fed back to the module changes nothing.
    args = {k: v for k, v in billing.items() if k != "id"}
    assert run_playbook([{"name": "same", "cxone.cxone.cxone_queue": args}]).task("same")["changed"] is False


def test_rename_onto_a_taken_name_fails_before_any_write(emulator, run_playbook):
    billing = queue_named(emulator, "Billing")
    result = run_playbook([{"name": "rename", "ignore_errors": True,
                            "cxone.cxone.cxone_queue": {"id": billing["id"], "name": "SUPPORT"}}])
    assert "name: another queue is named 'Support'" in result.task("rename")["result"]["msg"]
    assert writes(emulator) == 0
