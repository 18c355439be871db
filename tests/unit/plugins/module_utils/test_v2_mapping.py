"""The v2 surface's payload mapping, both ways, for every resource: pure functions."""

from __future__ import annotations

import pytest

from ansible_collections.cxone.cxone.plugins.module_utils._surfaces import surface
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2 import paths
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.items import (
    AgentStateStore,
    skill_set_from_api,
    skill_set_to_api,
)
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.objects import schedule_id_for

V2 = surface("v2")

QUEUE = {"name": "Billing", "description": "Invoices",
         "skill_requirements": [{"skill": "language:en", "proficiency": "advanced", "required": False},
                                {"skill": "skill-billing", "proficiency": "expert", "required": True}],
         "service_level": {"threshold": 80, "time": 20},
         "overflow": {"enabled": True, "target": "q-2", "wait_time": 90},
         "max_wait_time": 600, "max_waiters": 40}
CODE = {"name": "Resolved", "available": False, "routing_type": "MANUAL", "wrap_up_type": "CALL"}
SCHEDULE = {"name": "Weekdays", "timezone": "America/New_York",
            "windows": [{"day": "MONDAY", "start": "09:00:00", "end": "17:00:00", "max_calls_per_day": 500,
                         "max_calls_per_hour": None, "predictive_rate": 1.5, "max_calls_per_agent_per_day": 40}],
            "blackout_periods": [{"start": "12:00:00", "end": "13:00:00", "reason": "lunch",
                                  "applies_to_all_days": False}],
            "compliance": {"regulatory_pauses": ["TCPA"], "agent_availability_projection": True,
                           "compliance_injection": False},
            "status": "INACTIVE"}
HOOK = {"name": "Escalations", "url": "https://hooks.example/x", "events": ["a.b", "c.d"], "enabled": False}


@pytest.mark.parametrize("kind, state, scope", [
    ("queue", QUEUE, {}),
    ("wrap-up code", CODE, {}),
    ("campaign schedule", SCHEDULE, {"campaign_id": "c-1"}),
    ("webhook", HOOK, {}),
])
def test_state_to_payload_and_back_is_the_same_state(kind, state, scope):
    store = V2.store(kind, **scope)
    payload = store.to_api(state)
    assert store.from_api(dict(payload, id="x-1")) == state
    record = store.record(dict(payload, id="x-1", version=3))
    assert (record.id, record.name, record.state) == ("x-1", state["name"], state)


def test_queue_payload_field_names():
    payload = V2.store("queue").to_api(QUEUE)
    assert payload["overflow"] == {"enabled": True, "targetId": "q-2", "waitTime": 90}
    assert payload["serviceLevelTarget"] == {"threshold": 80, "time": 20}
    assert (payload["maxWaitTime"], payload["maxWaiters"]) == (600, 40)


def test_schedule_payload_leaves_unset_limits_out():
    detail = V2.store("campaign schedule", campaign_id="c-1").to_api(SCHEDULE)["scheduleDetails"][0]
    assert detail == {"dayOfWeek": "MONDAY", "startTime": "09:00:00", "endTime": "17:00:00", "predictiveRate": 1.5,
                      "maxCallsPerDay": 500, "maxCallsPerAgentPerDay": 40}


def test_schedule_ids_are_stable_and_valid():
    first = schedule_id_for("Été Weekdays")
    assert first == schedule_id_for("été weekdays") and first.startswith("ete-weekdays-")
    assert schedule_id_for("Été Weekdays", 2) == first + "-2"


def test_member_operations():
    store = V2.store("queue members")
    item = {"routing_type": "MANUAL", "split": 50, "after_hours_available": True}
    assert store.operation(None, "add", ("q", "u"), item) == {
        "method": "POST", "path": paths.queue_members("q"),
        "body": {"routingType": "MANUAL", "split": 50, "afterHoursAvailable": True, "userId": "u"}}
    assert store.operation(None, "update", ("q", "u"), item)["method"] == "PUT"
    assert store.operation(None, "remove", ("q", "u"), None) == {"method": "DELETE", "path": paths.queue_member("q", "u")}


def test_skill_sets_both_ways_in_utc():
    ranged = {"id": "s1", "level": 3, "effectiveDateRange": {"start": "2024-06-01T10:00:00+02:00", "end": None}}
    body = {"skills": [ranged, {"id": "s2", "level": 1}]}
    sets = skill_set_from_api(body)
    assert sets == {"s1": {"level": 3, "start": "2024-06-01T08:00:00.000Z", "end": None},
                    "s2": {"level": 1, "start": None, "end": None}}
    assert skill_set_to_api(sets)["skills"][0] == {"id": "s1", "level": 3, "effectiveDateRange": {
        "start": "2024-06-01T08:00:00.000Z", "end": None}}


def test_agent_state_refusals():
    from ansible_collections.cxone.cxone.plugins.module_utils._errors import error_for_status

    store = AgentStateStore()
    policy = error_for_status("POST", "/x", 409, "policy.violation", "MANDATORY_BREAK_VIOLATION: on a break")
    assert store.refusal(policy) == ("policy", "MANDATORY_BREAK_VIOLATION")
    reason = error_for_status("POST", "/x", 400, "bad.request", "reasonCode LUNCH is not a reason code")
    assert store.refusal(reason) == ("reason", None)
    assert store.refusal(error_for_status("POST", "/x", 503, "service.unavailable")) is None
