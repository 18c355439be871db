# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The desired-state variables checked before any task runs, with the option lists of
the collection's resource files (nothing here keeps a list of its own)."""

from __future__ import annotations

DOCUMENTATION = r"""
name: desired_state_problems
short_description: Check desired-state variables before they are applied
version_added: 0.3.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Checks the C(cxone_*) variables that C(playbooks/desired_state.yml) and
    C(playbooks/drift_check.yml) apply, before any task runs, and returns every problem.
  - Each entry must be a dict with the options of the module that applies its section and the
    options that section requires. Order does not matter, C(cxone.cxone.cxone_queue) creates
    overflow targets before the queues that overflow to them.
options:
  _input:
    description: The sections, a dict of variable name (V(cxone_queues), ...) to its list of entries.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Stop before any write when the declaration has a problem
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems | join('; ') }}"
  vars:
    problems: "{{ {'cxone_queues': cxone_queues | default([])} | cxone.cxone.desired_state_problems }}"
"""

RETURN = r"""
_value:
  description: "One line per problem, naming the variable and the entry (C(cxone_queues[2]: ...)); empty when none."
  type: list
  elements: str
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import SECTIONS, entry_problems


def desired_state_problems(sections):
    if not isinstance(sections, dict):
        raise AnsibleFilterError("desired_state_problems: expects a dict of cxone_* variables, got %s"
                                 % type(sections).__name__)
    problems = []
    for section in SECTIONS:
        entries = sections.get(section.variable) or []
        if not isinstance(entries, list):
            problems.append("%s: must be a list" % section.variable)
            continue
        for index, entry in enumerate(entries):
            problem = entry_problems(section, entry)
            if problem:
                problems.append("%s[%d]: %s" % (section.variable, index, problem))
    return problems


class FilterModule:
    """cxone.cxone desired-state filters."""

    def filters(self):
        return {"desired_state_problems": desired_state_problems}
