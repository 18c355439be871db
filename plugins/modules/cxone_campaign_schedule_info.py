#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_campaign_schedule_info
short_description: Read the dialing hours of CXone outbound skills (campaign schedules)
version_added: 0.1.0
description:
  - List the schedules of one outbound campaign, or of every campaign, optionally only
    those with a given name.
  - Each schedule is returned with the same keys as the options of
    M(cxone.cxone.cxone_campaign_schedule) (the campaign shown by name), so a result can
    be fed back to it and changes nothing.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  campaign:
    description: The campaign, by name or ID. Left out, the schedules of every campaign are returned.
    type: str
  name:
    description: Return only the schedules with this name (case-insensitive).
    type: str
seealso:
  - module: cxone.cxone.cxone_campaign_schedule
"""

EXAMPLES = r"""
- name: Schedules of one campaign
  cxone.cxone.cxone_campaign_schedule_info:
    api: v2  # the seed scripts' contract
    campaign: Spring Renewal Outreach
  register: renewal

- name: Copy a schedule to another campaign
  cxone.cxone.cxone_campaign_schedule:
    campaign: Collections Q2
    name: "{{ renewal.schedules[0].name }}"
    timezone: "{{ renewal.schedules[0].timezone }}"
    windows: "{{ renewal.schedules[0].windows }}"
    blackout_periods: "{{ renewal.schedules[0].blackout_periods }}"
    compliance: "{{ renewal.schedules[0].compliance }}"
"""

RETURN = r"""
schedules:
  description:
    - The schedules, sorted by campaign then name, each with its C(id) and the keys of
      M(cxone.cxone.cxone_campaign_schedule)'s options.
    - Windows are sorted by day, start and end; blackouts by start; pauses by name.
  returned: always
  type: list
  elements: dict
  sample:
    - id: weekday-business-hours
      campaign: Spring Renewal Outreach
      name: Weekday business hours
      timezone: America/New_York
      windows:
        - {day: MONDAY, start: "09:00:00", end: "17:00:00", max_calls_per_day: 500, max_calls_per_hour: 80,
           predictive_rate: 1.2, max_calls_per_agent_per_day: 150}
      blackout_periods:
        - {start: "12:00:00", end: "13:00:00", reason: LUNCH_BREAK, applies_to_all_days: true}
      compliance: {regulatory_pauses: [NCDOJ, TCPA], agent_availability_projection: true, compliance_injection: true}
      status: ACTIVE
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result
from ansible_collections.cxone.cxone.plugins.module_utils.resources.campaign_schedule import list_schedules


def main():
    module = CXoneModule(argument_spec=dict(campaign=dict(type="str"), name=dict(type="str")))
    module.run(lambda ctx: read_result(schedules=list_schedules(ctx, ctx.params["campaign"], ctx.params["name"])))


if __name__ == "__main__":
    main()
