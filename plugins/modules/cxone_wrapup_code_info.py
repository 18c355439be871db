#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_wrapup_code_info
short_description: Read CXone wrap-up codes (dispositions)
version_added: 0.1.0
description:
  - List the tenant's wrap-up codes, or the one with a given name.
  - Each code is returned with the same keys as the options of M(cxone.cxone.cxone_wrapup_code).
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
  - module: cxone.cxone.cxone_wrapup_code
"""

EXAMPLES = r"""
- name: Codes agents can pick now
  cxone.cxone.cxone_wrapup_code_info:
  register: codes

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ codes.wrapup_codes | selectattr('available') | map(attribute='name') | list }}"
"""

RETURN = r"""
wrapup_codes:
  description: The codes, sorted by name, each with its C(id) and the keys of M(cxone.cxone.cxone_wrapup_code)'s options.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 0c1d2e3f405162738495a6b7c8d9e0f1
      name: Storm outage callback
      available: true
      routing_type: ROUTED
      wrap_up_type: CALL
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WRAPUP_CODE


def main():
    module = CXoneModule(argument_spec=dict(name=dict(type="str")))
    module.run(lambda ctx: read_result(wrapup_codes=WRAPUP_CODE.list_shown(ctx, ctx.params["name"])))


if __name__ == "__main__":
    main()
