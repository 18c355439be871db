"""No secret and no access token in anything a run leaves behind: ansible-playbook output at
-vvvv with --diff (success and failure paths of every module, a refused token request), the
drift report, and ansible-runner's events and artifacts."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
import yaml

from reliability import REPO, count
from secret_scan import DEMO_ID, DEMO_SECRET, events_text, forms_of, needles  # noqa: F401  pylint: disable=unused-import

WRONG_SECRET = "wrong-secret-4f9c2a7e61d8"
WEBHOOK_CREDENTIAL = "whk-credential-8d31c0b7"
VERBOSE = ("-vvvv",)
DRIFT_REPORT = REPO / "plugins" / "callback" / "drift_report.py"


def _window(day, start, end):
    return {"day": day, "start": start, "end": end, "predictive_rate": 1.1, "max_calls_per_day": 100,
            "max_calls_per_agent_per_day": 50}


def ok(name, module, args, **extra):
    return dict({"name": name, "cxone.cxone." + module: args}, **extra)


def bad(name, module, args, **extra):
    return dict(ok(name, module, args, **extra), ignore_errors=True)


# Every module: what works, and what fails (input errors, tenant refusals, faults that do not end).
EVERY_MODULE = [
    ok("queue create", "cxone_queue", {"name": "Security review", "max_waiters": 20,
                                       "overflow": {"target": "Support", "wait_time": 60}}),
    bad("queue cycle refused", "cxone_queue", {"name": "Overflow", "overflow": {"target": "Billing"}}),
    bad("queue over the license", "cxone_queue", {"name": "Security review", "max_waiters": 500}),
    ok("queue info", "cxone_queue_info", {"name": "Support"}),
    ok("members add", "cxone_queue_member", {"queue": "Security review", "members": [
        {"user": "alice.johnson@acme.example"}, {"user": "Bob Smith", "split": 40}]}),
    bad("members unknown user", "cxone_queue_member", {"queue": "Security review", "members": [
        {"user": "mallory@evil.example"}]}),
    ok("members info", "cxone_queue_member_info", {"queue": "Support"}),
    bad("members info of an unknown queue", "cxone_queue_member_info", {"queue": "Nowhere"}),
    ok("code create", "cxone_wrapup_code", {"name": "Security callback", "wrap_up_type": "CALL"}),
    bad("code delete rate limited for ever", "cxone_wrapup_code", {"name": "Wrong Number", "state": "absent"}),
    ok("code info", "cxone_wrapup_code_info", {}),
    ok("skills assign", "cxone_user_skill", {"assignments": [
        {"user": "carla.gomez@acme.example", "skill": "skill-billing", "level": 3},
        {"user": "david.lee@acme.example", "skill": "language:fr", "level": 2,
         "start": "2026-01-01T00:00:00Z", "end": "2026-12-31T00:00:00Z"}]}),
    bad("skills outside the strategy", "cxone_user_skill", {"queue": "Billing", "assignments": [
        {"user": "bob.smith@acme.example", "skill": "skill-billing", "level": 1}]}),
    ok("skills info", "cxone_user_skill_info", {"users": ["carla.gomez@acme.example"]}),
    bad("skills info of an unknown user", "cxone_user_skill_info", {"users": ["mallory@evil.example"]}),
    ok("agent lunch", "cxone_agent_state", {"user": "Alice Johnson", "state": "NOT_READY", "reason_code": "LUNCH"}),
    bad("agent not scheduled", "cxone_agent_state", {"user": "george.miller@acme.example", "state": "READY"}),
    bad("agent unknown reason", "cxone_agent_state", {
        "user": "Carla Gomez", "state": "PAUSED", "reason_code": "COFFEE", "enforce_compliance": False}),
    ok("agents info", "cxone_agent_state_info", {}),
    ok("schedule create", "cxone_campaign_schedule", {
        "campaign": "Collections Q2", "name": "Security evenings", "timezone": "Europe/Paris",
        "windows": [_window("MONDAY", "17:00:00", "20:00:00")],
        "compliance": {"regulatory_pauses": ["TCPA"], "agent_availability_projection": True}}),
    bad("schedule overlapping", "cxone_campaign_schedule", {
        "campaign": "Collections Q2", "name": "Security overlap", "timezone": "UTC",
        "windows": [_window("MONDAY", "17:00:00", "20:00:00"), _window("MONDAY", "19:00:00", "21:00:00")]}),
    ok("schedule info", "cxone_campaign_schedule_info", {"campaign": "Collections Q2"}),
    ok("webhook with a credential in its url", "cxone_webhook", {
        "name": "Security feed", "url": "https://feed.acme.example/in?token=" + WEBHOOK_CREDENTIAL,
        "events": ["queue.updated"]}, no_log=True),
    ok("webhook update", "cxone_webhook", {"name": "Ops Alerts", "enabled": False}),
    bad("webhook repeated event", "cxone_webhook", {"name": "Ops Alerts", "events": ["a.b", "a.b"]}),
    # Documented: info returns URLs as is (to be fed back), so a URL with a credential needs no_log.
    ok("webhook info", "cxone_webhook_info", {}, no_log=True),
    ok("load info", "cxone_queue_load_info", {"queues": ["Support", "Billing"]}),
    ok("export", "cxone_export", {"sections": ["queues", "wrapup_codes"]}),
]


def _scan_run(needles, run, label):
    count("security", "playbook outputs scanned")
    return needles.scan(label + " stdout", run.stdout) + needles.scan(label + " stderr", run.stderr)


def test_verbose_diff_output_and_drift_report_hold_no_secret(emulator, run_playbook, needles, tmp_path):
    needles.add(WEBHOOK_CREDENTIAL)
    emulator.add_fault(kind="rate_limit", retry_after=0, times=-1,
                       match={"method": "DELETE", "path": "^/api/v2/routing/wrap-up-codes/"})
    env = {}
    report_dir = tmp_path / "drift"
    if DRIFT_REPORT.is_file():
        env = {"ANSIBLE_CALLBACKS_ENABLED": "cxone.cxone.drift_report", "CXONE_DRIFT_REPORT_DIR": str(report_dir),
               "CXONE_DRIFT_REPORT_FORMATS": "json,markdown,html", "CXONE_DRIFT_REPORT_WHEN": "always"}
    run = run_playbook(EVERY_MODULE, diff=True, extra_args=VERBOSE, extra_env=env)
    for task in EVERY_MODULE:
        result = run.task(task["name"])
        assert result["failed"] is bool(task.get("ignore_errors")), (task["name"], result["result"].get("msg"))
    assert needles.tokens, "the run got no token"
    assert "<localhost> EXEC" in run.stdout  # -vvvv really was on
    found = _scan_run(needles, run, "ansible-playbook -vvvv --diff")
    if env:
        reports = sorted(report_dir.iterdir())
        assert {p.suffix for p in reports} >= {".json", ".md", ".html"}, reports
        json.loads((report_dir / "drift.json").read_text())
        count("security", "drift report files scanned", len(reports))
        for path in reports:
            found.extend(needles.scan(str(path.name), path.read_bytes()))
    assert not found, found


def test_refused_token_request_shows_neither_secret(emulator, run_playbook, needles):
    """A wrong secret: every task fails with invalid_client; neither the wrong secret nor
    the right one (nor the Basic header made of them) is shown."""
    needles.add(*forms_of(DEMO_ID, WRONG_SECRET))
    tasks = [
        bad("write module", "cxone_wrapup_code", {"name": "Never", "available": True}),
        bad("info module", "cxone_queue_info", {"name": "Support"}),
        bad("batch module", "cxone_queue_member", {"queue": "Support", "members": [{"user": "Farah Khan"}]}),
        bad("basic auth", "cxone_webhook", {"name": "Ops Alerts", "enabled": False, "auth_method": "client_secret_basic"}),
    ]
    run = run_playbook(tasks, diff=True, extra_args=VERBOSE, extra_env={"CXONE_CLIENT_SECRET": WRONG_SECRET})
    for task in tasks:
        result = run.task(task["name"])
        assert result["failed"] and "invalid_client" in result["result"]["msg"], result["result"]
    assert emulator.stats()["token_requests"] >= len(tasks) and emulator.stats()["write_requests"] == 0
    assert not needles.tokens
    found = _scan_run(needles, run, "wrong secret")
    assert not found, found


def _runner_env(token_cache, **extra):
    env = {
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "ANSIBLE_COLLECTIONS_PATH": str(REPO / ".build" / "collections"),
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_LOCALHOST_WARNING": "false",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
        "CXONE_TOKEN_CACHE_DIR": str(token_cache),
        "CXONE_API": "v2",
    }
    env.update(extra)
    return env


RUNNER_TASKS = [
    ok("queue", "cxone_queue", {"name": "Runner queue", "max_wait_time": 90}),
    ok("members", "cxone_queue_member", {"queue": "Runner queue", "members": [{"user": "Julia Rossi"}]}),
    ok("webhook", "cxone_webhook", {"name": "Runner hook", "url": "https://h.acme.example/r", "events": ["x.y"]}),
    bad("refused", "cxone_agent_state", {"user": "hana.sato@acme.example", "state": "READY"}),
]


def _run_runner(tmp_path, name, play, envvars, cmdline):
    ansible_runner = pytest.importorskip("ansible_runner")
    private = tmp_path / name
    (private / "project").mkdir(parents=True)
    (private / "inventory").mkdir()
    (private / "inventory" / "hosts").write_text("localhost ansible_connection=local\n")
    (private / "project" / "site.yml").write_text(yaml.safe_dump([play], sort_keys=False))
    result = ansible_runner.run(private_data_dir=str(private), playbook="site.yml", envvars=envvars,
                                verbosity=4, cmdline=cmdline, quiet=True, suppress_env_files=True)
    events = list(result.events)
    assert result.rc == 0, [e.get("stdout") for e in events if e.get("event") == "runner_on_failed"]
    failed = {e["event_data"].get("task") for e in events if e.get("event") == "runner_on_failed"}
    assert failed == {"refused"}, failed
    count("security", "runner events scanned", len(events))
    return result, events, private / "artifacts"


def test_ansible_runner_events_and_artifacts(emulator, needles, tmp_path):
    """Through ansible-runner (what AWX runs), with the connection in the CXONE_* environment."""
    envvars = _runner_env(tmp_path / "cache", CXONE_BASE_URL=emulator.base_url, CXONE_CLIENT_ID=DEMO_ID,
                          CXONE_CLIENT_SECRET=DEMO_SECRET)
    play = {"name": "runner", "hosts": "localhost", "gather_facts": False, "tasks": RUNNER_TASKS}
    dummy, events, artifacts = _run_runner(tmp_path, "env", play, envvars, "--diff")
    assert needles.tokens
    found = needles.scan("runner events", events_text(events))
    # ansible-runner records the environment it was given in artifacts/<ident>/command (mode 0600):
    # its own input record, not output. Everything else it writes must be clean.
    record = list(artifacts.rglob("command"))
    assert record and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in record)
    in_dir, files = needles.scan_dir(artifacts, skip=("command",))
    count("security", "runner artifact files scanned", files)
    found.extend(in_dir)
    assert files >= len(events) and not found, found


def test_ansible_runner_with_the_secret_in_vault_leaves_it_nowhere(emulator, needles, tmp_path):
    """The README's pattern: the secret in Ansible Vault, given through module_defaults.
    Then no file ansible-runner writes (its input record included) holds it."""
    from ansible.parsing.vault import VaultLib, VaultSecret  # pylint: disable=import-outside-toplevel

    password = b"vault-password-for-tests"
    vault = VaultLib([("default", VaultSecret(password))])
    secrets_file = tmp_path / "vault.yml"
    secrets_file.write_bytes(vault.encrypt(yaml.safe_dump({"vault_cxone_client_secret": DEMO_SECRET})))
    password_file = tmp_path / "vault-password"
    password_file.write_bytes(password)
    password_file.chmod(0o600)
    play = {"name": "runner vault", "hosts": "localhost", "gather_facts": False, "vars_files": [str(secrets_file)],
            "module_defaults": {"group/cxone.cxone.cxone": {"client_secret": "{{ vault_cxone_client_secret }}"}},
            "tasks": RUNNER_TASKS}
    envvars = _runner_env(tmp_path / "cache", CXONE_BASE_URL=emulator.base_url, CXONE_CLIENT_ID=DEMO_ID)
    dummy, events, artifacts = _run_runner(tmp_path, "vault", play, envvars,
                                           "--diff --vault-password-file %s" % password_file)
    assert needles.tokens
    found = needles.scan("runner events", events_text(events))
    in_dir, files = needles.scan_dir(artifacts)
    count("security", "runner artifact files scanned", files)
    found.extend(in_dir)
    assert not found, found
