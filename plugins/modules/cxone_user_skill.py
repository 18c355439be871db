#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_user_skill
short_description: Manage the skills of CXone agents (ACD skill assignments)
version_added: 0.1.0
description:
  - Give agents skills with a level, change them, or take them away; thousands of assignments over
    hundreds of users in one task. On CXone (O(api=admin), the default) these are the agents' ACD skill
    assignments (the level is the proficiency, 1 best, 20 lowest; O(assignments[].active) switches one
    off), the same facts M(cxone.cxone.cxone_queue_member) manages from the skill's side.
  - Skills of a listed user that the task does not mention are kept (unless O(exclusive=true)), and
    several skills of one user in one task all survive. Only what differs is written, so a rerun writes
    nothing.
  - With O(api=v2) (the seed scripts' contract) a skill may have an effective date range, the API
    replaces a user's whole skill set on every write (so the task writes one complete set per user),
    and sets are read and written through the batch endpoint, 50 users per request.
  - When some users could not be written, the task fails and names the users that
    were and were not updated; running it again finishes the job.
  - Everything is validated before the first write (levels, date ranges, that every
    user and skill exists, and with O(queue) the queue's routing strategy).
  - "Scopes: reading and writing user skills needs C(routing:user:write) or
    C(agent_management:write) (reading also accepts C(routing:skill:view)); the batch
    endpoint needs C(batch:write); O(queue) needs C(routing:queue:view)."
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  assignments:
    description:
      - The (user, skill) pairs this task is about. A pair may be listed only once.
      - With O(state=present) each skill is added to the user or updated; with
        O(state=absent) it is removed from the user.
      - Only the users listed here are read or written.
    type: list
    elements: dict
    required: true
    suboptions:
      user:
        description: The agent, by ID, email or name (a name shared by several users is refused).
        type: str
        required: true
      skill:
        description: The routing skill, by name or ID.
        type: str
        required: true
      level:
        description:
          - Skill level, 1 to 5 with O(api=v2). With O(api=admin) the agent's proficiency in the skill,
            1 (best) to 20.
          - Required with O(state=present), ignored with O(state=absent).
        type: int
      active:
        version_added: 0.3.0
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - With O(api=admin), whether the skill is active for the agent (V(true) for a new assignment).
        type: bool
      start:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone skill
            assignments have no effective dates; assign or remove the skill when it should start or end (for example
            from a scheduled job)."
          - Start of the effective date range, an ISO 8601 date-time with a UTC offset
            or C(Z), for example C(2024-06-01T08:00:00+02:00). Compared in UTC to the
            millisecond, so any offset that names the same instant is the same value.
          - When left out the skill keeps its current start (none for a new skill).
          - Ignored with O(state=absent).
        type: str
      end:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone skill
            assignments have no effective dates; assign or remove the skill when it should start or end (for example
            from a scheduled job)."
          - End of the effective date range, same form as O(assignments[].start); must be after the start.
          - When left out the skill keeps its current end (none for a new skill).
          - Ignored with O(state=absent).
        type: str
  state:
    description: Whether the listed skills should be assigned to their users.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also remove every skill of a listed user that is not
        listed for that user. Users that are not listed are never touched.
    type: bool
    default: false
  queue:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone has no routing
        strategy with level ranges to check levels against; a level is the agent's proficiency in the skill (1-20, 1
        best)."
      - A queue, by name or ID, whose routing strategy every O(assignments[].level)
        must satisfy (each skill's minimum and maximum level for agents of that queue).
      - Checked before anything is written; every violation is listed in one error.
      - A skill that the strategy does not name is not constrained. Skills the task
        does not set are not checked. Not used with O(state=absent).
    type: str
notes:
  - To remove a date range from a skill, remove the skill (O(state=absent)) and assign it again.
seealso:
  - module: cxone.cxone.cxone_user_skill_info
  - module: cxone.cxone.cxone_queue
"""

EXAMPLES = r"""
- name: Billing skills for the peak crew (level = proficiency 1-20, 1 best)
  cxone.cxone.cxone_user_skill:
    assignments:
      - user: ana.lopez@acme.example
        skill: skill-billing
        level: 4
      - user: ana.lopez@acme.example
        skill: language:en
        level: 3
      - user: Ben Carter
        skill: skill-billing
        level: 3

- name: Exactly these skills for Ana, nothing else
  cxone.cxone.cxone_user_skill:
    exclusive: true
    assignments:
      - {user: ana.lopez@acme.example, skill: skill-billing, level: 4}
      - {user: ana.lopez@acme.example, skill: language:en, level: 3}

- name: Take billing away again
  cxone.cxone.cxone_user_skill:
    state: absent
    assignments:
      - {user: ana.lopez@acme.example, skill: skill-billing}
      - {user: Ben Carter, skill: skill-billing}

- name: The seed scripts' contract - levels 1-5 within a queue's strategy, with dates
  cxone.cxone.cxone_user_skill:
    api: v2
    queue: Billing
    assignments:
      - user: Ben Carter
        skill: skill-billing
        level: 3
        start: "2024-11-25T00:00:00Z"
        end: "2024-12-31T23:59:59Z"
"""

RETURN = r"""
added:
  description: Per user (shown by email), the skills (by name) the task assigned.
  returned: always
  type: dict
  sample: {"ana.lopez@acme.example": ["language:en", "skill-billing"]}
updated:
  description: Per user, the skills whose level or date range the task changed.
  returned: always
  type: dict
  sample: {"ben.carter@acme.example": ["skill-billing"]}
removed:
  description: Per user, the skills the task removed.
  returned: always
  type: dict
  sample: {}
users:
  description:
    - Each listed user's whole skill set after the task (in check mode, as it would
      be), sorted by user, skills sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    user:
      description: The user's email (its ID when it has none).
      type: str
    user_id:
      description: The user's ID.
      type: str
    skills:
      description: The user's skills, with the keys of O(assignments) (without C(user)).
      type: list
      elements: dict
      sample:
        - {skill: skill-billing, level: 4, start: null, end: null}
        - {skill: language:en, level: 3, start: "2024-11-25T00:00:00.000Z", end: null}
failures:
  description:
    - When some users could not be written, each such user with the error (the task fails too).
    - The users that were written are in RV(added), RV(updated) and RV(removed); running
      the task again writes the rest.
  returned: on partial failure
  type: list
  elements: dict
  sample: [{"action": "update", "user": "ben.carter@acme.example", "error": "PUT ...: HTTP 403 missing.scope: ..."}]
diff:
  description: The listed users' skill sets before and after. Returned with C(--diff).
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.user_skill import AssignmentOptions, reconcile


def main():
    module = CXoneModule(
        argument_spec=dict(
            assignments=dict(type="list", elements="dict", required=True, options=argument_spec(AssignmentOptions)),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            exclusive=dict(type="bool", default=False),
            queue=dict(type="str"),
        ),
    )
    module.run(reconcile)


if __name__ == "__main__":
    main()
