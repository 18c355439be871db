"""playbooks/tenant_check.yml against each reading of the admin API (docs/api/admin.md, "Two
readings of the API"): it reports exactly the assumptions that differ, sends nothing but GET
(besides the login and discovery), and writes a table with no secret, tenant id or person in it."""

from __future__ import annotations

import json

import pytest
from cxone_emulator.admin import TENANT_ID
from playbook_run import ADMIN_APP, ADMIN_KEY, admin_env, ansible_env, run_shipped

# What the "specs" reading answers otherwise, and a read can show.
DIFFER_UNDER_SPECS = {"token claims", "skills parameter", "assignments paging", "holiday name",
                      "agent states paging", "skill activity"}


@pytest.mark.parametrize("reading", ["notes", "specs"])
def test_the_tenant_check_reports_what_differs_and_only_reads(emulator, run_playbook, token_cache_dir, tmp_path,
                                                              reading):
    emulator.configure(reading=reading)
    env = ansible_env(emulator.base_url, token_cache_dir, api="admin")
    run = run_shipped(env, "tenant_check.yml", {"cxone_tenant_check_dir": str(tmp_path)})
    assert run.rc == 0, run.stdout[-3000:]
    checks = run.task("Probe the tenant")["result"]["checks"]
    differs = {row["check"] for row in checks if row["verdict"] == "differs"}
    assert differs == (DIFFER_UNDER_SPECS if reading == "specs" else set()), checks
    unchecked = {row["check"] for row in checks if row["verdict"] == "could not check"}
    assert {"skill create result", "hours-of-operation queues", "agent state write"} <= unchecked
    assert all(row["verdict"] == "holds" for row in checks if row["check"].startswith("read "))
    # Nothing but GET, the login and the discovery; no write reached the tenant.
    methods = {(r["method"], r["path"]) for r in emulator.requests if r["method"] != "GET"}
    assert methods == {("POST", "/authentication/v1/token/access-key")}, methods  # the access key alone
    assert emulator.stats()["write_requests"] == 0
    written = (tmp_path / "tenant-check-localhost.md").read_text() + (tmp_path / "tenant-check-localhost.json").read_text()
    assert json.loads((tmp_path / "tenant-check-localhost.json").read_text())["summary"]["differs"] == len(differs)
    people = [a[k] for a in emulator.admin_store.agents.values() for k in ("emailAddress", "lastName")]
    for secret in (ADMIN_KEY[1], ADMIN_APP[1], TENANT_ID, *people):
        assert secret not in written and secret not in run.stdout
    # Run again with the token in the cache: the same answers (it logs in afresh to see the tokens).
    again = run_shipped(env, "tenant_check.yml", {"cxone_tenant_check_dir": str(tmp_path)})
    assert {row["check"] for row in again.task("Probe the tenant")["result"]["checks"]
            if row["verdict"] == "differs"} == differs
    # The form of the read of many skills that worked is remembered: a later task does not probe.
    emulator.reset_stats()
    info = run_playbook([{"name": "info", "cxone.cxone.cxone_queue_member_info": {"queue": "Support"}}],
                        extra_env=admin_env(emulator.base_url))
    assert info.rc == 0 and info.task("info")["result"]["members"]
    many = [r for r in emulator.requests if r["path_template"].endswith("/skills/agents")]
    assert len(many) == 1 and many[0]["status"] < 400
