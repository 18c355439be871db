# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hours of operation (``cxone_hours_of_operation``): a profile's opening hours for each
weekday, its holidays and the queues (skills) it applies to. How CXone itself says "open
hours and holidays"; the peak_mode role can take its calendar from one."""

from __future__ import annotations

import datetime
from typing import List, Literal, Optional

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import reconcile_object
from ansible_collections.cxone.cxone.plugins.module_utils._validation import (
    Field,
    Options,
    field_validator,
    option_names,
    pick,
    problems_of,
)
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import ObjectResource
from ansible_collections.cxone.cxone.plugins.module_utils.resources.campaign_schedule import DAYS, _check_time, _seconds

DAY_KEYS = ("day", "open", "close", "closed", "additional_open", "additional_close")
HOLIDAY_KEYS = ("name", "date", "open", "close", "closed")


class Day(Options):
    day: Literal[DAYS]
    open: Optional[str] = None
    close: Optional[str] = None
    closed: bool = False
    additional_open: Optional[str] = None
    additional_close: Optional[str] = None

    @field_validator("open", "close", "additional_open", "additional_close")
    @classmethod
    def _time(cls, value):
        return None if value is None else _check_time(value)


class Holiday(Options):
    name: str = Field(min_length=1, max_length=50)
    date: str
    open: Optional[str] = None
    close: Optional[str] = None
    closed: Optional[bool] = None

    @field_validator("date")
    @classmethod
    def _date(cls, value):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError("%r is not a date YYYY-MM-DD" % value) from None
        return value

    @field_validator("open", "close")
    @classmethod
    def _time(cls, value):
        return None if value is None else _check_time(value)


class ProfileOptions(Options):
    name: Optional[str] = Field(None, min_length=1, max_length=50)
    description: Optional[str] = None
    days: Optional[List[Day]] = None
    holidays: Optional[List[Holiday]] = None
    queues: Optional[List[str]] = None


def _hours_problems(where, opening, closing, extra_open=None, extra_close=None):
    problems = []
    if opening is None or closing is None:
        return ["%s: give open and close, or closed: true" % where]
    if _seconds(closing) <= _seconds(opening):
        problems.append("%s.close: %s is not after open %s" % (where, closing, opening))
    if (extra_open is None) != (extra_close is None):
        problems.append("%s: give both additional_open and additional_close" % where)
    elif extra_open is not None:
        if _seconds(extra_open) < _seconds(closing):
            problems.append("%s.additional_open: %s is before close %s" % (where, extra_open, closing))
        if _seconds(extra_close) <= _seconds(extra_open):
            problems.append("%s.additional_close: %s is not after additional_open %s" % (where, extra_close, extra_open))
    return problems


def closed_day(day):
    return {"day": day, "open": None, "close": None, "closed": True, "additional_open": None,
            "additional_close": None}


class HoursOfOperationResource(ObjectResource):
    kind = "hours of operation"
    module = "cxone_hours_of_operation"
    result_key = "hours_of_operation"
    model = ProfileOptions
    options = option_names(model)
    set_fields = ("queues",)
    export_fields = options

    def desired(self, ctx, params, prefix=""):
        self.refuse_unsupported(ctx, params, prefix)
        data = pick(params, self.options)
        validated, problems = problems_of(ProfileOptions, data, prefix)
        if validated is not None:
            problems.extend(self._rules(validated))
        if problems:
            raise InputError("invalid input: " + "; ".join(problems))
        state = validated.model_dump()
        if state["days"] is not None:  # the whole week: a day not listed is closed
            given = {day["day"]: day for day in state["days"]}
            state["days"] = [given.get(day) or closed_day(day) for day in DAYS]
        if state["holidays"] is not None:
            state["holidays"] = [dict(h, closed=h["open"] is None if h["closed"] is None else h["closed"])
                                 for h in state["holidays"]]
        if state["queues"] is not None:
            state["queues"] = [ctx.directory.resolve("queue", queue, "queues[%d]" % index)
                               for index, queue in enumerate(state["queues"])]
        return state

    @staticmethod
    def _rules(validated):
        problems = []
        seen = set()
        for index, day in enumerate(validated.days or []):
            where = "days[%d]" % index
            if day.day in seen:
                problems.append("%s.day: %s is listed more than once" % (where, day.day))
            seen.add(day.day)
            if day.closed:
                if day.open or day.close or day.additional_open or day.additional_close:
                    problems.append("%s: a closed day has no hours" % where)
            else:
                problems.extend(_hours_problems(where, day.open, day.close, day.additional_open, day.additional_close))
        dates = set()
        for index, holiday in enumerate(validated.holidays or []):
            where = "holidays[%d]" % index
            if holiday.date in dates:
                problems.append("%s.date: %s is listed more than once" % (where, holiday.date))
            dates.add(holiday.date)
            if holiday.closed and (holiday.open or holiday.close):
                problems.append("%s: a closed holiday has no hours" % where)
            elif holiday.open or holiday.close or holiday.closed is False:
                problems.extend(_hours_problems(where, holiday.open, holiday.close))
        twice = sorted({q for q in validated.queues or [] if [x.casefold() for x in validated.queues].count(
            q.casefold()) > 1})
        if twice:
            problems.append("queues: %s listed more than once" % ", ".join(twice))
        return problems

    def check(self, ctx, state, current):
        if current is None and state.get("days") is None:
            raise InputError("days: required to create hours of operation %r (the whole week)" % state["name"])

    def normalize(self, state):
        if state.get("days") is not None:
            state["days"] = sorted(({key: day.get(key) for key in DAY_KEYS} for day in state["days"]),
                                   key=lambda day: DAYS.index(day["day"]))
        if state.get("holidays") is not None:
            state["holidays"] = sorted(({key: h.get(key) for key in HOLIDAY_KEYS} for h in state["holidays"]),
                                       key=lambda h: (h["date"], h["name"]))
        if state.get("queues") is not None:
            state["queues"] = sorted(state["queues"], key=str)
        return state

    def show(self, ctx, state):
        if state.get("queues") is None:
            return state
        return dict(state, queues=sorted((ctx.directory.label("queue", q) for q in state["queues"]), key=str.casefold))


HOURS_OF_OPERATION = HoursOfOperationResource()


def reconcile(ctx):
    return reconcile_object(ctx, HOURS_OF_OPERATION)


def read(ctx, name=None):
    return HOURS_OF_OPERATION.list_shown(ctx, name)
