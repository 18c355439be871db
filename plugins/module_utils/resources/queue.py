# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Routing queues (``cxone_queue``): options, the overflow rules (no self-target, no
cycle), how a queue is shown and exported (overflow targets first)."""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter
from typing import List, Literal, Optional

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import ObjectListReconciler, reconcile_object
from ansible_collections.cxone.cxone.plugins.module_utils._validation import Field, Options, model_validator, option_names, repeated
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import (
    ObjectResource,
    exported_fields,
    require_list,
    without_nulls,
)

PROFICIENCIES = ("beginner", "intermediate", "advanced", "expert")
MEDIA_TYPES = ("email", "chat", "phone", "voicemail", "work_item", "sms", "social", "digital")
OUTBOUND_STRATEGIES = ("manual", "personal_connection")


class SkillRequirement(Options):
    skill: str = Field(min_length=1)
    proficiency: Literal[PROFICIENCIES]
    required: bool = True


class ServiceLevel(Options):
    threshold: Optional[int] = Field(None, ge=0, le=100)
    time: Optional[int] = Field(None, ge=1, le=300)


class Overflow(Options):
    enabled: Optional[bool] = None
    target: Optional[str] = Field(None, min_length=1)
    wait_time: Optional[int] = Field(None, ge=30, le=600)


class Priority(Options):
    initial: Optional[int] = Field(None, ge=0, le=1000)
    acceleration: Optional[int] = Field(None, ge=0, le=1000)
    max: Optional[int] = Field(None, ge=1, le=1000)


class ShortAbandon(Options):
    enabled: Optional[bool] = None
    threshold: Optional[int] = Field(None, ge=0, le=3600)
    counted: Optional[bool] = None


class QueueOptions(Options):
    name: Optional[str] = Field(None, min_length=1)
    description: Optional[str] = None
    skill_requirements: Optional[List[SkillRequirement]] = Field(None, max_length=10)
    service_level: Optional[ServiceLevel] = None
    overflow: Optional[Overflow] = None
    max_wait_time: Optional[int] = Field(None, ge=10, le=600)
    max_waiters: Optional[int] = Field(None, ge=1)
    media_type: Optional[Literal[MEDIA_TYPES]] = None
    campaign: Optional[str] = Field(None, min_length=1)
    outbound: Optional[bool] = None
    outbound_strategy: Optional[Literal[OUTBOUND_STRATEGIES]] = None
    priority: Optional[Priority] = None
    short_abandon: Optional[ShortAbandon] = None
    wrapup_codes: Optional[List[str]] = None
    require_wrapup_code: Optional[bool] = None

    @model_validator(mode="after")
    def _unique_codes(self):
        twice = repeated([code.casefold() for code in self.wrapup_codes or []])
        if twice:
            raise ValueError("wrapup_codes: %s listed more than once" % ", ".join(twice))
        return self

    @model_validator(mode="after")
    def _unique_skills(self):
        twice = repeated([req.skill.casefold() for req in self.skill_requirements or []])
        if twice:
            raise ValueError("skill_requirements: skill %s is listed more than once" % ", ".join(twice))
        return self


class QueueResource(ObjectResource):
    kind = "queue"
    module = "cxone_queue"
    result_key = "queue"
    options = option_names(QueueOptions)
    model = QueueOptions
    set_fields = ("skill_requirements",)
    export_fields = options

    def desired(self, ctx, params, prefix="", created_here=()):
        """``created_here``: case-folded names of queues this task creates before this one; an
        overflow target among them that does not exist yet (check mode) stays its name."""
        opts = super().desired(ctx, params, prefix)
        where = prefix + "." if prefix else ""
        for index, req in enumerate(opts["skill_requirements"] or []):
            # Use the tenant's own spelling of the skill so a rerun compares equal.
            skill_id = ctx.directory.resolve("skill", req["skill"], "%sskill_requirements[%d].skill" % (where, index))
            req["skill"] = ctx.directory.by_id("skill", skill_id)["name"]
        if opts["campaign"] is not None:
            opts["campaign"] = ctx.directory.resolve("campaign", opts["campaign"], where + "campaign")
        if opts["wrapup_codes"] is not None:
            # Order is priority: kept as given. References become ids; shown by name.
            opts["wrapup_codes"] = [ctx.directory.resolve("wrap-up code", code, "%swrapup_codes[%d]" % (where, index))
                                    for index, code in enumerate(opts["wrapup_codes"])]
        overflow = opts["overflow"]
        if overflow and overflow["target"] is not None:
            target = overflow["target"]
            if target.casefold() in created_here and ctx.directory.find("queue", target) is None:
                return opts
            overflow["target"] = ctx.directory.resolve("queue", target, where + "overflow.target")
        return opts

    def normalize(self, state):
        # The API keeps the requirements in the order written: they are compared as a set
        # (set_fields), shown sorted, and written in the tenant's order unless they change.
        state["skill_requirements"] = list(state.get("skill_requirements") or [])
        return state

    def check(self, ctx, state, current):
        overflow = state.get("overflow")
        if not overflow or not overflow["enabled"]:
            return
        target = overflow["target"]
        if target is None:
            raise InputError("overflow.target: required while overflow is enabled")
        own_id = current.id if current else None
        if target == own_id or (own_id is None and ctx.directory.label("queue", target).casefold()
                                == state["name"].casefold()):
            raise InputError("overflow.target: queue %r cannot overflow to itself" % state["name"])
        if own_id is None:
            return  # a new queue: nothing can overflow to it yet, so no cycle
        edges = {}
        for queue in self.store(ctx).everything(ctx):
            flow = queue.state.get("overflow") or {}
            if flow.get("enabled") and flow.get("target"):
                edges[queue.id] = flow["target"]
        edges[own_id] = target
        chain = [own_id]
        node = target
        while node in edges and node not in chain:
            chain.append(node)
            node = edges[node]
        if node == own_id:
            names = " -> ".join(ctx.directory.label("queue", q) for q in chain + [own_id])
            raise InputError("overflow.target: %r would close an overflow cycle: %s"
                             % (ctx.directory.label("queue", target), names))

    def show(self, ctx, state):
        shown = dict(state)
        if state.get("skill_requirements") is not None:
            shown["skill_requirements"] = sorted(state["skill_requirements"], key=lambda r: r["skill"].casefold())
        if state.get("overflow"):
            shown["overflow"] = dict(state["overflow"], target=ctx.directory.label("queue", state["overflow"]["target"]))
        if state.get("campaign") is not None:
            shown["campaign"] = ctx.directory.label("campaign", state["campaign"])
        if state.get("wrapup_codes") is not None:
            shown["wrapup_codes"] = [ctx.directory.label("wrap-up code", code) for code in state["wrapup_codes"]]
        return shown

    def export(self, ctx):
        """Every queue as ``cxone_queue`` options, each overflow target before the queues
        that overflow to it (the order an empty tenant can be built in)."""
        queues = []
        for shown in self.list_shown(ctx):
            queue = {key: shown.get(key) for key in exported_fields(ctx, self)}
            overflow = queue.get("overflow")
            if overflow and overflow.get("target") and ctx.directory.find("queue", overflow["target"]) is None:
                ctx.warn("queue %s: its disabled overflow points to queue id %s, which no longer exists; "
                         "exported without a target" % (queue["name"], overflow["target"]))
                overflow["target"] = None
            queues.append(without_nulls(queue))
        return overflow_order(queues, ctx.warn)


def overflow_order(queues, warn):
    """``queues`` (sorted by name) reordered so that each overflow target comes first. Queues
    that overflow to each other (through a disabled overflow) keep their order, with a warning."""
    position = {q["name"].casefold(): index for index, q in enumerate(queues)}

    def cycle(names):
        warn("queues %s overflow to each other (through a disabled overflow): no order creates both "
             "on an empty tenant" % names)

    return _ordered(queues, lambda q: {_overflow_target(q)}, position, None, on_cycle=cycle)


def _overflow_target(entry):
    """The case-folded name of the queue ``entry`` overflows to ('' when none)."""
    return str((entry.get("overflow") or {}).get("target") or "").casefold()


QUEUE = QueueResource()


def reconcile(ctx):
    """The whole run of ``cxone_queue``: one queue (``name``/``id``) or several (``queues``)."""
    if ctx.params["queues"] is None:
        return reconcile_object(ctx, QUEUE)
    return ObjectListReconciler(ctx, "queues").run(queue_steps(ctx, ctx.params["queues"]))


def queue_steps(ctx, entries):
    """The steps of a ``queues`` task, every entry validated first: queues to create or update,
    each overflow target that this task creates before the queues that overflow to it,
    then the queues to delete (those that others overflow to last)."""
    require_list(entries, "queues")
    present, absent, position = [], [], {}
    for index, entry in enumerate(entries):
        key = entry["name"].casefold()
        if key in position:
            raise InputError("queues[%d].name: %r is listed more than once" % (index, entry["name"]))
        position[key] = index
        (absent if entry.get("state") == "absent" else present).append(entry)
    existing = {rec.name.casefold() for rec in QUEUE.store(ctx).everything(ctx)}
    created_here = {e["name"].casefold() for e in present} - existing
    for entry in present:  # every problem before the first write
        QUEUE.desired(ctx, entry, "queues[%d]" % position[entry["name"].casefold()], created_here)
    for entry in absent:
        QUEUE.refuse_unsupported(ctx, entry, "queues[%d]" % position[entry["name"].casefold()])

    # Only a target this task creates has to come first: existing ones are there already.
    order = _ordered(present, lambda e: {_overflow_target(e)} & created_here, position,
                     "queues %s overflow to each other and none exists yet: no order can create them; "
                     "declare one without its overflow target first")
    steps = [(QUEUE, {"name": e["name"]}, _desired_later(ctx, e, position, created_here), e["name"]) for e in order]
    # A queue others overflow to is deleted after them (the API refuses to delete it before).
    targets = {}
    for rec in QUEUE.store(ctx).everything(ctx):
        target = (rec.state.get("overflow") or {}).get("target")
        targets[rec.name.casefold()] = str(ctx.directory.label("queue", target) or "").casefold()
    gone = _ordered(absent, lambda e: {k for k, t in targets.items() if t == e["name"].casefold()}, position, None)
    steps.extend((QUEUE, {"name": e["name"]}, None, e["name"]) for e in gone)
    return steps


def _desired_later(ctx, entry, position, created_here):
    where = "queues[%d]" % position[entry["name"].casefold()]
    return lambda: QUEUE.desired(ctx, entry, where, created_here)


def _ordered(entries, needs, position, cycle_message, on_cycle=None):
    """``entries`` in declaration order, except that an entry comes after the ones it ``needs``
    (case-folded names among ``entries``). A cycle is an InputError (``cycle_message``) or,
    with None, leaves declaration order (after telling ``on_cycle`` the names)."""
    by_key = {e["name"].casefold(): e for e in entries}
    sorter = TopologicalSorter({key: needs(entry) & set(by_key) for key, entry in by_key.items()})
    try:
        sorter.prepare()
    except CycleError as exc:
        names = " -> ".join(by_key[key]["name"] for key in exc.args[1])
        if cycle_message is None:
            if on_cycle is not None:
                on_cycle(names)
            return list(entries)
        raise InputError(cycle_message % names) from None
    ordered = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.get)
        ordered.extend(by_key[key] for key in ready)
        sorter.done(*ready)
    return ordered
