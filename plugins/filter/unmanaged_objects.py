# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a tenant holds that a declaration does not mention, of the kinds it declares."""

from __future__ import annotations

DOCUMENTATION = r"""
name: unmanaged_objects
short_description: The tenant's objects of the declared kinds that the declaration does not mention
version_added: 0.3.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Compares an export of the tenant (the RV(cxone.cxone.cxone_export#module:desired_state) of
    C(cxone.cxone.cxone_export)) with a declaration (the same C(cxone_*) variables) and returns
    the objects the tenant holds that the declaration does not mention, for each section the
    declaration has. A section the declaration leaves out is not looked at.
  - Names are compared case-insensitively, as the API compares them. Objects are named as the
    drift report names them - queues, codes and profiles by name, a queue's members by the queue,
    user skills by the user, campaign schedules as C(campaign / name).
  - C(playbooks/drift_check.yml) uses it when C(cxone_report_unmanaged=true); the drift report
    lists the result.
options:
  _input:
    description: What the tenant holds, a dict of C(cxone_*) variables (an export's C(desired_state)).
    type: dict
    required: true
  declared:
    description: The declaration, a dict of the same C(cxone_*) variables.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Read the tenant's queues
  cxone.cxone.cxone_export:
    sections: [queues]
  register: tenant

- name: Show the queues nobody declared
  ansible.builtin.debug:
    msg: "{{ tenant.desired_state | cxone.cxone.unmanaged_objects({'cxone_queues': cxone_queues}) }}"
"""

RETURN = r"""
_value:
  description: One entry per unmanaged object, in the order of the export.
  type: list
  elements: dict
  contains:
    kind:
      description: The kind of object (V(queue), V(wrap-up code), V(user skills), ...).
      type: str
    name:
      description: The object's name, as the drift report shows it.
      type: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import SECTIONS


def unmanaged_objects(tenant, declared):
    if not isinstance(tenant, dict) or not isinstance(declared, dict):
        raise AnsibleFilterError("unmanaged_objects: expects two dicts of cxone_* variables (the tenant's export "
                                 "and the declaration)")
    found = []
    for section in SECTIONS:
        entries = declared.get(section.variable)
        if not entries:
            continue
        known = {name.casefold() for name in section.declared_names(entries)}
        for name in section.declared_names(tenant.get(section.variable)):
            if name.casefold() not in known:
                found.append({"kind": section.kind, "name": name})
    return found


class FilterModule:
    """cxone.cxone drift filters."""

    def filters(self):
        return {"unmanaged_objects": unmanaged_objects}
