"""`make demo`: converge playbooks/demo.yml three ways and narrate.

Against the tenant named by CXONE_BASE_URL / CXONE_CLIENT_ID / CXONE_CLIENT_SECRET
when they are set; otherwise against the tenant emulator started here on
127.0.0.1 (an emulator of the documented API contract, not NICE software).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "emulator"))


def banner(text):
    print("\n" + "=" * 78 + "\n" + text + "\n" + "=" * 78, flush=True)


def play(env, *args):
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", str(REPO / "playbooks" / "demo.yml")]
    return subprocess.run(cmd + list(args), env=env, check=False).returncode


def main():
    env = dict(os.environ)
    env.setdefault("ANSIBLE_COLLECTIONS_PATH", str(REPO / ".build" / "collections"))
    env.setdefault("ANSIBLE_LOCALHOST_WARNING", "false")
    env.setdefault("ANSIBLE_PYTHON_INTERPRETER", sys.executable)
    emulator = None
    if not env.get("CXONE_BASE_URL"):
        from cxone_emulator import Emulator  # pylint: disable=import-outside-toplevel

        emulator = Emulator()
        env["CXONE_BASE_URL"] = emulator.start()
        env["CXONE_CLIENT_ID"], env["CXONE_CLIENT_SECRET"] = "cxone-demo", "demo-secret-not-for-production"
        env["CXONE_TOKEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="cxone-demo-tokens-")
        print("No tenant configured (CXONE_BASE_URL unset): using the tenant emulator at %s" % env["CXONE_BASE_URL"])
    else:
        print("Running against the tenant at %s" % env["CXONE_BASE_URL"])
    try:
        banner("1. Apply the declared state: the tenant changes")
        rc = play(env)
        banner("2. Apply it again: nothing changes (changed=0)")
        rc = rc or play(env)
        if emulator is not None:
            banner("3. Someone edits the tenant by hand: Escalations gets max_waiters 80 and\n"
                   "   the 'Outage callback' code is switched on. A --check --diff run shows the drift\n"
                   "   and writes nothing")
            queue = next(q for q in emulator.store.queues.values() if q["name"] == "Escalations")
            emulator.store.modify_queue(queue["id"], maxWaiters=80)
            code = next(c for c in emulator.store.wrapups.values() if c["name"] == "Outage callback")
            emulator.store.modify_wrapup(code["id"], available=True)
            writes_before = emulator.stats()["write_requests"]
        else:
            banner("3. Check for drift with --check --diff (writes nothing)")
        rc = rc or play(env, "--check", "--diff")
        if emulator is not None:
            print("Writes the emulator saw during the --check run: %d"
                  % (emulator.stats()["write_requests"] - writes_before))
        return rc
    finally:
        if emulator is not None:
            emulator.stop()


if __name__ == "__main__":
    sys.exit(main())
