# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Campaign season decision: is "now" inside a season given by a first and a last day
in an IANA time zone? Pure: no I/O, no clock unless ``now`` is left out, no state kept
between calls, so a role that calls it every minute decides from its input alone."""

from __future__ import annotations

DOCUMENTATION = r"""
name: season_decision
short_description: Decide whether a moment is inside a campaign season
version_added: 0.1.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Computes, for one moment, whether a season given by its first and last day is on.
    Used by the role R(cxone.cxone.campaign_season,ansible_collections.cxone.cxone.campaign_season_role).
  - "The season runs from 00:00 of O(_input.start) to the end of O(_input.end), local time in
    O(_input.timezone): both days are included. In other words: start inclusive, and the
    season ends (exclusive) at 00:00 of the day after O(_input.end). A one-day season has the
    same start and end."
  - Membership is decided by the local date of O(now) in O(_input.timezone), so daylight saving
    time changes (also at midnight) never move the boundaries.
  - "Invalid input raises an error that names the variable (the names can be set with
    O(var_names)), for example C(campaign_season_end: 2026-02-01 is before campaign_season_start 2026-03-01)."
options:
  _input:
    description: The season.
    type: dict
    required: true
    suboptions:
      start:
        description: First day of the season, V(YYYY-MM-DD) (a C(date) object works too).
        type: str
        required: true
      end:
        description: Last day of the season, V(YYYY-MM-DD), on or after O(_input.start).
        type: str
        required: true
      timezone:
        description: IANA time zone the days are in, for example V(America/New_York) or V(UTC).
        type: str
        required: true
  now:
    description:
      - The moment to decide for, an ISO 8601 date-time (a C(datetime) object works too).
      - With an offset (V(2026-03-09T14:05:00Z), V(2026-03-09T09:05:00-04:00)) it is converted to
        O(_input.timezone); without one (V(2026-03-09T09:05)) it is wall-clock time in O(_input.timezone).
      - Default is the current time.
    type: raw
  name:
    description: What the season is called in the reason line.
    type: str
    default: campaign season
  var_names:
    description:
      - How to name the inputs in error messages, a dict with the keys C(start), C(end), C(timezone)
        and C(now), for example C(start) set to V(campaign_season_start).
    type: dict
    default: {start: start, end: end, timezone: timezone, now: now}
"""

EXAMPLES = r"""
- name: Is the spring season on now?
  ansible.builtin.set_fact:
    season: "{{ {'start': '2026-03-01', 'end': '2026-05-31', 'timezone': 'America/New_York'} | cxone.cxone.season_decision }}"

- name: Plan - would it be on at New York midnight on 1 June 2026?
  ansible.builtin.debug:
    msg: >-
      {{ ({'start': '2026-03-01', 'end': '2026-05-31', 'timezone': 'America/New_York'}
          | cxone.cxone.season_decision(now='2026-06-01T00:00', name='Spring season')).reason }}
"""

RETURN = r"""
_value:
  description: The decision.
  type: dict
  contains:
    active:
      description: Whether the season is on at O(now).
      type: bool
    phase:
      description: V(before), V(in) or V(after) the season.
      type: str
    reason:
      description: >-
        One line saying why, for example
        C(campaign season ON: Mon 2026-03-09 09:05 America/New_York is within 2026-03-01..2026-05-31 (day 9 of 92)),
        C(campaign season OFF: Sat 2026-02-28 23:59 America/New_York is before the season (2026-03-01..2026-05-31))
        or C(campaign season OFF: Mon 2026-06-01 00:00 America/New_York is after the season (2026-03-01..2026-05-31)).
      type: str
    now:
      description: The moment decided for, ISO 8601 in the season's time zone.
      type: str
    local_date:
      description: The date of O(now) in the season's time zone (V(YYYY-MM-DD)).
      type: str
    timezone:
      description: The season's time zone.
      type: str
    start:
      description: First day of the season (V(YYYY-MM-DD)).
      type: str
    end:
      description: Last day of the season (V(YYYY-MM-DD)).
      type: str
    starts_at:
      description: When the season starts (inclusive), ISO 8601 in the season's time zone.
      type: str
    ends_at:
      description: When the season ends (exclusive, 00:00 of the day after O(_input.end)), ISO 8601.
      type: str
    days:
      description: Length of the season in days.
      type: int
    day:
      description: Which day of the season O(now) is (1 = the first day); null outside the season.
      type: int
"""

import datetime

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.cxone.cxone.plugins.plugin_utils._calendar import (
    DAY_NAMES,
    fail as _fail,
    parse_date as parse_day,
    parse_now,
    parse_zone,
)


DEFAULT_NAMES = {"start": "start", "end": "end", "timezone": "timezone", "now": "now"}
SEASON_KEYS = ("start", "end", "timezone")


def _midnight(day, zone):
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=zone)


def season_decision(season, now=None, name="campaign season", var_names=None):
    """The season decision for ``now``; see DOCUMENTATION."""
    names = dict(DEFAULT_NAMES)
    names.update(var_names or {})
    if not isinstance(season, dict):
        raise AnsibleFilterError("the season must be a dict with start, end and timezone, got %s"
                                 % type(season).__name__)
    unknown = sorted(str(key) for key in season if key not in SEASON_KEYS)
    if unknown:
        raise AnsibleFilterError("unknown season key(s) %s; allowed: %s" % (", ".join(unknown), ", ".join(SEASON_KEYS)))
    for key in SEASON_KEYS:
        if season.get(key) is None:
            _fail(names[key], "required")
    zone = parse_zone(season["timezone"], names["timezone"])
    start = parse_day(season["start"], names["start"])
    end = parse_day(season["end"], names["end"])
    if end < start:
        _fail(names["end"], "%s is before %s %s; the end is the season's last day (included), so a one-day "
                            "season has end = start" % (end.isoformat(), names["start"], start.isoformat()))
    moment = parse_now(now, zone, names["now"])

    zone_name = season["timezone"].strip()
    today = moment.date()
    span = "%s..%s" % (start.isoformat(), end.isoformat())
    days = (end - start).days + 1
    label = to_text(name or "campaign season")
    at = "%s %s %s" % (DAY_NAMES[moment.weekday()], moment.strftime("%Y-%m-%d %H:%M"), zone_name)
    if today < start:
        phase, reason = "before", "%s OFF: %s is before the season (%s)" % (label, at, span)
    elif today > end:
        phase, reason = "after", "%s OFF: %s is after the season (%s)" % (label, at, span)
    else:
        phase = "in"
        reason = "%s ON: %s is within %s (day %d of %d)" % (label, at, span, (today - start).days + 1, days)
    return {
        "active": phase == "in",
        "phase": phase,
        "reason": reason,
        "now": moment.isoformat(),
        "local_date": today.isoformat(),
        "timezone": zone_name,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "starts_at": _midnight(start, zone).isoformat(),
        "ends_at": _midnight(end + datetime.timedelta(days=1), zone).isoformat(),
        "days": days,
        "day": (today - start).days + 1 if phase == "in" else None,
    }


class FilterModule:
    """cxone.cxone campaign season filters."""

    def filters(self):
        return {"season_decision": season_decision}
