#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_export
short_description: Export a CXone tenant's configuration as desired-state variables
version_added: 0.1.0
description:
  - Read the tenant's routing queues, queue members, wrap-up codes, user skills and
    campaign schedules, and return them in the variable format that the collection's
    C(playbooks/desired_state.yml) reads (C(cxone_queues), C(cxone_queue_members),
    C(cxone_wrapup_codes), C(cxone_unavailable_codes), C(cxone_hours_of_operation), C(cxone_user_skills),
    C(cxone_campaign_schedules)).
  - Every entry has the option names of the module that manages it, so the export can
    be applied as it is. Applied to the same tenant it changes nothing; applied to an
    empty tenant with the same directory (users, skills, campaigns) it rebuilds the
    configuration.
  - Other objects are referenced the way a person writes them, users by email,
    skills, queues and campaigns by name. Server-managed fields (ids, dates, versions)
    are left out, and so are values the tenant does not hold (null).
  - Queues are listed so that an overflow target comes before every queue that
    overflows to it, the order C(desired_state.yml) applies them in. Other lists are
    sorted by name (members by user, skills by user and skill), so two exports of the
    same configuration are identical.
  - Membership and skill entries carry O(exclusive) as given (default V(false)); its description says what each
    choice means for a later converge and drift check.
  - Writes nothing to the tenant. Use C(playbooks/export.yml) to write the result to
    a YAML file.
author:
  - cxone.cxone developers (@cxone-ansible)
requirements:
  - PyYAML (a dependency of ansible-core)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  sections:
    description:
      - Which parts of the configuration to export. The keys of RV(desired_state) are
        the sections' variable names.
      - Default every section the API surface (O(api)) manages, each fact once. With O(api=admin) that
        leaves out V(user_skills) - on CXone an agent's skills are the skill assignments that
        V(queue_members) already holds, and a declaration that states one fact twice makes two tasks
        fight over it. Ask for V(user_skills) to have them as well (or instead of V(queue_members)).
      - A section that the surface does not manage is refused before any request.
    type: list
    elements: str
    choices: [queues, queue_members, wrapup_codes, unavailable_codes, hours_of_operation, user_skills, campaign_schedules]
  exclusive:
    description:
      - Whether each exported member list (a queue's members; with O(api=admin) an ACD skill's agents) and
        skill list is the whole truth.
      - V(false) (the default, the safe choice) exports them additive
        (O(cxone.cxone.cxone_queue_member#module:exclusive=false)). Converging the export adds and updates
        members, and never removes an agent someone assigned by hand after the export; a drift check does
        not report such agents either (list them with C(cxone_report_unmanaged)).
      - V(true) exports O(cxone.cxone.cxone_queue_member#module:exclusive=true) and
        O(cxone.cxone.cxone_user_skill#module:exclusive=true). A drift check reports agents assigned outside
        the declaration, and converging the export removes them. The drift report's "What next" lists
        what a converge would remove.
    type: bool
    default: false
    version_added: 0.4.0
notes:
  - An overflow that is disabled and still points to a queue deleted since cannot be
    declared; it is exported without its target and a warning names the queue.
  - Overflow targets that form a loop through a disabled overflow cannot be ordered
    (each queue needs the other to exist first). The export warns; to build such queues
    on an empty tenant, declare one of them without its overflow target first.
seealso:
  - module: cxone.cxone.cxone_queue_info
  - module: cxone.cxone.cxone_queue_member_info
  - module: cxone.cxone.cxone_wrapup_code_info
  - module: cxone.cxone.cxone_user_skill_info
  - module: cxone.cxone.cxone_campaign_schedule_info
"""

EXAMPLES = r"""
- name: Read the whole configuration
  cxone.cxone.cxone_export:
  register: tenant

- name: Write it as a variables file for playbooks/desired_state.yml
  ansible.builtin.copy:
    content: "{{ tenant.yaml }}"
    dest: /srv/cxone/host_vars/acme/cxone.yml
    mode: "0644"

- name: Only queues and wrap-up codes
  cxone.cxone.cxone_export:
    sections: [queues, wrapup_codes]
  register: routing
"""

RETURN = r"""
desired_state:
  description:
    - The configuration as desired-state variables, one key per exported section.
  returned: always
  type: dict
  contains:
    cxone_queues:
      description: Options of M(cxone.cxone.cxone_queue), one dict per queue, overflow targets first.
      returned: when O(sections) has V(queues)
      type: list
      elements: dict
    cxone_queue_members:
      description:
        - One C({queue, exclusive, members}) per queue (with O(api=admin) per ACD skill), with C(members) as in
          M(cxone.cxone.cxone_queue_member) and C(exclusive) as O(exclusive).
      returned: when O(sections) has V(queue_members)
      type: list
      elements: dict
    cxone_wrapup_codes:
      description: Options of M(cxone.cxone.cxone_wrapup_code), one dict per code.
      returned: when O(sections) has V(wrapup_codes)
      type: list
      elements: dict
    cxone_unavailable_codes:
      description:
        - Options of M(cxone.cxone.cxone_unavailable_code), one dict per code (O(api=admin) only; the list
          does not carry notes).
      returned: when O(sections) has V(unavailable_codes)
      type: list
      elements: dict
    cxone_hours_of_operation:
      description: Options of M(cxone.cxone.cxone_hours_of_operation), one dict per profile (O(api=admin) only).
      returned: when O(sections) has V(hours_of_operation)
      type: list
      elements: dict
    cxone_user_skills:
      description:
        - Options of M(cxone.cxone.cxone_user_skill), one entry (C(exclusive) and C(assignments)) with
          the skills of every user that has skills, sorted by user and skill. Empty when no user has skills.
      returned: when O(sections) has V(user_skills) (by default with O(api=v2) only)
      type: list
      elements: dict
    cxone_campaign_schedules:
      description: Options of M(cxone.cxone.cxone_campaign_schedule), one dict per schedule, sorted by campaign and name.
      returned: when O(sections) has V(campaign_schedules)
      type: list
      elements: dict
  sample:
    cxone_queues:
      - name: Overflow
        description: Catch-all overflow queue
        skill_requirements: [{skill: language:en, proficiency: beginner, required: true}]
        service_level: {threshold: 70, time: 60}
        max_wait_time: 600
        max_waiters: 100
      - name: Support
        description: General customer support
        skill_requirements: [{skill: language:en, proficiency: advanced, required: true}]
        service_level: {threshold: 80, time: 20}
        overflow: {enabled: true, target: Overflow, wait_time: 120}
        max_wait_time: 300
        max_waiters: 50
    cxone_queue_members:
      - queue: Support
        exclusive: false
        members:
          - {user: alice.johnson@acme.example, routing_type: ROUTED, split: 100, after_hours_available: false}
    cxone_wrapup_codes:
      - {name: Resolved, available: true, routing_type: ROUTED, wrap_up_type: ALL}
yaml:
  description:
    - RV(desired_state) as YAML text, ready to be written to a variables file. Lists
      are indented under their keys and times of day are quoted, so the file passes
      yamllint and ansible-lint as it is. The same configuration always gives the same text.
  returned: always
  type: str
  sample: "cxone_wrapup_codes:\n  - name: Resolved\n    available: true\n    routing_type: ROUTED\n    wrap_up_type: ALL\n"
counts:
  description: How many entries each exported section has.
  returned: always
  type: dict
  sample: {cxone_queues: 5, cxone_queue_members: 5, cxone_wrapup_codes: 7}
"""

import traceback

try:
    import yaml  # the export writes YAML (_export.to_yaml)
except ImportError:
    yaml = None
    YAML_IMPORT_ERROR = traceback.format_exc()
else:
    YAML_IMPORT_ERROR = None

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.cxone.cxone.plugins.module_utils._export import export
from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import SECTION_NAMES


def main():
    module = CXoneModule(argument_spec=dict(
        sections=dict(type="list", elements="str", choices=list(SECTION_NAMES)),
        exclusive=dict(type="bool", default=False),
    ))
    if yaml is None:
        module.fail(missing_required_lib("PyYAML"), exception=YAML_IMPORT_ERROR)
    module.run(export)


if __name__ == "__main__":
    main()
