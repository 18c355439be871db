#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_wrapup_code
short_description: Manage CXone wrap-up codes (dispositions)
version_added: 0.1.0
description:
  - Create, update and deactivate a wrap-up code of a NICE CXone tenant. On CXone (O(api=admin), the
    default) a disposition, deactivated with O(state=absent) (CXone deletes none). With O(api=v2) a wrap-up
    code, deleted with O(state=absent).
  - Only the options you set are managed; a new code gets the defaults below.
  - With O(codes), one task manages several codes (peak mode's twenty, say). The codes are
    listed once and the changes go in as few requests as the API allows (with O(api=v2) through the
    batch endpoint, call by call when the client lacks the C(batch:write) scope). When some fail, the task fails and says which were
    applied; running it again finishes the job.
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
      - One of O(name), O(id) or O(codes) is required.
    type: str
  id:
    description: ID of an existing code. Use it to rename a code.
    type: str
  state:
    description: V(present) creates or updates the code, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  codes:
    version_added: 0.2.0
    description:
      - Several codes by name, instead of O(name) or O(id). Each is found by name
        (case-insensitively) and created when missing, or deleted with O(state=absent).
      - An entry's own O(codes[].available), O(codes[].routing_type) and
        O(codes[].wrap_up_type) win over the task's O(available), O(routing_type) and
        O(wrap_up_type), which apply to the entries that leave them unset.
    type: list
    elements: dict
    suboptions:
      name:
        description: Name of the code.
        type: str
        required: true
      available:
        description: Whether agents can pick the code.
        type: bool
      routing_type:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone dispositions
            have no routing type; attach them to skills with cxone_queue wrapup_codes."
          - Kind of interactions the code is for.
        type: str
        choices: [ROUTED, MANUAL]
      wrap_up_type:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone dispositions
            have no channel; attach them to skills of that media type with cxone_queue wrapup_codes."
          - Channel the code applies to.
        type: str
        choices: [CALL, CHAT, EMAIL, ALL]
      state:
        version_added: 0.3.0
        description: V(absent) deletes this code; the task's O(state) when left out.
        type: str
        choices: [present, absent]
      preview:
        version_added: 0.3.0
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(preview).
        type: bool
      notes:
        version_added: 0.3.0
        description:
          - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has
            no such setting (CXone has it: use api=admin, the default)."
          - As O(notes).
        type: str
  preview:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), whether the code is a preview disposition (V(false) for a new one).
    type: bool
  notes:
    version_added: 0.3.0
    description:
      - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seed scripts' v2 contract has no
        such setting (CXone has it: use api=admin, the default)."
      - With O(api=admin), free text shown to administrators.
    type: str
  available:
    description:
      - Whether agents can pick the code. Peak-only codes are toggled with this.
      - With O(api=admin), the disposition's active flag; O(state=absent) also deactivates it (CXone deletes no
        disposition).
      - A new code is available.
    type: bool
  routing_type:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone dispositions have
        no routing type; attach them to skills with cxone_queue wrapup_codes."
      - Kind of interactions the code is for (V(ROUTED) for a new code).
    type: str
    choices: [ROUTED, MANUAL]
  wrap_up_type:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone dispositions have
        no channel; attach them to skills of that media type with cxone_queue wrapup_codes."
      - Channel the code applies to (V(ALL) for a new code).
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

- name: Make it available
  cxone.cxone.cxone_wrapup_code:
    name: Storm outage callback
    available: true

- name: Switch it off (a CXone disposition is deactivated, never deleted)
  cxone.cxone.cxone_wrapup_code:
    name: Storm outage callback
    state: absent

- name: Every peak-only code available, in one task
  cxone.cxone.cxone_wrapup_code:
    available: true
    codes:
      - name: Storm outage callback
      - name: Peak hold callback
      - name: Surge survey offer

- name: The seed scripts' contract - a code for calls only
  cxone.cxone.cxone_wrapup_code:
    api: v2
    name: Storm outage callback
    wrap_up_type: CALL
"""

RETURN = r"""
wrapup_code:
  description: The code as the tenant holds it after the task (in check mode, as it would). Empty when deleted.
  returned: with O(name) or O(id)
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
wrapup_codes:
  description:
    - With O(codes), the listed codes after the task (in check mode, as they would be), sorted by
      name, each as in RV(wrapup_code) but without the ID (M(cxone.cxone.cxone_wrapup_code_info) has it).
      A deleted code is left out.
  returned: with O(codes)
  type: list
  elements: dict
added:
  description: With O(codes), the names of the codes the task created.
  returned: with O(codes)
  type: list
  elements: str
updated:
  description: With O(codes), the names of the codes the task changed.
  returned: with O(codes)
  type: list
  elements: str
removed:
  description: With O(codes), the names of the codes the task deleted.
  returned: with O(codes)
  type: list
  elements: str
failures:
  description: With O(codes), when some changes could not be applied, what each failed with (the task fails too).
  returned: on partial failure
  type: list
  elements: dict
diff:
  description: The code (or the listed codes) before and after, as in RV(wrapup_code). Returned with C(--diff).
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WRAPUP_CODE, reconcile

# The code's options as its model declares them (resources/wrapup_code.py).
CODE_OPTIONS = argument_spec(WRAPUP_CODE.model, exclude=("name",))


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
