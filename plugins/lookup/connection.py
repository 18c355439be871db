# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The connection options of every cxone.cxone module, taken from the play's ``cxone_*``
variables: the one place the playbooks and roles read them (the option list is the
modules' own, so a new connection option needs no change here)."""

from __future__ import annotations

DOCUMENTATION = r"""
name: connection
short_description: The cxone.cxone connection options set as C(cxone_*) variables
version_added: 0.3.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Returns the connection options of the cxone.cxone modules (O(cxone.cxone.cxone_queue#module:api),
    O(cxone.cxone.cxone_queue#module:auth_url), O(cxone.cxone.cxone_queue#module:access_key_id),
    O(cxone.cxone.cxone_queue#module:base_url), O(cxone.cxone.cxone_queue#module:validate_certs), and every
    other) whose variable C(cxone_<option>) is set for the host, for example C(cxone_access_key_secret)
    for O(cxone.cxone.cxone_queue#module:access_key_secret).
  - Meant for C(module_defaults) of the C(group/cxone.cxone.cxone) action group, so one play or role
    connects every module the same way, for one tenant or many (each host its own C(cxone_*) variables).
  - Options whose variable is not set are left out, so the modules fall back to their C(CXONE_*)
    environment variables (what an AWX credential sets) and then their defaults.
options: {}
notes:
  - Variables may hold templates (for example a secret from Ansible Vault); they are rendered.
"""

EXAMPLES = r"""
- name: Converge a tenant with the connection given as cxone_* variables (or the CXONE_* environment)
  hosts: tenants
  gather_facts: false
  module_defaults:
    group/cxone.cxone.cxone: "{{ lookup('cxone.cxone.connection') }}"
  tasks:
    - name: A queue
      cxone.cxone.cxone_queue:
        name: Support
"""

RETURN = r"""
_raw:
  description: One dict of module option to value, with only the options whose C(cxone_*) variable is set.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase

from ansible_collections.cxone.cxone.plugins.module_utils._module import CONNECTION_ARGS


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if terms:
            raise AnsibleLookupError("cxone.cxone.connection takes no terms, got %r" % (terms,))
        variables = variables or {}
        options = {}
        for option in CONNECTION_ARGS:
            name = "cxone_" + option
            if name in variables:
                value = self._templar.template(variables[name])
                if value is not None:
                    options[option] = value
        return [options]
