# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Why a desired-state or drift-check run declares nothing: a scheduled check that checks
nothing must fail, naming what it looked for, rather than pass."""

from __future__ import annotations

DOCUMENTATION = r"""
name: declaration_missing
short_description: Why a desired-state run declares nothing, or an empty string
version_added: 0.4.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - C(playbooks/desired_state.yml) and C(playbooks/drift_check.yml) call it before any request.
    A run whose sections (the C(cxone_*) variables, or the file named by C(cxone_desired_state_file))
    are all unset or empty declares nothing; the message names the variables and the file option
    that were looked for, and the C(cxone_*) variables of the run that these playbooks do not read
    (a misspelt one, with the nearest known name).
  - A run that is empty on purpose says so with C(cxone_desired_state_empty=true).
options:
  _input:
    description: The sections, a dict of variable name (V(cxone_queues), ...) to its list of entries.
    type: dict
    required: true
  variables:
    description: The names of the run's C(cxone_*) variables (C(query('ansible.builtin.varnames', '^cxone_'))).
    type: list
    elements: str
    required: true
  file:
    description: The value of C(cxone_desired_state_file), empty when not set.
    type: str
    default: ""
  empty:
    description: The value of C(cxone_desired_state_empty).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Fail when the run declares nothing
  ansible.builtin.assert:
    that: problem | length == 0
    fail_msg: "{{ problem }}"
  vars:
    problem: "{{ {'cxone_queues': cxone_queues | default([])}
                 | cxone.cxone.declaration_missing(query('ansible.builtin.varnames', '^cxone_')) }}"
"""

RETURN = r"""
_value:
  description: The problem in one message, or an empty string when the run declares something (or nothing on purpose).
  type: str
"""

import difflib

from ansible.errors import AnsibleFilterError
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.cxone.cxone.plugins.module_utils._module import CONNECTION_ARGS
from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import (
    PLAYBOOK_VARIABLES, PLAYBOOK_VARIABLE_PATTERNS, SECTIONS)

EMPTY_ON_PURPOSE = "cxone_desired_state_empty"
FILE_OPTION = "cxone_desired_state_file"


def known_variables():
    """Every ``cxone_*`` variable the collection's playbooks and roles read or set."""
    return (set(PLAYBOOK_VARIABLES) | {section.variable for section in SECTIONS}
            | {"cxone_" + option for option in CONNECTION_ARGS})


def unknown_variables(names):
    """The names among ``names`` that no playbook of the collection reads, each with the nearest known one."""
    known = known_variables()
    unknown = []
    for name in sorted(set(names)):
        if name in known or any(pattern.match(name) for pattern in PLAYBOOK_VARIABLE_PATTERNS):
            continue
        near = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
        unknown.append("%s (did you mean %s?)" % (name, near[0]) if near else name)
    return unknown


def declaration_missing(sections, variables, file="", empty=False):
    if not isinstance(sections, dict):
        raise AnsibleFilterError("declaration_missing: expects a dict of cxone_* variables, got %s"
                                 % type(sections).__name__)
    declared = [section.variable for section in SECTIONS if sections.get(section.variable)]
    empty = boolean(empty, strict=False)
    if declared and empty:
        return ("%s=true says the declaration is empty on purpose, but it declares %s: leave out one or the other"
                % (EMPTY_ON_PURPOSE, ", ".join(declared)))
    if declared or empty:
        return ""
    where = ("the file %s=%s holds none of them" % (FILE_OPTION, file) if file
             else "and %s names no file" % FILE_OPTION)
    message = ("Nothing is declared, so nothing would be checked or applied: none of the variables %s is set "
               "or has an entry, %s." % (", ".join(section.variable for section in SECTIONS), where))
    unknown = unknown_variables(variables or [])
    if unknown:
        message += " Variables set that these playbooks do not read: %s." % ", ".join(unknown)
    message += (" Give a declaration (for example -e %s=acme.yml, a file that playbooks/export.yml writes), "
                "or -e %s=true when an empty declaration is meant." % (FILE_OPTION, EMPTY_ON_PURPOSE))
    return message


class FilterModule:
    """cxone.cxone declaration check."""

    def filters(self):
        return {"declaration_missing": declaration_missing}
