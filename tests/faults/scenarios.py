"""The desired states the fault suite converges, one scenario per area of the collection.

A scenario is a list of playbook tasks (module tasks, or an ``include_role`` of a role),
what it needs in the tenant before the run (``prepare``, returns play variables), and
how to tell from the emulator's own state that the tenant is as declared (``check``).
Every fault-kind test runs the tasks of all scenarios in one playbook, so adding a
scenario (for example a role) to ``SCENARIOS`` puts it under every fault kind, the
all-together run and the rerun check at no extra playbook start.

``fault_paths``: a regex of the API paths the scenario's modules call. When set, each
fault rule of a kind is also injected once more, restricted to these paths, so that the
scenario gets its own share of faults even when the playbook's other tasks spend the
kind's budget first. ``fault_groups``: {label: regex of one module's paths}; each rule of a
kind also fires once, deterministically, on the first matching request of each group, so
every module meets every fault kind. ``resend_advice``: task names whose module is documented to fail
(and not send again) when a write it made is refused by a transient fault; such a task
may fail under a fault, but only with a message that says the change was not applied
and that the task can be run again. ``client``: the API client id the scenario's tasks use
(a role's scenario): its ``fault_paths`` and ``fault_groups`` then match only that client's
requests, so the scenario meets its faults even on paths other scenarios call too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional


@dataclass
class Scenario:
    name: str
    tasks: List[dict]
    prepare: Callable
    check: Callable
    fault_paths: Optional[str] = None
    fault_groups: Dict[str, str] = field(default_factory=dict)
    resend_advice: Dict[str, str] = field(default_factory=dict)
    client: Optional[str] = None  # the scenario's own API client: its faults match it too

    def named_tasks(self):
        """The tasks, each name prefixed with the scenario (names are unique in the combined playbook)."""
        return [dict(task, name="%s: %s" % (self.name, task["name"])) for task in self.tasks]

    def owns(self, task_name):
        return task_name.startswith(self.name + ": ")

    def advice_for(self, task_name):
        return self.resend_advice.get(task_name[len(self.name) + 2:]) if self.owns(task_name) else None


# ---- routing: queues, members, wrap-up codes (the lead's scenario) -------------------------

EMAILS = ["alice.johnson@acme.example", "bob.smith@acme.example", "carla.gomez@acme.example",
          "david.lee@acme.example", "emma.brown@acme.example", "farah.khan@acme.example"]

ROUTING_TASKS = [
    {"name": "queue Escalations", "cxone.cxone.cxone_queue": {
        "name": "Escalations", "description": "Tier 2",
        "skill_requirements": [{"skill": "skill-support", "proficiency": "advanced"}],
        "overflow": {"target": "Support", "wait_time": 90}, "max_waiters": 30}},
    {"name": "queue Support", "cxone.cxone.cxone_queue": {
        "name": "Support", "max_waiters": 70, "service_level": {"threshold": 85, "time": 20}}},
    {"name": "queue Night", "cxone.cxone.cxone_queue": {"name": "Night shift", "max_wait_time": 120}},
    {"name": "members Escalations", "cxone.cxone.cxone_queue_member": {
        "queue": "Escalations", "exclusive": True,
        "members": [{"user": e, "split": 50} for e in EMAILS[:4]]}},
    {"name": "members Overflow", "cxone.cxone.cxone_queue_member": {
        "queue": "Overflow", "members": "{{ peak_crew }}"}},
    {"name": "code storm", "cxone.cxone.cxone_wrapup_code": {
        "name": "Storm callback", "available": True, "wrap_up_type": "CALL"}},
    {"name": "code peak", "cxone.cxone.cxone_wrapup_code": {"name": "Peak Hold Callback", "available": True}},
    {"name": "gone", "cxone.cxone.cxone_queue": {"name": "Spanish Support", "state": "absent"}},
]


def prepare_routing(emulator):
    crew = emulator.store.add_users(120, prefix="crew")
    return {"peak_crew": [{"user": e} for e in crew]}


def check_routing(emulator, play_vars):
    store = emulator.store
    queues = store.queues_by_name()
    assert "Spanish Support" not in queues
    esc = queues["Escalations"]
    assert esc["maxWaiters"] == 30 and esc["overflow"]["targetId"] == queues["Support"]["id"]
    assert esc["overflow"]["waitTime"] == 90 and esc["description"] == "Tier 2"
    assert queues["Support"]["maxWaiters"] == 70 and queues["Support"]["serviceLevelTarget"] == {"threshold": 85, "time": 20}
    assert queues["Night shift"]["maxWaitTime"] == 120
    emails = {u["id"]: u["email"] for u in store.users_by_email().values()}
    esc_members = store.members_of(esc["id"])
    assert sorted(emails[u] for u in esc_members) == sorted(EMAILS[:4])
    assert all(m["split"] == 50 for m in esc_members.values())
    overflow_members = {emails[u] for u in store.members_of(queues["Overflow"]["id"])}
    assert {m["user"] for m in play_vars["peak_crew"]} <= overflow_members
    codes = store.wrapup_codes_by_name()
    assert codes["Storm callback"]["available"] is True and codes["Storm callback"]["wrapUpType"] == "CALL"
    assert codes["Peak Hold Callback"]["available"] is True


# ---- agents and outbound: user skills, agent states, campaign schedules, webhooks ------------

CAMPAIGN = "Spring Renewal Outreach"
SEEDED_SCHEDULE = "weekday-business-hours"
ALICE = "alice.johnson@acme.example"
SKILL_CREW = 60  # more than one batch (50) of users


def _window(day, start, end, per_day=200):
    return {"day": day, "start": start, "end": end, "max_calls_per_day": per_day, "max_calls_per_hour": 60,
            "predictive_rate": 1.5, "max_calls_per_agent_per_day": 60}


EVENINGS = {
    "campaign": CAMPAIGN, "name": "Weekday evenings", "timezone": "America/New_York",
    "windows": [_window("MONDAY", "17:00:00", "20:00:00"), _window("TUESDAY", "17:00:00", "20:00:00"),
                _window("THURSDAY", "17:00:00", "20:30:00")],
    "blackout_periods": [{"start": "18:30:00", "end": "18:45:00", "reason": "SHIFT_HANDOVER"}],
    # 600 calls a day against 1.25 x 9 agents with an active WFM schedule x 60 = 675: allowed.
    "compliance": {"regulatory_pauses": ["TCPA", "NCDOJ"], "agent_availability_projection": True},
}
SYNC_HOOK = {"name": "WFM schedule sync", "url": "https://wfm.acme.example/api/sync/cxone-schedule",
             "events": ["campaign.schedule.updated", "dialer.schedule.activated"]}

AGENTS_TASKS = [
    {"name": "skills crew", "cxone.cxone.cxone_user_skill": {"queue": "Billing", "assignments": "{{ skill_crew }}"}},
    {"name": "skills Alice exactly", "cxone.cxone.cxone_user_skill": {"exclusive": True, "assignments": [
        {"user": ALICE, "skill": "language:en", "level": 5},
        {"user": ALICE, "skill": "skill-support", "level": 4},
        {"user": "Alice Johnson", "skill": "skill-billing", "level": 3,
         "start": "2026-11-23T08:00:00+01:00", "end": "2027-01-06T18:00:00Z"}]}},
    {"name": "skills retention off", "cxone.cxone.cxone_user_skill": {"state": "absent", "assignments": [
        {"user": "emma.brown@acme.example", "skill": "skill-retention"},
        {"user": "Julia Rossi", "skill": "skill-retention"}]}},
    {"name": "agent Bob ready", "cxone.cxone.cxone_agent_state": {"user": "Bob Smith", "state": "READY"}},
    {"name": "schedule evenings", "cxone.cxone.cxone_campaign_schedule": EVENINGS},
    {"name": "schedule business hours paused", "cxone.cxone.cxone_campaign_schedule": {
        "campaign": CAMPAIGN, "name": "Weekday business hours", "status": "INACTIVE",
        "compliance": {"compliance_injection": False}}},
    {"name": "webhook sync", "cxone.cxone.cxone_webhook": SYNC_HOOK},
    {"name": "webhook ops muted", "cxone.cxone.cxone_webhook": {
        "name": "Ops Alerts", "enabled": False, "events": ["agent.state.changed", "queue.updated", "queue.deleted"]}},
]

AGENT_STATE_ADVICE = r"not applied and was not retried; run the task again"


def prepare_agents(emulator):
    crew = emulator.store.add_users(SKILL_CREW, prefix="skillcrew")
    assignments = []
    for email in crew:
        assignments.append({"user": email, "skill": "skill-billing", "level": 3})
        assignments.append({"user": email, "skill": "language:en", "level": 2})
    return {"skill_crew": assignments}


def _skills(emulator, email):
    store = emulator.store
    names = {s["id"]: s["name"] for s in store.skills.values()}
    uid = store.users_by_email()[email]["id"]
    return {names[s["id"]]: (s["level"], s["effectiveDateRange"]["start"], s["effectiveDateRange"]["end"])
            for s in store.user_skill_set(uid)}


def _state(emulator, email):
    store = emulator.store
    uid = store.users_by_email()[email]["id"]
    state = store.get_state(uid)
    return state["state"], state["reasonCode"]


def check_agents(emulator, play_vars):
    for entry in play_vars["skill_crew"][::2]:
        assert _skills(emulator, entry["user"]) == {"skill-billing": (3, None, None), "language:en": (2, None, None)}
    assert _skills(emulator, ALICE) == {"language:en": (5, None, None), "skill-support": (4, None, None),
                                        "skill-billing": (3, "2026-11-23T07:00:00.000Z", "2027-01-06T18:00:00.000Z")}
    assert "skill-retention" not in _skills(emulator, "emma.brown@acme.example")
    assert "skill-retention" not in _skills(emulator, "julia.rossi@acme.example")
    assert _skills(emulator, "julia.rossi@acme.example")["skill-sales"] == (5, None, None)  # the others kept
    assert _state(emulator, "bob.smith@acme.example") == ("READY", "WORKING")
    schedules = schedules_of(emulator)
    evenings = [s for s in schedules.values() if s["name"] == "Weekday evenings"]
    assert len(evenings) == 1, evenings
    stored = evenings[0]
    assert stored["timezone"] == "America/New_York" and stored["status"] == "ACTIVE"
    assert sorted((d["dayOfWeek"], d["startTime"], d["endTime"], d["maxCallsPerDay"]) for d in stored["scheduleDetails"]) == [
        ("MONDAY", "17:00:00", "20:00:00", 200), ("THURSDAY", "17:00:00", "20:30:00", 200),
        ("TUESDAY", "17:00:00", "20:00:00", 200)]
    assert stored["blackoutPeriods"] == [{"startTime": "18:30:00", "endTime": "18:45:00", "reason": "SHIFT_HANDOVER",
                                          "appliesToAllDays": True}]
    assert stored["complianceRules"] == {"regulatoryPauses": ["NCDOJ", "TCPA"], "agentAvailabilityProjection": True,
                                         "enableComplianceInjection": False}
    business = schedules[SEEDED_SCHEDULE]
    assert business["status"] == "INACTIVE" and business["complianceRules"]["enableComplianceInjection"] is False
    assert business["complianceRules"]["regulatoryPauses"] == ["NCDOJ", "TCPA"]  # not managed: kept
    hooks = emulator.store.webhooks_by_name()
    assert hooks["WFM schedule sync"]["url"] == SYNC_HOOK["url"] and hooks["WFM schedule sync"]["status"] == "ENABLED"
    assert hooks["WFM schedule sync"]["events"] == sorted(SYNC_HOOK["events"])
    assert hooks["Ops Alerts"]["status"] == "DISABLED"
    assert hooks["Ops Alerts"]["events"] == ["agent.state.changed", "queue.deleted", "queue.updated"]


def schedules_of(emulator, campaign=CAMPAIGN):
    store = emulator.store
    campaign_id = store.campaigns_by_name()[campaign]["id"]
    return dict(store.schedules.get(campaign_id, {}))


# ---- the roles: peak mode and campaign season ----------------------------------------------
# Each role runs with its own API client, so the emulator can aim a kind's faults at the
# role's requests (fault rules match by client) even where other scenarios call the same paths.

ROLE_SCOPES = ["routing:queue:view", "routing:queue:write", "routing:user:write", "routing:wrapupcode:write",
               "routing:skill:view", "batch:write", "analytics:read", "dialer:campaigns:read",
               "dialer:schedules:write", "wfm:schedules:read", "webhooks:write"]
PEAK_CLIENT = ("cxone-peak-role", "peak-role-secret-not-for-production")
SEASON_CLIENT = ("cxone-season-role", "season-role-secret-not-for-production")
PEAK_CREW = 40  # 20 per queue: a batch of members per queue, and a user listing of several pages


def _client_vars(client):
    return {"cxone_client_id": client[0], "cxone_client_secret": client[1]}


def _add_client(emulator, client):
    emulator.store.clients[client[0]] = {"clientSecret": client[1], "scopes": sorted(ROLE_SCOPES)}


# Off the calendar's windows (Monday 12:00 New York), so the load trigger decides: Billing's
# queue has 25 contacts waiting (prepare_peak), above the enter mark: peak on.
PEAK_TASKS = [{"name": "peak on by load", "import_role": {"name": "cxone.cxone.peak_mode"}, "vars": dict(
    _client_vars(PEAK_CLIENT),
    peak_mode_now="2026-03-09T12:00",
    peak_mode_calendar={"timezone": "America/New_York", "holidays": ["2026-12-25"], "windows": [
        {"name": "Morning rush", "days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "11:00"}]},
    peak_mode_load={"queues": ["Billing"], "enter_waiting": 10, "leave_waiting": 5},
    peak_mode_memberships="{{ peak_memberships }}",
    peak_mode_wrapup_codes=[{"name": "Surge Callback", "wrap_up_type": "CALL"}, {"name": "Surge Survey Offer"}],
)}]


def prepare_peak(emulator):
    store = emulator.store
    _add_client(emulator, PEAK_CLIENT)
    crew = store.add_users(PEAK_CREW, prefix="peakcrew")
    store.set_queue_load(store.queues_by_name()["Billing"]["id"], waiting=25, oldest_wait_seconds=240)
    store.create_wrapup({"name": "Surge Survey Offer", "available": False}, "seed")
    half = PEAK_CREW // 2
    return {"peak_memberships": [
        {"queue": "Support", "members": [{"user": e, "split": 50} for e in crew[:half]]},
        {"queue": "Billing", "members": [{"user": e, "after_hours_available": True} for e in crew[half:]]
         + [{"user": "david.lee@acme.example", "routing_type": "MANUAL"}]},
    ]}


def check_peak(emulator, play_vars):
    store = emulator.store
    queues = store.queues_by_name()
    emails = {u["id"]: u["email"] for u in store.users_by_email().values()}
    for entry in play_vars["peak_memberships"]:
        members = {emails[uid]: m for uid, m in store.members_of(queues[entry["queue"]]["id"]).items()}
        for wanted in entry["members"]:
            have = members[wanted["user"]]
            assert have["split"] == wanted.get("split", 100), (entry["queue"], wanted, have)
            assert have["routingType"] == wanted.get("routing_type", "ROUTED"), (wanted, have)
            assert have["afterHoursAvailable"] == wanted.get("after_hours_available", False), (wanted, have)
    codes = store.wrapup_codes_by_name()
    assert codes["Surge Callback"]["available"] is True and codes["Surge Callback"]["wrapUpType"] == "CALL"
    assert codes["Surge Survey Offer"]["available"] is True


SEASON_SCHEDULE = "Q2 season weekday evenings"
SEASON_CREW = 8

SEASON_TASKS = [{"name": "season on", "import_role": {"name": "cxone.cxone.campaign_season"}, "vars": dict(
    _client_vars(SEASON_CLIENT),
    campaign_season_now="2026-04-01T00:00",
    campaign_season_name="Q2 collections season",
    campaign_season_start="2026-04-01",
    campaign_season_end="2026-06-30",
    campaign_season_timezone="America/New_York",
    campaign_season_schedules=[{
        "campaign": "Collections Q2", "name": SEASON_SCHEDULE, "timezone": "America/New_York",
        "windows": [_window("MONDAY", "17:00:00", "20:00:00"), _window("THURSDAY", "17:00:00", "20:00:00")],
        "compliance": {"regulatory_pauses": ["TCPA"], "agent_availability_projection": True}}],
    campaign_season_skills="{{ season_skills }}",
    campaign_season_webhooks=[{"name": "WFM Q2 season sync", "url": "https://wfm.acme.example/api/sync/q2",
                               "events": ["campaign.schedule.updated", "dialer.schedule.activated"]}],
)}]


def prepare_season(emulator):
    _add_client(emulator, SEASON_CLIENT)
    crew = emulator.store.add_users(SEASON_CREW, prefix="seasoncrew")
    return {"season_skills": [{"user": "david.lee@acme.example", "skill": "skill-retention", "level": 3},
                              {"user": "carla.gomez@acme.example", "skill": "skill-billing", "level": 3}]
            + [{"user": e, "skill": "skill-sales", "level": 2, "end": "2026-07-01T04:00:00Z"} for e in crew]}


def check_season(emulator, play_vars):
    schedules = [s for s in schedules_of(emulator, "Collections Q2").values() if s["name"] == SEASON_SCHEDULE]
    assert len(schedules) == 1, schedules
    assert sorted(d["dayOfWeek"] for d in schedules[0]["scheduleDetails"]) == ["MONDAY", "THURSDAY"]
    assert schedules[0]["complianceRules"]["regulatoryPauses"] == ["TCPA"]
    for entry in play_vars["season_skills"]:
        level, start, end = _skills(emulator, entry["user"])[entry["skill"]]
        assert level == entry["level"], entry
        assert end == ("2026-07-01T04:00:00.000Z" if entry.get("end") else None), (entry, end)
    hook = emulator.store.webhooks_by_name()["WFM Q2 season sync"]
    assert hook["status"] == "ENABLED" and hook["url"] == "https://wfm.acme.example/api/sync/q2"


# ---- the table -------------------------------------------------------------------------------

# ---- the real CXone API (api: admin): skills, assignments, dispositions, outbound schedules,
# unavailable codes, hours of operation, agent state ------------------------------------------

ADMIN_KEY = ("cxone-demo-key", "demo-access-secret-not-for-production")
ADMIN_APP = ("cxone-demo-app", "demo-app-secret-not-for-production")
# The access key alone, at the emulator as its area's login host (the default login). The
# environment of the run holds the v2 client's CXONE_CLIENT_ID: empty here, so it is not taken.
ADMIN_CONNECTION = {"api": "admin", "area": "{{ admin_auth_url }}", "auth_url": "{{ admin_auth_url }}",
                    "base_url": "", "access_key_id": ADMIN_KEY[0], "access_key_secret": ADMIN_KEY[1],
                    "client_id": "", "client_secret": ""}
ADMIN_CREW = 110  # more than one array-bodied write (100 items)


def _admin(module, args):
    return {"cxone.cxone." + module: dict(args, **ADMIN_CONNECTION)}


ADMIN_TASKS = [
    dict(name="skill Fault desk", **_admin("cxone_queue", {
        "name": "Fault desk", "campaign": "Customer Care", "media_type": "chat",
        "service_level": {"threshold": 80, "time": 25}, "wrapup_codes": ["Resolved", "Escalated"]})),
    dict(name="skill Support", **_admin("cxone_queue", {"name": "Support", "priority": {"acceleration": 3}})),
    dict(name="assignments", **_admin("cxone_queue_member", {"memberships": [
        {"queue": "Fault desk", "exclusive": True, "members": [{"user": e, "proficiency": 3} for e in EMAILS[:4]]},
        {"queue": "Overflow", "members": "{{ admin_crew }}"}]})),
    dict(name="dispositions", **_admin("cxone_wrapup_code", {"codes": [
        {"name": "Fault callback", "available": True, "notes": "fault suite"},
        {"name": "Wrong Number", "state": "absent"}]})),
    dict(name="agent skills", **_admin("cxone_user_skill", {"assignments": [
        {"user": "carla.gomez@acme.example", "skill": "Billing", "level": 7},
        {"user": "david.lee@acme.example", "skill": "language:fr", "level": 2, "active": False}]})),
    dict(name="outbound schedule", **_admin("cxone_campaign_schedule", {
        "campaign": "Spring Renewal Outreach", "name": "Weekday business hours", "status": "ACTIVE",
        "windows": [{"day": "MONDAY", "start": "08:00:00", "end": "16:00:00"},
                    {"day": "TUESDAY", "start": "10:00:00", "end": "19:00:00"}]})),
    dict(name="unavailable codes", **_admin("cxone_unavailable_code", {"codes": [
        {"name": "Fault break", "agent_timeout": 60, "notes": "fault suite"},
        {"name": "Training", "state": "absent"}]})),
    dict(name="hours of operation", **_admin("cxone_hours_of_operation", {
        "name": "Fault hours", "queues": ["Fault desk"],
        "days": [{"day": "MONDAY", "open": "07:00:00", "close": "19:00:00"},
                 {"day": "SATURDAY", "open": "09:00:00", "close": "13:00:00"}],
        "holidays": [{"name": "Fault day", "date": "2026-12-31"}]})),
    dict(name="agent state", **_admin("cxone_agent_state", {
        "user": "alice.johnson@acme.example", "state": "NOT_READY", "reason_code": "Fault break"})),
]


def prepare_admin(emulator):
    crew = emulator.admin_store.add_agents(ADMIN_CREW, prefix="faultcrew")
    return {"admin_auth_url": emulator.base_url, "admin_crew": [{"user": e, "proficiency": 9} for e in crew]}


def check_admin(emulator, play_vars):
    store = emulator.admin_store
    skills = {s["skillName"]: s for s in store.skills.values()}
    agents = {a["emailAddress"]: a["agentId"] for a in store.agents.values()}
    desk = skills["Fault desk"]
    assert (desk["mediaTypeId"], desk["serviceLevelGoal"], desk["serviceLevelThreshold"]) == (3, 80, 25)
    assert len(desk["dispositions"]) == 2 and skills["Support"]["acceleration"] == 3
    on_desk = {a: e for (s, a), e in store.assignments.items() if s == desk["skillId"]}
    assert set(on_desk) == {agents[e] for e in EMAILS[:4]} and all(e["proficiency"] == 3 for e in on_desk.values())
    overflow = skills["Overflow"]["skillId"]
    for member in play_vars["admin_crew"]:
        assert store.assignments[(overflow, agents[member["user"]])]["proficiency"] == 9
    codes = Counter(d["dispositionName"] for d in store.dispositions.values())
    assert codes["Fault callback"] == 1, "a disposition was created twice: %s" % codes
    by_name = {d["dispositionName"]: d for d in store.dispositions.values()}
    assert by_name["Fault callback"]["isActive"] is True and by_name["Wrong Number"]["isActive"] is False
    assert store.assignments[(skills["Billing"]["skillId"], agents["carla.gomez@acme.example"])]["proficiency"] == 7
    french = store.assignments[(skills["language:fr"]["skillId"], agents["david.lee@acme.example"])]
    assert (french["proficiency"], french["isActive"]) == (2, False)
    assert Counter(s["skillName"].casefold() for s in store.skills.values()).most_common(1)[0][1] == 1
    hours = store.schedules[skills["Weekday business hours"]["skillId"]]
    assert (hours["mondayStartTime"], hours["mondayEndTime"], hours["tuesdayEndTime"]) == ("08:00:00", "16:00:00",
                                                                                           "19:00:00")
    assert hours["wednesdayIsActive"] is False and hours["isScheduled"] is True
    codes = [c for c in store.unavailable_codes.values() if c["name"] == "Fault break"]
    assert len(codes) == 1 and (codes[0]["agentTimeout"], codes[0]["notes"]) == (60, "fault suite"), codes
    assert [c["isActive"] for c in store.unavailable_codes.values() if c["name"] == "Training"] == [False]
    profiles = [p for p in store.profiles.values() if p["hoursOfOperationProfileName"] == "Fault hours"]
    assert len(profiles) == 1 and not profiles[0]["isDeleted"], profiles
    days = {d["day"]: d for d in profiles[0]["days"]}
    assert days["Monday"]["openTime"] == "07:00:00" and days["Sunday"]["isClosedAllDay"] is True
    assert [s["skillName"] for s in profiles[0]["skills"]] == ["Fault desk"]
    state = store.states[agents["alice.johnson@acme.example"]]
    assert (state["agentStateName"], state["outStateId"]) == ("Unavailable", codes[0]["id"])


SCENARIOS = [
    Scenario("routing", ROUTING_TASKS, prepare_routing, check_routing,
             fault_groups={"queues": r"^/api/v2/routing/queues(/[^/]+)?$",
                           "members": r"^/api/v2/(routing/queues/[^/]+/members|batch$)",
                           "wrap-up codes": r"^/api/v2/routing/wrap-up-codes"}),
    Scenario("agents", AGENTS_TASKS, prepare_agents, check_agents,
             fault_paths=r"^/api/v2/(users/[^/]+/(skills|state)$|schedules/|breaks/|dialer/|wfm/|webhooks|batch$)",
             fault_groups={"user skills": r"^/api/v2/(users/[^/]+/skills$|routing/queues/[^/]+/routing/strategies$)",
                           "agent state": r"^/api/v2/(users/[^/]+/state$|schedules/users/|breaks/users/)",
                           "campaign schedules": r"^/api/v2/(dialer/|wfm/)",
                           "webhooks": r"^/api/v2/webhooks"},
             resend_advice={"agent Bob ready": AGENT_STATE_ADVICE}),
    # The roles: every API request of the role's client, whatever its path.
    Scenario("admin API", ADMIN_TASKS, prepare_admin, check_admin, fault_paths=r"^/inContactAPI/",
             fault_groups={"skills": r"^/inContactAPI/services/v33\.0/skills(/\d+)?$",
                           "assignments": r"^/inContactAPI/services/v33\.0/(skills/\d+/agents|skills/agents|agents/skills)",
                           "dispositions": r"^/inContactAPI/services/v33\.0/dispositions",
                           "schedules": r"^/inContactAPI/services/v33\.0/skills/\d+/parameters/schedule-settings$",
                           "unavailable codes": r"^/inContactAPI/services/v33\.0/unavailable-codes",
                           "hours of operation": r"^/inContactAPI/services/v33\.0/hours-of-operation",
                           "agent state": r"^/inContactAPI/services/v33\.0/agents/(\d+/)?states?$"},
             resend_advice={"agent state": AGENT_STATE_ADVICE}, client=ADMIN_KEY[0]),
    Scenario("peak mode", PEAK_TASKS, prepare_peak, check_peak, fault_paths=r"^/api/v2/",
             fault_groups={"role": r"^/api/v2/"}, client=PEAK_CLIENT[0]),
    Scenario("campaign season", SEASON_TASKS, prepare_season, check_season, fault_paths=r"^/api/v2/",
             fault_groups={"role": r"^/api/v2/"}, client=SEASON_CLIENT[0]),
]


def prepare_all(emulator, scenarios=None):
    play_vars = {}
    for scenario in scenarios or SCENARIOS:
        play_vars.update(scenario.prepare(emulator) or {})
    return play_vars


def all_tasks(scenarios=None):
    return [task for scenario in scenarios or SCENARIOS for task in scenario.named_tasks()]


def check_all(emulator, play_vars, scenarios=None):
    for scenario in scenarios or SCENARIOS:
        scenario.check(emulator, play_vars)


# ---- what the audit log says ----------------------------------------------------------------

def _created_name(entry):
    after = entry.get("after") or {}
    if entry["entity"] == "campaignSchedule":
        return entry["entityId"].split("/")[0] + "/" + str(after.get("name", "")).casefold()
    if entry["entity"] == "queueMember":
        return entry["entityId"]
    return str(after.get("name") or entry["entityId"]).casefold()


def assert_nothing_created_twice(emulator):
    """No object was created twice: per entity and name (schedules: per campaign), at most one
    CREATE stands in the audit log, and no collection holds two objects of one name."""
    creates = Counter()
    for entry in emulator.store.audit_entries():
        if entry["action"] == "CREATE":
            creates[(entry["entity"], _created_name(entry))] += 1
    twice = [key for key, count in creates.items() if count > 1]
    assert not twice, "created more than once: %s" % twice
    store = emulator.store
    for label, objects in (("queue", store.queues_by_name().values()), ("webhook", store.webhooks_by_name().values()),
                           ("wrap-up code", store.wrapup_codes_by_name().values())):
        names = Counter(o["name"].casefold() for o in objects)
        assert all(n == 1 for n in names.values()), "%s names twice: %s" % (label, names)
    for campaign_id, schedules in store.schedules.items():
        names = Counter(s["name"].casefold() for s in schedules.values())
        assert all(n == 1 for n in names.values()), "schedule names twice in %s: %s" % (campaign_id, names)


def assert_no_state_written_twice(emulator):
    """An agent state write is never sent again after it was applied: one audited write per agent."""
    writes = Counter(e["entityId"] for e in emulator.store.audit_entries(entity="agentState"))
    assert all(n == 1 for n in writes.values()), writes


def failed_tasks(run):
    return [(t["name"], t["result"].get("msg")) for t in run.tasks if t["failed"]]


def unexplained_failures(run, scenarios=None):
    """Failed tasks that are not a documented 'not applied, run the task again' failure."""
    left = []
    for name, msg in failed_tasks(run):
        advice = next((s.advice_for(name) for s in scenarios or SCENARIOS if s.advice_for(name)), None)
        if advice is None or not re.search(advice, msg or ""):
            left.append((name, msg))
    return left
