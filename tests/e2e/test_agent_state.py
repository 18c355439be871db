"""cxone_agent_state and cxone_agent_state_info through real ansible-playbook runs against the emulator."""

from __future__ import annotations

STATE_POST = "POST /api/v2/users/{userId}/state"
STATE_GET = "GET /api/v2/users/{userId}/state"
SHIFT_GET = "GET /api/v2/schedules/users/{userId}"
BREAK_GET = "GET /api/v2/breaks/users/{userId}/status"


def writes(emulator):
    return emulator.stats()["write_requests"]


def calls(emulator, route):
    return emulator.stats()["by_route"].get(route, 0)


def stored_state(emulator, email):
    user = emulator.store.users_by_email()[email]
    state = emulator.store.get_state(user["id"])
    return state["state"], state["reasonCode"]


def task(args, name="agent", **extra):
    return [dict({"name": name, "cxone.cxone.cxone_agent_state": args}, **extra)]


def test_change_converge_check_diff(emulator, run_playbook):
    tasks = task({"user": "Alice Johnson", "state": "PAUSED"})
    checked = run_playbook(tasks, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("agent")["changed"] is True
    assert writes(emulator) == 0
    predicted = checked.task("agent")["result"]
    assert predicted["agent_state"]["state"] == "PAUSED" and predicted["agent_state"]["since"] is None

    real = run_playbook(tasks, diff=True)
    result = real.task("agent")["result"]
    assert real.task("agent")["changed"] is True
    assert result["diff"] == {"before": {"state": "READY", "reason_code": "WORKING"},
                              "after": {"state": "PAUSED", "reason_code": "ADHOC"}}
    assert result["diff"] == predicted["diff"]
    state = result["agent_state"]
    assert state["user"] == "alice.johnson@acme.example" and state["reason_code"] == "ADHOC"
    assert state["since"] and 0 <= state["seconds_in_state"] < 600
    assert stored_state(emulator, "alice.johnson@acme.example") == ("PAUSED", "ADHOC")
    assert writes(emulator) == 1

    # Already there: no write (the tenant would audit even a same-state POST) and no compliance reads.
    emulator.reset_stats()
    again = run_playbook(tasks, diff=True)
    assert again.task("agent")["changed"] is False
    assert again.task("agent")["result"]["diff"]["before"] == again.task("agent")["result"]["diff"]["after"]
    assert writes(emulator) == 0
    assert calls(emulator, STATE_GET) == 1 and calls(emulator, SHIFT_GET) == 0 and calls(emulator, BREAK_GET) == 0
    assert run_playbook(tasks, check=True).task("agent")["changed"] is False


def test_reason_code_alone_is_a_change_and_defaults_follow_the_state(emulator, run_playbook):
    result = run_playbook([
        {"name": "lunch", "cxone.cxone.cxone_agent_state": {"user": "bob.smith@acme.example", "state": "NOT_READY",
                                                            "reason_code": "LUNCH"}},
        {"name": "default", "cxone.cxone.cxone_agent_state": {"user": "bob.smith@acme.example", "state": "NOT_READY"}},
        {"name": "default again", "cxone.cxone.cxone_agent_state": {"user": "bob.smith@acme.example",
                                                                    "state": "NOT_READY"}},
    ], diff=True)
    assert result.rc == 0, result.stdout
    lunch = result.task("lunch")
    assert lunch["changed"] is True
    assert lunch["result"]["diff"] == {"before": {"state": "NOT_READY", "reason_code": "BREAK"},
                                       "after": {"state": "NOT_READY", "reason_code": "LUNCH"}}
    # No reason_code means the state's standard one, so LUNCH goes back to BREAK.
    assert result.task("default")["changed"] is True
    assert result.task("default")["result"]["agent_state"]["reason_code"] == "BREAK"
    assert result.task("default again")["changed"] is False
    assert stored_state(emulator, "bob.smith@acme.example") == ("NOT_READY", "BREAK")


def test_default_reason_of_each_state(emulator, run_playbook):
    steps = [("NOT_READY", "BREAK"), ("PAUSED", "ADHOC"), ("IDLE", "SYSTEM_IDLE"), ("READY", "WORKING")]
    result = run_playbook([
        {"name": state, "cxone.cxone.cxone_agent_state": {"user": "carla.gomez@acme.example", "state": state}}
        for state, _reason in steps
    ])
    assert result.rc == 0, result.stdout
    for state, reason in steps:
        shown = result.task(state)["result"]["agent_state"]
        assert result.task(state)["changed"] is True
        assert (shown["state"], shown["reason_code"]) == (state, reason)
    assert stored_state(emulator, "carla.gomez@acme.example") == ("READY", "WORKING")


def test_not_scheduled_agent_fails_before_any_write(emulator, run_playbook):
    tasks = task({"user": "George Miller", "state": "READY"}, ignore_errors=True)
    for check in (True, False):  # a check run predicts the failure
        result = run_playbook(tasks, check=check)
        failed = result.task("agent")
        assert failed["failed"], failed
        msg = failed["result"]["msg"]
        assert msg.startswith("AGENT_NOT_SCHEDULED: George Miller <george.miller@acme.example> cannot be set to READY")
        assert "INACTIVE" in msg
        assert failed["result"]["violation"] == "AGENT_NOT_SCHEDULED"
        assert failed["result"]["checked_by"] == "module"
    assert writes(emulator) == 0
    assert stored_state(emulator, "george.miller@acme.example") == ("NOT_READY", "TRAINING")


def test_mandatory_break_blocks_ready_only(emulator, run_playbook):
    result = run_playbook(task({"user": "hana.sato@acme.example", "state": "READY"}, ignore_errors=True),
                          check=True)
    assert result.task("agent")["failed"]
    assert result.task("agent")["result"]["msg"].startswith("MANDATORY_BREAK_VIOLATION: Hana Sato")
    result = run_playbook(task({"user": "hana.sato@acme.example", "state": "READY"}, ignore_errors=True))
    failed = result.task("agent")
    assert failed["failed"]
    assert failed["result"]["violation"] == "MANDATORY_BREAK_VIOLATION"
    assert "break window" in failed["result"]["msg"]
    assert writes(emulator) == 0

    fine = run_playbook(task({"user": "hana.sato@acme.example", "state": "NOT_READY"}))
    assert fine.rc == 0, fine.stdout
    assert fine.task("agent")["changed"] is True
    assert stored_state(emulator, "hana.sato@acme.example") == ("NOT_READY", "BREAK")


def test_break_ends_then_ready_is_allowed(emulator, run_playbook):
    hana = emulator.store.users_by_email()["hana.sato@acme.example"]["id"]
    emulator.store.set_break(hana, required=False)
    result = run_playbook(task({"user": "hana.sato@acme.example", "state": "READY"}))
    assert result.task("agent")["changed"] is True
    assert stored_state(emulator, "hana.sato@acme.example") == ("READY", "WORKING")


def test_without_compliance_the_tenant_refusal_is_the_same_clear_error(emulator, run_playbook):
    result = run_playbook([
        {"name": "george", "cxone.cxone.cxone_agent_state": {"user": "George Miller", "state": "PAUSED",
                                                             "enforce_compliance": False},
         "ignore_errors": True},
        {"name": "hana", "cxone.cxone.cxone_agent_state": {"user": "Hana Sato", "state": "READY",
                                                           "enforce_compliance": False},
         "ignore_errors": True},
    ])
    george = result.task("george")["result"]
    assert george["msg"].startswith("AGENT_NOT_SCHEDULED: George Miller <george.miller@acme.example> "
                                    "cannot be set to PAUSED")
    assert "409 policy.violation" in george["msg"]
    assert (george["violation"], george["checked_by"]) == ("AGENT_NOT_SCHEDULED", "tenant")
    hana = result.task("hana")["result"]
    assert hana["msg"].startswith("MANDATORY_BREAK_VIOLATION: Hana Sato")
    assert hana["violation"] == "MANDATORY_BREAK_VIOLATION"
    stats = emulator.stats()
    # Each task sent its one write, which the tenant refused; nothing was applied.
    assert stats["write_requests"] == 2 and stats["writes_applied"] == 0
    # The write came first: no compliance reads before it.
    log = [(r["method"], r["path_template"]) for r in emulator.requests]
    first_post = log.index(("POST", "/api/v2/users/{userId}/state"))
    assert not [entry for entry in log[:first_post] if entry[1] in ("/api/v2/schedules/users/{userId}",
                                                                    "/api/v2/breaks/users/{userId}/status")]


def test_server_error_on_the_write_is_not_a_violation_and_not_resent(emulator, run_playbook):
    emulator.add_fault(kind="status", status=503, match={"method": "POST", "path": "/state"})
    result = run_playbook(task({"user": "Alice Johnson", "state": "NOT_READY"}, ignore_errors=True))
    failed = result.task("agent")
    assert failed["failed"]
    msg = failed["result"]["msg"]
    assert "503" in msg and "service.unavailable" in msg and "not applied" in msg
    assert "VIOLATION" not in msg and "violation" not in failed["result"]
    assert failed["result"]["status"] == 503
    # Sent once, then the state was read again to see whether it took effect.
    assert calls(emulator, STATE_POST) == 1 and calls(emulator, STATE_GET) == 2
    assert stored_state(emulator, "alice.johnson@acme.example") == ("READY", "WORKING")
    # Running it again finishes the job.
    assert run_playbook(task({"user": "Alice Johnson", "state": "NOT_READY"})).task("agent")["changed"] is True
    assert stored_state(emulator, "alice.johnson@acme.example") == ("NOT_READY", "BREAK")


def test_connection_cut_after_the_write_was_applied_is_a_success(emulator, run_playbook):
    emulator.add_fault(kind="drop", when="after", match={"method": "POST", "path": "/state"})
    result = run_playbook(task({"user": "Alice Johnson", "state": "IDLE"}))
    assert result.rc == 0, result.stdout
    assert result.task("agent")["changed"] is True
    assert result.task("agent")["result"]["agent_state"]["state"] == "IDLE"
    assert calls(emulator, STATE_POST) == 1
    assert emulator.stats()["writes_applied"] == 1


def test_missing_scope_is_named(emulator, run_playbook):
    result = run_playbook(task({"user": "Alice Johnson", "state": "PAUSED"}, ignore_errors=True),
                          extra_env={"CXONE_CLIENT_ID": "cxone-readonly",
                                     "CXONE_CLIENT_SECRET": "readonly-secret-not-for-production"})
    failed = result.task("agent")
    assert failed["failed"]
    assert failed["result"]["status"] == 403 and "users:state:view" in failed["result"]["msg"]
    assert writes(emulator) == 0


BAD_INPUTS = [
    ({"user": "nobody@acme.example", "state": "READY"}, "user: no user has the id or email or name 'nobody@acme.example'"),
    ({"user": "Alice Johnson", "state": "AWAY"}, "value of state must be one of: READY, NOT_READY, PAUSED, IDLE"),
    ({"user": "Alice Johnson", "state": "PAUSED", "reason_code": " "}, "reason_code: must not be empty"),
    ({"user": "", "state": "PAUSED"}, "user:"),
    ({"user": "Alice Johnson", "state": "PAUSED", "enforce_compliance": "maybe"}, "enforce_compliance"),
]


def test_bad_input_fails_before_any_write(emulator, run_playbook):
    tasks = [{"name": "bad %d" % i, "cxone.cxone.cxone_agent_state": args, "ignore_errors": True}
             for i, (args, _msg) in enumerate(BAD_INPUTS)]
    result = run_playbook(tasks)
    for i, (_args, message) in enumerate(BAD_INPUTS):
        failed = result.task("bad %d" % i)
        assert failed["failed"], failed
        assert message in failed["result"]["msg"], (message, failed["result"]["msg"])
    assert writes(emulator) == 0


def test_unknown_reason_code_is_the_tenant_answer_naming_the_option(emulator, run_playbook):
    result = run_playbook(task({"user": "Alice Johnson", "state": "NOT_READY", "reason_code": "COFFEE"},
                               ignore_errors=True))
    failed = result.task("agent")
    assert failed["failed"]
    assert failed["result"]["msg"].startswith("reason_code: the tenant does not accept 'COFFEE'")
    assert "LUNCH" in failed["result"]["msg"]  # the tenant's answer lists its codes
    assert emulator.stats()["writes_applied"] == 0
    assert calls(emulator, STATE_POST) == 1  # a 400 is not retried


def test_info_idle_summary_in_one_batch(emulator, run_playbook):
    users = ["alice.johnson@acme.example", "Bob Smith", "emma.brown@acme.example", "Farah Khan",
             "laura.chen@acme.example", "bob.smith@acme.example"]
    result = run_playbook([{"name": "info", "cxone.cxone.cxone_agent_state_info": {"users": users}}])
    assert result.rc == 0, result.stdout
    out = result.task("info")["result"]
    assert [a["user"] for a in out["agents"]] == ["alice.johnson@acme.example", "bob.smith@acme.example",
                                                  "emma.brown@acme.example", "farah.khan@acme.example",
                                                  "laura.chen@acme.example"]
    bob = out["agents"][1]
    assert (bob["state"], bob["reason_code"], bob["name"]) == ("NOT_READY", "BREAK", "Bob Smith")
    assert bob["since"] and bob["seconds_in_state"] > 0
    assert out["summary"] == {
        "total": 5,
        "by_state": {"READY": 1, "NOT_READY": 2, "PAUSED": 1, "IDLE": 1},
        "idle": 4,
        "idle_users": ["bob.smith@acme.example", "emma.brown@acme.example", "farah.khan@acme.example",
                       "laura.chen@acme.example"],
    }
    # One batch of GETs, no GET per user, and no write.
    assert calls(emulator, "POST /api/v2/batch") == 1 and calls(emulator, STATE_GET) == 0
    assert writes(emulator) == 0


def test_info_defaults_to_active_users_and_feeds_back(emulator, run_playbook):
    result = run_playbook([{"name": "all", "cxone.cxone.cxone_agent_state_info": {}},
                           {"name": "one", "cxone.cxone.cxone_agent_state_info": {"users": ["Hana Sato"]}}])
    assert result.rc == 0, result.stdout
    everyone = result.task("all")["result"]
    emails = [a["user"] for a in everyone["agents"]]
    assert len(emails) == 10 and "ivan.petrov@acme.example" not in emails  # inactive users left out
    assert everyone["summary"]["idle"] == len(everyone["summary"]["idle_users"]) == 6
    assert calls(emulator, STATE_GET) == 1  # the single user: a plain GET
    (hana,) = result.task("one")["result"]["agents"]
    args = {key: hana[key] for key in ("user", "state", "reason_code")}
    again = run_playbook(task(args))
    assert again.task("agent")["changed"] is False
    assert writes(emulator) == 0


def test_info_without_batch_scope_reads_one_by_one_and_names_missing_scope(emulator, run_playbook):
    result = run_playbook([{"name": "info", "cxone.cxone.cxone_agent_state_info": {
        "users": ["Alice Johnson", "Bob Smith"]}, "ignore_errors": True}],
        extra_env={"CXONE_CLIENT_ID": "cxone-batch-limited",
                   "CXONE_CLIENT_SECRET": "batch-secret-not-for-production"})
    failed = result.task("info")
    # The batch ran, each operation got 403; the plain GET then reports the scope.
    assert failed["failed"]
    assert failed["result"]["status"] == 403 and "users:state:view" in failed["result"]["msg"]
