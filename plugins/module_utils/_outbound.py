# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resource definitions of the outbound surface: campaign schedules (one campaign's
collection, ids chosen by the client) and webhooks."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import List, Literal, Optional
from urllib.parse import urlsplit, urlunsplit

try:
    from pydantic import ValidationError, field_validator
except ImportError:
    # CXoneModule fails the task with missing_required_lib before any model is used.
    ValidationError = ValueError

    def field_validator(*args, **kwargs):  # pylint: disable=unused-argument
        return lambda method: method

from ansible_collections.cxone.cxone.plugins.module_utils import _paths as paths
from ansible_collections.cxone.cxone.plugins.module_utils._errors import CXoneError, InputError
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import reconcile_object
from ansible_collections.cxone.cxone.plugins.module_utils._resources import (
    Field,
    ObjectType,
    Options,
    _describe,
    pick,
    validate,
)

DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
PAUSES = ("NCDOJ", "TCPA", "FCC", "STATE_SPECIFIC")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$")
ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# The capacity rule: requested calls may exceed the projected agent capacity by 25%.
CAPACITY_MARGIN = 1.25
MASK = "********"

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


def _repeated(values):
    return sorted({v for v in values if values.count(v) > 1})


# ---- campaign schedules: options ----------------------------------------------------

Day = Literal["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]


class Window(Options):
    day: Day
    start: str
    end: str
    max_calls_per_day: Optional[int] = Field(None, ge=1, le=100000)
    max_calls_per_hour: Optional[int] = Field(None, ge=1, le=10000)
    predictive_rate: float = Field(ge=0.1, le=3.0)
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
    regulatory_pauses: Optional[List[Literal["NCDOJ", "TCPA", "FCC", "STATE_SPECIFIC"]]] = None
    agent_availability_projection: Optional[bool] = None
    compliance_injection: Optional[bool] = None

    @field_validator("regulatory_pauses")
    @classmethod
    def _unique(cls, value):
        repeated = _repeated(value or [])
        if repeated:
            raise ValueError("%s listed more than once" % ", ".join(repeated))
        return value


class ScheduleOptions(Options):
    name: Optional[str] = Field(None, min_length=1, max_length=255)
    timezone: Optional[str] = None
    windows: Optional[List[Window]] = Field(None, min_length=1)
    blackout_periods: Optional[List[Blackout]] = None
    compliance: Optional[Compliance] = None
    status: Optional[Literal["ACTIVE", "INACTIVE"]] = None

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


def schedule_id_for(name, attempt=1):
    """A stable schedule id for a name: a slug of the name and a short hash of the
    case-folded name (names are unique case-insensitively, so are these ids)."""
    folded = name.casefold()
    ascii_name = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].rstrip("-")
    digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()[:10]
    ident = "%s-%s" % (slug, digest) if slug else digest
    return ident if attempt == 1 else "%s-%d" % (ident, attempt)


# ---- campaign schedules: the resource type ------------------------------------------

class CampaignScheduleType(ObjectType):
    """The schedules of one campaign; an instance is built per task for its campaign."""

    kind = "campaign schedule"
    listed_by_directory = False
    result_key = "schedule"
    set_fields = ("windows", "blackout_periods", "compliance.regulatory_pauses")
    defaults = {
        "blackout_periods": [],
        "compliance": {"regulatory_pauses": [], "agent_availability_projection": False, "compliance_injection": False},
        "status": "ACTIVE",
    }
    nested_defaults = {"compliance": defaults["compliance"]}
    OPTIONS = ("name", "timezone", "windows", "blackout_periods", "compliance", "status")
    WINDOW_KEYS = ("day", "start", "end", "max_calls_per_day", "max_calls_per_hour", "predictive_rate",
                   "max_calls_per_agent_per_day")
    MAX_ID_ATTEMPTS = 20

    def __init__(self, campaign_id):
        self.campaign_id = campaign_id
        self.collection = paths.campaign_schedules(campaign_id)

    @classmethod
    def for_campaign(cls, ctx, campaign):
        return cls(ctx.directory.resolve("campaign", campaign, "campaign"))

    # -- options

    def desired(self, ctx, params):
        data = pick(params, self.OPTIONS)
        try:
            opts = ScheduleOptions.model_validate(data).model_dump()
            problems = []
        except ValidationError as exc:
            opts = None
            problems = [_describe(err, "") for err in exc.errors()]
        problems.extend(schedule_problems(data["windows"], data["blackout_periods"]))
        if problems:
            raise InputError("invalid input: " + "; ".join(problems))
        return opts

    def check(self, ctx, state, current_api):
        for option in ("name", "timezone", "windows"):
            if not state.get(option):
                raise InputError("%s: required to create campaign schedule %r in campaign %s"
                                 % (option, state.get("name"), ctx.directory.label("campaign", self.campaign_id)))
        problems = schedule_problems(state["windows"], state["blackout_periods"])
        if problems:
            raise InputError("invalid input (with the schedule's current values): " + "; ".join(problems))
        if state["compliance"]["agent_availability_projection"]:
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
        entries = ctx.client.get(paths.WFM_ACTIVE_SCHEDULES) or []
        agents = len({e.get("userId") or index for index, e in enumerate(entries) if e.get("status", "ACTIVE") == "ACTIVE"})
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

    # -- payload mapping

    def from_api(self, obj):
        rules = obj.get("complianceRules") or {}
        return self.normalize({
            "name": obj["name"],
            "timezone": obj.get("timezone"),
            "windows": [{
                "day": d["dayOfWeek"],
                "start": d["startTime"],
                "end": d["endTime"],
                "max_calls_per_day": d.get("maxCallsPerDay"),
                "max_calls_per_hour": d.get("maxCallsPerHour"),
                "predictive_rate": None if d.get("predictiveRate") is None else float(d["predictiveRate"]),
                "max_calls_per_agent_per_day": d.get("maxCallsPerAgentPerDay"),
            } for d in obj.get("scheduleDetails") or []],
            "blackout_periods": [{
                "start": b["startTime"],
                "end": b["endTime"],
                "reason": b.get("reason", ""),
                "applies_to_all_days": b.get("appliesToAllDays", True),
            } for b in obj.get("blackoutPeriods") or []],
            "compliance": {
                "regulatory_pauses": list(rules.get("regulatoryPauses") or []),
                "agent_availability_projection": rules.get("agentAvailabilityProjection", False),
                "compliance_injection": rules.get("enableComplianceInjection", False),
            },
            "status": obj.get("status", "ACTIVE"),
        })

    def to_api(self, state):
        details = []
        for w in state["windows"]:
            detail = {"dayOfWeek": w["day"], "startTime": w["start"], "endTime": w["end"],
                      "predictiveRate": w["predictive_rate"]}
            for option, field in (("max_calls_per_day", "maxCallsPerDay"), ("max_calls_per_hour", "maxCallsPerHour"),
                                  ("max_calls_per_agent_per_day", "maxCallsPerAgentPerDay")):
                if w.get(option) is not None:
                    detail[field] = w[option]
            details.append(detail)
        compliance = state["compliance"]
        return {
            "name": state["name"],
            "timezone": state["timezone"],
            "scheduleDetails": details,
            "blackoutPeriods": [
                {"startTime": b["start"], "endTime": b["end"], "reason": b["reason"],
                 "appliesToAllDays": b["applies_to_all_days"]}
                for b in state["blackout_periods"]
            ],
            "complianceRules": {
                "regulatoryPauses": compliance["regulatory_pauses"],
                "agentAvailabilityProjection": compliance["agent_availability_projection"],
                "enableComplianceInjection": compliance["compliance_injection"],
            },
            "status": state["status"],
        }

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

    # -- calls

    def find(self, ctx, ident, fresh=False):
        if ident.get("id"):
            if not ID_RE.match(ident["id"]):
                raise InputError("id: %r is not a schedule id (1-64 characters of A-Z a-z 0-9 . _ -)" % ident["id"])
        return super().find(ctx, ident, fresh)

    def create(self, ctx, state):
        """PUT at the id derived from the name: two runs, even two concurrent first
        runs, write the same id. An id already held by a schedule of another name
        (renamed since) moves on to the next derived id, never over it."""
        wanted = state["name"].casefold()
        for attempt in range(1, self.MAX_ID_ATTEMPTS + 1):
            schedule_id = schedule_id_for(state["name"], attempt)
            holder = ctx.client.get_or_none(paths.item(self.collection, schedule_id))
            if holder is None or holder.get("name", "").casefold() == wanted:
                return ctx.client.put(paths.item(self.collection, schedule_id), self.to_api(state))
        raise CXoneError("campaign schedule %r: the ids derived from its name (%s...) are all taken by other "
                         "schedules; give the id of an existing schedule with the id option"
                         % (state["name"], schedule_id_for(state["name"])))


def reconcile_schedule(ctx):
    return reconcile_object(ctx, CampaignScheduleType.for_campaign(ctx, ctx.params["campaign"]))


def list_schedules(ctx, campaign=None, name=None):
    """The schedules of one campaign, or of every campaign, sorted by campaign then name."""
    if campaign:
        campaign_ids = [ctx.directory.resolve("campaign", campaign, "campaign")]
    else:
        campaign_ids = [c["id"] for c in sorted(ctx.directory.all("campaign"), key=lambda c: c["name"].casefold())]
    shown = []
    for campaign_id in campaign_ids:
        shown.extend(CampaignScheduleType(campaign_id).list_shown(ctx, name))
    return shown


# ---- webhooks ----------------------------------------------------------------------

def mask_url(url):
    """The URL with query values and a password replaced by ********: what a diff shows."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return MASK
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(":" + parts.password + "@", ":" + MASK + "@", 1)
    query = "&".join(
        (item.split("=", 1)[0] + "=" + MASK) if "=" in item else MASK
        for item in parts.query.split("&")
    ) if parts.query else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class WebhookOptions(Options):
    name: Optional[str] = Field(None, min_length=1, max_length=255)
    url: Optional[str] = None
    events: Optional[List[str]] = Field(None, min_length=1)
    enabled: Optional[bool] = None

    @field_validator("url")
    @classmethod
    def _url(cls, value):
        if value is None:
            return value
        problem = None
        try:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                problem = "is not an absolute http or https URL"
            elif any(ch.isspace() for ch in value):
                problem = "contains white space"
            elif len(value) > 2048:
                problem = "is longer than 2048 characters"
        except ValueError as exc:
            problem = "is not a URL (%s)" % exc
        if problem:
            raise ValueError("%r %s" % (mask_url(value), problem))
        return value

    @field_validator("events")
    @classmethod
    def _events(cls, value):
        if value is None:
            return value
        blank = [index for index, event in enumerate(value) if not event.strip()]
        if blank:
            raise ValueError("event names must not be empty (entry %s)" % ", ".join(map(str, blank)))
        repeated = _repeated(value)
        if repeated:
            raise ValueError("%s listed more than once" % ", ".join(repeated))
        return value


class WebhookType(ObjectType):
    kind = "webhook"
    listed_by_directory = False
    result_key = "webhook"
    collection = paths.WEBHOOKS
    set_fields = ("events",)
    defaults = {"enabled": True}
    OPTIONS = ("name", "url", "events", "enabled")

    def desired(self, ctx, params):
        return validate(WebhookOptions, pick(params, self.OPTIONS)).model_dump()

    def check(self, ctx, state, current_api):
        for option in ("name", "url", "events"):
            if not state.get(option):
                raise InputError("%s: required to create webhook %r" % (option, state.get("name")))

    def from_api(self, obj):
        return {
            "name": obj["name"],
            "url": obj.get("url"),
            "events": sorted(obj.get("events") or []),
            "enabled": obj.get("status", "ENABLED") == "ENABLED",
        }

    def to_api(self, state):
        return {
            "name": state["name"],
            "url": state["url"],
            "events": sorted(state["events"]),
            "status": "ENABLED" if state["enabled"] else "DISABLED",
        }

    def normalize(self, state):
        if state.get("events") is not None:
            state["events"] = sorted(state["events"])
        return state


WEBHOOK = WebhookType()


def reconcile_webhook(ctx):
    """reconcile_object, with the URL's query values and password masked in the diff
    (diffs are printed with --diff; the returned webhook keeps the URL as is)."""
    result = reconcile_object(ctx, WEBHOOK)
    for side in (result.get("diff") or {}).values():
        if side.get("url"):
            side["url"] = mask_url(side["url"])
    return result
