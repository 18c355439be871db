"""The shipped playbooks run the way AWX / Automation Platform runs them: through
ansible-runner (the engine inside every execution environment), with the connection
injected as environment variables by the credential type of awx/credential_type.yml,
extra variables as a survey or the job template gives them, and job type Run or Check.

Read back from the job events and artifact files, as AWX does: which tasks changed, the
drift report of playbooks/drift_check.yml (cxone.cxone.drift_report callback), and that
neither the client secret nor any access token reaches an event or an artifact file.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sys
from pathlib import Path

import ansible_runner
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from awx_credential import render_injectors  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
COLLECTIONS = REPO / ".build" / "collections"
EXAMPLE = yaml.safe_load((REPO / "playbooks" / "vars" / "desired_state.example.yml").read_text())
CLIENT_ID, SECRET = "cxone-demo", "demo-secret-not-for-production"

# A small slice of the example desired state (the emulator's seed as export.yml writes it):
# two queues (Overflow first: Support overflows to it) and one wrap-up code.
DESIRED = {
    "cxone_queues": [q for q in EXAMPLE["cxone_queues"] if q["name"] in ("Overflow", "Support")],
    "cxone_wrapup_codes": [c for c in EXAMPLE["cxone_wrapup_codes"] if c["name"] == "Peak Hold Callback"],
}


class Job:
    """What AWX keeps of a job: status, rc, the events and the artifact files."""

    def __init__(self, runner, private_data_dir, report_dir):
        self.status = runner.status
        self.rc = runner.rc
        self.events = list(runner.events)
        self.stdout = runner.stdout.read()
        self.private_data_dir = private_data_dir
        self.artifact_dir = Path(runner.config.artifact_dir)
        self.report_dir = report_dir

    def changed_tasks(self):
        return sorted({e["event_data"]["task"] for e in self.events
                       if e["event"] == "runner_on_ok" and e["event_data"]["res"].get("changed")})

    def failed_tasks(self):
        return sorted({e["event_data"]["task"] for e in self.events if e["event"] == "runner_on_failed"})

    def drift_summary(self):
        lines = [e["stdout"] for e in self.events if e.get("stdout", "").startswith("cxone drift:")]
        assert len(lines) == 1, [e.get("stdout") for e in self.events if e["event"] == "verbose"]
        return lines[0]

    def report(self):
        return json.loads((self.report_dir / "drift.json").read_text())


@pytest.fixture
def awx_job(emulator, tmp_path):
    """Start a job like AWX: a private data dir with the project (playbooks/, as a project
    sync copies it) and an inventory, the credential's environment, extra variables."""
    jobs = itertools.count(1)

    def run(playbook, extravars, job_type="run", diff=False, drift_report=False, project_files=None):
        number = next(jobs)
        pdd = tmp_path / ("job-%d" % number)
        shutil.copytree(REPO / "playbooks", pdd / "project")
        for name, content in (project_files or {}).items():  # files of the project's repository
            (pdd / "project" / name).parent.mkdir(parents=True, exist_ok=True)
            (pdd / "project" / name).write_text(content)
        (pdd / "inventory").mkdir()
        (pdd / "inventory" / "hosts.yml").write_text(yaml.safe_dump({"all": {"hosts": {"localhost": {
            "ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}))
        envvars = render_injectors({"base_url": emulator.base_url, "client_id": CLIENT_ID, "client_secret": SECRET})
        envvars.update({
            "PATH": "%s%s%s" % (Path(sys.executable).parent, os.pathsep, os.environ.get("PATH", "")),
            "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
            "ANSIBLE_LOCAL_TEMP": str(tmp_path / "ansible-tmp"),
            # Each job is a new EE container: its own $HOME/.cache/cxone.cxone.
            "CXONE_TOKEN_CACHE_DIR": str(tmp_path / ("home-%d" % number) / "cxone.cxone"),
        })
        report_dir = pdd / "drift-report"
        if drift_report:
            envvars.update({"ANSIBLE_CALLBACKS_ENABLED": "cxone.cxone.drift_report",
                            "CXONE_DRIFT_REPORT_DIR": str(report_dir),
                            "CXONE_DRIFT_REPORT_FORMATS": "json,markdown"})
        cmdline = " ".join((["--check"] if job_type == "check" else []) + (["--diff"] if diff else []))
        runner = ansible_runner.run(
            private_data_dir=str(pdd), playbook=playbook, inventory=str(pdd / "inventory"),
            extravars=extravars, envvars=envvars, cmdline=cmdline or None, ident="job-%d" % number,
            quiet=True, timeout=300,
            # As AWX: the credential's environment is not written to <private_data_dir>/env.
            suppress_env_files=True,
        )
        return Job(runner, pdd, report_dir)

    return run


def assert_no_secret(emulator, jobs):
    """Neither the client secret nor any token the emulator issued is in an event or a file
    of a job's private data dir (artifacts, events, stdout, drift report)."""
    tokens = list(emulator.tokens)
    assert tokens, "the jobs logged in"
    needles = [SECRET] + tokens
    for job in jobs:
        for event in job.events:
            text = json.dumps(event)
            for needle in needles:
                assert needle not in text, "secret or token in %s event" % event["event"]
        for path in job.private_data_dir.rglob("*"):
            if not path.is_file() or "project" in path.relative_to(job.private_data_dir).parts:
                continue
            text = path.read_text(errors="replace")
            if path == job.artifact_dir / "command":
                # ansible-runner's record of the command and of the environment it was given
                # (0600). AWX keeps it only redacted (job_env); the secret must never be on
                # the command line, where any local user can see it.
                record = json.loads(text)
                assert SECRET not in json.dumps(record["command"])
                assert oct(path.stat().st_mode & 0o777) == "0o600"
                continue
            for needle in needles:
                assert needle not in text, "secret or token in %s" % path


def test_drift_check_and_converge_as_awx_jobs(emulator, awx_job):
    # Scheduled drift check (job type Check) of a tenant that is as declared.
    in_sync = awx_job("drift_check.yml", DESIRED, job_type="check", drift_report=True)
    assert in_sync.status == "successful" and in_sync.rc == 0, in_sync.stdout[-3000:]
    assert in_sync.changed_tasks() == []
    assert in_sync.drift_summary().startswith("cxone drift: 0 of 3 objects drifted")
    assert in_sync.report()["summary"]["drifted"] == 0
    assert emulator.stats()["write_requests"] == 0

    # Someone changes the tenant in the web UI; the next drift check turns the job red.
    store = emulator.store
    store.modify_queue(store.queues_by_name()["Support"]["id"], maxWaiters=80)
    store.modify_wrapup(store.wrapup_codes_by_name()["Peak Hold Callback"]["id"], available=True)
    # This job reads the declaration as a file of the project (cxone_desired_state_file,
    # relative to the project's root, where AWX runs a job).
    drifted = awx_job("drift_check.yml", {"cxone_desired_state_file": "desired/acme.yml", "fail_on_drift": True},
                      job_type="check", drift_report=True, project_files={"desired/acme.yml": yaml.safe_dump(DESIRED)})
    assert drifted.status == "failed" and drifted.rc != 0
    assert drifted.failed_tasks() == ["Fail when the tenant drifted from the desired state (fail_on_drift)"]
    summary = drifted.drift_summary()
    assert summary.startswith("cxone drift: 2 of 3 objects drifted")
    assert "queue Support: max_waiters" in summary and "wrap-up code Peak Hold Callback: available" in summary
    report = drifted.report()
    changes = {o["label"]: o["changes"] for o in report["objects"] if o["status"] == "drifted"}
    assert changes == {"queue Support": [{"field": "max_waiters", "live": 80, "declared": 50}],
                       "wrap-up code Peak Hold Callback": [{"field": "available", "live": True, "declared": False}]}
    assert emulator.stats()["write_requests"] == 0

    # The converge job template (job type Check first, as a preview, then Run).
    preview = awx_job("desired_state.yml", DESIRED, job_type="check", diff=True)
    assert preview.status == "successful", preview.stdout[-3000:]
    assert emulator.stats()["write_requests"] == 0
    converge = awx_job("desired_state.yml", DESIRED, job_type="run")
    assert converge.status == "successful" and converge.rc == 0, converge.stdout[-3000:]
    assert converge.changed_tasks() == preview.changed_tasks() != []
    assert emulator.stats()["writes_applied"] == 2
    assert store.queues_by_name()["Support"]["maxWaiters"] == 50
    assert store.wrapup_codes_by_name()["Peak Hold Callback"]["available"] is False

    # Converged: the next Check job finds nothing to do.
    again = awx_job("drift_check.yml", DESIRED, job_type="check", drift_report=True)
    assert again.status == "successful" and again.changed_tasks() == []
    assert again.drift_summary().startswith("cxone drift: 0 of 3 objects drifted")

    # One token per job (not one per task), and neither the tokens nor the secret are in
    # anything the jobs left.
    assert emulator.stats()["token_requests"] == 5
    assert_no_secret(emulator, [in_sync, drifted, preview, converge, again])
