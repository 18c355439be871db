"""cxone_wrapup_code and cxone_wrapup_code_info against the emulator."""

from __future__ import annotations


def writes(emulator):
    return emulator.stats()["write_requests"]


def code_named(emulator, name):
    found = [c for c in emulator.store.wrapups.values() if c["name"] == name]
    return found[0] if found else None


def test_lifecycle(emulator, run_playbook):
    create = [{"name": "code",
               "cxone.cxone.cxone_wrapup_code": {"name": "Storm callback", "available": False, "wrap_up_type": "CALL"}}]
    checked = run_playbook(create, check=True, diff=True)
    assert checked.task("code")["changed"] is True
    assert writes(emulator) == 0

    real = run_playbook(create, diff=True)
    assert real.task("code")["changed"] is True
    assert real.task("code")["result"]["diff"] == checked.task("code")["result"]["diff"]
    assert code_named(emulator, "Storm callback")["routingType"] == "ROUTED"

    before = writes(emulator)
    assert run_playbook(create).task("code")["changed"] is False
    assert writes(emulator) == before

    toggle = [{"name": "code", "cxone.cxone.cxone_wrapup_code": {"name": "storm CALLBACK", "available": True}}]
    checked = run_playbook(toggle, check=True, diff=True)
    assert checked.task("code")["result"]["diff"]["after"]["available"] is True
    assert code_named(emulator, "Storm callback")["available"] is False
    assert run_playbook(toggle).task("code")["changed"] is True
    assert code_named(emulator, "Storm callback")["available"] is True
    assert code_named(emulator, "Storm callback")["wrapUpType"] == "CALL"

    delete = [{"name": "code", "cxone.cxone.cxone_wrapup_code": {"name": "Storm callback", "state": "absent"}}]
    assert run_playbook(delete, check=True).task("code")["changed"] is True
    assert code_named(emulator, "Storm callback") is not None
    assert run_playbook(delete).task("code")["changed"] is True
    assert code_named(emulator, "Storm callback") is None
    assert run_playbook(delete).task("code")["changed"] is False


def test_bad_input_and_info(emulator, run_playbook):
    result = run_playbook([
        {"name": "bad type", "ignore_errors": True,
         "cxone.cxone.cxone_wrapup_code": {"name": "X", "wrap_up_type": "FAX"}},
        {"name": "no name", "ignore_errors": True, "cxone.cxone.cxone_wrapup_code": {"available": True}},
        {"name": "bad id", "ignore_errors": True, "cxone.cxone.cxone_wrapup_code": {"id": "f" * 32, "available": True}},
        {"name": "info", "cxone.cxone.cxone_wrapup_code_info": {"name": "peak hold callback"}},
    ])
    assert "wrap_up_type" in result.task("bad type")["result"]["msg"]
    assert "one of the following is required: name, id" in result.task("no name")["result"]["msg"]
    assert "id: no wrap-up code has the id" in result.task("bad id")["result"]["msg"]
    assert writes(emulator) == 0
    (code,) = result.task("info")["result"]["wrapup_codes"]
    assert code["name"] == "Peak Hold Callback" and set(code) == {"id", "name", "available", "routing_type", "wrap_up_type"}


# ---- several codes in one task (codes) ----------------------------------------------------------

PEAK_CODES = [{"name": "peak hold CALLBACK"},                       # in the seed (unavailable), other spelling
              {"name": "Storm callback", "wrap_up_type": "CALL"},  # missing: created
              {"name": "Surge survey", "available": False}]         # the entry's own value wins


def codes_task(state="present", available=True, codes=None):
    options = {"codes": codes or PEAK_CODES, "state": state}
    if state == "present":
        options["available"] = available
    return [{"name": "codes", "cxone.cxone.cxone_wrapup_code": options}]


def test_several_codes_in_one_task(emulator, run_playbook):
    checked = run_playbook(codes_task(), check=True, diff=True)
    assert writes(emulator) == 0
    predicted = checked.task("codes")["result"]
    assert predicted["changed"] is True
    assert predicted["added"] == ["Storm callback", "Surge survey"] and predicted["updated"] == ["Peak Hold Callback"]

    emulator.reset_stats()
    real = run_playbook(codes_task(), diff=True)
    result = real.task("codes")["result"]
    assert result["changed"] is True and result["diff"] == predicted["diff"]
    # One listing, and one batch for the three writes (the token is the check run's, cached).
    assert emulator.stats()["by_route"] == {"GET /api/v2/routing/wrap-up-codes": 1, "POST /api/v2/batch": 1}, \
        emulator.stats()["by_route"]
    assert result["wrapup_codes"] == predicted["wrapup_codes"]
    assert [c["name"] for c in result["wrapup_codes"]] == ["Peak Hold Callback", "Storm callback", "Surge survey"]
    assert code_named(emulator, "Peak Hold Callback")["available"] is True  # the tenant's spelling kept
    assert code_named(emulator, "Storm callback")["wrapUpType"] == "CALL"
    assert code_named(emulator, "Surge survey")["available"] is False
    assert len(emulator.store.wrapups) == 9  # 7 seeded + 2 created; nothing else touched

    before = writes(emulator)
    again = run_playbook(codes_task(), check=True)
    assert again.task("codes")["changed"] is False
    again = run_playbook(codes_task())
    assert again.task("codes")["changed"] is False and writes(emulator) == before

    # Off: the shared option flips every code that does not set its own.
    off = run_playbook(codes_task(available=False), diff=True).task("codes")["result"]
    assert off["updated"] == ["Peak Hold Callback", "Storm callback"] and off["added"] == []
    assert code_named(emulator, "Storm callback")["available"] is False

    gone = run_playbook(codes_task(state="absent", codes=[{"name": "storm callback"}, {"name": "Never there"}]))
    assert gone.task("codes")["result"]["removed"] == ["Storm callback"]
    assert code_named(emulator, "Storm callback") is None
    assert run_playbook(codes_task(state="absent", codes=[{"name": "Storm callback"}])).task("codes")["changed"] is False


def test_several_codes_failing_writes_say_what_was_not_applied(emulator, run_playbook):
    # The batch endpoint keeps failing (the client retries each batch it may resend, then gives up).
    emulator.add_fault(kind="status", status=503, times=-1, match={"method": "POST", "path": "^/api/v2/batch$"})
    run = run_playbook([dict(codes_task()[0], ignore_errors=True)])
    emulator.clear_faults()
    result = run.task("codes")["result"]
    assert run.task("codes")["failed"]
    assert ("wrap-up codes: 3 change(s) not applied (update Peak Hold Callback, add Storm callback, add Surge survey)"
            in result["msg"]), result["msg"]
    assert "Applied: added: none; updated: none; removed: none" in result["msg"] and "503" in result["msg"]
    assert "Run the task again" in result["msg"]
    assert {f["code"] for f in result["failures"]} == {"Storm callback", "Surge survey", "Peak Hold Callback"}
    assert emulator.stats()["writes_applied"] == 0
    rerun = run_playbook(codes_task()).task("codes")["result"]
    assert rerun["added"] == ["Storm callback", "Surge survey"] and rerun["updated"] == ["Peak Hold Callback"]


def test_several_codes_bad_input(emulator, run_playbook):
    result = run_playbook([
        {"name": "twice", "ignore_errors": True, "cxone.cxone.cxone_wrapup_code": {
            "codes": [{"name": "Storm callback"}, {"name": "STORM callback"}]}},
        {"name": "empty", "ignore_errors": True, "cxone.cxone.cxone_wrapup_code": {"codes": []}},
        {"name": "both", "ignore_errors": True, "cxone.cxone.cxone_wrapup_code": {"name": "X", "codes": [{"name": "Y"}]}},
        {"name": "bad type", "ignore_errors": True, "cxone.cxone.cxone_wrapup_code": {
            "codes": [{"name": "Y", "wrap_up_type": "FAX"}]}},
        {"name": "blank", "ignore_errors": True, "cxone.cxone.cxone_wrapup_code": {"codes": [{"name": "A"}, {"name": ""}]}},
    ])
    msg = {name: result.task(name)["result"]["msg"] for name in ("twice", "empty", "both", "bad type", "blank")}
    assert "codes[1].name: 'STORM callback' is listed more than once" in msg["twice"]
    assert "codes: the list is empty" in msg["empty"]
    assert "mutually exclusive: name|codes" in msg["both"]
    assert "codes" in msg["bad type"] and "wrap_up_type" in msg["bad type"]
    assert "codes[1].name" in msg["blank"]
    assert writes(emulator) == 0
