#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_hours_of_operation
short_description: Manage CXone hours-of-operation profiles
version_added: 0.3.0
description:
  - "Only with O(api=admin). With O(api=v2) it is refused before any request: the seeds' contract has no hours of
    operation; use api=admin."
  - Create, update and delete an hours-of-operation profile of a NICE CXone tenant - its
    opening hours for each weekday, its holidays and the queues (skills) it applies to.
    Studio scripts read it to route contacts when the contact center is closed; the role
    C(cxone.cxone.peak_mode) can take its calendar from one.
  - A profile is identified by its O(name) (compared case-insensitively).
  - Only the options you set are managed. O(days) is the whole week when given (a weekday
    not listed is closed all day); O(holidays) is the whole holiday list when given; O(queues)
    is the whole set of queues when given (order does not matter).
  - The whole task is checked before anything is written (times, a close after its open,
    additional hours after the close, a day or a holiday listed twice).
  - Needs O(api=admin) (the real CXone API); O(api=v2) is refused before any request.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  name:
    description:
      - Name of the profile, 1 to 50 characters.
      - Identifies the profile unless O(id) is given; with O(id), a different name renames it.
    type: str
  id:
    description: ID of an existing profile. Use it to rename a profile.
    type: str
  state:
    description: V(present) creates or updates the profile, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  description:
    description: What the profile is for.
    type: str
  days:
    description:
      - The opening hours of the week, one entry a weekday at most; a weekday not listed is closed all day.
      - Required to create a profile.
    type: list
    elements: dict
    suboptions:
      day:
        description: The weekday.
        type: str
        required: true
        choices: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY]
      open:
        description: Opening time, C(HH:MM:SS). Quote times in YAML.
        type: str
      close:
        description: Closing time, C(HH:MM:SS), after O(days[].open).
        type: str
      closed:
        description: Closed all day (no hours).
        type: bool
        default: false
      additional_open:
        description: Start of additional hours the same day, C(HH:MM:SS), at or after O(days[].close).
        type: str
      additional_close:
        description: End of the additional hours, after O(days[].additional_open).
        type: str
  holidays:
    description: The profile's holidays, the whole list when given.
    type: list
    elements: dict
    suboptions:
      name:
        description: The holiday's name.
        type: str
        required: true
      date:
        description: The date, C(YYYY-MM-DD), each date once.
        type: str
        required: true
      open:
        description: Opening time that day, C(HH:MM:SS); leave out (with O(holidays[].close)) for a closed day.
        type: str
      close:
        description: Closing time that day.
        type: str
      closed:
        description: Closed all day; the default when no hours are given.
        type: bool
  queues:
    description: The queues (skills) the profile applies to, by name or ID; the whole set when given.
    type: list
    elements: str
seealso:
  - module: cxone.cxone.cxone_hours_of_operation_info
"""

EXAMPLES = r"""
- name: Business hours, Saturday mornings, closed on New Year's Day
  cxone.cxone.cxone_hours_of_operation:
    name: Business hours
    description: Where Support and Billing are open
    days:
      - {day: MONDAY, open: "08:00:00", close: "18:00:00"}
      - {day: TUESDAY, open: "08:00:00", close: "18:00:00"}
      - {day: WEDNESDAY, open: "08:00:00", close: "18:00:00"}
      - {day: THURSDAY, open: "08:00:00", close: "18:00:00", additional_open: "19:00:00", additional_close: "21:00:00"}
      - {day: FRIDAY, open: "08:00:00", close: "18:00:00"}
      - {day: SATURDAY, open: "09:00:00", close: "12:00:00"}
    holidays:
      - {name: New Year, date: "2027-01-01"}
      - {name: Christmas Eve, date: "2026-12-24", open: "08:00:00", close: "12:00:00"}
    queues: [Support, Billing]

- name: Add a holiday (the list is managed as a whole)
  cxone.cxone.cxone_hours_of_operation:
    name: Business hours
    holidays:
      - {name: New Year, date: "2027-01-01"}
      - {name: Christmas Eve, date: "2026-12-24", open: "08:00:00", close: "12:00:00"}
      - {name: Christmas, date: "2026-12-25"}

- name: Delete a profile
  cxone.cxone.cxone_hours_of_operation:
    name: Old promo hours
    state: absent
"""

RETURN = r"""
hours_of_operation:
  description: The profile after the task (as it would be, in check mode), with its C(id); empty after O(state=absent).
  returned: always
  type: dict
  sample:
    id: 7001
    name: Business hours
    description: Where Support and Billing are open
    days:
      - {day: MONDAY, open: "08:00:00", close: "18:00:00", closed: false, additional_open: null, additional_close: null}
      - {day: SUNDAY, open: null, close: null, closed: true, additional_open: null, additional_close: null}
    holidays:
      - {name: New Year, date: "2027-01-01", open: null, close: null, closed: true}
    queues: [Billing, Support]
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.hours_of_operation import HOURS_OF_OPERATION, reconcile


def main():
    # The profile's options as its model declares them (resources/hours_of_operation.py).
    module = CXoneModule.for_named_object(**argument_spec(HOURS_OF_OPERATION.model, exclude=("name",)))
    module.run(reconcile)


if __name__ == "__main__":
    main()
