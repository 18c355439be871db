"""The campaign_season role against the emulator, with real ansible-playbook runs.

Every run decides from the season's days and the moment alone; nothing is kept
between runs. The bugs of seed 004 must not come back: schedules are named by the
admin (never from the clock), a rerun registers no second webhook, and
America/New_York is a time zone like any other.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from playbook_run import REPO, PlaybookRun, ansible_env

SEASON = {
    "campaign_season_name": "Q2 collections season",
    "campaign_season_start": "2026-04-01",
    "campaign_season_end": "2026-06-30",
    "campaign_season_timezone": "America/New_York",
}


def window(day, start="17:00:00", end="20:00:00", **extra):
    entry = {"day": day, "start": start, "end": end, "predictive_rate": 1.2, "max_calls_per_day": 200,
             "max_calls_per_agent_per_day": 60}
    entry.update(extra)
    return entry


SCHEDULES = [
    {"campaign": "Collections Q2", "name": "Q2 season weekday evenings", "timezone": "America/New_York",
     "windows": [window("MONDAY"), window("THURSDAY")],
     "blackout_periods": [{"start": "18:30:00", "end": "18:45:00", "reason": "SHIFT_HANDOVER"}],
     "compliance": {"regulatory_pauses": ["TCPA", "NCDOJ"], "agent_availability_projection": True}},
    # In the campaign that already has the seeded weekday-business-hours schedule.
    {"campaign": "Spring Renewal Outreach", "name": "Season Saturdays", "timezone": "America/Chicago",
     "windows": [{"day": "SATURDAY", "start": "10:00:00", "end": "13:00:00", "predictive_rate": 1.0}],
     "status": "ACTIVE"},
]
SKILLS = [
    {"user": "david.lee@acme.example", "skill": "skill-retention", "level": 3},
    {"user": "laura.chen@acme.example", "skill": "skill-retention", "level": 4,
     "end": "2026-07-01T04:00:00Z"},
    {"user": "Carla Gomez", "skill": "skill-billing", "level": 3},
    {"user": "carla.gomez@acme.example", "skill": "language:fr", "level": 2},
]
SEASON_SKILLS = {  # by email: skill name -> level
    "david.lee@acme.example": {"skill-retention": 3},
    "laura.chen@acme.example": {"skill-retention": 4},
    "carla.gomez@acme.example": {"skill-billing": 3, "language:fr": 2},
}
WEBHOOKS = [
    {"name": "WFM Q2 season sync", "url": "https://wfm.acme.example/api/sync/cxone-schedule",
     "events": ["dialer.schedule.activated", "campaign.schedule.updated"]},
    {"name": "Dialer season feed", "url": "https://feed.acme.example/cxone?token=s3cret",
     "events": ["campaign.schedule.updated"]},
]
ROLE_VARS = dict(SEASON, campaign_season_schedules=SCHEDULES, campaign_season_skills=SKILLS,
                 campaign_season_webhooks=WEBHOOKS)

FIRST_MOMENT = "2026-04-01T00:00"             # the start day 00:00, New York wall-clock time: in season
LAST_MOMENT = "2026-07-01T03:59:59Z"          # 2026-06-30 23:59:59 EDT: still in season
AFTER = "2026-07-01T00:00:00-04:00"           # the day after the end day, 00:00: out of season
BEFORE = "2026-03-31T23:59:59"                # one second before the start: out of season
IN_SEASON = "2026-05-12T10:00:00-04:00"

WRITE_TASKS = ("Webhooks enabled (in season)", "Season skills assigned (in season)",
               "Season schedules created or updated (in season)", "Season schedules removed (out of season)",
               "Season skills removed (out of season)", "Webhooks disabled (out of season)")


def writes(emulator):
    return emulator.stats()["write_requests"]


def schedules_of(emulator, campaign):
    campaign_id = emulator.store.campaigns_by_name()[campaign]["id"]
    with emulator.store.lock:
        return copy.deepcopy(emulator.store.schedules.get(campaign_id, {}))


def skills_by_user(emulator):
    """{email: {skill name: (level, start, end)}} for every user."""
    names = {s["id"]: s["name"] for s in emulator.store.skills_by_name().values()}
    return {
        email: {names[s["id"]]: (s["level"], s["effectiveDateRange"]["start"], s["effectiveDateRange"]["end"])
                for s in emulator.store.user_skill_set(user["id"])}
        for email, user in emulator.store.users_by_email().items()
    }


def webhooks(emulator):
    return emulator.store.webhooks_by_name()


def role_tasks(now=None, **overrides):
    """The role, then its facts in a task named "facts". ``now`` may be a list of moments:
    the role runs once for each, in one playbook run (facts of the last one)."""
    role_vars = dict(ROLE_VARS, **overrides)
    role_vars = {k: v for k, v in role_vars.items() if v is not None}
    tasks = []
    for moment in now if isinstance(now, list) else [now]:
        moment_vars = dict(role_vars)
        if moment is not None:
            moment_vars.setdefault("campaign_season_now", moment)
        tasks.append({"name": "season", "ansible.builtin.include_role": {"name": "cxone.cxone.campaign_season"},
                      "vars": moment_vars})
    tasks.append({"name": "facts", "ansible.builtin.debug": {
        "msg": {"active": "{{ cxone_season_active }}", "reason": "{{ cxone_season_reason }}",
                "decision": "{{ cxone_season_decision }}"}}})
    return tasks


def role_task(run, suffix):
    """The result of the role's task whose name ends with ``suffix``."""
    found = [t for t in run.tasks if t["name"].endswith(" : " + suffix)]
    assert found, "no role task %r in %s" % (suffix, [t["name"] for t in run.tasks])
    return found[-1]


def apply(run_playbook, now=None, check=False, **overrides):
    run = run_playbook(role_tasks(now, **overrides), check=check)
    assert run.rc == 0, run.stdout[-4000:]
    facts = run.task("facts")["result"]["msg"]
    assert isinstance(facts["active"], bool)
    assert role_task(run, "Say why")["result"]["msg"] == facts["reason"]
    return run, facts


def changed_writes(run):
    return [name for name in WRITE_TASKS if role_task(run, name)["changed"]]


def assert_in_season(emulator, seed_skills):
    evenings = list(schedules_of(emulator, "Collections Q2").values())
    assert [s["name"] for s in evenings] == ["Q2 season weekday evenings"]
    (evening,) = evenings
    assert evening["timezone"] == "America/New_York"
    assert [d["dayOfWeek"] for d in evening["scheduleDetails"]] == ["MONDAY", "THURSDAY"]
    assert evening["blackoutPeriods"][0]["reason"] == "SHIFT_HANDOVER"
    assert sorted(evening["complianceRules"]["regulatoryPauses"]) == ["NCDOJ", "TCPA"]
    spring = schedules_of(emulator, "Spring Renewal Outreach")
    assert sorted(s["name"] for s in spring.values()) == ["Season Saturdays", "Weekday business hours"]
    assert next(s for s in spring.values() if s["name"] == "Season Saturdays")["timezone"] == "America/Chicago"

    skills = skills_by_user(emulator)
    for email, have in skills.items():
        season = SEASON_SKILLS.get(email, {})
        assert {k: v for k, v in have.items() if k not in season} == seed_skills[email], email
        assert {k: have[k][0] for k in season} == season, email
    assert skills["laura.chen@acme.example"]["skill-retention"][2] == "2026-07-01T04:00:00.000Z"

    hooks = webhooks(emulator)
    assert sorted(hooks) == ["Dialer season feed", "Ops Alerts", "WFM Q2 season sync"]
    assert hooks["WFM Q2 season sync"]["status"] == "ENABLED"
    assert hooks["WFM Q2 season sync"]["events"] == ["campaign.schedule.updated", "dialer.schedule.activated"]
    assert hooks["Dialer season feed"]["status"] == "ENABLED"


def assert_out_of_season(emulator, seed_skills, seed_spring, seed_ops):
    assert schedules_of(emulator, "Collections Q2") == {}
    assert schedules_of(emulator, "Spring Renewal Outreach") == seed_spring   # weekday-business-hours untouched
    assert skills_by_user(emulator) == seed_skills                            # exactly the season's skills went
    hooks = webhooks(emulator)
    assert sorted(hooks) == ["Dialer season feed", "Ops Alerts", "WFM Q2 season sync"]  # kept, one each
    assert hooks["WFM Q2 season sync"]["status"] == "DISABLED"
    assert hooks["Dialer season feed"]["status"] == "DISABLED"
    assert hooks["Dialer season feed"]["url"] == "https://feed.acme.example/cxone?token=s3cret"
    assert hooks["Ops Alerts"] == seed_ops


# ---- the season, in and out ------------------------------------------------------------

def test_in_season_rerun_out_of_season_and_again(emulator, run_playbook):
    seed_skills = skills_by_user(emulator)
    seed_spring = schedules_of(emulator, "Spring Renewal Outreach")
    seed_ops = webhooks(emulator)["Ops Alerts"]

    # The first moment of the season (start day 00:00 New York): everything applied.
    run, facts = apply(run_playbook, FIRST_MOMENT)
    assert facts["active"] is True
    assert facts["reason"] == ("Q2 collections season ON: Wed 2026-04-01 00:00 America/New_York is within "
                               "2026-04-01..2026-06-30 (day 1 of 91)")
    assert facts["decision"]["phase"] == "in"
    assert changed_writes(run) == list(WRITE_TASKS[:3])
    assert_in_season(emulator, seed_skills)
    added = role_task(run, "Season skills assigned (in season)")["result"]["added"]
    assert added == {"carla.gomez@acme.example": ["language:fr", "skill-billing"],
                     "david.lee@acme.example": ["skill-retention"], "laura.chen@acme.example": ["skill-retention"]}
    schedule_ids = {s["name"]: s["id"] for s in schedules_of(emulator, "Collections Q2").values()}
    assert schedule_ids["Q2 season weekday evenings"].startswith("q2-season-weekday-evenings-")  # not from the clock

    # The last moment of the season, and any time in between: nothing to do, nothing written.
    before = writes(emulator)
    run, facts = apply(run_playbook, [LAST_MOMENT, IN_SEASON])
    assert [t["result"]["msg"].split(" is ")[0] for t in run.tasks if t["name"].endswith(" : Say why")] == [
        "Q2 collections season ON: Tue 2026-06-30 23:59 America/New_York",
        "Q2 collections season ON: Tue 2026-05-12 10:00 America/New_York"]
    assert run.changed == 0, [t["name"] for t in run.tasks if t["changed"]]
    assert writes(emulator) == before
    assert facts["reason"].endswith("(day 42 of 91)")
    assert len(webhooks(emulator)) == 3  # no second registration

    # The day after the end day: exactly the season's schedules and skills go, webhooks are disabled.
    run, facts = apply(run_playbook, AFTER)
    assert facts["active"] is False
    assert facts["reason"] == ("Q2 collections season OFF: Wed 2026-07-01 00:00 America/New_York is after the "
                               "season (2026-04-01..2026-06-30)")
    assert changed_writes(run) == list(WRITE_TASKS[3:])
    assert_out_of_season(emulator, seed_skills, seed_spring, seed_ops)
    removed = role_task(run, "Season skills removed (out of season)")["result"]["removed"]
    assert removed == {"carla.gomez@acme.example": ["language:fr", "skill-billing"],
                       "david.lee@acme.example": ["skill-retention"], "laura.chen@acme.example": ["skill-retention"]}

    # Out of season again (and before the season): nothing to do, nothing written.
    before = writes(emulator)
    run, facts = apply(run_playbook, [AFTER, BEFORE])
    assert [t["result"]["msg"].split(" is ")[1] for t in run.tasks if t["name"].endswith(" : Say why")] == [
        "after the season (2026-04-01..2026-06-30)", "before the season (2026-04-01..2026-06-30)"]
    assert run.changed == 0, [t["name"] for t in run.tasks if t["changed"]]
    assert writes(emulator) == before
    assert facts["decision"]["phase"] == "before"

    # Next season: the same schedule (same id), the same two webhooks enabled again.
    apply(run_playbook, IN_SEASON)
    assert_in_season(emulator, seed_skills)
    assert {s["name"]: s["id"] for s in schedules_of(emulator, "Collections Q2").values()} == schedule_ids


def test_out_of_season_first_registers_the_webhooks_disabled(emulator, run_playbook):
    seed_skills = skills_by_user(emulator)
    seed_spring = schedules_of(emulator, "Spring Renewal Outreach")
    seed_ops = webhooks(emulator)["Ops Alerts"]
    run, facts = apply(run_playbook, BEFORE)
    assert facts["active"] is False
    assert changed_writes(run) == ["Webhooks disabled (out of season)"]  # nothing else to remove
    assert_out_of_season(emulator, seed_skills, seed_spring, seed_ops)
    assert writes(emulator) == 2

    before = writes(emulator)
    run, _facts = apply(run_playbook, BEFORE)
    assert run.changed == 0
    assert writes(emulator) == before


def test_changes_inside_the_season_are_put_back(emulator, run_playbook):
    """Someone edits a season schedule, disables a webhook or lowers a level: the next run puts it back."""
    apply(run_playbook, IN_SEASON)
    store = emulator.store
    collections = store.campaigns_by_name()["Collections Q2"]["id"]
    (evening,) = schedules_of(emulator, "Collections Q2").values()
    hook = webhooks(emulator)["WFM Q2 season sync"]
    david = store.users_by_email()["david.lee@acme.example"]["id"]
    retention = store.skills_by_name()["skill-retention"]["id"]
    with store.lock:
        body = {k: evening[k] for k in ("name", "timezone", "scheduleDetails", "blackoutPeriods", "complianceRules")}
        body["scheduleDetails"][0]["maxCallsPerDay"] = 250
        store.put_schedule(collections, evening["id"], body, actor="someone")
        store.replace_webhook(hook["id"], dict({k: hook[k] for k in ("name", "url", "events")}, status="DISABLED"),
                              actor="someone")
        skills = store.user_skill_set(david)
        for skill in skills:
            if skill["id"] == retention:
                skill["level"] = 1
        store.replace_user_skills(david, {"skills": skills}, actor="someone")

    run, _facts = apply(run_playbook, IN_SEASON)
    assert changed_writes(run) == list(WRITE_TASKS[:3])
    assert webhooks(emulator)["WFM Q2 season sync"]["status"] == "ENABLED"
    assert skills_by_user(emulator)["david.lee@acme.example"]["skill-retention"][0] == 3
    assert schedules_of(emulator, "Collections Q2")[evening["id"]]["scheduleDetails"][0]["maxCallsPerDay"] == 200
    # Only what differs is written: the other schedule was not even asked. The webhook whose URL
    # carries a token is always asked (its diff masks the token); it writes nothing.
    created = role_task(run, "Season schedules created or updated (in season)")["result"]["results"]
    assert [(r["item"]["name"], bool(r.get("skipped")), r.get("changed")) for r in created] == [
        ("Q2 season weekday evenings", False, True), ("Season Saturdays", True, False)]
    enabled = role_task(run, "Webhooks enabled (in season)")["result"]["results"]
    assert [(r["item"]["name"], bool(r.get("skipped")), r.get("changed")) for r in enabled] == [
        ("WFM Q2 season sync", False, True), ("Dialer season feed", False, False)]


def test_a_pause_made_by_hand_in_season_is_kept(emulator, run_playbook):
    """api=v2: a schedule declared without status is created ACTIVE; someone pauses it (a
    compliance hold); later runs of the season leave the pause alone and write nothing."""
    apply(run_playbook, IN_SEASON)
    store = emulator.store
    collections = store.campaigns_by_name()["Collections Q2"]["id"]
    (evening,) = schedules_of(emulator, "Collections Q2").values()
    assert evening["status"] == "ACTIVE"  # created by the role: the season starts it
    with store.lock:
        body = {k: evening[k] for k in ("name", "timezone", "scheduleDetails", "blackoutPeriods", "complianceRules")}
        store.put_schedule(collections, evening["id"], dict(body, status="INACTIVE"), actor="someone")
    before = writes(emulator)
    checked, _facts = apply(run_playbook, IN_SEASON, check=True)
    assert checked.changed == 0 and writes(emulator) == before
    run, _facts = apply(run_playbook, LAST_MOMENT)
    assert run.changed == 0, [t["name"] for t in run.tasks if t["changed"]]
    assert writes(emulator) == before
    assert schedules_of(emulator, "Collections Q2")[evening["id"]]["status"] == "INACTIVE"


def test_two_runners_at_once_converge_to_one_of_each(emulator, run_playbook, tmp_path):
    """Two schedulers (own processes, own token caches) start the season at the same minute."""
    seed_skills = skills_by_user(emulator)
    emulator.configure(latency=0.05)
    results = []

    def runner(name):
        cache = tmp_path / ("tokens-" + name)
        results.append(run_playbook(role_tasks(FIRST_MOMENT), extra_env={"CXONE_TOKEN_CACHE_DIR": str(cache)}))

    threads = [threading.Thread(target=runner, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    emulator.configure(latency=0.0)
    assert [run.rc for run in results] == [0, 0], [run.stdout[-3000:] for run in results]
    assert_in_season(emulator, seed_skills)  # one schedule of each name, one webhook of each name

    before = writes(emulator)
    run, _facts = apply(run_playbook, FIRST_MOMENT)
    assert run.changed == 0
    assert writes(emulator) == before


# ---- boundaries ------------------------------------------------------------------------

@pytest.mark.parametrize("timezone, moments", [
    ("America/New_York", [
        ("2026-03-31T23:59:59", False, "before"),
        ("2026-04-01T00:00", True, "in"),                     # start day: inclusive
        ("2026-04-01T03:59:59Z", False, "before"),           # 23:59:59 EDT the day before
        ("2026-04-01T04:00:00Z", True, "in"),
        ("2026-04-01T00:00:00+02:00", False, "before"),      # 18:00 EDT on 31 March
        ("2026-06-30T23:59:59-04:00", True, "in"),           # end day: inclusive, to its last second
        ("2026-07-01T00:00", False, "after"),                # the day after: out
        ("2026-07-01T03:59:59Z", True, "in"),
        ("2026-07-01T04:00:00Z", False, "after"),
    ]),
    ("UTC", [
        ("2026-03-31T23:59:59Z", False, "before"),
        ("2026-04-01T00:00:00Z", True, "in"),
        ("2026-06-30T23:59:59Z", True, "in"),
        ("2026-07-01T00:00:00Z", False, "after"),
    ]),
])
def test_season_boundaries(emulator, run_playbook, timezone, moments):
    """Start day and end day are both in the season, in the season's time zone (one playbook run)."""
    tasks = []
    for index, (now, _active, _phase) in enumerate(moments):
        tasks.extend([
            {"name": "season %d" % index, "ansible.builtin.include_role": {"name": "cxone.cxone.campaign_season"},
             "vars": dict(SEASON, campaign_season_timezone=timezone, campaign_season_now=now)},
            {"name": "at %d" % index, "ansible.builtin.debug": {
                "msg": {"active": "{{ cxone_season_active }}", "phase": "{{ cxone_season_decision.phase }}"}}},
        ])
    run = run_playbook(tasks)
    assert run.rc == 0, run.stdout[-3000:]
    seen = [(now, run.task("at %d" % index)["result"]["msg"]) for index, (now, _a, _p) in enumerate(moments)]
    assert seen == [(now, {"active": active, "phase": phase}) for now, active, phase in moments]
    assert emulator.stats()["requests"] == 0  # no schedules, skills or webhooks: the tenant is not even asked


def test_one_day_season(emulator, run_playbook):
    run, facts = apply(run_playbook, "2026-04-01T23:59", campaign_season_end="2026-04-01", campaign_season_schedules=[],
                       campaign_season_skills=[], campaign_season_webhooks=[])
    assert facts["active"] is True
    assert facts["reason"].endswith("is within 2026-04-01..2026-04-01 (day 1 of 1)")
    assert facts["decision"]["ends_at"] == "2026-04-02T00:00:00-04:00"


# ---- check mode ------------------------------------------------------------------------

def test_check_mode_reports_and_writes_nothing(emulator, run_playbook):
    seed_skills = skills_by_user(emulator)
    seed_spring = schedules_of(emulator, "Spring Renewal Outreach")

    checked, facts = apply(run_playbook, FIRST_MOMENT, check=True)
    assert facts["active"] is True
    assert changed_writes(checked) == list(WRITE_TASKS[:3])
    assert writes(emulator) == 0
    assert schedules_of(emulator, "Collections Q2") == {}
    assert skills_by_user(emulator) == seed_skills
    assert sorted(webhooks(emulator)) == ["Ops Alerts"]

    real, _facts = apply(run_playbook, FIRST_MOMENT)
    assert real.changed == checked.changed  # check mode predicted the real run

    before = writes(emulator)
    checked, facts = apply(run_playbook, AFTER, check=True)
    assert facts["active"] is False
    assert changed_writes(checked) == list(WRITE_TASKS[3:])
    assert writes(emulator) == before
    assert_in_season(emulator, seed_skills)
    assert len(schedules_of(emulator, "Spring Renewal Outreach")) == len(seed_spring) + 1


# ---- bad input -------------------------------------------------------------------------

def _without(name):
    return {name: None}


BAD_INPUT = [
    pytest.param(dict(campaign_season_end="2026-03-01"), "campaign_season_end: 2026-03-01 is before "
                 "campaign_season_start 2026-04-01", True, id="end-before-start"),
    pytest.param(dict(campaign_season_start="2026-02-30"), "campaign_season_start: '2026-02-30' is not a date",
                 True, id="no-such-day"),
    pytest.param(dict(campaign_season_start="04/01/2026"), "campaign_season_start: '04/01/2026' is not a date",
                 True, id="not-iso-date"),
    pytest.param(dict(campaign_season_timezone="Eastern"), "campaign_season_timezone: 'Eastern' is not a known IANA",
                 True, id="unknown-timezone"),
    pytest.param(dict(campaign_season_now="tomorrow"), "campaign_season_now: 'tomorrow' is not an ISO 8601 date-time",
                 True, id="bad-now"),
    pytest.param(dict(campaign_season_now="2026-04-01"), "campaign_season_now: '2026-04-01' has no time of day",
                 True, id="now-without-time"),
    pytest.param(_without("campaign_season_timezone"), "campaign_season_timezone", True, id="missing-timezone"),
    pytest.param(_without("campaign_season_end"), "campaign_season_end", True, id="missing-end"),
    pytest.param(dict(campaign_season_skills=[dict(SKILLS[0], level=7)]), "level", True, id="level-choices"),
    pytest.param(dict(campaign_season_schedules=[{k: v for k, v in SCHEDULES[0].items() if k != "windows"}]),
                 "windows", True, id="schedule-without-windows"),
    pytest.param(dict(campaign_season_webhooks=[{"name": "x", "url": "https://x.example", "events": ["a"],
                                                 "enabled": True}]), "enabled", True, id="webhook-enabled-is-the-role's"),
    pytest.param(dict(campaign_season_schedules=[SCHEDULES[0], dict(SCHEDULES[0], campaign="collections q2")]),
                 "each (campaign, name) once", True, id="duplicate-schedule"),
    # Found by the check-mode runs: the tenant is read, nothing is written.
    pytest.param(dict(campaign_season_schedules=[SCHEDULES[0], dict(SCHEDULES[1], windows=[
        window("SATURDAY", "10:00:00", "13:00:00"), window("SATURDAY", "12:00:00", "14:00:00")])]),
        "two SATURDAY windows overlap", False, id="second-schedule-invalid"),
    pytest.param(dict(campaign_season_skills=SKILLS + [{"user": "nobody@acme.example", "skill": "skill-sales",
                                                        "level": 2}]), "nobody@acme.example", False, id="unknown-user"),
    pytest.param(dict(campaign_season_webhooks=WEBHOOKS + [{"name": "Bad", "url": "ftp://x.example/hook",
                                                            "events": ["a"]}]), "not an absolute http", False,
                 id="bad-webhook-url"),
]


@pytest.mark.parametrize("overrides, message, before_any_call", BAD_INPUT)
def test_bad_input_fails_before_any_write(emulator, run_playbook, overrides, message, before_any_call):
    run = run_playbook(role_tasks(IN_SEASON, **overrides))
    assert run.rc != 0
    failed = [t for t in run.tasks if t["failed"]]
    assert failed, run.stdout[-3000:]
    assert message in str(failed[0]["result"]), failed[0]["result"]
    assert writes(emulator) == 0
    if before_any_call:
        assert emulator.stats()["requests"] == 0


# ---- the shipped playbook and inventory --------------------------------------------------

def run_shipped_playbook(emulator, token_cache_dir, *extra):
    env = ansible_env(emulator.base_url, token_cache_dir)
    env.pop("CXONE_CLIENT_ID")  # the inventory's host_vars give the emulator's client; its secret stays in the environment
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(REPO / "playbooks" / "inventory"),
           str(REPO / "playbooks" / "campaign_season.yml"), "-e", "cxone_base_url=" + emulator.base_url]
    cmd.extend(extra)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False, cwd=str(REPO))
    data = next((json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{"tasks"')), None)
    assert data, proc.stdout[-3000:] + proc.stderr[-3000:]
    return PlaybookRun(proc, data)


def test_shipped_playbook_converges(emulator, token_cache_dir):
    run = run_shipped_playbook(emulator, token_cache_dir, "-e", "campaign_season_now=2026-04-01T00:00")
    assert run.rc == 0, run.stdout[-3000:]
    assert run.changed == 3
    reason = run.task("cxone.cxone.campaign_season : Say why")["result"]["msg"]
    assert reason.startswith("Q2 collections season ON: Wed 2026-04-01 00:00 America/New_York")
    assert [s["name"] for s in schedules_of(emulator, "Collections Q2").values()] == [
        "Q2 season weekday evenings", "Q2 season Saturday mornings"]

    before = writes(emulator)
    again = run_shipped_playbook(emulator, token_cache_dir, "-e", "campaign_season_now=2026-06-15T12:00")
    assert again.rc == 0 and again.changed == 0
    assert writes(emulator) == before

    # Without campaign_season_now: the current time, whatever today is.
    now = run_shipped_playbook(emulator, token_cache_dir)
    assert now.rc == 0, now.stdout[-3000:]
    assert now.task("cxone.cxone.campaign_season : Say why")["result"]["msg"].startswith("Q2 collections season O")
