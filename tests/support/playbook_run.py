"""Running real ansible-playbook against an emulator, for every test directory.

A plain module rather than conftest.py: several conftest.py files share that module
name, so ``from conftest import`` depends on which one pytest loaded first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLLECTIONS = REPO / ".build" / "collections"
CALLBACKS = REPO / "tests" / "support" / "callback"
DEMO_CLIENT = ("cxone-demo", "demo-secret-not-for-production")
# The emulator's admin surface: its demo access key and registered application.
ADMIN_KEY = ("cxone-demo-key", "demo-access-secret-not-for-production")
ADMIN_APP = ("cxone-demo-app", "demo-app-secret-not-for-production")


def admin_env(base_url, application=False):
    """The CXONE_* settings of api=admin against the emulator: the access key alone, logging in
    at the emulator as its area's login host (``application``: the password grant of the
    registered application at the issuer instead). No API host given: it is discovered."""
    env = {"CXONE_API": "admin", "CXONE_AUTH_URL": base_url, "CXONE_BASE_URL": "",
           "CXONE_ACCESS_KEY_ID": ADMIN_KEY[0], "CXONE_ACCESS_KEY_SECRET": ADMIN_KEY[1],
           "CXONE_AREA": base_url, "CXONE_CLIENT_ID": "", "CXONE_CLIENT_SECRET": ""}
    if application:
        env.update(CXONE_AREA="", CXONE_CLIENT_ID=ADMIN_APP[0], CXONE_CLIENT_SECRET=ADMIN_APP[1])
    return env


def ansible_env(base_url, token_cache_dir, client=DEMO_CLIENT, collections=COLLECTIONS,
                callback=(CALLBACKS, "cxone_test_json"), api="v2"):
    """The environment of a test (or benchmark) run: ``collections`` (the checkout as
    cxone.cxone), the stdout ``callback`` (its directory and name), and the CXONE_*
    connection settings an admin would export for ``api`` (v2: the seeds' contract with
    ``client``; admin: the real CXone API's access key and application)."""
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": str(collections),
        "ANSIBLE_CALLBACK_PLUGINS": str(callback[0]),
        "ANSIBLE_STDOUT_CALLBACK": callback[1],
        "ANSIBLE_LOCALHOST_WARNING": "false",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "false",
        "CXONE_API": "v2",
        "CXONE_BASE_URL": base_url,
        "CXONE_CLIENT_ID": client[0],
        "CXONE_CLIENT_SECRET": client[1],
        "CXONE_TOKEN_CACHE_DIR": str(token_cache_dir),
    })
    if api == "admin":
        env.update(admin_env(base_url))
    return env


def run_shipped(env, playbook, *extra_vars, args=(), timeout=900):
    """``ansible-playbook`` of one of the collection's playbooks/*.yml with ``env``; each
    of ``extra_vars`` is an ``-e`` value (a dict is passed as JSON)."""
    cmd = []
    for value in extra_vars:
        cmd += ["-e", value if isinstance(value, str) else json.dumps(value)]
    return run_play_file(env, REPO / "playbooks" / playbook, *cmd, *args, timeout=timeout)


def run_play_file(env, path, *args, timeout=900):
    """``ansible-playbook -i localhost, <path> <args>`` with ``env``."""
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", str(path), *args]
    return PlaybookRun.parse(subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout,
                                            check=False))


class PlaybookRun:
    """A finished ansible-playbook process and the task results its callback printed."""

    def __init__(self, proc, data):
        self.proc = proc
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.tasks = data.get("tasks", [])
        self.stats = data.get("stats", {})

    @classmethod
    def parse(cls, proc):
        data = next((json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{"tasks"')), None)
        if data is None:
            raise AssertionError("ansible-playbook gave no result (rc %s)\nstdout:\n%s\nstderr:\n%s"
                                 % (proc.returncode, proc.stdout[-4000:], proc.stderr[-4000:]))
        return cls(proc, data)

    def task(self, name):
        found = [t for t in self.tasks if t["name"] == name]
        assert found, "no task named %r in %s" % (name, [t["name"] for t in self.tasks])
        return found[-1]

    @property
    def changed(self):
        return sum(s.get("changed", 0) for s in self.stats.values())

    @property
    def failed(self):
        return sum(s.get("failures", 0) for s in self.stats.values())
