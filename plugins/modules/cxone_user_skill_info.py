#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_user_skill_info
short_description: Read the skills of CXone agents (ACD skill assignments)
version_added: 0.1.0
description:
  - List users with their routing skills, with the same keys as the O(cxone.cxone.cxone_user_skill#module:assignments)
    option of M(cxone.cxone.cxone_user_skill), so a result can be fed back to it.
  - Skill sets are read through the batch endpoint, 50 users per request (one call per
    user when the client lacks the C(batch:write) scope).
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  users:
    description:
      - The users to read, by ID, email or name. Every user of the tenant when left out.
    type: list
    elements: str
seealso:
  - module: cxone.cxone.cxone_user_skill
"""

EXAMPLES = r"""
- name: Skills of the Billing crew
  cxone.cxone.cxone_user_skill_info:
    users: [ana.lopez@acme.example, Ben Carter]
  register: crew

- name: Put them back exactly like that later
  cxone.cxone.cxone_user_skill:
    exclusive: true
    assignments: "{{ crew.assignments }}"
"""

RETURN = r"""
users:
  description: The users sorted by email, each with its skills, as in M(cxone.cxone.cxone_user_skill)'s RV(cxone.cxone.cxone_user_skill#module:users).
  returned: always
  type: list
  elements: dict
  sample:
    - user: ana.lopez@acme.example
      user_id: 4f5e6d7c8b9a00112233445566778899
      skills:
        - {skill: language:en, level: 3, start: null, end: null}
        - {skill: skill-billing, level: 4, start: "2024-11-25T00:00:00.000Z", end: "2024-12-31T23:59:59.000Z"}
assignments:
  description:
    - The same skills flat, one entry per (user, skill), ready for M(cxone.cxone.cxone_user_skill)'s
      O(cxone.cxone.cxone_user_skill#module:assignments). Users without skills have no entry.
  returned: always
  type: list
  elements: dict
  sample:
    - {user: ana.lopez@acme.example, skill: language:en, level: 3, start: null, end: null}
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils.resources.user_skill import read


def main():
    module = CXoneModule(argument_spec=dict(users=dict(type="list", elements="str")))
    module.run(lambda ctx: read(ctx, ctx.params["users"]))


if __name__ == "__main__":
    main()
