# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Queue members (``cxone_queue_member``): one queue's members or several queues'
(``memberships``), keyed by (queue id, user id), read once and written together."""

from __future__ import annotations

from typing import Literal, Optional

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import SetReconciler
from ansible_collections.cxone.cxone.plugins.module_utils._validation import Field, Options, validate
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import ItemSet, exported_fields, require_list, without_nulls
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import ROUTING_TYPES

MEMBER_FIELDS = ("routing_type", "split", "after_hours_available", "proficiency", "active")


class MemberOptions(Options):
    user: str = Field(min_length=1)
    routing_type: Optional[Literal[ROUTING_TYPES]] = None
    split: Optional[int] = Field(None, ge=1, le=100)
    after_hours_available: Optional[bool] = None
    proficiency: Optional[int] = Field(None, ge=1, le=20)
    active: Optional[bool] = None


class MemberSet(ItemSet):
    """The members of one or several queues.

    ``by_queue``: the memberships form (several queues in one task): changes are shown as
    "queue: user" and the end state as one entry per queue; otherwise as one queue's members."""

    kind = "queue members"
    module = "cxone_queue_member"
    export_fields = ("user",) + MEMBER_FIELDS

    def __init__(self, ctx, queue_ids, by_queue=False):
        super().__init__(ctx)
        self.queue_ids = list(queue_ids)
        self.by_queue = by_queue
        self.key_name = "membership" if by_queue else "user"
        self.result_key = "memberships" if by_queue else "members"
        self.diff_entry_key = "queue_id" if by_queue else None  # the diff: queues whose members change
        self.rules = {}  # queue id -> (state, exclusive) of its entry

    def rule_for(self, key, state, exclusive):
        return self.rules.get(key[0], (state, exclusive))

    @classmethod
    def from_task(cls, ctx, params):
        """The item set and ``{(queue_id, user_id): fields}`` of a task's ``queue``/``members``
        or ``memberships``; every queue and user resolved first."""
        task_rule = (params["state"], params["exclusive"])
        if params["memberships"] is None:
            entries = [(params["queue"], params["members"], task_rule, "queue", "members")]
        else:
            require_list(params["memberships"], "memberships")
            entries = []
            for index, entry in enumerate(params["memberships"]):
                # An entry's own state and exclusive win over the task's.
                rule = (entry.get("state") or params["state"],
                        params["exclusive"] if entry.get("exclusive") is None else entry["exclusive"])
                entries.append((entry["queue"], entry["members"] or [], rule, "memberships[%d].queue" % index,
                                "memberships[%d].members" % index))
        unsupported = ctx.surface.unsupported("queue members")
        for _queue, members, _rule, _queue_option, members_option in entries:  # before any request
            for index, member in enumerate(members if isinstance(members, list) else []):
                if isinstance(member, dict):
                    unsupported.refuse(member, "%s[%d]." % (members_option, index))
        queue_ids, desired, rules = [], {}, {}
        for queue, members, rule, queue_option, members_option in entries:
            if not members and rule != ("present", True):
                require_list(members, members_option,
                             "; set exclusive: true with state: present to remove every member")
            queue_id = ctx.directory.resolve("queue", queue, queue_option)
            if queue_id in queue_ids:
                raise InputError("%s: %r is listed more than once" % (queue_option, ctx.directory.label("queue", queue_id)))
            queue_ids.append(queue_id)
            rules[queue_id] = rule
            desired.update(cls.desired(ctx, queue_id, members, members_option))
        items = cls(ctx, queue_ids, by_queue=params["memberships"] is not None)
        items.rules = rules
        return items, desired

    @staticmethod
    def desired(ctx, queue_id, members, option="members"):
        """``{(queue_id, user_id): fields}`` from a ``members`` list; every user resolved first."""
        wanted = {}
        for index, entry in enumerate(members):  # options the surface lacks: refused in from_task
            where = "%s[%d]" % (option, index)
            opts = validate(MemberOptions, entry, where).model_dump()
            user_id = ctx.directory.resolve("user", opts.pop("user"), where + ".user")
            if (queue_id, user_id) in wanted:
                raise InputError("%s.user: %r is listed more than once" % (where, ctx.directory.label("user", user_id)))
            wanted[(queue_id, user_id)] = opts
        return wanted

    def show_key(self, ctx, key):
        user = ctx.directory.label("user", key[1])
        return "%s: %s" % (ctx.directory.label("queue", key[0]), user) if self.by_queue else user

    @staticmethod
    def _by_queue(ctx, items):
        """``{queue_id: [member shown, ...]}`` sorted by user: one pass over the items."""
        grouped = {}
        for (qid, uid), item in items.items():
            grouped.setdefault(qid, []).append(dict(item, user=ctx.directory.label("user", uid), user_id=uid))
        for members in grouped.values():
            members.sort(key=lambda m: m["user"].casefold())
        return grouped

    def show_all(self, ctx, items):
        grouped = self._by_queue(ctx, items)
        if not self.by_queue:
            return grouped.get(self.queue_ids[0], [])
        return [{"queue": ctx.directory.label("queue", qid), "queue_id": qid, "members": grouped.get(qid, [])}
                for qid in self.queue_ids]

    def describe(self, ctx):
        names = ", ".join(ctx.directory.label("queue", qid) for qid in self.queue_ids)
        return "members of queues %s" % names if self.by_queue else "queue %s members" % names

    @classmethod
    def export(cls, ctx, queue_names):
        """One ``cxone_queue_member`` entry per queue, members sorted by user, ``exclusive`` as the
        export was asked (``ctx.params``); every queue's members read in one pass (one read of
        many skills on the admin API)."""
        items = cls(ctx, [ctx.directory.resolve("queue", name, "queue") for name in queue_names], by_queue=True)
        fields = exported_fields(ctx, cls)
        exclusive = bool(ctx.params.get("exclusive"))
        # An additive entry without members declares nothing: only an exclusive one says "none".
        return [{"queue": name, "exclusive": exclusive,
                 "members": [without_nulls({key: member.get(key) for key in fields}) for member in entry["members"]]}
                for name, entry in zip(queue_names, items.show_all(ctx, items.read(ctx)))
                if exclusive or entry["members"]]


def reconcile(ctx):
    """The whole run of ``cxone_queue_member``."""
    items, desired = MemberSet.from_task(ctx, ctx.params)
    return SetReconciler(ctx, items).run(desired, ctx.params["state"], ctx.params["exclusive"])


def read(ctx, queue):
    """The info module's result: one queue's members."""
    items = MemberSet(ctx, [ctx.directory.resolve("queue", queue, "queue")])
    return read_result(members=items.show_all(ctx, items.read(ctx)))
