"""docs/api/admin.md's table of requests is the list of what the admin surface sends: every
request the admin scenario (scenarios.ADMIN_TASKS) and the other admin jobs below send, under
both readings of the API, is a row of it, and every row is sent under at least one reading."""

from __future__ import annotations

import re
from pathlib import Path

from playbook_run import admin_env, ansible_env, run_shipped
from scenarios import ADMIN_TASKS, _admin, prepare_admin

DOC = Path(__file__).resolve().parents[2] / "docs" / "api" / "admin.md"
MORE_TASKS = [
    dict(name="proficiency changed", **_admin("cxone_queue_member", {
        "queue": "Fault desk", "members": [{"user": "alice.johnson@acme.example", "proficiency": 5}]})),
    dict(name="hours changed", **_admin("cxone_hours_of_operation", {
        "name": "Fault hours", "description": "changed", "queues": ["Support"]})),
    dict(name="hours gone", **_admin("cxone_hours_of_operation", {"name": "Fault hours", "state": "absent"})),
    dict(name="skill off", **_admin("cxone_queue", {"name": "Fault desk", "state": "absent"})),
    dict(name="code off", **_admin("cxone_wrapup_code", {"name": "Fault callback", "state": "absent"})),
    dict(name="one code", **_admin("cxone_unavailable_code", {"name": "Fault break", "notes": "again"})),
    dict(name="skills gone", **_admin("cxone_user_skill", {"state": "absent", "assignments": [
        {"user": "carla.gomez@acme.example", "skill": "Billing"}]})),
    dict(name="schedule off", **_admin("cxone_campaign_schedule", {
        "campaign": "Spring Renewal Outreach", "name": "Weekday business hours", "state": "absent"})),
    dict(name="load", **_admin("cxone_queue_load_info", {"queues": ["Support", "Billing"]})),
    dict(name="states", **_admin("cxone_agent_state_info", {})),
    dict(name="one state", **_admin("cxone_agent_state_info", {"users": ["alice.johnson@acme.example"]})),
    dict(name="members", **_admin("cxone_queue_member_info", {"queue": "Support"})),
]


def documented():
    """``(method, path)`` of each row of the table "Every request"."""
    text = DOC.read_text().split("## Every request", 1)[1].split("\n## ", 1)[0]
    return {tuple(m.groups()) for m in re.finditer(r"^\| `(GET|POST|PUT|DELETE) ([^`]+)` \|", text, re.M)}


def sent(emulator):
    found = set()
    for entry in emulator.requests:
        path = re.sub(r"^/inContactAPI/services/v\{N\}\.0", "", entry["path_template"])
        found.add((entry["method"], path))
    return found


def test_the_table_of_requests_is_what_the_admin_surface_sends(emulator, run_playbook, token_cache_dir, tmp_path):
    seen = set()
    for reading in ("notes", "specs"):
        emulator.reset()
        emulator.configure(reading=reading)
        play_vars = prepare_admin(emulator)
        run = run_playbook(ADMIN_TASKS + MORE_TASKS, play_vars=play_vars)
        assert run.rc == 0, [t["result"].get("msg") for t in run.tasks if t.get("failed")] or run.stdout[-3000:]
        env = ansible_env(emulator.base_url, token_cache_dir / reading, api="admin")
        assert run_shipped(env, "tenant_check.yml", {"cxone_tenant_check_dir": str(tmp_path)}).rc == 0
        # A token that expires within the export: the access key's refresh token gets the next one.
        # (0.2 s a request: the export outlives the token, which is used for half its lifetime)
        emulator.configure(token_lifetime=1, latency=0.2)
        assert run_shipped(dict(env, CXONE_TOKEN_CACHE_DIR=str(tmp_path / "fresh")), "export.yml",
                           {"cxone_export_dest": str(tmp_path / "x.yml")}).rc == 0
        assert any(r["path"] == "/public/user/refresh" and r["status"] == 200 for r in emulator.requests)
        emulator.configure(token_lifetime=3600, latency=0.0)
        # The registered application's login (password grant) instead of the access key alone.
        env.update(admin_env(emulator.base_url, application=True), CXONE_TOKEN_CACHE_DIR=str(tmp_path / "app"))
        assert run_shipped(env, "export.yml", {"cxone_export_dest": str(tmp_path / "y.yml")}).rc == 0
        seen |= sent(emulator)
    assert sorted(seen - documented()) == [], "sent but not in docs/api/admin.md"
    assert sorted(documented() - seen) == [], "in docs/api/admin.md but never sent"
