#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_agent_state_info
short_description: Read the state of CXone agents, with an idle summary
version_added: 0.1.0
description:
  - Read the current state of one or many agents, with the time each has spent in it,
    and a summary of how many agents are in each state and how many are idle
    (V(IDLE), V(PAUSED) or V(NOT_READY)).
  - Several agents are read through the batch endpoint, 50 per request. Without the
    C(batch:write) scope they are read one call each.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  users:
    description:
      - The agents, each by e-mail, name or ID. A user listed twice is read once.
      - Defaults to every active user of the tenant.
    type: list
    elements: str
notes:
  - Scopes, C(users:state:view) or C(users:state:write), and C(batch:write) for the batch endpoint.
seealso:
  - module: cxone.cxone.cxone_agent_state
"""

EXAMPLES = r"""
- name: Who is idle right now
  cxone.cxone.cxone_agent_state_info:
    api: v2  # the seed scripts' contract
  register: floor

- name: Report the idle agents
  ansible.builtin.debug:
    msg: "{{ floor.summary.idle }} idle: {{ floor.summary.idle_users | join(', ') }}"

- name: Two agents
  cxone.cxone.cxone_agent_state_info:
    api: v2  # the seed scripts' contract
    users:
      - alice.johnson@acme.example
      - Bob Smith
  register: pair
"""

RETURN = r"""
agents:
  description: The agents sorted by e-mail, as in M(cxone.cxone.cxone_agent_state)'s RV(cxone.cxone.cxone_agent_state#module:agent_state).
  returned: always
  type: list
  elements: dict
  sample:
    - user: bob.smith@acme.example
      user_id: 4f5e6d7c8b9a00112233445566778899
      name: Bob Smith
      state: NOT_READY
      reason_code: BREAK
      since: "2024-05-15T10:30:00.000Z"
      seconds_in_state: 900
summary:
  description: Counts over RV(agents).
  returned: always
  type: dict
  contains:
    total:
      description: Number of agents read.
      type: int
    by_state:
      description: Number of agents in each state (every state, zero included).
      type: dict
    idle:
      description: Number of agents in V(IDLE), V(PAUSED) or V(NOT_READY).
      type: int
    idle_users:
      description: E-mails of those agents.
      type: list
      elements: str
  sample:
    total: 3
    by_state: {READY: 1, NOT_READY: 1, PAUSED: 1, IDLE: 0}
    idle: 2
    idle_users: [bob.smith@acme.example, emma.brown@acme.example]
"""

from ansible_collections.cxone.cxone.plugins.module_utils.resources.agent_state import agent_states
from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule


def main():
    module = CXoneModule(argument_spec=dict(users=dict(type="list", elements="str")))
    module.run(lambda ctx: agent_states(ctx, ctx.params["users"]))


if __name__ == "__main__":
    main()
