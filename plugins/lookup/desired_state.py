# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A desired-state file read as data: the ``cxone_*`` sections of one YAML (or JSON) file,
parsed by PyYAML's C loader. Loading the same file with ``-e @file`` goes through
ansible-core's own loader, which marks every string with its origin: for a whole tenant's
declaration (thousands of memberships) that costs several seconds a run."""

from __future__ import annotations

DOCUMENTATION = r"""
name: desired_state
short_description: Read a desired-state file (the C(cxone_*) sections) as data
version_added: 0.4.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Reads one desired-state file, as written by C(playbooks/export.yml), and returns its C(cxone_*)
    sections (V(cxone_queues), V(cxone_queue_members), ...) as one dict.
  - This is how C(playbooks/desired_state.yml) and C(playbooks/drift_check.yml) read
    C(cxone_desired_state_file). For a whole tenant it is several times faster than C(-e @file),
    which goes through ansible-core's variable loader.
  - The file is data. Its strings are not rendered as templates.
  - A file encrypted with Ansible Vault is decrypted with the run's vault secrets.
options:
  _terms:
    description:
      - The path of the file. A relative path is relative to the directory ansible-playbook runs in,
        as for C(cxone_export_dest) in C(playbooks/export.yml).
    required: true
    type: list
    elements: str
notes:
  - A key that is not a desired-state section fails the lookup with the known sections named, and so
    does a section that is not a list.
  - A section also set as a variable fails the lookup; give each section one way.
"""

EXAMPLES = r"""
- name: Read a tenant's declaration once, for the tasks that apply it
  ansible.builtin.set_fact:
    declared: "{{ lookup('cxone.cxone.desired_state', 'desired/acme-us.yml') }}"
"""

RETURN = r"""
_raw:
  description: One dict of section variable (V(cxone_queues), ...) to its list of entries; sections
    the file leaves out are left out.
  type: list
  elements: dict
"""

import os

import yaml
from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import SECTIONS

VARIABLES = tuple(section.variable for section in SECTIONS)


def _loader():
    """PyYAML's C loader when libyaml is there (the reason for this lookup), else the Python one.
    Both read YAML 1.1 as ansible-core does (dates, booleans, octal), so a file means the same
    through this lookup as through ``-e @file``."""
    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def read_sections(path, text, variables=None):
    """The sections of the desired-state file ``path`` (its content ``text``)."""
    try:
        data = yaml.load(text, Loader=_loader())  # nosec B506 - a safe loader
    except yaml.YAMLError as exc:
        raise AnsibleLookupError("cxone.cxone.desired_state: %s is not valid YAML: %s" % (path, exc)) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnsibleLookupError("cxone.cxone.desired_state: %s must hold a mapping of cxone_* sections, "
                                 "not a %s" % (path, type(data).__name__))
    unknown = sorted(str(key) for key in data if key not in VARIABLES)
    if unknown:
        raise AnsibleLookupError("cxone.cxone.desired_state: %s has %s, which %s not a desired-state section "
                                 "(known: %s)" % (path, ", ".join(unknown), "is" if len(unknown) == 1 else "are",
                                                  ", ".join(VARIABLES)))
    for key, value in data.items():
        if value is not None and not isinstance(value, list):
            raise AnsibleLookupError("cxone.cxone.desired_state: %s: %s must be a list of entries, not a %s"
                                     % (path, key, type(value).__name__))
    both = sorted(key for key in data if key in (variables or {}))
    if both:
        raise AnsibleLookupError("cxone.cxone.desired_state: %s %s set both as a variable and in %s; give each "
                                 "section one way" % (", ".join(both), "is" if len(both) == 1 else "are", path))
    return {key: value or [] for key, value in data.items()}


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if len(terms) != 1 or not isinstance(terms[0], str) or not terms[0].strip():
            raise AnsibleLookupError("cxone.cxone.desired_state takes one file path, got %r" % (terms,))
        path = os.path.abspath(os.path.expanduser(terms[0].strip()))
        if not os.path.isfile(path):
            raise AnsibleLookupError("cxone.cxone.desired_state: no file %s (cxone_desired_state_file; a relative "
                                     "path is relative to where ansible-playbook runs)" % path)
        real = self._loader.get_real_file(path, decrypt=True)  # decrypts a vaulted file to a private copy
        try:
            with open(real, "rb") as stream:
                text = stream.read()
        finally:
            self._loader.cleanup_tmp_file(real)
        return [read_sections(path, text, variables)]  # bytes that are not UTF-8 are a YAML error
