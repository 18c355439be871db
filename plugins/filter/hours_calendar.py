# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A CXone hours-of-operation profile as a peak calendar's windows and holidays, so the
peak_mode role can let the tenant's own calendar decide peak. Pure: no I/O."""

from __future__ import annotations

DOCUMENTATION = r"""
name: hours_calendar
short_description: An hours-of-operation profile as peak calendar windows and holidays
version_added: 0.3.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Turns a profile as M(cxone.cxone.cxone_hours_of_operation_info) returns it into the C(windows)
    and C(holidays) of a peak calendar (see the C(cxone.cxone.peak_decision) filter).
  - Each open weekday gives a window from its opening to its closing time, and one more for its
    additional hours. Days with the same hours share one window.
  - Every holiday of the profile is a holiday of the calendar (never peak). A holiday's own hours
    are not used (the calendar has no dated windows).
options:
  _input:
    description: The profile, with C(name), C(days) and C(holidays).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: The peak calendar from the profile "Peak hours"
  ansible.builtin.set_fact:
    calendar: "{{ {'timezone': 'America/New_York'} | combine(profile | cxone.cxone.hours_calendar) }}"
  vars:
    profile: "{{ (hours.hours_of_operation | first) }}"
"""

RETURN = r"""
_value:
  description: C(windows) (C(name), C(days), C(start), C(end)) and C(holidays) (dates).
  type: dict
"""

from ansible.errors import AnsibleFilterError

SHORT = {"MONDAY": "mon", "TUESDAY": "tue", "WEDNESDAY": "wed", "THURSDAY": "thu", "FRIDAY": "fri",
         "SATURDAY": "sat", "SUNDAY": "sun"}


def hours_calendar(profile):
    if not isinstance(profile, dict) or not isinstance(profile.get("days"), list):
        raise AnsibleFilterError("hours_calendar: expects an hours-of-operation profile with days, got %r"
                                 % (type(profile).__name__,))
    spans = {}  # (start, end) -> weekdays, in the week's order
    for day in profile["days"]:
        if day.get("closed") or str(day.get("day", "")).upper() not in SHORT:
            continue
        for start, end in ((day.get("open"), day.get("close")),
                           (day.get("additional_open"), day.get("additional_close"))):
            if start and end:
                spans.setdefault((start, end), []).append(SHORT[day["day"].upper()])
    name = profile.get("name") or "hours of operation"
    windows = [{"name": "%s %s-%s" % (name, start[:5], end[:5]), "days": days, "start": start, "end": end}
               for (start, end), days in spans.items()]
    holidays = sorted({h["date"] for h in profile.get("holidays") or [] if h.get("date")})
    return {"windows": windows, "holidays": holidays}


class FilterModule:
    """cxone.cxone peak calendar filters."""

    def filters(self):
        return {"hours_calendar": hours_calendar}
