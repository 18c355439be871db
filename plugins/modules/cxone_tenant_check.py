#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_tenant_check
short_description: Check what a CXone tenant answers against what the collection assumes, reading only
version_added: 0.4.0
description:
  - The first thing to run against a real tenant (the playbook C(cxone.cxone.tenant_check) runs it
    and writes its table as Markdown and JSON).
  - Probes each assumption the collection makes of the real CXone ACD API where public sources
    disagree or say nothing (the list is in the collection's C(docs/api/admin.md)), the API version,
    paging, and what the access key's user may read, kind by kind.
  - For each it says what the tenant answered, whether the assumption C(holds), C(differs) or
    C(could not check) (some are only shown by a write, which this module never sends), and what
    the collection does about it. A C(differs) is not an error; it is what to attach to a bug
    report when a module then misbehaves.
  - Sends only GET requests, besides the login and the discovery of the API host. What it reports
    holds key names, statuses and counts only; no secret, tenant id, name or e-mail address.
  - Remembers in the token cache which form of the read of many skills' assignments the tenant
    takes, so the next tasks do not probe for it.
  - Only with O(api=admin), the real CXone API.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options: {}
seealso:
  - module: cxone.cxone.cxone_export
"""

EXAMPLES = r"""
- name: What the tenant answers, before anything is changed
  cxone.cxone.cxone_tenant_check:
  register: tenant

- name: Each assumption that does not hold
  ansible.builtin.debug:
    msg: "{{ tenant.checks | selectattr('verdict', 'equalto', 'differs') | map(attribute='check') | list }}"
"""

RETURN = r"""
checks:
  description: One row per assumption, in a fixed order.
  returned: always
  type: list
  elements: dict
  contains:
    check:
      description: A short name of what was checked.
      type: str
    assumption:
      description: What the collection's first reading of the API assumed.
      type: str
    answered:
      description: What the tenant answered (statuses, key names, counts).
      type: str
    verdict:
      description: C(holds), C(differs) or C(could not check).
      type: str
    collection:
      description: What the collection does, whichever way the tenant answers.
      type: str
  sample:
    - check: holiday name
      assumption: a profile's holidays are read as holidayName
      answered: name
      verdict: differs
      collection: reads name, else holidayName
summary:
  description: How many checks hold, differ and could not be checked.
  returned: always
  type: dict
  sample: {"holds": 14, "differs": 3, "could not check": 9}
markdown:
  description: The checks as a Markdown table.
  returned: always
  type: str
json:
  description: The checks and the summary as JSON text.
  returned: always
  type: str
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result


def main():
    module = CXoneModule(argument_spec={})
    if module.params["api"] != "admin":
        module.fail("api: the tenant check probes the real CXone API: set api: admin (api=%s is the seed scripts' "
                    "contract, which no real tenant serves); nothing was sent" % module.params["api"])

    def check(ctx):
        from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin import tenant_check

        rows = tenant_check.run(ctx)
        return read_result(checks=rows, summary=tenant_check.summary(rows), markdown=tenant_check.markdown(rows),
                           json=tenant_check.as_json(rows))

    module.run(check)


if __name__ == "__main__":
    main()
