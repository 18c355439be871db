"""`make demo` (tests/support/demo.py and playbooks/demo.yml): the emulator run narrates and
converges on both APIs; against a configured tenant it writes nothing unless asked."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "tests" / "support" / "demo.py"


def run_demo(env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("CXONE_")}
    base.update(env)
    return subprocess.run([sys.executable, str(DEMO)], env=base, capture_output=True, text=True, timeout=600,
                          check=False)


def test_demo_on_the_emulator_converges_then_changes_nothing(tmp_path):
    proc = run_demo({"HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    out = proc.stdout
    assert "[api: admin] 1. Apply" in out and "[api: v2] 1. Apply" in out
    recaps = re.findall(r"localhost\s+: ok=(\d+)\s+changed=(\d+)", out)
    assert len(recaps) == 6, recaps
    changed = [int(c) for _ok, c in recaps]
    assert changed[0] > 0 and changed[1] == 0 and changed[2] > 0  # admin: apply, again, drift shown
    assert changed[3] > 0 and changed[4] == 0 and changed[5] > 0  # v2: the same
    assert out.count("Writes the emulator saw during the --check run: 0") == 2


def test_demo_against_a_tenant_writes_nothing_unless_asked(emulator, tmp_path):
    env = {"HOME": str(tmp_path), "CXONE_API": "v2", "CXONE_BASE_URL": emulator.base_url,
           "CXONE_CLIENT_ID": "cxone-demo", "CXONE_CLIENT_SECRET": "demo-secret-not-for-production",
           "CXONE_TOKEN_CACHE_DIR": str(tmp_path / "tokens")}
    proc = run_demo(env)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "check mode, nothing is written" in proc.stdout
    assert emulator.stats()["write_requests"] == 0
    support_members = set(emulator.store.members[next(q["id"] for q in emulator.store.queues.values()
                                                      if q["name"] == "Support")])
    proc = run_demo(dict(env, CXONE_DEMO_WRITE="1"))
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert emulator.stats()["write_requests"] > 0
    # Even when writing, nobody is removed from any queue.
    assert support_members <= set(emulator.store.members[next(q["id"] for q in emulator.store.queues.values()
                                                              if q["name"] == "Support")])


def test_demo_against_a_real_api_tenant_runs_the_tenant_check_first_and_writes_nothing(emulator, tmp_path):
    env = {"HOME": str(tmp_path), "CXONE_AREA": emulator.base_url, "CXONE_ACCESS_KEY_ID": "cxone-demo-key",
           "CXONE_ACCESS_KEY_SECRET": "demo-access-secret-not-for-production",
           "CXONE_TOKEN_CACHE_DIR": str(tmp_path / "tokens")}
    proc = run_demo(env)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "the tenant check, which only reads" in proc.stdout and "check mode, nothing is written" in proc.stdout
    assert "holds" in (REPO / ".build" / "tenant-check" / "tenant-check-localhost.md").read_text()
    assert emulator.stats()["write_requests"] == 0


def test_demo_playbook_takes_the_connection_from_cxone_variables(emulator, token_cache_dir, tmp_path):
    """As the getting-started guide runs it: the collection's demo in check mode, the connection
    in cxone_* variables (a Vault file), nothing in the environment; the real API by default."""
    from playbook_run import ADMIN_APP, ADMIN_KEY, ansible_env, run_play_file  # pylint: disable=import-outside-toplevel

    env = {k: v for k, v in ansible_env(emulator.base_url, token_cache_dir).items()
           if not k.startswith("CXONE_") or k == "CXONE_TOKEN_CACHE_DIR"}
    secrets = tmp_path / "tenant-secrets.yml"
    secrets.write_text(json.dumps({"cxone_auth_url": emulator.base_url, "cxone_access_key_id": ADMIN_KEY[0],
                                   "cxone_access_key_secret": ADMIN_KEY[1], "cxone_client_id": ADMIN_APP[0],
                                   "cxone_client_secret": ADMIN_APP[1]}))
    run = run_play_file(env, REPO / "playbooks" / "demo.yml", "--check", "--diff", "-e", "@%s" % secrets)
    assert run.rc == 0, run.stdout[-3000:]
    assert run.changed > 0 and emulator.stats()["write_requests"] == 0
    assert any(r["path"].startswith("/inContactAPI/") for r in emulator.requests)
