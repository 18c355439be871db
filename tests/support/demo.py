"""`make demo`: converge playbooks/demo.yml and narrate.

With no tenant configured (no CXONE_BASE_URL, CXONE_ACCESS_KEY_ID or CXONE_API in the
environment), against the tenant emulator started here on 127.0.0.1 (an emulator of the
documented APIs, not NICE software): the three acts on the real CXone API's shape
(api: admin), then on the seeds' contract (api: v2).

Against a configured tenant the demo is safe by default: it runs in check mode with --diff
and shows what it would do. CXONE_DEMO_WRITE=1 lets it write; even then it only adds and
updates, never removes a member or overwrites a queue's other members.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "emulator"))
# The access key alone (no registered application), as a new admin starts.
ADMIN = {"CXONE_API": "admin", "CXONE_ACCESS_KEY_ID": "cxone-demo-key",
         "CXONE_ACCESS_KEY_SECRET": "demo-access-secret-not-for-production",
         "CXONE_CLIENT_ID": "", "CXONE_CLIENT_SECRET": ""}
V2 = {"CXONE_API": "v2", "CXONE_CLIENT_ID": "cxone-demo", "CXONE_CLIENT_SECRET": "demo-secret-not-for-production"}


def banner(text):
    print("\n" + "=" * 78 + "\n" + text + "\n" + "=" * 78, flush=True)


def play(env, *args, playbook="demo.yml"):
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", str(REPO / "playbooks" / playbook)]
    return subprocess.run(cmd + list(args), env=env, check=False).returncode


def tenant_configured(env):
    return any(env.get(name) for name in ("CXONE_BASE_URL", "CXONE_ACCESS_KEY_ID", "CXONE_API"))


def against_tenant(env):
    where = env.get("CXONE_BASE_URL") or env.get("CXONE_AREA") or env.get("CXONE_AUTH_URL") or "the CXone issuer"
    if (env.get("CXONE_API") or "admin") == "admin":
        # A real tenant's first step: what it answers, reading only (tenant-check-localhost.md).
        report_dir = REPO / ".build" / "tenant-check"
        report_dir.mkdir(parents=True, exist_ok=True)
        banner("Your tenant (%s): the tenant check, which only reads (its table: %s)" % (where, report_dir))
        rc = play(env, "-e", "cxone_tenant_check_dir=%s" % report_dir, playbook="tenant_check.yml")
        if rc:
            return rc
        banner("The demo declares the emulator's sample objects (campaign 'Customer Care', agents of\n"
               "acme.example): on your tenant, set demo_queue_admin, demo_members_admin and\n"
               "demo_wrapup_codes_admin (playbooks/demo.yml) to your own before reading its plan")
    if env.get("CXONE_DEMO_WRITE") != "1":
        banner("Your tenant (%s): check mode, nothing is written.\n"
               "Set CXONE_DEMO_WRITE=1 to apply the declared state (it only adds and updates)." % where)
        return play(env, "--check", "--diff")
    banner("Your tenant (%s): applying the declared state (adds and updates only)" % where)
    return play(env, "--diff", "-e", "demo_write=true")


def acts(emulator, env, api):
    """Apply, apply again, then drift made by hand and a --check --diff run."""
    env = dict(env, **(ADMIN if api == "admin" else V2))
    if api == "admin":
        env["CXONE_AREA"], env["CXONE_AUTH_URL"], env["CXONE_BASE_URL"] = emulator.base_url, emulator.base_url, ""
    else:
        env["CXONE_BASE_URL"] = emulator.base_url
    # The emulator's own tenant: the demo may write, and the listed members are the only members.
    extra = ("-e", "demo_write=true", "-e", "demo_exclusive=true")
    banner("[api: %s] 1. Apply the declared state: the tenant changes" % api)
    rc = play(env, *extra)
    banner("[api: %s] 2. Apply it again: nothing changes (changed=0)" % api)
    rc = rc or play(env, *extra)
    if api == "admin":
        banner("[api: admin] 3. Someone edits the tenant by hand: the Escalations skill's service level goal\n"
               "   becomes 75 and the 'Outage callback' disposition is switched on. A --check --diff run shows\n"
               "   the drift and writes nothing")
        store = emulator.admin_store
        skill = next(s for s in store.skills.values() if s["skillName"] == "Escalations")
        skill["serviceLevelGoal"] = 75
        code = next(d for d in store.dispositions.values() if d["dispositionName"] == "Outage callback")
        code["isActive"] = True
    else:
        banner("[api: v2] 3. Someone edits the tenant by hand: Escalations gets max_waiters 80 and\n"
               "   the 'Outage callback' code is switched on. A --check --diff run shows the drift\n"
               "   and writes nothing")
        queue = next(q for q in emulator.store.queues.values() if q["name"] == "Escalations")
        emulator.store.modify_queue(queue["id"], maxWaiters=80)
        code = next(c for c in emulator.store.wrapups.values() if c["name"] == "Outage callback")
        emulator.store.modify_wrapup(code["id"], available=True)
    writes_before = emulator.stats()["write_requests"]
    rc = rc or play(env, "--check", "--diff", *extra)
    print("Writes the emulator saw during the --check run: %d" % (emulator.stats()["write_requests"] - writes_before))
    return rc


def main():
    env = dict(os.environ)
    env.setdefault("ANSIBLE_COLLECTIONS_PATH", str(REPO / ".build" / "collections"))
    env.setdefault("ANSIBLE_LOCALHOST_WARNING", "false")
    env.setdefault("ANSIBLE_PYTHON_INTERPRETER", sys.executable)
    if tenant_configured(env):
        return against_tenant(env)
    from cxone_emulator import Emulator  # pylint: disable=import-outside-toplevel

    emulator = Emulator()
    emulator.start()
    env["CXONE_TOKEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="cxone-demo-tokens-")
    print("No tenant configured (no CXONE_* connection settings): using the tenant emulator at %s"
          % emulator.base_url)
    try:
        return acts(emulator, env, "admin") or acts(emulator, env, "v2")
    finally:
        emulator.stop()


if __name__ == "__main__":
    sys.exit(main())
