"""Shared fixtures: the collection on the import path, a tenant emulator per test
session (reset before each test), and a runner for real ansible-playbook runs."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
COLLECTIONS = REPO / ".build" / "collections"
LINK = COLLECTIONS / "ansible_collections" / "cxone" / "cxone"
EMULATOR_DIR = REPO / "tests" / "emulator"
SUPPORT_DIR = REPO / "tests" / "support"


def _link_collection():
    """Expose the checkout as ansible_collections/cxone/cxone for imports and ansible."""
    LINK.parent.mkdir(parents=True, exist_ok=True)
    if not LINK.is_symlink() or LINK.resolve() != REPO:
        if LINK.is_symlink():
            LINK.unlink()
        LINK.symlink_to(REPO, target_is_directory=True)


_link_collection()
for entry in (str(COLLECTIONS), str(EMULATOR_DIR), str(SUPPORT_DIR)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from cxone_emulator import Emulator  # noqa: E402
from cxone_emulator.admin import READINGS  # noqa: E402
from playbook_run import PlaybookRun, ansible_env  # noqa: E402


@pytest.fixture(scope="session")
def emulator_server():
    emu = Emulator()
    emu.start()
    yield emu
    emu.stop()


@pytest.fixture
def emulator(emulator_server):
    """The session's emulator, back at its seed state with counters at zero (the admin API
    under its "notes" reading unless the test asks for admin_reading)."""
    emulator_server.reset()
    emulator_server.configure(rate_limit=None, token_lifetime=3600, latency=0.0, reading="notes")
    yield emulator_server


@pytest.fixture(params=READINGS)
def admin_reading(request, emulator):
    """Each reading of the admin API where public sources disagree (docs/api/admin.md, "Two
    readings of the API"): a test that asks for this fixture runs under both."""
    emulator.configure(reading=request.param)
    return request.param


@pytest.fixture
def token_cache_dir(tmp_path):
    path = tmp_path / "token-cache"
    return path


@pytest.fixture
def run_playbook(emulator, tmp_path, token_cache_dir):
    """Run tasks (YAML text or a list of task dicts) with ansible-playbook against the emulator.

    Connection options come from the CXONE_* environment, as an admin would set them.
    """

    plays = itertools.count()

    def run(tasks, check=False, diff=False, extra_env=None, extra_args=(), play_vars=None, module_defaults=None):
        if isinstance(tasks, str):
            tasks = yaml.safe_load(textwrap.dedent(tasks))
        play = {"name": "test", "hosts": "localhost", "gather_facts": False, "tasks": tasks}
        if play_vars:
            play["vars"] = play_vars
        if module_defaults:
            play["module_defaults"] = module_defaults
        path = tmp_path / ("play-%d.yml" % next(plays))  # unique also when tests run playbooks in threads
        path.write_text(yaml.safe_dump([play], sort_keys=False))
        env = ansible_env(emulator.base_url, token_cache_dir)
        env.update(extra_env or {})
        cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", "-c", "local", str(path)]
        if check:
            cmd.append("--check")
        if diff:
            cmd.append("--diff")
        cmd.extend(extra_args)
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
        return PlaybookRun.parse(proc)

    return run
