# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resource definitions: for each API resource, how its options are validated
(pydantic), how it maps to and from the API payload, how it is found by name,
and which calls create, update and delete it."""

from __future__ import annotations

from typing import List, Literal, Optional

try:
    from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
except ImportError:
    # Lets this file load without pydantic; CXoneModule fails the task with
    # missing_required_lib before any model is used.
    BaseModel = object
    ValidationError = ValueError

    def ConfigDict(**kwargs):  # pylint: disable=invalid-name
        return kwargs

    def Field(*args, **kwargs):  # pylint: disable=invalid-name,unused-argument
        return None

    def model_validator(**kwargs):  # pylint: disable=unused-argument
        return lambda method: method

from ansible_collections.cxone.cxone.plugins.module_utils import _paths as paths
from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError


# ---- validation ------------------------------------------------------------

class Options(BaseModel):
    """Base of the option models: unknown keys are errors, None means 'not managed'."""

    # defer_build: a model's validator is built when it first validates, not when this
    # file is imported (a task validates one or two of the models, not all of them).
    model_config = ConfigDict(extra="forbid", defer_build=True)


def _location(loc, prefix):
    text = prefix
    for part in loc:
        if isinstance(part, int):
            text += "[%d]" % part
        else:
            text += ("." if text else "") + str(part)
    return text or "input"


def _describe(error, prefix):
    where = _location(error["loc"], prefix)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    kind = error["type"]
    if kind == "greater_than_equal":
        return "%s: %r is below %s" % (where, value, ctx["ge"])
    if kind == "less_than_equal":
        return "%s: %r is above %s" % (where, value, ctx["le"])
    if kind == "too_long":
        return "%s: %d items given, at most %s allowed" % (where, ctx.get("actual_length", len(value)), ctx["max_length"])
    if kind == "too_short":
        return "%s: at least %s item(s) required" % (where, ctx["min_length"])
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return "%s: %s (got %r)" % (where, message, value) if kind != "value_error" else "%s: %s" % (where, message)


def validate(model, data, prefix=""):
    """Validate ``data`` with ``model``; one InputError that lists every problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InputError("invalid input: " + "; ".join(_describe(err, prefix) for err in exc.errors())) from None


def pick(params, names):
    return {name: params.get(name) for name in names}


# ---- the shape every object type shares ---------------------------------------

class ObjectType:
    """A named object with create / update / delete calls. Subclasses fill in the
    payload mapping and the paths; the reconciler drives the cycle."""

    kind = ""            # as shown in messages, and the directory kind
    result_key = ""      # key of the end state in the module result
    collection = ""      # collection path
    set_fields = ()      # lists compared as sets
    defaults = {}        # option-space values of a new object, as the API defaults them
    nested_defaults = {}  # values of a dict option that is unset now, when the task sets part of it
    versioned = False    # updates need If-Match: <version>
    # Kinds the directory knows are listed whole once per task (the listing also
    # resolves references to them); others are looked up with the API's name filter.
    listed_by_directory = True

    def everything(self, ctx, fresh=False):
        if not self.listed_by_directory:
            return ctx.client.paginate(self.collection)
        if fresh:
            ctx.directory.forget(self.kind)
        return ctx.directory.all(self.kind)

    def named(self, ctx, name, fresh=False):
        """The objects called ``name`` (compared case-insensitively, as the API does)."""
        wanted = name.casefold()
        if self.listed_by_directory:
            candidates = self.everything(ctx, fresh)
        else:
            candidates = ctx.client.paginate(self.collection, params={"name": name})
        return [obj for obj in candidates if obj.get("name", "").casefold() == wanted]

    def find(self, ctx, ident, fresh=False):
        if ident.get("id"):
            return ctx.client.get_or_none(paths.item(self.collection, ident["id"]))
        found = self.named(ctx, ident["name"], fresh)
        return found[0] if found else None

    def check_name_free(self, ctx, state, current_api):
        """A rename onto a name another object has is refused before any write."""
        if current_api is None or current_api["name"].casefold() == state["name"].casefold():
            return
        taken = [obj for obj in self.named(ctx, state["name"]) if obj["id"] != current_api["id"]]
        if taken:
            raise InputError("name: another %s is named %r (id %s)" % (self.kind, taken[0]["name"], taken[0]["id"]))

    def from_api(self, obj):
        raise NotImplementedError

    def to_api(self, state):
        raise NotImplementedError

    def normalize(self, state):
        return state

    def check(self, ctx, state, current_api):
        """Rules that span the whole object or other objects; raise InputError."""

    def show(self, ctx, state):
        """The state as a person reads it (ids of other objects shown by name)."""
        return state

    def create(self, ctx, state):
        result = ctx.client.post(self.collection, self.to_api(state))
        ctx.directory.forget(self.kind)
        return result

    def update(self, ctx, current_api, state):
        headers = {"If-Match": str(current_api["version"])} if self.versioned else None
        result = ctx.client.put(paths.item(self.collection, current_api["id"]), self.to_api(state), headers=headers)
        ctx.directory.forget(self.kind)
        return result

    def delete(self, ctx, current_api):
        ctx.client.delete(paths.item(self.collection, current_api["id"]))
        ctx.directory.forget(self.kind)

    def list_shown(self, ctx, name=None):
        """Every object (or the one named), shown as option-space dicts with their id."""
        objects = self.named(ctx, name) if name else self.everything(ctx)
        shown = [dict(self.show(ctx, self.from_api(obj)), id=obj["id"]) for obj in objects]
        return sorted(shown, key=lambda item: (item["name"].casefold(), item["id"]))


# ---- queues ----------------------------------------------------------------------

Proficiency = Literal["beginner", "intermediate", "advanced", "expert"]


class SkillRequirement(Options):
    skill: str = Field(min_length=1)
    proficiency: Proficiency
    required: bool = True


class ServiceLevel(Options):
    threshold: Optional[int] = Field(None, ge=0, le=100)
    time: Optional[int] = Field(None, ge=1, le=300)


class Overflow(Options):
    enabled: Optional[bool] = None
    target: Optional[str] = Field(None, min_length=1)
    wait_time: Optional[int] = Field(None, ge=30, le=600)


class QueueOptions(Options):
    name: Optional[str] = Field(None, min_length=1)
    description: Optional[str] = None
    skill_requirements: Optional[List[SkillRequirement]] = Field(None, max_length=10)
    service_level: Optional[ServiceLevel] = None
    overflow: Optional[Overflow] = None
    max_wait_time: Optional[int] = Field(None, ge=10, le=600)
    max_waiters: Optional[int] = Field(None, ge=1)

    @model_validator(mode="after")
    def _unique_skills(self):
        names = [req.skill.casefold() for req in self.skill_requirements or []]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError("skill_requirements: skill %s is listed more than once" % ", ".join(repeated))
        return self


class QueueType(ObjectType):
    kind = "queue"
    result_key = "queue"
    collection = paths.QUEUES
    set_fields = ("skill_requirements",)
    versioned = True
    defaults = {
        "description": "",
        "skill_requirements": [],
        "service_level": {"threshold": 80, "time": 30},
        "overflow": None,
        "max_wait_time": 300,
        "max_waiters": 50,
    }
    nested_defaults = {"overflow": {"enabled": True, "target": None, "wait_time": 60}}
    OPTIONS = ("name", "description", "skill_requirements", "service_level", "overflow", "max_wait_time", "max_waiters")

    def desired(self, ctx, params):
        opts = validate(QueueOptions, pick(params, self.OPTIONS)).model_dump()
        for index, req in enumerate(opts["skill_requirements"] or []):
            # The API takes skill names; use the tenant's own spelling so a rerun compares equal.
            skill_id = ctx.directory.resolve("skill", req["skill"], "skill_requirements[%d].skill" % index)
            req["skill"] = ctx.directory.by_id("skill", skill_id)["name"]
        overflow = opts["overflow"]
        if overflow and overflow["target"] is not None:
            overflow["target"] = ctx.directory.resolve("queue", overflow["target"], "overflow.target")
        return opts

    def from_api(self, obj):
        overflow = obj.get("overflow")
        level = obj.get("serviceLevelTarget") or {}
        return self.normalize({
            "name": obj["name"],
            "description": obj.get("description", ""),
            "skill_requirements": [
                {"skill": r["skill"], "proficiency": r["proficiency"], "required": r["required"]}
                for r in obj.get("skillRequirements") or []
            ],
            "service_level": {"threshold": level.get("threshold"), "time": level.get("time")},
            "overflow": None if overflow is None else {
                "enabled": overflow.get("enabled"),
                "target": overflow.get("targetId"),
                "wait_time": overflow.get("waitTime"),
            },
            "max_wait_time": obj.get("maxWaitTime"),
            "max_waiters": obj.get("maxWaiters"),
        })

    def to_api(self, state):
        overflow = state.get("overflow")
        return {
            "name": state["name"],
            "description": state["description"],
            "skillRequirements": state["skill_requirements"],
            "serviceLevelTarget": state["service_level"],
            "overflow": None if overflow is None else {
                "enabled": overflow["enabled"],
                "targetId": overflow["target"],
                "waitTime": overflow["wait_time"],
            },
            "maxWaitTime": state["max_wait_time"],
            "maxWaiters": state["max_waiters"],
        }

    def normalize(self, state):
        state["skill_requirements"] = sorted(state.get("skill_requirements") or [],
                                             key=lambda r: r["skill"].casefold())
        return state

    def check(self, ctx, state, current_api):
        overflow = state.get("overflow")
        if not overflow or not overflow["enabled"]:
            return
        target = overflow["target"]
        if target is None:
            raise InputError("overflow.target: required while overflow is enabled")
        own_id = current_api["id"] if current_api else None
        if target == own_id or (own_id is None and ctx.directory.label("queue", target).casefold()
                                == state["name"].casefold()):
            raise InputError("overflow.target: queue %r cannot overflow to itself" % state["name"])
        if own_id is None:
            return  # a new queue: nothing can overflow to it yet, so no cycle
        edges = {}
        for queue in ctx.directory.all("queue"):
            flow = queue.get("overflow") or {}
            if flow.get("enabled") and flow.get("targetId"):
                edges[queue["id"]] = flow["targetId"]
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
        if state.get("overflow"):
            shown["overflow"] = dict(state["overflow"], target=ctx.directory.label("queue", state["overflow"]["target"]))
        return shown


# ---- wrap-up codes ---------------------------------------------------------------

class WrapupCodeOptions(Options):
    name: Optional[str] = Field(None, min_length=1)
    available: Optional[bool] = None
    routing_type: Optional[Literal["ROUTED", "MANUAL"]] = None
    wrap_up_type: Optional[Literal["CALL", "CHAT", "EMAIL", "ALL"]] = None


class WrapupCodeType(ObjectType):
    kind = "wrap-up code"
    result_key = "wrapup_code"
    collection = paths.WRAPUP_CODES
    # Found with the API's name filter: one request, not every page of the codes (a
    # code task runs once per code, e.g. 20 times in peak mode).
    listed_by_directory = False
    defaults = {"available": True, "routing_type": "ROUTED", "wrap_up_type": "ALL"}
    OPTIONS = ("name", "available", "routing_type", "wrap_up_type")

    def desired(self, ctx, params):
        return validate(WrapupCodeOptions, pick(params, self.OPTIONS)).model_dump()

    def from_api(self, obj):
        return {
            "name": obj["name"],
            "available": obj.get("available"),
            "routing_type": obj.get("routingType"),
            "wrap_up_type": obj.get("wrapUpType"),
        }

    def to_api(self, state):
        return {
            "name": state["name"],
            "available": state["available"],
            "routingType": state["routing_type"],
            "wrapUpType": state["wrap_up_type"],
        }


QUEUE = QueueType()
WRAPUP_CODE = WrapupCodeType()


class WrapupCodeSet:
    """The wrap-up codes a task lists, keyed by their case-folded name, for the SetReconciler:
    the codes are listed once and the writes go through the batch endpoint (a code PUT needs
    no If-Match, so it may). Codes the task does not list are never touched or shown."""

    key_name = "code"
    result_key = "wrapup_codes"
    set_fields = ()
    use_batch = True
    read_after_write = False  # a code is exactly what was written (a PUT or POST sends all of it)
    defaults = WrapupCodeType.defaults

    def __init__(self):
        self._spelling = {}  # key -> the name as the task gives it (used to create the code)
        self._found = {}     # key -> the code as listed (its id, the tenant's spelling of the name)

    def desired(self, codes, shared):
        """``{key: options}`` from the ``codes`` option; ``shared`` (the task's own options) fills
        what an entry leaves unset. The name is the key, compared case-insensitively: not an
        option to compare (an existing code keeps the tenant's spelling)."""
        wanted = {}
        for index, entry in enumerate(codes):
            where = "codes[%d]" % index
            merged = {name: shared.get(name) if entry.get(name) is None else entry[name]
                      for name in WrapupCodeType.OPTIONS}
            opts = validate(WrapupCodeOptions, merged, where).model_dump()
            key = opts["name"].casefold()
            if key in wanted:
                raise InputError("%s.name: %r is listed more than once" % (where, entry["name"]))
            self._spelling[key] = opts.pop("name")
            wanted[key] = opts
        return wanted

    def read(self, ctx):
        listed = (code for code in ctx.client.paginate(paths.WRAPUP_CODES) if code["name"].casefold() in self._spelling)
        self._found = {code["name"].casefold(): code for code in listed}
        return {key: self._options(WRAPUP_CODE.from_api(code)) for key, code in self._found.items()}

    @staticmethod
    def _options(state):
        return {name: state[name] for name in WrapupCodeType.OPTIONS if name != "name"}

    def operation(self, action, key, item):
        if action == "add":
            return {"method": "POST", "path": paths.WRAPUP_CODES,
                    "body": WRAPUP_CODE.to_api(dict(item, name=self._spelling[key]))}
        path = paths.item(paths.WRAPUP_CODES, self._found[key]["id"])
        if action == "remove":
            return {"method": "DELETE", "path": path}
        return {"method": "PUT", "path": path, "body": WRAPUP_CODE.to_api(dict(item, name=self._found[key]["name"]))}

    def show_key(self, ctx, key):
        return (self._found.get(key) or {}).get("name") or self._spelling[key]

    def show_all(self, ctx, items):
        # Without ids: those of new codes are not known without reading again (check mode
        # could not show them at all), and the diff stays the same in check mode and for real.
        shown = [dict(item, name=self.show_key(ctx, key)) for key, item in items.items()]
        return sorted(shown, key=lambda code: code["name"].casefold())

    def describe(self, ctx):
        return "wrap-up codes"


# ---- queue members ---------------------------------------------------------------

class MemberOptions(Options):
    user: str = Field(min_length=1)
    routing_type: Optional[Literal["ROUTED", "MANUAL"]] = None
    split: Optional[int] = Field(None, ge=1, le=100)
    after_hours_available: Optional[bool] = None


class MemberSet:
    """The members of one or several queues, keyed by (queue id, user id), for the SetReconciler.

    ``by_queue``: the memberships form (several queues in one task): changes are shown as
    "queue: user" and the end state as one entry per queue; otherwise as one queue's members."""

    set_fields = ()
    use_batch = True
    # A member is exactly what was written (all three settings are sent): once every
    # operation succeeded, the members are known without reading them back.
    read_after_write = False
    defaults = {"routing_type": "ROUTED", "split": 100, "after_hours_available": False}
    FIELDS = ("routing_type", "split", "after_hours_available")

    def __init__(self, queue_ids, by_queue=False):
        self.queue_ids = list(queue_ids)
        self.by_queue = by_queue
        self.key_name = "membership" if by_queue else "user"
        self.result_key = "memberships" if by_queue else "members"

    @staticmethod
    def desired(ctx, queue_id, members, option="members"):
        """``{(queue_id, user_id): fields}`` from a ``members`` list; every user resolved first."""
        wanted = {}
        for index, entry in enumerate(members):
            where = "%s[%d]" % (option, index)
            opts = validate(MemberOptions, entry, where).model_dump()
            user_id = ctx.directory.resolve("user", opts.pop("user"), where + ".user")
            if (queue_id, user_id) in wanted:
                raise InputError("%s.user: %r is listed more than once" % (where, ctx.directory.label("user", user_id)))
            wanted[(queue_id, user_id)] = opts
        return wanted

    def read(self, ctx):
        current = {}
        for queue_id in self.queue_ids:
            for m in ctx.client.paginate(paths.queue_members(queue_id)):
                current[(queue_id, m["userId"])] = {
                    "routing_type": m.get("routingType"),
                    "split": m.get("split"),
                    "after_hours_available": m.get("afterHoursAvailable"),
                }
        return current

    def operation(self, action, key, item):
        queue_id, user_id = key
        if action == "remove":
            return {"method": "DELETE", "path": paths.queue_member(queue_id, user_id)}
        body = {"routingType": item["routing_type"], "split": item["split"],
                "afterHoursAvailable": item["after_hours_available"]}
        if action == "add":
            return {"method": "POST", "path": paths.queue_members(queue_id), "body": dict(body, userId=user_id)}
        return {"method": "PUT", "path": paths.queue_member(queue_id, user_id), "body": body}

    def show_key(self, ctx, key):
        user = ctx.directory.label("user", key[1])
        return "%s: %s" % (ctx.directory.label("queue", key[0]), user) if self.by_queue else user

    def _members(self, ctx, items, queue_id):
        shown = [dict(item, user=ctx.directory.label("user", uid), user_id=uid)
                 for (qid, uid), item in items.items() if qid == queue_id]
        return sorted(shown, key=lambda m: m["user"].casefold())

    def show_all(self, ctx, items):
        if not self.by_queue:
            return self._members(ctx, items, self.queue_ids[0])
        return [{"queue": ctx.directory.label("queue", qid), "queue_id": qid, "members": self._members(ctx, items, qid)}
                for qid in self.queue_ids]

    def describe(self, ctx):
        names = ", ".join(ctx.directory.label("queue", qid) for qid in self.queue_ids)
        return "members of queues %s" % names if self.by_queue else "queue %s members" % names
