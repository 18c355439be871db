# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users' routing skills (``cxone_user_skill``): the ``assignments`` option, the queue
level-range check, and the SetReconciler variant whose item is a user's whole skill set.

The unit of work is one user: key = user id, item = ``{skill_id: {level, start, end}}``.
Each write sends the user's complete set, the skills the task does not mention included
(the surface's store says how).
"""

from __future__ import annotations

import datetime
from typing import Optional

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import changes_result, read_result
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import SetReconciler, only_changing
from ansible_collections.cxone.cxone.plugins.module_utils._time import instant
from ansible_collections.cxone.cxone.plugins.module_utils._validation import Field, Options, validate
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import ItemSet, exported_fields, require_list, without_nulls


class AssignmentOptions(Options):
    user: str = Field(min_length=1)
    skill: str = Field(min_length=1)
    level: Optional[int] = Field(None, ge=1)  # the highest is the surface's (store.levels)
    start: Optional[str] = None
    end: Optional[str] = None
    active: Optional[bool] = None


def utc_timestamp(value, option):
    """An ISO 8601 date-time with an offset, in the API's form (``2024-05-15T10:30:00.000Z``).

    The server answers in UTC with milliseconds, so input is brought to that form
    before comparing: a rerun compares equal whatever offset the task was written in.
    """
    if value is None:
        return None
    parsed = instant(value)
    if parsed is None:
        raise InputError("%s: %r is not an ISO 8601 date-time with a UTC offset or Z (such as 2024-05-15T10:30:00Z)"
                         % (option, value))
    parsed = parsed.astimezone(datetime.timezone.utc)
    return parsed.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (parsed.microsecond // 1000)


def _resolve(ctx, kind, ref, option, cache):
    """Directory resolution, once per distinct reference."""
    if ref not in cache:
        cache[ref] = ctx.directory.resolve(kind, ref, option)
    return cache[ref]


class UserSkillSet(ItemSet):
    """The skill sets of the users a task names, keyed by user id, for the SetReconciler.
    The sets written are read back (only those users): the result shows the dates as the
    server stored them."""

    kind = "user skills"
    module = "cxone_user_skill"
    key_name = "user"
    result_key = "users"
    diff_entry_key = "user_id"  # the diff: users whose skills change
    export_fields = ("user", "skill", "level", "start", "end", "active")

    def __init__(self, ctx, user_ids, where=None):
        super().__init__(ctx)
        self.user_ids = list(user_ids)
        self.where = where or {}     # (user_id, skill_id) -> index in assignments, for messages
        self._last = {}
        self._written = None         # None: nothing read yet

    @classmethod
    def from_task(cls, ctx, assignments, state):
        """The set type and ``{user_id: {skill_id: {level, start, end}}}`` from the
        ``assignments`` option; every entry validated and resolved, every problem listed."""
        require_list(assignments, "assignments")
        store = ctx.surface.store("user skills")
        unsupported = ctx.surface.unsupported("user skills")
        desired, where, problems = {}, {}, []
        users, skills = {}, {}
        for index, entry in enumerate(assignments):
            option = "assignments[%d]" % index
            if state == "absent":
                entry = dict(entry, level=None, start=None, end=None, active=None)  # ignored when removing
            try:
                unsupported.refuse(entry, option + ".")
                opts = validate(AssignmentOptions, entry, option).model_dump()
                if state == "present" and opts["level"] is None:
                    raise InputError("%s.level: required with state=present" % option)
                if opts["level"] is not None and opts["level"] > store.levels[1]:
                    raise InputError("%s.level: %r is above %s" % (option, opts["level"], store.levels[1]))
                start = utc_timestamp(opts["start"], option + ".start")
                end = utc_timestamp(opts["end"], option + ".end")
                if start and end and end <= start:
                    raise InputError("%s.end: %s is not after start %s" % (option, end, start))
                user_id = _resolve(ctx, "user", opts["user"], option + ".user", users)
                skill_id = _resolve(ctx, "skill", opts["skill"], option + ".skill", skills)
            except InputError as exc:
                problems.append(str(exc).replace("invalid input: ", ""))
                continue
            if (user_id, skill_id) in where:
                problems.append("%s: user %s, skill %s is already given in assignments[%d]"
                                % (option, opts["user"], opts["skill"], where[(user_id, skill_id)]))
                continue
            where[(user_id, skill_id)] = index
            values = dict(opts, start=start, end=end)
            desired.setdefault(user_id, {})[skill_id] = {field: values[field] for field in store.fields}
        if problems:
            raise InputError("invalid input: " + "; ".join(problems))
        return cls(ctx, list(desired), where), desired

    # ---- what the SetReconciler asks of an item set type

    def read(self, ctx):
        """Every listed user's set the first time; afterwards only the users written
        since (the others cannot have changed by this task's hand)."""
        users = self.user_ids if self._written is None else [u for u in self.user_ids if u in self._written]
        fresh = self.store.read_sets(ctx, users)
        self._last = {**self._last, **fresh}
        self._written = set()
        return dict(self._last)

    def current_of(self, user_id):
        """The user's skill set as last read."""
        return self._last.get(user_id, {})

    def write(self, ctx, actions):
        if self._written is not None:
            self._written.update(user_id for _action, user_id, _skills in actions)
        return self.store.write(ctx, self, actions)

    def show_key(self, ctx, key):
        return ctx.directory.label("user", key)

    def show_skills(self, ctx, skills):
        shown = [dict(skills[sid], skill=ctx.directory.label("skill", sid)) for sid in skills]
        return sorted(shown, key=lambda s: s["skill"].casefold())

    def show_all(self, ctx, items):
        shown = [{"user": self.show_key(ctx, uid), "user_id": uid, "skills": self.show_skills(ctx, skills)}
                 for uid, skills in items.items()]
        return sorted(shown, key=lambda u: u["user"].casefold())

    def describe(self, ctx):
        return "skills of %d user(s)" % len(self.user_ids)


def flat_assignments(shown_users):
    """Users as shown by ``show_all`` -> entries of the ``assignments`` option."""
    return [dict(skill, user=user["user"]) for user in shown_users for skill in user["skills"]]


def check_queue_levels(ctx, queue_ref, desired, where):
    """Every level the task sets, against the queue's routing strategy; one error listing
    every violation. A skill the strategy does not name is not constrained."""
    queue_id = ctx.directory.resolve("queue", queue_ref, "queue")
    ranges = ctx.surface.store("user skills").level_ranges(ctx, queue_id)
    violations = []
    for user_id, skills in desired.items():
        for skill_id, want in skills.items():
            low, high = ranges.get(skill_id, (1, 5))
            if not low <= want["level"] <= high:
                violations.append((where[(user_id, skill_id)], "assignments[%d]: user %s, skill %s: level %d is outside %d-%d"
                                   % (where[(user_id, skill_id)], ctx.directory.label("user", user_id),
                                      ctx.directory.label("skill", skill_id), want["level"], low, high)))
    if violations:
        raise InputError("queue %s: its routing strategy does not allow %d assignment(s): %s"
                         % (ctx.directory.label("queue", queue_id), len(violations),
                            "; ".join(text for _index, text in sorted(violations))))


class UserSkillReconciler(SetReconciler):
    """SetReconciler whose item is a user's whole skill set: every action is one PUT of
    the complete set, and the result says which skills were added, updated and removed
    per user."""

    def plan(self, current, desired, state, exclusive):
        actions, problems = [], []
        for user_id, wanted in desired.items():
            have = current.get(user_id, {})
            if state == "absent":
                target = {sid: s for sid, s in have.items() if sid not in wanted}
            else:
                target = {} if exclusive else dict(have)
                for skill_id, want in wanted.items():
                    old = have.get(skill_id) or self.items.store.new_item
                    # What an entry leaves out (start/end, active) is not managed: keep what the skill has.
                    target[skill_id] = {k: old[k] if want[k] is None else want[k] for k in self.items.store.fields}
                    problems.extend(self._range_problem(user_id, skill_id, target[skill_id]))
            if target != have:
                actions.append(("update", user_id, target))
        if problems:
            raise InputError("invalid input: " + "; ".join(problems))
        return actions

    def _range_problem(self, user_id, skill_id, skill):
        if skill.get("start") and skill.get("end") and skill["end"] <= skill["start"]:
            index = self.items.where[(user_id, skill_id)]
            yield ("assignments[%d]: user %s, skill %s would have end %s not after start %s "
                   "(one of them is the skill's current value; set both)"
                   % (index, self.ctx.directory.label("user", user_id), self.ctx.directory.label("skill", skill_id),
                      skill["end"], skill["start"]))

    def _result(self, before, after):
        ctx, items = self.ctx, self.items
        changed = {"added": {}, "updated": {}, "removed": {}}
        for user_id in sorted(after, key=lambda uid: items.show_key(ctx, uid).casefold()):
            old, new = before.get(user_id, {}), after[user_id]
            changes = {
                "added": [sid for sid in new if sid not in old],
                "updated": [sid for sid in new if sid in old and new[sid] != old[sid]],
                "removed": [sid for sid in old if sid not in new],
            }
            for what, skill_ids in changes.items():
                if skill_ids:
                    names = [ctx.directory.label("skill", sid) for sid in skill_ids]
                    changed[what][items.show_key(ctx, user_id)] = sorted(names, key=str.casefold)
        users = items.show_all(ctx, after)
        diff = None
        if ctx.diff_mode:  # the users whose skills change (the result lists them all)
            shown_before, shown_after = only_changing(items.show_all(ctx, before), users, items.diff_entry_key)
            diff = ({"users": shown_before}, {"users": shown_after})
        return changes_result(ctx, changed["added"], changed["updated"], changed["removed"], diff, users=users)


def export(ctx):
    """One ``cxone_user_skill`` entry for every user that has skills (exclusive per user when the
    export was asked so, ``ctx.params``)."""
    users = sorted(ctx.directory.all("user"), key=lambda u: (ctx.directory.label("user", u["id"]).casefold(), u["id"]))
    items = UserSkillSet(ctx, [user["id"] for user in users])
    assignments = flat_assignments(items.show_all(ctx, items.read(ctx)))
    if not assignments:
        return []
    return [{"exclusive": bool(ctx.params.get("exclusive")),
             "assignments": [without_nulls({k: a.get(k) for k in exported_fields(ctx, UserSkillSet)}) for a in assignments]}]


def read(ctx, refs):
    """The info module's result: the skill sets of the users ``refs`` names (every user when None)."""
    if refs is None:
        user_ids = [user["id"] for user in ctx.directory.all("user")]
    else:
        user_ids = ctx.directory.resolve_all("user", refs, "users")
    items = UserSkillSet(ctx, user_ids)
    users = items.show_all(ctx, items.read(ctx))
    return read_result(users=users, assignments=flat_assignments(users))


def reconcile(ctx):
    """The whole run of ``cxone_user_skill``."""
    p = ctx.params
    ctx.surface.unsupported("user skills").refuse({"queue": p["queue"]})
    items, desired = UserSkillSet.from_task(ctx, p["assignments"], p["state"])
    if p["queue"] and p["state"] == "present":
        check_queue_levels(ctx, p["queue"], desired, items.where)
    return UserSkillReconciler(ctx, items).run(desired, p["state"], p["exclusive"])
