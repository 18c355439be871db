# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Days, moments and time zones as the roles' decision filters read them (controller side).
Every error names the variable it is about (``where``)."""

from __future__ import annotations

import datetime
import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
except ImportError:  # pragma: no cover - Python < 3.9 cannot run these controller-side plugins
    ZoneInfo = None
    ZoneInfoNotFoundError = Exception

# Weekday abbreviations, Monday first (datetime.weekday()), for the reasons the roles print.
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fail(where, message):
    raise AnsibleFilterError("%s: %s" % (where, message))


def parse_zone(value, where):
    if not isinstance(value, str) or not value.strip():
        fail(where, "an IANA time zone name is required, such as America/New_York or UTC (got %r)" % (value,))
    if ZoneInfo is None:  # pragma: no cover
        fail(where, "time zones need Python 3.9 or later (zoneinfo) on the controller")
    try:
        return ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        fail(where, "%r is not a known IANA time zone (such as America/New_York, Europe/Paris or UTC)" % (value,))


def parse_date(value, where):
    """A calendar day from ``YYYY-MM-DD`` (or a ``date``: YAML reads an unquoted date as one)."""
    if isinstance(value, datetime.datetime):
        fail(where, "%r is a date-time; give a day (YYYY-MM-DD)" % (value,))
    if isinstance(value, datetime.date):
        return value
    text = to_text(value).strip() if isinstance(value, str) else None
    if text is None or not DATE_RE.match(text):
        fail(where, "%r is not a date (YYYY-MM-DD)" % (value,))
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        fail(where, "%r is not a date (YYYY-MM-DD): no such day" % (value,))


def parse_now(value, zone, where):
    """The moment as an aware datetime in ``zone``; None or blank is the current time.
    Input without an offset is wall-clock time in ``zone``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return datetime.datetime.now(datetime.timezone.utc).astimezone(zone)
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, str):
        text = value.strip()
        if DATE_RE.match(text):
            fail(where, "%r has no time of day; give a date-time such as %sT09:05" % (value, text))
        if text[-1:] in ("Z", "z"):
            text = text[:-1] + "+00:00"  # older Pythons' fromisoformat does not take Z
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            fail(where, "%r is not an ISO 8601 date-time, such as 2026-03-09T09:05:00-05:00, "
                        "2026-03-09T14:05:00Z or 2026-03-09T09:05 (wall-clock time)" % (value,))
    else:
        fail(where, "%r is not an ISO 8601 date-time" % (value,))
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)
