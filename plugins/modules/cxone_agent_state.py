#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_agent_state
short_description: Set the state of a CXone agent
version_added: 0.1.0
description:
  - Set an agent's state (V(READY), V(NOT_READY), V(PAUSED), V(IDLE)) and reason code.
  - Idempotent. When the agent already has that state and reason code nothing is
    written and no other call is made (the tenant audits every accepted state write,
    even one that changes nothing).
  - With O(enforce_compliance), the tenant's workforce rules are checked before the write,
    and only when a write is needed. An agent whose shift is not active cannot change state
    (C(AGENT_NOT_SCHEDULED)); an agent who owes a mandatory break cannot be made V(READY)
    (C(MANDATORY_BREAK_VIOLATION)). The task fails before any write with the sub-code, the
    agent and the shift or break window. Check mode runs the same check, so it predicts the failure.
  - Without it the tenant's own refusal (C(409 policy.violation)) fails the task with the same
    message shape. Only such a refusal is reported as a policy violation; a server error
    or a network failure is reported as what it is.
  - A state change that fails with a server error or a cut-off connection is not sent again.
    The module reads the state once more; if the change went through, the task succeeds;
    if not, it fails with the server's error (running the task again is safe).
  - B(On the real CXone API) (O(api=admin)) V(READY) is Available and V(NOT_READY) is Unavailable
    with O(reason_code) an unavailable code's name (see M(cxone.cxone.cxone_unavailable_code); none
    when left out). V(PAUSED) and V(IDLE) do not exist there and are refused before any request.
    A logged-out agent cannot be set; the task fails saying so, with no write. CXone has no
    real-time shift or break status, so no compliance check is possible; O(enforce_compliance=true)
    is refused, and the result's RV(compliance) says that nothing was checked.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  user:
    description: The agent, by e-mail, name or ID.
    type: str
    required: true
  state:
    description: The state to set.
    type: str
    required: true
    choices: [READY, NOT_READY, PAUSED, IDLE]
  reason_code:
    description:
      - Reason code, one of the tenant's codes (case-sensitive), for example C(LUNCH).
      - Defaults to the state's standard code, V(READY) C(WORKING), V(NOT_READY) C(BREAK),
        V(PAUSED) C(ADHOC), V(IDLE) C(SYSTEM_IDLE); an agent in the right state with another
        reason is changed to it.
      - The tenant's list of codes cannot be read through the seeds' contract, so an unknown code is
        reported by the tenant on the write (check mode cannot predict it).
      - With O(api=admin), the name of an unavailable code, for V(NOT_READY) only; no default. An unknown
        one fails before any write.
    type: str
  enforce_compliance:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone has no real-time
        shift or break status to check a state against; leave it out (or false) to set states without a check."
      - Read the agent's shift (and, for V(READY), break status) and refuse a change the tenant's
        rules forbid before writing anything. Needs the C(schedules:view) and C(breaks:view) scopes.
      - V(false) leaves the decision to the tenant, which refuses the same changes on the write.
      - Default V(true) with O(api=v2). With O(api=admin) no such check exists and V(true) is refused.
    type: bool
notes:
  - Scopes, reading the state C(users:state:view) or C(users:state:write), writing it
    C(users:state:write); a missing scope fails the task naming it.
seealso:
  - module: cxone.cxone.cxone_agent_state_info
"""

EXAMPLES = r"""
- name: On the real CXone API, send an agent to lunch (an unavailable code)
  cxone.cxone.cxone_agent_state:
    user: alice.johnson@acme.example
    state: NOT_READY
    reason_code: Lunch

- name: And back to Available
  cxone.cxone.cxone_agent_state:
    user: alice.johnson@acme.example
    state: READY

- name: Alice starts taking calls
  cxone.cxone.cxone_agent_state:
    api: v2  # the seed scripts' contract
    user: alice.johnson@acme.example
    state: READY

- name: Bob goes to lunch
  cxone.cxone.cxone_agent_state:
    api: v2  # the seed scripts' contract
    user: Bob Smith
    state: NOT_READY
    reason_code: LUNCH

- name: Let the tenant alone decide on the rules (fewer calls, no schedule scopes needed)
  cxone.cxone.cxone_agent_state:
    api: v2  # the seed scripts' contract
    user: carla.gomez@acme.example
    state: PAUSED
    enforce_compliance: false
"""

RETURN = r"""
agent_state:
  description: The agent's state after the task (in check mode, the state it would get).
  returned: always
  type: dict
  contains:
    user:
      description: The agent's e-mail.
      type: str
    user_id:
      description: The agent's user ID.
      type: str
    name:
      description: The agent's name.
      type: str
    state:
      description: The state.
      type: str
    reason_code:
      description: The reason code.
      type: str
    since:
      description: When the agent entered this state and reason (ISO 8601 UTC); null in check mode when it would change.
      type: str
    seconds_in_state:
      description: Whole seconds since RV(agent_state.since); null when RV(agent_state.since) is.
      type: int
  sample:
    user: alice.johnson@acme.example
    user_id: 8a81b9876c4e5f001c4e5f001c4e5f00
    name: Alice Johnson
    state: READY
    reason_code: WORKING
    since: "2024-05-15T10:30:00.000Z"
    seconds_in_state: 42
diff:
  description: State and reason code before and after. Returned with C(--diff).
  returned: when diff mode is on
  type: dict
  contains:
    before:
      description: C(state) and C(reason_code) before the task.
      type: dict
    after:
      description: C(state) and C(reason_code) after the task.
      type: dict
violation:
  description: On a refused change, C(AGENT_NOT_SCHEDULED) or C(MANDATORY_BREAK_VIOLATION).
  returned: failure by a policy violation
  type: str
  sample: MANDATORY_BREAK_VIOLATION
checked_by:
  description: On a refused change, V(module) (compliance check before the write) or V(tenant) (the write was refused).
  returned: failure by a policy violation
  type: str
  sample: module
compliance:
  description: With O(api=admin), that no shift or break rule was checked (CXone has no real-time status for them).
  returned: with O(api=admin)
  type: str
  sample: "not checked: CXone has no real-time shift or break status, so no schedule or break rule was checked"
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.agent_state import AgentStateOptions, set_agent_state


def main():
    module = CXoneModule(
        argument_spec=argument_spec(AgentStateOptions),
    )
    module.run(set_agent_state)


if __name__ == "__main__":
    main()
