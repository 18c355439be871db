# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Skill assignments (read with ``/skills/agents`` or ``/skills/{id}/agents``, written with
``/skills/{id}/agents``): queue members seen from the skill, users' skills seen from the agent."""

from __future__ import annotations

import json

from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import chunks
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import CutShort, segment
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.skills import SKILL_QUERY_LIMIT
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ItemStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import flag

# How one read of many skills' assignments (``GET /skills/agents?skills=...``) is asked, in the
# order tried: the JSON form NICE's QA suite sends, then the comma list of the collection's first
# notes; when the tenant refuses both, one paged read per skill (``GET /skills/{id}/agents``, typed
# and confirmed). The form that worked is remembered in the token cache under READING.
SKILLS_FORMS = (("json", lambda ids: json.dumps([{"skillId": i} for i in ids], separators=(",", ":"))),
                ("csv", lambda ids: ",".join(str(i) for i in ids)))
READING = "skill_assignments"


def skill_assignments(ctx, skill_ids):
    """The assignments of many skills, ``SKILL_QUERY_LIMIT`` skills a read. An answer that may
    have been cut short (a full page and no paging keys: the sources show none here) is read
    again skill by skill, never taken as complete."""
    found = []
    for _start, ids in chunks(list(skill_ids), SKILL_QUERY_LIMIT):
        found.extend(_assignments_of(ctx.client, ids))
    return found


def _assignments_of(client, ids):
    remembered = client.reading(READING)
    for name, spell in sorted(SKILLS_FORMS, key=lambda form: form[0] != remembered):
        try:
            rows = client.paginate("/skills/agents", params={"skills": spell(ids)}, key="agentSkillAssignments",
                                   probe=False)
        except APIError as exc:
            if exc.status in (400, 404):  # this form (or the read of many) is not what the tenant takes
                continue
            raise
        except CutShort:
            client.remember(READING, name)
            return _per_skill(client, ids)
        client.remember(READING, name)
        return rows
    # Neither form was taken: not remembered (a 400 may have had another cause), so the next
    # task asks again; two requests a hundred skills.
    return _per_skill(client, ids)


def _per_skill(client, ids):
    rows = []
    for skill_id in ids:
        try:
            rows.extend(client.paginate("/skills/%s/agents" % segment(skill_id), key="agentSkillAssignments"))
        except APIError as exc:
            if exc.status != 404:  # a skill gone since it was listed has no assignments
                raise
    return rows


class ReadsBackWhatItWrote:
    """An assignment store that, after its writes, reads again only the skills it wrote to
    (the others are as it last read them): a read of many skills may cost a read per skill."""

    _rows = None
    _written = None

    def assignment_rows(self, ctx, skill_ids):
        if self._written is not None and self._rows is not None:
            rows = [row for row in self._rows if row.get("skillId") not in self._written]
            rows += skill_assignments(ctx, [sid for sid in skill_ids if sid in self._written])
        else:
            rows = skill_assignments(ctx, skill_ids)
        self._rows, self._written = rows, None
        return rows

    def wrote_to(self, skill_ids):
        self._written = set(skill_ids) | (self._written or set())


def write_assignments(ctx, pairs):
    """Assignment writes through the skill's side (``POST``/``PUT``/``DELETE
    /skills/{id}/agents``, typed and confirmed), grouped by skill and action. ``pairs`` are
    ``(action, skill_id, agent_id, item)``, ``item`` ``{proficiency, active}``; returns one
    Outcome per pair, in order."""
    groups = {}
    for index, (action, skill_id, agent_id, item) in enumerate(pairs):
        groups.setdefault((skill_id, action), []).append((index, agent_id, item))
    method_of = {"add": "POST", "update": "PUT", "remove": "DELETE"}
    outcomes = [None] * len(pairs)
    for (skill_id, action), entries in groups.items():
        if action == "remove":
            bodies = [{"agentId": str(agent_id)} for _i, agent_id, _item in entries]
        else:
            # isActive is optional on this side but required on the other: always sent.
            bodies = [{"agentId": str(agent_id), "proficiency": item["proficiency"], "isActive": item["active"]}
                      for _i, agent_id, item in entries]
        answers = ctx.client.write_items(method_of[action], "/skills/%s/agents" % segment(skill_id), "agents",
                                         bodies, ("agentResults", "results"))
        for (index, _agent, _item), outcome in zip(entries, answers):
            outcomes[index] = outcome
    return outcomes


class AssignmentStore(ReadsBackWhatItWrote, ItemStore):
    """Queue members as skill assignments ``{proficiency, active}``, read for many skills at
    once and written per skill in array-bodied requests with per-item results."""

    kind = "queue members"
    keeps = ("proficiency", "active")

    defaults = {"proficiency": 1, "active": True}
    read_after_write = True  # the per-item results say what was applied; a read shows what is

    def read(self, ctx, items):
        current = {}
        wanted = set(items.queue_ids)
        for entry in self.assignment_rows(ctx, items.queue_ids):
            if entry.get("skillId") in wanted:
                current[(entry["skillId"], entry["agentId"])] = {
                    "proficiency": entry.get("agentProficiencyValue"), "active": flag(entry.get("isActive"))}
        return current

    def write(self, ctx, items, actions):
        applied, failed = [], []
        self.wrote_to(key[0] for _action, key, _item in actions)
        outcomes = write_assignments(ctx, [(action, key[0], key[1], item or {}) for action, key, item in actions])
        for (action, key, _item), outcome in zip(actions, outcomes):
            if outcome.ok:
                applied.append((action, key))
            else:
                failed.append(outcome.failure((action, key)))
        return applied, failed


class AgentSkillStore(ReadsBackWhatItWrote, ItemStore):
    """Users' skills as the agent-side view of skill assignments: ``{skill_id: {level, active}}``
    per user, level being the proficiency (1 best, 20 worst). Read for every skill at once and
    written through the skills' side (grouped by skill: the agent-side upsert's item shape is
    not confirmed by any source)."""

    kind = "user skills"
    keeps = ("level", "active")

    fields = ("level", "active")
    new_item = {"level": None, "active": True}
    levels = (1, 20)

    def read_sets(self, ctx, user_ids):
        wanted = set(user_ids)
        sets = {uid: {} for uid in user_ids}
        for entry in self.assignment_rows(ctx, [entry["id"] for entry in ctx.directory.all("skill")]):
            if entry.get("agentId") in wanted:
                sets[entry["agentId"]][entry["skillId"]] = {
                    "level": entry.get("agentProficiencyValue"), "active": flag(entry.get("isActive"))}
        return sets

    def write(self, ctx, items, actions):
        applied, failed = [], []
        pairs = []  # (action, skill_id, user_id, item): every change of every user
        owners = []  # the user of each pair
        for _action, user_id, target in actions:
            have = items.current_of(user_id)
            for sid, skill in target.items():
                if have.get(sid) != skill:
                    pairs.append(("update" if sid in have else "add", sid, user_id,
                                  {"proficiency": skill["level"], "active": skill["active"]}))
                    owners.append(user_id)
            for sid in have:
                if sid not in target:
                    pairs.append(("remove", sid, user_id, {}))
                    owners.append(user_id)
        self.wrote_to(sid for _action, sid, _uid, _item in pairs)
        errors = {}  # user_id -> the outcome of the first change of theirs that failed
        for user_id, outcome in zip(owners, write_assignments(ctx, pairs)):
            if not outcome.ok:
                errors.setdefault(user_id, outcome)
        for action, user_id, _target in actions:
            if user_id in errors:
                failed.append(errors[user_id].failure((action, user_id)))
            else:
                applied.append((action, user_id))
        return applied, failed
