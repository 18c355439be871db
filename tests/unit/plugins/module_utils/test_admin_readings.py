"""The admin client and stores under each reading of the API where public sources disagree
(docs/api/admin.md, "Two readings"), without the emulator: answers come from a script."""

from __future__ import annotations

import base64
import json
from types import SimpleNamespace

import pytest

from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError
from ansible_collections.cxone.cxone.plugins.module_utils.resources.registry import RESOURCES
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin import assignments
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import AdminClient, CutShort
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.hours import _holidays_from_api
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.skills import ActivityStore, SkillStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import flag
from test_admin_client import Scripted


def refused(path):
    return APIError("GET", path, 400, "InvalidParameter", "no")


def test_a_full_page_without_paging_keys_is_followed_and_a_204_ends_it():
    rows = [{"id": n} for n in range(100)]
    client = Scripted(lambda _m, _p, params, _j: (200, {"skills": rows}) if params["skip"] == 0 else (204, None))
    assert client.paginate("/skills") == rows
    assert [sent[2]["skip"] for sent in client.sent] == [0, 100]


def test_a_full_page_repeated_for_the_next_skip_is_cut_short_never_complete():
    rows = [{"id": n} for n in range(100)]
    client = Scripted(lambda *_a: (200, {"skills": rows}))
    with pytest.raises(CutShort, match="full page"):
        client.paginate("/skills")
    with pytest.raises(CutShort):
        Scripted(lambda *_a: (200, {"skills": rows})).paginate("/skills", probe=False)


def test_a_short_page_or_more_than_a_page_without_paging_keys_is_the_whole_list():
    for count in (7, 250):
        rows = [{"id": n} for n in range(count)]
        client = Scripted(lambda *_a, rows=rows: (200, {"agentStates": rows}))
        assert client.paginate("/agents/states", key="agentStates") == rows and len(client.sent) == 1


def test_older_versions_lists_in_a_result_set_with_their_spellings():
    client = Scripted(lambda *_a: (200, {"resultset": {"campaigns": [{"campaignId": 7, "campaignName": "Care"}],
                                                       "totalRecords": 1}}))
    assert client.paginate("/campaigns") == [{"id": 7, "name": "Care"}]
    client = Scripted(lambda *_a: (200, {"resultSet": {"hoursOfOperationProfiles": [
        {"hoursOfOperationProfileId": 3, "hoursOfOperationProfileName": "Day"}]}}))
    assert client.paginate("/hours-of-operation", key="hoursOfOperation")[0]["hoursOfOperationProfileId"] == 3
    assert (flag("False"), flag("true"), flag(None), flag(True)) == (False, True, False, True)


def jwt(claims):
    return "e30.%s.sig" % base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")


@pytest.mark.parametrize("access, id_token, source", [
    ("opaque-token", jwt({"tenantId": "t-1", "iss": "https://issuer"}), "id_token"),
    (jwt({"tenantId": "t-1", "iss": "https://issuer"}), None, "access_token"),
])
def test_the_claims_are_read_from_the_id_token_then_the_access_token(monkeypatch, access, id_token, source):
    client = AdminClient("key", "s", "app", "s2", base_url="https://api.example", token_cache=False)

    def fetched(self):
        self._token, self._id_token = access, id_token
        return access
    monkeypatch.setattr("ansible_collections.cxone.cxone.plugins.module_utils._client.Client._fetch_token", fetched)
    client._fetch_token()
    assert (client.tenant_id, client.claims_from) == ("t-1", source)


def many_skills_reader(accepts, cap=None):
    """A tenant whose GET /skills/agents takes the ``accepts`` form ('json', 'csv' or None) and
    answers at most ``cap`` rows without paging keys."""
    rows = {1: [{"skillId": 1, "agentId": a} for a in range(3)], 2: [{"skillId": 2, "agentId": 9}]}

    def answer(_method, path, params, _json):
        if path == "/skills/agents":
            value = params["skills"]
            form = "json" if value.startswith("[") else "csv"
            if form != accepts:
                return 400, refused(path)
            ids = [i["skillId"] for i in json.loads(value)] if form == "json" else [int(i) for i in value.split(",")]
            found = [row for i in ids for row in rows.get(i, [])]
            return 200, {"agentSkillAssignments": found[:cap] if cap else found}
        skill_id = int(path.split("/")[2])
        return 200, {"agentSkillAssignments": rows[skill_id], "totalRecords": len(rows[skill_id])}
    return answer


@pytest.mark.parametrize("accepts, requests", [("json", 1), ("csv", 2), (None, 4)])
def test_the_read_of_many_skills_tries_each_form_and_remembers_the_one_that_worked(tmp_path, accepts, requests):
    client = Scripted(many_skills_reader(accepts), cache_dir=str(tmp_path))
    ctx = SimpleNamespace(client=client)
    assert len(assignments.skill_assignments(ctx, [1, 2])) == 4 and len(client.sent) == requests
    again = Scripted(many_skills_reader(accepts), cache_dir=str(tmp_path))  # the next task: one request a form
    assert len(assignments.skill_assignments(SimpleNamespace(client=again), [1, 2])) == 4
    # A tenant that took neither form is asked again (its 400 may have had another cause).
    assert len(again.sent) == (1 if accepts else 4)
    assert "secret" not in "".join(p.read_text() for p in tmp_path.iterdir() if p.is_file())


def test_an_answer_of_many_skills_that_may_be_cut_short_is_read_skill_by_skill(monkeypatch):
    monkeypatch.setattr(assignments, "_per_skill", assignments._per_skill)
    client = Scripted(many_skills_reader("json", cap=100))
    monkeypatch.setattr("ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client.PAGE_SIZE", 4)
    rows = assignments.skill_assignments(SimpleNamespace(client=client), [1, 2])
    assert len(rows) == 4 and [s[1] for s in client.sent] == ["/skills/agents", "/skills/1/agents",
                                                              "/skills/2/agents"]


def test_an_inbound_skill_is_created_without_outbound_fields_or_is_active():
    store = SkillStore(RESOURCES["queue"])
    state = dict(store.defaults, name="Billing", campaign=101, active=True)
    body, later = store.FIELDS.create_body(state)
    assert not {"isOutbound", "outboundStrategy", "isActive"} & set(body) and later == {}
    body, _later = store.FIELDS.create_body(dict(state, outbound=True, outbound_strategy="personal_connection"))
    assert (body["isOutbound"], body["outboundStrategy"]) == (True, "Personal Connection")


def test_a_holiday_is_read_under_either_name_and_activity_in_either_shape():
    assert [h["name"] for h in _holidays_from_api([{"name": "A", "date": "2026-01-01", "isClosedAllDay": True},
                                                   {"holidayName": "B", "date": "2026-01-02",
                                                    "isClosedAllDay": True}])] == ["A", "B"]
    flat = {"skillId": 4, "queueCount": 2, "contactsActive": 1, "agentsAvaliable": 3}
    paged = {"skillActivity": [dict(flat, skillId=5)], "totalRecords": 1}
    client = Scripted(lambda _m, path, _p, _j: (200, flat) if path.endswith("search") else (200, paged))
    seen = ActivityStore().observe(SimpleNamespace(client=client), [4, 5])
    assert seen[4]["available_agents"] == 3 and seen[5]["waiting"] == 2
    assert [s[1] for s in client.sent] == ["/skills/activity/search", "/skills/activity"]


def test_schedule_times_go_as_seconds_then_as_minutes_when_the_tenant_refuses_seconds(tmp_path):
    from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.skills import OutboundScheduleStore

    def answer(_method, path, _params, body):
        times = [v for k, v in body["scheduleSettings"].items() if k.endswith("Time")]
        if any(len(t) == 8 for t in times):
            return 400, APIError("PUT", path, 400, "InvalidParameter", "")
        return 200, None
    client = Scripted(answer, cache_dir=str(tmp_path))
    OutboundScheduleStore._put_settings(SimpleNamespace(client=client), 5,
                                        {"mondayStartTime": "08:00:00", "mondayIsActive": True})
    assert [s[3]["scheduleSettings"]["mondayStartTime"] for s in client.sent] == ["08:00:00", "08:00"]
    again = Scripted(answer, cache_dir=str(tmp_path))  # remembered: the next task sends minutes first
    OutboundScheduleStore._put_settings(SimpleNamespace(client=again), 5, {"mondayStartTime": "09:00:00"})
    assert len(again.sent) == 1
    refused = Scripted(lambda _m, path, _p, _b: (400, APIError("PUT", path, 400, "InvalidParameter", "no")))
    with pytest.raises(APIError):  # refused in both forms: an error, never a silent success
        OutboundScheduleStore._put_settings(SimpleNamespace(client=refused), 5, {"mondayStartTime": "08:00:00"})
