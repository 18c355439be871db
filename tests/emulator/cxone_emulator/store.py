"""Tenant state and the contract's business rules, one resource at a time.

Every public method expects the caller to hold ``store.lock`` (the HTTP layer and
the batch runner do); the test helpers at the bottom take it themselves.
Methods return deep copies, so nothing outside can change the state by accident.
"""
from __future__ import annotations

import copy
import re
import threading
import urllib.parse
import zoneinfo

from .common import (ApiError, bad, check_object, new_id, not_found, now_iso, parse_ts,
                     v_bool, v_enum, v_int, v_list, v_num, v_str, v_time, v_unique_set)

PROFICIENCIES = ("beginner", "intermediate", "advanced", "expert")
ROUTING_TYPES = ("ROUTED", "MANUAL")
WRAPUP_TYPES = ("CALL", "CHAT", "EMAIL", "ALL")
AGENT_STATES = ("READY", "NOT_READY", "PAUSED", "IDLE")
DEFAULT_REASONS = {"READY": "WORKING", "NOT_READY": "BREAK", "PAUSED": "ADHOC", "IDLE": "SYSTEM_IDLE"}
DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
PAUSES = ("FCC", "NCDOJ", "STATE_SPECIFIC", "TCPA")
WEBHOOK_STATUSES = ("ENABLED", "DISABLED")
SCHEDULE_STATUSES = ("ACTIVE", "INACTIVE")
SHIFT_STATUSES = ("ACTIVE", "INACTIVE")
DATES = ("dateCreated", "dateUpdated")

QUEUE_DEFAULTS = {
    "description": "",
    "skillRequirements": [],
    "serviceLevelTarget": {"threshold": 80, "time": 30},
    "overflow": None,
    "maxWaitTime": 300,
    "maxWaiters": 50,
}
QUEUE_FIELDS = ("name",) + tuple(QUEUE_DEFAULTS)

_TIMEZONES: set | None = None


def valid_timezone(name) -> bool:
    global _TIMEZONES
    if _TIMEZONES is None:
        _TIMEZONES = set(zoneinfo.available_timezones())
    return isinstance(name, str) and name in _TIMEZONES


def _key(name: str) -> str:
    return name.casefold()


def _secs(hms: str) -> int:
    h, m, s = (int(x) for x in hms.split(":"))
    return h * 3600 + m * 60 + s


def _conflict_name(kind: str, name: str) -> ApiError:
    return ApiError(409, "conflict.name", f"a {kind} named {name!r} already exists (names are case-insensitive)")


class Store:
    def __init__(self, lock: threading.RLock | None = None):
        self.lock = lock or threading.RLock()
        self.clear()

    def clear(self):
        self.tenant = {"name": "tenant", "maxOverflowDepth": 3, "maxWaiters": 100}
        self.clients: dict[str, dict] = {}
        self.users: dict[str, dict] = {}
        self.skills: dict[str, dict] = {}
        self.queues: dict[str, dict] = {}
        self.members: dict[str, dict[str, dict]] = {}
        self.strategies: dict[str, dict] = {}
        self.loads: dict[str, dict] = {}
        self.wrapups: dict[str, dict] = {}
        self.user_skills: dict[str, dict[str, dict]] = {}
        self.states: dict[str, dict] = {}
        self.shifts: dict[str, dict] = {}
        self.breaks: dict[str, dict] = {}
        self.reason_codes: list[dict] = []
        self.campaigns: dict[str, dict] = {}
        self.schedules: dict[str, dict[str, dict]] = {}
        self.wfm: list[dict] = []
        self.webhooks: dict[str, dict] = {}
        self.audit: list[dict] = []
        self.writes_applied = 0
        self.seed_time = now_iso()

    # ------------------------------------------------------------ common bits

    def _audit(self, actor, action, entity, entity_id, before, after):
        self.writes_applied += 1
        self.audit.append({
            "id": new_id(), "timestamp": now_iso(), "clientId": actor, "action": action,
            "entity": entity, "entityId": entity_id,
            "before": copy.deepcopy(before), "after": copy.deepcopy(after),
        })

    @staticmethod
    def _by_name(items, name):
        """Collection order: by name (case-insensitive), then id. Returns live objects: list
        callers (api.page) copy the page they return while still holding the lock."""
        if name:
            items = [o for o in items if _key(o["name"]) == _key(name)]
        return sorted(items, key=lambda o: (_key(o["name"]), o["id"]))

    @staticmethod
    def _name_taken(items, name, except_id=None) -> bool:
        return any(_key(o["name"]) == _key(name) and o["id"] != except_id for o in items)

    def _user(self, user_id) -> dict:
        user = self.users.get(user_id)
        if user is None:
            raise not_found(f"user {user_id!r} not found")
        return user

    def _queue(self, queue_id) -> dict:
        queue = self.queues.get(queue_id)
        if queue is None:
            raise not_found(f"queue {queue_id!r} not found")
        return queue

    @staticmethod
    def _echo(body, field, expected, what):
        if field in body and body[field] != expected:
            raise bad(f"{field} in the body ({body[field]!r}) does not match the {what} in the path")

    # ------------------------------------------------------------ directory

    def list_users(self, name=None):
        return self._by_name(self.users.values(), name)

    def get_user(self, user_id):
        return copy.deepcopy(self._user(user_id))

    def list_skills(self, name=None):
        return self._by_name(self.skills.values(), name)

    # ------------------------------------------------------------ queues

    def list_queues(self, name=None):
        return self._by_name(self.queues.values(), name)

    def get_queue(self, queue_id):
        return copy.deepcopy(self._queue(queue_id))

    def _parse_queue(self, body, creating: bool) -> dict:
        """Shape, types and ranges (400 bad.request); returns the full queue fields with defaults."""
        if creating:
            if isinstance(body, dict):
                for key in ("id", "version"):
                    if key in body:
                        raise bad(f"'{key}' is assigned by the server and must not be sent on create")
            check_object(body, "", QUEUE_FIELDS, ("name",), read_only=DATES)
        else:
            check_object(body, "", QUEUE_FIELDS + ("id", "version") + DATES, ("name",))
        out = {"name": v_str(body["name"], "name")}
        out["description"] = v_str(body.get("description", ""), "description", min_len=0, max_len=1000)

        reqs = v_list(body.get("skillRequirements", []), "skillRequirements", max_items=10)
        out["skillRequirements"] = []
        for i, item in enumerate(reqs):
            path = f"skillRequirements[{i}]"
            check_object(item, path, ("skill", "proficiency", "required"), ("skill", "proficiency"))
            out["skillRequirements"].append({
                "skill": v_str(item["skill"], f"{path}.skill"),
                "proficiency": v_enum(item["proficiency"], f"{path}.proficiency", PROFICIENCIES),
                "required": v_bool(item.get("required", True), f"{path}.required"),
            })

        slt = body.get("serviceLevelTarget", QUEUE_DEFAULTS["serviceLevelTarget"])
        check_object(slt, "serviceLevelTarget", ("threshold", "time"), ("threshold", "time"))
        out["serviceLevelTarget"] = {
            "threshold": v_int(slt["threshold"], "serviceLevelTarget.threshold", 0, 100),
            "time": v_int(slt["time"], "serviceLevelTarget.time", 1, 300),
        }

        overflow = body.get("overflow")
        if overflow is not None:
            check_object(overflow, "overflow", ("enabled", "targetId", "waitTime"))
            target = overflow.get("targetId")
            if target is not None:
                v_str(target, "overflow.targetId")
            overflow = {
                "enabled": v_bool(overflow.get("enabled", True), "overflow.enabled"),
                "targetId": target,
                "waitTime": v_int(overflow.get("waitTime", 60), "overflow.waitTime", 30, 600),
            }
        out["overflow"] = overflow
        out["maxWaitTime"] = v_int(body.get("maxWaitTime", 300), "maxWaitTime", 10, 600)
        out["maxWaiters"] = v_int(body.get("maxWaiters", 50), "maxWaiters", 1, None)
        return out

    def _check_queue(self, fields: dict, queue_id: str, old: dict | None):
        """Tenant-dependent rules: skill names, license limit, overflow graph, unique name."""
        seen = set()
        for i, req in enumerate(fields["skillRequirements"]):
            skill = next((s for s in self.skills.values() if _key(s["name"]) == _key(req["skill"])), None)
            if skill is None:
                raise bad(f"skillRequirements[{i}].skill: unknown skill {req['skill']!r} "
                          "(a skill NAME such as 'language:en' is expected)")
            if skill["id"] in seen:
                raise bad(f"skillRequirements[{i}].skill: skill {skill['name']!r} is listed twice")
            seen.add(skill["id"])
            req["skill"] = skill["name"]
        limit = self.tenant["maxWaiters"]
        if fields["maxWaiters"] > limit:
            raise ApiError(400, "license.limit",
                           f"maxWaiters {fields['maxWaiters']} exceeds the tenant license limit of {limit}")
        self._check_overflow(fields["overflow"], queue_id, old, fields["name"])
        if self._name_taken(self.queues.values(), fields["name"], queue_id):
            raise _conflict_name("queue", fields["name"])

    def _check_overflow(self, overflow, queue_id, old, name):
        def invalid(msg):
            return ApiError(400, "invalid.overflow", msg)

        if overflow is None:
            return
        target = overflow["targetId"]
        if target is None:
            if overflow["enabled"]:
                raise invalid("overflow.targetId is required while overflow is enabled")
            return
        if target == queue_id:
            raise invalid("a queue cannot overflow to itself")
        old_target = (old or {}).get("overflow") or {}
        if target not in self.queues and (overflow["enabled"] or target != old_target.get("targetId")):
            raise invalid(f"overflow target queue {target!r} does not exist")
        # Walk every ENABLED chain that passes through this queue, with the change applied.
        links = {qid: q["overflow"]["targetId"] for qid, q in self.queues.items()
                 if q["overflow"] and q["overflow"]["enabled"] and q["overflow"]["targetId"]}
        links.pop(queue_id, None)
        if overflow["enabled"]:
            links[queue_id] = target
        names = {qid: q["name"] for qid, q in self.queues.items()}
        names[queue_id] = name
        depth = self.tenant["maxOverflowDepth"]
        for start in [queue_id] + sorted(links):
            chain = [start]
            while chain[-1] in links:
                nxt = links[chain[-1]]
                if nxt in chain:
                    chain.append(nxt)
                    if queue_id in chain:
                        raise invalid("overflow chain forms a cycle: "
                                      + " -> ".join(names.get(q, q) for q in chain))
                    break
                chain.append(nxt)
            if len(chain) - 1 > depth and queue_id in chain:
                raise invalid(f"overflow chain has {len(chain) - 1} hops, more than the tenant's "
                              f"maxOverflowDepth of {depth}: "
                              + " -> ".join(names.get(q, q) for q in chain))

    def create_queue(self, body, actor):
        fields = self._parse_queue(body, creating=True)
        queue_id = new_id()
        self._check_queue(fields, queue_id, None)
        now = now_iso()
        queue = {"id": queue_id, "name": fields["name"], "description": fields["description"], "version": 1}
        queue.update({k: fields[k] for k in QUEUE_FIELDS if k not in queue})
        queue.update(dateCreated=now, dateUpdated=now)
        self.queues[queue_id] = queue
        self.members[queue_id] = {}
        self._audit(actor, "CREATE", "queue", queue_id, None, queue)
        return copy.deepcopy(queue)

    @staticmethod
    def parse_if_match(value) -> int:
        if value is None:
            raise ApiError(428, "precondition.required",
                           "this update needs an If-Match header with the queue's current version")
        text = value.strip()
        if text.startswith("W/"):
            text = text[2:]
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1]
        if not text.isascii() or not text.isdigit():
            raise bad(f"If-Match must be a version number such as 3, \"3\" or W/\"3\" (got {value!r})")
        return int(text)

    def bump_version(self, queue_id):
        """What another administrator saving the queue looks like (fault `concurrent_update`)."""
        queue = self.queues.get(queue_id)
        if queue is not None:
            queue["version"] += 1
            queue["dateUpdated"] = now_iso()
            return True
        return False

    def replace_queue(self, queue_id, body, expected, actor, concurrent_update=False):
        """PUT: `expected` is the If-Match version, already parsed by parse_if_match()."""
        fields = self._parse_queue(body, creating=False)
        queue = self._queue(queue_id)
        self._echo(body, "id", queue_id, "queue id")
        if concurrent_update:
            self.bump_version(queue_id)
        if expected != queue["version"]:
            raise ApiError(409, "conflict.version",
                           f"queue version is {queue['version']}, If-Match gave {expected}; "
                           "read the queue again and re-apply the change")
        self._check_queue(fields, queue_id, queue)
        before = copy.deepcopy(queue)
        queue.update({k: fields[k] for k in QUEUE_FIELDS})
        queue["version"] += 1
        queue["dateUpdated"] = now_iso()
        self._audit(actor, "UPDATE", "queue", queue_id, before, queue)
        return copy.deepcopy(queue)

    def delete_queue(self, queue_id, expected, actor):
        """DELETE: If-Match is optional here; when sent (`expected` not None) it must be current."""
        queue = self._queue(queue_id)
        if expected is not None and expected != queue["version"]:
            raise ApiError(409, "conflict.version",
                           f"queue version is {queue['version']}, If-Match gave {expected}")
        users = [q["name"] for q in self.queues.values() if q["id"] != queue_id and q["overflow"]
                 and q["overflow"]["enabled"] and q["overflow"]["targetId"] == queue_id]
        if users:
            raise ApiError(409, "in.use", f"queue {queue['name']!r} is the enabled overflow target of "
                           + ", ".join(repr(n) for n in sorted(users)))
        del self.queues[queue_id]
        self.members.pop(queue_id, None)
        self.strategies.pop(queue_id, None)
        self.loads.pop(queue_id, None)
        self._audit(actor, "DELETE", "queue", queue_id, queue, None)

    def get_strategy(self, queue_id):
        self._queue(queue_id)
        return {"routing": {"skills": copy.deepcopy(self.strategies.get(queue_id, []))}}

    # ------------------------------------------------------------ members

    def list_members(self, queue_id):
        self._queue(queue_id)
        return list(self.members.get(queue_id, {}).values())

    @staticmethod
    def _parse_member(body, creating):
        allowed = ("userId", "routingType", "split", "afterHoursAvailable")
        if creating:
            check_object(body, "", allowed, ("userId",), read_only=DATES)
            v_str(body["userId"], "userId")
        else:
            check_object(body, "", allowed + DATES)
        return {
            "routingType": v_enum(body.get("routingType", "ROUTED"), "routingType", ROUTING_TYPES),
            "split": v_int(body.get("split", 100), "split", 1, 100),
            "afterHoursAvailable": v_bool(body.get("afterHoursAvailable", False), "afterHoursAvailable"),
        }

    def add_member(self, queue_id, body, actor):
        fields = self._parse_member(body, creating=True)
        user_id = body["userId"]
        self._queue(queue_id)
        self._user(user_id)
        members = self.members.setdefault(queue_id, {})
        if user_id in members:
            raise ApiError(409, "conflict.member", f"user {user_id!r} is already a member of queue {queue_id!r}")
        now = now_iso()
        member = {"userId": user_id, **fields, "dateCreated": now, "dateUpdated": now}
        members[user_id] = member
        self._audit(actor, "CREATE", "queueMember", f"{queue_id}/{user_id}", None, member)
        return copy.deepcopy(member)

    def _member(self, queue_id, user_id):
        self._queue(queue_id)
        member = self.members.get(queue_id, {}).get(user_id)
        if member is None:
            raise not_found(f"user {user_id!r} is not a member of queue {queue_id!r}")
        return member

    def replace_member(self, queue_id, user_id, body, actor):
        fields = self._parse_member(body, creating=False)
        self._echo(body, "userId", user_id, "user id")
        member = self._member(queue_id, user_id)
        before = copy.deepcopy(member)
        member.update(fields, dateUpdated=now_iso())
        self._audit(actor, "UPDATE", "queueMember", f"{queue_id}/{user_id}", before, member)
        return copy.deepcopy(member)

    def remove_member(self, queue_id, user_id, actor):
        member = self._member(queue_id, user_id)
        del self.members[queue_id][user_id]
        self._audit(actor, "DELETE", "queueMember", f"{queue_id}/{user_id}", member, None)

    # ------------------------------------------------------------ wrap-up codes

    def list_wrapups(self, name=None):
        return self._by_name(self.wrapups.values(), name)

    def _wrapup(self, code_id):
        code = self.wrapups.get(code_id)
        if code is None:
            raise not_found(f"wrap-up code {code_id!r} not found")
        return code

    def get_wrapup(self, code_id):
        return copy.deepcopy(self._wrapup(code_id))

    @staticmethod
    def _parse_wrapup(body, creating):
        allowed = ("name", "available", "routingType", "wrapUpType")
        if creating:
            check_object(body, "", allowed, ("name",), read_only=("id",) + DATES)
        else:
            check_object(body, "", allowed + ("id",) + DATES, ("name",))
        return {
            "name": v_str(body["name"], "name"),
            "available": v_bool(body.get("available", True), "available"),
            "routingType": v_enum(body.get("routingType", "ROUTED"), "routingType", ROUTING_TYPES),
            "wrapUpType": v_enum(body.get("wrapUpType", "ALL"), "wrapUpType", WRAPUP_TYPES),
        }

    def create_wrapup(self, body, actor):
        fields = self._parse_wrapup(body, creating=True)
        if self._name_taken(self.wrapups.values(), fields["name"]):
            raise _conflict_name("wrap-up code", fields["name"])
        now = now_iso()
        code = {"id": new_id(), **fields, "dateCreated": now, "dateUpdated": now}
        self.wrapups[code["id"]] = code
        self._audit(actor, "CREATE", "wrapUpCode", code["id"], None, code)
        return copy.deepcopy(code)

    def replace_wrapup(self, code_id, body, actor):
        fields = self._parse_wrapup(body, creating=False)
        code = self._wrapup(code_id)
        self._echo(body, "id", code_id, "wrap-up code id")
        if self._name_taken(self.wrapups.values(), fields["name"], code_id):
            raise _conflict_name("wrap-up code", fields["name"])
        before = copy.deepcopy(code)
        code.update(fields, dateUpdated=now_iso())
        self._audit(actor, "UPDATE", "wrapUpCode", code_id, before, code)
        return copy.deepcopy(code)

    def delete_wrapup(self, code_id, actor):
        code = self._wrapup(code_id)
        del self.wrapups[code_id]
        self._audit(actor, "DELETE", "wrapUpCode", code_id, code, None)

    # ------------------------------------------------------------ user skills

    def _skill_list(self, user_id):
        return [copy.deepcopy(s) for sid, s in sorted(self.user_skills.get(user_id, {}).items())]

    def get_user_skills(self, user_id):
        self._user(user_id)
        return {"skills": self._skill_list(user_id)}

    def replace_user_skills(self, user_id, body, actor):
        check_object(body, "", ("skills",), ("skills",))
        parsed = []
        for i, item in enumerate(v_list(body["skills"], "skills")):
            path = f"skills[{i}]"
            check_object(item, path, ("id", "level", "effectiveDateRange"), ("id", "level"))
            rng = item.get("effectiveDateRange")
            start = end = None
            if rng is not None:
                check_object(rng, f"{path}.effectiveDateRange", ("start", "end"))
                start = parse_ts(rng.get("start"), f"{path}.effectiveDateRange.start")
                end = parse_ts(rng.get("end"), f"{path}.effectiveDateRange.end")
                if start and end and end <= start:
                    raise bad(f"{path}.effectiveDateRange.end must be after start")
            parsed.append({"id": v_str(item["id"], f"{path}.id"),
                           "level": v_int(item["level"], f"{path}.level", 1, 5),
                           "effectiveDateRange": {"start": start, "end": end}})
        self._user(user_id)
        new = {}
        for i, item in enumerate(parsed):
            if item["id"] not in self.skills:
                raise bad(f"skills[{i}].id: unknown skill id {item['id']!r} (a skill ID is expected)")
            if item["id"] in new:
                raise bad(f"skills[{i}].id: skill {item['id']!r} appears more than once")
            new[item["id"]] = item
        before = self._skill_list(user_id)
        self.user_skills[user_id] = new
        after = self._skill_list(user_id)
        self._audit(actor, "UPDATE", "userSkills", user_id, {"skills": before}, {"skills": after})
        return {"skills": after}

    # ------------------------------------------------------------ agent state

    def default_reason(self, state):
        codes = [c for c in self.reason_codes if c.get("state") == state]
        chosen = next((c for c in codes if c.get("default")), codes[0] if codes else None)
        return chosen["code"] if chosen else DEFAULT_REASONS[state]

    def _state(self, user_id):
        self._user(user_id)
        if user_id not in self.states:
            self.states[user_id] = {"userId": user_id, "state": "IDLE",
                                    "reasonCode": self.default_reason("IDLE"), "since": self.seed_time}
        return self.states[user_id]

    def get_state(self, user_id):
        return copy.deepcopy(self._state(user_id))

    def set_state(self, user_id, body, actor):
        check_object(body, "", ("state", "reasonCode"), ("state",))
        state = v_enum(body["state"], "state", AGENT_STATES)
        reason = body.get("reasonCode")
        if reason is None:
            reason = self.default_reason(state)
        else:
            v_str(reason, "reasonCode")
            known = {c["code"] for c in self.reason_codes} or set(DEFAULT_REASONS.values())
            if reason not in known:
                raise bad(f"reasonCode {reason!r} is not one of the tenant's reason codes: {', '.join(sorted(known))}")
        current = self._state(user_id)
        shift = self.get_shift(user_id)
        if shift["status"] != "ACTIVE":
            raise ApiError(409, "policy.violation",
                           f"AGENT_NOT_SCHEDULED: user {user_id!r} has no active shift schedule")
        if state == "READY" and self.get_break(user_id)["mandatoryBreakRequired"]:
            raise ApiError(409, "policy.violation",
                           f"MANDATORY_BREAK_VIOLATION: user {user_id!r} is in a mandatory break and cannot be READY")
        before = copy.deepcopy(current)
        if current["state"] != state or current["reasonCode"] != reason:
            current.update(state=state, reasonCode=reason, since=now_iso())
        self._audit(actor, "UPDATE", "agentState", user_id, before, current)
        return copy.deepcopy(current)

    def get_shift(self, user_id):
        self._user(user_id)
        return copy.deepcopy(self.shifts.get(user_id) or
                             {"userId": user_id, "status": "INACTIVE", "shiftStart": None, "shiftEnd": None})

    def get_break(self, user_id):
        self._user(user_id)
        return copy.deepcopy(self.breaks.get(user_id) or
                             {"userId": user_id, "mandatoryBreakRequired": False,
                              "breakStart": None, "breakEnd": None})

    # ------------------------------------------------------------ campaigns

    def list_campaigns(self, name=None):
        return self._by_name(self.campaigns.values(), name)

    def _campaign(self, campaign_id):
        if campaign_id not in self.campaigns:
            raise not_found(f"campaign {campaign_id!r} not found")
        return self.schedules.setdefault(campaign_id, {})

    def list_schedules(self, campaign_id, name=None):
        return self._by_name(self._campaign(campaign_id).values(), name)

    def get_schedule(self, campaign_id, schedule_id):
        sched = self._campaign(campaign_id).get(schedule_id)
        if sched is None:
            raise not_found(f"schedule {schedule_id!r} not found in campaign {campaign_id!r}")
        return copy.deepcopy(sched)

    @staticmethod
    def _parse_schedule(body) -> dict:
        allowed = ("id", "name", "campaignId", "timezone", "scheduleDetails", "blackoutPeriods",
                   "complianceRules", "status") + DATES
        check_object(body, "", allowed, ("name", "timezone", "scheduleDetails"))
        out = {"name": v_str(body["name"], "name")}
        if not valid_timezone(body["timezone"]):
            raise bad(f"timezone {body['timezone']!r} is not a known IANA time zone")
        out["timezone"] = body["timezone"]
        details = []
        detail_fields = ("dayOfWeek", "startTime", "endTime", "maxCallsPerDay", "maxCallsPerHour",
                         "predictiveRate", "maxCallsPerAgentPerDay")
        for i, item in enumerate(v_list(body["scheduleDetails"], "scheduleDetails", min_items=1)):
            p = f"scheduleDetails[{i}]"
            check_object(item, p, detail_fields, ("dayOfWeek", "startTime", "endTime", "predictiveRate"))
            d = {"dayOfWeek": v_enum(item["dayOfWeek"], f"{p}.dayOfWeek", DAYS),
                 "startTime": v_time(item["startTime"], f"{p}.startTime"),
                 "endTime": v_time(item["endTime"], f"{p}.endTime")}
            for field, hi in (("maxCallsPerDay", 100000), ("maxCallsPerHour", 10000)):
                if field in item:
                    d[field] = v_int(item[field], f"{p}.{field}", 1, hi)
            d["predictiveRate"] = v_num(item["predictiveRate"], f"{p}.predictiveRate", 0.1, 3.0)
            if "maxCallsPerAgentPerDay" in item:
                d["maxCallsPerAgentPerDay"] = v_int(item["maxCallsPerAgentPerDay"], f"{p}.maxCallsPerAgentPerDay", 1, 500)
            if _secs(d["endTime"]) <= _secs(d["startTime"]):
                raise bad(f"{p}: the window must end after it starts ({d['startTime']} - {d['endTime']})")
            details.append(d)
        for day in DAYS:
            windows = sorted((d for d in details if d["dayOfWeek"] == day), key=lambda d: _secs(d["startTime"]))
            for a, b in zip(windows, windows[1:]):
                if _secs(b["startTime"]) < _secs(a["endTime"]):
                    raise bad(f"scheduleDetails: two {day} windows overlap "
                              f"({a['startTime']}-{a['endTime']} and {b['startTime']}-{b['endTime']})")
        out["scheduleDetails"] = details
        blackouts = []
        for i, item in enumerate(v_list(body.get("blackoutPeriods", []), "blackoutPeriods")):
            p = f"blackoutPeriods[{i}]"
            check_object(item, p, ("startTime", "endTime", "reason", "appliesToAllDays"), ("startTime", "endTime"))
            b = {"startTime": v_time(item["startTime"], f"{p}.startTime"),
                 "endTime": v_time(item["endTime"], f"{p}.endTime"),
                 "reason": v_str(item.get("reason", ""), f"{p}.reason", min_len=0),
                 "appliesToAllDays": v_bool(item.get("appliesToAllDays", True), f"{p}.appliesToAllDays")}
            if _secs(b["endTime"]) <= _secs(b["startTime"]):
                raise bad(f"{p}: the blackout must end after it starts")
            if b["appliesToAllDays"]:
                for d in details:
                    if _secs(b["startTime"]) <= _secs(d["startTime"]) and _secs(b["endTime"]) >= _secs(d["endTime"]):
                        raise bad(f"{p} ({b['startTime']}-{b['endTime']}, all days) covers the whole "
                                  f"{d['dayOfWeek']} window {d['startTime']}-{d['endTime']}")
            blackouts.append(b)
        out["blackoutPeriods"] = blackouts
        rules = body.get("complianceRules", {})
        check_object(rules, "complianceRules",
                     ("regulatoryPauses", "agentAvailabilityProjection", "enableComplianceInjection"))
        out["complianceRules"] = {
            "regulatoryPauses": v_unique_set(v_list(rules.get("regulatoryPauses", []), "complianceRules.regulatoryPauses"),
                                             "complianceRules.regulatoryPauses", PAUSES),
            "agentAvailabilityProjection": v_bool(rules.get("agentAvailabilityProjection", False),
                                                  "complianceRules.agentAvailabilityProjection"),
            "enableComplianceInjection": v_bool(rules.get("enableComplianceInjection", False),
                                                "complianceRules.enableComplianceInjection"),
        }
        out["status"] = v_enum(body.get("status", "ACTIVE"), "status", SCHEDULE_STATUSES)
        return out

    def put_schedule(self, campaign_id, schedule_id, body, actor):
        if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", schedule_id):
            raise bad(f"schedule id {schedule_id!r} must be 1-64 characters of A-Z a-z 0-9 . _ -")
        fields = self._parse_schedule(body)
        scheds = self._campaign(campaign_id)
        self._echo(body, "id", schedule_id, "schedule id")
        self._echo(body, "campaignId", campaign_id, "campaign id")
        if self._name_taken(scheds.values(), fields["name"], schedule_id):
            raise _conflict_name("schedule in this campaign", fields["name"])
        now = now_iso()
        old = scheds.get(schedule_id)
        sched = {"id": schedule_id, "name": fields["name"], "campaignId": campaign_id,
                 "timezone": fields["timezone"], "status": fields["status"],
                 "scheduleDetails": fields["scheduleDetails"], "blackoutPeriods": fields["blackoutPeriods"],
                 "complianceRules": fields["complianceRules"],
                 "dateCreated": old["dateCreated"] if old else now, "dateUpdated": now}
        scheds[schedule_id] = sched
        self._audit(actor, "UPDATE" if old else "CREATE", "campaignSchedule",
                    f"{campaign_id}/{schedule_id}", old, sched)
        return copy.deepcopy(sched), old is None

    def delete_schedule(self, campaign_id, schedule_id, actor):
        sched = self.get_schedule(campaign_id, schedule_id)
        del self.schedules[campaign_id][schedule_id]
        self._audit(actor, "DELETE", "campaignSchedule", f"{campaign_id}/{schedule_id}", sched, None)

    def active_wfm(self):
        return copy.deepcopy([w for w in self.wfm if w["status"] == "ACTIVE"])

    # ------------------------------------------------------------ webhooks

    def list_webhooks(self, name=None):
        return self._by_name(self.webhooks.values(), name)

    def _webhook(self, hook_id):
        hook = self.webhooks.get(hook_id)
        if hook is None:
            raise not_found(f"webhook {hook_id!r} not found")
        return hook

    def get_webhook(self, hook_id):
        return copy.deepcopy(self._webhook(hook_id))

    @staticmethod
    def _parse_webhook(body, creating):
        allowed = ("name", "url", "events", "status")
        if creating:
            check_object(body, "", allowed, ("name", "url", "events"), read_only=("id",) + DATES)
        else:
            check_object(body, "", allowed + ("id",) + DATES, ("name", "url", "events"))
        url = v_str(body["url"], "url", max_len=2048)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad(f"url must be an absolute http or https URL (got {url!r})")
        events = v_list(body["events"], "events", min_items=1)
        return {"name": v_str(body["name"], "name"), "url": url,
                "events": v_unique_set(events, "events"),
                "status": v_enum(body.get("status", "ENABLED"), "status", WEBHOOK_STATUSES)}

    def create_webhook(self, body, actor):
        fields = self._parse_webhook(body, creating=True)
        if self._name_taken(self.webhooks.values(), fields["name"]):
            raise _conflict_name("webhook", fields["name"])
        now = now_iso()
        hook = {"id": new_id(), **fields, "dateCreated": now, "dateUpdated": now}
        self.webhooks[hook["id"]] = hook
        self._audit(actor, "CREATE", "webhook", hook["id"], None, hook)
        return copy.deepcopy(hook)

    def replace_webhook(self, hook_id, body, actor):
        fields = self._parse_webhook(body, creating=False)
        hook = self._webhook(hook_id)
        self._echo(body, "id", hook_id, "webhook id")
        if self._name_taken(self.webhooks.values(), fields["name"], hook_id):
            raise _conflict_name("webhook", fields["name"])
        before = copy.deepcopy(hook)
        hook.update(fields, dateUpdated=now_iso())
        self._audit(actor, "UPDATE", "webhook", hook_id, before, hook)
        return copy.deepcopy(hook)

    def delete_webhook(self, hook_id, actor):
        hook = self._webhook(hook_id)
        del self.webhooks[hook_id]
        self._audit(actor, "DELETE", "webhook", hook_id, hook, None)

    # ------------------------------------------------------------ analytics, audit

    def observations(self, body):
        check_object(body, "", ("queueIds",), ("queueIds",))
        ids = v_list(body["queueIds"], "queueIds", min_items=1, max_items=100)
        v_unique_set(ids, "queueIds")
        for qid in ids:
            if qid not in self.queues:
                raise bad(f"queueIds: unknown queue {qid!r}")
        return {"results": [self._load(qid) for qid in ids]}

    def _load(self, queue_id):
        load = self.loads.get(queue_id, {})
        available = load.get("availableAgents")
        if available is None:  # default: members whose agent state is READY
            available = sum(1 for uid in self.members.get(queue_id, {})
                            if self.states.get(uid, {}).get("state") == "READY")
        return {"queueId": queue_id, "waiting": load.get("waiting", 0),
                "interacting": load.get("interacting", 0),
                "oldestWaitSeconds": load.get("oldestWaitSeconds", 0), "availableAgents": available}

    def audit_logs(self, entity=None, entity_id=None):
        items = self.audit
        if entity:
            items = [a for a in items if _key(a["entity"]) == _key(entity)]
        if entity_id:
            items = [a for a in items if a["entityId"] == entity_id]
        return list(items)

    # ------------------------------------------------------------ helpers for tests (take the lock)

    def _index(self, items, field="name"):
        with self.lock:
            return {o[field]: copy.deepcopy(o) for o in items.values()}

    def queues_by_name(self):
        return self._index(self.queues)

    def users_by_name(self):
        return self._index(self.users)

    def users_by_email(self):
        return self._index(self.users, "email")

    def skills_by_name(self):
        return self._index(self.skills)

    def wrapup_codes_by_name(self):
        return self._index(self.wrapups)

    def campaigns_by_name(self):
        return self._index(self.campaigns)

    def webhooks_by_name(self):
        return self._index(self.webhooks)

    def members_of(self, queue_id):
        with self.lock:
            return copy.deepcopy(self.members.get(queue_id, {}))

    def user_skill_set(self, user_id):
        with self.lock:
            return self._skill_list(user_id)

    def audit_entries(self, entity=None, entity_id=None):
        with self.lock:
            return copy.deepcopy(self.audit_logs(entity, entity_id))

    def set_queue_load(self, queue_id, waiting=None, oldest_wait_seconds=None, interacting=None,
                       available_agents=None):
        """Set a queue's live load as seen by the analytics query (unset fields keep their value)."""
        with self.lock:
            self._queue(queue_id)
            load = self.loads.setdefault(queue_id, {})
            for key, value in (("waiting", waiting), ("oldestWaitSeconds", oldest_wait_seconds),
                               ("interacting", interacting), ("availableAgents", available_agents)):
                if value is not None:
                    load[key] = int(value)
            return self._load(queue_id)

    def set_shift(self, user_id, status="ACTIVE", shift_start=None, shift_end=None):
        with self.lock:
            self._user(user_id)
            self.shifts[user_id] = {"userId": user_id, "status": v_enum(status, "status", SHIFT_STATUSES),
                                    "shiftStart": shift_start, "shiftEnd": shift_end}

    def set_break(self, user_id, required=True, break_start=None, break_end=None):
        with self.lock:
            self._user(user_id)
            self.breaks[user_id] = {"userId": user_id, "mandatoryBreakRequired": bool(required),
                                    "breakStart": break_start, "breakEnd": break_end}

    def modify_queue(self, queue_id, bump_version=True, **fields):
        """Out-of-band change (like an administrator in the web UI): no audit entry, no write count."""
        with self.lock:
            queue = self._queue(queue_id)
            for key, value in fields.items():
                if key not in QUEUE_FIELDS:
                    raise KeyError(key)
                queue[key] = copy.deepcopy(value)
            if bump_version:
                queue["version"] += 1
            queue["dateUpdated"] = now_iso()
            return copy.deepcopy(queue)

    def add_user(self, name, email, active=True):
        """A new directory user (the tenant's directory is read-only through the API)."""
        with self.lock:
            uid = new_id()
            self.users[uid] = {"id": uid, "name": name, "email": email, "active": bool(active),
                               "dateCreated": now_iso(), "dateUpdated": now_iso()}
            return uid

    def add_users(self, count, prefix="agent"):
        """``count`` new users named ``<prefix>NNNN``; returns their emails."""
        emails = ["%s%04d@acme.example" % (prefix, n) for n in range(1, count + 1)]
        for number, email in enumerate(emails, start=1):
            self.add_user("%s %04d" % (prefix.title(), number), email)
        return emails

    def modify_wrapup(self, code_id, **fields):
        """Out-of-band change of a wrap-up code: no audit entry, no write count."""
        with self.lock:
            code = self.wrapups[code_id]
            code.update(copy.deepcopy(fields))
            code["dateUpdated"] = now_iso()
            return copy.deepcopy(code)

    def dump(self) -> dict:
        with self.lock:
            return copy.deepcopy({
                "tenant": self.tenant,
                "clients": [{"clientId": cid, "scopes": c["scopes"]} for cid, c in self.clients.items()],
                "users": list(self.users.values()), "skills": list(self.skills.values()),
                "queues": list(self.queues.values()),
                "members": {qid: list(m.values()) for qid, m in self.members.items()},
                "routingStrategies": self.strategies,
                "queueLoads": {qid: self._load(qid) for qid in self.queues},
                "wrapUpCodes": list(self.wrapups.values()),
                "userSkills": {uid: self._skill_list(uid) for uid in self.user_skills},
                "agentStates": self.states, "shiftSchedules": self.shifts, "breaks": self.breaks,
                "reasonCodes": self.reason_codes, "campaigns": list(self.campaigns.values()),
                "campaignSchedules": {cid: list(s.values()) for cid, s in self.schedules.items()},
                "wfmSchedules": self.wfm, "webhooks": list(self.webhooks.values()),
                "auditLogs": self.audit, "writesApplied": self.writes_applied,
            })
