"""docs/getting_started.md, followed as a newcomer would, with an access key only (no
registered application): the collection installed from the built artifact, the three values in
a Vault-encrypted file, the tenant check, the guide's own first playbook (taken from the
guide), an export, a hand edit made with the guide's own command, a drift check whose HTML
report says what drifted, the converge command the report gives pasted as printed, a check
that cannot log in saying so, and the cron line's drift check failing on drift. Against the
real CXone API's shape (the emulator, api=admin, the default)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from galaxy_import import BIN, REPO, build_collection  # noqa: E402
from playbook_run import ADMIN_KEY  # noqa: E402

GUIDE = REPO / "docs" / "getting_started.md"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The artifact installed the way the guide's step 1 does, into a collections path of its own."""
    root = tmp_path_factory.mktemp("newcomer")
    artifact = build_collection(root / "dist")
    collections = root / "collections"
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--force", "-p", str(collections),
                    str(artifact)], check=True, capture_output=True, text=True,
                   env={"PATH": "%s:/usr/bin:/bin" % BIN, "HOME": str(root), "ANSIBLE_COLLECTIONS_PATH": str(collections)})
    return collections


def guide_block(marker):
    """The guide's fenced code block that contains ``marker``."""
    for block in re.findall(r"```[a-z]*\n(.*?)```", GUIDE.read_text(), re.S):
        if marker in block:
            return block
    raise AssertionError("no code block with %r in %s" % (marker, GUIDE))


def test_the_guide_from_install_to_a_scheduled_drift_check(emulator, installed, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "%s:/usr/bin:/bin" % BIN, "HOME": str(home), "ANSIBLE_COLLECTIONS_PATH": str(installed),
           "ANSIBLE_LOCALHOST_WARNING": "false", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
           "ANSIBLE_PYTHON_INTERPRETER": sys.executable, "ANSIBLE_NOCOLOR": "1"}

    def run(*args, expect=0, extra_env=None):
        proc = subprocess.run([str(BIN / args[0]), *args[1:]], env=dict(env, **(extra_env or {})), cwd=tmp_path,
                              capture_output=True, text=True, timeout=600, check=False)
        assert proc.returncode == expect, "%s\n%s\n%s" % (shlex.join(args), proc.stdout[-3000:], proc.stderr[-2000:])
        return proc.stdout

    def recap(out):
        return {key: int(value) for key, value in re.findall(r"(ok|changed|failed)=(\d+)", out)}

    # Step 1: installed from the artifact; ansible-doc finds the modules.
    assert "cxone.cxone.cxone_queue" in run("ansible-doc", "cxone.cxone.cxone_queue")

    # Step 2: the three values in a Vault-encrypted file (the area is the emulator's URL here).
    secrets = tmp_path / "tenant-secrets.yml"
    secrets.write_text(yaml.safe_dump({"cxone_area": emulator.base_url,
                                       "cxone_access_key_id": ADMIN_KEY[0], "cxone_access_key_secret": ADMIN_KEY[1]}))
    password = tmp_path / "vault-pass"
    password.write_text("correct horse battery staple\n")
    run("ansible-vault", "encrypt", "--vault-password-file", str(password), str(secrets))
    assert ADMIN_KEY[1] not in secrets.read_text()
    vault = ["-e", "@%s" % secrets, "--vault-password-file", str(password)]
    # The tenant check, as the guide gives it (the vault password from its file instead of a prompt).
    check_line = guide_block("cxone.cxone.tenant_check").strip()
    assert check_line == "ansible-playbook cxone.cxone.tenant_check -e @tenant-secrets.yml --ask-vault-pass"
    run("ansible-playbook", "cxone.cxone.tenant_check", *vault)
    assert "could not check" in (tmp_path / "tenant-check-localhost.md").read_text()
    assert emulator.stats()["write_requests"] == 0
    assert "POST /auth/token" not in emulator.stats()["by_route"]  # no application: the key alone

    # Step 3: the guide's first playbook: check, apply, apply again.
    (tmp_path / "first.yml").write_text(guide_block("# first.yml"))
    assert recap(run("ansible-playbook", "first.yml", *vault, "--check", "--diff"))["changed"] == 1
    assert emulator.stats()["write_requests"] == 0
    assert recap(run("ansible-playbook", "first.yml", *vault, "--diff"))["changed"] == 1
    writes = emulator.stats()["write_requests"]
    assert recap(run("ansible-playbook", "first.yml", *vault))["changed"] == 0
    assert emulator.stats()["write_requests"] == writes

    # Step 4: export, drift check (0 drifted), someone edits the tenant, the report says what.
    run("ansible-playbook", "cxone.cxone.export", *vault, "-e", "cxone_export_dest=acme.yml")
    report_env = {"ANSIBLE_CALLBACKS_ENABLED": "cxone.cxone.drift_report"}
    declared = ["-e", "cxone_desired_state_file=acme.yml"]  # the file as data, relative to the working directory
    out = run("ansible-playbook", "cxone.cxone.drift_check", *vault, *declared, extra_env=report_env)
    assert re.search(r"cxone drift: 0 of \d+ objects drifted report: .*cxone-drift/drift.html", out), out[-2000:]
    # Someone edits the tenant by hand: the guide's own command for the emulator, run as written.
    edit_line = next(line for line in guide_block("cxone_emulator.edit").splitlines() if "cxone_emulator.edit" in line)
    proc = subprocess.run(["bash", "-c", edit_line], cwd=REPO, env=dict(env, CXONE_EMULATOR_URL=emulator.base_url),
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    code = next(d for d in emulator.admin_store.dispositions.values() if d["dispositionName"] == "Escalated to tier 2")
    assert code["isActive"] is False
    out = run("ansible-playbook", "cxone.cxone.drift_check", *vault, *declared, extra_env=report_env)
    assert "cxone drift: 1 of" in out and "wrap-up code Escalated to tier 2: available" in out
    assert "report: %s" % (tmp_path / "cxone-drift" / "drift.html") in out  # where the guide says: the cwd
    html = (tmp_path / "cxone-drift" / "drift.html").read_text()
    assert "Escalated to tier 2" in html and "<td class=\"field\">available</td>" in html
    data = json.loads((tmp_path / "cxone-drift" / "drift.json").read_text())
    command = data["next_steps"]["command"]
    assert command.startswith("ansible-playbook cxone.cxone.desired_state")
    assert "--vault-password-file %s" % password in command and "@%s" % secrets in command
    assert "cxone_desired_state_file=%s" % (tmp_path / "acme.yml") in command
    assert ADMIN_KEY[1] not in html + json.dumps(data)

    # The report's converge command, pasted as printed (from another directory: its paths are absolute).
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(["bash", "-c", command], cwd=elsewhere, env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert recap(proc.stdout)["changed"] == 1 and "wrap-up codes: 0 added, 1 changed (Escalated to tier 2)" in proc.stdout
    assert code["isActive"] is True

    # A check that cannot log in says so first, and blames the login, not an object.
    wrong = tmp_path / "wrong-secrets.yml"
    # (another key's id: the token cache holds a token for the right one, whatever secret is given)
    wrong.write_text(yaml.safe_dump({"cxone_area": emulator.base_url, "cxone_access_key_id": "revoked-key",
                                     "cxone_access_key_secret": "not-the-secret"}))
    out = run("ansible-playbook", "cxone.cxone.drift_check", "-e", "@%s" % wrong, *declared, extra_env=report_env,
              expect=2)
    assert "cxone drift: NOT CHECKED: the tenant could not be read on localhost" in out
    assert "access key (access_key_id / access_key_secret) was refused" in out and "not-the-secret" not in out
    assert "objects drifted" not in out.split("NOT CHECKED", 1)[1].split("\n", 1)[0]

    # Step 5: the cron line's drift check: fails on drift, passes when in sync.
    assert "fail_on_drift=true" in guide_block("15 6 * * *")
    assert "cxone_desired_state_file=acme.yml" in guide_block("15 6 * * *")
    run("ansible-playbook", "cxone.cxone.drift_check", *vault, *declared, "-e", "fail_on_drift=true")
    code["isActive"] = False
    out = run("ansible-playbook", "cxone.cxone.drift_check", *vault, *declared, "-e", "fail_on_drift=true",
              expect=2)
    assert "differ from the desired state" in out

    # The cron line as the guide prints it (its paths moved here), and with the file variable
    # misspelt: the scheduled check fails before any request, and its report says so.
    drift_dir = tmp_path / "cron-drift"
    line = guide_block("15 6 * * *").split("*  ", 1)[1]
    line = (line.replace("cd /srv/cxone && ", "").replace("/srv/cxone/drift", str(drift_dir))
            .replace("/srv/cxone/.vault-pass", str(password)))

    def cron(command, expect):
        proc = subprocess.run(["bash", "-c", command], env=env, cwd=tmp_path, capture_output=True, text=True,
                              timeout=600, check=False)
        assert proc.returncode == expect, "%s\n%s\n%s" % (command, proc.stdout[-3000:], proc.stderr[-2000:])
        return proc.stdout, json.loads((drift_dir / "drift.json").read_text())

    code["isActive"] = True
    out, data = cron(line, 0)
    assert data["outcome"] == "in_sync" and data["summary"]["objects"] > 0, out[-2000:]
    requests = emulator.stats()["requests"]
    out, data = cron(line.replace("cxone_desired_state_file=", "cxone_desired_state="), 2)
    assert "Nothing is declared" in out and "cxone_desired_state (did you mean cxone_desired_state_file?)" in out
    assert emulator.stats()["requests"] == requests  # not even a login
    assert data["outcome"] == "failed" and data["summary"]["objects"] == 0
    assert "THE RUN FAILED" in data["summary"]["text"] and "cxone_desired_state_file" in data["failures"][0]["error"]
    assert "The run failed" in (drift_dir / "drift.html").read_text()
