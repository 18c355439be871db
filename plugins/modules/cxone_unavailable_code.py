#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_unavailable_code
short_description: Manage CXone unavailable codes (the reasons an agent is Unavailable)
version_added: 0.3.0
description:
  - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seeds' contract has no unavailable
    codes to manage (its reason codes are fixed); use api=admin."
  - Create, update and deactivate an unavailable code of a NICE CXone tenant (break, lunch,
    training, after-call work). M(cxone.cxone.cxone_agent_state) sets an agent Unavailable with
    one of them as O(cxone.cxone.cxone_agent_state#module:reason_code).
  - Only the options you set are managed; a new code gets the defaults below.
  - CXone deletes no unavailable code; O(state=absent) deactivates it, and O(state=present)
    with O(active=true) switches it on again.
  - With O(codes), one task manages several codes; they are listed once.
  - Needs O(api=admin) (the real CXone API); the seeds' contract has no unavailable codes to
    manage, and the module refuses O(api=v2) before any request.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  name:
    description:
      - Name of the code, 1 to 25 characters, unique in the tenant (compared case-insensitively).
      - Identifies the code unless O(id) is given; with O(id), a different name renames it.
      - One of O(name), O(id) or O(codes) is required.
    type: str
  id:
    description: ID of an existing code. Use it to rename a code.
    type: str
  state:
    description: V(present) creates or updates the code, V(absent) deactivates it.
    type: str
    choices: [present, absent]
    default: present
  active:
    description: Whether agents can pick the code (V(true) for a new one).
    type: bool
  acw:
    description: Whether the code is after-call work (V(false) for a new one).
    type: bool
  agent_timeout:
    description:
      - Minutes an agent may stay in the code, 30 to 720 (none for a new one), as CXone counts it.
      - Before 0.4.0 this was taken as seconds; a value above 720 that is a whole number of minutes
        is refused with the minutes it meant.
    type: int
  notes:
    description: Free text shown to administrators.
    type: str
  codes:
    description:
      - Several codes by name, instead of O(name) or O(id). Each is found by name and created
        when missing, or deactivated with O(codes[].state=absent).
      - An entry's own options win over the task's O(active), O(acw), O(agent_timeout) and O(notes),
        which apply to the entries that leave them unset.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the code.
        type: str
        required: true
      state:
        description: V(absent) deactivates this code; the task's O(state) when left out.
        type: str
        choices: [present, absent]
      active:
        description: As O(active).
        type: bool
      acw:
        description: As O(acw).
        type: bool
      agent_timeout:
        description: As O(agent_timeout).
        type: int
      notes:
        description: As O(notes).
        type: str
seealso:
  - module: cxone.cxone.cxone_unavailable_code_info
  - module: cxone.cxone.cxone_agent_state
"""

EXAMPLES = r"""
- name: A training code agents may stay in for two hours
  cxone.cxone.cxone_unavailable_code:
    name: Training
    agent_timeout: 120
    notes: Scheduled e-learning

- name: The break codes of the contact center, in one task
  cxone.cxone.cxone_unavailable_code:
    codes:
      - name: Break
      - name: Lunch
        agent_timeout: 60
      - name: Coaching
      - name: Old project
        state: absent

- name: Switch a code off (CXone keeps it, deactivated)
  cxone.cxone.cxone_unavailable_code:
    name: Old project
    state: absent
"""

RETURN = r"""
unavailable_code:
  description: The code after the task (as it would be, in check mode), with its C(id); empty after O(state=absent) of a missing code.
  returned: without O(codes)
  type: dict
  sample:
    id: 5003
    name: Training
    active: true
    acw: false
    agent_timeout: 120
    notes: Scheduled e-learning
codes:
  description: With O(codes), each listed code after the task, as in RV(unavailable_code).
  returned: with O(codes)
  type: list
  elements: dict
added:
  description: With O(codes), the names of the codes created.
  returned: with O(codes)
  type: list
  elements: str
updated:
  description: With O(codes), the names of the codes changed (a deactivation included).
  returned: with O(codes)
  type: list
  elements: str
removed:
  description: With O(codes), always empty (CXone deactivates codes instead of deleting them).
  returned: with O(codes)
  type: list
  elements: str
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.unavailable_code import UNAVAILABLE_CODE, reconcile

# The code's options as its model declares them (resources/unavailable_code.py).
CODE_OPTIONS = argument_spec(UNAVAILABLE_CODE.model, exclude=("name",))


def main():
    module = CXoneModule.for_named_object(
        several="codes",
        codes=dict(type="list", elements="dict", options=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", choices=["present", "absent"]),
            **CODE_OPTIONS
        )),
        **CODE_OPTIONS
    )
    module.run(reconcile)


if __name__ == "__main__":
    main()
