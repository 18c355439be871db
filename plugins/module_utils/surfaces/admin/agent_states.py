# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Agent states (``/agents/{id}/states``, ``/agents/states``, ``/agents/{id}/state``)."""

from __future__ import annotations

import re

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import segment


def _upper_snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", str(name or "")).upper()


class AgentStateStore:
    """Agent states on CXone: READY is Available, NOT_READY is Unavailable with an unavailable
    code as its reason (``outStateId``). Other states (LoggedOut, on a contact) are read, never
    set; a logged-out agent cannot be set at all. CXone has no real-time shift or break status,
    so no compliance check is possible here."""

    kind = "agent state"

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
        # Paged like any list (the generated client has top, skip, totalRecords and _links).
        by_agent = {raw.get("agentId"): raw for raw in ctx.client.paginate("/agents/states", key="agentStates")}
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
        # NICE's QA suite (v12) sends a JSON body, the generated client (v33) query parameters: both.
        ctx.client.request("POST", "/agents/%s/state" % segment(user_id), params=body, json=body)
        return self.read(ctx, user_id)  # the answer has no body: read back

    @staticmethod
    def refusal(exc):
        return None  # CXone has no policy refusals; reasons are resolved before the write
