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
