#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_queue_info
short_description: Read CXone queues (ACD skills)
version_added: 0.1.0
description:
  - List the tenant's queues (on CXone, O(api=admin), the ACD skills), or the one with a given name.
  - Each queue is returned with the same keys as the options of M(cxone.cxone.cxone_queue),
    so a result can be fed back to it (the overflow target is shown by name).
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  name:
    description: Return only the queue with this name (case-insensitive).
    type: str
seealso:
  - module: cxone.cxone.cxone_queue
"""

EXAMPLES = r"""
- name: All queues
  cxone.cxone.cxone_queue_info:
  register: all_queues

- name: One queue
  cxone.cxone.cxone_queue_info:
    name: Billing
  register: billing
"""

RETURN = r"""
queues:
  description: The queues, sorted by name, each with its C(id) and the keys of M(cxone.cxone.cxone_queue)'s options.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 8a81b9876c4e5f001c4e5f001c4e5f00
      name: Billing
      description: Invoices and payments
      skill_requirements: [{skill: skill-billing, proficiency: intermediate, required: true}]
      service_level: {threshold: 80, time: 20}
      overflow: {enabled: true, target: Support, wait_time: 120}
      max_wait_time: 600
      max_waiters: 40
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue import QUEUE


def main():
    module = CXoneModule(argument_spec=dict(name=dict(type="str")))
    module.run(lambda ctx: read_result(queues=QUEUE.list_shown(ctx, ctx.params["name"])))


if __name__ == "__main__":
    main()
