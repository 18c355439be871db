#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_hours_of_operation_info
short_description: Read CXone hours-of-operation profiles
version_added: 0.3.0
description:
  - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seeds' contract has no hours of
    operation; use api=admin."
  - List the tenant's hours-of-operation profiles, or the one with a given name, each read whole
    (every weekday, the holidays, the queues it applies to).
  - Each profile is returned with the same keys as the options of M(cxone.cxone.cxone_hours_of_operation).
  - Needs O(api=admin) (the real CXone API).
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  name:
    description: Return only the profile with this name (case-insensitive).
    type: str
seealso:
  - module: cxone.cxone.cxone_hours_of_operation
"""

EXAMPLES = r"""
- name: The business hours profile
  cxone.cxone.cxone_hours_of_operation_info:
    name: Business hours
  register: hours

- name: Its holidays
  ansible.builtin.debug:
    msg: "{{ hours.hours_of_operation[0].holidays | map(attribute='date') | list }}"
"""

RETURN = r"""
hours_of_operation:
  description: The profiles, sorted by name, each with its C(id) and the keys of M(cxone.cxone.cxone_hours_of_operation)'s options.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 7001
      name: Business hours
      description: Weekdays 8 to 6
      days:
        - {day: MONDAY, open: "08:00:00", close: "18:00:00", closed: false, additional_open: null, additional_close: null}
      holidays:
        - {name: New Year, date: "2026-01-01", open: null, close: null, closed: true}
      queues: [Billing, Support]
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result
from ansible_collections.cxone.cxone.plugins.module_utils.resources.hours_of_operation import read


def main():
    module = CXoneModule(argument_spec=dict(name=dict(type="str")))
    module.run(lambda ctx: read_result(hours_of_operation=read(ctx, ctx.params["name"])))


if __name__ == "__main__":
    main()
