#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_queue_member
short_description: Manage the agents of a CXone queue (ACD skill assignments)
version_added: 0.1.0
description:
  - Add, update and remove the agents of one queue, hundreds in one task. On CXone (O(api=admin), the
    default) a queue is an ACD skill and a member is a skill assignment, an agent with a proficiency
    (1 best, 20 lowest) and an active flag.
  - The task reads the skill's assignments once, plans only the adds, updates and removals that are
    needed, and sends them as CXone's array-bodied writes (100 a request) whose per-item results it reads.
    With O(api=v2) they go through the batch endpoint (50 per request; call by call when the client
    lacks the C(batch:write) scope).
  - When some changes fail, the task fails and says which were applied and which
    were not; running it again finishes the job without repeating what was done.
  - With O(memberships), one task manages the members of several queues. The users are
    listed once for all of them and the changes of every queue share the batch requests,
    so 500 agents into 4 queues is one task, not four.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  queue:
    description:
      - The queue, by name or ID.
      - Required unless O(memberships) is given; goes with O(members).
    type: str
  members:
    description:
      - The members this task is about.
      - With O(state=present) they are added or updated; with O(state=absent) removed.
      - An empty list is only meaningful with O(exclusive=true) (remove every member).
      - Required with O(queue).
    type: list
    elements: dict
    suboptions: &member_options
      user:
        description: The agent, by ID, email or name (a name shared by several users is refused).
        type: str
        required: true
      routing_type:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone assignments
            have no routing type; set proficiency (1-20, 1 best)."
          - V(ROUTED) (the default for a new member) or V(MANUAL).
        type: str
        choices: [ROUTED, MANUAL]
      split:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone assignments
            have no split; set proficiency (1-20, 1 best)."
          - Share of this queue's work, 1 to 100 (100 for a new member).
        type: int
      after_hours_available:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone assignments
            have no after-hours flag; hours of operation belong to Studio scripts and hours-of-operation profiles."
          - Whether the agent takes this queue after hours (false for a new member).
        type: bool
      proficiency:
        version_added: 0.3.0
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - With O(api=admin), the agent's proficiency in the skill, 1 (best) to 20 (1 for a new member).
        type: int
      active:
        version_added: 0.3.0
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - With O(api=admin), whether the skill is active for the agent (V(true) for a new member).
        type: bool
  memberships:
    version_added: 0.2.0
    description:
      - Several queues in one task, instead of O(queue) and O(members).
      - Each entry is a queue and its members, as O(queue) and O(members) above. O(state)
        and O(exclusive) apply to every entry that does not set its own
        O(memberships[].state) or O(memberships[].exclusive).
      - Each queue may be listed once. Every queue and user is resolved before the first write.
    type: list
    elements: dict
    suboptions:
      queue:
        description: The queue, by name or ID.
        type: str
        required: true
      members:
        description:
          - The members of this queue the task is about, as in O(members).
          - An empty list is only meaningful with O(exclusive=true).
        type: list
        elements: dict
        required: true
        suboptions: *member_options
      state:
        version_added: 0.3.0
        description: O(state) for this queue's members; the task's O(state) when left out.
        type: str
        choices: [present, absent]
      exclusive:
        version_added: 0.3.0
        description: O(exclusive) for this queue; the task's O(exclusive) when left out.
        type: bool
  state:
    description: Whether the listed members should be in the queue.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also remove every member that is not listed.
    type: bool
    default: false
seealso:
  - module: cxone.cxone.cxone_queue_member_info
  - module: cxone.cxone.cxone_queue
"""

EXAMPLES = r"""
- name: Peak overflow crew on the Billing skill (proficiency 1-20, 1 best)
  cxone.cxone.cxone_queue_member:
    queue: Billing
    members:
      - user: ana.lopez@acme.example
        proficiency: 3
      - user: Ben Carter
        proficiency: 8

- name: Exactly these members, nobody else (billing_team is a list of {user, proficiency})
  cxone.cxone.cxone_queue_member:
    queue: Billing
    exclusive: true
    members: "{{ billing_team }}"

- name: Peak crews of several queues in one task (the users are listed once)
  cxone.cxone.cxone_queue_member:
    memberships:
      - queue: Billing
        members:
          - user: ana.lopez@acme.example
            proficiency: 2
      - queue: Support
        members:
          - user: ana.lopez@acme.example
          - user: Ben Carter

- name: Take the peak crew out again
  cxone.cxone.cxone_queue_member:
    queue: Billing
    state: absent
    members:
      - user: ana.lopez@acme.example
      - user: Ben Carter

- name: The seed scripts' contract - splits and routing types
  cxone.cxone.cxone_queue_member:
    api: v2
    queue: Billing
    members:
      - user: ana.lopez@acme.example
        split: 50
      - user: Ben Carter
        routing_type: MANUAL
"""

RETURN = r"""
added:
  description:
    - Users (shown by email) that the task added.
    - "With O(memberships), each entry is C(queue: user), for example C(Billing: ana.lopez@acme.example)."
  returned: always
  type: list
  elements: str
  sample: [ana.lopez@acme.example]
updated:
  description: Users whose membership settings the task changed (with O(memberships), as in RV(added)).
  returned: always
  type: list
  elements: str
removed:
  description: Users the task removed (with O(memberships), as in RV(added)).
  returned: always
  type: list
  elements: str
members:
  description: Every member of the queue after the task (in check mode, as it would be), sorted by user.
  returned: with O(queue)
  type: list
  elements: dict
  contains:
    user:
      description: The user's email (or name when it has none).
      type: str
    user_id:
      description: The user's ID.
      type: str
    routing_type:
      description: V(ROUTED) or V(MANUAL).
      type: str
    split:
      description: Share of the queue's work.
      type: int
    after_hours_available:
      description: Whether the agent takes the queue after hours.
      type: bool
memberships:
  description: With O(memberships), every listed queue after the task, in the order given.
  returned: with O(memberships)
  type: list
  elements: dict
  contains:
    queue:
      description: The queue's name.
      type: str
    queue_id:
      description: The queue's ID.
      type: str
    members:
      description: Every member of the queue, as in RV(members).
      type: list
      elements: dict
failures:
  description: When some changes could not be applied, what each failed with (the task fails too).
  returned: on partial failure
  type: list
  elements: dict
diff:
  description: The members (or memberships) before and after. Returned with C(--diff).
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue_member import MemberOptions, reconcile

MEMBER_OPTIONS = argument_spec(MemberOptions)


def main():
    module = CXoneModule(
        argument_spec=dict(
            queue=dict(type="str"),
            members=dict(type="list", elements="dict", options=MEMBER_OPTIONS),
            memberships=dict(type="list", elements="dict", options=dict(
                queue=dict(type="str", required=True),
                members=dict(type="list", elements="dict", required=True, options=MEMBER_OPTIONS),
                state=dict(type="str", choices=["present", "absent"]),
                exclusive=dict(type="bool"),
            )),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            exclusive=dict(type="bool", default=False),
        ),
        required_one_of=[("queue", "memberships")],
        mutually_exclusive=[("queue", "memberships"), ("members", "memberships")],
        required_together=[("queue", "members")],
    )
    module.run(reconcile)


if __name__ == "__main__":
    main()
