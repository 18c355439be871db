# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users' routing skills: the ``assignments`` option, reading many users' skill
sets through the batch endpoint, the queue routing-strategy check, and the
SetReconciler variant whose item is a user's whole skill set.

``PUT /users/{id}/skills`` replaces the user's whole set, so the unit of work is
one user: key = user id, item = ``{skill_id: {level, start, end}}``. All the
task's skills of one user go into one PUT, with the skills it does not mention.
"""

from __future__ import annotations

import datetime
from typing import Optional

from ansible_collections.cxone.cxone.plugins.module_utils import _paths as paths
from ansible_collections.cxone.cxone.plugins.module_utils._errors import ForbiddenError, InputError, api_error
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import SetReconciler
from ansible_collections.cxone.cxone.plugins.module_utils._resources import Field, Options, validate

NO_RANGE = {"start": None, "end": None}


class AssignmentOptions(Options):
    user: str = Field(min_length=1)
    skill: str = Field(min_length=1)
    level: Optional[int] = Field(None, ge=1, le=5)
    start: Optional[str] = None
    end: Optional[str] = None


def utc_timestamp(value, option):
    """An ISO 8601 date-time with an offset, in the API's form (``2024-05-15T10:30:00.000Z``).

    The server answers in UTC with milliseconds, so input is brought to that form
    before comparing: a rerun compares equal whatever offset the task was written in.
    """
    if value is None:
        return None
    text = str(value).strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"  # older Pythons' fromisoformat does not take Z
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise InputError("%s: %r is not an ISO 8601 date-time with a UTC offset or Z (such as 2024-05-15T10:30:00Z)"
                         % (option, value))
    parsed = parsed.astimezone(datetime.timezone.utc)
    return parsed.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (parsed.microsecond // 1000)


def _resolve(ctx, kind, ref, option, cache):
    """Directory resolution, once per distinct reference."""
    if ref not in cache:
        cache[ref] = ctx.directory.resolve(kind, ref, option)
    return cache[ref]


def read_skill_sets(client, user_ids, use_batch=True):
    """``({user_id: {skill_id: {level, start, end}}}, use_batch)``: one GET per user, sent
    50 to a batch request; one call each when the client lacks ``batch:write`` (then
    ``use_batch`` comes back False, so later reads and writes do not ask again)."""
    operations = [{"method": "GET", "path": paths.user_skills(uid)} for uid in user_ids]
    results = None
    if use_batch and len(operations) > 1:
        try:
            results = client.batch(operations)
        except ForbiddenError:
            use_batch = False
    if results is None:
        results = [{"status": 200, "body": client.get(op["path"])} for op in operations]
    sets = {}
    for uid, op, res in zip(user_ids, operations, results):
        status = res.get("status") or 0
        if status >= 300:
            raise api_error("GET", op["path"], status, res.get("error") or res.get("body"))
        sets[uid] = skill_set_from_api(res.get("body") or {})
    return sets, use_batch


def skill_set_from_api(body):
    skills = {}
    for entry in body.get("skills") or []:
        rng = entry.get("effectiveDateRange") or NO_RANGE
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


class UserSkillSet:
    """The skill sets of the users a task names, keyed by user id, for the SetReconciler."""

    key_name = "user"
    result_key = "users"
    set_fields = ()
    use_batch = True
    # The sets written are read back (only those users): the result shows the dates as
    # the server stored them.
    read_after_write = True

    def __init__(self, user_ids, where=None):
        self.user_ids = list(user_ids)
        self.where = where or {}     # (user_id, skill_id) -> index in assignments, for messages
        self._last = {}
        self._written = None         # None: nothing read yet

    @classmethod
    def from_task(cls, ctx, assignments, state):
        """The set type and ``{user_id: {skill_id: {level, start, end}}}`` from the
        ``assignments`` option; every entry validated and resolved, every problem listed."""
        if not assignments:
            raise InputError("assignments: the list is empty, so the task would do nothing")
        desired, where, problems = {}, {}, []
        users, skills = {}, {}
        for index, entry in enumerate(assignments):
            option = "assignments[%d]" % index
            if state == "absent":
                entry = dict(entry, level=None, start=None, end=None)  # ignored when removing
            try:
                opts = validate(AssignmentOptions, entry, option).model_dump()
                if state == "present" and opts["level"] is None:
                    raise InputError("%s.level: required with state=present" % option)
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
            desired.setdefault(user_id, {})[skill_id] = {"level": opts["level"], "start": start, "end": end}
        if problems:
            raise InputError("invalid input: " + "; ".join(problems))
        return cls(list(desired), where), desired

    # ---- what the SetReconciler asks of an item set type

    def read(self, ctx):
        """Every listed user's set the first time; afterwards only the users written
        since (the others cannot have changed by this task's hand)."""
        users = self.user_ids if self._written is None else [u for u in self.user_ids if u in self._written]
        fresh, self.use_batch = read_skill_sets(ctx.client, users, self.use_batch)
        self._last = dict(self._last, **fresh)
        self._written = set()
        return dict(self._last)

    def operation(self, action, user_id, skills):
        if self._written is not None:
            self._written.add(user_id)
        return {"method": "PUT", "path": paths.user_skills(user_id), "body": skill_set_to_api(skills)}

    def show_key(self, ctx, user_id):
        return ctx.directory.label("user", user_id)

    def show_skills(self, ctx, skills):
        shown = [dict(skills[sid], skill=ctx.directory.label("skill", sid)) for sid in skills]
        return sorted(shown, key=lambda s: s["skill"].casefold())

    def show_all(self, ctx, sets):
        shown = [{"user": self.show_key(ctx, uid), "user_id": uid, "skills": self.show_skills(ctx, skills)}
                 for uid, skills in sets.items()]
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
    strategy = ctx.client.get(paths.queue_routing_strategy(queue_id)) or {}
    ranges = {s["skillId"]: (s["minLevel"], s["maxLevel"]) for s in (strategy.get("routing") or {}).get("skills") or []}
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
                    old = have.get(skill_id) or dict(NO_RANGE, level=None)
                    # start/end left out are not managed: keep what the skill has.
                    target[skill_id] = {k: old[k] if want[k] is None else want[k] for k in ("level", "start", "end")}
                    problems.extend(self._range_problem(user_id, skill_id, target[skill_id]))
            if target != have:
                actions.append(("update", user_id, target))
        if problems:
            raise InputError("invalid input: " + "; ".join(problems))
        return actions

    def _range_problem(self, user_id, skill_id, skill):
        if skill["start"] and skill["end"] and skill["end"] <= skill["start"]:
            index = self.items.where[(user_id, skill_id)]
            yield ("assignments[%d]: user %s, skill %s would have end %s not after start %s "
                   "(one of them is the skill's current value; set both)"
                   % (index, self.ctx.directory.label("user", user_id), self.ctx.directory.label("skill", skill_id),
                      skill["end"], skill["start"]))

    def _result(self, before, after):
        ctx, items = self.ctx, self.items
        result = {"added": {}, "updated": {}, "removed": {}}
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
                    result[what][items.show_key(ctx, user_id)] = sorted(names, key=str.casefold)
        result["changed"] = any(result[k] for k in ("added", "updated", "removed"))
        result["users"] = items.show_all(ctx, after)
        if ctx.diff_mode:
            result["diff"] = {"before": {"users": items.show_all(ctx, before)}, "after": {"users": result["users"]}}
        return result
