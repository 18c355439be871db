# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The v2 surface's item stores (docs/api/v2.md): queue members, wrap-up codes by
name, users' skill sets, agent states and queue load. Writes go through the client's
``send_all`` (the batch endpoint, 50 operations a request)."""

from __future__ import annotations

import re

from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import chunks
from ansible_collections.cxone.cxone.plugins.module_utils.resources.user_skill import utc_timestamp
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WRAPUP_CODE
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ItemStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2 import paths
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.objects import WrapupCodeStore


class MemberStore(ItemStore):
    kind = "queue members"
    keeps = ("routing_type", "split", "after_hours_available")
    defaults = {"routing_type": "ROUTED", "split": 100, "after_hours_available": False}
    # A PUT sends all three settings (omitted ones would be reset): a member is exactly
    # what was written.
    read_after_write = False

    def read(self, ctx, items):
        current = {}
        for queue_id in items.queue_ids:
            for m in ctx.client.paginate(paths.queue_members(queue_id)):
                current[(queue_id, m["userId"])] = {
                    "routing_type": m.get("routingType"),
                    "split": m.get("split"),
                    "after_hours_available": m.get("afterHoursAvailable"),
                }
        return current

    def operation(self, items, action, key, item):
        queue_id, user_id = key
        if action == "remove":
            return {"method": "DELETE", "path": paths.queue_member(queue_id, user_id)}
        body = {"routingType": item["routing_type"], "split": item["split"],
                "afterHoursAvailable": item["after_hours_available"]}
        if action == "add":
            return {"method": "POST", "path": paths.queue_members(queue_id), "body": dict(body, userId=user_id)}
        return {"method": "PUT", "path": paths.queue_member(queue_id, user_id), "body": body}


class WrapupCodeItemStore(ItemStore):
    """Codes by name: listed once; a code PUT needs no If-Match, so it may go in a batch."""

    kind = "wrap-up codes"

    read_after_write = False  # a PUT or POST sends the whole code

    def __init__(self):
        self.codes = WrapupCodeStore(WRAPUP_CODE)  # the payload mapping of one code
        self.defaults = self.codes.defaults
        self.found = {}  # case-folded name -> the Record last read: what a write updates

    def read(self, ctx, items):
        listed = (self.codes.record(raw) for raw in ctx.client.paginate(paths.WRAPUP_CODES))
        self.found = {rec.name.casefold(): rec for rec in listed if rec.name.casefold() in items.spelling}
        return {key: {name: value for name, value in rec.state.items() if name != "name"}
                for key, rec in self.found.items()}

    def operation(self, items, action, key, item):
        if action == "add":
            return {"method": "POST", "path": paths.WRAPUP_CODES,
                    "body": self.codes.to_api(dict(item, name=items.spelling[key]))}
        found = self.found[key]
        path = paths.item(paths.WRAPUP_CODES, found.id)
        if action == "remove":
            return {"method": "DELETE", "path": path}
        return {"method": "PUT", "path": path, "body": self.codes.to_api(dict(item, name=found.name))}


def skill_set_from_api(body):
    skills = {}
    for entry in body.get("skills") or []:
        rng = entry.get("effectiveDateRange") or {}
        skills[entry["id"]] = {
            "level": entry.get("level"),
            "start": utc_timestamp(rng.get("start"), "start"),
            "end": utc_timestamp(rng.get("end"), "end"),
        }
    return skills


def skill_set_to_api(skills):
    return {"skills": [
        {"id": sid, "level": s["level"], "effectiveDateRange": {"start": s["start"], "end": s["end"]}}
        for sid, s in sorted(skills.items())
    ]}


class UserSkillStore(ItemStore):
    """``PUT /users/{id}/skills`` replaces the user's whole set: one PUT per user."""

    kind = "user skills"
    keeps = ("level", "start", "end", "queue")  # queue: the routing strategy whose level ranges are checked

    fields = ("level", "start", "end")
    new_item = {"level": None, "start": None, "end": None}
    levels = (1, 5)

    def read_sets(self, ctx, user_ids):
        """``{user_id: {skill_id: {level, start, end}}}``: one GET per user, 50 to a batch request."""
        bodies = ctx.client.get_all([paths.user_skills(uid) for uid in user_ids])
        return {uid: skill_set_from_api(body or {}) for uid, body in zip(user_ids, bodies)}

    def operation(self, items, action, key, item):
        return {"method": "PUT", "path": paths.user_skills(key), "body": skill_set_to_api(item)}

    @staticmethod
    def level_ranges(ctx, queue_id):
        """``{skill_id: (lowest, highest)}`` the queue's routing strategy allows."""
        strategy = ctx.client.get(paths.queue_routing_strategy(queue_id)) or {}
        return {s["skillId"]: (s["minLevel"], s["maxLevel"])
                for s in (strategy.get("routing") or {}).get("skills") or []}


class AgentStateStore:
    """Agent states as ``{state, reason_code, since}``; shift and break facts for the
    compliance checks."""

    kind = "agent state"

    # The contract's default reason of each state. It is sent explicitly, so the result
    # does not depend on which code the tenant marks as its default.
    default_reason = {"READY": "WORKING", "NOT_READY": "BREAK", "PAUSED": "ADHOC", "IDLE": "SYSTEM_IDLE"}
    settable = tuple(default_reason)
    checks_compliance = True  # the contract has the shift schedule and the break status

    def check_settable(self, ctx, user_id, current, target):
        """The contract's own rules are checked by the tenant (and the compliance check)."""

    @staticmethod
    def _state(body):
        body = body or {}
        return {"state": body.get("state"), "reason_code": body.get("reasonCode"), "since": body.get("since")}

    def read(self, ctx, user_id):
        return self._state(ctx.client.get(paths.user_state(user_id)))

    def read_many(self, ctx, user_ids):
        """``{user_id: state}``, 50 users to a batch request."""
        bodies = ctx.client.get_all([paths.user_state(uid) for uid in user_ids])
        return {uid: self._state(body) for uid, body in zip(user_ids, bodies)}

    def write(self, ctx, user_id, target):
        body = ctx.client.post(paths.user_state(user_id), {"state": target["state"], "reasonCode": target["reason_code"]})
        return self._state(body)

    @staticmethod
    def refusal(exc):
        """``("policy", violation)`` or ``("reason", None)`` when the tenant refused the write
        for one of those causes, else None."""
        if not isinstance(exc, APIError):
            return None
        if exc.status == 409 and exc.code == "policy.violation":
            match = re.match(r"\s*([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b", exc.description or "")  # the sub-code starts it
            return ("policy", match.group(1) if match else "POLICY_VIOLATION")
        if exc.status == 400 and "reasonCode" in (exc.description or ""):
            return ("reason", None)
        return None

    @staticmethod
    def shift(ctx, user_id):
        body = ctx.client.get(paths.user_shift_schedule(user_id)) or {}
        return {"status": body.get("status"), "start": body.get("shiftStart"), "end": body.get("shiftEnd")}

    @staticmethod
    def break_status(ctx, user_id):
        body = ctx.client.get(paths.user_break_status(user_id)) or {}
        return {"required": body.get("mandatoryBreakRequired"), "start": body.get("breakStart"),
                "end": body.get("breakEnd")}


class QueueLoadStore:
    """The analytics observations query: read only (a POST that changes nothing, so it is
    safe to send again), 1 to 100 queue ids a query."""

    kind = "queue load"

    QUERY_LIMIT = 100

    def observe(self, ctx, ids):
        """``{queue_id: {waiting, interacting, oldest_wait_seconds, available_agents}}``."""
        found = {}
        for _start, chunk in chunks(ids, self.QUERY_LIMIT):
            body = ctx.client.post(paths.QUEUE_OBSERVATIONS, {"queueIds": chunk}, idempotent=True) or {}
            for result in body.get("results") or []:
                found[result.get("queueId")] = {
                    "waiting": result.get("waiting", 0),
                    "interacting": result.get("interacting", 0),
                    "oldest_wait_seconds": result.get("oldestWaitSeconds", 0),
                    "available_agents": result.get("availableAgents", 0),
                }
        return found
