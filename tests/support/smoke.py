"""`make smoke-lowest`: a short run on the lowest ansible-core that meta/runtime.yml claims
(``requires_ansible``), in a venv of its own (.build/venv-lowest), against the tenant
emulator: the demo in check mode (writes nothing), the demo applied twice (the second run
changes nothing), and a drift check (the playbooks' connection lookup in module_defaults)
on both APIs. The full suite runs on the newest ansible-core (`make pytest`).

Run with the lowest venv's python; exits non-zero, saying why, on the first failure."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "emulator"))
sys.path.insert(0, str(REPO / "tests" / "support"))

from demo import ADMIN, V2  # noqa: E402  (the demo's own emulator credentials)

BIN = Path(sys.executable).parent
RECAP = re.compile(r"^localhost\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def ansible_version():
    out = subprocess.run([str(BIN / "ansible"), "--version"], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[0]


def playbook(env, name, *args):
    cmd = [str(BIN / "ansible-playbook"), "-i", "localhost,", str(REPO / "playbooks" / name), *args]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
    recap = RECAP.search(proc.stdout)
    if proc.returncode != 0 or recap is None:
        sys.exit("smoke: %s %s failed (rc %d):\n%s\n%s"
                 % (name, " ".join(args), proc.returncode, proc.stdout[-4000:], proc.stderr[-2000:]))
    return int(recap.group(2))


def expect(condition, message):
    if not condition:
        sys.exit("smoke: " + message)
    print("smoke: ok - " + message, flush=True)


def main():
    from cxone_emulator import Emulator  # pylint: disable=import-outside-toplevel

    print("smoke: " + ansible_version(), flush=True)
    emulator = Emulator()
    emulator.start()
    base = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(REPO / ".build" / "collections"),
                ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                CXONE_TOKEN_CACHE_DIR=tempfile.mkdtemp(prefix="cxone-smoke-tokens-"))
    try:
        for api, credentials in (("admin", ADMIN), ("v2", V2)):
            env = dict(base, **credentials)
            if api == "admin":
                env.update(CXONE_AREA=emulator.base_url, CXONE_AUTH_URL=emulator.base_url, CXONE_BASE_URL="")
            else:
                env["CXONE_BASE_URL"] = emulator.base_url
            writes = emulator.stats()["write_requests"]
            changed = playbook(env, "demo.yml", "--check", "--diff")
            expect(changed > 0 and emulator.stats()["write_requests"] == writes,
                   "[%s] the demo in check mode reports %d change(s) and writes nothing" % (api, changed))
            expect(playbook(env, "demo.yml", "-e", "demo_write=true") > 0, "[%s] the demo applies its changes" % api)
            writes = emulator.stats()["write_requests"]
            changed = playbook(env, "demo.yml", "-e", "demo_write=true")
            expect(changed == 0 and emulator.stats()["write_requests"] == writes,
                   "[%s] the demo applied again changes nothing (changed=%d, no write)" % (api, changed))
            # The connection from cxone_* variables (lookup in module_defaults), nothing from the environment.
            drift_env = {k: v for k, v in env.items() if not k.startswith("CXONE_") or k == "CXONE_TOKEN_CACHE_DIR"}
            conn = {"cxone_" + k[len("CXONE_"):].lower(): v for k, v in env.items()
                    if k.startswith("CXONE_") and k != "CXONE_TOKEN_CACHE_DIR" and v}
            state = {"cxone_wrapup_codes": [{"name": "Smoke check code", "state": "absent"}]}
            writes = emulator.stats()["write_requests"]
            changed = playbook(drift_env, "drift_check.yml", "-e", _json(conn), "-e", _json(state))
            expect(changed == 0 and emulator.stats()["write_requests"] == writes,
                   "[%s] a drift check with the connection in cxone_* variables runs and writes nothing" % api)
            # The declaration as a file read by the lookup (cxone_desired_state_file): the code is there.
            declared = os.path.join(tempfile.mkdtemp(prefix="cxone-smoke-declared-"), "declared.yml")
            with open(declared, "w", encoding="utf-8") as stream:
                stream.write(_json({"cxone_wrapup_codes": [{"name": "Smoke check code", "state": "present"}]}))
            changed = playbook(drift_env, "drift_check.yml", "-e", _json(conn), "-e", "cxone_desired_state_file=" + declared)
            expect(changed == 1 and emulator.stats()["write_requests"] == writes,
                   "[%s] a drift check of a declaration file finds the missing code and writes nothing" % api)
    finally:
        emulator.stop()
    return 0


def _json(value):
    import json  # pylint: disable=import-outside-toplevel

    return json.dumps(value)


if __name__ == "__main__":
    sys.exit(main())
