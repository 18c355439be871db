"""api=admin against the emulator's admin surface: access-key login and discovery, queues as
skills, wrap-up codes as dispositions, queue members as skill assignments, queue load."""

from __future__ import annotations

import json
import threading
import time

import pytest
import yaml
from playbook_run import admin_env


@pytest.fixture
def admin_run(emulator, admin_reading, run_playbook):
    def run(tasks, **kwargs):
        env = dict(admin_env(emulator.base_url), **kwargs.pop("extra_env", {}))
        return run_playbook(tasks, extra_env=env, **kwargs)
    return run


def writes(emulator):
    return emulator.stats()["write_requests"]


def skill(emulator, name):
    return next(s for s in emulator.admin_store.skills.values() if s["skillName"] == name)


def routes(emulator):
    return emulator.stats()["by_route"]


def answered(emulator, method, route):
    """Requests of ``route`` (a stats template) the emulator answered with success: under the
    "notes" reading, a task's first read of many skills' assignments is also tried (and refused)
    in the JSON form, once per token cache."""
    return sum(1 for r in emulator.requests if (r["method"], r["path_template"]) == (method, route)
               and r["status"] < 400)


MANY_SKILLS = "/inContactAPI/services/v{N}.0/skills/agents"


QUEUE = {"name": "Escalations", "description": "Tier 2", "campaign": "Customer Care", "media_type": "chat",
         "service_level": {"threshold": 85, "time": 20}, "priority": {"acceleration": 2},
         "wrapup_codes": ["Escalated", "Resolved"]}


def test_queue_as_a_skill_create_converge_check_deactivate(emulator, admin_run):
    task = [{"name": "queue", "cxone.cxone.cxone_queue": QUEUE}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("queue")["changed"] is True and writes(emulator) == 0
    created = admin_run(task, diff=True)
    result = created.task("queue")["result"]
    assert result["diff"] == checked.task("queue")["result"]["diff"]
    stored = skill(emulator, "Escalations")
    assert (stored["mediaTypeId"], stored["serviceLevelGoal"], stored["serviceLevelThreshold"]) == (3, 85, 20)
    assert stored["acceleration"] == 2 and stored["campaignId"] == 101
    names = {d["dispositionId"]: d["dispositionName"] for d in emulator.admin_store.dispositions.values()}
    assert [names[d["dispositionId"]] for d in sorted(stored["dispositions"], key=lambda d: d["priority"])] == [
        "Escalated", "Resolved"]
    assert result["queue"]["wrapup_codes"] == ["Escalated", "Resolved"] and result["queue"]["campaign"] == "Customer Care"
    # Discovery: one login (the access key alone) and one discovery request for the whole run.
    assert routes(emulator)["POST /authentication/v1/token/access-key"] == 1
    assert routes(emulator)["GET /.well-known/cxone-configuration"] == 1 and "POST /auth/token" not in routes(emulator)

    before = writes(emulator)
    again = admin_run(task)
    assert again.task("queue")["changed"] is False and writes(emulator) == before
    # A partial update sends only the field that differs.
    emulator.reset_stats()
    admin_run([{"name": "queue", "cxone.cxone.cxone_queue": {"name": "Escalations", "description": "Tier 2+3"}}])
    put = [r for r in emulator.requests if r["method"] == "PUT"]
    assert len(put) == 1 and skill(emulator, "Escalations")["notes"] == "Tier 2+3"
    assert skill(emulator, "Escalations")["acceleration"] == 2  # not managed, kept
    gone = admin_run([{"name": "queue", "cxone.cxone.cxone_queue": {"name": "Escalations", "state": "absent"}}])
    assert gone.task("queue")["changed"] is True and skill(emulator, "Escalations")["isActive"] is False
    assert admin_run([{"name": "queue", "cxone.cxone.cxone_queue": {"name": "Escalations", "state": "absent"}}]
                     ).task("queue")["changed"] is False
    back = admin_run(task)
    assert back.task("queue")["changed"] is True and skill(emulator, "Escalations")["isActive"] is True


def test_require_wrapup_code_end_to_end(emulator, admin_run, run_playbook, tmp_path, token_cache_dir):
    """An option added once (the model and one line of the admin field map): module, check
    mode, diff, export and drift report on api=admin; refused before any request on api=v2."""
    from playbook_run import ansible_env, run_shipped

    task = [{"name": "queue", "cxone.cxone.cxone_queue": {"name": "Support", "require_wrapup_code": True}}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.task("queue")["changed"] is True and writes(emulator) == 0
    diff = checked.task("queue")["result"]["diff"]
    assert (diff["before"]["require_wrapup_code"], diff["after"]["require_wrapup_code"]) == (False, True)
    real = admin_run(task, diff=True)
    assert real.task("queue")["result"]["diff"] == diff and skill(emulator, "Support")["requireDisposition"] is True
    before = writes(emulator)
    assert admin_run(task).task("queue")["changed"] is False and writes(emulator) == before

    env = ansible_env(emulator.base_url, token_cache_dir, api="admin")
    env.update({"ANSIBLE_CALLBACKS_ENABLED": "cxone.cxone.drift_report",
                "CXONE_DRIFT_REPORT_DIR": str(tmp_path / "report"), "CXONE_DRIFT_REPORT_FORMATS": "json"})
    dest = tmp_path / "queues.yml"
    assert run_shipped(env, "export.yml", {"cxone_export_dest": str(dest), "cxone_export_sections": ["queues"]}).rc == 0
    exported = {q["name"]: q for q in yaml.safe_load(dest.read_text())["cxone_queues"]}
    assert exported["Support"]["require_wrapup_code"] is True and exported["Billing"]["require_wrapup_code"] is False
    skill(emulator, "Support")["requireDisposition"] = False  # someone unticks it in CXone
    assert run_shipped(env, "drift_check.yml", "cxone_desired_state_file=%s" % dest).rc == 0
    report = json.loads((tmp_path / "report" / "drift.json").read_text())
    (support,) = [o for o in report["objects"] if o["status"] == "drifted"]
    assert support["label"] == "queue Support" and support["changes"] == [
        {"field": "require_wrapup_code", "live": False, "declared": True}]

    emulator.reset_stats()
    refused = run_playbook(task)
    assert refused.rc != 0
    assert "require_wrapup_code: not available with api=v2" in refused.task("queue")["result"]["msg"]
    assert emulator.stats()["requests"] == 0


@pytest.mark.parametrize("options, message", [
    ({"name": "X", "overflow": {"target": "Support"}}, "overflow: not available with api=admin: CXone has no queue "
                                                       "overflow setting; overflow is routed in Studio scripts"),
    ({"name": "X", "max_waiters": 5}, "max_waiters: not available with api=admin"),
    ({"name": "X", "skill_requirements": [{"skill": "Support", "proficiency": "expert"}]},
     "skill_requirements: not available with api=admin"),
    ({"name": "New queue"}, "campaign: required to create queue 'New queue' with api=admin"),
    ({"name": "Support", "media_type": "email"}, "media_type: queue 'Support' is phone; CXone sets it when a skill "
                                                 "is created"),
])
def test_queue_options_refused_before_any_write(emulator, admin_run, options, message):
    run = admin_run([{"name": "queue", "cxone.cxone.cxone_queue": options}])
    assert run.rc != 0
    assert message in run.task("queue")["result"]["msg"], run.task("queue")["result"]["msg"]
    assert writes(emulator) == 0


def test_options_of_one_surface_are_refused_on_the_other_with_no_request(emulator, run_playbook):
    run = run_playbook([{"name": "queue", "cxone.cxone.cxone_queue": {"name": "Support", "media_type": "chat"}}])
    assert "media_type: not available with api=v2" in run.task("queue")["result"]["msg"]
    assert emulator.stats()["requests"] == 0


def test_members_as_skill_assignments(emulator, admin_run, admin_reading):
    members = [{"user": "alice.johnson@acme.example", "proficiency": 3},
               {"user": "bob.smith@acme.example", "proficiency": 7, "active": False}]
    task = [{"name": "members", "cxone.cxone.cxone_queue_member": {
        "memberships": [{"queue": "Overflow", "members": members, "exclusive": True}]}}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert writes(emulator) == 0
    real = admin_run(task, diff=True)
    result = real.task("members")["result"]
    assert result["diff"] == checked.task("members")["result"]["diff"]
    overflow = skill(emulator, "Overflow")["skillId"]
    agents = {a["emailAddress"]: a["agentId"] for a in emulator.admin_store.agents.values()}
    held = {a: e for (s, a), e in emulator.admin_store.assignments.items() if s == overflow}
    assert set(held) == {agents["alice.johnson@acme.example"], agents["bob.smith@acme.example"]}
    assert held[agents["bob.smith@acme.example"]]["proficiency"] == 7
    assert held[agents["bob.smith@acme.example"]]["isActive"] is False
    # Many skills' assignments are read with one request.
    assert answered(emulator, "GET", MANY_SKILLS) == 3  # check, real, read back
    assert routes(emulator)["GET " + MANY_SKILLS] == (4 if admin_reading == "notes" else 3)
    before = writes(emulator)
    assert admin_run(task).task("members")["changed"] is False and writes(emulator) == before
    refused = admin_run([{"name": "members", "cxone.cxone.cxone_queue_member": {
        "queue": "Support", "members": [{"user": "alice.johnson@acme.example", "split": 50}]}}])
    assert "members[0].split: not available with api=admin" in refused.task("members")["result"]["msg"]


def test_assignment_reads_follow_paging_when_the_answer_pages(emulator, admin_run):
    crew = emulator.admin_store.add_agents(150, prefix="pager")
    members = [{"user": email, "proficiency": 4} for email in crew]
    task = [{"name": "members", "cxone.cxone.cxone_queue_member": {"queue": "Billing", "members": members}}]
    assert admin_run(task).task("members")["changed"] is True
    emulator.admin_store.page_assignment_reads = True  # 152 assignments: two pages of 100
    emulator.reset_stats()
    again = admin_run(task + [{"name": "info", "cxone.cxone.cxone_queue_member_info": {"queue": "Billing"}}])
    assert again.task("members")["changed"] is False and writes(emulator) == 0
    assert len(again.task("info")["result"]["members"]) == 152
    assert routes(emulator).get("GET /inContactAPI/services/v{N}.0/skills/agents") == 4  # 2 reads x 2 pages


def test_an_assignment_read_that_may_be_cut_short_is_read_skill_by_skill(emulator, token_cache_dir, run_playbook):
    """The "specs" reading: GET /skills/agents applies top and answers no paging keys, so a full
    answer may be cut short: the skills are read one by one (paged), never taken as complete."""
    emulator.configure(reading="specs")
    crew = emulator.admin_store.add_agents(150, prefix="pager")
    task = [{"name": "members", "cxone.cxone.cxone_queue_member": {
        "queue": "Billing", "members": [{"user": email, "proficiency": 4} for email in crew]}}]
    env = admin_env(emulator.base_url)
    assert run_playbook(task, extra_env=env).task("members")["changed"] is True
    emulator.reset_stats()
    again = run_playbook(task + [{"name": "info", "cxone.cxone.cxone_queue_member_info": {"queue": "Billing"}}],
                         extra_env=env)
    assert again.task("members")["changed"] is False and writes(emulator) == 0
    assert len(again.task("info")["result"]["members"]) == 152
    per_skill = routes(emulator)["GET /inContactAPI/services/v{N}.0/skills/{id}/agents"]
    assert routes(emulator)["GET " + MANY_SKILLS] == 2 and per_skill >= 4  # each read: cut short, then per skill


def test_a_200_with_a_failed_item_names_it_and_a_rerun_finishes(emulator, admin_run):
    """Someone assigns Alice between the task's read and its write: the 200 answer reports her
    item failed ("already assigned") and Bob's applied; the task says so, the rerun finishes."""
    overflow = skill(emulator, "Overflow")["skillId"]
    agents = {a["emailAddress"]: a["agentId"] for a in emulator.admin_store.agents.values()}
    emulator.add_fault(kind="latency", seconds=1.5, times=1,
                       match={"method": "POST", "path": "/skills/%d/agents$" % overflow})

    def assign_alice_meanwhile():
        deadline = time.monotonic() + 60
        while not emulator.stats()["faults"].get("latency") and time.monotonic() < deadline:
            time.sleep(0.02)
        with emulator.admin_store.lock:
            emulator.admin_store.assignments[(overflow, agents["alice.johnson@acme.example"])] = {
                "proficiency": 9, "isActive": True, "lastUpdateTime": "2026-01-01T00:00:00.000Z"}

    helper = threading.Thread(target=assign_alice_meanwhile)
    helper.start()
    members = [{"user": "alice.johnson@acme.example", "proficiency": 2}, {"user": "bob.smith@acme.example"}]
    task = [{"name": "members", "cxone.cxone.cxone_queue_member": {"queue": "Overflow", "members": members}}]
    run = admin_run(task)
    helper.join()
    result = run.task("members")["result"]
    assert run.rc != 0
    # Read again after the write: Alice is there (proficiency 9, not the 2 asked for), Bob was added.
    assert "1 change(s) not applied (update alice.johnson@acme.example)" in result["msg"], result["msg"]
    assert "already assigned" in result["msg"] and "bob.smith@acme.example" in result["added"]
    assert result["failures"][0]["user"] == "alice.johnson@acme.example"
    rerun = admin_run(task)
    assert rerun.rc == 0 and rerun.task("members")["result"]["updated"] == ["alice.johnson@acme.example"]
    assert emulator.admin_store.assignments[(overflow, agents["alice.johnson@acme.example"])]["proficiency"] == 2
    assert admin_run(task).task("members")["changed"] is False


def test_wrapup_codes_as_dispositions(emulator, admin_run):
    task = [{"name": "codes", "cxone.cxone.cxone_wrapup_code": {"codes": [
        {"name": "Storm callback", "available": False, "preview": True},
        {"name": "Resolved", "notes": "closed on first contact"},
        {"name": "Wrong Number", "state": "absent"}]}}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert writes(emulator) == 0
    real = admin_run(task, diff=True)
    result = real.task("codes")["result"]
    assert result["diff"] == checked.task("codes")["result"]["diff"]
    # Absent deactivates (CXone deletes no disposition): an update of available.
    assert result["added"] == ["Storm callback"] and result["updated"] == ["Resolved", "Wrong Number"]
    assert result["removed"] == []
    codes = {d["dispositionName"]: d for d in emulator.admin_store.dispositions.values()}
    assert codes["Storm callback"]["isActive"] is False and codes["Storm callback"]["isPreviewDisposition"] is True
    assert codes["Wrong Number"]["isActive"] is False  # CXone deletes no disposition
    before = writes(emulator)
    assert admin_run(task).task("codes")["changed"] is False and writes(emulator) == before
    refused = admin_run([{"name": "code",
                          "cxone.cxone.cxone_wrapup_code": {"name": "Resolved", "wrap_up_type": "CALL"}}])
    assert "wrap_up_type: not available with api=admin" in refused.task("code")["result"]["msg"]


def test_queue_load_from_skill_activity(emulator, admin_run):
    run = admin_run([{"name": "load", "cxone.cxone.cxone_queue_load_info": {"queues": ["Support", "Billing"]}}])
    assert run.rc == 0, run.stdout
    load = {q["queue"]: q for q in run.task("load")["result"]["queues"]}
    assert set(load) == {"Support", "Billing"}
    assert all(isinstance(q["waiting"], int) and isinstance(q["oldest_wait_seconds"], int) for q in load.values())


def test_login_failures_say_which_credential(emulator, admin_run):
    task = [{"name": "info", "cxone.cxone.cxone_queue_info": {}}]
    bad_key = admin_run(task, extra_env={"CXONE_ACCESS_KEY_SECRET": "wrong-key-secret"})
    msg = bad_key.task("info")["result"]["msg"]
    assert "access key (access_key_id / access_key_secret) was refused at " + emulator.base_url in msg
    assert "wrong-key-secret" not in msg
    application = admin_env(emulator.base_url, application=True)
    bad_app = admin_run(task, extra_env=dict(application, CXONE_CLIENT_SECRET="wrong-app-secret"))
    msg = bad_app.task("info")["result"]["msg"]
    assert "application (client_id / client_secret) was refused" in msg and "wrong-app-secret" not in msg
    bad_key_app = admin_run(task, extra_env=dict(application, CXONE_ACCESS_KEY_SECRET="wrong-key-secret"))
    assert "access key (access_key_id / access_key_secret) was refused" in bad_key_app.task("info")["result"]["msg"]
    missing = admin_run(task, extra_env={"CXONE_ACCESS_KEY_ID": ""})
    assert "access_key_id: required with api=admin" in missing.task("info")["result"]["msg"]
    no_area = admin_run(task, extra_env={"CXONE_AREA": ""})
    assert "area: required to log in with the access key alone" in no_area.task("info")["result"]["msg"]
    assert emulator.stats()["write_requests"] == 0


def test_the_access_key_alone_and_the_application_both_log_in(emulator, admin_run):
    task = [{"name": "info", "cxone.cxone.cxone_queue_info": {}}]
    alone = admin_run(task)
    assert alone.rc == 0, alone.stdout
    assert routes(emulator).get("POST /authentication/v1/token/access-key") == 1
    assert "POST /auth/token" not in routes(emulator)
    emulator.reset_stats()
    with_app = admin_run(task, extra_env=admin_env(emulator.base_url, application=True))
    assert with_app.rc == 0, with_app.stdout
    assert routes(emulator).get("POST /auth/token") == 1
    assert with_app.task("info")["result"]["queues"] == alone.task("info")["result"]["queues"]


@pytest.mark.parametrize("extra, named", [
    ({"CXONE_AUTH_METHOD": "client_secret_basic"}, "auth_method=client_secret_basic: only with api=v2"),
    ({"CXONE_AREA": "north america"}, "area=north america: not a CXone area"),
    ({"CXONE_AUTH_METHOD": "access_key", "CXONE_CLIENT_ID": "x"}, "client_id: only with auth_method=application"),
    ({"CXONE_TOKEN_URL": "https://x.example/token"}, "token_url: only with api=v2"),
])
def test_connection_options_refused_before_any_request(emulator, admin_run, extra, named):
    run = admin_run([{"name": "info", "cxone.cxone.cxone_queue_info": {}}], extra_env=extra)
    assert named in run.task("info")["result"]["msg"]
    assert emulator.stats()["requests"] == 0


def test_modules_without_an_admin_store_refuse_before_any_request(emulator, admin_run):
    run = admin_run([{"name": "hook", "cxone.cxone.cxone_webhook": {
        "name": "X", "url": "https://example.com/x", "events": ["a"]}}])
    assert "CXone has no webhook registration API" in run.task("hook")["result"]["msg"]
    assert not [r for r in emulator.requests if "/inContactAPI/" in r["path"]]  # no API call, at most the login


def test_user_skills_as_assignments(emulator, admin_run):
    agents = {a["emailAddress"]: a["agentId"] for a in emulator.admin_store.agents.values()}
    skills = {s["skillName"]: s["skillId"] for s in emulator.admin_store.skills.values()}
    alice = agents["alice.johnson@acme.example"]
    before = {s for (s, a) in emulator.admin_store.assignments if a == alice}
    assignments = [{"user": "alice.johnson@acme.example", "skill": "Billing", "level": 12},
                   {"user": "alice.johnson@acme.example", "skill": "language:fr", "level": 3, "active": False}]
    task = [{"name": "skills", "cxone.cxone.cxone_user_skill": {"assignments": assignments}}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert writes(emulator) == 0
    real = admin_run(task, diff=True)
    result = real.task("skills")["result"]
    assert result["diff"] == checked.task("skills")["result"]["diff"]
    held = emulator.admin_store.assignments
    assert held[(skills["Billing"], alice)]["proficiency"] == 12
    french = held[(skills["language:fr"], alice)]
    assert (french["proficiency"], french["isActive"]) == (3, False)
    assert before <= {s for (s, a) in held if a == alice}  # skills not listed are kept
    again = writes(emulator)
    assert admin_run(task).task("skills")["changed"] is False and writes(emulator) == again
    only = admin_run([{"name": "skills", "cxone.cxone.cxone_user_skill": {"exclusive": True, "assignments": assignments}}])
    assert only.rc == 0, only.stdout
    assert {s for (s, a) in held if a == alice} == {skills["Billing"], skills["language:fr"]}
    for bad, message in (({"level": 21}, "assignments[0].level: 21 is above 20"),
                         ({"start": "2026-06-01T00:00:00Z"}, "assignments[0].start: not available with api=admin")):
        run = admin_run([{"name": "skills", "cxone.cxone.cxone_user_skill": {
            "assignments": [dict(assignments[0], **bad)]}}])
        assert message in run.task("skills")["result"]["msg"], run.task("skills")["result"]["msg"]


PEAK_VARS = {
    "cxone_api": "admin",
    "peak_mode_calendar": {"timezone": "America/New_York",
                           "windows": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "11:00"}],
                           "holidays": []},
    "peak_mode_memberships": [
        {"queue": "Support", "members": [{"user": "david.lee@acme.example", "proficiency": 8},
                                         {"user": "Julia Rossi", "proficiency": 12}]},
        {"queue": "Overflow", "members": [{"user": "alice.johnson@acme.example"}]},
    ],
    "peak_mode_wrapup_codes": [{"name": "Peak Hold Callback"}, {"name": "Storm Callback"}],
}


def peak(admin_run, now, **extra):
    tasks = [{"name": "peak mode", "ansible.builtin.include_role": {"name": "cxone.cxone.peak_mode"},
              "vars": dict(PEAK_VARS, peak_mode_now=now, **extra)}]
    run = admin_run(tasks)
    assert run.rc == 0, run.stdout[-3000:]
    return run


def test_peak_mode_role_on_the_real_api(emulator, admin_run):
    agents = {a["emailAddress"]: a["agentId"] for a in emulator.admin_store.agents.values()}
    support = skill(emulator, "Support")["skillId"]
    david = agents["david.lee@acme.example"]

    peak(admin_run, "2026-03-09T09:05")  # in the window: peak on
    assert emulator.admin_store.assignments[(support, david)]["proficiency"] == 8
    codes = {d["dispositionName"]: d for d in emulator.admin_store.dispositions.values()}
    assert codes["Peak Hold Callback"]["isActive"] is True and codes["Storm Callback"]["isActive"] is True
    before = writes(emulator)
    rerun = peak(admin_run, "2026-03-09T09:10")
    assert writes(emulator) == before and rerun.changed == 0

    peak(admin_run, "2026-03-09T12:00")  # noon: peak off
    assert (support, david) not in emulator.admin_store.assignments
    codes = {d["dispositionName"]: d for d in emulator.admin_store.dispositions.values()}
    assert codes["Peak Hold Callback"]["isActive"] is False and codes["Storm Callback"]["isActive"] is False


def test_peak_mode_load_trigger_reads_skill_activity(emulator, admin_run):
    support = skill(emulator, "Support")["skillId"]
    emulator.admin_store.activity[support] = {"queueCount": 25, "contactsActive": 3, "agentsAvailable": 0,
                                              "oldestWaitSeconds": 200}
    load = {"queues": ["Support"], "enter_waiting": 10, "leave_waiting": 5}
    run = peak(admin_run, "2026-03-09T12:00", peak_mode_load=load)  # off the calendar, but the queue is long
    facts = [t for t in run.tasks if t["name"].endswith(" : Say why")][-1]["result"]["msg"]
    assert "25" in facts, facts
    agents = {a["emailAddress"]: a["agentId"] for a in emulator.admin_store.agents.values()}
    assert (support, agents["david.lee@acme.example"]) in emulator.admin_store.assignments


def schedule_settings(emulator, name):
    skill_id = skill(emulator, name)["skillId"]
    return emulator.admin_store.schedules[skill_id]


SCHEDULE = {"campaign": "Spring Renewal Outreach", "name": "Weekday business hours"}


def test_campaign_schedule_as_the_dialing_hours_of_an_outbound_skill(emulator, admin_run):
    windows = [{"day": "MONDAY", "start": "08:30:00", "end": "18:00:00"},
               {"day": "FRIDAY", "start": "10:00:00", "end": "14:00:00"}]
    task = [{"name": "schedule", "cxone.cxone.cxone_campaign_schedule": dict(SCHEDULE, windows=windows)}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("schedule")["changed"] is True and writes(emulator) == 0
    real = admin_run(task, diff=True)
    assert real.task("schedule")["result"]["diff"] == checked.task("schedule")["result"]["diff"]
    settings = schedule_settings(emulator, "Weekday business hours")
    assert (settings["mondayStartTime"], settings["mondayEndTime"], settings["mondayIsActive"]) == (
        "08:30:00", "18:00:00", True)
    assert settings["fridayIsActive"] is True and settings["wednesdayIsActive"] is False  # the whole week
    assert settings["isScheduled"] is True
    # Only the settings that differ are sent; the skill is read back.
    assert routes(emulator)["PUT /inContactAPI/services/v{N}.0/skills/{id}/parameters/schedule-settings"] == 1
    before = writes(emulator)
    assert admin_run(task).task("schedule")["changed"] is False and writes(emulator) == before

    # status alone leaves the windows as they are (a pause); state=absent also clears the hours.
    paused = admin_run([{"name": "schedule", "cxone.cxone.cxone_campaign_schedule": dict(SCHEDULE, status="INACTIVE")}])
    assert paused.task("schedule")["changed"] is True
    assert settings["isScheduled"] is False and settings["mondayEndTime"] == "18:00:00"
    info = admin_run([{"name": "info", "cxone.cxone.cxone_campaign_schedule_info": {"campaign": SCHEDULE["campaign"]}}])
    (shown,) = info.task("info")["result"]["schedules"]
    assert (shown["name"], shown["status"], [w["day"] for w in shown["windows"]]) == (
        "Weekday business hours", "INACTIVE", ["MONDAY", "FRIDAY"])
    absent_task = [{"name": "schedule", "cxone.cxone.cxone_campaign_schedule": dict(SCHEDULE, state="absent")}]
    checked = admin_run(absent_task, check=True, diff=True)
    assert checked.task("schedule")["changed"] is True and writes(emulator) == before + 1
    absent = admin_run(absent_task, diff=True)
    assert absent.task("schedule")["changed"] is True
    assert absent.task("schedule")["result"]["diff"] == checked.task("schedule")["result"]["diff"]
    assert settings["isScheduled"] is False and not settings["mondayIsActive"] and not settings["fridayIsActive"]
    again = writes(emulator)
    assert admin_run(absent_task).task("schedule")["changed"] is False and writes(emulator) == again


@pytest.mark.parametrize("options, message", [
    ({"timezone": "America/New_York"}, "timezone: not available with api=admin"),
    ({"windows": [{"day": "MONDAY", "start": "09:00:00", "end": "17:00:00", "predictive_rate": 1.2}]},
     "windows[0].predictive_rate: not available with api=admin"),
    ({"blackout_periods": [{"start": "12:00:00", "end": "13:00:00"}]}, "blackout_periods: not available with api=admin"),
    ({"windows": [{"day": "MONDAY", "start": "09:00:00", "end": "12:00:00"},
                  {"day": "MONDAY", "start": "13:00:00", "end": "17:00:00"}]},
     "windows: CXone keeps one window a weekday on an outbound skill; MONDAY listed more than once"),
])
def test_campaign_schedule_options_refused_before_any_request(emulator, admin_run, options, message):
    run = admin_run([{"name": "schedule", "cxone.cxone.cxone_campaign_schedule": dict(SCHEDULE, **options)}])
    assert message in run.task("schedule")["result"]["msg"]
    assert emulator.stats()["requests"] == 0


def test_campaign_schedule_needs_the_outbound_skill(emulator, admin_run):
    run = admin_run([{"name": "schedule", "cxone.cxone.cxone_campaign_schedule": {
        "campaign": "Collections Q2", "name": "Evening dialing",
        "windows": [{"day": "MONDAY", "start": "17:00:00", "end": "20:00:00"}]}}])
    message = run.task("schedule")["result"]["msg"]
    assert "campaign Collections Q2 has no outbound skill named 'Evening dialing'" in message
    assert "cxone_queue (outbound: true, campaign: Collections Q2)" in message and writes(emulator) == 0
    created = admin_run([
        {"name": "skill", "cxone.cxone.cxone_queue": {"name": "Evening dialing", "campaign": "Collections Q2",
                                                      "outbound": True}},
        {"name": "schedule", "cxone.cxone.cxone_campaign_schedule": {
            "campaign": "Collections Q2", "name": "Evening dialing",
            "windows": [{"day": "MONDAY", "start": "17:00:00", "end": "20:00:00"}]}}])
    assert created.rc == 0, created.stdout
    assert schedule_settings(emulator, "Evening dialing")["mondayIsActive"] is True


SEASON_VARS = {
    "campaign_season_name": "Q2 collections season", "campaign_season_start": "2026-04-01",
    "campaign_season_end": "2026-06-30", "campaign_season_timezone": "America/New_York",
    "campaign_season_schedules": [{"campaign": "Collections Q2", "name": "Q2 evenings", "windows": [
        {"day": "MONDAY", "start": "17:00:00", "end": "20:00:00"},
        {"day": "THURSDAY", "start": "17:00:00", "end": "20:00:00"}]}],
    "campaign_season_skills": [{"user": "david.lee@acme.example", "skill": "skill-retention", "level": 3}],
    "campaign_season_webhooks": [],
}


def season(admin_run, now, **extra):
    tasks = [{"name": "season", "ansible.builtin.include_role": {"name": "cxone.cxone.campaign_season"},
              "vars": dict(SEASON_VARS, campaign_season_now=now, **extra)}]
    return admin_run(tasks)


def test_campaign_season_role_on_the_real_api(emulator, admin_run):
    created = admin_run([{"name": "skill", "cxone.cxone.cxone_queue": {
        "name": "Q2 evenings", "campaign": "Collections Q2", "outbound": True}}])
    assert created.rc == 0, created.stdout
    settings = schedule_settings(emulator, "Q2 evenings")
    assert settings["isScheduled"] is False
    agents = {a["emailAddress"]: a["agentId"] for a in emulator.admin_store.agents.values()}
    retention = (skill(emulator, "skill-retention")["skillId"], agents["david.lee@acme.example"])
    emulator.admin_store.assignments.pop(retention, None)

    run = season(admin_run, "2026-04-01T09:00")  # in season
    assert run.rc == 0, run.stdout[-3000:]
    assert settings["isScheduled"] is True and settings["mondayIsActive"] and settings["thursdayIsActive"]
    assert emulator.admin_store.assignments[retention]["proficiency"] == 3
    before = writes(emulator)
    again = season(admin_run, "2026-04-02T09:00")
    assert again.rc == 0 and again.changed == 0 and writes(emulator) == before

    off = season(admin_run, "2026-07-01T09:00")  # the season is over: the skill stays, it stops dialing
    assert off.rc == 0, off.stdout[-3000:]
    assert settings["isScheduled"] is False and retention not in emulator.admin_store.assignments
    assert not any(settings[day + "IsActive"] for day in ("monday", "thursday"))  # no dialing hours
    before = writes(emulator)
    assert season(admin_run, "2026-07-02T09:00").changed == 0 and writes(emulator) == before


def test_campaign_season_keeps_a_pause_made_by_hand_on_the_real_api(emulator, admin_run):
    """A schedule without a declared status: the season starts it ACTIVE once; a compliance hold
    someone makes in season (INACTIVE) stays for every later run; the next season starts it again."""
    assert admin_run([{"name": "skill", "cxone.cxone.cxone_queue": {
        "name": "Q2 evenings", "campaign": "Collections Q2", "outbound": True}}]).rc == 0
    settings = schedule_settings(emulator, "Q2 evenings")
    assert season(admin_run, "2026-04-01T09:00").rc == 0
    assert settings["isScheduled"] is True
    settings["isScheduled"] = False  # the hold, made in CXone by a person
    before = writes(emulator)
    for now in ("2026-04-01T09:05", "2026-05-01T09:00"):
        again = season(admin_run, now)
        assert again.rc == 0 and again.changed == 0, again.stdout[-3000:]
    assert settings["isScheduled"] is False and writes(emulator) == before
    # Declared, the status is managed: the role undoes the hold only when told to.
    told = season(admin_run, "2026-05-02T09:00", campaign_season_schedules=[
        dict(SEASON_VARS["campaign_season_schedules"][0], status="ACTIVE")])
    assert told.rc == 0 and settings["isScheduled"] is True
    settings["isScheduled"] = False
    assert season(admin_run, "2026-07-01T09:00").rc == 0  # off season: no hours, not scheduled
    assert season(admin_run, "2027-04-01T09:00", campaign_season_start="2027-04-01",
                  campaign_season_end="2027-06-30").rc == 0  # the next season starts it again
    assert settings["isScheduled"] is True and settings["mondayIsActive"] is True


def test_campaign_season_with_webhooks_fails_on_the_real_api_before_any_write(emulator, admin_run):
    hooks = [{"name": "WFM sync", "url": "https://wfm.acme.example/sync", "events": ["campaign.schedule.updated"]}]
    run = season(admin_run, "2026-04-01T09:00", campaign_season_webhooks=hooks)
    assert run.rc != 0
    (failed,) = [t for t in run.tasks if t["failed"]]
    assert "CXone has no webhook registration API" in str(failed["result"]), failed
    assert writes(emulator) == 0


def test_unavailable_codes_create_converge_check_deactivate(emulator, admin_run):
    codes = {"codes": [{"name": "Coaching", "agent_timeout": 45, "notes": "with a team lead"},
                       {"name": "Lunch", "acw": True},
                       {"name": "Training", "state": "absent"}]}
    task = [{"name": "codes", "cxone.cxone.cxone_unavailable_code": codes}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert writes(emulator) == 0
    real = admin_run(task, diff=True)
    result = real.task("codes")["result"]
    assert result["diff"] == checked.task("codes")["result"]["diff"]
    assert (result["added"], result["updated"]) == (["Coaching"], ["Lunch", "Training"])
    stored = {c["name"]: c for c in emulator.admin_store.unavailable_codes.values()}
    assert (stored["Coaching"]["agentTimeout"], stored["Coaching"]["notes"], stored["Coaching"]["isActive"]) == (
        45, "with a team lead", True)
    assert stored["Lunch"]["isACW"] is True and stored["Training"]["isActive"] is False
    before = writes(emulator)
    again = admin_run(task)
    assert again.task("codes")["changed"] is False and writes(emulator) == before
    # One code by name; a field the task does not manage is kept.
    one = admin_run([{"name": "one", "cxone.cxone.cxone_unavailable_code": {"name": "coaching", "agent_timeout": 90}}])
    assert one.task("one")["result"]["unavailable_code"]["notes"] == "with a team lead"
    assert stored["Coaching"]["agentTimeout"] == 90
    info = admin_run([{"name": "info", "cxone.cxone.cxone_unavailable_code_info": {"name": "Coaching"}}])
    assert info.task("info")["result"]["unavailable_codes"][0]["notes"] == "with a team lead"


def test_unavailable_codes_are_refused_on_v2_and_checked_before_any_request(emulator, admin_run):
    on_v2 = admin_run([{"name": "code", "cxone.cxone.cxone_unavailable_code": {"name": "X", "api": "v2"}}],
                      extra_env={"CXONE_BASE_URL": emulator.base_url})
    assert "the seeds' contract has no unavailable codes" in on_v2.task("code")["result"]["msg"]
    too_long = admin_run([{"name": "code", "cxone.cxone.cxone_unavailable_code": {"name": "x" * 26}}])
    assert "name:" in too_long.task("code")["result"]["msg"]
    twice = admin_run([{"name": "code", "cxone.cxone.cxone_unavailable_code": {
        "codes": [{"name": "A"}, {"name": "a"}]}}])
    assert "codes[1].name: 'a' is listed more than once" in twice.task("code")["result"]["msg"]
    seconds = admin_run([{"name": "code", "cxone.cxone.cxone_unavailable_code": {
        "name": "Lunch", "agent_timeout": 3600}}])
    assert ("agent_timeout: 3600 is not 30-720 minutes: CXone counts an unavailable code's timeout in minutes "
            "(0.3 took seconds: 3600 s is 60 minutes)") in seconds.task("code")["result"]["msg"]
    assert emulator.stats()["requests"] == 0


def agent_state(emulator, email):
    agents = {a["emailAddress"]: a["agentId"] for a in emulator.admin_store.agents.values()}
    return emulator.admin_store.states[agents[email]]


def test_agent_state_available_and_unavailable_with_a_code(emulator, admin_run):
    codes = {c["name"]: c["id"] for c in emulator.admin_store.unavailable_codes.values()}
    task = [{"name": "state", "cxone.cxone.cxone_agent_state": {
        "user": "alice.johnson@acme.example", "state": "NOT_READY", "reason_code": "Lunch"}}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("state")["changed"] is True and writes(emulator) == 0
    real = admin_run(task, diff=True)
    result = real.task("state")["result"]
    assert result["diff"] == checked.task("state")["result"]["diff"] == {
        "before": {"state": "READY", "reason_code": None}, "after": {"state": "NOT_READY", "reason_code": "Lunch"}}
    assert result["compliance"].startswith("not checked: CXone has no real-time shift or break status")
    state = agent_state(emulator, "alice.johnson@acme.example")
    assert (state["agentStateName"], state["outStateId"]) == ("Unavailable", codes["Lunch"])
    before = writes(emulator)
    assert admin_run(task).task("state")["changed"] is False and writes(emulator) == before
    back = admin_run([{"name": "state", "cxone.cxone.cxone_agent_state": {
        "user": "alice.johnson@acme.example", "state": "READY"}}])
    assert back.task("state")["changed"] is True
    assert agent_state(emulator, "alice.johnson@acme.example")["agentStateName"] == "Available"
    info = admin_run([{"name": "info", "cxone.cxone.cxone_agent_state_info": {}}])
    agents = {a["user"]: a for a in info.task("info")["result"]["agents"]}
    assert agents["alice.johnson@acme.example"]["state"] == "READY"
    assert routes(emulator)["GET /inContactAPI/services/v{N}.0/agents/states"] == 1  # every agent in one read


def test_agent_state_refusals_on_the_real_api(emulator, admin_run):
    def run(options):
        return admin_run([{"name": "state", "cxone.cxone.cxone_agent_state": dict(
            {"user": "alice.johnson@acme.example"}, **options)}]).task("state")["result"]["msg"]

    assert "state: PAUSED does not exist with api=admin" in run({"state": "PAUSED"})
    assert "enforce_compliance: not available with api=admin" in run({"state": "READY", "enforce_compliance": True})
    assert "reason_code: not available with api=admin for state READY" in run({"state": "READY", "reason_code": "X"})
    assert emulator.stats()["requests"] == 0
    assert "reason_code: no unavailable code has the id or name 'Nap'" in run({"state": "NOT_READY",
                                                                              "reason_code": "Nap"})
    logged_out = [a for a, s in emulator.admin_store.states.items() if s["agentStateName"] == "LoggedOut"][0]
    email = emulator.admin_store.agents[logged_out]["emailAddress"]
    message = admin_run([{"name": "state", "cxone.cxone.cxone_agent_state": {
        "user": email, "state": "READY"}}]).task("state")["result"]["msg"]
    assert "is logged out; CXone sets no state for a logged-out agent" in message
    assert writes(emulator) == 0


WEEK = [{"day": day, "open": "08:00:00", "close": "18:00:00"} for day in ("MONDAY", "TUESDAY", "WEDNESDAY")]


def test_hours_of_operation_create_converge_check_delete(emulator, admin_run):
    profile = {"name": "Peak hours", "description": "When peak mode is on",
               "days": WEEK + [{"day": "THURSDAY", "open": "09:00:00", "close": "11:00:00",
                                "additional_open": "12:30:00", "additional_close": "14:00:00"}],
               "holidays": [{"name": "Thanksgiving", "date": "2026-11-26"},
                            {"name": "Christmas Eve", "date": "2026-12-24", "open": "09:00:00", "close": "12:00:00"}],
               "queues": ["Support"]}
    task = [{"name": "hours", "cxone.cxone.cxone_hours_of_operation": profile}]
    checked = admin_run(task, check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("hours")["changed"] is True and writes(emulator) == 0
    real = admin_run(task, diff=True)
    result = real.task("hours")["result"]
    assert result["diff"] == checked.task("hours")["result"]["diff"]
    stored = next(p for p in emulator.admin_store.profiles.values() if p["hoursOfOperationProfileName"] == "Peak hours")
    days = {d["day"]: d for d in stored["days"]}
    assert days["Friday"]["isClosedAllDay"] is True and days["Monday"]["closeTime"] == "18:00:00"  # the whole week
    assert (days["Thursday"]["additionalOpenTime"], days["Thursday"]["additionalCloseTime"]) == ("12:30:00", "14:00:00")
    assert [h["date"] for h in stored["holidays"]] == ["2026-11-26", "2026-12-24"]
    assert [s["skillName"] for s in stored["skills"]] == ["Support"]
    assert result["hours_of_operation"]["queues"] == ["Support"]
    before = writes(emulator)
    assert admin_run(task).task("hours")["changed"] is False and writes(emulator) == before

    # Holidays alone: the week is kept (the API needs it in the PUT: the module sends it).
    fewer = admin_run([{"name": "hours", "cxone.cxone.cxone_hours_of_operation": {
        "name": "peak hours", "holidays": [{"name": "Thanksgiving", "date": "2026-11-26"}]}}], diff=True)
    assert fewer.task("hours")["changed"] is True
    assert [h["date"] for h in stored_profile(emulator, "Peak hours")["holidays"]] == ["2026-11-26"]
    assert {d["day"]: d for d in stored_profile(emulator, "Peak hours")["days"]}["Monday"]["openTime"] == "08:00:00"
    info = admin_run([{"name": "info", "cxone.cxone.cxone_hours_of_operation_info": {"name": "Peak hours"}}])
    (shown,) = info.task("info")["result"]["hours_of_operation"]
    assert shown["description"] == "When peak mode is on" and len(shown["days"]) == 7

    # A new profile with its week only: no holidays, no queues.
    week_only = admin_run([{"name": "hours", "cxone.cxone.cxone_hours_of_operation": {"name": "Week only",
                                                                                      "days": WEEK}}])
    assert week_only.task("hours")["result"]["hours_of_operation"]["holidays"] == []
    assert stored_profile(emulator, "Week only")["holidays"] == []

    gone = admin_run([{"name": "hours", "cxone.cxone.cxone_hours_of_operation": {
        "name": "Peak hours", "state": "absent"}}])
    assert gone.task("hours")["changed"] is True and stored_profile(emulator, "Peak hours") is None


def stored_profile(emulator, name):
    return next((p for p in emulator.admin_store.profiles.values()
                 if p["hoursOfOperationProfileName"] == name and not p["isDeleted"]), None)


@pytest.mark.parametrize("options, message", [
    ({"days": [{"day": "MONDAY", "open": "18:00:00", "close": "08:00:00"}]},
     "days[0].close: 08:00:00 is not after open 18:00:00"),
    ({"days": [{"day": "MONDAY", "closed": True, "open": "08:00:00"}]}, "days[0]: a closed day has no hours"),
    ({"days": [{"day": "MONDAY"}]}, "days[0]: give open and close, or closed: true"),
    ({"days": WEEK + [{"day": "MONDAY", "closed": True}]}, "days[3].day: MONDAY is listed more than once"),
    ({"holidays": [{"name": "X", "date": "2026-02-30"}]}, "'2026-02-30' is not a date YYYY-MM-DD"),
    ({"days": [{"day": "MONDAY", "open": "8:00", "close": "18:00:00"}]}, "is not a time of day HH:MM:SS"),
])
def test_hours_of_operation_input_refused_before_any_request(emulator, admin_run, options, message):
    run = admin_run([{"name": "hours", "cxone.cxone.cxone_hours_of_operation": dict({"name": "P"}, **options)}])
    assert message in run.task("hours")["result"]["msg"]
    assert emulator.stats()["requests"] == 0


def test_hours_of_operation_is_refused_on_v2_before_any_request(emulator, admin_run):
    run = admin_run([{"name": "hours", "cxone.cxone.cxone_hours_of_operation": {"name": "P", "api": "v2",
                                                                                "queues": ["Support"]}}],
                    extra_env={"CXONE_BASE_URL": emulator.base_url})
    assert "the seeds' contract has no hours of operation" in run.task("hours")["result"]["msg"]
    assert emulator.stats()["requests"] == 0


def test_peak_mode_calendar_from_an_hours_of_operation_profile(emulator, admin_run):
    made = admin_run([{"name": "hours", "cxone.cxone.cxone_hours_of_operation": {
        "name": "Peak hours", "days": [{"day": "MONDAY", "open": "09:00:00", "close": "11:00:00",
                                        "additional_open": "16:00:00", "additional_close": "17:00:00"}],
        "holidays": [{"name": "Labor Day", "date": "2026-09-07"}]}}])
    assert made.rc == 0, made.stdout
    calendar = {"timezone": "America/New_York", "windows": [], "hours_of_operation": "Peak hours"}
    support = skill(emulator, "Support")["skillId"]
    david = {a["emailAddress"]: a["agentId"] for a in emulator.admin_store.agents.values()}["david.lee@acme.example"]

    on = peak(admin_run, "2026-03-09T16:30", peak_mode_calendar=calendar)  # Monday, additional hours
    assert on.task("cxone.cxone.peak_mode : Say why")["result"]["msg"].startswith("peak")
    assert (support, david) in emulator.admin_store.assignments
    off = peak(admin_run, "2026-09-07T09:30", peak_mode_calendar=calendar)  # a Monday, but the profile's holiday
    assert "holiday" in off.task("cxone.cxone.peak_mode : Say why")["result"]["msg"]
    assert (support, david) not in emulator.admin_store.assignments

    missing = admin_run([{"name": "peak mode", "ansible.builtin.include_role": {"name": "cxone.cxone.peak_mode"},
                          "vars": dict(PEAK_VARS, peak_mode_now="2026-03-09T09:05",
                                       peak_mode_calendar=dict(calendar, hours_of_operation="Nope"))}])
    assert missing.rc != 0 and "no hours-of-operation profile named Nope" in missing.stdout
