# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hours-of-operation profiles (``/hours-of-operation``)."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import segment
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.common import AdminObjectStore, hms
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ObjectStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import Field, FieldMap, text


def _days_from_api(days):
    shown = []
    for day in days or []:
        closed = bool(day.get("isClosedAllDay"))
        extra = bool(day.get("hasAdditionalHours")) and not closed
        shown.append({"day": str(day.get("day", "")).upper(), "closed": closed,
                      "open": None if closed else hms(day.get("openTime")),
                      "close": None if closed else hms(day.get("closeTime")),
                      "additional_open": hms(day.get("additionalOpenTime")) if extra else None,
                      "additional_close": hms(day.get("additionalCloseTime")) if extra else None})
    return shown


def _days_to_api(days):
    written = []
    for day in days or []:
        entry = {"day": day["day"].title(), "isClosedAllDay": day["closed"]}
        if not day["closed"]:
            entry.update(openTime=day["open"], closeTime=day["close"],
                         hasAdditionalHours=day["additional_open"] is not None)
            if day["additional_open"] is not None:
                entry.update(additionalOpenTime=day["additional_open"], additionalCloseTime=day["additional_close"])
        written.append(entry)
    return written


def _holidays_from_api(holidays):
    # The read says `name` in the generated client, the write `holidayName`: read either.
    return [{"name": h.get("name") or h.get("holidayName") or "", "date": h.get("date"), "closed": bool(h.get("isClosedAllDay")),
             "open": None if h.get("isClosedAllDay") else hms(h.get("openTime")),
             "close": None if h.get("isClosedAllDay") else hms(h.get("closeTime"))}
            for h in holidays or []]


def _holidays_to_api(holidays):
    written = []
    for holiday in holidays or []:
        entry = {"holidayName": holiday["name"], "date": holiday["date"], "isClosedAllDay": holiday["closed"]}
        if not holiday["closed"]:
            entry.update(openTime=holiday["open"], closeTime=holiday["close"])
        written.append(entry)
    return written


class HoursProfileStore(AdminObjectStore):
    """The list carries names only: a profile is read whole. A write sends the whole week and
    every holiday (the API takes nothing less); DELETE deletes."""

    kind = "hours of operation"

    path, id_field, name_field = "/hours-of-operation", "hoursOfOperationProfileId", "hoursOfOperationProfileName"
    wrapper = "hoursOfOperationProfile"
    FIELDS = FieldMap({
        "name": Field("hoursOfOperationProfileName", create_as="profileName"),
        "description": Field("description", read=text, write=text, default="", listed=False),
        "days": Field("days", read=_days_from_api, write=_days_to_api, listed=False),
        "holidays": Field("holidays", read=_holidays_from_api, write=_holidays_to_api, default=[], listed=False),
        "queues": Field("skills", read=lambda skills: [s["skillId"] for s in skills or []],
                        write=lambda ids: [{"skillId": i} for i in ids or []], default=[], listed=False),
    })

    def _summaries(self, ctx):
        return ctx.client.paginate(self.path, params={"isDeleted": "false"}, key="hoursOfOperation")

    def everything(self, ctx, fresh=False):
        return [self.by_id(ctx, summary[self.id_field]) for summary in self._summaries(ctx)]

    def named(self, ctx, name, fresh=False):
        wanted = name.casefold()
        return [self.by_id(ctx, summary[self.id_field]) for summary in self._summaries(ctx)
                if str(summary.get(self.name_field, "")).casefold() == wanted]

    def find(self, ctx, ident, fresh=False):
        return ObjectStore.find(self, ctx, ident, fresh)  # named() reads each profile whole already

    def create(self, ctx, state):
        body, _later = self.FIELDS.create_body(state)
        answer = ctx.client.request("POST", self.path, json=body).body
        return self.by_id(ctx, self.created(ctx, answer, ("profileId", "hoursOfOperationProfileId", "id"),
                                            state["name"]))

    def update(self, ctx, current, state):
        """The profile's PUT (the whole week and every holiday), then its queues through their own
        sub-resource: the PUT's schema has no skills (``PUT .../skills {assign, all, skills}``)."""
        path = "%s/%s" % (self.path, segment(current.id))
        body, before = self.to_api(state), self.to_api(current.state)
        del body["skills"], before["skills"]
        if body != before:  # only when the profile itself changes (a PUT rewrites every holiday)
            ctx.client.request("PUT", path, json=body)
        have, want = current.state["queues"], state["queues"] or []
        for assign, ids in ((True, [i for i in want if i not in have]), (False, [i for i in have if i not in want])):
            if ids:
                ctx.client.request("PUT", path + "/skills", json={"assign": assign, "all": False, "skills": ids})
        return self.by_id(ctx, current.id)
