"""The season_decision filter: both days included, time zones and DST, now with and without offset, errors."""

from __future__ import annotations

import datetime

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.cxone.cxone.plugins.filter.season_decision import FilterModule, season_decision

NY = "America/New_York"
SEASON = {"start": "2026-04-01", "end": "2026-06-30", "timezone": NY}
ROLE_NAMES = {"start": "campaign_season_start", "end": "campaign_season_end",
              "timezone": "campaign_season_timezone", "now": "campaign_season_now"}


def decide(now, season=None, **kwargs):
    return season_decision(season or SEASON, now=now, **kwargs)


def error(season=None, now="2026-05-01T12:00"):
    with pytest.raises(AnsibleFilterError) as exc:
        season_decision(season or SEASON, now=now, var_names=ROLE_NAMES)
    return str(exc.value)


@pytest.mark.parametrize("now, phase", [
    ("2026-03-31T23:59:59", "before"),
    ("2026-04-01T00:00", "in"),                    # start day included from 00:00
    ("2026-04-01T03:59:59Z", "before"),            # = 2026-03-31 23:59:59 EDT
    ("2026-04-01T04:00:00Z", "in"),
    ("2026-04-01T05:59:59+02:00", "before"),       # = 23:59:59 EDT the day before
    ("2026-06-30T23:59:59.999999", "in"),          # end day included to its last moment
    ("2026-07-01T00:00", "after"),
    ("2026-07-01T03:59:59Z", "in"),                # still 30 June in New York
    ("2026-07-01T04:00:00z", "after"),
])
def test_boundaries(now, phase):
    result = decide(now)
    assert result["phase"] == phase
    assert result["active"] is (phase == "in")


def test_result_and_reasons():
    result = decide("2026-04-01T00:00", name="Q2 collections season")
    assert result == {
        "active": True,
        "phase": "in",
        "reason": "Q2 collections season ON: Wed 2026-04-01 00:00 America/New_York is within 2026-04-01..2026-06-30 "
                  "(day 1 of 91)",
        "now": "2026-04-01T00:00:00-04:00",
        "local_date": "2026-04-01",
        "timezone": NY,
        "start": "2026-04-01",
        "end": "2026-06-30",
        "starts_at": "2026-04-01T00:00:00-04:00",
        "ends_at": "2026-07-01T00:00:00-04:00",
        "days": 91,
        "day": 1,
    }
    assert decide("2026-03-31T23:59")["reason"] == (
        "campaign season OFF: Tue 2026-03-31 23:59 America/New_York is before the season (2026-04-01..2026-06-30)")
    after = decide("2026-07-01T04:00:00Z")
    assert after["reason"] == (
        "campaign season OFF: Wed 2026-07-01 00:00 America/New_York is after the season (2026-04-01..2026-06-30)")
    assert after["day"] is None


def test_one_day_season_and_winter_offsets():
    one_day = {"start": "2026-12-25", "end": "2026-12-25", "timezone": NY}
    assert decide("2026-12-25T00:00", one_day)["day"] == 1
    assert decide("2026-12-25T23:59:59", one_day)["active"] is True
    assert decide("2026-12-26T04:59:59Z", one_day)["active"] is True    # EST, UTC-5
    assert decide("2026-12-26T05:00:00Z", one_day)["active"] is False
    assert decide("2026-12-24T23:59:59", one_day)["active"] is False
    assert decide("2026-12-25T00:00", one_day)["ends_at"] == "2026-12-26T00:00:00-05:00"


def test_season_across_daylight_saving_changes():
    season = {"start": "2026-03-08", "end": "2026-11-01", "timezone": NY}  # both DST change days
    assert decide("2026-03-08T05:00:00Z", season)["now"] == "2026-03-08T00:00:00-05:00"
    assert decide("2026-03-08T04:59:59Z", season)["active"] is False
    assert decide("2026-03-08T05:00:00Z", season)["active"] is True
    assert decide("2026-11-02T04:59:59Z", season)["active"] is True     # 23:59:59 EST on 1 November
    assert decide("2026-11-02T05:00:00Z", season)["active"] is False
    assert decide("2026-11-01T01:30", season)["active"] is True         # the repeated hour


def test_a_midnight_that_does_not_exist():
    # Chile moves its clocks from Saturday 24:00 to Sunday 01:00: 6 September 2026 has no 00:00.
    season = {"start": "2026-09-06", "end": "2026-09-30", "timezone": "America/Santiago"}
    assert decide("2026-09-06T03:59:59Z", season)["phase"] == "before"
    first = decide("2026-09-06T04:00:00Z", season)
    assert first["phase"] == "in"
    assert first["now"] == "2026-09-06T01:00:00-03:00"


def test_now_defaults_to_the_clock_and_accepts_datetimes():
    today = datetime.datetime.now(datetime.timezone.utc).date()
    around = {"start": (today - datetime.timedelta(days=2)).isoformat(),
              "end": (today + datetime.timedelta(days=2)).isoformat(), "timezone": "UTC"}
    assert season_decision(around)["active"] is True
    assert season_decision(around, now="")["active"] is True
    moment = datetime.datetime(2026, 7, 1, 3, 0, tzinfo=datetime.timezone.utc)
    assert decide(moment)["active"] is True                               # 23:00 EDT, 30 June
    assert decide(datetime.datetime(2026, 7, 1, 3, 0))["active"] is False  # naive: New York wall-clock time
    # YAML reads unquoted dates as dates.
    assert decide("2026-05-01T12:00", {"start": datetime.date(2026, 4, 1), "end": datetime.date(2026, 6, 30),
                                       "timezone": NY})["days"] == 91


@pytest.mark.parametrize("season, now, message", [
    (dict(SEASON, end="2026-03-31"), "2026-05-01T12:00",
     "campaign_season_end: 2026-03-31 is before campaign_season_start 2026-04-01"),
    (dict(SEASON, start="2026-02-30"), "2026-05-01T12:00", "campaign_season_start: '2026-02-30' is not a date"),
    (dict(SEASON, start="1 April 2026"), "2026-05-01T12:00", "campaign_season_start: '1 April 2026' is not a date"),
    (dict(SEASON, end=20260630), "2026-05-01T12:00", "campaign_season_end: 20260630 is not a date"),
    (dict(SEASON, end=datetime.datetime(2026, 6, 30)), "2026-05-01T12:00", "campaign_season_end: "),
    (dict(SEASON, timezone="EST5EDT/Nowhere"), "2026-05-01T12:00",
     "campaign_season_timezone: 'EST5EDT/Nowhere' is not a known IANA time zone"),
    (dict(SEASON, timezone=""), "2026-05-01T12:00", "campaign_season_timezone: an IANA time zone name is required"),
    (dict(SEASON, start=None), "2026-05-01T12:00", "campaign_season_start: required"),
    (dict(SEASON), "2026-05-01", "campaign_season_now: '2026-05-01' has no time of day"),
    (dict(SEASON), "noon", "campaign_season_now: 'noon' is not an ISO 8601 date-time"),
    (dict(SEASON), "2026-05-01T25:00", "campaign_season_now: '2026-05-01T25:00' is not an ISO 8601 date-time"),
    (dict(SEASON), 1777000000, "campaign_season_now: 1777000000 is not an ISO 8601 date-time"),
])
def test_errors_name_the_variable(season, now, message):
    assert message in error(season, now)


def test_unknown_keys_and_shape():
    with pytest.raises(AnsibleFilterError, match="unknown season key"):
        season_decision(dict(SEASON, holidays=[]), now="2026-05-01T12:00")
    with pytest.raises(AnsibleFilterError, match="must be a dict"):
        season_decision(["2026-04-01", "2026-06-30"], now="2026-05-01T12:00")


def test_america_new_york_is_a_time_zone_like_any_other():
    # Seed 004 checked time zones with /^([A-Z]{2,4})\/([A-Za-z0-9_]{2,30})$/, which refused it.
    for zone in (NY, "America/Argentina/Buenos_Aires", "UTC", "Europe/Paris", "Asia/Kolkata"):
        assert season_decision(dict(SEASON, timezone=zone), now="2026-05-01T12:00")["timezone"] == zone


def test_filter_is_registered():
    assert FilterModule().filters()["season_decision"] is season_decision
