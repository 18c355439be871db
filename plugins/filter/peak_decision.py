# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Peak mode decision: is "now" peak, from a weekly calendar, holidays and the live
load of some queues? Pure: no I/O, no clock unless ``now`` is left out, no state
kept between calls. The tenant's own state (are the peak members present?) comes
in as ``currently_active`` and gives the load trigger its hysteresis."""

from __future__ import annotations

DOCUMENTATION = r"""
name: peak_decision
short_description: Decide whether peak mode is on, from a calendar and the live queue load
version_added: 0.1.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Computes the desired peak mode for one moment from a weekly peak calendar (in an
    IANA time zone, with holidays that are never peak) and, optionally, a load trigger
    on the live load of some queues (as read by M(cxone.cxone.cxone_queue_load_info)).
  - "The rules, in order: on a holiday (the local date of O(now) is listed) peak is
    off, whatever the load; inside a calendar window peak is on; otherwise, with a
    O(trigger), peak is on when any watched queue is at or above an enter mark, off
    when every watched queue is below its leave marks, and in between it keeps
    O(currently_active) (hysteresis); without a trigger, peak is off."
  - The filter keeps no state. The role C(cxone.cxone.peak_mode) passes as
    O(currently_active) whether the peak members are present in the tenant now, so
    every run decides from the calendar and the tenant alone.
  - Windows are wall-clock times in the calendar's time zone, so they follow daylight
    saving time. A window whose end is not after its start crosses midnight (from V(22:00)
    to V(02:00), the part after midnight belongs to the day after each listed day).
    Holidays are matched against the local date of O(now), also after midnight in
    such a window.
  - >-
    Invalid input raises an error that names the variable and the item (the names can
    be set with O(var_names)), for example
    C(peak_mode_calendar.windows[0].end: '25:00' is not a time of day (HH:MM)).
options:
  _input:
    description:
      - The peak calendar.
    type: dict
    required: true
    suboptions:
      timezone:
        description: IANA time zone of the windows and holidays, for example V(America/New_York) or V(UTC).
        type: str
        required: true
      windows:
        description: Weekly peak windows. An empty list means peak comes from the load trigger only.
        type: list
        elements: dict
        default: []
        suboptions:
          name:
            description: A label shown in the reason.
            type: str
          days:
            description:
              - Days of the week the window starts on.
              - V(mon) ... V(sun); full names and any letter case are accepted too.
            type: list
            elements: str
            required: true
          start:
            description:
              - Start, V(HH:MM) or V(HH:MM:SS), inclusive.
              - Quote times in YAML; an unquoted V(11:00) is read by YAML as the number 660.
            type: str
            required: true
          end:
            description:
              - End, V(HH:MM) or V(HH:MM:SS), exclusive. V(24:00) is the end of the day.
              - An end that is not after the start crosses midnight. An end equal to the start is refused.
            type: str
            required: true
      holidays:
        description: Dates (V(YYYY-MM-DD), local to O(_input.timezone)) that are never peak.
        type: list
        elements: str
        default: []
  now:
    description:
      - The moment to decide for, an ISO 8601 date-time (a C(datetime) object works too).
      - With an offset (V(2026-03-09T14:05:00Z), V(2026-03-09T09:05:00-04:00)) it is converted
        to the calendar's time zone; without one (V(2026-03-09T09:05)) it is read as wall-clock
        time in the calendar's time zone, which is handy for planning ("what would Monday 09:05 do?").
      - Default is the current time.
    type: raw
  trigger:
    description:
      - The load trigger. Peak is entered when any watched queue has O(trigger.enter_waiting)
        or more contacts waiting, or its oldest contact has waited O(trigger.enter_oldest_wait_seconds)
        or more; it is left when every watched queue is below all of its leave marks.
      - At least one enter mark is required. A leave mark defaults to its enter mark (no hysteresis band).
    type: dict
    suboptions:
      queues:
        description: Queues to watch, by name or ID, as given to M(cxone.cxone.cxone_queue_load_info).
        type: list
        elements: str
        required: true
      enter_waiting:
        description: Enter peak at this many waiting contacts (at least 1).
        type: int
      leave_waiting:
        description: Leave peak below this many waiting contacts (1 to O(trigger.enter_waiting)).
        type: int
      enter_oldest_wait_seconds:
        description: Enter peak when the oldest waiting contact has waited this long (at least 1).
        type: int
      leave_oldest_wait_seconds:
        description: Leave peak below this oldest wait (1 to O(trigger.enter_oldest_wait_seconds)).
        type: int
  load:
    description:
      - The live load of the watched queues, as RV(cxone.cxone.cxone_queue_load_info#module:queues)
        returns it (API key spellings C(queueId), C(oldestWaitSeconds) work too). Each watched queue
        is looked up by C(queue) (name, case-insensitive) or C(queue_id).
      - Required with O(trigger) unless the calendar alone decides (a holiday or a window).
    type: list
    elements: dict
  currently_active:
    description:
      - Whether peak mode is on in the tenant now (the role passes "are the peak members present").
      - Only used while the load is between the leave and enter marks.
    type: bool
    default: false
  var_names:
    description:
      - >-
        How to name the inputs in error messages, for example
        C({"calendar": "peak_mode_calendar", "now": "peak_mode_now", "trigger": "peak_mode_load"}).
    type: dict
    default: {calendar: calendar, now: now, trigger: trigger, load: load}
"""

EXAMPLES = r"""
- name: Decide for now from the calendar only
  ansible.builtin.set_fact:
    peak: "{{ calendar | cxone.cxone.peak_decision }}"
  vars:
    calendar:
      timezone: America/New_York
      windows:
        - days: [mon, tue, wed, thu, fri]
          start: "09:00"
          end: "11:00"
      holidays: ["2026-12-25"]

- name: Plan - what would Monday 9 March 2026, 09:05 New York time do?
  ansible.builtin.debug:
    msg: "{{ (calendar | cxone.cxone.peak_decision(now='2026-03-09T09:05')).reason }}"

- name: With the live load and the tenant's current state
  ansible.builtin.set_fact:
    peak: >-
      {{ calendar | cxone.cxone.peak_decision(
           trigger={'queues': ['Support'], 'enter_waiting': 10, 'leave_waiting': 5},
           load=support_load.queues, currently_active=peak_members_present) }}
"""

RETURN = r"""
_value:
  description: The decision.
  type: dict
  contains:
    active:
      description: Whether peak mode should be on.
      type: bool
    reason:
      description: >-
        One line saying why, for example C(peak ON: calendar window Mon-Fri 09:00-11:00 (America/New_York)),
        C(peak OFF: holiday 2026-12-25), C(peak ON: load on Support waiting=14 >= 10) or
        C(peak ON (held): load between marks, peak members present; Support waiting=7 (enter >= 10, leave < 5)).
      type: str
    source:
      description: >-
        What decided: V(holiday), V(calendar), V(load) (an enter mark reached), V(held) (between the marks,
        the current state kept), V(load_below) (every watched queue below its leave marks) or V(off)
        (outside every window, no trigger).
      type: str
    held:
      description: True when the load was between the marks and the current state was kept.
      type: bool
    currently_active:
      description: The O(currently_active) given.
      type: bool
    timezone:
      description: The calendar's time zone.
      type: str
    now:
      description: The moment decided for, ISO 8601 in the calendar's time zone.
      type: str
    local_day:
      description: Day of the week of O(now) in the calendar's time zone (V(Mon) ... V(Sun)).
      type: str
    local_time:
      description: Time of day of O(now) in the calendar's time zone (V(HH:MM)).
      type: str
    window:
      description: The window O(now) is in (the first listed one), with its C(label); null outside windows.
      type: dict
    holiday:
      description: The holiday O(now) falls on (V(YYYY-MM-DD)), else null.
      type: str
    load:
      description: >-
        Per watched queue, C(queue), C(waiting), C(oldest_wait_seconds) and C(level) (V(enter), V(between) or
        V(below)); null when the load did not count (no trigger, or the calendar decided).
      type: list
      elements: dict
"""

import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.cxone.cxone.plugins.plugin_utils._calendar import (
    DAY_NAMES,
    fail as _fail,
    parse_date,
    parse_now,
    parse_zone,
)


_DAYS = {}
for _index, _full in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
    _DAYS[_full] = _index
    _DAYS[_full[:3]] = _index
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?$")
DEFAULT_NAMES = {"calendar": "calendar", "now": "now", "trigger": "trigger", "load": "load"}
CALENDAR_KEYS = ("timezone", "windows", "holidays")
WINDOW_KEYS = ("name", "days", "start", "end")
TRIGGER_KEYS = ("queues", "enter_waiting", "leave_waiting", "enter_oldest_wait_seconds", "leave_oldest_wait_seconds")
# (enter key, leave key, observation key, label in reasons)
METRICS = (
    ("enter_waiting", "leave_waiting", "waiting", "waiting"),
    ("enter_oldest_wait_seconds", "leave_oldest_wait_seconds", "oldest_wait_seconds", "oldest_wait_seconds"),
)


def _check_keys(value, allowed, where):
    if not isinstance(value, dict):
        _fail(where, "must be a dict, got %s" % type(value).__name__)
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        _fail(where, "unknown key(s) %s; allowed: %s" % (", ".join(unknown), ", ".join(allowed)))


# ---- parsing -----------------------------------------------------------------------

def parse_time(value, where, allow_24=False):
    """Seconds after midnight of an ``HH:MM`` / ``HH:MM:SS`` time."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        _fail(where, "%r is not a time of day (HH:MM)" % (value,))
    if isinstance(value, int):
        _fail(where, "%r is not a time of day (HH:MM); quote times in YAML: an unquoted 11:00 is read "
                     "as the number 660 (base 60)" % (value,))
    text = to_text(value).strip()
    match = _TIME.match(text)
    if not match:
        hint = "; quote times in YAML: an unquoted 11:00 is read as the number 660 (base 60)" if text.isdigit() else ""
        _fail(where, "%r is not a time of day (HH:MM)%s" % (value, hint))
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if allow_24 and (hours, minutes, seconds) == (24, 0, 0):
        return 86400
    if hours > 23 or minutes > 59 or seconds > 59:
        _fail(where, "%r is not a time of day (HH:MM, 00:00 to 23:59%s)" % (value, ", or 24:00" if allow_24 else ""))
    return hours * 3600 + minutes * 60 + seconds


def _format_time(seconds):
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return "%02d:%02d" % (hours, minutes) + (":%02d" % secs if secs else "")


def parse_days(value, where):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not value:
        _fail(where, "must be a non-empty list of days (mon ... sun)")
    days = []
    for index, day in enumerate(value):
        key = to_text(day).strip().lower() if isinstance(day, str) else None
        if key not in _DAYS:
            _fail("%s[%d]" % (where, index), "%r is not a day of the week (mon, tue, wed, thu, fri, sat, sun)" % (day,))
        if _DAYS[key] in days:
            _fail("%s[%d]" % (where, index), "%r is listed more than once" % (day,))
        days.append(_DAYS[key])
    return sorted(days)


def format_days(days):
    """[0, 1, 2, 3, 4] -> 'Mon-Fri'; [0, 2, 4] -> 'Mon,Wed,Fri'."""
    runs = []
    for day in sorted(days):
        if runs and day == runs[-1][1] + 1:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    parts = []
    for first, last in runs:
        if first == last:
            parts.append(DAY_NAMES[first])
        elif last == first + 1:
            parts.append("%s,%s" % (DAY_NAMES[first], DAY_NAMES[last]))
        else:
            parts.append("%s-%s" % (DAY_NAMES[first], DAY_NAMES[last]))
    return ",".join(parts)


def parse_calendar(calendar, names):
    where = names["calendar"]
    _check_keys(calendar, CALENDAR_KEYS, where)
    zone = parse_zone(calendar.get("timezone"), where + ".timezone")
    windows = calendar.get("windows") or []
    if not isinstance(windows, (list, tuple)):
        _fail(where + ".windows", "must be a list of windows")
    parsed = []
    for index, window in enumerate(windows):
        at = "%s.windows[%d]" % (where, index)
        _check_keys(window, WINDOW_KEYS, at)
        for key in ("days", "start", "end"):
            if window.get(key) is None:
                _fail(at, "%s is required" % key)
        days = parse_days(window["days"], at + ".days")
        start = parse_time(window["start"], at + ".start")
        end = parse_time(window["end"], at + ".end", allow_24=True)
        if end == start:
            _fail(at + ".end", "%r equals the start; a window must not be empty (a whole day is 00:00 to 24:00)"
                  % (window["end"],))
        if end == 86400:
            end_label = "24:00"
        else:
            end_label = _format_time(end)
        label = "%s %s-%s" % (format_days(days), _format_time(start), end_label)
        if window.get("name"):
            label = "%s %s" % (window["name"], label)
        parsed.append({"days": days, "start": start, "end": end, "overnight": end < start,
                       "label": label, "name": window.get("name")})
    holidays = calendar.get("holidays") or []
    if not isinstance(holidays, (list, tuple)):
        _fail(where + ".holidays", "must be a list of dates (YYYY-MM-DD)")
    dates = [parse_date(day, "%s.holidays[%d]" % (where, index)) for index, day in enumerate(holidays)]
    return zone, parsed, set(dates)


def _positive_int(value, where, minimum=1):
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(to_text(value))
        except (TypeError, ValueError):
            _fail(where, "%r is not a whole number" % (value,))
    if value < minimum:
        _fail(where, "%r is below %d" % (value, minimum))
    return value


def parse_trigger(trigger, names):
    where = names["trigger"]
    _check_keys(trigger, TRIGGER_KEYS, where)
    queues = trigger.get("queues")
    if isinstance(queues, str) or not isinstance(queues, (list, tuple)) or not queues:
        _fail(where + ".queues", "a non-empty list of queue names or IDs is required")
    seen = set()
    for index, queue in enumerate(queues):
        if not isinstance(queue, str) or not queue.strip():
            _fail("%s.queues[%d]" % (where, index), "%r is not a queue name or ID" % (queue,))
        if queue.casefold() in seen:
            _fail("%s.queues[%d]" % (where, index), "%r is listed more than once" % (queue,))
        seen.add(queue.casefold())
    marks = {}
    for enter_key, leave_key, _obs, _label in METRICS:
        enter = trigger.get(enter_key)
        leave = trigger.get(leave_key)
        if enter is None:
            if leave is not None:
                _fail("%s.%s" % (where, leave_key), "set only together with %s" % enter_key)
            continue
        enter = _positive_int(enter, "%s.%s" % (where, enter_key))
        leave = enter if leave is None else _positive_int(leave, "%s.%s" % (where, leave_key))
        if leave > enter:
            _fail("%s.%s" % (where, leave_key), "%d is above %s (%d); the leave mark must not be above the enter mark"
                  % (leave, enter_key, enter))
        marks[enter_key] = (enter, leave)
    if not marks:
        _fail(where, "set enter_waiting or enter_oldest_wait_seconds (or both)")
    return {"queues": list(queues), "marks": marks}


def _observation_value(observation, key):
    camel = {"waiting": "waiting", "oldest_wait_seconds": "oldestWaitSeconds"}[key]
    value = observation.get(key, observation.get(camel))
    return value


def match_load(trigger, load, names):
    """[(queue label, observation)] for every watched queue, in the trigger's order."""
    where = names["load"]
    if not isinstance(load, (list, tuple)):
        _fail(where, "must be a list of queue observations (the 'queues' result of cxone_queue_load_info)")
    found = []
    for queue in trigger["queues"]:
        match = None
        for index, observation in enumerate(load):
            if not isinstance(observation, dict):
                _fail("%s[%d]" % (where, index), "must be a dict")
            ids = (observation.get("queue_id"), observation.get("queueId"))
            name = observation.get("queue")
            if queue in ids or (isinstance(name, str) and name.casefold() == queue.casefold()):
                match = observation
                break
        if match is None:
            _fail(where, "no observation for the watched queue %r" % (queue,))
        values = {}
        for _enter, _leave, key, _label in METRICS:
            value = _observation_value(match, key)
            values[key] = _positive_int(0 if value is None else value, "%s[%r].%s" % (where, queue, key), minimum=0)
        found.append((match.get("queue") or queue, values))
    return found


# ---- the decision ------------------------------------------------------------------

def _in_window(window, weekday, seconds):
    if not window["overnight"]:
        return weekday in window["days"] and window["start"] <= seconds < window["end"]
    if weekday in window["days"] and seconds >= window["start"]:
        return True
    return (weekday - 1) % 7 in window["days"] and seconds < window["end"]


def _level(values, marks):
    entering, below = [], True
    for enter_key, _leave_key, key, label in METRICS:
        if enter_key not in marks:
            continue
        enter, leave = marks[enter_key]
        if values[key] >= enter:
            entering.append("%s=%d >= %d" % (label, values[key], enter))
        if values[key] >= leave:
            below = False
    if entering:
        return "enter", entering
    return ("below" if below else "between"), []


def _describe_marks(name, values, marks):
    parts = []
    for enter_key, _leave_key, key, label in METRICS:
        if enter_key in marks:
            enter, leave = marks[enter_key]
            parts.append("%s=%d (enter >= %d, leave < %d)" % (label, values[key], enter, leave))
    return "%s %s" % (name, ", ".join(parts))


def peak_decision(calendar, now=None, trigger=None, load=None, currently_active=False, var_names=None):
    """The desired peak mode for ``now``; see DOCUMENTATION."""
    names = dict(DEFAULT_NAMES)
    names.update(var_names or {})
    zone, windows, holidays = parse_calendar(calendar, names)
    moment = parse_now(now, zone, names["now"])
    parsed_trigger = parse_trigger(trigger, names) if trigger is not None else None
    if not isinstance(currently_active, bool):
        raise AnsibleFilterError("currently_active: %r is not a boolean" % (currently_active,))

    weekday = moment.weekday()
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    zone_name = calendar["timezone"].strip()
    result = {
        "active": False,
        "reason": "",
        "source": "off",
        "held": False,
        "currently_active": currently_active,
        "timezone": zone_name,
        "now": moment.isoformat(),
        "local_day": DAY_NAMES[weekday],
        "local_time": moment.strftime("%H:%M"),
        "window": None,
        "holiday": None,
        "load": None,
    }
    where = "%s %s %s" % (DAY_NAMES[weekday], result["local_time"], zone_name)

    if moment.date() in holidays:
        holiday = moment.date().isoformat()
        result.update(source="holiday", holiday=holiday, reason="peak OFF: holiday %s (%s)" % (holiday, zone_name))
        return result

    for window in windows:
        if _in_window(window, weekday, seconds):
            result.update(active=True, source="calendar",
                          window={"label": window["label"], "name": window["name"]},
                          reason="peak ON: calendar window %s (%s)" % (window["label"], zone_name))
            return result

    if parsed_trigger is None:
        result["reason"] = "peak OFF: outside calendar windows (%s)" % where
        return result
    if load is None:
        raise AnsibleFilterError("%s: the live load of %s is required with %s outside calendar windows"
                                 % (names["load"], ", ".join(parsed_trigger["queues"]), names["trigger"]))

    marks = parsed_trigger["marks"]
    observed = match_load(parsed_trigger, load, names)
    levels = []
    entering = []
    for name, values in observed:
        level, reached = _level(values, marks)
        levels.append(dict(values, queue=name, level=level))
        if reached:
            entering.append("%s %s" % (name, ", ".join(reached)))
    result["load"] = levels
    between = [_describe_marks(entry["queue"], entry, marks) for entry in levels if entry["level"] == "between"]
    if entering:
        result.update(active=True, source="load", reason="peak ON: load on %s" % "; ".join(entering))
    elif between:
        state = "peak members present" if currently_active else "no peak members present"
        result.update(active=currently_active, source="held", held=True,
                      reason="peak %s (held): load between marks, %s; %s"
                      % ("ON" if currently_active else "OFF", state, "; ".join(between)))
    else:
        result.update(source="load_below",
                      reason="peak OFF: outside calendar windows (%s), load below the leave marks on %s"
                      % (where, ", ".join(entry["queue"] for entry in levels)))
    return result


class FilterModule:
    """cxone.cxone peak mode filters."""

    def filters(self):
        return {"peak_decision": peak_decision}
