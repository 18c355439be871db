"""The list forms a whole-tenant declaration is applied with: per-entry state and exclusive in
``memberships``, per-code state in ``codes``, and ``schedules`` of several campaigns."""

from __future__ import annotations

CAMPAIGN = "Spring Renewal Outreach"


def writes(emulator):
    return emulator.stats()["write_requests"]


def members_of(emulator, name):
    qid = next(q["id"] for q in emulator.store.queues.values() if q["name"] == name)
    emails = {u["id"]: u["email"] for u in emulator.store.users.values()}
    return {emails[uid] for uid in emulator.store.members[qid]}


def test_memberships_entries_with_their_own_state_and_exclusive(emulator, run_playbook):
    support, billing = members_of(emulator, "Support"), members_of(emulator, "Billing")
    keep = sorted(support)[0]
    gone = sorted(billing)[0]
    memberships = [
        {"queue": "Support", "exclusive": True, "members": [{"user": keep}]},  # only this one stays
        {"queue": "Billing", "state": "absent", "members": [{"user": gone}]},  # this one goes
    ]
    task = [{"name": "members", "cxone.cxone.cxone_queue_member": {"memberships": memberships}}]
    checked = run_playbook(task, check=True, diff=True)
    assert writes(emulator) == 0
    real = run_playbook(task, diff=True)
    result = real.task("members")["result"]
    assert result["diff"] == checked.task("members")["result"]["diff"]
    assert members_of(emulator, "Support") == {keep}
    assert members_of(emulator, "Billing") == billing - {gone}
    assert sorted(result["removed"]) == sorted(["Support: %s" % e for e in support - {keep}] + ["Billing: %s" % gone])
    before = writes(emulator)
    assert run_playbook(task).task("members")["changed"] is False and writes(emulator) == before


def test_codes_entries_with_their_own_state(emulator, run_playbook):
    codes = [{"name": "Storm callback", "available": False}, {"name": "Resolved", "state": "absent"}]
    task = [{"name": "codes", "cxone.cxone.cxone_wrapup_code": {"codes": codes}}]
    checked = run_playbook(task, check=True, diff=True)
    real = run_playbook(task, diff=True)
    result = real.task("codes")["result"]
    assert result["added"] == ["Storm callback"] and result["removed"] == ["Resolved"]
    assert result["diff"] == checked.task("codes")["result"]["diff"]
    names = {c["name"] for c in emulator.store.wrapups.values()}
    assert "Storm callback" in names and "Resolved" not in names
    before = writes(emulator)
    assert run_playbook(task).task("codes")["changed"] is False and writes(emulator) == before


WINDOW = {"day": "MONDAY", "start": "17:00:00", "end": "20:00:00", "predictive_rate": 1.2}


def test_schedules_in_one_task(emulator, run_playbook):
    schedules = [
        {"campaign": CAMPAIGN, "name": "Evenings", "timezone": "America/New_York", "windows": [WINDOW]},
        {"campaign": CAMPAIGN, "name": "Weekday business hours", "status": "INACTIVE"},
    ]
    task = [{"name": "schedules", "cxone.cxone.cxone_campaign_schedule": {"schedules": schedules}}]
    checked = run_playbook(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert writes(emulator) == 0
    real = run_playbook(task, diff=True)
    result = real.task("schedules")["result"]
    assert result["added"] == ["%s / Evenings" % CAMPAIGN]
    assert result["updated"] == ["%s / Weekday business hours" % CAMPAIGN]
    assert result["diff"] == checked.task("schedules")["result"]["diff"]
    before = writes(emulator)
    assert run_playbook(task).task("schedules")["changed"] is False and writes(emulator) == before
    gone = [{"campaign": CAMPAIGN, "name": "Evenings", "state": "absent"}]
    removed = run_playbook([{"name": "schedules", "cxone.cxone.cxone_campaign_schedule": {"schedules": gone}}])
    assert removed.task("schedules")["result"]["removed"] == ["%s / Evenings" % CAMPAIGN]


def test_schedules_bad_entries_refused_before_any_write(emulator, run_playbook):
    schedules = [
        {"campaign": CAMPAIGN, "name": "Evenings", "timezone": "America/New_York", "windows": [WINDOW]},
        {"campaign": CAMPAIGN, "name": "Late", "windows": [dict(WINDOW, end="16:00:00")]},
    ]
    run = run_playbook([{"name": "schedules", "cxone.cxone.cxone_campaign_schedule": {"schedules": schedules}}])
    msg = run.task("schedules")["result"]["msg"]
    assert "schedules[1].windows[0].end: 16:00:00 is not after start 17:00:00" in msg, msg
    assert writes(emulator) == 0
