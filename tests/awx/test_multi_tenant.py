"""Many tenants in one run: playbooks/inventory_multi_tenant (one host per tenant, each
with its own cxone_base_url / cxone_client_id / cxone_client_secret) and
playbooks/desired_state.yml with two forks, against two emulators (two tenants).

Each tenant gets its own changes, the shared token cache ends with one entry per tenant
(the key is token URL, client ID and scopes), and each tenant issued one token."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cxone_emulator import Emulator

REPO = Path(__file__).resolve().parents[2]
INVENTORY = REPO / "playbooks" / "inventory_multi_tenant"
COLLECTIONS = REPO / ".build" / "collections"
CALLBACKS = REPO / "tests" / "support" / "callback"
SECRET = "demo-secret-not-for-production"


@pytest.fixture
def tenants():
    """Two tenants: two emulators on free ports."""
    emulators = {"acme_us": Emulator(), "acme_eu": Emulator()}
    for emu in emulators.values():
        emu.start()
    yield emulators
    for emu in emulators.values():
        emu.stop()


def inventory_for(tenants, tmp_path):
    """The shipped example inventory, each host pointed at its emulator's port."""
    copy = tmp_path / "inventory"
    shutil.copytree(INVENTORY, copy)
    for host, emu in tenants.items():
        path = copy / "host_vars" / ("%s.yml" % host)
        data = yaml.safe_load(path.read_text())
        assert data["cxone_base_url"].startswith("http://127.0.0.1:")
        data["cxone_base_url"] = emu.base_url
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    return copy


def run(inventory, tmp_path, cache_dir, *args):
    env = {
        "PATH": "%s:/usr/bin:/bin" % Path(sys.executable).parent,
        "HOME": str(tmp_path),
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
        "ANSIBLE_STDOUT_CALLBACK": "cxone_test_json",
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "false",
        # Nothing in the environment: every tenant's connection comes from its host_vars.
        "CXONE_TOKEN_CACHE_DIR": str(cache_dir),
    }
    # Each tenant's secret as its vault_* variable, as an encrypted vars file would give it.
    vault = tmp_path / "vault.yml"
    vault.write_text(yaml.safe_dump({"vault_acme_us_client_secret": SECRET, "vault_acme_eu_client_secret": SECRET}))
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(inventory),
           str(REPO / "playbooks" / "desired_state.yml"), "-e", "cxone_hosts=tenants", "-e", "@%s" % vault,
           "--forks", "2", *args]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
    data = next((json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{"tasks"')), None)
    assert data is not None and proc.returncode == 0, "rc %s\n%s\n%s" % (
        proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:])
    return data


def test_two_tenants_in_one_run_with_two_forks(tenants, tmp_path):
    inventory = inventory_for(tenants, tmp_path)
    cache = tmp_path / "token-cache"

    data = run(inventory, tmp_path, cache)
    assert set(data["stats"]) == {"acme_us", "acme_eu"}
    for host in tenants:
        assert data["stats"][host]["changed"] > 0 and data["stats"][host]["failures"] == 0

    # Each tenant has what all tenants get, plus its own wrap-up code and not the other's.
    own = {"acme_us": "TCPA opt-out", "acme_eu": "GDPR erasure request"}
    for host, emu in tenants.items():
        store = emu.store
        assert "Escalations" in store.queues_by_name()
        codes = store.wrapup_codes_by_name()
        assert "Escalated to tier 2" in codes and own[host] in codes
        other = next(code for name, code in own.items() if name != host)
        assert other not in codes
        # Escalations queue + two wrap-up codes, written to this tenant only.
        assert emu.stats()["writes_applied"] == 3
        # One token per tenant for the whole run, not one per task.
        assert emu.stats()["token_requests"] == 1

    # One cache entry (and its lock) per tenant: token URL + client ID + scopes.
    entries = sorted(p.name for p in cache.glob("*.json"))
    assert len(entries) == 2
    assert sorted(p.name for p in cache.iterdir() if not p.name.startswith(".")) == sorted(
        entries + [e.replace(".json", ".lock") for e in entries])
    for path in cache.glob("*.json"):
        assert SECRET not in path.read_text()

    # Again: nothing changes anywhere, and the cached tokens are used.
    for emu in tenants.values():
        emu.reset_stats()
    again = run(inventory, tmp_path, cache)
    for host, emu in tenants.items():
        assert again["stats"][host]["changed"] == 0
        assert emu.stats()["write_requests"] == 0 and emu.stats()["token_requests"] == 0
