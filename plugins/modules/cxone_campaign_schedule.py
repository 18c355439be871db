#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_campaign_schedule
short_description: Manage the dialing hours of CXone outbound skills (campaign schedules)
version_added: 0.1.0
description:
  - On CXone (O(api=admin), the default) a campaign schedule is the dialing hours of an outbound skill
    of the campaign (the skill named O(name)), with one window a weekday, the whole week, and whether the
    schedule is on (O(status)); O(state=absent) switches it off. CXone has no time zone per schedule,
    blackout periods, call caps or compliance rules on it (those options are refused).
  - With O(api=v2) (the seed scripts' contract), one calling schedule of an outbound (dialer) campaign,
    with its time zone, calling windows, blackout periods and compliance rules, created, replaced and
    deleted.
  - A schedule is identified by its O(name) within the campaign (compared
    case-insensitively), never by anything derived from the clock, so running the
    task again finds the same schedule and changes nothing.
  - With O(api=v2) the API lets the client choose a schedule's ID. An existing schedule keeps its ID;
    a new one gets an ID derived from its name (a slug of the name and a short hash of
    the case-folded name, for example C(weekday-business-hours-fd4e580096)). Two runs,
    even two concurrent first runs, therefore write the same schedule. When that ID is
    held by a schedule that has since been renamed, the next derived ID (C(...-2)) is
    used; the renamed schedule is never overwritten.
  - Only the options you set are managed; an option left out keeps the value the
    schedule has. O(windows) and O(blackout_periods) are each managed as a whole list
    when given (order does not matter). Each sub-option of O(compliance) is managed on
    its own.
  - The whole task is checked before anything is written and every problem is listed
    in one error - time formats, ranges, windows that do not end after they start or
    that overlap on one day (touching is fine), blackouts for all days that cover a whole
    window, unknown time zones, and the capacity rule below. Nothing is clamped.
  - B(Capacity rule.) When O(compliance.agent_availability_projection) is true, the sum
    of O(windows[].max_calls_per_day) over all windows must not exceed 1.25 x the number of
    agents with an active WFM schedule x O(windows[].max_calls_per_agent_per_day). Every
    window then needs both fields. When windows set different per-agent limits the
    smallest one counts (the projection must hold whichever window's limit applies). The
    error gives the requested and the projected figures.
  - B(On the real CXone API) (O(api=admin)) dialing hours belong to an B(outbound skill);
    O(campaign) names the CXone campaign and O(name) the outbound skill in it (create the
    skill with M(cxone.cxone.cxone_queue), O(cxone.cxone.cxone_queue#module:outbound=true)).
    O(windows) (C(day), C(start), C(end); at most one a weekday) is the whole week (a weekday
    not listed is inactive). O(status) is whether the skill dials on its schedule;
    O(state=absent) sets it V(INACTIVE) and clears its dialing hours (the skill stays). O(timezone), O(blackout_periods),
    O(compliance) and the window caps do not exist there and are refused before any request.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  campaign:
    description:
      - The outbound campaign, by name or ID.
      - Required unless O(schedules) is given.
    type: str
  name:
    description:
      - Name of the schedule, unique within the campaign (compared case-insensitively).
      - Identifies the schedule unless O(id) is given; with O(id), a different name renames it.
      - One of O(name), O(id) or O(schedules) is required.
    type: str
  id:
    description:
      - ID of an existing schedule of the campaign, to manage a schedule created
        elsewhere under its own ID or to rename it.
      - The task fails when no schedule has this ID; leave it out to create a schedule by name.
    type: str
  state:
    description: V(present) creates or replaces the schedule, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  timezone:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone keeps an outbound
        skill's dialing hours in the tenant's time zone; there is no time zone per schedule."
      - IANA time zone the windows are in, for example C(America/New_York) or C(UTC).
      - Required to create a schedule.
    type: str
  windows:
    description:
      - Calling windows, at least one. Required to create a schedule.
      - The whole list is managed when given (a window left out is removed); its order
        does not matter. A C(max_*) field left out of an entry is not set on that window
        (the dialer applies no such limit); it is not "keep the current value".
    type: list
    elements: dict
    suboptions: &windows
      day:
        description: Day of the week.
        type: str
        required: true
        choices: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY]
      start:
        description:
          - Start time, strictly C(HH:MM:SS) (C(09:00) is refused).
          - Quote times in YAML; an unquoted C(17:00:00) is read as a number.
        type: str
        required: true
      end:
        description: End time, C(HH:MM:SS), after O(windows[].start) on the same day (no window crosses midnight).
        type: str
        required: true
      max_calls_per_day:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone schedule
            windows have no call caps or pacing; pacing is in the outbound skill's dialer settings, not managed by
            this collection."
          - Most calls of this window per day, 1 to 100000.
        type: int
      max_calls_per_hour:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone schedule
            windows have no call caps or pacing; pacing is in the outbound skill's dialer settings, not managed by
            this collection."
          - Most calls per hour, 1 to 10000.
        type: int
      predictive_rate:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone schedule
            windows have no call caps or pacing; pacing is in the outbound skill's dialer settings, not managed by
            this collection."
          - Predictive dialing rate, 0.1 to 3.0. Required with O(api=v2).
        type: float
      max_calls_per_agent_per_day:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone schedule
            windows have no call caps or pacing; pacing is in the outbound skill's dialer settings, not managed by
            this collection."
          - Most calls per agent per day, 1 to 500.
        type: int
  blackout_periods:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone schedules have no
        blackout periods: one window a weekday (split a day by ending its window earlier)."
      - Times of day when no call is placed. The whole list is managed when given
        (V([]) removes every blackout); its order does not matter.
      - A blackout that applies to all days may not cover a whole window.
    type: list
    elements: dict
    suboptions: &blackout_periods
      start:
        description: Start time, C(HH:MM:SS).
        type: str
        required: true
      end:
        description: End time, C(HH:MM:SS), after O(blackout_periods[].start).
        type: str
        required: true
      reason:
        description: Why, for example C(LUNCH_BREAK).
        type: str
        default: ""
      applies_to_all_days:
        description: Whether the blackout applies to every day.
        type: bool
        default: true
  compliance:
    description:
      - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone schedules have no
        compliance rules; calling rules live in the dialer's general and retry settings of the outbound skill."
      - Compliance rules. A sub-option left out keeps its current value (a new schedule
        has no pauses and both flags off).
    type: dict
    suboptions: &compliance
      regulatory_pauses:
        description: Regulatory pause regimes to honour, compared as a set.
        type: list
        elements: str
        choices: [NCDOJ, TCPA, FCC, STATE_SPECIFIC]
      agent_availability_projection:
        description:
          - Check the capacity rule (see above) against the agents with an active WFM schedule.
        type: bool
      compliance_injection:
        description: Let the dialer inject compliance rules (API field C(enableComplianceInjection)).
        type: bool
  status:
    description: V(ACTIVE) (the default for a new schedule) or V(INACTIVE) to pause it.
    type: str
    choices: [ACTIVE, INACTIVE]
  schedules:
    version_added: 0.3.0
    description:
      - Several schedules, of one campaign or of several, instead of O(campaign) with O(name) or O(id).
        Each entry takes the options of a single schedule. Every entry is checked before the first
        write; when one cannot be written the task stops and says which were and were not applied.
    type: list
    elements: dict
    suboptions:
      campaign:
        description: As O(campaign).
        type: str
        required: true
      name:
        description: As O(name).
        type: str
        required: true
      id:
        description: As O(id).
        type: str
      state:
        description: As O(state).
        type: str
        choices: [present, absent]
        default: present
      timezone:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone keeps an
            outbound skill's dialing hours in the tenant's time zone; there is no time zone per schedule."
          - As O(timezone).
        type: str
      windows:
        description: As O(windows).
        type: list
        elements: dict
        suboptions: *windows
      blackout_periods:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone schedules
            have no blackout periods: one window a weekday (split a day by ending its window earlier)."
          - As O(blackout_periods).
        type: list
        elements: dict
        suboptions: *blackout_periods
      compliance:
        description:
          - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone schedules
            have no compliance rules; calling rules live in the dialer's general and retry settings of the outbound
            skill."
          - As O(compliance).
        type: dict
        suboptions: *compliance
      status:
        description: As O(status).
        type: str
        choices: [ACTIVE, INACTIVE]
notes:
  - The campaign is resolved before anything else; an unknown campaign fails the task.
  - The capacity rule needs the C(wfm:schedules:read) scope.
seealso:
  - module: cxone.cxone.cxone_campaign_schedule_info
"""

EXAMPLES = r"""
- name: Weekday calling hours for the renewal campaign
  cxone.cxone.cxone_campaign_schedule:
    api: v2  # the seed scripts' contract
    campaign: Spring Renewal Outreach
    name: Weekday evenings
    timezone: America/New_York
    windows:
      - day: MONDAY
        start: "17:00:00"
        end: "20:00:00"
        max_calls_per_day: 400
        max_calls_per_hour: 150
        predictive_rate: 1.2
        max_calls_per_agent_per_day: 60
      - day: TUESDAY
        start: "17:00:00"
        end: "20:00:00"
        max_calls_per_day: 400
        max_calls_per_hour: 150
        predictive_rate: 1.2
        max_calls_per_agent_per_day: 60
    blackout_periods:
      - start: "18:30:00"
        end: "18:45:00"
        reason: SHIFT_HANDOVER
    compliance:
      regulatory_pauses: [TCPA, NCDOJ]
      agent_availability_projection: true

- name: Pause it, keep everything else
  cxone.cxone.cxone_campaign_schedule:
    api: v2  # the seed scripts' contract
    campaign: Spring Renewal Outreach
    name: Weekday evenings
    status: INACTIVE

- name: Remove it
  cxone.cxone.cxone_campaign_schedule:
    api: v2  # the seed scripts' contract
    campaign: Spring Renewal Outreach
    name: Weekday evenings
    state: absent
"""

RETURN = r"""
schedule:
  description:
    - The schedule as the tenant holds it after the task (in check mode, as it would), with
      the keys of the module's options. Empty when deleted.
    - Windows are sorted by day, start and end; blackouts by start; pauses by name.
  returned: with O(name) or O(id)
  type: dict
  contains:
    id:
      description: Schedule ID (null for a schedule check mode would create).
      type: str
    campaign:
      description: Campaign name.
      type: str
    name:
      description: Schedule name.
      type: str
    timezone:
      description: IANA time zone.
      type: str
    windows:
      description: Calling windows; a C(max_*) key is null when the window does not set it.
      type: list
      elements: dict
    blackout_periods:
      description: Blackouts (C(start), C(end), C(reason), C(applies_to_all_days)).
      type: list
      elements: dict
    compliance:
      description: C(regulatory_pauses), C(agent_availability_projection), C(compliance_injection).
      type: dict
    status:
      description: V(ACTIVE) or V(INACTIVE).
      type: str
  sample:
    id: weekday-evenings-3f1c0a2b9d
    campaign: Spring Renewal Outreach
    name: Weekday evenings
    timezone: America/New_York
    windows:
      - {day: MONDAY, start: "17:00:00", end: "20:00:00", max_calls_per_day: 400, max_calls_per_hour: 150,
         predictive_rate: 1.2, max_calls_per_agent_per_day: 60}
    blackout_periods:
      - {start: "18:30:00", end: "18:45:00", reason: SHIFT_HANDOVER, applies_to_all_days: true}
    compliance: {regulatory_pauses: [NCDOJ, TCPA], agent_availability_projection: true, compliance_injection: false}
    status: ACTIVE
schedules:
  description: With O(schedules), each listed schedule after the task, as in RV(schedule). A deleted one is left out.
  returned: with O(schedules)
  type: list
  elements: dict
added:
  description: With O(schedules), the schedules the task created, as C(campaign / name).
  returned: with O(schedules)
  type: list
  elements: str
updated:
  description: With O(schedules), the schedules the task changed, as C(campaign / name).
  returned: with O(schedules)
  type: list
  elements: str
removed:
  description: With O(schedules), the schedules the task deleted, as C(campaign / name).
  returned: with O(schedules)
  type: list
  elements: str
failures:
  description: With O(schedules), the schedule that could not be written and why (the task fails too).
  returned: on failure with O(schedules)
  type: list
  elements: dict
diff:
  description:
    - The schedule before and after, as in RV(schedule) without the ID. Returned with C(--diff).
    - With O(schedules), C(before.schedules) and C(after.schedules) list the schedules.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.campaign_schedule import ScheduleOptions, reconcile


SCHEDULE_OPTIONS = argument_spec(ScheduleOptions, exclude=("name",))


def main():
    module = CXoneModule.for_named_object(
        several="schedules",
        required_by={"name": "campaign", "id": "campaign"},
        campaign=dict(type="str"),
        schedules=dict(type="list", elements="dict", options=dict(
            campaign=dict(type="str", required=True),
            name=dict(type="str", required=True),
            id=dict(type="str"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            **SCHEDULE_OPTIONS
        )),
        **SCHEDULE_OPTIONS
    )
    module.run(reconcile)


if __name__ == "__main__":
    main()
