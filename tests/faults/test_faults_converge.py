"""Fault suite: converge the desired state of every scenario (scenarios.py) in one playbook
while the emulator injects one kind of fault at a time (each module group meets it at least
once), then all of them together; then check from the emulator's own state that the tenant
is as declared, that nothing was created twice, and that a rerun changes nothing and writes
nothing. The scenarios are the modules' (routing, agents) and the two roles'; to put more
under the same faults, add a Scenario to scenarios.SCENARIOS."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from faults import DOCUMENTED, FAULT_KINDS, first_hit_rules, record_faults, scoped_rules
from scenarios import (
    SCENARIOS,
    all_tasks,
    assert_no_state_written_twice,
    assert_nothing_created_twice,
    check_all,
    failed_tasks,
    prepare_all,
    unexplained_failures,
)

CALM = {"rate_limit": None, "token_lifetime": 3600, "latency": 0.0}


def rules_of(specs, groups=True):
    """The fault rules of ``specs``, and {who: (regex of the API paths, client id or None)}
    whose requests must meet them.

    First each module group's first-hit copy (so the group meets the kind whatever the
    random draws do), then the kinds' own rules for the whole playbook, then each
    scenario's share on its paths."""
    base = [rule for spec in specs for rule in spec["rules"]]
    first, scoped, covered = [], [], {}
    for scenario in SCENARIOS:
        for group, paths in (scenario.fault_groups.items() if groups else ()):
            copies = first_hit_rules(base, paths, scenario.client)
            first.extend(copies)
            if copies:
                covered["%s/%s" % (scenario.name, group)] = (paths, scenario.client)
        if scenario.fault_paths:
            copies = scoped_rules(base, scenario.fault_paths, client=scenario.client)
            scoped.extend(copies)
            if copies:
                covered[scenario.name] = (scenario.fault_paths, scenario.client)
    return first + base + scoped, covered


def converge(emulator, run_playbook, play_vars, rules, label, timeout=None):
    """One run of every scenario's tasks under ``rules`` = (rules, covered); documented 'not
    applied, run the task again' failures are followed by the rerun they ask for (without
    faults). Returns the faults fired by emulator kind, and who in ``covered`` met none."""
    rules, covered = rules
    for rule in rules:
        emulator.add_fault(**rule)
    defaults = {"group/cxone.cxone.cxone": {"timeout": timeout}} if timeout else None
    if timeout:
        # The roles set their own module_defaults from cxone_* variables.
        play_vars = dict(play_vars, cxone_timeout=timeout)
    # Every task runs under the faults even when one before it failed (a failure is judged below).
    tasks = [dict(task, ignore_errors=True) for task in all_tasks()]
    run = run_playbook(tasks, play_vars=play_vars, module_defaults=defaults)
    met = Counter()
    for entry in emulator.requests:
        for who, (paths, client) in covered.items():
            if entry.get("fault") and re.search(paths, entry["path"]) and client in (None, entry["client_id"]):
                met[who] += 1
    missed = sorted(who for who in covered if not met[who])
    fired = record_faults(emulator, label)
    emulator.clear_faults()
    unexplained = unexplained_failures(run)
    assert not unexplained, "tasks failed under %s: %s" % (label, unexplained)
    if failed_tasks(run):
        DOCUMENTED.update("%s: %s" % (label, name) for name, dummy in failed_tasks(run))
        emulator.configure(**CALM)
        again = run_playbook(all_tasks(), play_vars=play_vars)
        assert again.rc == 0, failed_tasks(again)
    return fired, missed


def assert_converged_and_stable(emulator, run_playbook, play_vars):
    check_all(emulator, play_vars)
    assert_nothing_created_twice(emulator)
    assert_no_state_written_twice(emulator)
    emulator.configure(**CALM)
    writes = emulator.stats()["write_requests"]
    rerun = run_playbook(all_tasks(), play_vars=play_vars)
    assert rerun.rc == 0 and rerun.changed == 0, [t["name"] for t in rerun.tasks if t["changed"] or t["failed"]]
    assert emulator.stats()["write_requests"] == writes


@pytest.mark.parametrize("kind", list(FAULT_KINDS))
def test_converges_under_each_fault_kind(kind, emulator, run_playbook):
    spec = FAULT_KINDS[kind]
    play_vars = prepare_all(emulator)
    if spec.get("configure"):
        emulator.configure(**spec["configure"])
    fired, missed = converge(emulator, run_playbook, play_vars, rules_of([spec]), kind, spec.get("timeout"))
    assert fired, "no fault of kind %s fired" % kind
    # Each scenario with its own paths, and each module group, met this kind (where the kind has rules for it).
    assert not missed, "no %s fault reached %s" % (kind, missed)
    assert_converged_and_stable(emulator, run_playbook, play_vars)


@pytest.mark.parametrize("reading", ["notes", "specs"])
def test_converges_under_all_faults_together(emulator, run_playbook, reading):
    """Under both readings of the admin API (docs/api/admin.md): the admin scenario's requests
    differ between them, the other scenarios' do not."""
    emulator.configure(reading=reading)
    specs = [spec for spec in FAULT_KINDS.values() if not spec.get("timeout")]
    play_vars = prepare_all(emulator)
    emulator.configure(token_lifetime=4)
    # Without the first-hit copies: every kind already met every module on its own.
    fired, missed = converge(emulator, run_playbook, play_vars, rules_of(specs, groups=False), "all kinds together")
    assert len(fired) >= 5, fired
    assert not missed, missed
    assert_converged_and_stable(emulator, run_playbook, play_vars)
