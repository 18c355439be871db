# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Skill assignments (``/skills/agents``, ``/skills/{id}/agents``, ``/agents/skills``): queue
members seen from the skill, users' skills seen from the agent."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import chunks
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import segment
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.skills import SKILL_QUERY_LIMIT
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ItemStore


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

    kind = "queue members"

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

    kind = "user skills"

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
