"""playbooks/drift_check.yml with the cxone.cxone.drift_report callback: real
ansible-playbook runs of the shipped playbooks against the emulator."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import yaml
from playbook_run import DEMO_CLIENT, ansible_env
from playbook_run import run_shipped as shipped

from ansible_collections.cxone.cxone.plugins.plugin_utils._drift_report import compare

REPO = Path(__file__).resolve().parents[2]
PLAYBOOKS = REPO / "playbooks"
EXAMPLE = PLAYBOOKS / "vars" / "desired_state.example.yml"
SECRET = DEMO_CLIENT[1]


@pytest.fixture
def run_shipped(emulator, tmp_path, token_cache_dir):
    """Run one of playbooks/*.yml with the drift report callback writing to tmp_path/report."""

    def run(playbook, *extra_vars, extra_env=None, args=()):
        env = ansible_env(emulator.base_url, token_cache_dir)
        env.update({"ANSIBLE_CALLBACKS_ENABLED": "cxone.cxone.drift_report",
                    "CXONE_DRIFT_REPORT_DIR": str(tmp_path / "report"),
                    "CXONE_DRIFT_REPORT_FORMATS": "json,markdown,html"})
        env.update(extra_env or {})
        return shipped(env, playbook, *extra_vars, args=args, timeout=600)

    return run


def report(tmp_path, ext="json"):
    text = (tmp_path / "report" / ("drift." + ext)).read_text()
    return json.loads(text) if ext == "json" else text


def drifted(data):
    return {o["label"]: o for o in data["objects"] if o["status"] == "drifted"}


def api(emulator):
    token = httpx.post(emulator.base_url + "/oauth/token", data={
        "grant_type": "client_credentials", "client_id": DEMO_CLIENT[0], "client_secret": DEMO_CLIENT[1]}).json()
    return httpx.Client(base_url=emulator.base_url, headers={"Authorization": "Bearer " + token["access_token"]})


def test_in_sync_with_the_example_desired_state(emulator, run_shipped, tmp_path):
    result = run_shipped("drift_check.yml", "@%s" % EXAMPLE, {"fail_on_drift": True})
    assert result.rc == 0, result.stdout[-3000:]
    assert emulator.stats()["write_requests"] == 0
    data = report(tmp_path)
    example = yaml.safe_load(EXAMPLE.read_text())
    users = {a["user"] for entry in example["cxone_user_skills"] for a in entry["assignments"]}
    expected = (len(example["cxone_queues"]) + len(example["cxone_queue_members"])
                + len(example["cxone_wrapup_codes"]) + len(users) + len(example["cxone_campaign_schedules"]))
    assert data["summary"]["objects"] == expected
    assert data["summary"]["drifted"] == 0 and data["summary"]["errors"] == 0
    assert data["check_mode"] is True
    assert "cxone drift: 0 of %d objects drifted" % expected in result.stdout
    assert "**0 of %d objects drifted from the declaration**" % expected in report(tmp_path, "md")
    assert not result.task("Fail when the tenant drifted from the desired state (fail_on_drift)")["failed"]


def change_out_of_band(emulator):
    """What someone does in the web UI: four changes, none of them by Ansible."""
    store = emulator.store
    store.modify_queue(store.queues_by_name()["Support"]["id"], maxWaiters=80)
    store.modify_wrapup(store.wrapup_codes_by_name()["Peak Hold Callback"]["id"], available=True)
    users = store.users_by_email()
    skills = {s["name"]: s["id"] for s in store.skills.values()}
    with api(emulator) as client:
        billing = store.queues_by_name()["Billing"]["id"]
        client.post("/api/v2/routing/queues/%s/members" % billing,
                    json={"userId": users["bob.smith@acme.example"]["id"]}).raise_for_status()
        laura = users["laura.chen@acme.example"]["id"]
        body = {"skills": [{"id": s["id"], "level": 4 if s["id"] == skills["skill-sales"] else s["level"],
                            "effectiveDateRange": s["effectiveDateRange"]} for s in store.user_skill_set(laura)]}
        client.put("/api/v2/users/%s/skills" % laura, json=body).raise_for_status()
    emulator.reset_stats()


EXPECTED_DRIFT = {
    "queue Support": [{"field": "max_waiters", "live": 80, "declared": 50}],
    "wrap-up code Peak Hold Callback": [{"field": "available", "live": True, "declared": False}],
    "members of queue Billing": [{"field": "members", "live_only": ["bob.smith@acme.example"], "declared_only": []}],
    "skills of laura.chen@acme.example": [{"field": "skills[skill-sales].level", "live": 4, "declared": 3}],
}


def test_out_of_band_changes_are_reported_exactly(emulator, run_shipped, tmp_path):
    change_out_of_band(emulator)
    # No --check and no --diff on the command line: the playbook forces both. The
    # connection comes from play variables (module_defaults), the environment is wrong.
    result = run_shipped("drift_check.yml", "@%s" % EXAMPLE,
                         {"cxone_base_url": emulator.base_url, "cxone_client_id": DEMO_CLIENT[0],
                          "cxone_client_secret": SECRET},
                         extra_env={"CXONE_BASE_URL": "http://127.0.0.1:9", "CXONE_CLIENT_SECRET": "wrong"})
    assert result.rc == 0, result.stdout[-3000:]
    assert emulator.stats()["write_requests"] == 0

    data = report(tmp_path)
    found = drifted(data)
    assert set(found) == set(EXPECTED_DRIFT)
    for label, changes in EXPECTED_DRIFT.items():
        assert found[label]["drift"] == "fields"
        assert found[label]["changes"] == changes, label
    assert data["summary"]["drifted"] == 4 and data["summary"]["errors"] == 0
    assert data["summary"]["in_sync"] == data["summary"]["objects"] - 4

    line = next(line for line in result.stdout.splitlines() if line.startswith("cxone drift:"))
    assert line.startswith("cxone drift: 4 of %d objects drifted (" % data["summary"]["objects"])
    assert "queue Support: max_waiters" in line and "wrap-up code Peak Hold Callback: available" in line
    assert line.endswith("report: %s" % (tmp_path / "report" / "drift.html"))

    markdown = report(tmp_path, "md")
    assert "## queue Support" in markdown and "| max_waiters | 80 | 50 |" in markdown
    assert "| localhost | queue | [Support](#object-" in markdown  # the summary table links the section
    assert "| available | true | false |" in markdown
    assert "| members | only in the tenant: bob.smith@acme.example |  |" in markdown
    assert "| skills[skill-sales].level | 4 | 3 |" in markdown
    # What to do next: the converge command of this very run (its @file, not its inline variables).
    assert "ansible-playbook %s -i localhost, -e @%s" % (PLAYBOOKS / "desired_state.yml", EXAMPLE) in markdown
    assert "<td class=\"field\">max_waiters</td>" in report(tmp_path, "html")

    # The secret went to the modules through module_defaults; it is nowhere in the report.
    for path in (tmp_path / "report").iterdir():
        assert SECRET not in path.read_text(), path
    assert SECRET not in result.stdout


def test_declaration_file_read_as_data(emulator, run_shipped, tmp_path):
    """cxone_desired_state_file: the same drift as -e @file, the converge command reads the
    file the same way, and a section given both ways fails before any request."""
    change_out_of_band(emulator)
    result = run_shipped("drift_check.yml", "cxone_desired_state_file=%s" % EXAMPLE)
    assert result.rc == 0, result.stdout[-3000:]
    assert emulator.stats()["write_requests"] == 0
    found = drifted(report(tmp_path))
    assert {label: found[label]["changes"] for label in found} == EXPECTED_DRIFT
    assert report(tmp_path)["next_steps"]["command"] == "ansible-playbook %s -i localhost, -e %s" % (
        PLAYBOOKS / "desired_state.yml", "cxone_desired_state_file=%s" % EXAMPLE)

    requests = emulator.stats()["requests"]
    both = run_shipped("drift_check.yml", {"cxone_desired_state_file": str(EXAMPLE), "cxone_queues": []})
    assert both.rc != 0
    failed = next(t for t in both.tasks if t["failed"])
    assert failed["name"] == "Read the declaration file (cxone_desired_state_file)"
    assert "cxone_queues is set both as a variable and in %s" % EXAMPLE in failed["result"]["msg"]
    assert emulator.stats()["requests"] == requests


def test_fail_on_drift_makes_the_run_fail(emulator, run_shipped, tmp_path):
    change_out_of_band(emulator)
    result = run_shipped("drift_check.yml", "@%s" % EXAMPLE, {"fail_on_drift": True})
    assert result.rc != 0
    assert emulator.stats()["write_requests"] == 0
    failed = result.task("Fail when the tenant drifted from the desired state (fail_on_drift)")
    assert failed["failed"]
    message = failed["result"]["msg"]
    assert "4 object(s) differ from the desired state" in message
    for label in EXPECTED_DRIFT:
        assert label in message
    # The report is written all the same, and the failure is the verdict, not a failed run.
    assert report(tmp_path)["summary"]["drifted"] == 4
    assert report(tmp_path)["outcome"] == "drifted" and report(tmp_path)["failures"] == []


def test_missing_unexpected_and_errors(emulator, run_shipped, tmp_path):
    state = {
        "cxone_queues": [{"name": "Escalations", "overflow": {"target": "Support"}, "max_waiters": 30}],
        "cxone_queue_members": [
            {"queue": "Escalations", "members": [{"user": "alice.johnson@acme.example"}]},
            {"queue": "Sales", "members": [{"user": "nobody@acme.example"}]},
        ],
    }
    result = run_shipped("drift_check.yml", state)
    assert result.rc != 0  # the unknown user fails its task
    assert emulator.stats()["write_requests"] == 0
    data = report(tmp_path)
    found = drifted(data)
    assert found["queue Escalations"]["drift"] == "missing"
    assert found["queue Escalations"]["declared"]["max_waiters"] == 30
    errors = [o for o in data["objects"] if o["status"] == "error"]
    assert [o["label"] for o in errors] == ["members of queue Sales"]
    assert "nobody@acme.example" in errors[0]["error"]
    # The members of a queue that check mode would create are not compared (skipped).
    assert "members of queue Escalations" not in {o["label"] for o in data["objects"]}
    assert "1 error(s) (members of queue Sales)" in data["summary"]["text"]


def test_unexpected_object_declared_absent(emulator, run_shipped, tmp_path):
    result = run_shipped("drift_check.yml", {"cxone_wrapup_codes": [{"name": "Wrong Number", "state": "absent"}]})
    assert result.rc == 0
    found = drifted(report(tmp_path))
    assert found["wrap-up code Wrong Number"]["drift"] == "unexpected"
    assert found["wrap-up code Wrong Number"]["live"]["routing_type"] == "MANUAL"
    assert "wrap-up code Wrong Number: in the tenant, declared absent" in report(tmp_path)["summary"]["text"]


@pytest.mark.parametrize("state, message", [
    ({"cxone_queues": [{"name": "Support", "max_waiter": 3}]},
     "cxone_queues[0]: queue Support: unknown option(s) max_waiter"),
    ({"cxone_wrapup_codes": [{"name": "Resolved"}, {"name": "Escalated", "availabel": True}]},
     "cxone_wrapup_codes[1]: unknown option(s) availabel"),
    ({"cxone_queue_members": [{"members": []}]}, "cxone_queue_members[0]: missing queue"),
])
def test_bad_declaration_fails_before_any_request(emulator, run_shipped, state, message):
    result = run_shipped("drift_check.yml", state)
    assert result.rc != 0
    failures = [t for t in result.tasks if t["failed"]]
    assert failures and message in json.dumps(failures[0]["result"]), failures
    assert emulator.stats()["requests"] == 0


def test_queues_may_be_declared_in_any_order(emulator, run_shipped, tmp_path):
    """cxone_queue orders the writes itself: a queue may come before its overflow target."""
    state = {"cxone_queues": [{"name": "Escalations", "overflow": {"target": "Callbacks"}}, {"name": "Callbacks"}]}
    checked = run_shipped("drift_check.yml", state)
    assert checked.rc == 0
    found = drifted(report(tmp_path))
    assert found["queue Escalations"]["drift"] == "missing" and found["queue Callbacks"]["drift"] == "missing"
    assert found["queue Escalations"]["declared"]["overflow"]["target"] == "Callbacks"
    assert emulator.stats()["write_requests"] == 0


def test_compare_field_by_field():
    live = {"name": "Q", "service_level": {"threshold": 80, "time": 20}, "members": [
        {"user": "a", "split": 100}, {"user": "b", "split": 50}], "pauses": ["TCPA", "NCDOJ"],
        "windows": [{"day": "MONDAY", "start": "09:00:00"}]}
    declared = {"name": "Q", "service_level": {"threshold": 80, "time": 30}, "members": [
        {"user": "b", "split": 60}, {"user": "c", "split": 100}], "pauses": ["NCDOJ", "FCC"],
        "windows": [{"day": "MONDAY", "start": "09:00:00"}, {"day": "TUESDAY", "start": "09:00:00"}]}
    assert compare(live, declared) == [
        {"field": "service_level.time", "live": 20, "declared": 30},
        {"field": "members", "live_only": ["a"], "declared_only": ["c"]},
        {"field": "members[b].split", "live": 50, "declared": 60},
        {"field": "pauses", "live_only": ["TCPA"], "declared_only": ["FCC"]},
        {"field": "windows", "live_only": [], "declared_only": ["TUESDAY 09:00:00"]},
    ]
    assert compare({"overflow": None}, {"overflow": {"target": "X"}}) == [
        {"field": "overflow", "live": None, "declared": {"target": "X"}}]
    assert compare(live, live) == []


def test_list_items_named_unmanaged_listed_and_converge_leaves_the_report(emulator, run_shipped, tmp_path):
    """A window's end time is one keyed field; what nobody declared is listed on request;
    a converge run (which does not ask for a report) leaves the drift check's report alone."""
    store = emulator.store
    campaign = store.campaigns_by_name()["Spring Renewal Outreach"]["id"]
    schedule = next(iter(store.schedules[campaign].values()))
    monday = next(d for d in schedule["scheduleDetails"] if d["dayOfWeek"] == "MONDAY")
    monday["endTime"] = "20:00:00"
    with api(emulator) as client:
        client.post("/api/v2/routing/wrap-up-codes", json={"name": "Nobody Declared Me"}).raise_for_status()
    emulator.reset_stats()

    checked = run_shipped("drift_check.yml", "@%s" % EXAMPLE, {"cxone_report_unmanaged": True})
    assert checked.rc == 0, checked.stdout[-3000:]
    assert emulator.stats()["write_requests"] == 0
    data = report(tmp_path)
    label = "campaign schedule Spring Renewal Outreach / Weekday business hours"
    assert drifted(data)[label]["changes"] == [
        {"field": "windows[MONDAY 09:00:00].end", "live": "20:00:00", "declared": "17:00:00"}]
    assert {"host": "localhost", "kind": "wrap-up code", "name": "Nobody Declared Me"} in data["unmanaged"]
    # The example declares every queue, so none is reported unmanaged; codes it leaves out are.
    assert not [u for u in data["unmanaged"] if u["kind"] == "queue"]
    assert data["summary"]["unmanaged"] == len(data["unmanaged"])
    assert data["playbook"] == "drift_check.yml" and data["generated"] <= data["finished"]
    markdown = report(tmp_path, "md")
    assert "| windows[MONDAY 09:00:00].end | 20:00:00 | 17:00:00 |" in markdown
    assert "| localhost | wrap-up code | Nobody Declared Me |" in markdown
    assert "(unnamed)" not in markdown and "(unnamed)" not in report(tmp_path, "html")

    written = {p.name: p.read_text() for p in (tmp_path / "report").iterdir()}
    converged = run_shipped("desired_state.yml", "@%s" % EXAMPLE)
    assert converged.rc == 0, converged.stdout[-3000:]
    assert emulator.stats()["write_requests"] > 0  # the window was put back
    assert {p.name: p.read_text() for p in (tmp_path / "report").iterdir()} == written
    assert "cxone drift:" not in converged.stdout


def test_a_run_asks_for_a_report_with_an_extra_variable(emulator, run_shipped, tmp_path):
    state = {"cxone_wrapup_codes": [{"name": "Resolved", "available": True}]}
    run_shipped("desired_state.yml", state)
    assert not (tmp_path / "report").exists()
    asked = run_shipped("desired_state.yml", state, {"cxone_drift_report": True}, args=["--check"])
    assert asked.rc == 0
    assert report(tmp_path)["summary"]["objects"] == 1


@pytest.mark.parametrize("playbook", ["drift_check.yml", "desired_state.yml"])
def test_a_run_that_declares_nothing_fails_before_any_request(emulator, run_shipped, tmp_path, playbook):
    """A misspelt variable (cxone_queue for cxone_queues) declares nothing: the run fails naming
    the variables and the file option it looked for and the variable it does not read."""
    assert run_shipped("drift_check.yml", "@%s" % EXAMPLE).rc == 0  # yesterday's report
    requests = emulator.stats()["requests"]
    result = run_shipped(playbook, {"cxone_queue": [{"name": "Support"}], "fail_on_drift": True})
    assert result.rc != 0
    (failed,) = [t for t in result.tasks if t["failed"]]
    message = failed["result"]["msg"]
    assert message.startswith("Nothing is declared, so nothing would be checked or applied")
    assert "cxone_queues, cxone_queue_members, cxone_wrapup_codes" in message
    assert "cxone_desired_state_file names no file" in message
    assert "Variables set that these playbooks do not read: cxone_queue (did you mean cxone_queues?)" in message
    assert "cxone_desired_state_empty=true" in message
    assert emulator.stats()["requests"] == requests
    data = report(tmp_path)
    if playbook == "desired_state.yml":  # a converge does not ask for a report: the last one stays
        assert data["outcome"] == "in_sync"
        return
    assert data["outcome"] == "failed" and data["summary"]["objects"] == 0
    assert data["failures"][0]["task"].endswith("Check that the run declares something "
                                                "(cxone_desired_state_empty=true when nothing is meant)")
    assert data["summary"]["text"].startswith("cxone drift: THE RUN FAILED")
    assert data["run"]["id"] and data["generated"] != ""
    assert "The run failed" in report(tmp_path, "md") and "The run failed" in report(tmp_path, "html")


def test_a_declaration_file_without_sections_declares_nothing(emulator, run_shipped, tmp_path):
    empty = tmp_path / "empty.yml"
    empty.write_text("cxone_queues: []\n")
    result = run_shipped("drift_check.yml", "cxone_desired_state_file=%s" % empty)
    assert result.rc != 0
    (failed,) = [t for t in result.tasks if t["failed"]]
    assert "the file cxone_desired_state_file=%s holds none of them" % empty in failed["result"]["msg"]
    assert emulator.stats()["requests"] == 0


def test_an_empty_declaration_on_purpose(emulator, run_shipped, tmp_path):
    result = run_shipped("drift_check.yml", {"cxone_desired_state_empty": True, "fail_on_drift": True})
    assert result.rc == 0, result.stdout[-3000:]
    assert emulator.stats()["requests"] == 0
    data = report(tmp_path)
    assert data["outcome"] == "nothing_checked" and data["summary"]["text"].endswith("(nothing was checked)")
    both = run_shipped("drift_check.yml", "@%s" % EXAMPLE, {"cxone_desired_state_empty": True})
    assert both.rc != 0
    (failed,) = [t for t in both.tasks if t["failed"]]
    assert "cxone_desired_state_empty=true says the declaration is empty on purpose, but it declares cxone_queues" \
        in failed["result"]["msg"]


@pytest.mark.parametrize("api, reading", [("v2", "notes"), ("admin", "notes"), ("admin", "specs")])
def test_every_declared_object_is_counted_absent_ones_too(emulator, tmp_path, token_cache_dir, api, reading):
    """The tenant's own wrap-up codes and one declared absent (and absent): all are listed and
    counted, whether or not something else drifted."""
    emulator.configure(reading=reading)
    env = ansible_env(emulator.base_url, token_cache_dir, api=api)
    env.update({"ANSIBLE_CALLBACKS_ENABLED": "cxone.cxone.drift_report",
                "CXONE_DRIFT_REPORT_DIR": str(tmp_path / "report"), "CXONE_DRIFT_REPORT_FORMATS": "json"})
    dest = tmp_path / "codes.yml"
    exported = shipped(env, "export.yml", {"cxone_export_dest": str(dest), "cxone_export_sections": ["wrapup_codes"]})
    assert exported.rc == 0, exported.stdout[-3000:]
    codes = yaml.safe_load(dest.read_text())["cxone_wrapup_codes"]
    declared = {"cxone_wrapup_codes": codes + [{"name": "Never Existed", "state": "absent"}]}
    for edit in (False, True):
        if edit:  # someone switches one code on by hand: the count stays the same
            declared["cxone_wrapup_codes"][0] = dict(codes[0], available=not codes[0].get("available", True))
        result = shipped(env, "drift_check.yml", declared)
        assert result.rc == 0, result.stdout[-3000:]
        data = report(tmp_path)
        assert data["summary"]["objects"] == len(codes) + 1
        assert data["summary"]["drifted"] == (1 if edit else 0)
        in_sync = {o["name"] for o in data["objects"] if o["status"] == "in_sync"}
        assert "Never Existed" in in_sync
    assert emulator.stats()["write_requests"] == 0
