# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Agent state (``cxone_agent_state``, ``cxone_agent_state_info``): set one agent's state,
with the tenant's workforce rules checked before the write, and read many agents' states.
The surface's agent-state store reads and writes states as ``{state, reason_code, since}``.

The state is not an object with create/update/delete, so it has its own small
cycle here: read -> compare -> (only when a write is needed) compliance reads ->
check mode stops -> one POST -> report. A POST whose outcome is unknown is never
sent again: the state is read once more and the task reports what happened.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Literal, Optional

from ansible_collections.cxone.cxone.plugins.module_utils._errors import (
    APIError,
    CXoneError,
    InputError,
    TransportError,
    outcome_unknown,
)
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import module_result, read_result
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import differences
from ansible_collections.cxone.cxone.plugins.module_utils._time import instant
from ansible_collections.cxone.cxone.plugins.module_utils._validation import Field, Options, field_validator, pick, validate

STATES = ("READY", "NOT_READY", "PAUSED", "IDLE")
# States in which an agent takes no interactions: what the idle summary counts.
IDLE_STATES = ("IDLE", "PAUSED", "NOT_READY")

NOT_SCHEDULED = "AGENT_NOT_SCHEDULED"
BREAK_VIOLATION = "MANDATORY_BREAK_VIOLATION"
ADVICE = {
    NOT_SCHEDULED: "Give the agent an active shift in the schedule first, or leave the state alone until the shift starts.",
    BREAK_VIOLATION: "Set READY after the break ends; until then the agent may be NOT_READY (for example reason BREAK).",
}


class PolicyViolation(CXoneError):
    """The tenant's workforce rules forbid the change. Raised by the module's own
    compliance check, or from the server's ``409 policy.violation``; nothing else is one."""

    def __init__(self, violation, who, state, facts=None, refusal=None):
        message = "%s: %s cannot be set to %s: %s." % (violation, who["label"], state, _reason(violation, facts))
        if refusal is not None:
            message += " The tenant refused the change (%s)." % refusal
        message += " " + ADVICE.get(violation, "Check the agent's schedule and breaks.")
        super().__init__(message)
        self.details = {"violation": violation, "checked_by": "tenant" if refusal is not None else "module"}


class StateWriteFailed(CXoneError):
    """The state POST failed with an error that is not a policy violation (5xx, network)."""

    def __init__(self, message, cause):
        super().__init__(message)
        self.details = {"status": cause.status, "code": cause.code}


def _window(what, start, end):
    if not start and not end:
        return " (no %s window set)" % what
    return " (%s window %s to %s)" % (what, start or "?", end or "?")


def _reason(violation, facts):
    """Why, in a supervisor's words; ``facts`` is the shift (``{status, start, end}``) or the
    break (``{required, start, end}``) read, None when unknown."""
    if violation == NOT_SCHEDULED:
        if not facts:
            return "the agent has no active shift"
        return "the agent's shift schedule is %s%s" % (facts.get("status") or "not set",
                                                       _window("shift", facts.get("start"), facts.get("end")))
    if violation == BREAK_VIOLATION:
        if not facts:
            return "the agent is due a mandatory break"
        return "the agent is due a mandatory break%s" % _window("break", facts.get("start"), facts.get("end"))
    return "the tenant's policy forbids it"


# ---- validation --------------------------------------------------------------

class AgentStateOptions(Options):
    user: str = Field(min_length=1)
    state: Literal[STATES]
    reason_code: Optional[str] = None
    enforce_compliance: Optional[bool] = None  # None: check where the API can be asked

    @field_validator("reason_code")
    @classmethod
    def _not_blank(cls, value):
        # Whether a code exists is the tenant's answer (its list is not in the API); empty is never one.
        if value is not None and not value.strip():
            raise ValueError("must not be empty (leave it out for the state's default reason)")
        return value


OPTIONS = ("user", "state", "reason_code", "enforce_compliance")


# ---- shared pieces ---------------------------------------------------------------

def managed(state):
    """The part of a state that the module manages and diffs."""
    return {"state": state.get("state"), "reason_code": state.get("reason_code")}


def seconds_since(timestamp, now=None):
    when = instant(timestamp, assume_utc=True)
    if when is None:
        return None
    elapsed = ((now or datetime.now(timezone.utc)) - when).total_seconds()
    return max(0, int(elapsed))  # the tenant's clock may run a little ahead of this host's


def who(ctx, user_id):
    user = ctx.directory.by_id("user", user_id) or {}
    email = user.get("email") or user_id
    name = user.get("name")
    return {"id": user_id, "email": email, "name": name,
            "label": "%s <%s>" % (name, email) if name else email}


def show(ctx, user_id, state):
    """One agent's state as modules return it; ``since`` None = not known yet (check mode)."""
    person = who(ctx, user_id)
    since = state.get("since")
    return {"user": person["email"], "user_id": user_id, "name": person["name"],
            "state": state.get("state"), "reason_code": state.get("reason_code"),
            "since": since, "seconds_in_state": seconds_since(since)}


# ---- cxone_agent_state ------------------------------------------------------------

# Why a surface whose store does not check compliance refuses enforce_compliance (the module
# docs say it from here: tests/support/module_docs.py).
NO_COMPLIANCE_CHECK = ("CXone has no real-time shift or break status to check a state against; leave it out (or "
                       "false) to set states without a check")


def set_agent_state(ctx):
    opts = validate(AgentStateOptions, pick(ctx.params, OPTIONS))
    store = ctx.surface.store("agent state")
    api = ctx.surface.name
    if opts.state not in store.settable:
        raise InputError("state: %s does not exist with api=%s; CXone sets READY (Available) or NOT_READY "
                         "(Unavailable, reason_code an unavailable code)" % (opts.state, api))
    if opts.enforce_compliance and not store.checks_compliance:
        raise InputError("enforce_compliance: not available with api=%s: %s" % (api, NO_COMPLIANCE_CHECK))
    if opts.state == "READY" and opts.reason_code and store.default_reason["READY"] is None:
        raise InputError("reason_code: not available with api=%s for state READY (Available has no reason)" % api)
    enforce = store.checks_compliance if opts.enforce_compliance is None else opts.enforce_compliance
    user_id = ctx.directory.resolve("user", opts.user, "user")
    target = {"state": opts.state, "reason_code": opts.reason_code or store.default_reason[opts.state]}
    current = store.read(ctx, user_id)
    before = managed(current)
    if not differences(target, before):
        return _result(ctx, user_id, before, current, store)
    store.check_settable(ctx, user_id, current, target)
    if enforce:
        check_compliance(ctx, store, user_id, target["state"])
    if ctx.check_mode:
        return _result(ctx, user_id, before, dict(target, since=None), store)
    return _result(ctx, user_id, before, _write(ctx, store, user_id, target), store)


def check_compliance(ctx, store, user_id, state):
    """Raise PolicyViolation before any write, in the server's order of checks.

    The break status only matters for READY, so it is read only then."""
    shift = store.shift(ctx, user_id)
    if shift.get("status") != "ACTIVE":
        raise PolicyViolation(NOT_SCHEDULED, who(ctx, user_id), state, shift)
    if state == "READY":
        status = store.break_status(ctx, user_id)
        if status.get("required"):
            raise PolicyViolation(BREAK_VIOLATION, who(ctx, user_id), state, status)


def _write(ctx, store, user_id, target):
    """Write the state once. A failure whose outcome is unknown is settled by reading
    the state again: done -> success; not done -> the failure is reported, not retried
    (the task can simply be run again)."""
    try:
        return store.write(ctx, user_id, target)
    except APIError as exc:
        refusal = store.refusal(exc)
        if refusal and refusal[0] == "policy":
            raise _server_violation(ctx, store, user_id, target["state"], refusal[1], exc) from None
        if refusal and refusal[0] == "reason":
            raise InputError("reason_code: the tenant does not accept %r (%s). Reason codes are the tenant's own "
                             "and case-sensitive." % (target["reason_code"], exc)) from None
        if not outcome_unknown(exc):
            raise
        failure = exc
    except TransportError as exc:
        if not exc.maybe_applied:
            raise
        failure = exc
    try:
        now = store.read(ctx, user_id)
    except (APIError, TransportError) as read_failure:
        raise StateWriteFailed("%s. Reading the state again failed too (%s), so whether the change was applied is "
                               "unknown; check the agent and run the task again." % (failure, read_failure),
                               failure) from None
    if not differences(target, managed(now)):
        return now
    raise StateWriteFailed("%s. The state read again afterwards is still %s/%s: the change was not applied and was "
                           "not retried; run the task again." % (failure, now.get("state"), now.get("reason_code")),
                           failure)


def _server_violation(ctx, store, user_id, state, violation, exc):
    facts = None
    reader = {NOT_SCHEDULED: store.shift, BREAK_VIOLATION: store.break_status}.get(violation)
    if reader is not None:
        try:
            facts = reader(ctx, user_id)
        except (APIError, TransportError):
            pass  # only for the message; the read needs a right the login may not have
    refusal = "HTTP %s %s: %s" % (exc.status, exc.code, exc.description or "")
    return PolicyViolation(violation, who(ctx, user_id), state, facts, refusal)


def _result(ctx, user_id, before, after_state, store):
    after = managed(after_state)
    result = module_result(ctx, before != after, (before, after), agent_state=show(ctx, user_id, after_state))
    if not store.checks_compliance:
        result["compliance"] = ("not checked: CXone has no real-time shift or break status, so no schedule or "
                                "break rule was checked")
    return result


# ---- cxone_agent_state_info ---------------------------------------------------------

def agent_states(ctx, refs=None):
    """The info module's result: each agent's state and the idle summary.
    ``refs`` None = every active user."""
    if refs is None:
        user_ids = [u["id"] for u in ctx.directory.all("user") if u.get("active") is not False]
    else:
        user_ids = ctx.directory.resolve_all("user", refs, "users")
    states = ctx.surface.store("agent state").read_many(ctx, user_ids)
    agents = sorted((show(ctx, uid, states[uid]) for uid in user_ids), key=lambda a: a["user"].casefold())
    by_state = dict.fromkeys(STATES, 0)
    for agent in agents:
        by_state[agent["state"]] = by_state.get(agent["state"], 0) + 1
    idle_users = [a["user"] for a in agents if a["state"] in IDLE_STATES]
    summary = {"total": len(agents), "by_state": by_state, "idle": len(idle_users), "idle_users": idle_users}
    return read_result(agents=agents, summary=summary)
