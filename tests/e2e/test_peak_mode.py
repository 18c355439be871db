"""The peak_mode role against the emulator, with real ansible-playbook runs.

Every run decides from the calendar, the live load and the tenant; nothing is
remembered between runs (the bug of seed 000's scheduler must not come back).
"""

from __future__ import annotations

import json
import threading

PEAK_MEMBERS = ["david.lee@acme.example", "julia.rossi@acme.example"]
SUPPORT_REGULARS = {"alice.johnson@acme.example", "bob.smith@acme.example", "carla.gomez@acme.example"}

ROLE_VARS = {
    "peak_mode_calendar": {
        "timezone": "America/New_York",
        "windows": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "11:00"}],
        "holidays": ["2026-12-25"],
    },
    "peak_mode_memberships": [
        {"queue": "Support", "members": [
            {"user": "david.lee@acme.example", "split": 50},
            {"user": "Julia Rossi", "routing_type": "MANUAL"},
        ]},
        {"queue": "Overflow", "members": [{"user": "alice.johnson@acme.example"}]},
    ],
    "peak_mode_wrapup_codes": [
        {"name": "Peak Hold Callback"},                       # exists, unavailable in the seed
        {"name": "Storm Callback", "wrap_up_type": "CALL"},   # missing: created
    ],
}
LOAD = {"queues": ["Support"], "enter_waiting": 10, "leave_waiting": 5,
        "enter_oldest_wait_seconds": 120, "leave_oldest_wait_seconds": 60}

IN_WINDOW = "2026-03-09T09:05"             # Monday, New York wall-clock time
IN_WINDOW_UTC = "2026-03-09T13:05:00Z"     # the same moment (EDT, UTC-4)
OFF_WINDOW = "2026-03-09T12:00:00-04:00"   # Monday noon
HOLIDAY = "2026-12-25T09:30"               # a Friday, inside the window


def writes(emulator):
    return emulator.stats()["write_requests"]


def queue_id(emulator, name):
    return emulator.store.queues_by_name()[name]["id"]


def members_of(emulator, name):
    emails = {u["id"]: u["email"] for u in emulator.store.users_by_email().values()}
    return {emails[uid]: m for uid, m in emulator.store.members_of(queue_id(emulator, name)).items()}


def code(emulator, name):
    return emulator.store.wrapup_codes_by_name().get(name)


def set_load(emulator, waiting, oldest=0):
    emulator.store.set_queue_load(queue_id(emulator, "Support"), waiting=waiting, oldest_wait_seconds=oldest)


def role_tasks(now=None, **overrides):
    role_vars = dict(ROLE_VARS, **overrides)
    role_vars = {k: v for k, v in role_vars.items() if v is not None}
    if now is not None:
        role_vars.setdefault("peak_mode_now", now)
    return [
        {"name": "peak mode", "ansible.builtin.include_role": {"name": "cxone.cxone.peak_mode"}, "vars": role_vars},
        {"name": "facts", "ansible.builtin.debug": {
            "msg": {"active": "{{ cxone_peak_active }}", "reason": "{{ cxone_peak_reason }}",
                    "decision": "{{ cxone_peak_decision }}"}}},
    ]


def role_task(run, suffix):
    """The result of the role's task whose name ends with ``suffix``."""
    found = [t for t in run.tasks if t["name"].endswith(" : " + suffix)]
    assert found, "no role task %r in %s" % (suffix, [t["name"] for t in run.tasks])
    return found[-1]


def apply(run_playbook, now=None, check=False, diff=False, **overrides):
    run = run_playbook(role_tasks(now, **overrides), check=check, diff=diff)
    assert run.rc == 0, run.stdout[-3000:]
    facts = run.task("facts")["result"]["msg"]
    assert isinstance(facts["active"], bool)
    assert role_task(run, "Say why")["result"]["msg"] == facts["reason"]
    return run, facts


def assert_peak_on(emulator):
    assert set(members_of(emulator, "Support")) == SUPPORT_REGULARS | set(PEAK_MEMBERS)
    support = members_of(emulator, "Support")
    assert support["david.lee@acme.example"]["split"] == 50
    assert support["julia.rossi@acme.example"]["routingType"] == "MANUAL"
    assert "alice.johnson@acme.example" in members_of(emulator, "Overflow")
    assert code(emulator, "Peak Hold Callback")["available"] is True
    assert code(emulator, "Storm Callback")["available"] is True
    assert code(emulator, "Storm Callback")["wrapUpType"] == "CALL"


def assert_peak_off(emulator):
    assert set(members_of(emulator, "Support")) == SUPPORT_REGULARS
    assert set(members_of(emulator, "Overflow")) == {"farah.khan@acme.example"}
    assert code(emulator, "Peak Hold Callback")["available"] is False
    assert code(emulator, "Storm Callback")["available"] is False


# ---- calendar --------------------------------------------------------------------------

def test_calendar_on_rerun_off(emulator, run_playbook):
    run, facts = apply(run_playbook, IN_WINDOW)
    assert facts["active"] is True
    assert facts["reason"] == "peak ON: calendar window Mon-Fri 09:00-11:00 (America/New_York)"
    assert facts["decision"]["source"] == "calendar"
    assert facts["decision"]["currently_active"] is False  # the calendar decides: the tenant is not read first
    assert_peak_on(emulator)
    members_task = role_task(run, "Peak members in (peak) or out (off peak)")
    assert members_task["changed"] is True
    # Other members of Support are untouched: carla keeps her own settings.
    assert members_of(emulator, "Support")["carla.gomez@acme.example"]["split"] == 50

    # Again, at the same moment given with an offset: nothing to do, nothing written. Only
    # the reads the contract needs: queues, each queue's members, the codes, one page each; the
    # users are looked up in the listing the run before kept (a minute-by-minute schedule lists
    # them once every 10 minutes).
    emulator.reset_stats()
    run, facts = apply(run_playbook, IN_WINDOW_UTC)
    assert facts["active"] is True
    assert run.changed == 0
    assert emulator.stats()["write_requests"] == 0
    assert emulator.stats()["by_route"] == {
        "GET /api/v2/routing/queues": 1, "GET /api/v2/routing/queues/{id}/members": 2,
        "GET /api/v2/routing/wrap-up-codes": 1}, emulator.stats()["by_route"]

    # Off peak: exactly the peak members go, the codes become unavailable.
    carla = members_of(emulator, "Support")["carla.gomez@acme.example"]
    run, facts = apply(run_playbook, OFF_WINDOW)
    assert facts["active"] is False
    assert facts["reason"] == "peak OFF: outside calendar windows (Mon 12:00 America/New_York)"
    assert_peak_off(emulator)
    assert members_of(emulator, "Support")["carla.gomez@acme.example"] == carla
    removed = role_task(run, "Peak members in (peak) or out (off peak)")["result"]["removed"]
    assert removed == ["Overflow: alice.johnson@acme.example"] + ["Support: " + m for m in PEAK_MEMBERS]

    before = writes(emulator)
    run, _facts = apply(run_playbook, OFF_WINDOW)
    assert run.changed == 0 and writes(emulator) == before


def test_off_peak_first_creates_the_codes_unavailable(emulator, run_playbook):
    run, facts = apply(run_playbook, OFF_WINDOW)
    assert facts["active"] is False
    assert_peak_off(emulator)   # Storm Callback now exists, unavailable; nobody was removed
    # Nobody to remove: the members task finds no peak member present and writes nothing;
    # the one write is the missing code's create.
    assert role_task(run, "Peak members in (peak) or out (off peak)")["changed"] is False
    assert writes(emulator) == 1


def test_holiday_is_off(emulator, run_playbook):
    apply(run_playbook, IN_WINDOW)
    assert_peak_on(emulator)
    set_load(emulator, waiting=50, oldest=600)  # not even the load makes a holiday peak
    _run, facts = apply(run_playbook, HOLIDAY, peak_mode_load=LOAD)
    assert facts["active"] is False
    assert facts["reason"] == "peak OFF: holiday 2026-12-25 (America/New_York)"
    assert_peak_off(emulator)


# ---- load trigger and hysteresis ---------------------------------------------------------

def test_load_enters_at_the_mark(emulator, run_playbook):
    set_load(emulator, waiting=9)
    _run, facts = apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    assert facts["active"] is False and facts["decision"]["source"] == "held"  # between the marks, was off
    assert writes(emulator) == 1  # only the missing Storm Callback created (unavailable)
    assert_peak_off(emulator)

    set_load(emulator, waiting=10)
    _run, facts = apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    assert facts["active"] is True
    assert facts["reason"] == "peak ON: load on Support waiting=10 >= 10"
    assert_peak_on(emulator)


def test_load_oldest_wait_enters(emulator, run_playbook):
    set_load(emulator, waiting=0, oldest=130)
    _run, facts = apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    assert facts["reason"] == "peak ON: load on Support oldest_wait_seconds=130 >= 120"
    assert_peak_on(emulator)


def test_hysteresis_keeps_the_current_state_between_the_marks(emulator, run_playbook):
    # Off and between the marks: stays off, nothing written.
    apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    set_load(emulator, waiting=7)
    before = writes(emulator)
    run, facts = apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    assert facts["active"] is False
    assert facts["reason"].startswith("peak OFF (held): load between marks, no peak members present;")
    assert run.changed == 0 and writes(emulator) == before

    # Up to the enter mark: on.
    set_load(emulator, waiting=12)
    apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    assert_peak_on(emulator)

    # Back between the marks: stays on (the tenant shows the peak members), nothing written.
    set_load(emulator, waiting=7, oldest=30)
    before = writes(emulator)
    run, facts = apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    assert facts["active"] is True
    assert facts["reason"] == ("peak ON (held): load between marks, peak members present; Support waiting=7 "
                               "(enter >= 10, leave < 5), oldest_wait_seconds=30 (enter >= 120, leave < 60)")
    assert run.changed == 0 and writes(emulator) == before
    assert_peak_on(emulator)

    # Below the leave marks: off.
    set_load(emulator, waiting=4, oldest=59)
    _run, facts = apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    assert facts["active"] is False and facts["decision"]["source"] == "load_below"
    assert_peak_off(emulator)


def test_hysteresis_from_the_codes_when_there_are_no_peak_members(emulator, run_playbook):
    codes = [{"name": "Peak Hold Callback"}]
    set_load(emulator, waiting=12)
    apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD, peak_mode_memberships=[], peak_mode_wrapup_codes=codes)
    assert code(emulator, "Peak Hold Callback")["available"] is True
    set_load(emulator, waiting=7)
    _run, facts = apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD, peak_mode_memberships=[],
                        peak_mode_wrapup_codes=codes)
    assert facts["active"] is True and facts["decision"]["held"] is True


def test_a_restart_changes_nothing(emulator, run_playbook):
    """A window that ended while the load is high: the next run (a new process, nothing
    remembered) keeps peak on because of the load, then turns it off once the load is low."""
    apply(run_playbook, IN_WINDOW, peak_mode_load=LOAD)
    set_load(emulator, waiting=8)
    _run, facts = apply(run_playbook, "2026-03-09T11:00", peak_mode_load=LOAD)
    assert facts["active"] is True and facts["decision"]["source"] == "held"
    set_load(emulator, waiting=1)
    _run, facts = apply(run_playbook, "2026-03-09T11:01", peak_mode_load=LOAD)
    assert facts["active"] is False
    assert_peak_off(emulator)


# ---- several runners, check mode -----------------------------------------------------------

def test_two_runners_at_once_converge_to_the_same_state(emulator, run_playbook, tmp_path):
    """Two schedulers (own processes, own token caches) run at the same minute."""
    def at_once(now):
        results = []

        def runner(name):
            cache = tmp_path / ("tokens-%s-%s" % (name, now))  # another place: its own token cache
            results.append(run_playbook(role_tasks(now, peak_mode_load=LOAD),
                                        extra_env={"CXONE_TOKEN_CACHE_DIR": str(cache)}))

        threads = [threading.Thread(target=runner, args=(name,)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(results) == 2
        for run in results:
            assert run.rc == 0, run.stdout[-3000:]
        return [run.task("facts")["result"]["msg"]["active"] for run in results]

    assert at_once(IN_WINDOW) == [True, True]
    assert_peak_on(emulator)
    assert len(emulator.store.wrapup_codes_by_name()) == 8  # one Storm Callback, not two
    run, _facts = apply(run_playbook, IN_WINDOW, peak_mode_load=LOAD)
    assert run.changed == 0

    set_load(emulator, waiting=0)
    assert at_once(OFF_WINDOW) == [False, False]
    assert_peak_off(emulator)
    run, _facts = apply(run_playbook, OFF_WINDOW, peak_mode_load=LOAD)
    assert run.changed == 0


def test_check_mode_reports_and_writes_nothing(emulator, run_playbook):
    write_tasks = ("Peak members in (peak) or out (off peak)", "Peak-only wrap-up codes available (peak) or not (off peak)")

    def diffs(run):
        return [role_task(run, name)["result"]["diff"] for name in write_tasks]

    checked, facts = apply(run_playbook, IN_WINDOW, check=True, diff=True)
    assert facts["active"] is True
    assert checked.changed > 0
    assert all(role_task(checked, name)["changed"] for name in write_tasks)
    assert writes(emulator) == 0
    assert set(members_of(emulator, "Support")) == SUPPORT_REGULARS
    assert code(emulator, "Storm Callback") is None

    real, _facts = apply(run_playbook, IN_WINDOW, diff=True)   # the same changes, the same diffs
    assert diffs(real) == diffs(checked)
    assert_peak_on(emulator)

    before = writes(emulator)
    checked, facts = apply(run_playbook, OFF_WINDOW, check=True, diff=True)
    assert facts["active"] is False and checked.changed > 0
    assert writes(emulator) == before
    assert_peak_on(emulator)
    real, _facts = apply(run_playbook, OFF_WINDOW, diff=True)
    assert diffs(real) == diffs(checked)
    assert_peak_off(emulator)


# ---- bad input ---------------------------------------------------------------------------

# The failed task's message, or its failed items' messages (a loop fails with "One or more items failed").
FAILURE_MESSAGES = ("{{ (ansible_failed_result.results | default([]) | selectattr('failed', 'defined') | selectattr('failed')"
                    " | map(attribute='msg') | join('; ')) or ansible_failed_result.msg }}")


def test_bad_input_fails_before_any_write(emulator, run_playbook):
    good_member = {"queue": "Overflow", "members": [{"user": "alice.johnson@acme.example"}]}
    cases = [
        ({"peak_mode_calendar": dict(ROLE_VARS["peak_mode_calendar"], timezone="Mars/Olympus_Mons")},
         "peak_mode_calendar.timezone: 'Mars/Olympus_Mons' is not a known IANA time zone"),
        ({"peak_mode_calendar": None}, "missing required arguments: peak_mode_calendar"),
        ({"peak_mode_memberships": "Support"}, "peak_mode_memberships"),
        ({"peak_mode_memberships": [{"queue": "Support", "members": [{"user": "bob.smith@acme.example", "spilt": 5}]}]},
         "spilt"),
        ({"peak_mode_memberships": [{"queue": "Support", "members": [{"user": "bob.smith@acme.example", "split": "half"}]}]},
         "split"),
        ({"peak_mode_calendar": {"timezone": "UTC", "windows": [{"days": ["funday"], "start": "09:00", "end": "10:00"}]}},
         "funday"),
        ({"peak_mode_calendar": {"timezone": "UTC", "windows": [{"days": ["mon"], "start": "09:00", "end": 660}]}},
         "peak_mode_calendar.windows[0].end: 660 is not a time of day (HH:MM); quote times in YAML"),
        ({"peak_mode_now": "next monday"}, "peak_mode_now: 'next monday' is not an ISO 8601 date-time"),
        ({"peak_mode_load": {"queues": ["Support"], "leave_waiting": 5}}, "enter_waiting, enter_oldest_wait_seconds"),
        ({"peak_mode_load": {"queues": ["Support"], "enter_waiting": 5, "leave_waiting": 8}},
         "peak_mode_load.leave_waiting: 8 is above enter_waiting (5)"),
        ({"peak_mode_load": {"queues": ["Nowhere"], "enter_waiting": 5}}, "queues[0]: no queue has the id or name 'Nowhere'"),
        ({"peak_mode_memberships": [good_member, {"queue": "Support", "members": [{"user": "nobody@acme.example"}]}]},
         "members[0].user: no user has the id or email or name 'nobody@acme.example'"),
        ({"peak_mode_memberships": [good_member, dict(good_member, queue="overflow")]}, "each queue once"),
        ({"peak_mode_memberships": [good_member, {"queue": "Support", "members": []}]}, "Overflow: 1, Support: 0"),
        ({"peak_mode_wrapup_codes": [{"name": "Peak Hold Callback", "available": True}]}, "available"),
    ]
    tasks = []
    for index, (overrides, _message) in enumerate(cases):
        now = IN_WINDOW if "peak_mode_load" not in overrides else OFF_WINDOW
        include = role_tasks(now, **overrides)[0]
        tasks.append({"name": "case %d" % index, "block": [include], "rescue": [
            {"name": "failed %d" % index, "ansible.builtin.debug": {"msg": FAILURE_MESSAGES}}]})
    run = run_playbook(tasks)
    for index, (_overrides, message) in enumerate(cases):
        msg = run.task("failed %d" % index)["result"]["msg"]
        assert message in msg, (index, message, msg)
    assert writes(emulator) == 0
    assert "demo-secret-not-for-production" not in run.stdout + run.stderr


def test_connection_variables_win_over_the_environment(emulator, run_playbook):
    """cxone_* role variables go through module_defaults; unset ones fall back to CXONE_*."""
    env = {"CXONE_BASE_URL": "http://127.0.0.1:9", "CXONE_CLIENT_SECRET": "wrong"}
    tasks = role_tasks(IN_WINDOW)
    tasks[0]["vars"].update(cxone_base_url=emulator.base_url, cxone_client_secret="demo-secret-not-for-production")
    run = run_playbook(tasks, extra_env=env)
    assert run.rc == 0, run.stdout[-3000:]
    assert_peak_on(emulator)
    assert "demo-secret-not-for-production" not in run.stdout + run.stderr


# ---- cxone_queue_load_info (the role's load reader) -------------------------------------------

def test_queue_load_info(emulator, run_playbook):
    set_load(emulator, waiting=14, oldest=95)
    billing = queue_id(emulator, "Billing")
    tasks = [
        {"name": "two", "cxone.cxone.cxone_queue_load_info": {"queues": ["support", billing]}},
        {"name": "all", "cxone.cxone.cxone_queue_load_info": {}},
        {"name": "unknown", "ignore_errors": True, "cxone.cxone.cxone_queue_load_info": {"queues": ["Support", "Nope"]}},
        {"name": "twice", "ignore_errors": True, "cxone.cxone.cxone_queue_load_info": {"queues": ["Support", "SUPPORT"]}},
        {"name": "empty", "ignore_errors": True, "cxone.cxone.cxone_queue_load_info": {"queues": []}},
    ]
    run = run_playbook(tasks, check=True)
    two = run.task("two")
    assert two["changed"] is False
    support, billing_load = two["result"]["queues"]
    assert support == {"queue": "Support", "queue_id": queue_id(emulator, "Support"), "waiting": 14,
                       "interacting": 3, "oldest_wait_seconds": 95, "available_agents": support["available_agents"]}
    assert billing_load["queue"] == "Billing" and billing_load["waiting"] == 1 and billing_load["oldest_wait_seconds"] == 12
    names = [q["queue"] for q in run.task("all")["result"]["queues"]]
    assert names == sorted(emulator.store.queues_by_name(), key=str.casefold)
    assert run.task("unknown")["failed"] and "queues[1]: no queue has the id or name 'Nope'" in run.task("unknown")["result"]["msg"]
    assert "queues[1]: queue 'SUPPORT' is listed more than once" in run.task("twice")["result"]["msg"]
    assert "queues: the list is empty" in run.task("empty")["result"]["msg"]
    assert writes(emulator) == 0
    assert emulator.stats()["by_route"]["POST /api/v2/analytics/queues/observations/query"] == 2


def test_a_drift_report_of_the_role_names_every_object(emulator, run_playbook, tmp_path):
    """The role's multi-object tasks (memberships of several queues, a list of codes) are
    reported object by object, each by name."""
    env = {"ANSIBLE_CALLBACKS_ENABLED": "cxone.cxone.drift_report", "CXONE_DRIFT_REPORT_DIR": str(tmp_path / "report")}
    run = run_playbook(role_tasks(IN_WINDOW), check=True, diff=True, extra_env=env,
                       play_vars={"cxone_drift_report": True})
    assert run.rc == 0, run.stdout[-3000:]
    assert writes(emulator) == 0
    data = json.loads((tmp_path / "report" / "drift.json").read_text())
    labels = {o["label"]: o for o in data["objects"]}
    assert "members of queue Support" in labels and "wrap-up code Storm Callback" in labels
    assert not [label for label in labels if "(unnamed)" in label or " and " in label], sorted(labels)
    support = labels["members of queue Support"]
    assert support["status"] == "drifted"
    assert support["changes"][0]["field"] == "members"
    assert set(support["changes"][0]["declared_only"]) == set(PEAK_MEMBERS)
    assert "(unnamed)" not in (tmp_path / "report" / "drift.md").read_text()
