#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_wrapup_code
short_description: Manage CXone wrap-up codes
version_added: 0.1.0
description:
  - Create, update and delete a wrap-up code (disposition) of a NICE CXone tenant.
  - Only the options you set are managed; a new code gets the defaults below.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  name:
    description:
      - Name of the code, unique in the tenant (compared case-insensitively).
      - Identifies the code unless O(id) is given; with O(id), a different name renames it.
    type: str
  id:
    description: ID of an existing code. Use it to rename a code.
    type: str
  state:
    description: V(present) creates or updates the code, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  available:
    description:
      - Whether agents can pick the code. Peak-only codes are toggled with this.
      - A new code is available.
    type: bool
  routing_type:
    description: Kind of interactions the code is for (V(ROUTED) for a new code).
    type: str
    choices: [ROUTED, MANUAL]
  wrap_up_type:
    description: Channel the code applies to (V(ALL) for a new code).
    type: str
    choices: [CALL, CHAT, EMAIL, ALL]
seealso:
  - module: cxone.cxone.cxone_wrapup_code_info
"""

EXAMPLES = r"""
- name: Temporary code for the storm season, off until peak mode turns it on
  cxone.cxone.cxone_wrapup_code:
    name: Storm outage callback
    available: false
    wrap_up_type: CALL

- name: Make it available
  cxone.cxone.cxone_wrapup_code:
    name: Storm outage callback
    available: true

- name: Remove it
  cxone.cxone.cxone_wrapup_code:
    name: Storm outage callback
    state: absent
"""

RETURN = r"""
wrapup_code:
  description: The code as the tenant holds it after the task (in check mode, as it would). Empty when deleted.
  returned: always
  type: dict
  contains:
    id:
      description: Code ID (null for a code check mode would create).
      type: str
    name:
      description: Name.
      type: str
    available:
      description: Whether agents can pick it.
      type: bool
    routing_type:
      description: V(ROUTED) or V(MANUAL).
      type: str
    wrap_up_type:
      description: V(CALL), V(CHAT), V(EMAIL) or V(ALL).
      type: str
  sample:
    id: 0c1d2e3f405162738495a6b7c8d9e0f1
    name: Storm outage callback
    available: true
    routing_type: ROUTED
    wrap_up_type: CALL
diff:
  description: The code before and after, as in RV(wrapup_code). Returned with C(--diff).
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import reconcile_object
from ansible_collections.cxone.cxone.plugins.module_utils._resources import WRAPUP_CODE


def main():
    module = CXoneModule.for_named_object(
        available=dict(type="bool"),
        routing_type=dict(type="str", choices=["ROUTED", "MANUAL"]),
        wrap_up_type=dict(type="str", choices=["CALL", "CHAT", "EMAIL", "ALL"]),
    )
    module.run(lambda ctx: reconcile_object(ctx, WRAPUP_CODE))


if __name__ == "__main__":
    main()
