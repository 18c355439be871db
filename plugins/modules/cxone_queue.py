#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_queue
short_description: Manage CXone queues (ACD skills)
version_added: 0.1.0
description:
  - Create, update and deactivate a queue of a NICE CXone tenant. On CXone (O(api=admin), the default) a
    queue is an ACD skill, found by its name; O(state=absent) deactivates it (CXone deletes no skill).
  - Only the options you set are managed; an option left out keeps the value the
    tenant has (and a new skill gets CXone's default).
  - An update sends only the fields that differ and reads the skill back; CXone has no version check, so
    the last write wins.
  - With O(api=v2) (the seed scripts' contract) a queue is a routing queue with skill requirements and
    overflow; an update replaces the whole queue under the API's version check (optimistic locking); when
    someone else saves it between the read and the write, the module reads it again, plans again and
    retries a bounded number of times; O(state=absent) deletes it.
  - Every value is checked before anything is written; a value out of range fails
    the task with the option and the value named, it is never clamped.
  - With O(queues), one task manages many queues (a whole tenant's). The queues are listed
    once, every entry is checked before the first write, an overflow target that the task
    creates is created before the queues that overflow to it (whatever the list's order),
    and queues to delete go last. When a queue cannot be written, the task stops and says
    which were and were not applied; running it again finishes the job.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  name:
    description:
      - Name of the queue, unique in the tenant (compared case-insensitively).
      - Identifies the queue unless O(id) is given; with O(id), a different name renames it.
      - One of O(name), O(id) or O(queues) is required.
    type: str
  id:
    description:
      - ID of an existing queue. Use it to rename a queue.
    type: str
  state:
    description:
      - V(present) creates or updates the queue, V(absent) deletes it.
      - With O(api=admin) V(absent) deactivates the skill (CXone deletes no skill), and V(present)
        activates a deactivated one again.
    type: str
    choices: [present, absent]
    default: present
  description:
    description: Free text shown to administrators (with O(api=admin), the skill's notes).
    type: str
  media_type:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), the channel of the skill, set when it is created (V(phone) for a new one);
        CXone cannot change it afterwards.
    type: str
    choices: [email, chat, phone, voicemail, work_item, sms, social, digital]
  campaign:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), the campaign (by name or ID) the skill reports under; needed to create one.
    type: str
  outbound:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), whether the skill is outbound, set when it is created.
    type: bool
  outbound_strategy:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), how an outbound skill dials, set when it is created.
    type: str
    choices: [manual, personal_connection]
  priority:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), contact priority (priority = seconds waited x acceleration + initial, up to max).
        A sub-option left out keeps its current value.
    type: dict
    suboptions: &priority
      initial:
        description: Initial priority, 0 to 1000 (0 for a new skill).
        type: int
      acceleration:
        description: Priority added per second of waiting, 0 to 1000 (1 for a new skill).
        type: int
      max:
        description: Highest priority, 1 to 1000 (1000 for a new skill).
        type: int
  short_abandon:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), short-abandon handling.
    type: dict
    suboptions: &short_abandon
      enabled:
        description: Whether contacts abandoned within O(short_abandon.threshold) count as short abandons.
        type: bool
      threshold:
        description: Seconds, 0 to 3600 (15 for a new skill).
        type: int
      counted:
        description: Whether short abandons count in the statistics.
        type: bool
  wrapup_codes:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), the wrap-up codes (dispositions, by name or ID) agents may pick on this skill;
        the list order is their priority. The whole list is managed when given.
    type: list
    elements: str
  require_wrapup_code:
    version_added: 0.4.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), whether an agent must pick a wrap-up code before a contact of this skill ends
        (CXone's C(requireDisposition); false for a new skill).
    type: bool
  skill_requirements:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone has no skill
        requirements on a queue (a queue is an ACD skill; agents are assigned to it with a proficiency:
        cxone_queue_member)."
      - Skills an agent needs to take this queue's interactions, at most 10.
      - The whole list is managed when given; its order does not matter.
    type: list
    elements: dict
    suboptions: &skill_requirements
      skill:
        description: Skill name (or ID) as the tenant knows it, for example C(language:en).
        type: str
        required: true
      proficiency:
        description: Lowest proficiency an agent needs.
        type: str
        required: true
        choices: [beginner, intermediate, advanced, expert]
      required:
        description: V(false) makes the skill preferred rather than required.
        type: bool
        default: true
  service_level:
    description: Service level target. A sub-option left out keeps its current value.
    type: dict
    suboptions: &service_level
      threshold:
        description: Percentage of interactions to answer within O(service_level.time), 0 to 100.
        type: int
      time:
        description: Seconds, 1 to 300.
        type: int
  overflow:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone has no queue
        overflow setting; overflow is routed in Studio scripts."
      - Where waiting interactions go after O(overflow.wait_time) seconds.
      - A chain of enabled overflows may not loop back and may not be longer than the
        tenant allows (3 hops by default); a loop is refused before any write.
    type: dict
    suboptions: &overflow
      enabled:
        description: Whether overflow is on. A new overflow is enabled.
        type: bool
      target:
        description: Queue to overflow to, by name or ID. Required while enabled.
        type: str
      wait_time:
        description: Seconds an interaction waits before it overflows, 30 to 600 (60 for a new overflow).
        type: int
  max_wait_time:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone skills have no
        maximum wait time; routing beyond a skill's own settings is built in Studio scripts."
      - Longest wait in seconds, 10 to 600.
    type: int
  max_waiters:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone skills have no
        maximum number of waiting contacts; routing beyond a skill's own settings is built in Studio scripts."
      - Most interactions that may wait, 1 to the tenant's license limit.
    type: int
  queues:
    version_added: 0.3.0
    description:
      - Several queues, each identified by its name, instead of O(name) or O(id). Each entry
        takes the options below (O(description), O(skill_requirements), ...) and its own O(queues[].state).
      - An option an entry leaves out is not managed for that queue.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the queue (compared case-insensitively).
        type: str
        required: true
      state:
        description: V(present) creates or updates the queue, V(absent) deletes it.
        type: str
        choices: [present, absent]
        default: present
      description:
        description: As O(description).
        type: str
      skill_requirements:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone has no skill
            requirements on a queue (a queue is an ACD skill; agents are assigned to it with a proficiency:
            cxone_queue_member)."
          - As O(skill_requirements).
        type: list
        elements: dict
        suboptions: *skill_requirements
      service_level:
        description: As O(service_level).
        type: dict
        suboptions: *service_level
      overflow:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone has no queue
            overflow setting; overflow is routed in Studio scripts."
          - As O(overflow); the target may be a queue this task creates.
        type: dict
        suboptions: *overflow
      max_wait_time:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone skills have
            no maximum wait time; routing beyond a skill's own settings is built in Studio scripts."
          - As O(max_wait_time).
        type: int
      max_waiters:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone skills have
            no maximum number of waiting contacts; routing beyond a skill's own settings is built in Studio scripts."
          - As O(max_waiters).
        type: int
      media_type:
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(media_type).
        type: str
        choices: [email, chat, phone, voicemail, work_item, sms, social, digital]
      campaign:
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(campaign).
        type: str
      outbound:
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(outbound).
        type: bool
      outbound_strategy:
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(outbound_strategy).
        type: str
        choices: [manual, personal_connection]
      priority:
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(priority).
        type: dict
        suboptions: *priority
      short_abandon:
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(short_abandon).
        type: dict
        suboptions: *short_abandon
      wrapup_codes:
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(wrapup_codes).
        type: list
        elements: str
      require_wrapup_code:
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(require_wrapup_code).
        type: bool
notes:
  - Skill names and the overflow target are resolved once per task; an unknown
    name fails the task before any write.
seealso:
  - module: cxone.cxone.cxone_queue_info
  - module: cxone.cxone.cxone_queue_member
"""

EXAMPLES = r"""
- name: Billing on the real CXone API (an ACD skill; api=admin is the default)
  cxone.cxone.cxone_queue:
    name: Billing
    description: Invoices and payments
    campaign: Customer Care
    media_type: phone
    service_level:
      threshold: 80
      time: 20
    wrapup_codes: [Billing Dispute, Resolved]

- name: Several queues in one task (the API is read once)
  cxone.cxone.cxone_queue:
    queues:
      - name: Billing
        campaign: Customer Care
      - name: Support
        campaign: Customer Care
        priority:
          acceleration: 2

- name: Deactivate a skill (CXone deletes none)
  cxone.cxone.cxone_queue:
    name: Old promo queue
    state: absent

- name: The seed scripts' contract - Billing with an overflow to Support
  cxone.cxone.cxone_queue:
    api: v2
    name: Billing
    description: Invoices and payments
    skill_requirements:
      - skill: skill-billing
        proficiency: intermediate
      - skill: language:en
        proficiency: advanced
        required: false
    service_level:
      threshold: 80
      time: 20
    overflow:
      target: Support
      wait_time: 120
    max_wait_time: 600
    max_waiters: 40

- name: The seed scripts' contract - turn the overflow off, keep everything else
  cxone.cxone.cxone_queue:
    api: v2
    name: Billing
    overflow:
      enabled: false

- name: Rename a queue
  cxone.cxone.cxone_queue:
    id: 2001
    name: Billing and Payments
"""

RETURN = r"""
queue:
  description:
    - The queue (with O(api=admin) the ACD skill) as the tenant holds it after the task (in check mode, as it
      would). With O(api=v2) empty when deleted.
  returned: with O(name) or O(id)
  type: dict
  contains:
    id:
      description: The skill's ID, an integer (with O(api=v2) the queue's, a string); null for one check mode would create.
      type: raw
    name:
      description: The skill's (queue's) name.
      type: str
    description:
      description: With O(api=admin) the skill's notes; with O(api=v2) the queue's description.
      type: str
    active:
      description: Only with O(api=admin). Whether the skill is active (false once deactivated).
      type: bool
    media_type:
      description: Only with O(api=admin). The skill's channel (V(phone), V(chat), V(email), ...).
      type: str
    campaign:
      description: Only with O(api=admin). The campaign the skill reports under, by name.
      type: str
    outbound:
      description: Only with O(api=admin). Whether the skill is outbound.
      type: bool
    outbound_strategy:
      description: Only with O(api=admin). How an outbound skill dials.
      type: str
    priority:
      description: Only with O(api=admin). C(initial), C(acceleration) and C(max).
      type: dict
    short_abandon:
      description: Only with O(api=admin). C(enabled), C(threshold) and C(counted).
      type: dict
    wrapup_codes:
      description: Only with O(api=admin). The skill's dispositions by name, in their priority order.
      type: list
      elements: str
    require_wrapup_code:
      description: Only with O(api=admin). Whether an agent must pick a disposition.
      type: bool
    service_level:
      description: C(threshold) (percent) and C(time) (seconds).
      type: dict
    skill_requirements:
      description: Only with O(api=v2) (empty with O(api=admin)). Skill requirements, sorted by skill.
      type: list
      elements: dict
    overflow:
      description: Only with O(api=v2). C(enabled), C(target) (queue name) and C(wait_time), or null.
      type: dict
    max_wait_time:
      description: Only with O(api=v2). Longest wait in seconds.
      type: int
    max_waiters:
      description: Only with O(api=v2). Most waiting interactions.
      type: int
  sample:
    id: 2002
    name: Billing
    description: Invoices, payments and disputes
    active: true
    media_type: phone
    campaign: Customer Care
    outbound: false
    outbound_strategy: manual
    priority: {initial: 0, acceleration: 1, max: 1000}
    short_abandon: {enabled: false, threshold: 15, counted: true}
    wrapup_codes: [Resolved, Billing Dispute]
    require_wrapup_code: false
    service_level: {threshold: 85, time: 30}
    skill_requirements: []
queues:
  description:
    - With O(queues), each listed queue after the task (in check mode, as it would be), as in RV(queue),
      in the order the task applied them. A deleted queue is left out.
  returned: with O(queues)
  type: list
  elements: dict
added:
  description: With O(queues), the names of the queues the task created.
  returned: with O(queues)
  type: list
  elements: str
updated:
  description: With O(queues), the names of the queues the task changed.
  returned: with O(queues)
  type: list
  elements: str
removed:
  description: With O(queues), the names of the queues the task deleted.
  returned: with O(queues)
  type: list
  elements: str
failures:
  description: With O(queues), the queue that could not be written and why (the task fails too).
  returned: on failure with O(queues)
  type: list
  elements: dict
diff:
  description:
    - The queue before and after, as in RV(queue). Returned with C(--diff).
    - With O(queues), C(before.queues) and C(after.queues) list the queues.
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: The queue before the task; empty when it did not exist.
      type: dict
    after:
      description: The queue after the task; empty when deleted.
      type: dict
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue import QUEUE, reconcile

# The queue's options as its model declares them (resources/queue.py).
QUEUE_OPTIONS = argument_spec(QUEUE.model, exclude=("name",))


def main():
    module = CXoneModule.for_named_object(
        several="queues",
        queues=dict(type="list", elements="dict", options=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            **QUEUE_OPTIONS
        )),
        **QUEUE_OPTIONS
    )
    module.run(reconcile)


if __name__ == "__main__":
    main()
