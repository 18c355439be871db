# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ACD skills (``/skills``): queues are skills, campaign schedules are the dialing hours of
outbound skills, queue load is skill activity (docs/api/admin.md)."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import chunks
from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError, InputError
from ansible_collections.cxone.cxone.plugins.module_utils._time import seconds_between
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import listing, records_of, segment
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.common import (
    WEEKDAYS, AdminObjectStore, hms, one)
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ObjectStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import Field, FieldMap, flag, text

MEDIA_TYPE_IDS = {"email": 1, "chat": 3, "phone": 4, "voicemail": 5, "work_item": 6, "sms": 7, "social": 8,
                  "digital": 9}
MEDIA_TYPES = {number: name for name, number in MEDIA_TYPE_IDS.items()}
STRATEGIES = {"manual": "Manual", "personal_connection": "Personal Connection"}
STRATEGY_OPTIONS = {api: option for option, api in STRATEGIES.items()}
SKILL_QUERY_LIMIT = 100  # skill ids in one read of many skills' assignments or activity
TIMES_READING = "schedule_times"  # the time format a tenant took in a schedule's PUT


def _codes_from_api(dispositions):
    """A skill's dispositions as wrap-up code ids, in priority order."""
    return [d["dispositionId"] for d in sorted(dispositions or [], key=lambda d: d.get("priority") or 0)]


def _codes_to_api(codes):
    return [{"dispositionId": code, "priority": index + 1} for index, code in enumerate(codes or [])]


def _outbound(state):
    return bool(state.get("outbound"))


class SkillStore(AdminObjectStore):
    """Queues as ACD skills. ``media_type``, ``outbound`` and ``outbound_strategy`` are set
    when a skill is created; a skill needs a campaign to be created; state=absent deactivates."""

    kind = "queue"

    path, directory_kind, id_field, name_field = "/skills", "queue", "skillId", "skillName"
    wrapper = put_wrapper = "skill"
    active_field = "isActive"
    FIELDS = FieldMap({
        "name": "skillName",
        "description": Field("notes", read=text, write=text, default=""),
        "media_type": Field("mediaTypeId", read=lambda v: MEDIA_TYPES.get(v, str(v)), write=MEDIA_TYPE_IDS.get,
                            default="phone", fixed=True),
        "campaign": Field("campaignId", default=None),
        # Sent only for an outbound skill: no client sends either on an inbound create.
        "outbound": Field("isOutbound", read=flag, default=False, fixed=True, create=_outbound),
        "outbound_strategy": Field("outboundStrategy", read=lambda v: STRATEGY_OPTIONS.get(v, "manual"),
                                   write=STRATEGIES.get, default="manual", fixed=True, create=_outbound),
        # Inbound skills are refused without both, whatever the spec says: always sent.
        "service_level.threshold": Field("serviceLevelGoal", default=90),
        "service_level.time": Field("serviceLevelThreshold", default=30),
        "priority.initial": Field("initialPriority", default=0),
        "priority.acceleration": Field("acceleration", default=1),
        "priority.max": Field("maxPriority", default=1000),
        "short_abandon.enabled": Field("enableShortAbandon", default=False),
        "short_abandon.threshold": Field("shortAbandonThreshold", default=15),
        "short_abandon.counted": Field("countShortAbandons", default=True),
        "wrapup_codes": Field("dispositions", read=_codes_from_api, write=_codes_to_api, default=[]),
        "require_wrapup_code": Field("requireDisposition", read=flag, default=False),
        "active": Field("isActive", read=flag, missing=True, default=True, create=False),  # not in the create
    })
    NESTED = ("priority", "short_abandon")

    def inactive(self, record):
        return record.state["active"] is False

    def check(self, ctx, state, current):
        if current is None:
            if state.get("campaign") is None:
                raise InputError("campaign: required to create queue %r with api=admin (a CXone skill belongs to a "
                                 "campaign: name one of the tenant's campaigns)" % state["name"])
            return
        for option in self.FIELDS.fixed():
            if state[option] != current.state[option]:
                raise InputError("%s: queue %r is %s; CXone sets it when a skill is created and cannot change it "
                                 "(create another queue instead)" % (option, current.name, current.state[option]))

    def create(self, ctx, state):
        body, _later = self.FIELDS.create_body(dict(state, active=True))  # a new skill is active
        outcome = ctx.client.write_items("POST", self.path, "skills", [body],
                                         ("skillsResults", "skillResults", "results"))[0]
        if not outcome.ok:
            raise outcome.error
        return self.read_back(ctx, self.created(ctx, outcome.body, ("skillId", "id"), state["name"]))


def _windows_from_api(settings):
    return [{"day": day, "start": hms(settings.get(day.lower() + "StartTime")),
             "end": hms(settings.get(day.lower() + "EndTime"))}
            for day in WEEKDAYS if flag(settings.get(day.lower() + "IsActive"))]


def _windows_to_api(windows):
    """The whole week: a weekday without a window does not dial."""
    fields = {}
    by_day = {window["day"]: window for window in windows or []}
    for day in WEEKDAYS:
        window = by_day.get(day)
        fields[day.lower() + "IsActive"] = window is not None
        if window is not None:
            fields[day.lower() + "StartTime"] = window["start"]
            fields[day.lower() + "EndTime"] = window["end"]
    return fields


class OutboundScheduleStore(ObjectStore):
    """Campaign schedules as the dialing hours of a campaign's outbound skills
    (``/skills/{id}/parameters/schedule-settings``): one window per weekday, a weekday not
    declared is inactive, ``status`` is ``isScheduled``. A schedule is named by its outbound
    skill; CXone creates none by itself (the skill is created with cxone_queue)."""

    kind = "campaign schedule"

    # Of the schedule settings; the name is the skill's.
    FIELDS = FieldMap({
        "windows": Field(None, read=_windows_from_api, write=_windows_to_api, keys=("day", "start", "end")),
        "status": Field("isScheduled", read=lambda v: "ACTIVE" if flag(v) else "INACTIVE", write=lambda v: v == "ACTIVE"),
    })

    def __init__(self, resource, campaign_id):
        super().__init__(resource)
        self.defaults, self.nested_defaults = {}, {}  # CXone creates no schedule (check() says so)
        self.campaign_id = campaign_id

    def id_of(self, raw):
        return raw["skill"]["skillId"]

    def name_of(self, raw):
        return raw["skill"]["skillName"]

    def from_api(self, raw):
        return dict({"name": raw["skill"]["skillName"]}, **self.FIELDS.from_api(raw["settings"]))

    def absent_as(self, state):
        # The nearest CXone has to deleting a schedule: the skill stays, without dialing hours and
        # not scheduled. campaign_season reads "no dialing hours" as its own off-season state.
        return dict(state, status="INACTIVE", windows=[])

    def input_problems(self, state):
        days = [window.get("day") for window in state.get("windows") or [] if isinstance(window, dict)]
        twice = sorted({day for day in days if days.count(day) > 1}, key=str)
        if twice:
            return ["windows: CXone keeps one window a weekday on an outbound skill; %s listed more than once"
                    % ", ".join(str(day) for day in twice)]
        return []

    def _skills(self, ctx, fresh=False):
        if fresh:
            ctx.directory.forget("queue")
        return [entry["raw"] for entry in ctx.directory.all("queue")
                if entry["raw"].get("campaignId") == self.campaign_id and flag(entry["raw"].get("isOutbound"))]

    def _with_settings(self, ctx, skill):
        settings = ctx.client.request("GET", "/skills/%s/parameters/schedule-settings" % segment(skill["skillId"]))
        return self.record({"skill": skill, "settings": one(settings.body or {}, "scheduleSettings")})

    def everything(self, ctx, fresh=False):
        return [self._with_settings(ctx, skill) for skill in self._skills(ctx, fresh)]

    def named(self, ctx, name, fresh=False):
        wanted = name.casefold()
        return [self._with_settings(ctx, skill) for skill in self._skills(ctx, fresh)
                if skill["skillName"].casefold() == wanted]

    def by_id(self, ctx, object_id):
        found = [skill for skill in self._skills(ctx) if str(skill["skillId"]) == str(object_id)]
        return self._with_settings(ctx, found[0]) if found else None

    def check(self, ctx, state, current):
        if current is None:
            campaign = ctx.directory.label("campaign", self.campaign_id)
            raise InputError("name: campaign %s has no outbound skill named %r; CXone keeps dialing hours on an "
                             "outbound skill: create it with cxone_queue (outbound: true, campaign: %s)"
                             % (campaign, state["name"], campaign))

    def update(self, ctx, current, state):
        before = dict(current.raw["settings"])
        for key, value in before.items():
            if key.endswith("Time"):
                before[key] = hms(value)
        changed = {key: value for key, value in self.to_api(state).items() if before.get(key) != value}
        for day in WEEKDAYS:
            if changed.get(day.lower() + "IsActive") is False:
                # A day switched off carries its times too, as every source writes a day (all three keys).
                changed.update({day.lower() + "StartTime": "00:00:00", day.lower() + "EndTime": "00:00:00"})
        if changed:
            self._put_settings(ctx, current.id, changed)
        return self._with_settings(ctx, current.raw["skill"])  # read back: what the tenant now holds

    @staticmethod
    def _put_settings(ctx, skill_id, changed):
        """The schedule's PUT with times as ``HH:MM:SS`` (the spec's examples), or ``HH:MM`` (what
        a third party sends) when the tenant refused seconds: the form that was taken is
        remembered; the read-back after it says what the tenant kept."""
        path = "/skills/%s/parameters/schedule-settings" % segment(skill_id)
        forms = ("HH:MM:SS", "HH:MM")
        if ctx.client.reading(TIMES_READING) == forms[1]:
            forms = forms[::-1]
        for index, form in enumerate(forms):
            body = {key: (value[:5] if form == "HH:MM" and key.endswith("Time") else value)
                    for key, value in changed.items()}
            try:
                ctx.client.request("PUT", path, json={"scheduleSettings": body})
            except APIError as exc:
                if exc.status != 400 or index or not any(key.endswith("Time") for key in changed):
                    raise
                continue
            ctx.client.remember(TIMES_READING, form)
            return


class ActivityStore:
    """Live load from skill activity: waiting = queueCount, interacting = contactsActive,
    oldest wait = serverTime - earliestQueueTime, available agents."""

    kind = "queue load"

    def observe(self, ctx, ids):
        found = {}
        for _start, chunk in chunks(ids, SKILL_QUERY_LIMIT):
            resp = ctx.client.request("POST", "/skills/activity/search", json={"filter": {"skillIds": chunk}},
                                      idempotent=True)
            found.update(self._rows(_activity_rows(resp.body), chunk))
        missing = [skill_id for skill_id in ids if skill_id not in found]
        if missing:
            # The search's answer is typed as one flat record in the generated client; the list
            # shape is seen for GET /skills/activity only: read the others from there.
            found.update(self._rows(ctx.client.paginate("/skills/activity", key="skillActivity"), missing))
        return found

    @staticmethod
    def _rows(rows, wanted):
        wanted = set(wanted)
        return {row.get("skillId"): {
            "waiting": int(row.get("queueCount") or 0),
            "interacting": int(row.get("contactsActive") or 0),
            "oldest_wait_seconds": seconds_between(row.get("earliestQueueTime"), row.get("serverTime")),
            # The search answer spells it agentsAvaliable in the generated spec: read both.
            "available_agents": int(row.get("agentsAvailable", row.get("agentsAvaliable")) or 0),
        } for row in rows if isinstance(row, dict) and row.get("skillId") in wanted}


def _activity_rows(body):
    """The rows of an activity answer: its ``skillActivity`` list (in a ``resultSet`` or not),
    or the answer itself when it is one flat record."""
    body = body if isinstance(body, dict) else {}
    return records_of(listing(body, "skillActivity"), "skillActivity") or ([body] if "skillId" in body else [])
