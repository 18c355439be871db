# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The admin surface's stores (docs/api/admin.md): queues are ACD skills, wrap-up codes are
dispositions, members are skill assignments, queue load is skill activity.

No version locking exists: every store reads right before planning, sends only the fields
that differ (updates are partial), and reads the object back after writing. Skills and
dispositions have no DELETE: state=absent deactivates them."""

from __future__ import annotations

import re
from datetime import datetime

from ansible_collections.cxone.cxone.plugins.module_utils._client import chunks
from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError, InputError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import segment
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ItemStore, ObjectStore

MEDIA_TYPE_IDS = {"email": 1, "chat": 3, "phone": 4, "voicemail": 5, "work_item": 6, "sms": 7, "social": 8,
                  "digital": 9}
MEDIA_TYPES = {number: name for name, number in MEDIA_TYPE_IDS.items()}
STRATEGIES = {"manual": "Manual", "personal_connection": "Personal Connection"}
SKILL_QUERY_LIMIT = 100  # skill ids in one read of many skills' assignments


def _read_one(ctx, path, object_id, key):
    """One object by id (``path`` % id), or None when there is none: a 404, or a 400 for an
    id that is not an integer."""
    try:
        return _one(ctx.client.get_or_none(path % segment(object_id)), key)
    except APIError as exc:
        if exc.status == 400:
            return None
        raise


def _one(body, key):
    """A single object as read: flat, under its singular key, or alone in its list key."""
    if isinstance(body, dict) and isinstance(body.get(key + "s"), list) and len(body[key + "s"]) == 1:
        return body[key + "s"][0]
    if isinstance(body, dict) and isinstance(body.get(key), dict):
        return body[key]
    return body


class SkillStore(ObjectStore):
    """Queues as ACD skills. ``media_type``, ``outbound`` and ``outbound_strategy`` are set
    when a skill is created; a skill needs a campaign to be created."""

    defaults = {"description": "", "media_type": "phone", "outbound": False, "outbound_strategy": "manual",
                "service_level": {"threshold": 90, "time": 30},
                "priority": {"initial": 0, "acceleration": 1, "max": 1000},
                "short_abandon": {"enabled": False, "threshold": 15, "counted": True},
                "wrapup_codes": [], "campaign": None, "active": True}
    nested_defaults = {"priority": defaults["priority"], "short_abandon": defaults["short_abandon"]}
    FIXED = ("media_type", "outbound", "outbound_strategy")

    def id_of(self, raw):
        return raw["skillId"]

    def name_of(self, raw):
        return raw["skillName"]

    def from_api(self, raw):
        dispositions = sorted(raw.get("dispositions") or [], key=lambda d: d.get("priority") or 0)
        return {
            "name": raw["skillName"],
            "description": raw.get("notes") or "",
            "media_type": MEDIA_TYPES.get(raw.get("mediaTypeId"), str(raw.get("mediaTypeId"))),
            "campaign": raw.get("campaignId"),
            "outbound": bool(raw.get("isOutbound")),
            "outbound_strategy": {v: k for k, v in STRATEGIES.items()}.get(raw.get("outboundStrategy"), "manual"),
            "service_level": {"threshold": raw.get("serviceLevelGoal"), "time": raw.get("serviceLevelThreshold")},
            "priority": {"initial": raw.get("initialPriority"), "acceleration": raw.get("acceleration"),
                         "max": raw.get("maxPriority")},
            "short_abandon": {"enabled": raw.get("enableShortAbandon"), "threshold": raw.get("shortAbandonThreshold"),
                              "counted": raw.get("countShortAbandons")},
            "wrapup_codes": [d["dispositionId"] for d in dispositions],
            "active": raw.get("isActive", True),
        }

    def to_api(self, state):
        fields = {
            "skillName": state["name"], "notes": state.get("description") or "",
            "mediaTypeId": MEDIA_TYPE_IDS[state["media_type"]], "isOutbound": state["outbound"],
            "outboundStrategy": STRATEGIES[state["outbound_strategy"]], "campaignId": state["campaign"],
            # Inbound skills are refused without both, whatever the spec says: always sent.
            "serviceLevelThreshold": state["service_level"]["time"],
            "serviceLevelGoal": state["service_level"]["threshold"],
            "initialPriority": state["priority"]["initial"], "acceleration": state["priority"]["acceleration"],
            "maxPriority": state["priority"]["max"],
            "enableShortAbandon": state["short_abandon"]["enabled"],
            "shortAbandonThreshold": state["short_abandon"]["threshold"],
            "countShortAbandons": state["short_abandon"]["counted"],
            "dispositions": [{"dispositionId": d, "priority": i + 1} for i, d in enumerate(state["wrapup_codes"])],
        }
        if "active" in state:
            fields["isActive"] = state["active"]
        return fields

    def everything(self, ctx, fresh=False):
        if fresh:
            ctx.directory.forget("queue")
        return [self.record(entry["raw"]) for entry in ctx.directory.all("queue")]

    def by_id(self, ctx, object_id):
        return self.record(_read_one(ctx, "/skills/%s", object_id, "skill"))

    def inactive(self, record):
        return record.raw.get("isActive") is False

    def check(self, ctx, state, current):
        if current is None:
            if state.get("campaign") is None:
                raise InputError("campaign: required to create queue %r with api=admin (a CXone skill belongs to a "
                                 "campaign: name one of the tenant's campaigns)" % state["name"])
            return
        for option in self.FIXED:
            if state[option] != current.state[option]:
                raise InputError("%s: queue %r is %s; CXone sets it when a skill is created and cannot change it "
                                 "(create another queue instead)" % (option, current.name, current.state[option]))

    def create(self, ctx, state):
        outcome = ctx.client.write_items("POST", "/skills", "skills", [self.to_api(dict(state, active=True))],
                                         ("skillsResults", "skillResults", "results"))[0]
        if not outcome.ok:
            raise outcome.error
        record = self.by_id(ctx, outcome.body["skillId"])  # read back: the answer holds only the id
        ctx.directory.put("queue", record.raw)
        return record

    def update(self, ctx, current, state):
        before, after = self.to_api(current.state), self.to_api(state)
        changed = {key: value for key, value in after.items() if before.get(key) != value}
        for fixed in ("mediaTypeId", "isOutbound", "outboundStrategy"):
            changed.pop(fixed, None)  # refused in check(): never sent
        if changed:
            ctx.client.request("PUT", "/skills/%s" % segment(current.id), json={"skill": changed})
        record = self.by_id(ctx, current.id)  # read back: what the tenant now holds
        ctx.directory.put("queue", record.raw)
        return record

    def delete(self, ctx, current):
        ctx.client.request("PUT", "/skills/%s" % segment(current.id), json={"skill": {"isActive": False}})
        ctx.directory.put("queue", dict(current.raw, isActive=False))


class DispositionStore(ObjectStore):
    """Wrap-up codes as dispositions. ``available`` is ``isActive``; state=absent deactivates.
    Disposition names may repeat: a name that matches two is refused, naming both ids."""

    defaults = {"available": True, "preview": False, "notes": ""}

    def id_of(self, raw):
        return raw["dispositionId"]

    def name_of(self, raw):
        return raw["dispositionName"]

    def from_api(self, raw):
        return {"name": raw["dispositionName"], "available": raw.get("isActive", True),
                "preview": bool(raw.get("isPreviewDisposition")), "notes": raw.get("notes") or ""}

    def to_api(self, state):
        return {"dispositionName": state["name"], "isActive": state["available"],
                "isPreviewDisposition": state["preview"], "notes": state["notes"]}

    def absent_as(self, state):
        return dict(state, available=False)  # CXone deletes no disposition: it is deactivated

    def everything(self, ctx, fresh=False):
        if fresh:
            ctx.directory.forget("wrap-up code")
        return [self.record(entry["raw"]) for entry in ctx.directory.all("wrap-up code")]

    def find(self, ctx, ident, fresh=False):
        if ident.get("id"):
            return self.by_id(ctx, ident["id"])
        found = self.named(ctx, ident["name"], fresh)
        if len(found) > 1:
            raise InputError("name: %d wrap-up codes are named %r (ids %s): give the id"
                             % (len(found), ident["name"], ", ".join(str(rec.id) for rec in found)))
        return found[0] if found else None

    def by_id(self, ctx, object_id):
        return self.record(_read_one(ctx, "/dispositions/%s", object_id, "disposition"))

    def create(self, ctx, state):
        item = {"dispositionName": state["name"], "isPreviewDisposition": state["preview"], "classificationId": 1}
        if state["notes"]:
            item["notes"] = state["notes"]
        outcome = ctx.client.write_items("POST", "/dispositions", "dispositions", [item],
                                         ("dispositionResults", "results"))[0]
        if not outcome.ok:
            raise outcome.error
        disposition_id = outcome.body["dispositionId"]
        if not state["available"]:  # a create takes no isActive
            ctx.client.request("PUT", "/dispositions/%s" % segment(disposition_id), json={"isActive": False})
        record = self.by_id(ctx, disposition_id)
        ctx.directory.put("wrap-up code", record.raw)
        return record

    def update(self, ctx, current, state):
        before, after = self.to_api(current.state), self.to_api(state)
        changed = {key: value for key, value in after.items() if before.get(key) != value}
        if changed:
            ctx.client.request("PUT", "/dispositions/%s" % segment(current.id), json=changed)
        record = self.by_id(ctx, current.id)
        ctx.directory.put("wrap-up code", record.raw)
        return record

    def delete(self, ctx, current):
        ctx.client.request("PUT", "/dispositions/%s" % segment(current.id), json={"isActive": False})
        ctx.directory.put("wrap-up code", dict(current.raw, isActive=False))


class DispositionSetStore(ItemStore):
    """Several codes by name: listed once; new ones created in array-bodied POSTs, changed
    ones updated one PUT each (the API has no batch update), each read back."""

    read_after_write = True

    def removed_item(self, item):
        return dict(item, available=False)  # CXone deletes no disposition: it is deactivated

    def __init__(self, codes):
        self.codes = codes
        self.defaults = codes.defaults

    def read(self, ctx, items):
        ctx.directory.forget("wrap-up code")
        found = {}
        for rec in self.codes.everything(ctx):
            key = rec.name.casefold()
            if key in items.spelling:
                if key in found:
                    raise InputError("codes: %d wrap-up codes are named %r (ids %s, %s): rename one in CXone"
                                     % (2, rec.name, found[key].id, rec.id))
                found[key] = rec
        items.found = found
        return {key: {k: v for k, v in rec.state.items() if k != "name"} for key, rec in found.items()}

    def write(self, ctx, items, actions):
        applied, failed = [], []
        adds = [(action, key, item) for action, key, item in actions if action == "add"]
        if adds:
            bodies = [{"dispositionName": items.spelling[key], "isPreviewDisposition": item["preview"],
                       "classificationId": 1, **({"notes": item["notes"]} if item["notes"] else {})}
                      for _a, key, item in adds]
            outcomes = ctx.client.write_items("POST", "/dispositions", "dispositions", bodies,
                                              ("dispositionResults", "results"))
            for (action, key, item), outcome in zip(adds, outcomes):
                if not outcome.ok:
                    failed.append(outcome.failure((action, key)))
                    continue
                if not item["available"]:
                    self._put(ctx, outcome.body["dispositionId"], {"isActive": False}, (action, key), applied, failed)
                else:
                    applied.append((action, key))
        for action, key, item in actions:
            if action == "add":
                continue
            found = items.found[key]
            if action == "remove":
                body = {"isActive": False}
            else:
                before = self.codes.to_api(dict(found.state))
                after = self.codes.to_api(dict(item, name=found.name))
                body = {k: v for k, v in after.items() if before.get(k) != v}
            self._put(ctx, found.id, body, (action, key), applied, failed)
        return applied, failed

    @staticmethod
    def _put(ctx, disposition_id, body, label, applied, failed):
        outcome = ctx.client.send_all([{"method": "PUT", "path": "/dispositions/%s" % segment(disposition_id),
                                        "body": body}])[0]
        if outcome.ok:
            applied.append(label)
        else:
            failed.append(outcome.failure(label))


def skill_assignments(ctx, skill_ids):
    """The assignments of many skills, ``SKILL_QUERY_LIMIT`` skills a read; each read follows
    paging when the answer pages (the emulator answers in one page: a choice)."""
    found = []
    for _start, ids in chunks(list(skill_ids), SKILL_QUERY_LIMIT):
        found.extend(ctx.client.paginate("/skills/agents", params={"skills": ",".join(str(i) for i in ids)},
                                         key="agentSkillAssignments"))
    return found


class AssignmentStore(ItemStore):
    """Queue members as skill assignments ``{proficiency, active}``, read for many skills at
    once and written per skill in array-bodied requests with per-item results."""

    defaults = {"proficiency": 1, "active": True}
    read_after_write = True  # the per-item results say what was applied; a read shows what is

    def read(self, ctx, items):
        current = {}
        wanted = set(items.queue_ids)
        for entry in skill_assignments(ctx, items.queue_ids):
            if entry.get("skillId") in wanted:
                current[(entry["skillId"], entry["agentId"])] = {
                    "proficiency": entry.get("agentProficiencyValue"), "active": entry.get("isActive")}
        return current

    def write(self, ctx, items, actions):
        applied, failed = [], []
        groups = {}
        for action, key, item in actions:
            groups.setdefault((key[0], action), []).append((key, item))
        method_of = {"add": "POST", "update": "PUT", "remove": "DELETE"}
        for (skill_id, action), entries in groups.items():
            if action == "remove":
                bodies = [{"agentId": str(key[1])} for key, _item in entries]
            else:
                # isActive is optional on this side but required on the other: always sent.
                bodies = [{"agentId": str(key[1]), "proficiency": item["proficiency"], "isActive": item["active"]}
                          for key, item in entries]
            outcomes = ctx.client.write_items(method_of[action], "/skills/%s/agents" % segment(skill_id), "agents",
                                              bodies, ("agentResults", "results"))
            for (key, _item), outcome in zip(entries, outcomes):
                if outcome.ok:
                    applied.append((action, key))
                else:
                    failed.append(outcome.failure((action, key)))
        return applied, failed


class AgentSkillStore(ItemStore):
    """Users' skills as the agent-side view of skill assignments: ``{skill_id: {level, active}}``
    per user, level being the proficiency (1 best, 20 worst). Read for every skill at once;
    additions and changes go through the upsert of many agents' skills, removals are a DELETE
    per agent (nothing replaces an agent's whole set)."""

    fields = ("level", "active")
    new_item = {"level": None, "active": True}
    levels = (1, 20)
    UPSERT_LIMIT = 100  # agent x skill pairs a request

    def read_sets(self, ctx, user_ids):
        wanted = set(user_ids)
        sets = {uid: {} for uid in user_ids}
        for entry in skill_assignments(ctx, [entry["id"] for entry in ctx.directory.all("skill")]):
            if entry.get("agentId") in wanted:
                sets[entry["agentId"]][entry["skillId"]] = {
                    "level": entry.get("agentProficiencyValue"), "active": entry.get("isActive")}
        return sets

    def write(self, ctx, items, actions):
        applied, failed = [], []
        pairs, removals = [], []
        for _action, user_id, target in actions:
            have = items.current_of(user_id)
            pairs.extend((user_id, sid, skill) for sid, skill in target.items() if have.get(sid) != skill)
            gone = [sid for sid in have if sid not in target]
            if gone:
                removals.append((user_id, gone))
        errors = {}  # user_id -> error of the first pair that failed
        for _start, chunk in chunks(pairs, self.UPSERT_LIMIT):
            details = [{"agentIds": [str(uid)],
                        "skills": [{"skillId": str(sid), "proficiency": skill["level"], "isActive": skill["active"]}]}
                       for uid, sid, skill in chunk]
            outcomes = ctx.client.write_items("POST", "/agents/skills", "agentAndSkillDetails", details,
                                              ("skillResults", "results"))
            for (uid, _sid, _skill), outcome in zip(chunk, outcomes):
                if not outcome.ok:
                    errors.setdefault(uid, outcome)
        for user_id, gone in removals:
            outcomes = ctx.client.write_items("DELETE", "/agents/%s/skills" % segment(user_id), "skills",
                                              [{"skillId": str(sid)} for sid in gone], ("skillResults", "results"))
            for outcome in outcomes:
                if not outcome.ok:
                    errors.setdefault(user_id, outcome)
        for action, user_id, _target in actions:
            if user_id in errors:
                failed.append(errors[user_id].failure((action, user_id)))
            else:
                applied.append((action, user_id))
        return applied, failed


class ActivityStore:
    """Live load from skill activity: waiting = queueCount, interacting = contactsActive,
    oldest wait = serverTime - earliestQueueTime, available agents."""

    def observe(self, ctx, ids):
        found = {}
        for _start, chunk in chunks(ids, SKILL_QUERY_LIMIT):
            resp = ctx.client.request("POST", "/skills/activity/search", json={"filter": {"skillIds": chunk}},
                                      idempotent=True)
            for row in (resp.body or {}).get("skillActivity") or []:
                found[row.get("skillId")] = {
                    "waiting": int(row.get("queueCount") or 0),
                    "interacting": int(row.get("contactsActive") or 0),
                    "oldest_wait_seconds": _seconds_between(row.get("earliestQueueTime"), row.get("serverTime")),
                    # The search answer spells it agentsAvaliable in the generated spec: read both.
                    "available_agents": int(row.get("agentsAvailable", row.get("agentsAvaliable")) or 0),
                }
        return found


def _seconds_between(start, end):
    try:
        first = datetime.fromisoformat(str(start).replace("Z", "+00:00"))
        last = datetime.fromisoformat(str(end).replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return 0
    return max(0, int((last - first).total_seconds()))


WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


def _hms(value):
    """A time of day as ``HH:MM:SS`` (the API may answer ``HH:MM``)."""
    text = str(value or "")
    return text + ":00" if len(text) == 5 else text


class OutboundScheduleStore(ObjectStore):
    """Campaign schedules as the dialing hours of a campaign's outbound skills
    (``/skills/{id}/parameters/schedule-settings``): one window per weekday, a weekday not
    declared is inactive, ``status`` is ``isScheduled``. A schedule is named by its outbound
    skill; CXone creates none by itself (the skill is created with cxone_queue)."""

    def __init__(self, resource, campaign_id):
        super().__init__(resource)
        self.campaign_id = campaign_id

    def id_of(self, raw):
        return raw["skill"]["skillId"]

    def name_of(self, raw):
        return raw["skill"]["skillName"]

    def from_api(self, raw):
        settings = raw["settings"]
        windows = [{"day": day, "start": _hms(settings.get(day.lower() + "StartTime")),
                    "end": _hms(settings.get(day.lower() + "EndTime"))}
                   for day in WEEKDAYS if settings.get(day.lower() + "IsActive")]
        return {"name": raw["skill"]["skillName"], "windows": windows,
                "status": "ACTIVE" if settings.get("isScheduled") else "INACTIVE"}

    def to_api(self, state):
        settings = {"isScheduled": state["status"] == "ACTIVE"}
        by_day = {window["day"]: window for window in state["windows"] or []}
        for day in WEEKDAYS:
            window = by_day.get(day)
            settings[day.lower() + "IsActive"] = window is not None
            if window is not None:
                settings[day.lower() + "StartTime"] = window["start"]
                settings[day.lower() + "EndTime"] = window["end"]
        return settings

    def absent_as(self, state):
        # The nearest CXone has to deleting a schedule: the skill stays, without dialing hours and
        # not scheduled. campaign_season reads "no dialing hours" as its own off-season state.
        return dict(state, status="INACTIVE", windows=[])

    def input_problems(self, state):
        days = [window.get("day") for window in state.get("windows") or [] if isinstance(window, dict)]
        twice = sorted({day for day in days if days.count(day) > 1}, key=str)
        if twice:
            return ["windows: CXone keeps one window a weekday on an outbound skill; %s listed more than once"
                    % ", ".join(str(day) for day in twice)]
        return []

    def _skills(self, ctx, fresh=False):
        if fresh:
            ctx.directory.forget("queue")
        return [entry["raw"] for entry in ctx.directory.all("queue")
                if entry["raw"].get("campaignId") == self.campaign_id and entry["raw"].get("isOutbound")]

    def _with_settings(self, ctx, skill):
        settings = ctx.client.request("GET", "/skills/%s/parameters/schedule-settings" % segment(skill["skillId"]))
        return self.record({"skill": skill, "settings": _one(settings.body or {}, "scheduleSettings")})

    def everything(self, ctx, fresh=False):
        return [self._with_settings(ctx, skill) for skill in self._skills(ctx, fresh)]

    def named(self, ctx, name, fresh=False):
        wanted = name.casefold()
        return [self._with_settings(ctx, skill) for skill in self._skills(ctx, fresh)
                if skill["skillName"].casefold() == wanted]

    def by_id(self, ctx, object_id):
        found = [skill for skill in self._skills(ctx) if str(skill["skillId"]) == str(object_id)]
        return self._with_settings(ctx, found[0]) if found else None

    def check(self, ctx, state, current):
        if current is None:
            campaign = ctx.directory.label("campaign", self.campaign_id)
            raise InputError("name: campaign %s has no outbound skill named %r; CXone keeps dialing hours on an "
                             "outbound skill: create it with cxone_queue (outbound: true, campaign: %s)"
                             % (campaign, state["name"], campaign))

    def update(self, ctx, current, state):
        before = dict(current.raw["settings"])
        for key, value in before.items():
            if key.endswith("Time"):
                before[key] = _hms(value)
        changed = {key: value for key, value in self.to_api(state).items() if before.get(key) != value}
        if changed:
            ctx.client.request("PUT", "/skills/%s/parameters/schedule-settings" % segment(current.id),
                               json={"scheduleSettings": changed})
        return self._with_settings(ctx, current.raw["skill"])  # read back: what the tenant now holds


class UnavailableCodeStore(ObjectStore):
    """Unavailable codes (``/unavailable-codes``): ``active`` is ``isActive``, ``acw`` is
    ``isACW``, ``agent_timeout`` is ``agentTimeout`` (seconds). No DELETE: state=absent
    deactivates. The list does not carry ``notes``: a code a task manages is read whole."""

    defaults = {"active": True, "acw": False, "agent_timeout": None, "notes": ""}

    def id_of(self, raw):
        return raw["id"]

    def name_of(self, raw):
        return raw["name"]

    def from_api(self, raw):
        return {"name": raw["name"], "active": raw.get("isActive", True), "acw": bool(raw.get("isACW")),
                "agent_timeout": raw.get("agentTimeout"), "notes": raw.get("notes")}

    def to_api(self, state):
        return {"name": state["name"], "isActive": state["active"], "isACW": state["acw"],
                "agentTimeout": state["agent_timeout"], "notes": state["notes"] or ""}

    def absent_as(self, state):
        return dict(state, active=False)  # CXone deletes no unavailable code: it is deactivated

    def everything(self, ctx, fresh=False):
        if fresh:
            ctx.directory.forget("unavailable code")
        return [self.record(entry["raw"]) for entry in ctx.directory.all("unavailable code")]

    def find(self, ctx, ident, fresh=False):
        if ident.get("id"):
            return self.by_id(ctx, ident["id"])
        found = self.named(ctx, ident["name"], fresh)
        return self.by_id(ctx, found[0].id) if found else None  # whole, with its notes

    def by_id(self, ctx, object_id):
        return self.record(_read_one(ctx, "/unavailable-codes/%s", object_id, "unavailableCode"))

    def create(self, ctx, state):
        body = {key: value for key, value in self.to_api(state).items() if key != "isActive"}
        if body["agentTimeout"] is None:
            del body["agentTimeout"]
        # A create whose answer was lost is found by name before any second one (names are unique).
        code_id = ctx.client.request("POST", "/unavailable-codes", json=body, idempotent=False).body["id"]
        if not state["active"]:  # a create takes no isActive
            ctx.client.request("PUT", "/unavailable-codes/%s" % segment(code_id),
                               json={"name": state["name"], "isActive": False})
        record = self.by_id(ctx, code_id)
        ctx.directory.put("unavailable code", record.raw)
        return record

    def update(self, ctx, current, state):
        before, after = self.to_api(current.state), self.to_api(state)
        changed = {key: value for key, value in after.items() if before.get(key) != value}
        if changed:
            # The name is required in every PUT.
            ctx.client.request("PUT", "/unavailable-codes/%s" % segment(current.id),
                               json=dict(changed, name=after["name"]))
        record = self.by_id(ctx, current.id)
        ctx.directory.put("unavailable code", record.raw)
        return record


def _upper_snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", str(name or "")).upper()


class AgentStateStore:
    """Agent states on CXone: READY is Available, NOT_READY is Unavailable with an unavailable
    code as its reason (``outStateId``). Other states (LoggedOut, on a contact) are read, never
    set; a logged-out agent cannot be set at all. CXone has no real-time shift or break status,
    so no compliance check is possible here."""

    settable = ("READY", "NOT_READY")
    default_reason = {"READY": None, "NOT_READY": None}
    checks_compliance = False
    NAMES = {"Available": "READY", "Unavailable": "NOT_READY"}

    def _state(self, ctx, raw):
        raw = raw or {}
        name = raw.get("agentStateName")
        code = raw.get("outStateId") if name == "Unavailable" else None
        reason = ctx.directory.label("unavailable code", code) if code not in (None, 0, "") else None
        return {"state": self.NAMES.get(name) or _upper_snake(name or "LoggedOut"), "reason_code": reason,
                "since": raw.get("startDate")}

    def read(self, ctx, user_id):
        body = ctx.client.request("GET", "/agents/%s/states" % segment(user_id)).body or {}
        states = body.get("agentStates") or [body]
        return self._state(ctx, states[0])

    def read_many(self, ctx, user_ids):
        body = ctx.client.request("GET", "/agents/states").body or {}
        by_agent = {raw.get("agentId"): raw for raw in body.get("agentStates") or []}
        return {uid: self._state(ctx, by_agent.get(uid)) for uid in user_ids}

    def check_settable(self, ctx, user_id, current, target):
        """Rules of CXone before any write: a logged-out agent cannot be set; a reason is an
        unavailable code (resolved here, so an unknown one fails before the write)."""
        if current["state"] == "LOGGED_OUT":
            raise InputError("user: %s is logged out; CXone sets no state for a logged-out agent (nothing was "
                             "written)" % ctx.directory.label("user", user_id))
        if target["reason_code"] is not None:
            ctx.directory.resolve("unavailable code", target["reason_code"], "reason_code")

    def write(self, ctx, user_id, target):
        body = {"state": "Available" if target["state"] == "READY" else "Unavailable"}
        if target["reason_code"] is not None:
            body["outStateId"] = ctx.directory.resolve("unavailable code", target["reason_code"], "reason_code")
        ctx.client.request("POST", "/agents/%s/state" % segment(user_id), json=body)
        return self.read(ctx, user_id)  # the answer has no body: read back

    @staticmethod
    def refusal(exc):
        return None  # CXone has no policy refusals; reasons are resolved before the write


class HoursProfileStore(ObjectStore):
    """Hours-of-operation profiles (``/hours-of-operation``). The list carries names only: a
    profile is read whole. A write sends the whole week and every holiday (the API takes
    nothing less); DELETE deletes."""

    defaults = {"description": "", "holidays": [], "queues": []}

    def id_of(self, raw):
        return raw["hoursOfOperationProfileId"]

    def name_of(self, raw):
        return raw["hoursOfOperationProfileName"]

    def from_api(self, raw):
        days = []
        for day in raw.get("days") or []:
            closed = bool(day.get("isClosedAllDay"))
            extra = bool(day.get("hasAdditionalHours")) and not closed
            days.append({"day": str(day.get("day", "")).upper(), "closed": closed,
                         "open": None if closed else _hms(day.get("openTime")),
                         "close": None if closed else _hms(day.get("closeTime")),
                         "additional_open": _hms(day.get("additionalOpenTime")) if extra else None,
                         "additional_close": _hms(day.get("additionalCloseTime")) if extra else None})
        holidays = [{"name": h.get("holidayName") or "", "date": h.get("date"),
                     "closed": bool(h.get("isClosedAllDay")),
                     "open": None if h.get("isClosedAllDay") else _hms(h.get("openTime")),
                     "close": None if h.get("isClosedAllDay") else _hms(h.get("closeTime"))}
                    for h in raw.get("holidays") or []]
        return {"name": raw["hoursOfOperationProfileName"], "description": raw.get("description") or "",
                "days": days, "holidays": holidays, "queues": [s["skillId"] for s in raw.get("skills") or []]}

    def to_api(self, state):
        days = []
        for day in state["days"]:
            entry = {"day": day["day"].title(), "isClosedAllDay": day["closed"]}
            if not day["closed"]:
                entry.update(openTime=day["open"], closeTime=day["close"],
                             hasAdditionalHours=day["additional_open"] is not None)
                if day["additional_open"] is not None:
                    entry.update(additionalOpenTime=day["additional_open"], additionalCloseTime=day["additional_close"])
            days.append(entry)
        holidays = []
        for holiday in state.get("holidays") or []:
            entry = {"holidayName": holiday["name"], "date": holiday["date"], "isClosedAllDay": holiday["closed"]}
            if not holiday["closed"]:
                entry.update(openTime=holiday["open"], closeTime=holiday["close"])
            holidays.append(entry)
        return {"description": state.get("description") or "", "days": days, "holidays": holidays,
                "skills": [{"skillId": skill_id} for skill_id in state.get("queues") or []]}

    def _summaries(self, ctx):
        return ctx.client.paginate("/hours-of-operation", params={"isDeleted": "false"}, key="hoursOfOperation")

    def everything(self, ctx, fresh=False):
        return [self.by_id(ctx, summary["hoursOfOperationProfileId"]) for summary in self._summaries(ctx)]

    def named(self, ctx, name, fresh=False):
        wanted = name.casefold()
        return [self.by_id(ctx, summary["hoursOfOperationProfileId"]) for summary in self._summaries(ctx)
                if str(summary.get("hoursOfOperationProfileName", "")).casefold() == wanted]

    def by_id(self, ctx, object_id):
        return self.record(_read_one(ctx, "/hours-of-operation/%s", object_id, "hoursOfOperationProfile"))

    def create(self, ctx, state):
        body = dict(self.to_api(state), profileName=state["name"])
        answer = ctx.client.request("POST", "/hours-of-operation", json=body).body or {}
        return self.by_id(ctx, answer["profileId"])

    def update(self, ctx, current, state):
        body = dict(self.to_api(state), hoursOfOperationProfileName=state["name"])
        ctx.client.request("PUT", "/hours-of-operation/%s" % segment(current.id), json=body)
        return self.by_id(ctx, current.id)

    def delete(self, ctx, current):
        ctx.client.request("DELETE", "/hours-of-operation/%s" % segment(current.id))
