"""cxone_campaign_schedule and cxone_campaign_schedule_info through real ansible-playbook runs."""

from __future__ import annotations

import copy
import threading

CAMPAIGN = "Spring Renewal Outreach"
SEEDED_ID = "weekday-business-hours"


def window(day, start="17:00:00", end="20:00:00", **extra):
    entry = {"day": day, "start": start, "end": end, "max_calls_per_day": 300, "max_calls_per_hour": 150,
             "predictive_rate": 1.2, "max_calls_per_agent_per_day": 100}
    entry.update(extra)
    return entry


SCHEDULE = {
    "campaign": CAMPAIGN,
    "name": "Weekday evenings",
    "timezone": "America/New_York",
    # Not in canonical order: the module sorts, so the state shown does not depend on it.
    "windows": [window("TUESDAY"), window("MONDAY", "08:00:00", "10:00:00", max_calls_per_hour=None), window("MONDAY")],
    "blackout_periods": [{"start": "18:30:00", "end": "18:45:00", "reason": "SHIFT_HANDOVER"}],
    "compliance": {"regulatory_pauses": ["TCPA", "NCDOJ"], "agent_availability_projection": True},
}


def task(args, name="schedule", **extra):
    return dict({"name": name, "cxone.cxone.cxone_campaign_schedule": args}, **extra)


def writes(emulator):
    return emulator.stats()["write_requests"]


def campaign_id(emulator, name=CAMPAIGN):
    return next(c["id"] for c in emulator.store.campaigns.values() if c["name"] == name)


def schedules(emulator, campaign=CAMPAIGN):
    return list(emulator.store.schedules.get(campaign_id(emulator, campaign), {}).values())


def schedules_named(emulator, name, campaign=CAMPAIGN):
    return [s for s in schedules(emulator, campaign) if s["name"].casefold() == name.casefold()]


def test_create_converge_check_diff(emulator, run_playbook):
    checked = run_playbook([task(SCHEDULE)], check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("schedule")["changed"] is True
    assert writes(emulator) == 0
    assert not schedules_named(emulator, "Weekday evenings")

    real = run_playbook([task(SCHEDULE)], diff=True)
    result = real.task("schedule")
    assert result["changed"] is True
    # Check mode predicted exactly what the real run did, windows normalised the same way.
    assert checked.task("schedule")["result"]["diff"] == result["result"]["diff"]
    assert result["result"]["diff"]["before"] == {}
    shown = result["result"]["schedule"]
    assert shown["id"].startswith("weekday-evenings-")
    assert shown["campaign"] == CAMPAIGN and shown["timezone"] == "America/New_York"
    assert [(w["day"], w["start"]) for w in shown["windows"]] == [
        ("MONDAY", "08:00:00"), ("MONDAY", "17:00:00"), ("TUESDAY", "17:00:00")]
    assert shown["windows"][0]["max_calls_per_hour"] is None
    assert shown["blackout_periods"] == [{"start": "18:30:00", "end": "18:45:00", "reason": "SHIFT_HANDOVER",
                                          "applies_to_all_days": True}]
    assert shown["compliance"] == {"regulatory_pauses": ["NCDOJ", "TCPA"], "agent_availability_projection": True,
                                   "compliance_injection": False}
    assert shown["status"] == "ACTIVE"
    (stored,) = schedules_named(emulator, "Weekday evenings")
    assert stored["id"] == shown["id"]
    assert "maxCallsPerHour" not in stored["scheduleDetails"][0]  # left out, not sent as null

    before = writes(emulator)
    again = run_playbook([task(SCHEDULE)])
    assert again.task("schedule")["changed"] is False
    assert writes(emulator) == before
    # The same schedule given in another order, another case for the name: still nothing to do.
    reordered = dict(copy.deepcopy(SCHEDULE), name="WEEKDAY EVENINGS", windows=list(reversed(SCHEDULE["windows"])))
    reordered["compliance"]["regulatory_pauses"] = ["NCDOJ", "TCPA"]
    assert run_playbook([task(reordered)], check=True).task("schedule")["changed"] is False
    assert run_playbook([task(reordered)]).task("schedule")["changed"] is False
    assert writes(emulator) == before
    assert len(schedules_named(emulator, "Weekday evenings")) == 1


def test_two_runs_and_concurrent_first_runs_give_one_schedule(emulator, run_playbook):
    # Both runs list the schedules before either writes (latency), then PUT the same derived id.
    emulator.configure(latency=0.3)
    outcomes = []

    def run():
        outcomes.append(run_playbook([task(SCHEDULE)]))

    threads = [threading.Thread(target=run) for _attempt in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    emulator.configure(latency=0.0)
    assert [o.rc for o in outcomes] == [0, 0], [o.stdout for o in outcomes]
    assert len(schedules_named(emulator, "Weekday evenings")) == 1
    assert len(schedules(emulator)) == 2  # the seeded one and ours
    assert run_playbook([task(SCHEDULE)]).task("schedule")["changed"] is False
    assert len(schedules_named(emulator, "Weekday evenings")) == 1


def test_update_windows_status_and_compliance(emulator, run_playbook):
    run_playbook([task(SCHEDULE)])
    update = {"campaign": CAMPAIGN, "name": "weekday evenings", "windows": [window("FRIDAY", "16:00:00", "19:00:00")],
              "compliance": {"compliance_injection": True}, "status": "INACTIVE"}
    before = writes(emulator)
    checked = run_playbook([task(update)], check=True, diff=True)
    assert checked.task("schedule")["changed"] is True
    assert writes(emulator) == before
    diff = checked.task("schedule")["result"]["diff"]
    assert [w["day"] for w in diff["before"]["windows"]] == ["MONDAY", "MONDAY", "TUESDAY"]
    assert [w["day"] for w in diff["after"]["windows"]] == ["FRIDAY"]

    real = run_playbook([task(update)], diff=True)
    assert real.task("schedule")["changed"] is True
    assert real.task("schedule")["result"]["diff"] == diff
    (stored,) = schedules_named(emulator, "Weekday evenings")
    assert stored["status"] == "INACTIVE"
    assert [d["dayOfWeek"] for d in stored["scheduleDetails"]] == ["FRIDAY"]
    # Options the task left out kept their values through the whole-schedule PUT.
    assert stored["complianceRules"] == {"regulatoryPauses": ["NCDOJ", "TCPA"], "agentAvailabilityProjection": True,
                                         "enableComplianceInjection": True}
    assert stored["blackoutPeriods"][0]["reason"] == "SHIFT_HANDOVER"
    assert stored["name"] == "Weekday evenings"  # found by name: the tenant's spelling is kept
    assert run_playbook([task(update)]).task("schedule")["changed"] is False

    # An empty blackout list removes every blackout.
    assert run_playbook([task({"campaign": CAMPAIGN, "name": "Weekday evenings", "blackout_periods": []})]) \
        .task("schedule")["changed"] is True
    assert schedules_named(emulator, "Weekday evenings")[0]["blackoutPeriods"] == []


def test_delete_and_delete_again(emulator, run_playbook):
    run_playbook([task(SCHEDULE)])
    delete = [task({"campaign": CAMPAIGN, "name": "Weekday evenings", "state": "absent"})]
    before = writes(emulator)
    checked = run_playbook(delete, check=True, diff=True)
    assert checked.task("schedule")["changed"] is True
    assert checked.task("schedule")["result"]["diff"]["after"] == {}
    assert writes(emulator) == before
    assert run_playbook(delete).task("schedule")["changed"] is True
    assert not schedules_named(emulator, "Weekday evenings")
    before = writes(emulator)
    assert run_playbook(delete).task("schedule")["changed"] is False
    assert writes(emulator) == before


def test_time_zones_accepted(emulator, run_playbook):
    tasks = [task(dict(SCHEDULE, name="tz %s" % zone, timezone=zone), name=zone)
             for zone in ("America/New_York", "America/Argentina/Buenos_Aires", "UTC", "Europe/Paris")]
    result = run_playbook(tasks)
    assert result.rc == 0, result.stdout
    assert {s["timezone"] for s in schedules(emulator)} >= {"America/New_York", "America/Argentina/Buenos_Aires",
                                                            "UTC", "Europe/Paris"}


def test_time_zones_without_the_system_zone_database(emulator, run_playbook, tmp_path):
    """A host (or EE image) without /usr/share/zoneinfo: tzdata from requirements.txt serves the zones."""
    empty = tmp_path / "no-zoneinfo"
    empty.mkdir()
    result = run_playbook([task(SCHEDULE)], extra_env={"PYTHONTZPATH": str(empty)})
    assert result.rc == 0, result.task("schedule")["result"].get("msg")
    assert [s["timezone"] for s in schedules_named(emulator, SCHEDULE["name"])] == ["America/New_York"]


def test_rename_by_id_and_derived_id_never_overwrites(emulator, run_playbook):
    created = run_playbook([task(SCHEDULE)]).task("schedule")["result"]["schedule"]
    # Rename ours by id; creating "Weekday evenings" again must not overwrite the renamed one.
    renamed = run_playbook([task({"campaign": CAMPAIGN, "id": created["id"], "name": "Weeknights"})])
    assert renamed.task("schedule")["changed"] is True
    recreated = run_playbook([task(SCHEDULE)]).task("schedule")
    assert recreated["changed"] is True
    assert recreated["result"]["schedule"]["id"] == created["id"] + "-2"
    assert len(schedules_named(emulator, "Weeknights")) == 1
    assert schedules_named(emulator, "Weeknights")[0]["id"] == created["id"]
    # Adopt the seeded schedule (created elsewhere, own id) by its id.
    adopt = run_playbook([task({"campaign": CAMPAIGN, "id": SEEDED_ID, "name": "Weekday business hours",
                                "status": "INACTIVE"})])
    assert adopt.task("schedule")["result"]["schedule"]["id"] == SEEDED_ID
    assert emulator.store.schedules[campaign_id(emulator)][SEEDED_ID]["status"] == "INACTIVE"


def test_blackout_against_current_windows(emulator, run_playbook):
    # Only the blackouts are given; they are checked against the windows the schedule has.
    result = run_playbook([task({"campaign": CAMPAIGN, "name": "Weekday business hours",
                                 "blackout_periods": [{"start": "08:00:00", "end": "18:00:00"}]},
                                ignore_errors=True)])
    message = result.task("schedule")["result"]["msg"]
    assert "blackout_periods[0]: 08:00:00-18:00:00 applies to all days and covers the whole window" in message
    assert writes(emulator) == 0


def bad(**changes):
    args = copy.deepcopy(SCHEDULE)
    args.update(changes)
    return args


BAD_INPUTS = [
    (bad(windows=[window("MONDAY", start="09:00")]),
     "windows[0].start: '09:00' is not a time of day HH:MM:SS"),
    (bad(windows=[window("MONDAY", start=61200)]), "quote the time"),
    (bad(windows=[window("MONDAY", start="17:00:00", end="09:00:00")]),
     "windows[0].end: 09:00:00 is not after start 17:00:00"),
    (bad(windows=[window("MONDAY", "09:00:00", "12:00:00"), window("TUESDAY"), window("MONDAY", "11:00:00", "13:00:00")]),
     "windows[0] and windows[2]: two MONDAY windows overlap (09:00:00-12:00:00 and 11:00:00-13:00:00)"),
    (bad(blackout_periods=[{"start": "16:00:00", "end": "21:00:00", "reason": "ALL_EVENING"}]),
     "blackout_periods[0]: 16:00:00-21:00:00 applies to all days and covers the whole window windows[0] "
     "(TUESDAY 17:00:00-20:00:00)"),
    (bad(timezone="Mars/Olympus_Mons"), "timezone: 'Mars/Olympus_Mons' is not a known IANA time zone"),
    (bad(windows=[window("MONDAY", max_calls_per_day=1000),
                  window("TUESDAY", max_calls_per_day=1000, max_calls_per_agent_per_day=80)]),
     "capacity exceeded: the schedule requests 2000 calls per day (sum of max_calls_per_day over 2 window(s)), "
     "above the 900 allowed: projected agent capacity 720 (9 active agent(s) x 80"),
    (bad(windows=[window("MONDAY", max_calls_per_day=None)]),
     "every window needs max_calls_per_day and max_calls_per_agent_per_day"),
    (bad(campaign="No Such Campaign"), "campaign: no campaign has the id or name 'No Such Campaign'"),
    (bad(windows=[window("MONDAY", predictive_rate=3.5, max_calls_per_hour=0)]),
     "windows[0].max_calls_per_hour: 0 is below 1; windows[0].predictive_rate: 3.5 is above 3.0"),
    (bad(windows=[]), "windows: at least 1 item(s) required"),
    (bad(compliance={"regulatory_pauses": ["TCPA", "TCPA"]}),
     "compliance.regulatory_pauses: TCPA listed more than once"),
    (bad(compliance={"regulatory_pauses": ["GDPR"]}), "regulatory_pauses"),
    ({"campaign": CAMPAIGN, "name": "No windows", "timezone": "UTC"}, "windows: required to create"),
    ({"campaign": CAMPAIGN, "id": "no-such-schedule", "status": "ACTIVE"}, "id: no campaign schedule has the id"),
    ({"campaign": CAMPAIGN, "id": "bad id!", "status": "ACTIVE"}, "id: 'bad id!' is not a schedule id"),
    # The seeded schedule's lunch blackout (12:00-13:00, all days) would hide the new window.
    ({"campaign": CAMPAIGN, "name": "Weekday business hours", "windows": [window("MONDAY", "12:00:00", "12:30:00")]},
     "with the schedule's current values): blackout_periods[0]: 12:00:00-13:00:00 applies to all days and covers"),
]


def test_bad_input_fails_before_any_write(emulator, run_playbook):
    tasks = [task(args, name="bad %d" % i, ignore_errors=True) for i, (args, _msg) in enumerate(BAD_INPUTS)]
    result = run_playbook(tasks)
    for i, (_args, message) in enumerate(BAD_INPUTS):
        outcome = result.task("bad %d" % i)
        assert outcome["failed"], outcome
        assert message in outcome["result"]["msg"], (i, message, outcome["result"]["msg"])
    assert writes(emulator) == 0


def test_every_problem_in_one_error(emulator, run_playbook):
    args = bad(timezone="Nowhere/Town", windows=[window("MONDAY", start="9:00:00"), window("SUNDAY", "20:00:00", "19:00:00"),
                                                 window("TUESDAY", "10:00:00", "12:00:00"),
                                                 window("TUESDAY", "11:00:00", "12:30:00")])
    result = run_playbook([task(args, ignore_errors=True)])
    message = result.task("schedule")["result"]["msg"]
    for part in ("timezone: 'Nowhere/Town'", "windows[0].start: '9:00:00'", "windows[1].end: 19:00:00 is not after",
                 "windows[2] and windows[3]: two TUESDAY windows overlap"):
        assert part in message, (part, message)
    assert writes(emulator) == 0


def test_info_round_trip(emulator, run_playbook):
    run_playbook([task(SCHEDULE), task(dict(SCHEDULE, campaign="Collections Q2", name="Collections evenings"),
                                       name="other")])
    result = run_playbook([
        {"name": "one", "cxone.cxone.cxone_campaign_schedule_info": {"campaign": CAMPAIGN}},
        {"name": "all", "cxone.cxone.cxone_campaign_schedule_info": {}},
        {"name": "named", "cxone.cxone.cxone_campaign_schedule_info": {"name": "WEEKDAY EVENINGS"}},
    ])
    assert result.rc == 0, result.stdout
    one = result.task("one")["result"]["schedules"]
    assert [s["name"] for s in one] == ["Weekday business hours", "Weekday evenings"]
    assert [(s["campaign"], s["name"]) for s in result.task("all")["result"]["schedules"]] == [
        ("Collections Q2", "Collections evenings"), (CAMPAIGN, "Weekday business hours"), (CAMPAIGN, "Weekday evenings")]
    (named,) = result.task("named")["result"]["schedules"]
    assert named["name"] == "Weekday evenings"
    seeded = one[0]
    assert seeded["id"] == SEEDED_ID and set(seeded) == {"id", "campaign", "name", "timezone", "windows",
                                                         "blackout_periods", "compliance", "status"}
    # Each info result fed back to the module changes nothing (with or without its id).
    before = writes(emulator)
    feed = [task(s, name="same %d" % i) for i, s in enumerate(result.task("all")["result"]["schedules"])]
    feed += [task({k: v for k, v in s.items() if k != "id"}, name="no id %d" % i) for i, s in enumerate(one)]
    again = run_playbook(feed)
    assert again.rc == 0, again.stdout
    assert again.changed == 0
    assert writes(emulator) == before
