"""The peak_decision filter: calendar windows, holidays, time zones and DST, load marks, hysteresis."""

from __future__ import annotations

import datetime

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.cxone.cxone.plugins.filter.peak_decision import FilterModule, format_days, peak_decision

NY = "America/New_York"
CALENDAR = {
    "timezone": NY,
    "windows": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "11:00"}],
    "holidays": ["2026-12-25"],
}
TRIGGER = {"queues": ["Support"], "enter_waiting": 10, "leave_waiting": 5,
           "enter_oldest_wait_seconds": 120, "leave_oldest_wait_seconds": 60}
ROLE_NAMES = {"calendar": "peak_mode_calendar", "now": "peak_mode_now", "trigger": "peak_mode_load"}
MONDAY_NOON = "2026-03-09T12:00"  # outside the window


def load(waiting=0, oldest=0, queue="Support"):
    return [{"queue": queue, "queue_id": "q-" + queue.lower(), "waiting": waiting, "interacting": 1,
             "oldest_wait_seconds": oldest, "available_agents": 2}]


def decide(now, calendar=None, **kwargs):
    return peak_decision(calendar or CALENDAR, now=now, **kwargs)


def error(**kwargs):
    kwargs.setdefault("calendar", CALENDAR)
    kwargs.setdefault("now", MONDAY_NOON)
    with pytest.raises(AnsibleFilterError) as exc:
        peak_decision(kwargs.pop("calendar"), var_names=ROLE_NAMES, **kwargs)
    return str(exc.value)


# ---- calendar --------------------------------------------------------------------------

def test_inside_a_window():
    result = decide("2026-03-09T09:05")
    assert result["active"] is True
    assert result["source"] == "calendar"
    assert result["reason"] == "peak ON: calendar window Mon-Fri 09:00-11:00 (America/New_York)"
    assert result["local_day"] == "Mon" and result["local_time"] == "09:05"
    assert result["now"] == "2026-03-09T09:05:00-04:00"
    assert result["window"] == {"label": "Mon-Fri 09:00-11:00", "name": None}


@pytest.mark.parametrize("now, active", [
    ("2026-03-09T08:59:59", False),
    ("2026-03-09T09:00", True),        # start is inclusive
    ("2026-03-09T10:59:59", True),
    ("2026-03-09T11:00", False),       # end is exclusive
    ("2026-03-13T10:00", True),        # Friday
    ("2026-03-14T10:00", False),       # Saturday
])
def test_window_bounds_and_days(now, active):
    assert decide(now)["active"] is active


def test_outside_windows_without_trigger():
    result = decide("2026-03-14T10:00")
    assert result == dict(result, active=False, source="off", held=False, load=None)
    assert result["reason"] == "peak OFF: outside calendar windows (Sat 10:00 America/New_York)"


def test_named_window_and_first_match_wins():
    calendar = dict(CALENDAR, windows=[
        {"name": "Morning rush", "days": ["Monday"], "start": "09:00", "end": "10:00"},
        {"days": ["MON", "wed"], "start": "09:30:00", "end": "12:00"},
    ])
    assert decide("2026-03-09T09:45", calendar)["reason"] == \
        "peak ON: calendar window Morning rush Mon 09:00-10:00 (America/New_York)"
    assert decide("2026-03-09T11:00", calendar)["window"]["label"] == "Mon,Wed 09:30-12:00"


def test_holiday_is_never_peak():
    result = decide("2026-12-25T09:30")   # a Friday, inside the window
    assert result["active"] is False and result["source"] == "holiday"
    assert result["reason"] == "peak OFF: holiday 2026-12-25 (America/New_York)"
    # not even by load
    held = decide("2026-12-25T13:00", trigger=TRIGGER, load=load(waiting=50), currently_active=True)
    assert held["active"] is False and held["source"] == "holiday"


def test_holiday_as_a_yaml_date():
    calendar = dict(CALENDAR, holidays=[datetime.date(2026, 12, 25)])
    assert decide("2026-12-25T09:30", calendar)["source"] == "holiday"


def test_holiday_is_the_local_date():
    # 2026-12-25T03:00Z is still the 24th in New York: not a holiday there.
    calendar = dict(CALENDAR, windows=[{"days": ["thu"], "start": "21:00", "end": "23:00"}])
    result = decide("2026-12-25T03:00:00Z", calendar)
    assert result["source"] == "calendar" and result["local_day"] == "Thu"


# ---- time zones and DST ------------------------------------------------------------------

@pytest.mark.parametrize("now, active, local", [
    # DST starts in New York on Sunday 2026-03-08: 13:05 UTC is 08:05 EST before, 09:05 EDT after.
    ("2026-03-06T13:05:00Z", False, "08:05"),
    ("2026-03-09T13:05:00Z", True, "09:05"),
    ("2026-03-09T13:05:00+00:00", True, "09:05"),
    ("2026-03-09T15:05:00+02:00", True, "09:05"),
    # DST ends on 2026-11-01: 14:30 UTC is 10:30 EDT on Friday 30 Oct, 09:30 EST on Monday 2 Nov.
    ("2026-10-30T14:30:00Z", True, "10:30"),
    ("2026-11-02T14:30:00Z", True, "09:30"),
    ("2026-11-02T16:30:00Z", False, "11:30"),
])
def test_offsets_are_converted_to_the_calendar_zone(now, active, local):
    result = decide(now)
    assert result["active"] is active
    assert result["local_time"] == local


def test_naive_now_is_calendar_wall_clock_time():
    assert decide("2026-03-09T09:05:00")["now"] == "2026-03-09T09:05:00-04:00"
    assert decide("2026-03-06T09:05:00")["now"] == "2026-03-06T09:05:00-05:00"


def test_datetime_objects_and_default_now():
    aware = datetime.datetime(2026, 3, 9, 13, 5, tzinfo=datetime.timezone.utc)
    assert decide(aware)["active"] is True
    assert decide(datetime.datetime(2026, 3, 9, 9, 5))["active"] is True
    result = peak_decision({"timezone": "UTC", "windows": []})
    assert result["active"] is False and result["timezone"] == "UTC"
    assert result["now"].endswith("+00:00")


# ---- windows crossing midnight -------------------------------------------------------------

@pytest.mark.parametrize("now, active", [
    ("2026-03-13T21:59", False),   # Friday before
    ("2026-03-13T22:00", True),
    ("2026-03-13T23:59", True),
    ("2026-03-14T00:00", True),    # Saturday morning belongs to Friday's window
    ("2026-03-14T01:59", True),
    ("2026-03-14T02:00", False),
    ("2026-03-14T22:30", False),   # Saturday evening: Saturday is not listed
    ("2026-03-12T01:00", False),   # Thursday morning: Wednesday is not listed
])
def test_window_crossing_midnight(now, active):
    calendar = dict(CALENDAR, windows=[{"days": ["fri"], "start": "22:00", "end": "02:00"}])
    assert decide(now, calendar)["active"] is active


def test_end_of_day():
    calendar = dict(CALENDAR, windows=[{"days": ["sun"], "start": "18:00", "end": "24:00"}])
    assert decide("2026-03-15T23:59:59", calendar)["reason"].startswith("peak ON: calendar window Sun 18:00-24:00")
    assert decide("2026-03-16T00:00", calendar)["active"] is False


def test_format_days():
    assert format_days([0, 1, 2, 3, 4]) == "Mon-Fri"
    assert format_days([5, 6]) == "Sat,Sun"
    assert format_days([0, 2, 4]) == "Mon,Wed,Fri"
    assert format_days([0, 1, 2, 4, 5, 6]) == "Mon-Wed,Fri-Sun"


# ---- load trigger and hysteresis -----------------------------------------------------------

@pytest.mark.parametrize("waiting, oldest, active_before, active, source", [
    (10, 0, False, True, "load"),        # enter at >= N
    (14, 0, False, True, "load"),
    (0, 120, False, True, "load"),       # or the oldest wait
    (9, 0, False, False, "held"),        # between the marks: stays off ...
    (9, 0, True, True, "held"),          # ... or on
    (5, 0, True, True, "held"),          # 5 is not below 5
    (4, 59, True, False, "load_below"),  # below every leave mark: off
    (4, 60, True, True, "held"),         # the oldest wait still holds it
    (4, 0, False, False, "load_below"),
])
def test_marks_and_hysteresis(waiting, oldest, active_before, active, source):
    result = decide(MONDAY_NOON, trigger=TRIGGER, load=load(waiting, oldest), currently_active=active_before)
    assert (result["active"], result["source"]) == (active, source)
    assert result["held"] is (source == "held")
    assert result["load"][0]["level"] == {"load": "enter", "held": "between", "load_below": "below"}[source]


def test_reasons_for_load():
    assert decide(MONDAY_NOON, trigger=TRIGGER, load=load(14))["reason"] == \
        "peak ON: load on Support waiting=14 >= 10"
    assert decide(MONDAY_NOON, trigger=TRIGGER, load=load(7, 30), currently_active=True)["reason"] == (
        "peak ON (held): load between marks, peak members present; "
        "Support waiting=7 (enter >= 10, leave < 5), oldest_wait_seconds=30 (enter >= 120, leave < 60)")
    assert decide(MONDAY_NOON, trigger=TRIGGER, load=load(7, 30))["reason"].startswith(
        "peak OFF (held): load between marks, no peak members present;")
    assert decide(MONDAY_NOON, trigger=TRIGGER, load=load(1, 1), currently_active=True)["reason"] == \
        "peak OFF: outside calendar windows (Mon 12:00 America/New_York), load below the leave marks on Support"


def test_several_queues():
    trigger = {"queues": ["Support", "Billing"], "enter_waiting": 10, "leave_waiting": 5}
    observed = load(2, queue="Support") + load(12, queue="Billing")
    assert decide(MONDAY_NOON, trigger=trigger, load=observed)["reason"] == "peak ON: load on Billing waiting=12 >= 10"
    observed = load(2, queue="Support") + load(6, queue="Billing")
    assert decide(MONDAY_NOON, trigger=trigger, load=observed, currently_active=True)["active"] is True
    observed = load(2, queue="Support") + load(4, queue="Billing")
    assert decide(MONDAY_NOON, trigger=trigger, load=observed, currently_active=True)["active"] is False


def test_leave_marks_default_to_enter_marks():
    trigger = {"queues": ["Support"], "enter_waiting": 10}
    assert decide(MONDAY_NOON, trigger=trigger, load=load(10))["active"] is True
    assert decide(MONDAY_NOON, trigger=trigger, load=load(9), currently_active=True)["source"] == "load_below"


def test_load_by_id_and_api_spelling():
    trigger = {"queues": ["q-1"], "enter_oldest_wait_seconds": 100}
    observed = [{"queueId": "q-1", "waiting": 0, "oldestWaitSeconds": 150}]
    assert decide(MONDAY_NOON, trigger=trigger, load=observed)["source"] == "load"
    by_name = [{"queue": "SUPPORT", "queue_id": "x", "waiting": 11, "oldest_wait_seconds": 0}]
    assert decide(MONDAY_NOON, trigger=TRIGGER, load=by_name)["active"] is True


def test_calendar_decides_without_load():
    assert decide("2026-03-09T09:05", trigger=TRIGGER)["source"] == "calendar"
    assert decide("2026-12-25T13:00", trigger=TRIGGER)["source"] == "holiday"
    # A window that has ended while the load is still between the marks: held on.
    result = decide("2026-03-09T11:00", trigger=TRIGGER, load=load(7), currently_active=True)
    assert result["active"] is True and result["source"] == "held"


# ---- bad input: the error names the variable ------------------------------------------------

@pytest.mark.parametrize("calendar, message", [
    ({"windows": []}, "peak_mode_calendar.timezone: an IANA time zone name is required"),
    ({"timezone": "Mars/Olympus_Mons"}, "peak_mode_calendar.timezone: 'Mars/Olympus_Mons' is not a known IANA time zone"),
    ({"timezone": "../../etc/passwd"}, "peak_mode_calendar.timezone: '../../etc/passwd' is not a known IANA time zone"),
    ({"timezone": NY, "windows": [{"days": ["mon"], "start": "25:00", "end": "26:00"}]},
     "peak_mode_calendar.windows[0].start: '25:00' is not a time of day"),
    ({"timezone": NY, "windows": [{"days": ["mon"], "start": "9am", "end": "11:00"}]},
     "peak_mode_calendar.windows[0].start: '9am' is not a time of day (HH:MM)"),
    ({"timezone": NY, "windows": [{"days": ["mon"], "start": "09:00", "end": 660}]},
     "peak_mode_calendar.windows[0].end: 660 is not a time of day (HH:MM); quote times in YAML"),
    ({"timezone": NY, "windows": [{"days": ["mon"], "start": "09:00", "end": "660"}]},
     "quote times in YAML"),
    ({"timezone": NY, "windows": [{"days": ["mon"], "start": "09:00", "end": "09:00"}]},
     "peak_mode_calendar.windows[0].end: '09:00' equals the start"),
    ({"timezone": NY, "windows": [{"days": ["funday"], "start": "09:00", "end": "10:00"}]},
     "peak_mode_calendar.windows[0].days[0]: 'funday' is not a day of the week"),
    ({"timezone": NY, "windows": [{"days": [], "start": "09:00", "end": "10:00"}]},
     "peak_mode_calendar.windows[0].days: must be a non-empty list"),
    ({"timezone": NY, "windows": [{"days": ["mon", "Monday"], "start": "09:00", "end": "10:00"}]},
     "peak_mode_calendar.windows[0].days[1]: 'Monday' is listed more than once"),
    ({"timezone": NY, "windows": [{"days": ["mon"], "start": "09:00"}]},
     "peak_mode_calendar.windows[0]: end is required"),
    ({"timezone": NY, "windows": [{"days": ["mon"], "start": "09:00", "end": "10:00", "stop": "x"}]},
     "peak_mode_calendar.windows[0]: unknown key(s) stop"),
    ({"timezone": NY, "holidays": ["2026-13-01"]}, "peak_mode_calendar.holidays[0]: '2026-13-01' is not a date"),
    ({"timezone": NY, "holidays": ["25/12/2026"]}, "peak_mode_calendar.holidays[0]: '25/12/2026' is not a date"),
    ({"timezone": NY, "holiday": []}, "peak_mode_calendar: unknown key(s) holiday"),
    ("weekdays", "peak_mode_calendar: must be a dict"),
])
def test_bad_calendar(calendar, message):
    assert message in error(calendar=calendar)


@pytest.mark.parametrize("now, message", [
    ("yesterday", "peak_mode_now: 'yesterday' is not an ISO 8601 date-time"),
    ("2026-03-09", "peak_mode_now: '2026-03-09' has no time of day"),
    ("2026-02-30T09:00", "peak_mode_now: '2026-02-30T09:00' is not an ISO 8601 date-time"),
    (12, "peak_mode_now: 12 is not an ISO 8601 date-time"),
])
def test_bad_now(now, message):
    assert message in error(now=now)


@pytest.mark.parametrize("trigger, message", [
    ({"queues": ["Support"]}, "peak_mode_load: set enter_waiting or enter_oldest_wait_seconds"),
    ({"queues": [], "enter_waiting": 3}, "peak_mode_load.queues: a non-empty list"),
    ({"queues": "Support", "enter_waiting": 3}, "peak_mode_load.queues: a non-empty list"),
    ({"queues": ["Support", "support"], "enter_waiting": 3}, "peak_mode_load.queues[1]: 'support' is listed more than once"),
    ({"queues": ["Support"], "enter_waiting": 5, "leave_waiting": 6}, "peak_mode_load.leave_waiting: 6 is above enter_waiting (5)"),
    ({"queues": ["Support"], "enter_waiting": 0}, "peak_mode_load.enter_waiting: 0 is below 1"),
    ({"queues": ["Support"], "enter_waiting": 5, "leave_waiting": 0}, "peak_mode_load.leave_waiting: 0 is below 1"),
    ({"queues": ["Support"], "enter_waiting": "many"}, "peak_mode_load.enter_waiting: 'many' is not a whole number"),
    ({"queues": ["Support"], "enter_waiting": 5, "leave_oldest_wait_seconds": 3},
     "peak_mode_load.leave_oldest_wait_seconds: set only together with enter_oldest_wait_seconds"),
    ({"queues": ["Support"], "enter_waiting": 5, "leave": 3}, "peak_mode_load: unknown key(s) leave"),
])
def test_bad_trigger(trigger, message):
    assert message in error(trigger=trigger, load=load())


def test_trigger_is_checked_even_when_the_calendar_decides():
    assert "peak_mode_load: set enter_waiting" in error(now="2026-03-09T09:05", trigger={"queues": ["Support"]})


def test_missing_load():
    assert error(trigger=TRIGGER).startswith(
        "load: the live load of Support is required with peak_mode_load outside calendar windows")
    with pytest.raises(AnsibleFilterError, match="^observed: the live load of Support is required"):
        peak_decision(CALENDAR, now=MONDAY_NOON, trigger=TRIGGER, var_names=dict(ROLE_NAMES, load="observed"))
    assert "load: no observation for the watched queue 'Support'" in error(trigger=TRIGGER, load=load(queue="Billing"))


def test_currently_active_must_be_a_bool():
    assert "currently_active" in error(currently_active="yes")


def test_filter_is_registered():
    assert FilterModule().filters() == {"peak_decision": peak_decision}
