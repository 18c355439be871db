"""The README's drift-check command, run as the README prints it against the example inventory
(its one host is the emulator of `make emulator`; here the emulator of the test, so only the
host's address is given on top)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from playbook_run import REPO, ansible_env, run_shipped

README = REPO / "README.md"


def readme_block(marker):
    for block in re.findall(r"```[a-z]*\n(.*?)```", README.read_text(), re.S):
        if marker in block:
            return block
    raise AssertionError("no code block with %r in README.md" % marker)


def test_the_readme_drift_check_of_the_example_inventory_runs_as_printed(emulator, token_cache_dir, tmp_path):
    """From a directory with the checkout's playbooks and the declaration as tenant.yml, as the README
    assumes; the drift check finds the one edit and fails the run (fail_on_drift=true)."""
    (tmp_path / "playbooks").symlink_to(REPO / "playbooks")
    env = ansible_env(emulator.base_url, token_cache_dir)
    env.pop("CXONE_BASE_URL")  # the inventory's host_vars say where the tenant is
    where = "cxone_base_url=" + emulator.base_url  # this test's emulator, not the port of make emulator
    exported = run_shipped(env, "export.yml", {"cxone_export_dest": str(tmp_path / "tenant.yml")}, where,
                           "cxone_api=v2")
    assert exported.rc == 0, exported.stdout[-3000:]
    code = next(c for c in emulator.store.wrapups.values() if c["name"] == "Resolved")
    emulator.store.modify_wrapup(code["id"], available=not code["available"])
    lines = [line for line in readme_block("-e cxone_hosts=tenants").splitlines() if not line.startswith("#")]
    words = shlex.split(" ".join(line.rstrip("\\").strip() for line in lines))
    assert words[0].startswith("ANSIBLE_CALLBACKS_ENABLED=") and words[1] == "ansible-playbook"
    env[words[0].split("=", 1)[0]] = words[0].split("=", 1)[1]
    env.pop("ANSIBLE_STDOUT_CALLBACK")  # the summary line as a person sees it
    args = [str(Path(sys.executable).parent / "ansible-playbook")] + words[2:] + ["-e", where]
    proc = subprocess.run(args, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 2, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert re.search(r"cxone drift: 1 of \d+ objects drifted \(wrap-up code Resolved: available\)", proc.stdout)
    assert (tmp_path / "cxone-drift" / "drift.html").is_file()
