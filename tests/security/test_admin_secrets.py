"""api=admin: the access key secret, the application secret and the tokens never show in a
run's output at -vvvv with --diff, in failures (a refused key, a refused application), nor
in the token cache, which holds the token and the discovered API host only."""

from __future__ import annotations

import json
import os
import stat

from playbook_run import ADMIN_APP, ADMIN_KEY
from playbook_run import admin_env as emulator_admin_env
from reliability import count
from secret_scan import forms_of

KEY_ID, KEY_SECRET = ADMIN_KEY
APP_ID, APP_SECRET = ADMIN_APP
WRONG = "wrong-key-secret-77c1e0"


def admin_env(emulator, **extra):
    return dict(emulator_admin_env(emulator.base_url), **extra)


TASKS = [
    {"name": "queue", "cxone.cxone.cxone_queue": {"name": "Secure queue", "campaign": "Customer Care"}},
    {"name": "refused option", "ignore_errors": True, "cxone.cxone.cxone_queue": {"name": "X", "max_waiters": 3}},
    {"name": "members", "cxone.cxone.cxone_queue_member": {"queue": "Secure queue", "members": [
        {"user": "alice.johnson@acme.example", "proficiency": 4}]}},
    {"name": "unknown user", "ignore_errors": True, "cxone.cxone.cxone_queue_member": {
        "queue": "Secure queue", "members": [{"user": "mallory@evil.example"}]}},
    {"name": "codes", "cxone.cxone.cxone_wrapup_code": {"codes": [{"name": "Secure code", "notes": "n"}]}},
    {"name": "skills", "cxone.cxone.cxone_user_skill": {"assignments": [
        {"user": "bob.smith@acme.example", "skill": "Billing", "level": 4}]}},
    {"name": "load", "cxone.cxone.cxone_queue_load_info": {}},
    {"name": "schedule", "cxone.cxone.cxone_campaign_schedule": {
        "campaign": "Spring Renewal Outreach", "name": "Weekday business hours",
        "windows": [{"day": "FRIDAY", "start": "09:00:00", "end": "15:00:00"}]}},
    {"name": "unavailable code", "cxone.cxone.cxone_unavailable_code": {"name": "Secure break", "notes": "n"}},
    {"name": "hours", "cxone.cxone.cxone_hours_of_operation": {
        "name": "Secure hours", "days": [{"day": "MONDAY", "open": "08:00:00", "close": "12:00:00"}]}},
    {"name": "agent state", "cxone.cxone.cxone_agent_state": {
        "user": "alice.johnson@acme.example", "state": "NOT_READY", "reason_code": "Secure break"}},
    {"name": "states", "cxone.cxone.cxone_agent_state_info": {}},
    {"name": "export", "cxone.cxone.cxone_export": {}},
]


def _scan(text, needles):
    count("security", "playbook outputs scanned")
    return sorted({needle for needle in needles if needle and needle in text})


def test_admin_runs_show_no_secret_or_token(emulator, run_playbook, token_cache_dir):
    run = run_playbook(TASKS, diff=True, extra_args=("-vvvv",), extra_env=admin_env(emulator))
    for task in TASKS:
        assert run.task(task["name"])["failed"] is bool(task.get("ignore_errors")), run.task(task["name"])
    tokens = [token for token, entry in emulator.tokens.items() if entry.get("admin")]
    assert tokens and "<localhost> EXEC" in run.stdout
    needles = set(tokens) | forms_of(KEY_ID, KEY_SECRET) | forms_of(APP_ID, APP_SECRET)
    assert not _scan(run.stdout + run.stderr, needles)
    entries = [p for p in token_cache_dir.iterdir() if p.suffix == ".json"]
    assert entries and stat.S_IMODE(os.stat(token_cache_dir).st_mode) == 0o700
    for entry in entries:
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600
        cached = json.loads(entry.read_text())
        if "entries" in cached:  # the users a task listed, kept for the next tasks: no token, no secret
            assert set(cached) == {"listed_at", "entries"}
            assert not _scan(entry.read_text(), needles)
            continue
        if "readings" in cached:  # what the tenant answered where the API has two readings: no token, no secret
            assert set(cached) == {"readings", "stored_at"}
            assert not _scan(entry.read_text(), needles)
            continue
        assert set(cached) == {"access_token", "expires_at", "api_endpoint"}
        assert cached["api_endpoint"] == emulator.base_url
        assert not _scan(entry.read_text(), forms_of(KEY_ID, KEY_SECRET) | forms_of(APP_ID, APP_SECRET))
    assert any("entries" in json.loads(entry.read_text()) for entry in entries)


def test_refused_key_and_application_show_neither_secret(emulator, run_playbook):
    task = [{"name": "info", "ignore_errors": True, "cxone.cxone.cxone_queue_info": {}}]
    for env, which in (({"CXONE_ACCESS_KEY_SECRET": WRONG}, "access key"),
                       ({"CXONE_CLIENT_SECRET": WRONG}, "application")):
        run = run_playbook(task, extra_args=("-vvvv",), extra_env=admin_env(emulator, **env))
        assert which in run.task("info")["result"]["msg"]
        needles = forms_of(KEY_ID, KEY_SECRET) | forms_of(APP_ID, APP_SECRET) | forms_of(KEY_ID, WRONG) \
            | forms_of(APP_ID, WRONG)
        assert not _scan(run.stdout + run.stderr, needles)
    assert emulator.stats()["write_requests"] == 0
