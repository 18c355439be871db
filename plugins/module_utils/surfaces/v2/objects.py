# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The v2 surface's stores of named objects (docs/api/v2.md): queues, wrap-up codes,
campaign schedules and webhooks. Each maps option space to the API's payload and back,
and knows the calls: POST to create, PUT (with ``If-Match`` where versioned) to update,
DELETE to delete."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ansible_collections.cxone.cxone.plugins.module_utils._errors import CXoneError, InputError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ObjectStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import Field, FieldMap
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2 import paths


class V2ObjectStore(ObjectStore):
    """A collection of named objects with ``id``, ``name`` and, where versioned, ``version``."""

    collection = ""
    directory_kind = None  # the directory kind that lists the whole collection once per task
    versioned = False      # updates need If-Match: <version>

    def id_of(self, raw):
        return raw["id"]

    def name_of(self, raw):
        return raw["name"]

    def everything(self, ctx, fresh=False):
        if self.directory_kind is None:
            return [self.record(raw) for raw in ctx.client.paginate(self.collection)]
        if fresh:
            ctx.directory.forget(self.directory_kind)
        return [self.record(entry["raw"]) for entry in ctx.directory.all(self.directory_kind)]

    def named(self, ctx, name, fresh=False):
        if self.directory_kind is not None:
            return super().named(ctx, name, fresh)
        # Found with the API's name filter: one request, not every page of the collection.
        wanted = name.casefold()
        found = (self.record(raw) for raw in ctx.client.paginate(self.collection, params={"name": name}))
        return [rec for rec in found if rec.name.casefold() == wanted]

    def by_id(self, ctx, object_id):
        return self.record(ctx.client.get_or_none(paths.item(self.collection, object_id)))

    def _written(self, ctx, raw):
        if self.directory_kind is not None:
            ctx.directory.put(self.directory_kind, raw)
        return self.record(raw)

    def create(self, ctx, state):
        return self._written(ctx, ctx.client.post(self.collection, self.to_api(state)))

    def update(self, ctx, current, state):
        headers = {"If-Match": str(current.raw["version"])} if self.versioned else None
        return self._written(ctx, ctx.client.put(paths.item(self.collection, current.id), self.to_api(state),
                                                 headers=headers))

    def delete(self, ctx, current):
        ctx.client.delete(paths.item(self.collection, current.id))
        if self.directory_kind is not None:
            ctx.directory.drop(self.directory_kind, current.id)


def _requirements_from_api(requirements):
    return [{"skill": r["skill"], "proficiency": r["proficiency"], "required": r["required"]}
            for r in requirements or []]


def _overflow_from_api(overflow):
    return None if overflow is None else {"enabled": overflow.get("enabled"), "target": overflow.get("targetId"),
                                          "wait_time": overflow.get("waitTime")}


def _overflow_to_api(overflow):
    return None if overflow is None else {"enabled": overflow["enabled"], "targetId": overflow["target"],
                                          "waitTime": overflow["wait_time"]}


class QueueStore(V2ObjectStore):
    kind = "queue"
    collection = paths.QUEUES
    directory_kind = "queue"
    versioned = True
    FIELDS = FieldMap({
        "name": "name",
        "description": Field("description", missing="", default=""),
        "skill_requirements": Field("skillRequirements", read=_requirements_from_api, default=[]),
        "service_level.threshold": Field("serviceLevelTarget.threshold", default=80),
        "service_level.time": Field("serviceLevelTarget.time", default=30),
        "overflow": Field("overflow", read=_overflow_from_api, write=_overflow_to_api, default=None),
        "max_wait_time": Field("maxWaitTime", default=300),
        "max_waiters": Field("maxWaiters", default=50),
    })
    nested_defaults = {"overflow": {"enabled": True, "target": None, "wait_time": 60}}


class WrapupCodeStore(V2ObjectStore):
    kind = "wrap-up code"
    collection = paths.WRAPUP_CODES
    FIELDS = FieldMap({
        "name": "name",
        "available": Field("available", default=True),
        "routing_type": Field("routingType", default="ROUTED"),
        "wrap_up_type": Field("wrapUpType", default="ALL"),
    })


SCHEDULE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def schedule_id_for(name, attempt=1):
    """A stable schedule id for a name: a slug of the name and a short hash of the
    case-folded name (names are unique case-insensitively, so are these ids)."""
    folded = name.casefold()
    ascii_name = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].rstrip("-")
    digest = hashlib.sha256(folded.encode("utf-8")).hexdigest()[:10]
    ident = "%s-%s" % (slug, digest) if slug else digest
    return ident if attempt == 1 else "%s-%d" % (ident, attempt)


WINDOW_CAPS = (("max_calls_per_day", "maxCallsPerDay"), ("max_calls_per_hour", "maxCallsPerHour"),
               ("max_calls_per_agent_per_day", "maxCallsPerAgentPerDay"))


def _details_from_api(details):
    return [dict({"day": d["dayOfWeek"], "start": d["startTime"], "end": d["endTime"]},
                 max_calls_per_day=d.get("maxCallsPerDay"), max_calls_per_hour=d.get("maxCallsPerHour"),
                 predictive_rate=None if d.get("predictiveRate") is None else float(d["predictiveRate"]),
                 max_calls_per_agent_per_day=d.get("maxCallsPerAgentPerDay"))
            for d in details or []]


def _details_to_api(windows):
    details = []
    for w in windows or []:
        detail = {"dayOfWeek": w["day"], "startTime": w["start"], "endTime": w["end"],
                  "predictiveRate": w["predictive_rate"]}
        detail.update({api: w[option] for option, api in WINDOW_CAPS if w.get(option) is not None})
        details.append(detail)
    return details


def _blackouts_from_api(blackouts):
    return [{"start": b["startTime"], "end": b["endTime"], "reason": b.get("reason", ""),
             "applies_to_all_days": b.get("appliesToAllDays", True)} for b in blackouts or []]


def _blackouts_to_api(blackouts):
    return [{"startTime": b["start"], "endTime": b["end"], "reason": b["reason"],
             "appliesToAllDays": b["applies_to_all_days"]} for b in blackouts or []]


class ScheduleStore(V2ObjectStore):
    """One campaign's schedules: ids chosen by the client."""

    kind = "campaign schedule"

    FIELDS = FieldMap({
        "name": "name",
        "timezone": "timezone",
        "windows": Field("scheduleDetails", read=_details_from_api, write=_details_to_api),
        "blackout_periods": Field("blackoutPeriods", read=_blackouts_from_api, write=_blackouts_to_api, default=[]),
        "compliance.regulatory_pauses": Field("complianceRules.regulatoryPauses", read=lambda v: list(v or []),
                                              default=[]),
        "compliance.agent_availability_projection": Field("complianceRules.agentAvailabilityProjection",
                                                          missing=False, default=False),
        "compliance.compliance_injection": Field("complianceRules.enableComplianceInjection", missing=False,
                                                 default=False),
        "status": Field("status", missing="ACTIVE", default="ACTIVE"),
    })
    NESTED = ("compliance",)
    MAX_ID_ATTEMPTS = 20

    def __init__(self, resource, campaign_id):
        super().__init__(resource)
        self.campaign_id = campaign_id
        self.collection = paths.campaign_schedules(campaign_id)
        self._listing = (None, None)  # (client, raw schedules): the campaign's, listed once per task

    def everything(self, ctx, fresh=False):
        client, listing = self._listing
        if fresh or client is not ctx.client:
            listing = ctx.client.paginate(self.collection)
            self._listing = (ctx.client, listing)
        return [self.record(raw) for raw in listing]

    def named(self, ctx, name, fresh=False):
        # Several schedules of one campaign in a task (``schedules``): one listing for all of them.
        return ObjectStore.named(self, ctx, name, fresh)

    def _written(self, ctx, raw):
        client, listing = self._listing
        if client is ctx.client:
            self._listing = (client, [s for s in listing if s["id"] != raw["id"]] + [raw])
        return self.record(raw)

    def delete(self, ctx, current):
        super().delete(ctx, current)
        client, listing = self._listing
        if client is ctx.client:
            self._listing = (client, [s for s in listing if s["id"] != current.id])

    def find(self, ctx, ident, fresh=False):
        if ident.get("id") and not SCHEDULE_ID.match(ident["id"]):
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
                return self._written(ctx, ctx.client.put(paths.item(self.collection, schedule_id), self.to_api(state)))
        raise CXoneError("campaign schedule %r: the ids derived from its name (%s...) are all taken by other "
                         "schedules; give the id of an existing schedule with the id option"
                         % (state["name"], schedule_id_for(state["name"])))

    @staticmethod
    def active_agents(ctx):
        """How many agents have an active shift (the capacity rule's projection)."""
        entries = ctx.client.get(paths.WFM_ACTIVE_SCHEDULES) or []
        return len({e.get("userId") or index for index, e in enumerate(entries) if e.get("status", "ACTIVE") == "ACTIVE"})


class WebhookStore(V2ObjectStore):
    kind = "webhook"
    collection = paths.WEBHOOKS
    FIELDS = FieldMap({
        "name": "name",
        "url": "url",
        "events": Field("events", read=lambda v: sorted(v or []), write=sorted),
        "enabled": Field("status", read=lambda v: v == "ENABLED", write=lambda v: "ENABLED" if v else "DISABLED",
                         missing="ENABLED", default=True),
    })
