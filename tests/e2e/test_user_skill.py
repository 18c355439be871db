"""cxone_user_skill and cxone_user_skill_info against the emulator."""

from __future__ import annotations

ALICE = "alice.johnson@acme.example"
BOB = "bob.smith@acme.example"
CARLA = "carla.gomez@acme.example"
DAVID = "david.lee@acme.example"
EMMA = "emma.brown@acme.example"
IVAN = "ivan.petrov@acme.example"


def writes(emulator):
    return emulator.stats()["write_requests"]


def user_id(emulator, email):
    return emulator.store.users_by_email()[email]["id"]


def skills_of(emulator, email):
    """{skill name: {level, start, end}} as the emulator holds them."""
    names = {s["id"]: s["name"] for s in emulator.store.skills.values()}
    return {names[s["id"]]: {"level": s["level"], **s["effectiveDateRange"]}
            for s in emulator.store.user_skill_set(user_id(emulator, email))}


def task(args, name="skills", **extra):
    return [dict({"name": name, "cxone.cxone.cxone_user_skill": args}, **extra)]


def test_assign_converge_check(emulator, run_playbook):
    alice_before = skills_of(emulator, ALICE)
    tasks = task({"assignments": [
        # Two skills of one user in one task: one PUT with both (and the skills kept).
        {"user": ALICE, "skill": "skill-billing", "level": 4},
        {"user": "Alice Johnson", "skill": "language:fr", "level": 2},
        {"user": BOB, "skill": "skill-sales", "level": 3,
         "start": "2024-06-01T10:00:00+02:00", "end": "2024-12-31T23:59:59.5Z"},
    ]})
    checked = run_playbook(tasks, check=True, diff=True)
    result = checked.task("skills")["result"]
    assert checked.task("skills")["changed"] is True
    assert result["added"] == {ALICE: ["language:fr", "skill-billing"], BOB: ["skill-sales"]}
    assert result["updated"] == {} and result["removed"] == {}
    assert writes(emulator) == 0

    real = run_playbook(tasks, diff=True)
    assert real.task("skills")["changed"] is True
    assert real.task("skills")["result"]["diff"] == result["diff"]
    assert real.task("skills")["result"]["users"] == result["users"]
    assert writes(emulator) == 1  # both users in one batch
    stored = skills_of(emulator, ALICE)
    assert stored == dict(alice_before, **{"skill-billing": {"level": 4, "start": None, "end": None},
                                           "language:fr": {"level": 2, "start": None, "end": None}})
    assert skills_of(emulator, BOB)["skill-sales"] == {
        "level": 3, "start": "2024-06-01T08:00:00.000Z", "end": "2024-12-31T23:59:59.500Z"}
    assert len(skills_of(emulator, BOB)) == 4  # the three seeded skills kept

    # Same again, dates written with another offset for the same instant: nothing to do.
    same = task({"assignments": [
        {"user": ALICE, "skill": "skill-billing", "level": 4},
        {"user": ALICE, "skill": "language:fr", "level": 2},
        {"user": BOB, "skill": "skill-sales", "level": 3,
         "start": "2024-06-01T08:00:00Z", "end": "2025-01-01T01:59:59.500+02:00"},
    ]})
    before = writes(emulator)
    again = run_playbook(same)
    assert again.task("skills")["changed"] is False
    assert writes(emulator) == before

    update = task({"assignments": [{"user": ALICE, "skill": "skill-billing", "level": 5},
                                   {"user": BOB, "skill": "skill-sales", "level": 3, "end": "2025-06-30T00:00:00Z"}]})
    checked = run_playbook(update, check=True, diff=True)
    real = run_playbook(update, diff=True)
    assert real.task("skills")["result"]["updated"] == {ALICE: ["skill-billing"], BOB: ["skill-sales"]}
    assert real.task("skills")["result"]["diff"] == checked.task("skills")["result"]["diff"]
    assert skills_of(emulator, ALICE)["skill-billing"]["level"] == 5
    assert skills_of(emulator, BOB)["skill-sales"] == {   # start not given: kept
        "level": 3, "start": "2024-06-01T08:00:00.000Z", "end": "2025-06-30T00:00:00.000Z"}


def test_exclusive_and_absent(emulator, run_playbook):
    exclusive = task({"exclusive": True, "assignments": [
        {"user": BOB, "skill": "language:en", "level": 4},
        {"user": BOB, "skill": "skill-billing", "level": 2},
    ]})
    checked = run_playbook(exclusive, check=True, diff=True)
    assert writes(emulator) == 0
    real = run_playbook(exclusive, diff=True)
    result = real.task("skills")["result"]
    assert result["diff"] == checked.task("skills")["result"]["diff"]
    assert result["removed"] == {BOB: ["skill-support", "skill-technical"]}
    assert result["added"] == {BOB: ["skill-billing"]}
    assert set(skills_of(emulator, BOB)) == {"language:en", "skill-billing"}
    assert len(skills_of(emulator, ALICE)) == 2  # not listed, not touched

    absent = task({"state": "absent", "assignments": [
        {"user": ALICE, "skill": "skill-support", "level": 99},   # level ignored when removing
        {"user": ALICE, "skill": "skill-sales"},                  # not assigned: nothing to do
        {"user": BOB, "skill": "skill-billing"},
        {"user": "Ivan Petrov", "skill": "language:en"},        # his only skill: an empty set is written
    ]})
    checked = run_playbook(absent, check=True, diff=True)
    assert checked.task("skills")["changed"] is True
    assert writes(emulator) == 1
    real = run_playbook(absent, diff=True)
    assert real.task("skills")["result"]["removed"] == {ALICE: ["skill-support"], BOB: ["skill-billing"],
                                                        IVAN: ["language:en"]}
    assert {"user": IVAN, "user_id": user_id(emulator, IVAN), "skills": []} in real.task("skills")["result"]["users"]
    assert skills_of(emulator, IVAN) == {}
    assert real.task("skills")["result"]["diff"] == checked.task("skills")["result"]["diff"]
    assert set(skills_of(emulator, ALICE)) == {"language:en"}
    assert set(skills_of(emulator, BOB)) == {"language:en"}
    before = writes(emulator)
    assert run_playbook(absent).task("skills")["changed"] is False
    assert writes(emulator) == before


def test_queue_strategy_violations_all_listed(emulator, run_playbook):
    # Billing: skill-billing 3-5, language:en 2-5; skill-sales is not in its strategy.
    result = run_playbook(task({"queue": "Billing", "assignments": [
        {"user": DAVID, "skill": "skill-billing", "level": 2},
        {"user": ALICE, "skill": "skill-billing", "level": 4},
        {"user": EMMA, "skill": "language:en", "level": 1},
        {"user": CARLA, "skill": "skill-sales", "level": 1},
    ]}, ignore_errors=True))
    outcome = result.task("skills")
    message = outcome["result"]["msg"]
    assert outcome["failed"]
    assert "queue Billing" in message and "2 assignment(s)" in message
    assert "assignments[0]: user %s, skill skill-billing: level 2 is outside 3-5" % DAVID in message
    assert "assignments[2]: user %s, skill language:en: level 1 is outside 2-5" % EMMA in message
    assert "assignments[1]" not in message and "assignments[3]" not in message
    assert writes(emulator) == 0

    ok = run_playbook(task({"queue": "Billing", "assignments": [
        {"user": DAVID, "skill": "skill-billing", "level": 3},
        {"user": CARLA, "skill": "skill-sales", "level": 1}]}))
    assert ok.task("skills")["result"]["updated"] == {DAVID: ["skill-billing"]}


def test_bad_input_fails_before_any_write(emulator, run_playbook):
    cases = [
        ([{"user": ALICE, "skill": "skill-billing", "level": 0}], "assignments[0].level: 0 is below 1"),
        ([{"user": ALICE, "skill": "skill-billing", "level": 6}], "assignments[0].level: 6 is above 5"),
        ([{"user": ALICE, "skill": "skill-billing"}], "assignments[0].level: required with state=present"),
        ([{"user": ALICE, "skill": "skill-billing", "level": 3,
           "start": "2024-06-01T00:00:00Z", "end": "2024-06-01T01:00:00+02:00"}], "assignments[0].end"),
        ([{"user": ALICE, "skill": "skill-billing", "level": 3, "start": "2024-06-01"}], "assignments[0].start"),
        ([{"user": "nobody@acme.example", "skill": "skill-billing", "level": 3}], "assignments[0].user: no user"),
        ([{"user": ALICE, "skill": "skill-billing", "level": 3},
          {"user": BOB, "skill": "skill-nope", "level": 3}], "assignments[1].skill: no skill"),
        ([{"user": ALICE, "skill": "skill-billing", "level": 3},
          {"user": "Alice Johnson", "skill": "SKILL-BILLING", "level": 4}], "assignments[1]: user Alice Johnson"),
        ([], "assignments: the list is empty"),
        # Only end given: with Emma's current start (2024-01-01) it would end before it starts.
        ([{"user": EMMA, "skill": "skill-retention", "level": 2, "end": "2023-06-01T00:00:00Z"}],
         "assignments[0]: user %s, skill skill-retention would have end" % EMMA),
    ]
    tasks = [{"name": "bad %d" % i, "ignore_errors": True, "cxone.cxone.cxone_user_skill": {"assignments": args}}
             for i, (args, _m) in enumerate(cases)]
    result = run_playbook(tasks)
    for i, (_args, message) in enumerate(cases):
        outcome = result.task("bad %d" % i)
        assert outcome["failed"] and message in outcome["result"]["msg"], (message, outcome["result"].get("msg"))
    # Every problem of a task in one message.
    many = run_playbook(task({"assignments": [
        {"user": ALICE, "skill": "skill-billing", "level": 0},
        {"user": "nobody", "skill": "skill-billing", "level": 3}]}, ignore_errors=True))
    assert "assignments[0].level" in many.task("skills")["result"]["msg"]
    assert "assignments[1].user" in many.task("skills")["result"]["msg"]
    assert writes(emulator) == 0


def test_ambiguous_user_name(emulator, run_playbook):
    emulator.store.add_user(name="Bob Smith", email="bob.smith2@acme.example")
    result = run_playbook(task({"assignments": [{"user": "Bob Smith", "skill": "skill-billing", "level": 3}]},
                               ignore_errors=True))
    message = result.task("skills")["result"]["msg"]
    assert "assignments[0].user:" in message and "ambiguous" in message
    assert writes(emulator) == 0


def test_partial_failure_in_batch_then_rerun(emulator, run_playbook):
    """Each PUT in the batch is refused (403: the client may read but not write skills)."""
    tasks = task({"assignments": [{"user": ALICE, "skill": "skill-billing", "level": 3},
                                  {"user": BOB, "skill": "skill-billing", "level": 3}]}, ignore_errors=True)
    limited = {"CXONE_CLIENT_ID": "cxone-batch-limited", "CXONE_CLIENT_SECRET": "batch-secret-not-for-production"}
    outcome = run_playbook(tasks, extra_env=limited).task("skills")
    assert outcome["failed"]
    message = outcome["result"]["msg"]
    assert "2 change(s) not applied (update %s, update %s)" % (ALICE, BOB) in message
    assert "missing.scope" in message
    assert {f["user"] for f in outcome["result"]["failures"]} == {ALICE, BOB}
    assert outcome["result"]["added"] == {}
    assert "skill-billing" not in skills_of(emulator, ALICE)

    rerun = run_playbook(tasks).task("skills")
    assert rerun["result"]["added"] == {ALICE: ["skill-billing"], BOB: ["skill-billing"]}


def test_partial_failure_names_applied_users_then_rerun(emulator, run_playbook):
    """One user's PUT keeps failing: the others are applied and named; a rerun finishes.
    The client has no batch:write scope, so reads and writes also go call by call."""
    emulator.store.clients["cxone-nobatch"] = {"clientSecret": "nobatch-secret",
                                               "scopes": ["routing:queue:view", "routing:user:write"]}
    emulator.add_fault(kind="rate_limit", retry_after=0, times=-1,
                       match={"method": "PUT", "path": "/users/%s/skills$" % user_id(emulator, BOB)})
    tasks = task({"assignments": [{"user": u, "skill": "skill-retention", "level": 2} for u in (ALICE, BOB, CARLA)]},
                 ignore_errors=True)
    outcome = run_playbook(tasks, extra_env={"CXONE_CLIENT_ID": "cxone-nobatch",
                                             "CXONE_CLIENT_SECRET": "nobatch-secret"}).task("skills")
    assert outcome["failed"]
    message = outcome["result"]["msg"]
    assert "1 change(s) not applied (update %s)" % BOB in message
    assert "Applied: added: %s, %s" % (ALICE, CARLA) in message
    assert outcome["result"]["added"] == {ALICE: ["skill-retention"], CARLA: ["skill-retention"]}
    assert [f["user"] for f in outcome["result"]["failures"]] == [BOB]
    assert "skill-retention" not in skills_of(emulator, BOB)
    routes = emulator.stats()["by_route"]
    assert routes["POST /api/v2/batch"] == 1  # refused (403) once; then every read and write call by call
    # 3 users read, 3 written and read back, then 3 more tries of Bob alone, each read back.
    assert routes["GET /api/v2/users/{userId}/skills"] == 9

    emulator.clear_faults()
    rerun = run_playbook(tasks).task("skills")
    assert rerun["changed"] is True and rerun["result"]["added"] == {BOB: ["skill-retention"]}


def test_transient_chunk_failure_is_finished_in_the_same_run(emulator, run_playbook):
    emails = emulator.store.add_users(60, prefix="tr")
    # Batches: 2 reads, then write chunk 1, then write chunk 2 fails through all its retries.
    emulator.add_fault(kind="rate_limit", retry_after=0, after=3, times=7,
                       match={"method": "POST", "path": "/api/v2/batch$"})
    result = run_playbook(task({"assignments": [{"user": e, "skill": "skill-sales", "level": 2} for e in emails]}))
    assert result.rc == 0, result.stdout
    assert len(result.task("skills")["result"]["added"]) == 60
    assert all("skill-sales" in skills_of(emulator, e) for e in emails)
    assert emulator.fault_rules()[0]["fired"] == 7


def test_thousand_assignments_over_three_hundred_users(emulator, run_playbook):
    emails = emulator.store.add_users(300, prefix="sk")
    skills = sorted(s["name"] for s in emulator.store.skills.values())
    assignments = []
    for number, email in enumerate(emails):
        count = 4 if number < 100 else 3   # 100 x 4 + 200 x 3 = 1,000
        assignments.extend({"user": email, "skill": skills[(number + k) % len(skills)], "level": 1 + (number + k) % 5}
                           for k in range(count))
    assert len(assignments) == 1000
    tasks = task({"assignments": assignments})
    emulator.reset_stats()
    result = run_playbook(tasks)
    assert result.rc == 0, result.stdout
    added = result.task("skills")["result"]["added"]
    assert len(added) == 300 and sum(len(v) for v in added.values()) == 1000
    stats = emulator.stats()
    # token + 4 pages of users + skills + 6 batch reads + 6 batch writes + 6 batch re-reads
    assert stats["by_route"]["POST /api/v2/batch"] == 18, stats["by_route"]
    assert stats["write_requests"] == 6
    assert stats["requests"] <= 25, stats["by_route"]
    first = emails[0]
    assert skills_of(emulator, first) == {skills[k]: {"level": 1 + k, "start": None, "end": None} for k in range(4)}

    emulator.reset_stats()
    again = run_playbook(tasks)
    assert again.task("skills")["changed"] is False
    stats = emulator.stats()
    assert stats["write_requests"] == 0
    assert stats["by_route"]["POST /api/v2/batch"] == 6 and stats["requests"] <= 12, stats["by_route"]


def test_info_round_trip(emulator, run_playbook):
    info = run_playbook([{"name": "info", "cxone.cxone.cxone_user_skill_info": {"users": [EMMA, "Bob Smith", EMMA]}}])
    result = info.task("info")["result"]
    assert [u["user"] for u in result["users"]] == [BOB, EMMA]
    emma = result["users"][1]["skills"]
    assert {"skill": "skill-retention", "level": 2,
            "start": "2024-01-01T00:00:00.000Z", "end": "2024-12-31T23:59:59.000Z"} in emma
    assert {"skill": "language:en", "level": 3, "start": None, "end": None} in emma
    assert len(result["assignments"]) == 6 and {"user", "skill", "level", "start", "end"} == set(result["assignments"][0])

    feed_back = task({"exclusive": True, "assignments": "{{ found.assignments }}"})
    replay = run_playbook([{"name": "read", "register": "found",
                            "cxone.cxone.cxone_user_skill_info": {"users": [EMMA, BOB]}}] + feed_back)
    assert replay.task("skills")["changed"] is False
    assert writes(emulator) == 0

    everyone = run_playbook([{"name": "all", "cxone.cxone.cxone_user_skill_info": {}}]).task("all")["result"]
    assert len(everyone["users"]) == len(emulator.store.users)
    kevin = next(u for u in everyone["users"] if u["user"] == "kevin.obrien@acme.example")
    assert kevin["skills"] == []
