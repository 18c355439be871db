"""Tests of the CXone tenant emulator against the contract (docs/api/v2.md)."""
from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
import time

import httpx
import pytest

from cxone_emulator import Emulator, extend_seed, load_seed

DEMO = ("cxone-demo", "demo-secret-not-for-production")
READONLY = ("cxone-readonly", "readonly-secret-not-for-production")
BATCH_LIMITED = ("cxone-batch-limited", "batch-secret-not-for-production")
TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture(scope="module")
def server():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emu(server):
    server.reset()
    server.configure(rate_limit=None, burst=None, token_lifetime=3600, latency=0)
    yield server


def token(emu, creds=DEMO, scope=None):
    form = {"grant_type": "client_credentials", "client_id": creds[0], "client_secret": creds[1]}
    if scope:
        form["scope"] = scope
    r = httpx.post(emu.base_url + "/oauth/token", data=form)
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


def client(emu, creds=DEMO, scope=None):
    return httpx.Client(base_url=emu.base_url, headers={"Authorization": "Bearer " + token(emu, creds, scope)},
                        timeout=10)


@pytest.fixture
def api(emu):
    with client(emu) as c:
        yield c


def err(resp, status, code):
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"status", "code", "description"} and body["status"] == status and body["code"] == code, body
    return body["description"]


def queue_id(emu, name):
    return emu.store.queues_by_name()[name]["id"]


def user_id(emu, email):
    return emu.store.users_by_email()[email]["id"]


def new_queue(api, name, **fields):
    r = api.post("/api/v2/routing/queues", json={"name": name, **fields})
    assert r.status_code == 201, r.text
    return r.json()


# ------------------------------------------------------------------ auth

def test_token_post_and_basic(emu):
    r = httpx.post(emu.base_url + "/oauth/token", data={"grant_type": "client_credentials",
                                                        "client_id": DEMO[0], "client_secret": DEMO[1]})
    body = r.json()
    assert r.status_code == 200 and body["token_type"] == "bearer" and body["expires_in"] == 3600
    assert "routing:queue:write" in body["scope"].split() and len(body["scope"].split()) == 17
    r = httpx.post(emu.base_url + "/oauth/token", data={"grant_type": "client_credentials",
                                                        "scope": "routing:queue:view"}, auth=DEMO)
    assert r.status_code == 200 and r.json()["scope"] == "routing:queue:view"
    emu.configure(token_lifetime=120)
    r = httpx.post(emu.base_url + "/oauth/token", data={"grant_type": "client_credentials"}, auth=DEMO)
    assert r.json()["expires_in"] == 120


def test_token_errors(emu):
    url = emu.base_url + "/oauth/token"
    r = httpx.post(url, data={"grant_type": "client_credentials", "client_id": DEMO[0], "client_secret": "nope"})
    assert r.status_code == 401 and r.json()["error"] == "invalid_client" and "error_description" in r.json()
    r = httpx.post(url, data={"grant_type": "client_credentials"}, auth=("ghost", "x"))
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"
    r = httpx.post(url, data={"grant_type": "password"}, auth=DEMO)
    assert r.status_code == 400 and r.json()["error"] == "unsupported_grant_type"
    r = httpx.post(url, data={"grant_type": "client_credentials", "scope": "routing:queue:write"}, auth=READONLY)
    assert r.status_code == 400 and r.json()["error"] == "invalid_scope"
    r = httpx.post(url, data={"grant_type": "client_credentials", "scope": "no:such:scope"}, auth=DEMO)
    assert r.status_code == 400 and r.json()["error"] == "invalid_scope"
    r = httpx.post(url, json={"grant_type": "client_credentials"}, auth=DEMO)
    assert r.status_code == 400 and r.json()["error"] == "invalid_request"
    stats = emu.stats()
    assert stats["token_requests"] == 6 and stats["requests"] == 6
    assert not any("secret" in str(e).lower() for e in emu.requests)


def test_401_and_403(emu):
    base = emu.base_url + "/api/v2/routing/queues"
    err(httpx.get(base), 401, "unauthorized")
    err(httpx.get(base, headers={"Authorization": "Bearer not-a-token"}), 401, "unauthorized")
    emu.configure(token_lifetime=0)
    expired = token(emu)
    err(httpx.get(base, headers={"Authorization": "Bearer " + expired}), 401, "unauthorized")
    emu.configure(token_lifetime=3600)
    with client(emu) as c:
        assert c.get("/api/v2/routing/queues").status_code == 200
        emu.revoke_tokens()
        err(c.get("/api/v2/routing/queues"), 401, "unauthorized")
    with client(emu, READONLY) as c:
        assert c.get("/api/v2/routing/queues").status_code == 200
        assert c.get("/api/v2/users").status_code == 200  # any valid token
        desc = err(c.post("/api/v2/routing/queues", json={"name": "X"}), 403, "missing.scope")
        assert "routing:queue:write" in desc
        desc = err(c.get("/api/v2/routing/skills"), 403, "missing.scope")
        assert "routing:skill:view" in desc
    with client(emu, scope="routing:queue:write") as c:  # wrap-up read: any of three scopes
        assert c.get("/api/v2/routing/wrap-up-codes").status_code == 200
        err(c.post("/api/v2/routing/wrap-up-codes", json={"name": "X"}), 403, "missing.scope")


def test_unknown_route_and_method(api):
    err(api.get("/api/v2/nothing"), 404, "not.found")
    r = api.patch("/api/v2/routing/queues")
    err(r, 405, "method.not.allowed")
    assert "GET" in r.headers["allow"]


# ------------------------------------------------------------------ lists

def test_pagination_and_name_filter(api):
    r = api.get("/api/v2/users", params={"pageSize": 5})
    body = r.json()
    assert body["total"] == 12 and len(body["entities"]) == 5 and body["page"] == 1 and body["pageSize"] == 5
    assert r.headers["x-next-page"] == "2"
    r = api.get("/api/v2/users", params={"pageSize": 5, "page": 3})
    assert len(r.json()["entities"]) == 2 and "x-next-page" not in r.headers
    assert api.get("/api/v2/users").json()["pageSize"] == 25
    for params in ({"pageSize": 0}, {"pageSize": 101}, {"page": 0}, {"page": "x"}):
        err(api.get("/api/v2/users", params=params), 400, "bad.request")
    ents = api.get("/api/v2/routing/queues", params={"name": "sUPPORT"}).json()["entities"]
    assert [q["name"] for q in ents] == ["Support"]
    assert api.get("/api/v2/routing/queues", params={"name": "Supp"}).json()["total"] == 0
    user = api.get("/api/v2/users").json()["entities"][0]
    assert set(user) == {"id", "name", "email", "active", "dateCreated", "dateUpdated"}
    assert re.fullmatch(r"[0-9a-f]{32}", user["id"]) and TS.match(user["dateCreated"])
    assert api.get(f"/api/v2/users/{user['id']}").json() == user
    err(api.get("/api/v2/users/ffff"), 404, "not.found")
    skills = [s["name"] for s in api.get("/api/v2/routing/skills").json()["entities"]]
    assert "language:en" in skills and "skill-billing" in skills


# ------------------------------------------------------------------ rate limit

def test_rate_limit_headers_and_429(emu):
    with client(emu) as c:
        emu.configure(rate_limit=0.5, burst=3)
        rem = []
        for dummy in range(3):
            r = c.get("/api/v2/routing/skills")
            assert r.status_code == 200 and r.headers["x-ratelimit-limit"] == "3"
            rem.append(r.headers["x-ratelimit-remaining"])
            assert int(r.headers["x-ratelimit-reset"]) >= 1
        assert rem == ["2", "1", "0"]
        r = c.get("/api/v2/routing/skills")
        err(r, 429, "too.many.requests")
        assert 1 <= int(r.headers["retry-after"]) <= 2 and r.headers["x-ratelimit-remaining"] == "0"
        # token requests are not limited
        assert httpx.post(emu.base_url + "/oauth/token", data={"grant_type": "client_credentials"},
                          auth=DEMO).status_code == 200
        # another client has its own bucket
        with client(emu, READONLY) as other:
            assert other.get("/api/v2/routing/queues").status_code == 200
        emu.configure(rate_limit=None)
        r = c.get("/api/v2/routing/skills")
        assert r.status_code == 200 and "x-ratelimit-limit" not in r.headers
    assert emu.stats()["rate_limited"] == 1 and emu.stats()["status"]["429"] == 1


def test_rate_limit_refills(emu):
    with client(emu) as c:
        emu.configure(rate_limit=20, burst=1)
        assert c.get("/api/v2/users").status_code == 200
        r = c.get("/api/v2/users")
        assert r.status_code == 429 and r.headers["retry-after"] == "1"
        time.sleep(0.06)
        assert c.get("/api/v2/users").status_code == 200


# ------------------------------------------------------------------ faults

def test_fault_status_not_applied(emu, api):
    emu.add_fault(kind="status", status=503, match={"method": "POST", "path": "wrap-up-codes"})
    r = api.post("/api/v2/routing/wrap-up-codes", json={"name": "Peak Overflow"})
    err(r, 503, "service.unavailable")
    assert "Peak Overflow" not in emu.store.wrapup_codes_by_name()
    assert api.post("/api/v2/routing/wrap-up-codes", json={"name": "Peak Overflow"}).status_code == 201
    stats = emu.stats()
    assert stats["faults"] == {"status": 1} and stats["write_requests"] == 2 and stats["writes_applied"] == 1
    assert [e["fault"] for e in emu.requests[-2:]] == ["status", None]


def test_fault_rate_limit(emu, api):
    emu.add_fault(kind="rate_limit", retry_after=2)
    emu.add_fault(kind="rate_limit", retry_after=None)
    r = api.get("/api/v2/users")
    err(r, 429, "too.many.requests")
    assert r.headers["retry-after"] == "2"
    r = api.get("/api/v2/users")
    assert r.status_code == 429 and "retry-after" not in r.headers
    assert api.get("/api/v2/users").status_code == 200
    assert emu.stats()["faults"] == {"rate_limit": 2} and emu.stats()["rate_limited"] == 2


def test_fault_drop_before_and_after(emu, api):
    emu.add_fault(kind="drop", when="before", match={"method": "POST"})
    with pytest.raises(httpx.TransportError):
        api.post("/api/v2/routing/wrap-up-codes", json={"name": "Dropped"})
    assert "Dropped" not in emu.store.wrapup_codes_by_name()
    emu.add_fault(kind="drop", when="after", match={"method": "POST"})
    with pytest.raises(httpx.TransportError):
        api.post("/api/v2/routing/wrap-up-codes", json={"name": "Applied"})
    assert "Applied" in emu.store.wrapup_codes_by_name()   # the write happened
    assert api.get("/api/v2/routing/wrap-up-codes", params={"name": "applied"}).json()["total"] == 1
    stats = emu.stats()
    assert stats["faults"] == {"drop": 2} and stats["writes_applied"] == 1 and stats["write_requests"] == 2
    assert [e["status"] for e in emu.requests if e["fault"] == "drop"] == [None, None]


def test_fault_latency_and_global_latency(emu, api):
    emu.add_fault(kind="latency", seconds=0.3, match={"path": r"/routing/skills$"})
    t0 = time.monotonic()
    assert api.get("/api/v2/routing/skills").status_code == 200
    assert time.monotonic() - t0 >= 0.3
    t0 = time.monotonic()
    api.get("/api/v2/routing/skills")
    assert time.monotonic() - t0 < 0.25
    emu.configure(latency=0.2)
    t0 = time.monotonic()
    api.get("/api/v2/users")
    assert time.monotonic() - t0 >= 0.2
    assert emu.stats()["faults"] == {"latency": 1}


def test_fault_revoke_tokens(emu, api):
    emu.add_fault(kind="revoke_tokens", match={"path": "/api/v2/users$"})
    err(api.get("/api/v2/users"), 401, "unauthorized")
    with client(emu) as fresh:
        assert fresh.get("/api/v2/users").status_code == 200


def test_fault_concurrent_update(emu, api):
    qid = queue_id(emu, "Sales")
    emu.add_fault(kind="concurrent_update")
    assert api.get("/api/v2/users").status_code == 200  # does not match: not a queue PUT
    q = api.get(f"/api/v2/routing/queues/{qid}").json()
    r = api.put(f"/api/v2/routing/queues/{qid}", json={**q, "maxWaitTime": 200}, headers={"If-Match": "1"})
    err(r, 409, "conflict.version")
    q2 = api.get(f"/api/v2/routing/queues/{qid}").json()
    assert q2["version"] == 2 and q2["maxWaitTime"] == 300
    r = api.put(f"/api/v2/routing/queues/{qid}", json={**q2, "maxWaitTime": 200}, headers={"If-Match": "2"})
    assert r.status_code == 200 and r.json()["version"] == 3
    assert emu.stats()["faults"] == {"concurrent_update": 1}


def test_fault_matched_by_client(emu, api):
    emu.add_fault(kind="status", status=503, times=-1, match={"client": BATCH_LIMITED[0], "path": "/users$"})
    assert api.get("/api/v2/users").status_code == 200  # the demo client is not matched
    with client(emu, BATCH_LIMITED) as limited:
        err(limited.get("/api/v2/users"), 503, "service.unavailable")
        assert limited.get("/api/v2/routing/skills").status_code == 200  # path not matched
    assert httpx.get(emu.base_url + "/api/v2/users").status_code == 401  # no token: no client to match
    assert [e["client_id"] for e in emu.requests if e["fault"]] == [BATCH_LIMITED[0]]
    with pytest.raises(ValueError):
        emu.add_fault(kind="status", match={"user": "x"})


def test_fault_after_times_probability(emu, api):
    emu.add_fault(kind="status", status=500, after=1, times=2, match={"method": "GET", "path": "/users$"})
    codes = [api.get("/api/v2/users").status_code for dummy in range(5)]
    assert codes == [200, 500, 500, 200, 200]
    emu.clear_faults()
    emu.add_fault(kind="status", status=502, times=-1, probability=0.5, seed=7)
    first = [api.get("/api/v2/users").status_code for dummy in range(20)]
    assert 502 in first and 200 in first
    emu.reset()
    with client(emu) as c:
        emu.add_fault(kind="status", status=502, times=-1, probability=0.5, seed=7)
        assert [c.get("/api/v2/users").status_code for dummy in range(20)] == first
    with pytest.raises(ValueError):
        emu.add_fault(kind="status", status=404)
    with pytest.raises(ValueError):
        emu.add_fault(kind="bogus")


# ------------------------------------------------------------------ queues

def test_queue_create_and_validation(emu, api):
    q = new_queue(api, "Retention", skillRequirements=[{"skill": "skill-retention", "proficiency": "advanced"}])
    assert q["version"] == 1 and q["description"] == "" and q["maxWaiters"] == 50 and q["overflow"] is None
    assert q["serviceLevelTarget"] == {"threshold": 80, "time": 30} and q["maxWaitTime"] == 300
    assert q["skillRequirements"] == [{"skill": "skill-retention", "proficiency": "advanced", "required": True}]
    assert TS.match(q["dateCreated"]) and q["dateCreated"] == q["dateUpdated"]
    url = "/api/v2/routing/queues"
    desc = err(api.post(url, json={"name": "A", "serviceLevelTarget": {"threshold": 150, "time": 20}}), 400, "bad.request")
    assert "serviceLevelTarget.threshold" in desc
    assert "maxWaitTime" in err(api.post(url, json={"name": "A", "maxWaitTime": 5}), 400, "bad.request")
    assert "overflow.waitTime" in err(api.post(url, json={"name": "A", "overflow": {
        "enabled": False, "targetId": None, "waitTime": 700}}), 400, "bad.request")
    err(api.post(url, json={"name": "A", "skillRequirements": [{"skill": "klingon", "proficiency": "expert"}]}),
        400, "bad.request")
    sid = emu.store.skills_by_name()["language:en"]["id"]
    err(api.post(url, json={"name": "A", "skillRequirements": [{"skill": sid, "proficiency": "expert"}]}),
        400, "bad.request")
    many = [{"skill": s, "proficiency": "beginner"} for s in emu.store.skills_by_name()] * 2
    assert "skillRequirements" in err(api.post(url, json={"name": "A", "skillRequirements": many[:11]}),
                                      400, "bad.request")
    err(api.post(url, json={"name": "A", "maxWaiters": 101}), 400, "license.limit")
    err(api.post(url, json={"name": "A", "maxWaiters": 0}), 400, "bad.request")
    err(api.post(url, json={"name": "A", "id": "abc"}), 400, "bad.request")
    err(api.post(url, json={"name": "A", "version": 1}), 400, "bad.request")
    assert "colour" in err(api.post(url, json={"name": "A", "colour": "red"}), 400, "bad.request")
    err(api.post(url, json={"name": "A", "overflow": {"enabled": True, "targetId": "0" * 32}}), 400, "invalid.overflow")
    err(api.post(url, json={"name": "A", "overflow": {"enabled": True}}), 400, "invalid.overflow")
    err(api.post(url, json={"name": "retention"}), 409, "conflict.name")
    err(api.post(url, content=b"{not json", headers={"Content-Type": "application/json"}), 400, "bad.request")
    assert emu.stats()["writes_applied"] == 1


def test_queue_put_if_match_and_defaults(emu, api):
    qid = queue_id(emu, "Support")
    url = f"/api/v2/routing/queues/{qid}"
    q = api.get(url).json()
    assert api.get(url).headers["etag"] == '"1"'
    err(api.put(url, json=q), 428, "precondition.required")
    err(api.put(url, json=q, headers={"If-Match": "abc"}), 400, "bad.request")
    err(api.put(url, json=q, headers={"If-Match": "7"}), 409, "conflict.version")
    r = api.put(url, json=q, headers={"If-Match": "1"})
    assert r.status_code == 200 and r.json()["version"] == 2
    r = api.put(url, json={**q, "description": "x"}, headers={"If-Match": '"2"'})
    assert r.json()["version"] == 3 and r.json()["description"] == "x"
    r = api.put(url, json={"name": "Support"}, headers={"If-Match": 'W/"3"'})
    body = r.json()
    assert body["version"] == 4 and body["description"] == "" and body["skillRequirements"] == []
    assert body["overflow"] is None and body["serviceLevelTarget"] == {"threshold": 80, "time": 30}
    assert body["maxWaitTime"] == 300 and body["maxWaiters"] == 50 and body["dateCreated"] == q["dateCreated"]
    err(api.put(url, json={"description": "no name"}, headers={"If-Match": "4"}), 400, "bad.request")
    err(api.put(url, json={"name": "billing"}, headers={"If-Match": "4"}), 409, "conflict.name")
    err(api.put(url, json={"name": "Support", "id": "other"}, headers={"If-Match": "4"}), 400, "bad.request")
    err(api.put("/api/v2/routing/queues/" + "0" * 32, json={"name": "Z"}, headers={"If-Match": "1"}), 404, "not.found")
    assert emu.store.queues_by_name()["Support"]["version"] == 4


def test_overflow_cycle_depth_and_in_use(emu, api):
    ids = {n: queue_id(emu, n) for n in ("Support", "Billing", "Overflow", "Sales")}
    # seed: Billing -> Support -> Overflow (enabled)
    url = f"/api/v2/routing/queues/{ids['Overflow']}"
    q = api.get(url).json()
    cycle = {**q, "overflow": {"enabled": True, "targetId": ids["Billing"], "waitTime": 60}}
    assert "cycle" in err(api.put(url, json=cycle, headers={"If-Match": "1"}), 400, "invalid.overflow")
    own = {**q, "overflow": {"enabled": False, "targetId": ids["Overflow"]}}
    err(api.put(url, json=own, headers={"If-Match": "1"}), 400, "invalid.overflow")
    x = new_queue(api, "X", overflow={"targetId": ids["Billing"]})  # X -> Billing -> Support -> Overflow: 3 hops
    assert x["overflow"] == {"enabled": True, "targetId": ids["Billing"], "waitTime": 60}
    desc = err(api.post("/api/v2/routing/queues", json={"name": "Y", "overflow": {"targetId": x["id"]}}),
               400, "invalid.overflow")
    assert "maxOverflowDepth" in desc
    new_queue(api, "Y", overflow={"enabled": False, "targetId": x["id"]})  # disabled chains do not count
    assert "Support" in err(api.delete(f"/api/v2/routing/queues/{ids['Overflow']}"), 409, "in.use")
    # a disabled overflow may keep a target deleted since
    tmp = new_queue(api, "Temp")
    sales = api.get(f"/api/v2/routing/queues/{ids['Sales']}").json()
    sales["overflow"] = {"enabled": False, "targetId": tmp["id"], "waitTime": 60}
    sales = api.put(f"/api/v2/routing/queues/{ids['Sales']}", json=sales, headers={"If-Match": "1"}).json()
    r = api.delete(f"/api/v2/routing/queues/{tmp['id']}")
    assert r.status_code == 204 and r.content == b""
    r = api.put(f"/api/v2/routing/queues/{ids['Sales']}", json=sales, headers={"If-Match": "2"})
    assert r.status_code == 200 and r.json()["overflow"]["targetId"] == tmp["id"]
    sales["overflow"]["enabled"] = True
    err(api.put(f"/api/v2/routing/queues/{ids['Sales']}", json=sales, headers={"If-Match": "3"}),
        400, "invalid.overflow")
    err(api.get(f"/api/v2/routing/queues/{tmp['id']}"), 404, "not.found")


def test_routing_strategy(emu, api):
    r = api.get(f"/api/v2/queues/{queue_id(emu, 'Support')}/routing/strategies")
    skills = r.json()["routing"]["skills"]
    en = emu.store.skills_by_name()["language:en"]["id"]
    assert {"skillId": en, "minLevel": 3, "maxLevel": 5} in skills
    assert api.get(f"/api/v2/queues/{queue_id(emu, 'Overflow')}/routing/strategies").json() == {"routing": {"skills": []}}
    err(api.get("/api/v2/queues/nope/routing/strategies"), 404, "not.found")


# ------------------------------------------------------------------ members, wrap-up codes

def test_members(emu, api):
    qid, uid = queue_id(emu, "Overflow"), user_id(emu, "alice.johnson@acme.example")
    url = f"/api/v2/routing/queues/{qid}/members"
    r = api.post(url, json={"userId": uid})
    assert r.status_code == 200
    assert {k: r.json()[k] for k in ("userId", "routingType", "split", "afterHoursAvailable")} == \
        {"userId": uid, "routingType": "ROUTED", "split": 100, "afterHoursAvailable": False}
    err(api.post(url, json={"userId": uid}), 409, "conflict.member")
    err(api.post(url, json={"userId": "0" * 32}), 404, "not.found")
    err(api.post("/api/v2/routing/queues/nope/members", json={"userId": uid}), 404, "not.found")
    err(api.post("/api/v2/routing/queues/nope/members", json={"userId": uid, "split": 0}), 400, "bad.request")
    err(api.post(url, json={"userId": uid, "routingType": "AUTO"}), 400, "bad.request")
    r = api.put(f"{url}/{uid}", json={"routingType": "MANUAL", "split": 30})
    assert r.json()["routingType"] == "MANUAL" and r.json()["split"] == 30 and r.json()["afterHoursAvailable"] is False
    page = api.get(url).json()
    assert page["total"] == 2 and uid in [m["userId"] for m in page["entities"]]
    r = api.delete(f"{url}/{uid}")
    assert r.status_code == 204 and r.content == b""
    err(api.delete(f"{url}/{uid}"), 404, "not.found")
    err(api.put(f"{url}/{uid}", json={"split": 5}), 404, "not.found")


def test_wrapup_codes(emu, api):
    url = "/api/v2/routing/wrap-up-codes"
    r = api.post(url, json={"name": "Peak Overflow", "available": False, "routingType": "ROUTED", "wrapUpType": "CALL"})
    assert r.status_code == 201
    code = r.json()
    assert code["available"] is False and re.fullmatch(r"[0-9a-f]{32}", code["id"])
    err(api.post(url, json={"name": "peak overflow"}), 409, "conflict.name")
    err(api.post(url, json={"name": "Z", "wrapUpType": "SMS"}), 400, "bad.request")
    err(api.put(f"{url}/{code['id']}", json={"available": True}), 400, "bad.request")  # whole code: name required
    r = api.put(f"{url}/{code['id']}", json={**code, "available": True})
    assert r.status_code == 200 and r.json()["available"] is True and r.json()["wrapUpType"] == "CALL"
    assert api.get(f"{url}/{code['id']}").json()["available"] is True
    assert api.delete(f"{url}/{code['id']}").status_code == 204
    err(api.get(f"{url}/{code['id']}"), 404, "not.found")


# ------------------------------------------------------------------ user skills and batch

def test_user_skills_put_replaces(emu, api):
    uid = user_id(emu, "bob.smith@acme.example")
    sk = emu.store.skills_by_name()
    url = f"/api/v2/users/{uid}/skills"
    assert len(api.get(url).json()["skills"]) == 3
    body = {"skills": [{"id": sk["skill-sales"]["id"], "level": 2},
                       {"id": sk["language:es"]["id"], "level": 3,
                        "effectiveDateRange": {"start": "2024-06-01T00:00:00Z", "end": "2024-12-31T00:00:00.000Z"}}]}
    r = api.put(url, json=body)
    skills = {s["id"]: s for s in r.json()["skills"]}
    assert set(skills) == {sk["skill-sales"]["id"], sk["language:es"]["id"]}
    assert skills[sk["skill-sales"]["id"]]["effectiveDateRange"] == {"start": None, "end": None}
    assert skills[sk["language:es"]["id"]]["effectiveDateRange"]["start"] == "2024-06-01T00:00:00.000Z"
    assert api.get(url).json() == r.json()
    bad_range = {"skills": [{"id": sk["skill-sales"]["id"], "level": 2,
                             "effectiveDateRange": {"start": "2024-06-01T00:00:00Z", "end": "2024-01-01T00:00:00Z"}}]}
    err(api.put(url, json=bad_range), 400, "bad.request")
    err(api.put(url, json={"skills": [{"id": "skill-sales", "level": 2}]}), 400, "bad.request")  # a name, not an id
    twice = {"skills": [{"id": sk["skill-sales"]["id"], "level": 2}, {"id": sk["skill-sales"]["id"], "level": 3}]}
    err(api.put(url, json=twice), 400, "bad.request")
    err(api.put(url, json={"skills": [{"id": sk["skill-sales"]["id"], "level": 6}]}), 400, "bad.request")
    err(api.put("/api/v2/users/nobody/skills", json={"skills": []}), 404, "not.found")


def test_batch_semantics(emu, api):
    uid = user_id(emu, "farah.khan@acme.example")
    sk = emu.store.skills_by_name()
    ops = [  # the seed-003 trap: one PUT per (user, skill) -> the last one wins
        {"id": "a", "method": "PUT", "path": f"/users/{uid}/skills", "body": {"skills": [{"id": sk["skill-sales"]["id"], "level": 3}]}},
        {"id": "b", "method": "PUT", "path": f"/users/{uid}/skills", "body": {"skills": [{"id": sk["skill-billing"]["id"], "level": 4}]}},
        {"id": "c", "method": "GET", "path": f"/users/{uid}/skills"},
        {"id": "d", "method": "PUT", "path": f"/routing/queues/{queue_id(emu, 'Sales')}", "body": {"name": "Sales"}},
        {"id": "e", "method": "POST", "path": "/batch", "body": {"operations": []}},
        {"id": "f", "method": "GET", "path": "/routing/queues?pageSize=2&page=2"},
        {"id": "g", "method": "PUT", "path": f"/users/{uid}/skills", "body": {"skills": [{"id": "nope", "level": 1}]}},
        {"id": "h", "method": "GET", "path": "/api/v2/users"},
    ]
    r = api.post("/api/v2/batch", json={"operations": ops})
    assert r.status_code == 200
    res = r.json()["results"]
    assert [x["id"] for x in res] == list("abcdefgh")
    assert [x["status"] for x in res] == [200, 200, 200, 428, 400, 200, 400, 404]
    assert res[2]["body"]["skills"] == [{"id": sk["skill-billing"]["id"], "level": 4,
                                         "effectiveDateRange": {"start": None, "end": None}}]
    assert res[3]["error"]["code"] == "precondition.required" and res[3]["body"] is None
    assert res[0]["error"] is None and res[5]["body"]["page"] == 2
    stats = emu.stats()
    assert stats["write_requests"] == 1 and stats["writes_applied"] == 2 and stats["by_route"]["POST /api/v2/batch"] == 1
    err(api.post("/api/v2/batch", json={"operations": []}), 400, "bad.request")
    many = [{"id": str(i), "method": "GET", "path": "/users"} for i in range(51)]
    err(api.post("/api/v2/batch", json={"operations": many}), 400, "bad.request")
    assert len(api.post("/api/v2/batch", json={"operations": many[:50]}).json()["results"]) == 50
    err(api.post("/api/v2/batch", json={"operations": [{"id": "1", "method": "GET", "path": "/users",
                                                        "headers": {"If-Match": "1"}}]}), 400, "bad.request")
    assert emu.stats()["write_requests"] == 1  # GET-only batches are not writes


def test_batch_per_operation_scope(emu):
    uid = user_id(emu, "alice.johnson@acme.example")
    with client(emu, BATCH_LIMITED) as c:
        ops = [{"id": "read", "method": "GET", "path": f"/users/{uid}/skills"},
               {"id": "write", "method": "PUT", "path": f"/users/{uid}/skills", "body": {"skills": []}}]
        res = c.post("/api/v2/batch", json={"operations": ops}).json()["results"]
        assert res[0]["status"] == 200
        assert res[1]["status"] == 403 and res[1]["error"]["code"] == "missing.scope"
        assert "routing:user:write" in res[1]["error"]["description"]
    with client(emu, READONLY) as c:
        err(c.post("/api/v2/batch", json={"operations": ops}), 403, "missing.scope")
    assert len(emu.store.user_skill_set(uid)) == 2


# ------------------------------------------------------------------ agent state

def test_agent_state_policy(emu, api):
    george = user_id(emu, "george.miller@acme.example")
    hana = user_id(emu, "hana.sato@acme.example")
    bob = user_id(emu, "bob.smith@acme.example")
    assert api.get(f"/api/v2/schedules/users/{george}").json()["status"] == "INACTIVE"
    desc = err(api.post(f"/api/v2/users/{george}/state", json={"state": "NOT_READY"}), 409, "policy.violation")
    assert desc.startswith("AGENT_NOT_SCHEDULED")
    brk = api.get(f"/api/v2/breaks/users/{hana}/status").json()
    assert brk["mandatoryBreakRequired"] is True and TS.match(brk["breakStart"])
    desc = err(api.post(f"/api/v2/users/{hana}/state", json={"state": "READY"}), 409, "policy.violation")
    assert desc.startswith("MANDATORY_BREAK_VIOLATION")
    assert api.post(f"/api/v2/users/{hana}/state", json={"state": "NOT_READY", "reasonCode": "BREAK"}).status_code == 200
    err(api.post(f"/api/v2/users/{bob}/state", json={"state": "READY", "reasonCode": "NAPPING"}), 400, "bad.request")
    err(api.post(f"/api/v2/users/{bob}/state", json={"state": "ASLEEP"}), 400, "bad.request")
    before = api.get(f"/api/v2/users/{bob}/state").json()
    assert before == {"userId": bob, "state": "NOT_READY", "reasonCode": "BREAK", "since": before["since"]}
    same = api.post(f"/api/v2/users/{bob}/state", json={"state": "NOT_READY", "reasonCode": "BREAK"}).json()
    assert same["since"] == before["since"]
    ready = api.post(f"/api/v2/users/{bob}/state", json={"state": "READY"}).json()
    assert ready["reasonCode"] == "WORKING" and ready["since"] != before["since"] and TS.match(ready["since"])
    lunch = api.post(f"/api/v2/users/{bob}/state", json={"state": "NOT_READY", "reasonCode": "LUNCH"}).json()
    assert lunch["since"] != ready["since"] or lunch["reasonCode"] == "LUNCH"
    emu.store.set_shift(george, status="ACTIVE")
    assert api.post(f"/api/v2/users/{george}/state", json={"state": "READY"}).status_code == 200
    err(api.get("/api/v2/users/nobody/state"), 404, "not.found")


# ------------------------------------------------------------------ campaigns, schedules, WFM

def schedule_body(**over):
    body = {"name": "Evening calls", "timezone": "America/New_York",
            "scheduleDetails": [{"dayOfWeek": "MONDAY", "startTime": "09:00:00", "endTime": "12:00:00",
                                 "maxCallsPerDay": 400, "predictiveRate": 1.5},
                                {"dayOfWeek": "MONDAY", "startTime": "12:00:00", "endTime": "17:00:00",
                                 "predictiveRate": 1.0, "maxCallsPerAgentPerDay": 100}],
            "blackoutPeriods": [{"startTime": "12:30:00", "endTime": "13:00:00", "reason": "LUNCH", "appliesToAllDays": True}],
            "complianceRules": {"regulatoryPauses": ["TCPA", "NCDOJ"], "agentAvailabilityProjection": True,
                                "enableComplianceInjection": False}}
    body.update(over)
    return body


def test_campaign_schedules(emu, api):
    camps = api.get("/api/v2/dialer/campaigns").json()["entities"]
    assert {c["name"] for c in camps} == {"Spring Renewal Outreach", "Collections Q2", "Customer Satisfaction Survey"}
    cid = emu.store.campaigns_by_name()["Collections Q2"]["id"]
    url = f"/api/v2/dialer/campaigns/{cid}/schedules"
    r = api.put(f"{url}/evening-1", json=schedule_body())
    assert r.status_code == 201, r.text
    s = r.json()
    assert s["status"] == "ACTIVE" and s["campaignId"] == cid and s["id"] == "evening-1"
    assert s["complianceRules"]["regulatoryPauses"] == ["NCDOJ", "TCPA"]
    r = api.put(f"{url}/evening-1", json={**s, "timezone": "Europe/Berlin"})
    assert r.status_code == 200 and r.json()["timezone"] == "Europe/Berlin" and r.json()["dateCreated"] == s["dateCreated"]
    assert api.get(f"{url}/evening-1").json()["timezone"] == "Europe/Berlin"
    assert api.get(url).json()["total"] == 1
    overlap = schedule_body(scheduleDetails=[
        {"dayOfWeek": "MONDAY", "startTime": "09:00:00", "endTime": "12:00:00", "predictiveRate": 1.0},
        {"dayOfWeek": "MONDAY", "startTime": "11:59:59", "endTime": "17:00:00", "predictiveRate": 1.0}])
    assert "overlap" in err(api.put(f"{url}/x", json=overlap), 400, "bad.request")
    err(api.put(f"{url}/x", json=schedule_body(timezone="America/Gotham")), 400, "bad.request")
    err(api.put(f"{url}/x", json=schedule_body(timezone="EST-not")), 400, "bad.request")
    backwards = schedule_body(scheduleDetails=[{"dayOfWeek": "MONDAY", "startTime": "17:00:00",
                                                "endTime": "09:00:00", "predictiveRate": 1.0}])
    err(api.put(f"{url}/x", json=backwards), 400, "bad.request")
    short = schedule_body(scheduleDetails=[{"dayOfWeek": "MONDAY", "startTime": "9:00",
                                            "endTime": "17:00:00", "predictiveRate": 1.0}])
    err(api.put(f"{url}/x", json=short), 400, "bad.request")
    covered = schedule_body(blackoutPeriods=[{"startTime": "08:00:00", "endTime": "12:00:00",
                                              "reason": "x", "appliesToAllDays": True}])
    assert "covers" in err(api.put(f"{url}/x", json=covered), 400, "bad.request")
    covered["blackoutPeriods"][0]["appliesToAllDays"] = False
    assert api.put(f"{url}/x", json={**covered, "name": "Other"}).status_code == 201
    err(api.put(f"{url}/x", json=schedule_body(scheduleDetails=[])), 400, "bad.request")
    rate = schedule_body(scheduleDetails=[{"dayOfWeek": "MONDAY", "startTime": "09:00:00",
                                           "endTime": "10:00:00", "predictiveRate": 3.5}])
    err(api.put(f"{url}/x", json=rate), 400, "bad.request")
    err(api.put(f"{url}/bad id!", json=schedule_body()), 400, "bad.request")
    err(api.put(f"{url}/{'a' * 65}", json=schedule_body()), 400, "bad.request")
    err(api.put(f"{url}/y", json=schedule_body(name="EVENING CALLS")), 409, "conflict.name")
    err(api.put("/api/v2/dialer/campaigns/nope/schedules/y", json=schedule_body()), 404, "not.found")
    r = api.delete(f"{url}/evening-1")
    assert r.status_code == 204 and r.content == b""
    err(api.get(f"{url}/evening-1"), 404, "not.found")
    with client(emu, READONLY) as c:
        err(c.get("/api/v2/dialer/campaigns"), 403, "missing.scope")


def test_wfm_active(api):
    rows = api.get("/api/v2/wfm/schedules/active").json()
    assert isinstance(rows, list) and len(rows) == 9
    assert all(r["status"] == "ACTIVE" and set(r) >= {"userId", "scheduleId", "availableHoursPerDay"} for r in rows)


# ------------------------------------------------------------------ webhooks, analytics, audit

def test_webhooks(emu, api):
    url = "/api/v2/webhooks"
    r = api.post(url, json={"name": "WFM Sync", "url": "https://wfm.example/hook",
                            "events": ["dialer.schedule.activated", "campaign.schedule.updated"]})
    assert r.status_code == 201
    hook = r.json()
    assert hook["events"] == ["campaign.schedule.updated", "dialer.schedule.activated"] and hook["status"] == "ENABLED"
    err(api.post(url, json={"name": "wfm sync", "url": "https://x.example", "events": ["a"]}), 409, "conflict.name")
    err(api.post(url, json={"name": "B", "url": "ftp://x.example", "events": ["a"]}), 400, "bad.request")
    err(api.post(url, json={"name": "B", "url": "https://x.example", "events": ["a", "a"]}), 400, "bad.request")
    err(api.post(url, json={"name": "B", "url": "https://x.example", "events": ["a"], "status": "ON"}), 400, "bad.request")
    r = api.put(f"{url}/{hook['id']}", json={**hook, "status": "DISABLED"})
    assert r.status_code == 200 and r.json()["status"] == "DISABLED"
    assert api.get(url, params={"name": "WFM SYNC"}).json()["total"] == 1
    assert api.delete(f"{url}/{hook['id']}").status_code == 204
    err(api.get(f"{url}/{hook['id']}"), 404, "not.found")


def test_analytics_observations(emu, api):
    sup, bill = queue_id(emu, "Support"), queue_id(emu, "Billing")
    emu.store.set_queue_load(sup, waiting=30, oldest_wait_seconds=240, interacting=12, available_agents=0)
    r = api.post("/api/v2/analytics/queues/observations/query", json={"queueIds": [sup, bill]})
    res = r.json()["results"]
    assert res[0] == {"queueId": sup, "waiting": 30, "interacting": 12, "oldestWaitSeconds": 240, "availableAgents": 0}
    assert res[1]["queueId"] == bill and res[1]["availableAgents"] == 1  # David is READY
    err(api.post("/api/v2/analytics/queues/observations/query", json={"queueIds": ["nope"]}), 400, "bad.request")
    assert emu.stats()["write_requests"] == 0


def test_audit_logs(emu, api):
    qid = queue_id(emu, "Sales")
    q = api.get(f"/api/v2/routing/queues/{qid}").json()
    api.put(f"/api/v2/routing/queues/{qid}", json={**q, "maxWaitTime": 120}, headers={"If-Match": "1"})
    api.post("/api/v2/routing/wrap-up-codes", json={"name": "Audit Me"})
    api.put(f"/api/v2/routing/queues/{qid}", json=q, headers={"If-Match": "1"})  # stale: not audited
    page = api.get("/api/v2/audit/logs").json()
    assert page["total"] == 2
    entry = api.get("/api/v2/audit/logs", params={"entity": "queue", "entityId": qid}).json()["entities"]
    assert len(entry) == 1
    e = entry[0]
    assert e["action"] == "UPDATE" and e["clientId"] == "cxone-demo" and TS.match(e["timestamp"])
    assert e["before"]["maxWaitTime"] == 300 and e["after"]["maxWaitTime"] == 120 and e["after"]["version"] == 2
    r = api.get("/api/v2/audit/logs", params={"pageSize": 1})
    assert r.headers["x-next-page"] == "2"
    with client(emu, READONLY) as c:
        err(c.get("/api/v2/audit/logs"), 403, "missing.scope")


# ------------------------------------------------------------------ stats, log, admin API

def test_stats_and_request_log(emu, api):
    qid = queue_id(emu, "Billing")
    api.get(f"/api/v2/routing/queues/{qid}/members")
    uid = user_id(emu, "alice.johnson@acme.example")
    api.post(f"/api/v2/routing/queues/{qid}/members", json={"userId": uid})
    api.delete(f"/api/v2/routing/queues/{qid}/members/{uid}")
    api.delete(f"/api/v2/routing/queues/{qid}/members/{uid}")  # 404: received, not applied
    s = emu.stats()
    assert s["requests"] == 5 and s["token_requests"] == 1
    assert s["by_method"] == {"POST": 2, "GET": 1, "DELETE": 2}
    assert s["by_route"]["DELETE /api/v2/routing/queues/{id}/members/{userId}"] == 2
    assert s["write_requests"] == 3 and s["writes_applied"] == 2
    assert s["status"] == {"200": 3, "204": 1, "404": 1}
    log = emu.requests
    assert set(log[-1]) == {"time", "method", "path", "query", "status", "client_id", "path_template", "write", "fault", "user_agent"}
    assert log[-1]["path_template"] == "/api/v2/routing/queues/{id}/members/{userId}" and log[-1]["write"] is True
    assert log[-1]["client_id"] == "cxone-demo"
    dump = str(log)
    assert "Bearer" not in dump and "demo-secret" not in dump and api.headers["Authorization"][7:] not in dump


def test_admin_api(emu, api):
    base = emu.base_url + "/_emulator"
    api.get("/api/v2/users")
    assert httpx.get(base + "/stats").json()["requests"] == 2
    assert httpx.post(base + "/faults", json=[{"kind": "status", "status": 500, "times": 1}]).status_code == 200
    assert httpx.get(base + "/faults").json()[0]["remaining"] == 1
    assert api.get("/api/v2/users").status_code == 500
    assert httpx.post(base + "/faults", json={"kind": "nope"}).status_code == 400
    assert httpx.delete(base + "/faults").status_code == 204
    r = httpx.post(base + "/queue-load", json={"queue_name": "Support", "waiting": 9})
    assert r.status_code == 200 and r.json()["waiting"] == 9
    cfg = httpx.post(base + "/config", json={"rate_limit": 100, "burst": 10}).json()
    assert cfg["rate_limit"] == 100 and cfg["burst"] == 10
    assert api.get("/api/v2/users").headers["x-ratelimit-limit"] == "10"
    httpx.post(base + "/config", json={"rate_limit": None})
    state = httpx.get(base + "/state").json()
    assert {q["name"] for q in state["queues"]} >= {"Support", "Billing"} and "clientSecret" not in str(state)
    assert len(httpx.get(base + "/requests").json()) == 4
    assert httpx.post(base + "/revoke-tokens").status_code == 204
    assert api.get("/api/v2/users").status_code == 401
    assert httpx.post(base + "/reset").status_code == 204
    assert httpx.get(base + "/stats").json()["requests"] == 0


def test_custom_seed_and_extend():
    data = extend_seed({"clients": [{"clientId": "c", "clientSecret": "s", "scopes": "*"}],
                        "tenant": {"maxWaiters": 60}}, users=30, queues=3, wrapup_codes=4)
    with Emulator(seed=data) as emu:
        c = httpx.Client(base_url=emu.base_url)
        tok = c.post("/oauth/token", data={"grant_type": "client_credentials"}, auth=("c", "s")).json()["access_token"]
        c.headers["Authorization"] = f"Bearer {tok}"
        assert c.get("/api/v2/users").json()["total"] == 30
        assert c.get("/api/v2/users", params={"name": "agent0007"}).json()["entities"][0]["email"] == "agent0007@acme.example"
        assert c.get("/api/v2/routing/wrap-up-codes").json()["total"] == 4
        err(c.post("/api/v2/routing/queues", json={"name": "Q", "maxWaiters": 61}), 400, "license.limit")
        c.close()
    assert len(load_seed()["users"]) == 12


def test_cli_process(tmp_path):
    port_file = tmp_path / "port"
    env = {**os.environ, "PYTHONPATH": HERE}
    proc = subprocess.Popen([sys.executable, "-m", "cxone_emulator", "--port", "0", "--port-file", str(port_file),
                             "--users", "50", "--queues", "2", "--wrapup-codes", "3"],
                            stdout=subprocess.PIPE, env=env, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith(":" + port_file.read_text().strip())
        r = httpx.post(url + "/oauth/token", data={"grant_type": "client_credentials"}, auth=DEMO)
        tok = r.json()["access_token"]
        users = httpx.get(url + "/api/v2/users", headers={"Authorization": "Bearer " + tok}).json()
        assert users["total"] == 62
    finally:
        proc.terminate()
        assert proc.wait(10) == 0


def test_tls(tmp_path):
    crypto = pytest.importorskip("cryptography")
    del crypto
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .sign(key, hashes.SHA256()))
    (tmp_path / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "k.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    with Emulator(tls_cert=str(tmp_path / "c.pem"), tls_key=str(tmp_path / "k.pem")) as emu:
        assert emu.base_url.startswith("https://")
        import ssl
        ctx = ssl.create_default_context(cafile=str(tmp_path / "c.pem"))
        r = httpx.post(emu.base_url + "/oauth/token", data={"grant_type": "client_credentials"}, auth=DEMO, verify=ctx)
        assert r.status_code == 200
        with pytest.raises(httpx.ConnectError):
            httpx.get(emu.base_url + "/api/v2/users")  # unknown CA


def test_keep_alive_and_content_length(emu, api):
    for dummy in range(3):
        r = api.get("/api/v2/routing/skills")
        assert int(r.headers["content-length"]) == len(r.content)
    assert api.get("/api/v2/routing/skills").headers.get("connection", "").lower() != "close"
    # a hand-made Basic header works too (client_secret_basic)
    basic = base64.b64encode(f"{DEMO[0]}:{DEMO[1]}".encode()).decode()
    r = httpx.post(emu.base_url + "/oauth/token", content=b"grant_type=client_credentials",
                   headers={"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200
    # both client authentication methods at once: invalid_request
    r = httpx.post(emu.base_url + "/oauth/token", data={"grant_type": "client_credentials", "client_secret": DEMO[1]},
                   auth=DEMO)
    assert r.status_code == 400 and r.json()["error"] == "invalid_request"
