# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Outbound campaign schedules (``cxone_campaign_schedule``): options, the rules that
span windows and blackouts (end after start, overlaps, a blackout hiding a window),
the capacity rule, and how schedules are shown and exported."""

from __future__ import annotations

import re
from typing import List, Literal, Optional

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import ObjectListReconciler, reconcile_object
from ansible_collections.cxone.cxone.plugins.module_utils._validation import (
    Field,
    Options,
    field_validator,
    option_names,
    pick,
    problems_of,
    repeated,
)
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import ObjectResource, require_list

DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
PAUSES = ("NCDOJ", "TCPA", "FCC", "STATE_SPECIFIC")
STATUSES = ("ACTIVE", "INACTIVE")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$")
# The capacity rule: requested calls may exceed the projected agent capacity by 25%.
CAPACITY_MARGIN = 1.25

_TIMEZONES = None


def _seconds(value):
    """Seconds since midnight of an HH:MM:SS string, or None when it is not one."""
    if not isinstance(value, str) or not TIME_RE.match(value):
        return None
    hours, minutes, seconds = (int(part) for part in value.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def _check_time(value):
    if _seconds(value) is None:
        hint = ""
        if str(value).isdigit():
            hint = (" (YAML reads an unquoted time such as 17:00:00 as a number of seconds, 61200:"
                    " quote the time)")
        raise ValueError("%r is not a time of day HH:MM:SS (00:00:00 to 23:59:59)%s" % (value, hint))
    return value


def known_timezone(name):
    global _TIMEZONES  # pylint: disable=global-statement
    if _TIMEZONES is None:
        import zoneinfo

        _TIMEZONES = frozenset(zoneinfo.available_timezones())
    return name in _TIMEZONES


def _number(value):
    return str(int(value)) if value == int(value) else ("%.2f" % value).rstrip("0")


# ---- campaign schedules: options ----------------------------------------------------


class Window(Options):
    day: Literal[DAYS]
    start: str
    end: str
    max_calls_per_day: Optional[int] = Field(None, ge=1, le=100000)
    max_calls_per_hour: Optional[int] = Field(None, ge=1, le=10000)
    predictive_rate: Optional[float] = Field(None, ge=0.1, le=3.0)  # required where the API has it
    max_calls_per_agent_per_day: Optional[int] = Field(None, ge=1, le=500)

    @field_validator("start", "end")
    @classmethod
    def _time(cls, value):
        return _check_time(value)


class Blackout(Options):
    start: str
    end: str
    reason: str = ""
    applies_to_all_days: bool = True

    @field_validator("start", "end")
    @classmethod
    def _time(cls, value):
        return _check_time(value)


class Compliance(Options):
    regulatory_pauses: Optional[List[Literal[PAUSES]]] = None
    agent_availability_projection: Optional[bool] = None
    compliance_injection: Optional[bool] = None

    @field_validator("regulatory_pauses")
    @classmethod
    def _unique(cls, value):
        twice = repeated(value or [])
        if twice:
            raise ValueError("%s listed more than once" % ", ".join(twice))
        return value


class ScheduleOptions(Options):
    name: Optional[str] = Field(None, min_length=1, max_length=255)
    timezone: Optional[str] = None
    windows: Optional[List[Window]] = Field(None, min_length=1)
    blackout_periods: Optional[List[Blackout]] = None
    compliance: Optional[Compliance] = None
    status: Optional[Literal[STATUSES]] = None

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value):
        if value is not None and not known_timezone(value):
            raise ValueError("%r is not a known IANA time zone (for example America/New_York, Europe/Paris, UTC)"
                             % value)
        return value


def _window_text(window):
    return "%s %s-%s" % (window.get("day"), window.get("start"), window.get("end"))


def schedule_problems(windows, blackouts):
    """Rules that span several entries (end after start, overlaps, blackouts that
    hide a whole window). Entries whose times are malformed are skipped: their
    format is reported on its own."""
    problems = []
    valid = []
    for index, window in enumerate(windows or []):
        start, end = _seconds(window.get("start")), _seconds(window.get("end"))
        if start is None or end is None:
            continue
        if end <= start:
            problems.append("windows[%d].end: %s is not after start %s (a window cannot cross midnight)"
                            % (index, window["end"], window["start"]))
            continue
        valid.append((index, window, start, end))
    for pos, (i, first, start_a, end_a) in enumerate(valid):
        for j, second, start_b, end_b in valid[pos + 1:]:
            if first.get("day") == second.get("day") and start_a < end_b and start_b < end_a:
                problems.append("windows[%d] and windows[%d]: two %s windows overlap (%s-%s and %s-%s)"
                                % (i, j, first["day"], first["start"], first["end"], second["start"], second["end"]))
    for index, blackout in enumerate(blackouts or []):
        start, end = _seconds(blackout.get("start")), _seconds(blackout.get("end"))
        if start is None or end is None:
            continue
        if end <= start:
            problems.append("blackout_periods[%d].end: %s is not after start %s"
                            % (index, blackout["end"], blackout["start"]))
            continue
        if blackout.get("applies_to_all_days") is False:
            continue
        for w_index, window, w_start, w_end in valid:
            if start <= w_start and end >= w_end:
                problems.append("blackout_periods[%d]: %s-%s applies to all days and covers the whole window "
                                "windows[%d] (%s)" % (index, blackout["start"], blackout["end"], w_index,
                                                      _window_text(window)))
    return problems


# ---- campaign schedules: the resource type ------------------------------------------

class CampaignScheduleResource(ObjectResource):
    """The schedules of one campaign; an instance is built per task for its campaign."""

    kind = "campaign schedule"
    module = "cxone_campaign_schedule"
    result_key = "schedule"
    set_fields = ("windows", "blackout_periods", "compliance.regulatory_pauses")
    model = ScheduleOptions
    options = option_names(model)
    export_fields = ("campaign",) + options
    WINDOW_KEYS = ("day", "start", "end", "max_calls_per_day", "max_calls_per_hour", "predictive_rate",
                   "max_calls_per_agent_per_day")

    def __init__(self, campaign_id=None):
        self.campaign_id = campaign_id

    @classmethod
    def for_campaign(cls, ctx, campaign):
        return cls(ctx.directory.resolve("campaign", campaign, "campaign"))

    def store(self, ctx):
        return ctx.surface.store(self.kind, campaign_id=self.campaign_id)

    # -- options

    def desired(self, ctx, params, prefix=""):
        self.refuse_unsupported(ctx, params, prefix)
        data = pick(params, self.options)
        validated, problems = problems_of(ScheduleOptions, data, prefix)
        where = prefix + "." if prefix else ""
        problems.extend(where + problem for problem in schedule_problems(data["windows"], data["blackout_periods"]))
        if ctx.surface.unsupported(self.kind).has("windows[].predictive_rate"):
            problems.extend("%swindows[%d].predictive_rate: required with api=%s" % (where, index, ctx.surface.name)
                            for index, window in enumerate(data["windows"] or [])
                            if isinstance(window, dict) and window.get("predictive_rate") is None)
        problems.extend(where + problem for problem in self.store(ctx).input_problems(data))
        if problems:
            raise InputError("invalid input: " + "; ".join(problems))
        return validated.model_dump()

    def check(self, ctx, state, current):
        unsupported = ctx.surface.unsupported(self.kind)
        for option in ("name", "timezone", "windows"):
            if unsupported.has(option) and not state.get(option):
                raise InputError("%s: required to create campaign schedule %r in campaign %s"
                                 % (option, state.get("name"), ctx.directory.label("campaign", self.campaign_id)))
        problems = schedule_problems(state["windows"], state.get("blackout_periods"))
        if problems:
            raise InputError("invalid input (with the schedule's current values): " + "; ".join(problems))
        if (state.get("compliance") or {}).get("agent_availability_projection"):
            self._check_capacity(ctx, state)

    def _check_capacity(self, ctx, state):
        """sum(max_calls_per_day) <= 1.25 x active agents x max_calls_per_agent_per_day.

        Windows may set different per-agent limits: the smallest one counts (the
        projection must hold for every window's limit)."""
        windows = state["windows"]
        missing = [
            "windows[%d] (%s)" % (index, _window_text(w)) for index, w in enumerate(windows)
            if w.get("max_calls_per_day") is None or w.get("max_calls_per_agent_per_day") is None
        ]
        if missing:
            raise InputError("windows: compliance.agent_availability_projection is on, so every window needs "
                             "max_calls_per_day and max_calls_per_agent_per_day (the capacity rule is computed "
                             "from them); missing in %s" % ", ".join(missing))
        agents = self.store(ctx).active_agents(ctx)
        requested = sum(w["max_calls_per_day"] for w in windows)
        per_agent = min(w["max_calls_per_agent_per_day"] for w in windows)
        projected = agents * per_agent
        allowed = CAPACITY_MARGIN * projected
        if requested > allowed:
            raise InputError(
                "windows: capacity exceeded: the schedule requests %d calls per day (sum of max_calls_per_day over "
                "%d window(s)), above the %s allowed: projected agent capacity %d (%d active agent(s) x %d "
                "max_calls_per_agent_per_day, the smallest of the windows) x %s. Lower max_calls_per_day, or turn "
                "compliance.agent_availability_projection off."
                % (requested, len(windows), _number(allowed), projected, agents, per_agent, _number(CAPACITY_MARGIN)))

    def normalize(self, state):
        """Windows, blackouts and pauses in one canonical order, so that check mode,
        the real run and the info module show the same thing."""
        if state.get("windows") is not None:
            state["windows"] = sorted(
                ({key: w.get(key) for key in self.WINDOW_KEYS} for w in state["windows"]),
                key=lambda w: (DAYS.index(w["day"]) if w["day"] in DAYS else 7, w["start"], w["end"]))
        if state.get("blackout_periods") is not None:
            state["blackout_periods"] = sorted(
                state["blackout_periods"],
                key=lambda b: (b["start"], b["end"], b.get("reason") or "", bool(b.get("applies_to_all_days"))))
        compliance = state.get("compliance")
        if compliance and compliance.get("regulatory_pauses") is not None:
            compliance["regulatory_pauses"] = sorted(compliance["regulatory_pauses"])
        return state

    def show(self, ctx, state):
        return dict(state, campaign=ctx.directory.label("campaign", self.campaign_id))


def reconcile(ctx):
    """The whole run of ``cxone_campaign_schedule``: one schedule, or several (``schedules``).
    Every entry is checked before the first request (campaigns are resolved after)."""
    entries = ctx.params["schedules"]
    unresolved = CampaignScheduleResource()
    if entries is None:
        if ctx.params["state"] == "absent":
            unresolved.refuse_unsupported(ctx, ctx.params)
        else:
            unresolved.desired(ctx, ctx.params)
        return reconcile_object(ctx, CampaignScheduleResource.for_campaign(ctx, ctx.params["campaign"]))
    if ctx.params["campaign"]:
        raise InputError("campaign: give each entry of schedules its own campaign instead")
    require_list(entries, "schedules")
    desired_states = []
    for index, entry in enumerate(entries):
        where = "schedules[%d]" % index
        if entry.get("state") == "absent":
            unresolved.refuse_unsupported(ctx, entry, where)
            desired_states.append(None)
        else:
            desired_states.append(unresolved.desired(ctx, entry, where))
    steps, seen = [], {}
    for index, (entry, state) in enumerate(zip(entries, desired_states)):
        where = "schedules[%d]" % index
        resource = CampaignScheduleResource(ctx.directory.resolve("campaign", entry["campaign"], where + ".campaign"))
        key = (resource.campaign_id, entry["name"].casefold())
        if key in seen:
            raise InputError("%s.name: %r is listed more than once for campaign %s (schedules[%d])"
                             % (where, entry["name"], entry["campaign"], seen[key]))
        seen[key] = index
        label = "%s / %s" % (ctx.directory.label("campaign", resource.campaign_id), entry["name"])
        ident = {"name": entry["name"], "id": entry.get("id")}
        steps.append((resource, ident, None if state is None else (lambda state=state: state), label))
    return ObjectListReconciler(ctx, "schedules").run(steps)


def list_schedules(ctx, campaign=None, name=None):
    """The schedules of one campaign, or of every campaign, sorted by campaign then name."""
    if campaign:
        campaign_ids = [ctx.directory.resolve("campaign", campaign, "campaign")]
    else:
        campaign_ids = [c["id"] for c in sorted(ctx.directory.all("campaign"), key=lambda c: c["name"].casefold())]
    shown = []
    for campaign_id in campaign_ids:
        shown.extend(CampaignScheduleResource(campaign_id).list_shown(ctx, name))
    return shown


def export(ctx):
    resource = CampaignScheduleResource()
    return [resource.exported(ctx, schedule) for schedule in list_schedules(ctx)]
