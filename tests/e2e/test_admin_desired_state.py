"""The export, desired-state and drift-check playbooks on api=admin: the export holds only
what the real CXone API manages, applying it to the same tenant changes nothing, a round
trip through an empty tenant gives the same export, and a drift check finds an edit field
by field without writing."""

from __future__ import annotations

import json

import pytest
import yaml
from playbook_run import ansible_env, run_shipped

from cxone_emulator import DEFAULT_SEED, load_seed

pytestmark = pytest.mark.usefixtures("emulator")


@pytest.fixture
def shipped(emulator, admin_reading, token_cache_dir, tmp_path):
    def run(playbook, *extra_vars, args=()):
        env = ansible_env(emulator.base_url, token_cache_dir, api="admin")
        env.update({"ANSIBLE_CALLBACKS_ENABLED": "cxone.cxone.drift_report",
                    "CXONE_DRIFT_REPORT_DIR": str(tmp_path / "report"), "CXONE_DRIFT_REPORT_FORMATS": "json"})
        return run_shipped(env, playbook, *extra_vars, args=args)

    return run


def export(shipped, dest, *extra_vars):
    result = shipped("export.yml", {"cxone_export_dest": str(dest)}, *extra_vars)
    assert result.rc == 0, result.stdout[-3000:]
    return dest.read_text()


def converge(shipped, path, playbook="desired_state.yml", as_file=False):
    """``playbook`` with the declaration at ``path``: as extra vars (``-e @path``), or read as
    data (``-e cxone_desired_state_file=path``, as the docs say to run a whole tenant)."""
    result = shipped(playbook, "cxone_desired_state_file=%s" % path if as_file else "@%s" % path)
    assert result.rc == 0, [t["result"].get("msg") for t in result.tasks if t["failed"]] or result.stdout[-3000:]
    return result


def test_export_holds_what_the_admin_api_manages_and_applies_without_a_change(emulator, shipped, tmp_path):
    text = export(shipped, tmp_path / "acme.yml")
    data = yaml.safe_load(text)
    assert list(data) == ["cxone_queues", "cxone_queue_members", "cxone_wrapup_codes", "cxone_unavailable_codes",
                          "cxone_hours_of_operation", "cxone_campaign_schedules"]
    # Each skill assignment once: as a queue's member, not again as the agent's skill.
    (hours,) = data["cxone_hours_of_operation"]
    assert hours["queues"] == ["Billing", "Support"] and {"day": "SUNDAY", "closed": True} in hours["days"]
    assert {"name": "Lunch", "active": True, "acw": False} in data["cxone_unavailable_codes"]
    # No option the admin surface would refuse, no ids.
    keys = {key for queue in data["cxone_queues"] for key in queue}
    keys |= {key for entry in data["cxone_queue_members"] for member in entry["members"] for key in member}
    keys |= {key for code in data["cxone_wrapup_codes"] for key in code}
    keys |= {key for schedule in data["cxone_campaign_schedules"] for key in schedule}
    assert not keys & {"skill_requirements", "overflow", "max_wait_time", "max_waiters", "routing_type", "split",
                       "after_hours_available", "start", "end", "wrap_up_type", "id", "timezone",
                       "blackout_periods", "compliance"}
    # A campaign schedule is the dialing hours of an outbound skill: one window a weekday, no caps.
    assert data["cxone_campaign_schedules"] == [{
        "campaign": "Spring Renewal Outreach", "name": "Weekday business hours", "status": "ACTIVE",
        "windows": [{"day": "MONDAY", "start": "09:00:00", "end": "17:00:00"},
                    {"day": "WEDNESDAY", "start": "09:00:00", "end": "17:00:00"}]}]
    billing = next(q for q in data["cxone_queues"] if q["name"] == "Billing")
    assert billing["campaign"] == "Customer Care" and billing["media_type"] == "phone"
    members = next(m for m in data["cxone_queue_members"] if m["queue"] == "Billing")
    assert members["exclusive"] is False and {m["proficiency"] for m in members["members"]} == {5}
    assert emulator.stats()["write_requests"] == 0

    assert converge(shipped, tmp_path / "acme.yml").changed == 0
    checked = converge(shipped, tmp_path / "acme.yml", "drift_check.yml")
    assert checked.changed == 0
    assert emulator.stats()["write_requests"] == 0


def test_round_trip_through_an_empty_admin_tenant(emulator, shipped, tmp_path):
    first = export(shipped, tmp_path / "first.yml")
    seed = load_seed()
    for key in ("queues", "wrapUpCodes", "reasonCodes"):
        seed.pop(key)
    seed["admin"] = {"hoursOfOperation": []}
    for user in seed["users"]:
        user.pop("skills", None)
    emulator.reset(seed=seed)
    try:
        assert converge(shipped, tmp_path / "first.yml").changed > 0
        second = export(shipped, tmp_path / "second.yml")
        assert second == first
        before = emulator.stats()["write_requests"]
        assert converge(shipped, tmp_path / "second.yml").changed == 0
        assert emulator.stats()["write_requests"] == before
    finally:
        emulator.reset(seed=DEFAULT_SEED)


def test_drift_check_finds_edits_field_by_field_and_writes_nothing(emulator, shipped, tmp_path):
    export(shipped, tmp_path / "acme.yml")
    store = emulator.admin_store
    billing = next(s for s in store.skills.values() if s["skillName"] == "Billing")
    billing["serviceLevelGoal"] = 70
    (skill_id, agent_id) = next(key for key in store.assignments if key[0] == billing["skillId"])
    store.assignments[(skill_id, agent_id)]["proficiency"] = 9
    escalated = next(d for d in store.dispositions.values() if d["dispositionName"] == "Escalated")
    escalated["isActive"] = False
    writes = emulator.stats()["write_requests"]

    checked = converge(shipped, tmp_path / "acme.yml", "drift_check.yml", as_file=True)
    agent = store.agents[agent_id]["emailAddress"]
    assert checked.changed == 3
    assert emulator.stats()["write_requests"] == writes
    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    drifted = {o["label"]: o for o in report["objects"] if o["status"] == "drifted"}
    assert set(drifted) == {"queue Billing", "members of queue Billing", "wrap-up code Escalated"}
    assert drifted["queue Billing"]["changes"] == [{"field": "service_level.threshold", "live": 70, "declared": 85}]
    assert drifted["wrap-up code Escalated"]["changes"] == [{"field": "available", "live": False, "declared": True}]
    # The proficiency, once: as the member of the skill, named by the agent.
    assert drifted["members of queue Billing"]["changes"] == [
        {"field": "members[%s].proficiency" % agent, "live": 9, "declared": 5}]
    # The report's converge command reads the same file the same way.
    assert report["next_steps"]["command"].endswith(
        "desired_state.yml -i localhost, -e cxone_desired_state_file=%s" % (tmp_path / "acme.yml"))

    converged = converge(shipped, tmp_path / "acme.yml", as_file=True)
    assert converged.changed == 3
    assert billing["serviceLevelGoal"] == 85 and escalated["isActive"] is True
    assert store.assignments[(skill_id, agent_id)]["proficiency"] == 5
    assert converge(shipped, tmp_path / "acme.yml", "drift_check.yml", as_file=True).changed == 0


def test_drift_check_lists_what_nobody_declared(emulator, shipped, tmp_path):
    """cxone_report_unmanaged on admin: a declaration of part of the tenant; the report lists
    the rest of the declared kinds, and only those kinds."""
    data = yaml.safe_load(export(shipped, tmp_path / "acme.yml"))
    part = {"cxone_queues": [q for q in data["cxone_queues"] if q["name"] == "Billing"],
            "cxone_wrapup_codes": data["cxone_wrapup_codes"][1:]}
    (tmp_path / "part.yml").write_text(yaml.safe_dump(part))
    writes = emulator.stats()["write_requests"]
    checked = shipped("drift_check.yml", "@%s" % (tmp_path / "part.yml"), {"cxone_report_unmanaged": True})
    assert checked.rc == 0, checked.stdout[-3000:]
    assert emulator.stats()["write_requests"] == writes
    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    expected = ([{"host": "localhost", "kind": "queue", "name": q["name"]} for q in data["cxone_queues"]
                 if q["name"] != "Billing"]
                + [{"host": "localhost", "kind": "wrap-up code", "name": data["cxone_wrapup_codes"][0]["name"]}])
    assert sorted(report["unmanaged"], key=str) == sorted(expected, key=str)
    assert report["summary"]["drifted"] == 0


def test_the_agents_view_of_assignments_on_request(emulator, shipped, tmp_path):
    """user_skills asked for: the same assignments from the agent's side, applied without a change."""
    text = export(shipped, tmp_path / "skills.yml", {"cxone_export_sections": ["user_skills"]})
    data = yaml.safe_load(text)
    assert list(data) == ["cxone_user_skills"]
    items = [item for entry in data["cxone_user_skills"] for item in entry["assignments"]]
    assert len(items) == len(emulator.admin_store.assignments)
    assert {key for item in items for key in item} <= {"user", "skill", "level", "active"}
    assert converge(shipped, tmp_path / "skills.yml").changed == 0


def test_an_agent_assigned_by_hand_stays_unless_the_export_was_exclusive(emulator, shipped, tmp_path):
    """The export's default lists are additive: a converge never removes an agent someone
    assigned after the export. Exported exclusive, the drift check reports that agent, its
    "What next" says the converge would remove them, and the converge prints what it removed."""
    store = emulator.admin_store
    billing = next(s["skillId"] for s in store.skills.values() if s["skillName"] == "Billing")
    stranger = next(a for a in store.agents.values() if (billing, a["agentId"]) not in store.assignments)
    export(shipped, tmp_path / "additive.yml")
    export(shipped, tmp_path / "exclusive.yml", {"cxone_export_exclusive": True})
    store.assignments[(billing, stranger["agentId"])] = {"proficiency": 4, "isActive": True,
                                                         "lastUpdateTime": "2026-01-01T00:00:00Z"}
    assert converge(shipped, tmp_path / "additive.yml", "drift_check.yml", as_file=True).changed == 0
    assert converge(shipped, tmp_path / "additive.yml", as_file=True).changed == 0
    assert (billing, stranger["agentId"]) in store.assignments

    checked = converge(shipped, tmp_path / "exclusive.yml", "drift_check.yml", as_file=True)
    assert checked.changed == 1
    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    assert report["next_steps"]["removes"] == [
        "members of queue Billing: members %s" % stranger["emailAddress"]]
    assert "would also remove what the declaration does not list" in report["next_steps"]["converge"]
    converged = converge(shipped, tmp_path / "exclusive.yml", as_file=True)
    summary = next(t for t in converged.tasks if t["name"].startswith("Say what the run added"))["result"]["msg"]
    assert summary == ["queue members: 0 added, 0 changed, 1 removed (Billing: %s)" % stranger["emailAddress"]]
    assert (billing, stranger["agentId"]) not in store.assignments
