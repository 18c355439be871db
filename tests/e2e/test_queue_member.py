"""cxone_queue_member and cxone_queue_member_info against the emulator."""

from __future__ import annotations


def writes(emulator):
    return emulator.stats()["write_requests"]


def queue_id(emulator, name):
    return next(q["id"] for q in emulator.store.queues.values() if q["name"] == name)


def members_of(emulator, name):
    """{email: member} as the emulator holds them."""
    qid = queue_id(emulator, name)
    emails = {u["id"]: u["email"] for u in emulator.store.users.values()}
    return {emails[uid]: m for uid, m in emulator.store.members[qid].items()}


def test_add_update_converge_check(emulator, run_playbook):
    tasks = [{"name": "members", "cxone.cxone.cxone_queue_member": {
        "queue": "Overflow",
        "members": [
            {"user": "alice.johnson@acme.example", "split": 40},
            {"user": "Bob Smith", "routing_type": "MANUAL"},
        ],
    }}]
    checked = run_playbook(tasks, check=True, diff=True)
    task = checked.task("members")
    assert task["changed"] is True
    assert task["result"]["added"] == ["alice.johnson@acme.example", "bob.smith@acme.example"]
    assert writes(emulator) == 0

    real = run_playbook(tasks, diff=True)
    assert real.task("members")["result"]["diff"] == task["result"]["diff"]
    stored = members_of(emulator, "Overflow")
    assert stored["alice.johnson@acme.example"]["split"] == 40
    assert stored["bob.smith@acme.example"]["routingType"] == "MANUAL"
    assert stored["bob.smith@acme.example"]["split"] == 100  # default for a new member

    before = writes(emulator)
    assert run_playbook(tasks).task("members")["changed"] is False
    assert writes(emulator) == before

    update = [{"name": "members", "cxone.cxone.cxone_queue_member": {
        "queue": "Overflow", "members": [{"user": "alice.johnson@acme.example", "after_hours_available": True}]}}]
    result = run_playbook(update)
    assert result.task("members")["result"]["updated"] == ["alice.johnson@acme.example"]
    assert members_of(emulator, "Overflow")["alice.johnson@acme.example"]["split"] == 40  # unmanaged, kept


def test_exclusive_removes_unlisted_and_absent_removes_listed(emulator, run_playbook):
    assert set(members_of(emulator, "Support")) >= {"alice.johnson@acme.example", "bob.smith@acme.example"}
    exclusive = [{"name": "only", "cxone.cxone.cxone_queue_member": {
        "queue": "Support", "exclusive": True, "members": [{"user": "bob.smith@acme.example"}]}}]
    checked = run_playbook(exclusive, check=True)
    assert writes(emulator) == 0
    real = run_playbook(exclusive)
    assert real.task("only")["result"]["removed"] == checked.task("only")["result"]["removed"]
    assert "alice.johnson@acme.example" in real.task("only")["result"]["removed"]
    assert set(members_of(emulator, "Support")) == {"bob.smith@acme.example"}

    absent = [{"name": "out", "cxone.cxone.cxone_queue_member": {
        "queue": "Support", "state": "absent",
        "members": [{"user": "bob.smith@acme.example"}, {"user": "laura.chen@acme.example"}]}}]
    assert run_playbook(absent).task("out")["result"]["removed"] == ["bob.smith@acme.example"]
    assert members_of(emulator, "Support") == {}
    assert run_playbook(absent).task("out")["changed"] is False


def test_three_hundred_members_in_one_task(emulator, run_playbook):
    emails = emulator.store.add_users(300, prefix="peak")
    tasks = [{"name": "crowd", "cxone.cxone.cxone_queue_member": {
        "queue": "Overflow", "members": [{"user": e} for e in emails]}}]
    already = len(members_of(emulator, "Overflow"))
    emulator.reset_stats()
    result = run_playbook(tasks)
    assert result.rc == 0, result.stdout
    assert len(result.task("crowd")["result"]["added"]) == 300
    assert len(members_of(emulator, "Overflow")) == already + 300
    stats = emulator.stats()
    # 6 batch requests of 50 instead of 300 POSTs.
    assert stats["by_route"].get("POST /api/v2/batch") == 6
    assert stats["requests"] < 40, stats["by_route"]
    emulator.reset_stats()
    assert run_playbook(tasks).task("crowd")["changed"] is False
    assert emulator.stats()["write_requests"] == 0


def test_several_queues_in_one_task(emulator, run_playbook):
    crew = emulator.store.add_users(120, prefix="crew")  # 2 pages of users with the seed's
    memberships = [{"queue": "Overflow", "members": [{"user": e, "split": 50} for e in crew[:60]]},
                   {"queue": "billing", "members": [{"user": e} for e in crew[60:]]
                    + [{"user": "Alice Johnson", "routing_type": "MANUAL"}]}]
    tasks = [{"name": "crews", "cxone.cxone.cxone_queue_member": {"memberships": memberships}}]
    emulator.reset_stats()
    checked = run_playbook(tasks, check=True, diff=True).task("crews")["result"]
    assert writes(emulator) == 0 and len(checked["added"]) == 121
    # The users are listed once for both queues (2 pages).
    assert emulator.stats()["by_route"]["GET /api/v2/users"] == 2
    assert "Billing: alice.johnson@acme.example" in checked["added"] and "Overflow: %s" % crew[0] in checked["added"]

    emulator.reset_stats()
    real = run_playbook(tasks, diff=True).task("crews")["result"]
    assert real["diff"] == checked["diff"] and real["memberships"] == checked["memberships"]
    assert [(m["queue"], len(m["members"])) for m in real["memberships"]] == [
        ("Overflow", len(members_of(emulator, "Overflow"))), ("Billing", len(members_of(emulator, "Billing")))]
    assert members_of(emulator, "Overflow")[crew[0]]["split"] == 50
    assert members_of(emulator, "Billing")["alice.johnson@acme.example"]["routingType"] == "MANUAL"
    # The run after it looks users up in the listing the check run kept; both queues' 121 adds
    # share 3 batches.
    routes = emulator.stats()["by_route"]
    assert "GET /api/v2/users" not in routes and routes["POST /api/v2/batch"] == 3, routes
    assert routes["GET /api/v2/routing/queues"] == 1 and routes["GET /api/v2/routing/queues/{id}/members"] == 2, routes

    before = writes(emulator)
    assert run_playbook(tasks).task("crews")["changed"] is False and writes(emulator) == before

    # exclusive: per listed queue; a queue not listed is not touched.
    support_before = members_of(emulator, "Support")
    others = len(members_of(emulator, "Overflow")) - 1 + len(members_of(emulator, "Billing"))
    only = [{"name": "only", "cxone.cxone.cxone_queue_member": {"exclusive": True, "memberships": [
        {"queue": "Overflow", "members": [{"user": crew[0], "split": 50}]}, {"queue": "Billing", "members": []}]}}]
    result = run_playbook(only).task("only")["result"]
    assert len(result["removed"]) == others and members_of(emulator, "Billing") == {}
    assert list(members_of(emulator, "Overflow")) == [crew[0]] and members_of(emulator, "Support") == support_before

    out = [{"name": "out", "cxone.cxone.cxone_queue_member": {"state": "absent", "memberships": [
        {"queue": "Overflow", "members": [{"user": crew[0]}, {"user": crew[1]}]}]}}]
    assert run_playbook(out).task("out")["result"]["removed"] == ["Overflow: %s" % crew[0]]
    assert run_playbook(out).task("out")["changed"] is False


def test_several_queues_bad_input_fails_before_any_write(emulator, run_playbook):
    cases = [
        ([{"queue": "Overflow", "members": [{"user": "bob.smith@acme.example"}]},
          {"queue": "Nope", "members": [{"user": "bob.smith@acme.example"}]}], "memberships[1].queue: no queue"),
        ([{"queue": "Overflow", "members": [{"user": "bob.smith@acme.example"}]},
          {"queue": "Billing", "members": [{"user": "nobody@acme.example"}]}], "memberships[1].members[0].user: no user"),
        ([{"queue": "Overflow", "members": [{"user": "bob.smith@acme.example", "split": 0}]}],
         "memberships[0].members[0].split: 0 is below 1"),
        ([{"queue": "Overflow", "members": [{"user": "bob.smith@acme.example"}]},
          {"queue": "overflow", "members": [{"user": "alice.johnson@acme.example"}]}],
         "memberships[1].queue: 'Overflow' is listed more than once"),
        ([{"queue": "Overflow", "members": []}], "memberships[0].members: the list is empty"),
        ([], "memberships: the list is empty"),
    ]
    tasks = [{"name": "bad %d" % i, "cxone.cxone.cxone_queue_member": {"memberships": memberships}, "ignore_errors": True}
             for i, (memberships, _m) in enumerate(cases)]
    tasks.append({"name": "both", "ignore_errors": True, "cxone.cxone.cxone_queue_member": {
        "queue": "Overflow", "members": [], "memberships": [{"queue": "Billing", "members": []}]}})
    result = run_playbook(tasks)
    for i, (_memberships, message) in enumerate(cases):
        task = result.task("bad %d" % i)
        assert task["failed"] and message in task["result"]["msg"], (message, task["result"].get("msg"))
    assert "mutually exclusive" in result.task("both")["result"]["msg"]
    assert writes(emulator) == 0


def test_bad_input_fails_before_any_write(emulator, run_playbook):
    cases = [
        ({"queue": "Nope", "members": [{"user": "bob.smith@acme.example"}]}, "queue: no queue has the id or name 'Nope'"),
        ({"queue": "Support", "members": [{"user": "nobody@acme.example"}]}, "members[0].user: no user"),
        ({"queue": "Support", "members": [{"user": "bob.smith@acme.example", "split": 0}]}, "members[0].split: 0 is below 1"),
        ({"queue": "Support", "members": [{"user": "bob.smith@acme.example", "split": 101}]}, "members[0].split: 101 is above 100"),
        ({"queue": "Support", "members": [{"user": "Bob Smith"}, {"user": "bob.smith@acme.example"}]}, "listed more than once"),
        ({"queue": "Support", "members": []}, "members: the list is empty"),
        ({"queue": "Support", "members": [{"user": "alice.johnson@acme.example"}, {"user": "no-one"}]}, "members[1].user"),
    ]
    tasks = [{"name": "bad %d" % i, "cxone.cxone.cxone_queue_member": args, "ignore_errors": True}
             for i, (args, _m) in enumerate(cases)]
    result = run_playbook(tasks)
    for i, (_args, message) in enumerate(cases):
        task = result.task("bad %d" % i)
        assert task["failed"] and message in task["result"]["msg"], (message, task["result"].get("msg"))
    assert writes(emulator) == 0


def test_ambiguous_user_name(emulator, run_playbook):
    emulator.store.add_user(name="Bob Smith", email="bob.smith2@acme.example")
    result = run_playbook([{"name": "amb", "ignore_errors": True, "cxone.cxone.cxone_queue_member": {
        "queue": "Overflow", "members": [{"user": "Bob Smith"}]}}])
    assert "ambiguous" in result.task("amb")["result"]["msg"]
    assert writes(emulator) == 0


def test_info(emulator, run_playbook):
    result = run_playbook([{"name": "info", "cxone.cxone.cxone_queue_member_info": {"queue": "Support"}}])
    members = result.task("info")["result"]["members"]
    carla = next(m for m in members if m["user"] == "carla.gomez@acme.example")
    assert carla["split"] == 50 and carla["after_hours_available"] is True
    feed_back = [{"name": "same", "cxone.cxone.cxone_queue_member": {
        "queue": "Support", "exclusive": True,
        "members": [{k: v for k, v in m.items() if k != "user_id"} for m in members]}}]
    assert run_playbook(feed_back).task("same")["changed"] is False
