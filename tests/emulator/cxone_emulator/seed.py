"""Seed loading (JSON file or dict), validation into a Store, and synthetic benchmark data."""
from __future__ import annotations

import copy
import datetime as _dt
import json
import os
import re

from .common import ApiError, format_ts, parse_ts, stable_id
from .store import AGENT_STATES, DEFAULT_REASONS, QUEUE_FIELDS, SHIFT_STATUSES, Store

DEFAULT_SEED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "default_seed.json")
DEFAULT_SEED_TIME = "2024-01-15T09:00:00.000Z"
_SECTIONS = {"tenant", "seedTime", "clients", "skills", "reasonCodes", "users", "queues",
             "wrapUpCodes", "campaigns", "webhooks",
             "admin"}  # what only the admin surface has (access keys, applications, hours of operation)


class SeedError(ValueError):
    pass


def load(seed=None) -> dict:
    """None -> the default seed; a str/path -> that JSON file; a dict -> a copy of it."""
    if seed is None:
        seed = DEFAULT_SEED
    if isinstance(seed, dict):
        return copy.deepcopy(seed)
    with open(os.fspath(seed), encoding="utf-8") as fh:
        return json.load(fh)


def extend(data: dict, users: int = 0, queues: int = 0, wrapup_codes: int = 0) -> dict:
    """Add synthetic users (agent0001...), queues and wrap-up codes for benchmarks."""
    data = copy.deepcopy(data)
    width = max(4, len(str(users)))
    for i in range(1, users + 1):
        name = f"agent{i:0{width}d}"
        data.setdefault("users", []).append({
            "name": name, "email": f"{name}@acme.example", "active": True,
            "shift": {"status": "ACTIVE", "shiftStart": "08:00", "shiftEnd": "16:00"},
            "wfm": {"status": "ACTIVE", "scheduleId": "SCH_WFM_BENCH", "availableHoursPerDay": 8},
        })
    for i in range(1, queues + 1):
        data.setdefault("queues", []).append({"name": f"Bench Queue {i:03d}",
                                              "description": "synthetic benchmark queue"})
    for i in range(1, wrapup_codes + 1):
        data.setdefault("wrapUpCodes", []).append({"name": f"Bench Wrap-up {i:03d}", "available": i % 2 == 1,
                                                   "routingType": "ROUTED", "wrapUpType": "ALL"})
    return data


# A mid-size contact center: the full-tenant benchmark's 1x (benchmarks/full_tenant.py).
FULL_TENANT = {"users": 3012, "queues": 155, "memberships": 6009, "wrapup_codes": 307,
               "skilled_users": 1511, "assignments": 4527, "skills": 24, "schedules": 10}


def full_tenant(data: dict, factor: float = 1.0) -> dict:
    """The default seed grown to ``factor`` x FULL_TENANT in total: synthetic users with
    skills, queues with members (every tenth overflowing to the next), wrap-up codes and
    campaign schedules; deterministic, so two runs build the same tenant."""
    data = copy.deepcopy(data)
    want = {key: max(1, round(value * factor)) for key, value in FULL_TENANT.items()}
    skills = [f"tenant-skill-{i:02d}" for i in range(1, want["skills"] + 1)]
    data.setdefault("skills", []).extend(skills)
    users = data.setdefault("users", [])
    new_users = max(0, want["users"] - len(users))
    width = max(4, len(str(new_users)))
    per_user = max(1, round(want["assignments"] / want["skilled_users"]))
    for i in range(new_users):
        name = f"tenant{i + 1:0{width}d}"
        user = {"name": name, "email": f"{name}@acme.example", "active": True}
        if i < want["skilled_users"]:
            user["skills"] = [{"skill": skills[(i + k) % len(skills)], "level": 1 + (i + k) % 5}
                              for k in range(per_user)]
        users.append(user)
    emails = [u["email"] for u in users if u["name"].startswith("tenant")]
    queues = want["queues"]
    for j in range(queues):
        count = want["memberships"] // queues + (1 if j < want["memberships"] % queues else 0)
        members = [{"user": emails[(j * 37 + k) % len(emails)], "split": 50 if k % 10 == 0 else 100,
                    "routingType": "MANUAL" if k % 10 == 0 else "ROUTED"} for k in range(count)]
        queue = {"name": f"Tenant Queue {j + 1:03d}", "description": "synthetic tenant queue",
                 "serviceLevelTarget": {"threshold": 70 + j % 30, "time": 10 + j % 50},
                 "maxWaitTime": 300, "maxWaiters": 50, "members": members}
        if j % 10 == 0 and j + 1 < queues:
            queue["overflow"] = {"enabled": True, "target": f"Tenant Queue {j + 2:03d}", "waitTime": 60}
        data.setdefault("queues", []).append(queue)
    for i in range(want["wrapup_codes"]):
        data.setdefault("wrapUpCodes", []).append({"name": f"Tenant Wrap-up {i + 1:03d}", "available": i % 3 != 0,
                                                   "routingType": "ROUTED", "wrapUpType": "ALL"})
    campaigns = data.setdefault("campaigns", [])
    for i in range(want["schedules"]):
        campaign = campaigns[i % len(campaigns)]
        campaign.setdefault("schedules", []).append({
            "id": f"tenant-schedule-{i + 1:03d}", "name": f"Tenant schedule {i + 1:03d}",
            "timezone": "America/New_York",
            "scheduleDetails": [{"dayOfWeek": day, "startTime": "09:00:00", "endTime": "17:00:00",
                                 "predictiveRate": 1.2} for day in ("MONDAY", "WEDNESDAY", "FRIDAY")],
        })
    return data


def _when(value, field):
    """A seed timestamp: ISO 8601, or "HH:MM" meaning that time today (UTC)."""
    if isinstance(value, str) and re.fullmatch(r"\d{2}:\d{2}", value):
        h, m = (int(x) for x in value.split(":"))
        today = _dt.datetime.now(_dt.timezone.utc).replace(hour=h, minute=m, second=0, microsecond=0)
        return format_ts(today)
    return parse_ts(value, field)


def apply(store: Store, data: dict) -> None:
    """Replace the store's whole state with the seed. Raises SeedError on an inconsistent seed."""
    try:
        _apply(store, data)
    except ApiError as exc:
        raise SeedError(f"invalid seed: {exc.description}") from None


def _apply(st: Store, data: dict) -> None:
    unknown = set(data) - _SECTIONS
    if unknown:
        raise SeedError(f"unknown seed section(s): {', '.join(sorted(unknown))}")
    st.clear()
    ts = data.get("seedTime", DEFAULT_SEED_TIME)
    st.seed_time = ts
    dates = {"dateCreated": ts, "dateUpdated": ts}
    st.tenant.update(data.get("tenant", {}))

    for c in data.get("clients", []):
        scopes = c.get("scopes", [])
        if scopes == "*":
            from .api import ALL_SCOPES
            scopes = list(ALL_SCOPES)
        st.clients[c["clientId"]] = {"clientSecret": c["clientSecret"], "scopes": sorted(scopes)}

    for s in data.get("skills", []):
        s = {"name": s} if isinstance(s, str) else s
        sid = s.get("id") or stable_id("skill", s["name"])
        st.skills[sid] = {"id": sid, "name": s["name"], **dates}
    skill_by_name = {s["name"].casefold(): sid for sid, s in st.skills.items()}

    st.reason_codes = [dict(code=r["code"], state=r["state"], default=bool(r.get("default")))
                       for r in data.get("reasonCodes", [])]
    for r in st.reason_codes:
        if r["state"] not in AGENT_STATES:
            raise SeedError(f"reason code {r['code']}: unknown state {r['state']}")
    if not st.reason_codes:
        st.reason_codes = [{"code": c, "state": s, "default": True} for s, c in DEFAULT_REASONS.items()]

    refs = {}
    for u in data.get("users", []):
        uid = u.get("id") or stable_id("user", u.get("email") or u["name"])
        st.users[uid] = {"id": uid, "name": u["name"], "email": u.get("email", ""),
                         "active": u.get("active", True), **dates}
        for key in (uid, u["name"], u.get("email")):
            if key:
                refs[key.casefold()] = uid
        if "skills" in u:
            st.user_skills[uid] = {}
            for item in u["skills"]:
                sid = item["skill"] if item["skill"] in st.skills else skill_by_name.get(item["skill"].casefold())
                if sid is None:
                    raise SeedError(f"user {u['name']}: unknown skill {item['skill']}")
                st.user_skills[uid][sid] = {"id": sid, "level": item["level"], "effectiveDateRange": {
                    "start": _when(item.get("start"), "start"), "end": _when(item.get("end"), "end")}}
        if "state" in u:
            state = u["state"]["state"]
            st.states[uid] = {"userId": uid, "state": state,
                              "reasonCode": u["state"].get("reasonCode") or st.default_reason(state),
                              "since": _when(u["state"].get("since"), "since") or ts}
        if "shift" in u:
            sh = u["shift"]
            if sh.get("status") not in SHIFT_STATUSES:
                raise SeedError(f"user {u['name']}: shift status must be ACTIVE or INACTIVE")
            st.shifts[uid] = {"userId": uid, "status": sh["status"],
                              "shiftStart": _when(sh.get("shiftStart"), "shiftStart"),
                              "shiftEnd": _when(sh.get("shiftEnd"), "shiftEnd")}
        if "break" in u:
            br = u["break"]
            st.breaks[uid] = {"userId": uid, "mandatoryBreakRequired": bool(br.get("mandatoryBreakRequired")),
                              "breakStart": _when(br.get("breakStart"), "breakStart"),
                              "breakEnd": _when(br.get("breakEnd"), "breakEnd")}
        if "wfm" in u:
            st.wfm.append({"userId": uid, "status": u["wfm"].get("status", "ACTIVE"),
                           "scheduleId": u["wfm"].get("scheduleId"),
                           "availableHoursPerDay": u["wfm"].get("availableHoursPerDay", 8), **dates})

    def user_ref(ref, where):
        uid = refs.get(str(ref).casefold())
        if uid is None:
            raise SeedError(f"{where}: unknown user {ref!r}")
        return uid

    queue_specs = data.get("queues", [])
    qids = {q["name"].casefold(): q.get("id") or stable_id("queue", q["name"]) for q in queue_specs}
    for q in queue_specs:
        body = {k: copy.deepcopy(v) for k, v in q.items() if k in QUEUE_FIELDS}
        ov = body.get("overflow")
        if ov and "target" in ov:
            ov["targetId"] = qids.get(ov.pop("target").casefold(), "missing-queue")
        fields = st._parse_queue(body, creating=False)
        qid = qids[q["name"].casefold()]
        st.queues[qid] = {"id": qid, "name": fields["name"], "description": fields["description"],
                          "version": q.get("version", 1), **{k: fields[k] for k in QUEUE_FIELDS[2:]}, **dates}
        st.members[qid] = {}
        for m in q.get("members", []):
            m = {"user": m} if isinstance(m, str) else m
            uid = user_ref(m["user"], f"queue {q['name']}")
            st.members[qid][uid] = {"userId": uid, "routingType": m.get("routingType", "ROUTED"),
                                    "split": m.get("split", 100),
                                    "afterHoursAvailable": m.get("afterHoursAvailable", False), **dates}
        strategy = []
        for s in q.get("routingStrategy", []):
            sid = skill_by_name.get(s["skill"].casefold()) or (s["skill"] if s["skill"] in st.skills else None)
            if sid is None:
                raise SeedError(f"queue {q['name']}: routing strategy names unknown skill {s['skill']}")
            strategy.append({"skillId": sid, "minLevel": s["minLevel"], "maxLevel": s["maxLevel"]})
        if strategy:
            st.strategies[qid] = strategy
        if "load" in q:
            st.loads[qid] = dict(q["load"])
    for qid, queue in st.queues.items():  # tenant rules once every queue exists
        st._check_queue(queue, qid, queue)

    for w in data.get("wrapUpCodes", []):
        fields = st._parse_wrapup(w, creating=False)
        wid = w.get("id") or stable_id("wrapup", w["name"])
        st.wrapups[wid] = {"id": wid, **fields, **dates}

    for c in data.get("campaigns", []):
        cid = c.get("id") or stable_id("campaign", c["name"])
        st.campaigns[cid] = {"id": cid, "name": c["name"], **dates}
        st.schedules[cid] = {}
        for s in c.get("schedules", []):
            fields = st._parse_schedule({k: v for k, v in s.items() if k != "id"})
            st.schedules[cid][s["id"]] = {"id": s["id"], "name": fields["name"], "campaignId": cid,
                                          "timezone": fields["timezone"], "status": fields["status"],
                                          "scheduleDetails": fields["scheduleDetails"],
                                          "blackoutPeriods": fields["blackoutPeriods"],
                                          "complianceRules": fields["complianceRules"], **dates}

    for h in data.get("webhooks", []):
        fields = st._parse_webhook({k: v for k, v in h.items() if k != "id"}, creating=False)
        hid = h.get("id") or stable_id("webhook", h["name"])
        st.webhooks[hid] = {"id": hid, **fields, **dates}
