"""cxone_webhook and cxone_webhook_info through real ansible-playbook runs."""

from __future__ import annotations

import threading

HOOK = {
    "name": "WFM schedule sync",
    "url": "https://wfm.acme.example/api/sync/cxone-schedule",
    "events": ["dialer.schedule.activated", "campaign.schedule.updated"],
}


def task(args, name="hook", **extra):
    return dict({"name": name, "cxone.cxone.cxone_webhook": args}, **extra)


def writes(emulator):
    return emulator.stats()["write_requests"]


def hooks_named(emulator, name):
    return [h for h in emulator.store.webhooks.values() if h["name"].casefold() == name.casefold()]


def test_lifecycle(emulator, run_playbook):
    checked = run_playbook([task(HOOK)], check=True, diff=True)
    assert checked.rc == 0, checked.stdout
    assert checked.task("hook")["changed"] is True
    assert writes(emulator) == 0
    assert not hooks_named(emulator, HOOK["name"])

    real = run_playbook([task(HOOK)], diff=True)
    result = real.task("hook")
    assert result["changed"] is True
    assert result["result"]["diff"] == checked.task("hook")["result"]["diff"]
    assert result["result"]["diff"]["before"] == {}
    hook = result["result"]["webhook"]
    assert hook["id"] and hook["enabled"] is True
    assert hook["events"] == ["campaign.schedule.updated", "dialer.schedule.activated"]
    (stored,) = hooks_named(emulator, HOOK["name"])
    assert stored["status"] == "ENABLED" and stored["url"] == HOOK["url"]

    # Again, in another order and another case: nothing to do, nothing written, still one webhook.
    before = writes(emulator)
    same = dict(HOOK, name="wfm SCHEDULE sync", events=sorted(HOOK["events"]))
    assert run_playbook([task(HOOK), task(same, name="same")]).changed == 0
    assert run_playbook([task(HOOK)], check=True).task("hook")["changed"] is False
    assert writes(emulator) == before
    assert len(hooks_named(emulator, HOOK["name"])) == 1

    # Update: disable and change the events (whole PUT keeps the URL).
    update = {"name": HOOK["name"], "enabled": False, "events": ["campaign.schedule.updated"]}
    checked = run_playbook([task(update)], check=True, diff=True)
    assert checked.task("hook")["changed"] is True
    assert writes(emulator) == before
    diff = checked.task("hook")["result"]["diff"]
    assert diff["before"]["enabled"] is True and diff["after"]["enabled"] is False
    real = run_playbook([task(update)], diff=True)
    assert real.task("hook")["changed"] is True
    assert real.task("hook")["result"]["diff"] == diff
    (stored,) = hooks_named(emulator, HOOK["name"])
    assert stored["status"] == "DISABLED" and stored["events"] == ["campaign.schedule.updated"]
    assert stored["url"] == HOOK["url"] and stored["id"] == hook["id"]
    assert run_playbook([task(update)]).task("hook")["changed"] is False

    # Delete, delete again.
    delete = [task({"name": HOOK["name"], "state": "absent"})]
    before = writes(emulator)
    checked = run_playbook(delete, check=True, diff=True)
    assert checked.task("hook")["changed"] is True
    assert checked.task("hook")["result"]["diff"]["after"] == {}
    assert writes(emulator) == before
    assert run_playbook(delete).task("hook")["changed"] is True
    assert not hooks_named(emulator, HOOK["name"])
    before = writes(emulator)
    assert run_playbook(delete).task("hook")["changed"] is False
    assert writes(emulator) == before


def test_two_runs_and_concurrent_runs_register_one_webhook(emulator, run_playbook):
    assert run_playbook([task(HOOK), task(HOOK, name="again")]).rc == 0
    assert len(hooks_named(emulator, HOOK["name"])) == 1

    other = dict(HOOK, name="Concurrent hook")
    emulator.configure(latency=0.3)
    outcomes = []
    threads = [threading.Thread(target=lambda: outcomes.append(run_playbook([task(other)]))) for _attempt in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    emulator.configure(latency=0.0)
    assert [o.rc for o in outcomes] == [0, 0], [o.stdout for o in outcomes]
    assert len(hooks_named(emulator, "Concurrent hook")) == 1


def test_rename_by_id(emulator, run_playbook):
    ops = hooks_named(emulator, "Ops Alerts")[0]
    result = run_playbook([task({"id": ops["id"], "name": "Ops alerts (paging)"})])
    assert result.task("hook")["changed"] is True
    assert emulator.store.webhooks[ops["id"]]["name"] == "Ops alerts (paging)"
    assert emulator.store.webhooks[ops["id"]]["events"] == ops["events"]


def test_url_secrets_masked_in_diff(emulator, run_playbook):
    secret = "s3cr3t-t0ken-value"
    args = dict(HOOK, url="https://hooks.example/in?token=%s&team=ops" % secret)
    checked = run_playbook([task(args)], check=True, diff=True)
    real = run_playbook([task(args)], diff=True)
    for outcome in (checked, real):
        diff = outcome.task("hook")["result"]["diff"]
        assert diff["after"]["url"] == "https://hooks.example/in?token=********&team=********"
        assert secret not in str(diff)
    # The returned webhook keeps the URL as is (it is what the tenant holds and what the task compares).
    assert real.task("hook")["result"]["webhook"]["url"] == args["url"]
    # A bad URL is named in the error with its query masked.
    bad = run_playbook([task(dict(HOOK, url="ftp://files.example/x?token=%s" % secret), ignore_errors=True)])
    message = bad.task("hook")["result"]["msg"]
    assert "url: 'ftp://files.example/x?token=********' is not an absolute http or https URL" in message
    assert secret not in message


BAD_INPUTS = [
    (dict(HOOK, url="ftp://files.example/drop"), "url: 'ftp://files.example/drop' is not an absolute http or https URL"),
    (dict(HOOK, url="https:///no-host"), "url: 'https:///no-host' is not an absolute http or https URL"),
    (dict(HOOK, url="hooks.example/in"), "is not an absolute http or https URL"),
    (dict(HOOK, events=[]), "events: at least 1 item(s) required"),
    (dict(HOOK, events=["a.b", "a.b"]), "events: a.b listed more than once"),
    (dict(HOOK, events=["a.b", " "]), "events: event names must not be empty"),
    ({"name": "No url", "events": ["a.b"]}, "url: required to create webhook 'No url'"),
    ({"name": "No events", "url": "https://x.example"}, "events: required to create webhook 'No events'"),
    ({"id": "0" * 32, "enabled": False}, "id: no webhook has the id"),
    ({"id": None, "name": "WFM schedule sync", "url": "http://ok.example", "events": ["x"], "enabled": "maybe"},
     "enabled"),
]


def test_bad_input_fails_before_any_write(emulator, run_playbook):
    tasks = [task(args, name="bad %d" % i, ignore_errors=True) for i, (args, _msg) in enumerate(BAD_INPUTS)]
    # Renaming onto a taken name is refused before the write, not retried into a conflict.
    run_playbook([task(HOOK)])
    before = writes(emulator)
    tasks.append(task({"name": "Ops Alerts", "id": hooks_named(emulator, HOOK["name"])[0]["id"]},
                      name="taken", ignore_errors=True))
    result = run_playbook(tasks)
    for i, (_args, message) in enumerate(BAD_INPUTS):
        outcome = result.task("bad %d" % i)
        assert outcome["failed"], outcome
        assert message in outcome["result"]["msg"], (i, message, outcome["result"]["msg"])
    assert "name: another webhook is named 'Ops Alerts'" in result.task("taken")["result"]["msg"]
    assert writes(emulator) == before


def test_info_round_trip(emulator, run_playbook):
    run_playbook([task(HOOK)])
    result = run_playbook([
        {"name": "all", "cxone.cxone.cxone_webhook_info": {}},
        {"name": "one", "cxone.cxone.cxone_webhook_info": {"name": "ops alerts"}},
    ])
    assert result.rc == 0, result.stdout
    hooks = result.task("all")["result"]["webhooks"]
    assert [h["name"] for h in hooks] == ["Ops Alerts", "WFM schedule sync"]
    (ops,) = result.task("one")["result"]["webhooks"]
    assert set(ops) == {"id", "name", "url", "events", "enabled"}
    assert ops["events"] == ["agent.state.changed", "queue.updated"]
    before = writes(emulator)
    feed = [task(h, name="same %d" % i) for i, h in enumerate(hooks)]
    feed += [task({k: v for k, v in h.items() if k != "id"}, name="no id %d" % i) for i, h in enumerate(hooks)]
    again = run_playbook(feed)
    assert again.rc == 0, again.stdout
    assert again.changed == 0
    assert writes(emulator) == before
