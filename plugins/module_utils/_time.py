# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one reader of the APIs' and the tasks' ISO 8601 date-times."""

from __future__ import annotations

import datetime


def instant(value, assume_utc=False):
    """``value`` (``2024-05-15T10:30:00Z``, ``...+02:00``) as an aware datetime; None when it is
    empty or not a date-time. One without an offset is UTC with ``assume_utc``, else None."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"  # older Pythons' fromisoformat does not take Z
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=datetime.timezone.utc) if assume_utc else None
    return parsed


def seconds_between(start, end):
    """Whole seconds from ``start`` to ``end`` (0 when either is not a date-time, or end is earlier)."""
    first, last = instant(start, assume_utc=True), instant(end, assume_utc=True)
    if first is None or last is None:
        return 0
    return max(0, int((last - first).total_seconds()))
