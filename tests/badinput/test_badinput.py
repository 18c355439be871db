"""Bad input matrix: invalid inputs for every managing module and both roles.

Each input must fail before the first write (the emulator counts every POST/PUT/DELETE on
arrival, whatever the outcome) with a message that names the option. One playbook per
group, every case a task with ``ignore_errors`` (modules) or a block with a rescue (roles),
so a group costs one ansible-playbook start.
"""

from __future__ import annotations

import json
import re

import pytest

from reliability import REPO, count

DUPLICATE_NAME = "Alice Johnson"  # a second directory user gets this name: ambiguous by name


def _skills(n):
    names = ["language:en", "language:es", "language:fr", "skill-billing", "skill-support", "skill-sales",
             "skill-retention", "skill-technical"]
    return [{"skill": names[i % len(names)] if i < len(names) else "skill-x%d" % i, "proficiency": "advanced"}
            for i in range(n)]


def _window(day="MONDAY", start="17:00:00", end="20:00:00", **extra):
    entry = {"day": day, "start": start, "end": end, "predictive_rate": 1.2, "max_calls_per_day": 200,
             "max_calls_per_agent_per_day": 60}
    entry.update(extra)
    return entry


def _schedule(**extra):
    args = {"campaign": "Spring Renewal Outreach", "name": "Bad input schedule", "timezone": "America/New_York",
            "windows": [_window()]}
    args.update(extra)
    return args


ALICE = "alice.johnson@acme.example"
# Cases where the message is ansible-core's own argument-spec error and does not name the
# option (AnsibleModule shows only the first of its errors; the second one names it).
ANSIBLE_UNNAMED = {"members not a list of dicts"}

# group -> [(case id, module, arguments, text the message must contain (the option))]
MODULE_CASES = {
    "queue": [
        ("max_waiters not a number", "cxone_queue", {"name": "Bad", "max_waiters": "lots"}, "max_waiters"),
        ("max_waiters zero", "cxone_queue", {"name": "Bad", "max_waiters": 0}, "max_waiters"),
        ("max_wait_time below 10", "cxone_queue", {"name": "Bad", "max_wait_time": 5}, "max_wait_time"),
        ("max_wait_time above 600", "cxone_queue", {"name": "Support", "max_wait_time": 601}, "max_wait_time"),
        ("service level threshold 101", "cxone_queue",
         {"name": "Support", "service_level": {"threshold": 101, "time": 20}}, "service_level.threshold"),
        ("service level time 0", "cxone_queue",
         {"name": "Support", "service_level": {"threshold": 80, "time": 0}}, "service_level.time"),
        ("overflow wait 10 s", "cxone_queue",
         {"name": "Billing", "overflow": {"target": "Support", "wait_time": 10}}, "overflow.wait_time"),
        ("overflow to an unknown queue", "cxone_queue",
         {"name": "Billing", "overflow": {"target": "Nowhere"}}, "overflow.target"),
        ("overflow cycle", "cxone_queue", {"name": "Overflow", "overflow": {"target": "Billing"}}, "overflow.target"),
        ("overflow to itself", "cxone_queue",
         {"name": "Sales", "overflow": {"enabled": True, "target": "Sales"}}, "overflow.target"),
        ("overflow enabled without target", "cxone_queue",
         {"name": "Brand new", "overflow": {"enabled": True}}, "overflow.target"),
        ("11 skill requirements", "cxone_queue", {"name": "Bad", "skill_requirements": _skills(11)},
         "skill_requirements"),
        ("unknown skill", "cxone_queue",
         {"name": "Bad", "skill_requirements": [{"skill": "skill-underwater", "proficiency": "expert"}]},
         "skill_requirements[0].skill"),
        ("proficiency not a choice", "cxone_queue",
         {"name": "Bad", "skill_requirements": [{"skill": "language:en", "proficiency": "guru"}]}, "proficiency"),
        ("skill required twice", "cxone_queue",
         {"name": "Bad", "skill_requirements": [
             {"skill": "language:en", "proficiency": "expert"}, {"skill": "Language:EN", "proficiency": "advanced"}]},
         "skill_requirements"),
        ("neither name nor id", "cxone_queue", {"description": "nameless"}, "name"),
        ("unknown option", "cxone_queue", {"name": "Bad", "colour": "red"}, "colour"),
    ],
    "members and codes": [
        ("members empty", "cxone_queue_member", {"queue": "Support", "members": []}, "members"),
        # ansible-core (2.19) reports the element's own error first, without the option's name:
        # "dictionary requested, could not parse JSON or key=value" (see ANSIBLE_UNNAMED).
        ("members not a list of dicts", "cxone_queue_member", {"queue": "Support", "members": "alice"},
         "dictionary requested"),
        ("member unknown", "cxone_queue_member", {"queue": "Support", "members": [{"user": "nobody@acme.example"}]},
         "members[0].user"),
        ("member name ambiguous", "cxone_queue_member", {"queue": "Support", "members": [{"user": DUPLICATE_NAME}]},
         "members[0].user"),
        ("split 0", "cxone_queue_member", {"queue": "Support", "members": [{"user": ALICE, "split": 0}]},
         "members[0].split"),
        ("split 101", "cxone_queue_member", {"queue": "Support", "members": [{"user": ALICE, "split": 101}]},
         "members[0].split"),
        ("routing type not a choice", "cxone_queue_member",
         {"queue": "Support", "members": [{"user": ALICE, "routing_type": "AUTO"}]}, "routing_type"),
        ("member listed twice", "cxone_queue_member",
         {"queue": "Overflow", "members": [{"user": ALICE}, {"user": "Bob Smith"}, {"user": ALICE.upper()}]},
         "members[2].user"),
        ("members of an unknown queue", "cxone_queue_member", {"queue": "Nowhere", "members": [{"user": ALICE}]},
         "queue"),
        ("wrap-up type not a choice", "cxone_wrapup_code", {"name": "Fax", "wrap_up_type": "FAX"}, "wrap_up_type"),
        ("available not a boolean", "cxone_wrapup_code", {"name": "Resolved", "available": "sometimes"}, "available"),
        ("empty code name", "cxone_wrapup_code", {"name": ""}, "name"),
    ],
    "user skills": [
        ("assignments empty", "cxone_user_skill", {"assignments": []}, "assignments"),
        ("level 6", "cxone_user_skill", {"assignments": [{"user": ALICE, "skill": "language:fr", "level": 6}]},
         "assignments[0].level"),
        ("level 0", "cxone_user_skill", {"assignments": [{"user": ALICE, "skill": "language:fr", "level": 0}]},
         "assignments[0].level"),
        ("level not a number", "cxone_user_skill",
         {"assignments": [{"user": ALICE, "skill": "language:fr", "level": "high"}]}, "level"),
        ("level missing with state present", "cxone_user_skill",
         {"assignments": [{"user": ALICE, "skill": "language:fr"}]}, "assignments[0].level"),
        ("start not a date", "cxone_user_skill",
         {"assignments": [{"user": ALICE, "skill": "language:fr", "level": 2, "start": "2026-13-01T00:00:00Z"}]},
         "assignments[0].start"),
        ("start without an offset", "cxone_user_skill",
         {"assignments": [{"user": ALICE, "skill": "language:fr", "level": 2, "start": "2026-06-01T08:00:00"}]},
         "assignments[0].start"),
        ("end before start", "cxone_user_skill",
         {"assignments": [{"user": ALICE, "skill": "language:fr", "level": 2, "start": "2026-06-02T00:00:00Z",
                           "end": "2026-06-01T00:00:00Z"}]}, "assignments[0].end"),
        ("unknown skill", "cxone_user_skill",
         {"assignments": [{"user": ALICE, "skill": "skill-underwater", "level": 2}]}, "assignments[0].skill"),
        ("unknown user", "cxone_user_skill",
         {"assignments": [{"user": "nobody@acme.example", "skill": "language:fr", "level": 2}]},
         "assignments[0].user"),
        ("user name ambiguous", "cxone_user_skill",
         {"assignments": [{"user": DUPLICATE_NAME, "skill": "language:fr", "level": 2}]}, "assignments[0].user"),
        ("pair listed twice", "cxone_user_skill",
         {"assignments": [{"user": ALICE, "skill": "language:fr", "level": 2},
                          {"user": ALICE.upper(), "skill": "Language:FR", "level": 3}]},
         "assignments[1]"),
        ("level outside the queue's strategy", "cxone_user_skill",
         {"queue": "Billing", "assignments": [{"user": "bob.smith@acme.example", "skill": "skill-billing", "level": 2}]},
         "queue"),
        ("strategy of an unknown queue", "cxone_user_skill",
         {"queue": "Nowhere", "assignments": [{"user": ALICE, "skill": "skill-billing", "level": 4}]}, "queue"),
    ],
    "agent state": [
        ("state not a choice", "cxone_agent_state", {"user": ALICE, "state": "BUSY"}, "state"),
        ("state missing", "cxone_agent_state", {"user": ALICE}, "state"),
        ("blank reason code", "cxone_agent_state", {"user": ALICE, "state": "NOT_READY", "reason_code": "  "},
         "reason_code"),
        ("unknown agent", "cxone_agent_state", {"user": "nobody@acme.example", "state": "READY"}, "user"),
        ("agent name ambiguous", "cxone_agent_state", {"user": DUPLICATE_NAME, "state": "PAUSED"}, "user"),
        ("enforce_compliance not a boolean", "cxone_agent_state",
         {"user": ALICE, "state": "PAUSED", "enforce_compliance": "strict"}, "enforce_compliance"),
    ],
    "campaign schedules": [
        ("unknown campaign", "cxone_campaign_schedule", _schedule(campaign="Winter Promo"), "campaign"),
        ("unknown time zone", "cxone_campaign_schedule", _schedule(timezone="Mars/Olympus_Mons"), "timezone"),
        ("time zone as an offset", "cxone_campaign_schedule", _schedule(timezone="+02:00"), "timezone"),
        ("time without seconds", "cxone_campaign_schedule", _schedule(windows=[_window(start="17:00")]),
         "windows[0].start"),
        ("unquoted time read as seconds", "cxone_campaign_schedule", _schedule(windows=[_window(end=72000)]),
         "windows[0].end"),
        ("hour 25", "cxone_campaign_schedule", _schedule(windows=[_window(start="25:00:00")]), "windows[0].start"),
        ("window ends before it starts", "cxone_campaign_schedule",
         _schedule(windows=[_window(start="20:00:00", end="17:00:00")]), "windows[0].end"),
        ("window crosses midnight", "cxone_campaign_schedule",
         _schedule(windows=[_window(start="22:00:00", end="02:00:00")]), "windows[0].end"),
        ("overlapping windows", "cxone_campaign_schedule",
         _schedule(windows=[_window(), _window(start="19:00:00", end="21:00:00")]), "windows[0] and windows[1]"),
        ("predictive rate 5", "cxone_campaign_schedule", _schedule(windows=[_window(predictive_rate=5.0)]),
         "windows[0].predictive_rate"),
        ("max calls per day 0", "cxone_campaign_schedule", _schedule(windows=[_window(max_calls_per_day=0)]),
         "windows[0].max_calls_per_day"),
        ("day not a choice", "cxone_campaign_schedule", _schedule(windows=[_window(day="FUNDAY")]), "day"),
        ("windows empty", "cxone_campaign_schedule", _schedule(windows=[]), "windows"),
        ("blackout covers a whole window", "cxone_campaign_schedule",
         _schedule(blackout_periods=[{"start": "16:00:00", "end": "21:00:00"}]), "blackout_periods[0]"),
        ("blackout ends before it starts", "cxone_campaign_schedule",
         _schedule(blackout_periods=[{"start": "19:00:00", "end": "18:00:00"}]), "blackout_periods[0].end"),
        ("capacity exceeded", "cxone_campaign_schedule",
         _schedule(windows=[_window(max_calls_per_day=5000)], compliance={"agent_availability_projection": True}),
         "max_calls_per_day"),
        ("regulatory pause not a choice", "cxone_campaign_schedule",
         _schedule(compliance={"regulatory_pauses": ["GDPR"]}), "regulatory_pauses"),
        ("new schedule without time zone", "cxone_campaign_schedule",
         {"campaign": "Collections Q2", "name": "No zone", "windows": [_window()]}, "timezone"),
        ("id with bad characters", "cxone_campaign_schedule",
         {"campaign": "Spring Renewal Outreach", "id": "bad id!", "status": "INACTIVE"}, "id"),
    ],
    "webhooks": [
        ("ftp url", "cxone_webhook", {"name": "Bad hook", "url": "ftp://files.acme.example/x", "events": ["a.b"]},
         "url"),
        ("url without scheme", "cxone_webhook", {"name": "Bad hook", "url": "hooks.acme.example/x", "events": ["a.b"]},
         "url"),
        ("events empty", "cxone_webhook", {"name": "Bad hook", "url": "https://h.acme.example", "events": []}, "events"),
        ("event listed twice", "cxone_webhook",
         {"name": "Bad hook", "url": "https://h.acme.example", "events": ["a.b", "a.b"]}, "events"),
        ("blank event", "cxone_webhook", {"name": "Bad hook", "url": "https://h.acme.example", "events": [" "]},
         "events"),
        ("new webhook without url", "cxone_webhook", {"name": "Bad hook", "events": ["a.b"]}, "url"),
        ("enabled not a boolean", "cxone_webhook", {"name": "Ops Alerts", "enabled": "later"}, "enabled"),
        ("unknown id", "cxone_webhook", {"id": "0123456789abcdef0123456789abcdef", "enabled": False}, "id"),
    ],
}

PEAK = {
    "peak_mode_calendar": {"timezone": "America/New_York",
                           "windows": [{"days": ["mon", "tue"], "start": "09:00", "end": "11:00"}]},
    "peak_mode_memberships": [{"queue": "Overflow", "members": [{"user": ALICE}]}],
    "peak_mode_wrapup_codes": [{"name": "Peak Hold Callback"}],
    "peak_mode_now": "2026-03-09T09:05",
}
SEASON = {
    "campaign_season_name": "Bad input season", "campaign_season_start": "2026-04-01",
    "campaign_season_end": "2026-06-30", "campaign_season_timezone": "America/New_York",
    "campaign_season_now": "2026-05-12T10:00:00-04:00",
    "campaign_season_schedules": [{"campaign": "Collections Q2", "name": "Season evenings",
                                   "timezone": "America/New_York", "windows": [_window()]}],
    "campaign_season_skills": [{"user": "david.lee@acme.example", "skill": "skill-retention", "level": 3}],
    "campaign_season_webhooks": [{"name": "Season hook", "url": "https://h.acme.example/s", "events": ["a.b"]}],
}


def _with(base, **changes):
    data = json.loads(json.dumps(base))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def _calendar(**changes):
    return dict(PEAK["peak_mode_calendar"], **changes)


def _peak_window(**changes):
    return [dict(PEAK["peak_mode_calendar"]["windows"][0], **changes)]


# role -> [(case id, role variables, text the message must contain)]
ROLE_CASES = {
    "peak_mode": [
        ("no variables at all", {}, "peak_mode_calendar"),
        ("typo in a variable name", _with(PEAK, peak_mode_calendar=None, peak_mode_calender=PEAK["peak_mode_calendar"]),
         "peak_mode_calendar"),
        ("calendar not a dict", _with(PEAK, peak_mode_calendar="weekdays"), "peak_mode_calendar"),
        ("day not a choice", _with(PEAK, peak_mode_calendar=_calendar(windows=_peak_window(days=["funday"]))), "days"),
        ("unknown time zone", _with(PEAK, peak_mode_calendar=_calendar(timezone="Mars/Olympus_Mons")), "timezone"),
        ("unquoted time", _with(PEAK, peak_mode_calendar=_calendar(windows=_peak_window(start=540))), "start"),
        ("window start equals end", _with(PEAK, peak_mode_calendar=_calendar(windows=_peak_window(end="09:00"))),
         "end"),
        ("load trigger without an enter mark", _with(PEAK, peak_mode_load={"queues": ["Support"]}), "enter_waiting"),
        ("leave mark above enter mark",
         _with(PEAK, peak_mode_load={"queues": ["Support"], "enter_waiting": 5, "leave_waiting": 10}), "leave_waiting"),
        ("queue listed twice", _with(PEAK, peak_mode_memberships=PEAK["peak_mode_memberships"] * 2),
         "peak_mode_memberships"),
        ("member split 0", _with(PEAK, peak_mode_memberships=[{"queue": "Overflow", "members": [
            {"user": ALICE, "split": 0}]}]), "split"),
        ("unknown queue", _with(PEAK, peak_mode_memberships=[{"queue": "Nowhere", "members": [{"user": ALICE}]}]),
         "queue"),
        ("now not a date", _with(PEAK, peak_mode_now="next monday"), "peak_mode_now"),
    ],
    "campaign_season": [
        ("no variables at all", {}, "campaign_season_start"),
        ("start not a date", _with(SEASON, campaign_season_start="2026-13-01"), "campaign_season_start"),
        ("end before start", _with(SEASON, campaign_season_end="2026-03-01"), "campaign_season_end"),
        ("unknown time zone", _with(SEASON, campaign_season_timezone="Mars/Olympus_Mons"), "campaign_season_timezone"),
        ("skill level 7", _with(SEASON, campaign_season_skills=[{"user": "david.lee@acme.example",
                                                                 "skill": "skill-retention", "level": 7}]), "level"),
        ("schedules not a list", _with(SEASON, campaign_season_schedules={"name": "x"}), "campaign_season_schedules"),
        ("overlapping schedule windows", _with(SEASON, campaign_season_schedules=[dict(
            SEASON["campaign_season_schedules"][0], windows=[_window(), _window(start="18:00:00", end="21:00:00")])]),
         "windows"),
        ("webhook ftp url", _with(SEASON, campaign_season_webhooks=[dict(SEASON["campaign_season_webhooks"][0],
                                                                         url="ftp://h.acme.example/s")]), "url"),
        ("unknown skill user", _with(SEASON, campaign_season_skills=[{"user": "nobody@acme.example",
                                                                      "skill": "skill-retention", "level": 3}]), "user"),
    ],
}


def module_task(case_id, module, args):
    return {"name": case_id, "cxone.cxone." + module: args, "ignore_errors": True}


def role_block(role, case_id, role_vars):
    return {"name": case_id, "block": [
        {"name": case_id + ": run", "ansible.builtin.include_role": {"name": "cxone.cxone." + role},
         "vars": role_vars}],
        # The failed task's message (and its failed items' messages), not the whole result:
        # an argument-spec failure carries the whole spec, which names every option.
        "rescue": [{"name": case_id + ": refused", "ansible.builtin.debug": {
            "msg": "{{ ([ansible_failed_result.msg | default('')] + (ansible_failed_result.results | default([])"
                   " | selectattr('failed', 'defined') | selectattr('failed') | map(attribute='msg') | list))"
                   " | join(' | ') }}"}}]}


@pytest.fixture
def tenant(emulator):
    emulator.store.add_user(DUPLICATE_NAME, "alice.johnson.2@acme.example")
    return emulator


def _check(emulator, run, cases, outcome):
    problems = []
    for case_id, expected in cases:
        ok, message = outcome(run, case_id)
        if not ok:
            problems.append("%s: not refused (%s)" % (case_id, message))
        elif not re.search(r"(?<!\w)%s(?!\w)" % re.escape(expected), message):
            problems.append("%s: the message does not name %r: %s" % (case_id, expected, message))
    writes = emulator.stats()["write_requests"]
    count("badinput", "tried", len(cases))
    if not writes:
        named = [case_id for case_id, dummy in cases if case_id not in ANSIBLE_UNNAMED]
        count("badinput", "refused before any write", len(cases) - len(problems))
        count("badinput", "refused before any write, option named", len(named) - len(problems))
    assert not problems, "\n".join(problems)
    assert writes == 0, [r for r in emulator.requests if r["write"]]


def _module_outcome(run, case_id):
    task = run.task(case_id)
    return task["failed"], str(task["result"].get("msg", ""))


def _role_outcome(run, case_id):
    refused = [t for t in run.tasks if t["name"] == case_id + ": refused"]
    if not refused:
        return False, "the role ran through: %s" % [t["name"] for t in run.tasks if t["changed"]]
    return True, str(refused[-1]["result"].get("msg", ""))


@pytest.mark.parametrize("group", list(MODULE_CASES))
def test_modules_refuse_bad_input_before_any_write(group, tenant, run_playbook):
    cases = MODULE_CASES[group]
    run = run_playbook([module_task(case_id, module, args) for case_id, module, args, dummy in cases])
    _check(tenant, run, [(case_id, expected) for case_id, dummy, dummy2, expected in cases], _module_outcome)


@pytest.mark.parametrize("role", list(ROLE_CASES))
def test_roles_refuse_bad_input_before_any_write(role, tenant, run_playbook):
    if not (REPO / "roles" / role / "meta" / "argument_specs.yml").is_file():
        pytest.skip("role %s is not in the collection yet" % role)
    cases = ROLE_CASES[role]
    run = run_playbook([role_block(role, case_id, role_vars) for case_id, role_vars, dummy in cases])
    _check(tenant, run, [(case_id, expected) for case_id, dummy, expected in cases], _role_outcome)


def test_the_matrix_is_big_enough():
    modules = sum(len(cases) for cases in MODULE_CASES.values())
    assert modules >= 40 and modules + sum(len(cases) for cases in ROLE_CASES.values()) >= 60


# ---- options one API surface lacks: refused on it before any request -----------------

# A task of each kind that the surface accepts, and a value for each option it may lack.
SURFACE_BASE = {
    "queue": ("cxone_queue", {"name": "Support"}),
    "queue members": ("cxone_queue_member", {"queue": "Support", "members": [{"user": ALICE}]}),
    "user skills": ("cxone_user_skill", {"assignments": [{"user": ALICE, "skill": "skill-billing", "level": 2}]}),
    "wrap-up code": ("cxone_wrapup_code", {"name": "Resolved"}),
    "campaign schedule": ("cxone_campaign_schedule", {"campaign": "Spring Renewal Outreach",
                                                      "name": "Weekday business hours",
                                                      "windows": [{"day": "MONDAY", "start": "09:00:00",
                                                                   "end": "17:00:00"}]}),
}
SAMPLE = {
    "skill_requirements": [{"skill": "language:en", "proficiency": "advanced"}], "overflow": {"enabled": False},
    "max_wait_time": 60, "max_waiters": 10, "routing_type": "ROUTED", "split": 50, "after_hours_available": True,
    "start": "2026-01-01T00:00:00Z", "end": "2026-12-31T00:00:00Z", "queue": "Support", "wrap_up_type": "CALL",
    "timezone": "America/New_York", "blackout_periods": [{"start": "12:00:00", "end": "13:00:00"}],
    "compliance": {"compliance_injection": False}, "max_calls_per_day": 100, "max_calls_per_hour": 20,
    "predictive_rate": 1.2, "max_calls_per_agent_per_day": 30, "media_type": "chat", "campaign": "Customer Care",
    "outbound": False, "outbound_strategy": "manual", "priority": {"acceleration": 2},
    "short_abandon": {"enabled": False}, "wrapup_codes": ["Resolved"], "proficiency": 3, "active": True,
    "preview": False, "notes": "x", "level": 2, "require_wrapup_code": True,
}
ITEM_LISTS = {"queue members": "members", "user skills": "assignments"}  # where per-item options go


def surface_cases(surface_name):
    """``(case id, module, args, the option as the message names it)`` for every option the
    surface refuses (derived from its stores' field maps)."""
    import importlib

    surface = importlib.import_module("ansible_collections.cxone.cxone.plugins.module_utils.surfaces.%s.surface"
                                      % surface_name).SURFACE
    table = {kind: surface.unsupported(kind).options for kind in SURFACE_BASE}
    cases = []
    for kind, options in table.items():
        module, base = SURFACE_BASE[kind]
        for option in options:
            args = json.loads(json.dumps(base))
            if "[]." in option:
                list_option, key = option.split("[].")
                args[list_option][0][key] = SAMPLE[key]
                named = "%s[0].%s" % (list_option, key)
            elif kind in ITEM_LISTS and option not in ("queue",):
                args[ITEM_LISTS[kind]][0][option] = SAMPLE[option]
                named = "%s[0].%s" % (ITEM_LISTS[kind], option)
            else:
                args[option] = SAMPLE[option]
                named = option
            if surface_name == "v2" and kind == "user skills":
                args["assignments"][0]["level"] = 2
            cases.append(("%s %s on %s" % (module, option, surface_name), module, args, named))
    return cases


@pytest.mark.parametrize("surface_name", ["admin", "v2"])
def test_options_a_surface_lacks_are_refused_before_any_request(surface_name, tenant, run_playbook):
    from playbook_run import admin_env

    cases = surface_cases(surface_name)
    env = admin_env(tenant.base_url) if surface_name == "admin" else {}
    tenant.reset_stats()
    run = run_playbook([module_task(case_id, module, args) for case_id, module, args, dummy in cases],
                       extra_env=env)
    problems = []
    for case_id, dummy, dummy2, named in cases:
        message = str(run.task(case_id)["result"].get("msg", ""))
        if "%s: not available with api=%s" % (named, surface_name) not in message:
            problems.append("%s: %s" % (case_id, message))
    assert not problems, "\n".join(problems)
    assert tenant.stats()["requests"] == 0, tenant.stats()["by_route"]  # not even a token
    count("badinput", "tried", len(cases))
    count("badinput", "refused before any write", len(cases))
    count("badinput", "refused before any write, option named", len(cases))
