#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_unavailable_code_info
short_description: Read CXone unavailable codes
version_added: 0.3.0
description:
  - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seeds' contract has no unavailable
    codes to manage (its reason codes are fixed); use api=admin."
  - List the tenant's unavailable codes (the reasons an agent is Unavailable), or the one with a given name.
  - Each code is returned with the same keys as the options of M(cxone.cxone.cxone_unavailable_code).
    The list does not carry a code's notes; with O(name) the code is read whole, notes included.
  - Needs O(api=admin) (the real CXone API).
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  name:
    description: Return only the code with this name (case-insensitive).
    type: str
seealso:
  - module: cxone.cxone.cxone_unavailable_code
"""

EXAMPLES = r"""
- name: The codes agents can pick
  cxone.cxone.cxone_unavailable_code_info:
  register: codes

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ codes.unavailable_codes | selectattr('active') | map(attribute='name') | list }}"
"""

RETURN = r"""
unavailable_codes:
  description: The codes, sorted by name, each with its C(id) and the keys of M(cxone.cxone.cxone_unavailable_code)'s options.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5001
      name: Break
      active: true
      acw: false
      agent_timeout: null
      notes: null
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result
from ansible_collections.cxone.cxone.plugins.module_utils.resources.unavailable_code import read


def main():
    module = CXoneModule(argument_spec=dict(name=dict(type="str")))
    module.run(lambda ctx: read_result(unavailable_codes=read(ctx, ctx.params["name"])))


if __name__ == "__main__":
    main()
