"""cxone_queue with ``queues``: many queues in one task, ordered by overflow target, read once."""

from __future__ import annotations

QUEUES = [
    # Listed before its target on purpose: the task creates Callbacks first.
    {"name": "Escalations", "description": "Tier 2", "overflow": {"target": "Callbacks", "wait_time": 45},
     "skill_requirements": [{"skill": "skill-support", "proficiency": "advanced"},
                            {"skill": "language:en", "proficiency": "intermediate"}]},
    {"name": "Callbacks", "service_level": {"threshold": 70, "time": 60}},
    {"name": "Support", "max_waiters": 60},
]


def task(queues, **options):
    return [{"name": "queues", "cxone.cxone.cxone_queue": dict(options, queues=queues)}]


def writes(emulator):
    return emulator.stats()["write_requests"]


def routes(emulator, prefix):
    return sum(n for route, n in emulator.stats()["by_route"].items() if route.startswith(prefix))


def stored(emulator, name):
    return next(q for q in emulator.store.queues.values() if q["name"].lower() == name.lower())


def test_create_in_target_order_check_mode_and_rerun(emulator, run_playbook):
    checked = run_playbook(task(QUEUES), check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("queues")["changed"] is True and writes(emulator) == 0

    created = run_playbook(task(QUEUES), diff=True)
    result = created.task("queues")["result"]
    assert result["added"] == ["Callbacks", "Escalations"] and result["updated"] == ["Support"]
    assert result["diff"] == checked.task("queues")["result"]["diff"]  # check mode predicted the real run
    assert stored(emulator, "Escalations")["overflow"]["targetId"] == stored(emulator, "Callbacks")["id"]
    assert stored(emulator, "Support")["maxWaiters"] == 60
    # One listing of the queues for the whole task (no listing again after each write).
    assert routes(emulator, "GET /api/v2/routing/queues") == 2  # check run + real run, one page each

    before = writes(emulator)
    again = run_playbook(task(QUEUES))
    assert again.task("queues")["changed"] is False and writes(emulator) == before


def test_update_delete_and_requirement_order_kept(emulator, run_playbook):
    assert run_playbook(task(QUEUES)).rc == 0
    order = [r["skill"] for r in stored(emulator, "Escalations")["skillRequirements"]]
    assert order == ["skill-support", "language:en"]  # as written, not sorted
    edit = [dict(QUEUES[0], description="Tier 2 and 3"),  # requirements listed in another order
            {"name": "Callbacks", "state": "absent"}]
    edit[0]["skill_requirements"] = list(reversed(QUEUES[0]["skill_requirements"]))
    edit[0]["overflow"] = {"enabled": False}
    run = run_playbook(task(edit), diff=True)
    result = run.task("queues")["result"]
    assert result["updated"] == ["Escalations"] and result["removed"] == ["Callbacks"], run.stdout
    assert [r["skill"] for r in stored(emulator, "Escalations")["skillRequirements"]] == order
    assert all(q["name"] != "Callbacks" for q in emulator.store.queues.values())


def test_bad_entries_are_refused_before_any_write(emulator, run_playbook):
    bad = [QUEUES[1], {"name": "Broken", "service_level": {"threshold": 140}},
           {"name": "Lost", "overflow": {"target": "Nowhere"}}]
    run = run_playbook(task(bad))
    assert run.rc != 0
    msg = run.task("queues")["result"]["msg"]
    assert "queues[1].service_level.threshold: 140 is above 100" in msg, msg
    assert writes(emulator) == 0
    run = run_playbook(task([QUEUES[1], {"name": "Lost", "overflow": {"target": "Nowhere"}}]))
    assert "queues[1].overflow.target: no queue has the id or name 'Nowhere'" in run.task("queues")["result"]["msg"]
    cycle = [{"name": "A", "overflow": {"target": "B"}}, {"name": "B", "overflow": {"target": "A"}}]
    run = run_playbook(task(cycle))
    assert "overflow to each other and none exists yet" in run.task("queues")["result"]["msg"]
    run = run_playbook(task([{"name": "A"}, {"name": "a"}]))
    assert "queues[1].name: 'a' is listed more than once" in run.task("queues")["result"]["msg"]
    assert writes(emulator) == 0


def test_a_failed_write_names_what_was_and_was_not_applied(emulator, run_playbook):
    emulator.add_fault(kind="status", status=503, times=-1,
                       match={"method": "POST", "path": "^/api/v2/routing/queues$"})
    run = run_playbook(task(QUEUES))
    assert run.rc != 0
    result = run.task("queues")["result"]
    assert "Not applied: Callbacks, Support, Escalations" in result["msg"], result["msg"]
    assert result["failures"][0]["name"] == "Callbacks"
    assert not any(q["name"] in ("Callbacks", "Escalations") for q in emulator.store.queues.values())
    emulator.clear_faults()
    rerun = run_playbook(task(QUEUES))
    assert rerun.task("queues")["result"]["added"] == ["Callbacks", "Escalations"]
