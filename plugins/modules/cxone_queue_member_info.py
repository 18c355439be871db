#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_queue_member_info
short_description: Read the agents of a CXone queue (ACD skill assignments)
version_added: 0.1.0
description:
  - List the agents of one queue (on CXone, O(api=admin), the skill's assignments with proficiency and active),
    with the same keys as the C(members) option of M(cxone.cxone.cxone_queue_member).
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  queue:
    description: The queue, by name or ID.
    type: str
    required: true
seealso:
  - module: cxone.cxone.cxone_queue_member
"""

EXAMPLES = r"""
- name: Who is on the Billing queue
  cxone.cxone.cxone_queue_member_info:
    queue: Billing
  register: billing_members
"""

RETURN = r"""
members:
  description: The queue's members sorted by user, as in M(cxone.cxone.cxone_queue_member)'s RV(cxone.cxone.cxone_queue_member#module:members).
  returned: always
  type: list
  elements: dict
  sample:
    - user: ana.lopez@acme.example
      user_id: 4f5e6d7c8b9a00112233445566778899
      routing_type: ROUTED
      split: 50
      after_hours_available: false
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue_member import read


def main():
    module = CXoneModule(argument_spec=dict(queue=dict(type="str", required=True)))
    module.run(lambda ctx: read(ctx, ctx.params["queue"]))


if __name__ == "__main__":
    main()
