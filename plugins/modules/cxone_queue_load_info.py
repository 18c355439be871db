#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_queue_load_info
short_description: Read the live load of CXone queues (ACD skill activity)
version_added: 0.1.0
description:
  - Read how many contacts wait in each queue, how long the oldest has waited, how
    many are being handled and how many agents are available, from the API's live
    queue observations.
  - The query is read only; the module never changes the tenant.
  - Used by the C(cxone.cxone.peak_mode) role's load trigger, and by anything that
    decides on live load (thresholds, alerts, reports).
  - The OAuth client needs the C(analytics:read) scope (and a queue read scope to find
    the queues by name).
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  queues:
    description:
      - The queues to observe, by name or ID, each once. The results come in this order.
      - When left out, every queue of the tenant, sorted by name.
    type: list
    elements: str
seealso:
  - module: cxone.cxone.cxone_queue_info
"""

EXAMPLES = r"""
- name: Live load of Support and Billing
  cxone.cxone.cxone_queue_load_info:
    queues:
      - Support
      - Billing
  register: load

- name: Warn when Support has ten or more contacts waiting
  ansible.builtin.debug:
    msg: "Support: {{ support.waiting }} waiting, oldest {{ support.oldest_wait_seconds }} s"
  vars:
    support: "{{ load.queues | selectattr('queue', 'equalto', 'Support') | first }}"
  when: support.waiting >= 10

- name: Every queue
  cxone.cxone.cxone_queue_load_info:
  register: all_load
"""

RETURN = r"""
queues:
  description: One observation per queue, in the order of O(queues) (by name when O(queues) is left out).
  returned: always
  type: list
  elements: dict
  contains:
    queue:
      description: The queue's name.
      type: str
    queue_id:
      description: The queue's ID.
      type: str
    waiting:
      description: Contacts waiting in the queue now.
      type: int
    interacting:
      description: Contacts being handled now.
      type: int
    oldest_wait_seconds:
      description: How long the oldest waiting contact has waited, in seconds (0 when none waits).
      type: int
    available_agents:
      description: Agents available to take the queue's contacts now.
      type: int
  sample:
    - queue: Support
      queue_id: 8a81b9876c4e5f001c4e5f001c4e5f00
      waiting: 14
      interacting: 3
      oldest_wait_seconds: 95
      available_agents: 2
"""

from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue_load import read_load
from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result


def main():
    module = CXoneModule(argument_spec=dict(queues=dict(type="list", elements="str")))
    module.run(lambda ctx: read_result(queues=read_load(ctx, ctx.params["queues"])))


if __name__ == "__main__":
    main()
