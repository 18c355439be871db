"""Reliability figures of the test suite, published in README.md between the markers
``<!-- reliability:start -->`` and ``<!-- reliability:end -->``.

The fault suite (tests/faults), the bad-input matrix (tests/badinput) and the secrets and
trust suite (tests/security) count what they do: faults injected per kind, bad inputs
tried, secrets found. Each pytest process writes its figures to
``tests/output/reliability/run-<id>/<process>.json`` at the end of its session; once the
files of every process of the run are there, they are merged and - only when the three
suites all ran with no failure - the section is written to ``.build/reliability.md``.
``make test`` never touches a tracked file: ``make reliability`` (this file run as a
script) copies that section into README.md.

The hooks are in tests/faults/conftest.py. The merge runs on the xdist controller when it
has loaded that conftest (pytest started with the suite directories as arguments), and
otherwise on the last worker to finish (``pytest tests``: the controller does not
collect, so it never loads a conftest below ``tests/``); both write the same section,
under a lock.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import json
import os
import sys
import uuid
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "tests" / "output" / "reliability"
README = REPO / "README.md"
SECTION = REPO / ".build" / "reliability.md"
START = "<!-- reliability:start -->"
END = "<!-- reliability:end -->"
SUITES = {"faults": "tests/faults/", "badinput": "tests/badinput/", "security": "tests/security/"}

COUNTS = {"badinput": Counter(), "security": Counter()}
OUTCOMES = {suite: Counter() for suite in SUITES}
_STATE = {"config": None, "finished": False}


def count(suite, key, number=1):
    COUNTS[suite][key] += number


def suite_of(nodeid):
    path = nodeid.replace("\\", "/")
    return next((suite for suite, prefix in SUITES.items() if path.startswith(prefix)), None)


# ---- hooks, called from the conftest of each suite ---------------------------------------

def configure(config):
    if _STATE["config"] is None:
        _STATE["config"] = config


def _xdist_controller(config):
    return not hasattr(config, "workerinput") and bool(getattr(config.option, "numprocesses", None)) \
        and getattr(config.option, "dist", "no") != "no"


def _count_outcomes(config):
    """Outcomes of this process's tests per suite, from the terminal reporter's records
    (every process has one; a conftest hook would only see the tests below its own directory)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    for category, reports in (getattr(reporter, "stats", None) or {}).items():
        for report in reports:
            suite = suite_of(getattr(report, "nodeid", "") or "")
            if suite is None or getattr(report, "when", "call") not in ("call", "setup", "teardown"):
                continue
            if category == "passed" and report.when == "call":
                OUTCOMES[suite]["passed"] += 1
            elif category in ("failed", "error"):
                OUTCOMES[suite]["failed"] += 1
            elif category == "skipped":
                OUTCOMES[suite]["skipped"] += 1


def session_finish(session):
    """Save this process's figures; merge and publish when the run is complete."""
    if _STATE["finished"]:
        return
    _STATE["finished"] = True
    config = session.config
    if not _xdist_controller(config):
        _count_outcomes(config)
    if hasattr(config, "workerinput"):
        info = config.workerinput
        run_dir = OUTPUT / ("run-" + str(info.get("testrunuid", "unknown")))
        _save(run_dir, info.get("workerid", "gw"), config)
        publish_if_complete(run_dir, int(info.get("workercount", 1)))
    elif _xdist_controller(config):
        run_dir = _controller_run_dir(config)
        if run_dir is not None:
            publish_if_complete(run_dir, None)
    else:
        run_dir = OUTPUT / ("run-" + uuid.uuid4().hex)
        _save(run_dir, "main", config)
        publish_if_complete(run_dir, 1)


def _controller_run_dir(config):
    dsession = config.pluginmanager.getplugin("dsession")
    runuid = getattr(getattr(dsession, "nodemanager", None), "testrunuid", None)
    if runuid:
        return OUTPUT / ("run-" + runuid)
    runs = sorted(OUTPUT.glob("run-*"), key=lambda p: p.stat().st_mtime) if OUTPUT.is_dir() else []
    return runs[-1] if runs else None


# ---- figures ----------------------------------------------------------------------------------

def whole_suites(config):
    """Whether this run selected the three suites whole: started on their directories (or a
    parent), with no node ids, -k, -m, --deselect, --ignore or --lf narrowing them."""
    option = config.option
    if any(getattr(option, name, None) for name in ("keyword", "markexpr", "deselect", "lf")):
        return False

    def absolute(arg):
        path = Path(str(arg))
        return (path if path.is_absolute() else Path(config.invocation_params.dir) / path).resolve()

    roots = [absolute(arg) for arg in config.args if "::" not in str(arg)]
    ignored = [absolute(p) for name in ("ignore", "ignore_glob") for p in getattr(option, name, None) or []]
    for prefix in SUITES.values():
        suite_dir = (REPO / prefix).resolve()
        if not any(root == suite_dir or root in suite_dir.parents for root in roots):
            return False
        if any(path == suite_dir or suite_dir in path.parents or path in suite_dir.parents for path in ignored):
            return False
    return True


def snapshot(config=None):
    faults = sys.modules.get("faults")
    return {
        "whole_suites": whole_suites(config) if config is not None else False,
        "outcomes": {suite: dict(counter) for suite, counter in OUTCOMES.items()},
        "faults_by_kind": dict(getattr(faults, "BY_KIND", {}) or {}),
        "faults_by_emulator_kind": dict(getattr(faults, "TALLY", {}) or {}),
        "documented_failures_rerun": dict(getattr(faults, "DOCUMENTED", {}) or {}),
        "badinput": dict(COUNTS["badinput"]),
        "security": dict(COUNTS["security"]),
    }


def _save(run_dir, name, config):
    run_dir.mkdir(parents=True, exist_ok=True)
    tmp = run_dir / (".%s.tmp" % name)
    tmp.write_text(json.dumps(snapshot(config), indent=1, sort_keys=True))
    os.replace(tmp, run_dir / (name + ".json"))


def merge(parts):
    merged = {"outcomes": {suite: Counter() for suite in SUITES}, "faults_by_kind": Counter(),
              "faults_by_emulator_kind": Counter(), "documented_failures_rerun": Counter(), "badinput": Counter(),
              "security": Counter(), "whole_suites": True}
    for part in parts:
        merged["whole_suites"] = merged["whole_suites"] and bool(part.get("whole_suites"))
        for suite, outcomes in part.get("outcomes", {}).items():
            merged["outcomes"].setdefault(suite, Counter()).update(outcomes)
        for key in ("faults_by_kind", "faults_by_emulator_kind", "documented_failures_rerun", "badinput", "security"):
            merged[key].update(part.get(key, {}))
    return merged


def complete(merged):
    """Why the figures may not be published (empty: they may)."""
    reasons = [] if merged.get("whole_suites") else ["the run did not select the three suites whole"]
    for suite in SUITES:
        outcomes = merged["outcomes"].get(suite, Counter())
        if not outcomes.get("passed"):
            reasons.append("the %s suite did not run" % suite)
        elif outcomes.get("failed"):
            reasons.append("the %s suite had %d failure(s)" % (suite, outcomes["failed"]))
    return reasons


@contextlib.contextmanager
def _locked():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with open(OUTPUT / ".lock", "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish_if_complete(run_dir, expected):
    """Merge the run's files once all ``expected`` processes wrote theirs (None: as many as
    there are); write the summary, and the README section when asked to and allowed."""
    with _locked():
        files = sorted(run_dir.glob("*.json")) if run_dir.is_dir() else []
        files = [f for f in files if f.name != "summary.json"]
        if not files or (expected is not None and len(files) < expected):
            return None
        merged = merge(json.loads(f.read_text()) for f in files)
        reasons = complete(merged)
        summary = dict(merged, reasons_not_published=reasons, date=datetime.date.today().isoformat())
        (OUTPUT / "summary.json").write_text(json.dumps(summary, indent=1, sort_keys=True, default=dict))
        if not reasons:
            SECTION.parent.mkdir(parents=True, exist_ok=True)
            SECTION.write_text(render(merged) + "\n", encoding="utf-8")
        for old in OUTPUT.glob("run-*"):
            if old != run_dir and old.is_dir():
                for stale in old.iterdir():
                    stale.unlink()
                old.rmdir()
        return merged


# ---- the README section ------------------------------------------------------------------------

def render(merged, today=None):
    today = today or datetime.date.today().isoformat()
    by_kind = merged["faults_by_kind"]
    reruns = sum(merged.get("documented_failures_rerun", {}).values())
    documented = ("%d task run(s) failed as documented and the next run finished them (`cxone_agent_state`"
                  " does not resend a state write refused by a 5xx: it says the change was not applied)."
                  % reruns) if reruns else "No task failed."
    bad = merged["badinput"]
    sec = merged["security"]
    lines = [
        "Generated by `make test` on %s from the fault, bad-input and security suites (`tests/faults`,"
        " `tests/badinput`, `tests/security`, figures merged by `tests/reliability.py` into"
        " `.build/reliability.md`, copied here by `make reliability`); do not edit by hand." % today,
        "",
        "**Faults.** The desired state of every module (queues, members, wrap-up codes, user skills, agent"
        " states, campaign schedules, webhooks; on the real CXone API's surface, `api: admin`, also queues,"
        " members, codes, user skills, outbound schedules, unavailable codes, hours of operation and an agent"
        " state) and of both roles (`peak_mode` turned on by its load trigger,"
        " `campaign_season` in season; each role with its own API client, so faults can be aimed at its"
        " requests) is converged in one playbook while the tenant emulator injects one kind of fault at a time"
        " (each module and each role meets each kind), then all kinds together. After each run"
        " the tenant matched the declaration, no object was created twice (audit log), and a rerun reported"
        " `changed=false` and wrote nothing. %s Faults that never end make the task fail with what was and was"
        " not applied." % documented,
        "",
        "| fault kind | faults injected |",
        "| --- | ---: |",
    ]

    def order(item):
        return (2 if item[0].startswith("never") else 1 if item[0].startswith("all ") else 0, item[0])

    for kind, number in sorted(by_kind.items(), key=order):
        lines.append("| %s | %d |" % (kind, number))
    lines.append("| **total** | **%d** |" % sum(by_kind.values()))
    lines += [
        "",
        "**Bad input.** %d invalid inputs tried against the modules and roles (wrong types, out-of-range"
        " numbers, bad times and time zones, overlapping windows, unknown and ambiguous names, overflow cycles,"
        " too many skill requirements, levels outside a queue's strategy, empty lists, role variables of the"
        " wrong type or missing): %d refused before the first write, %d of them with a message that names the"
        " option (the others get ansible-core's own argument-spec message)." % (
            bad.get("tried", 0), bad.get("refused before any write", 0),
            bad.get("refused before any write, option named", 0)),
        "",
        "**Secrets.** Secrets found: **%d**. The client secret, a wrong secret and the %d access tokens the"
        " emulator issued were searched for in %d playbook outputs at `-vvvv` with `--diff` (success and"
        " failure paths of every module, a refused token request), %d ansible-runner events and %d artifact"
        " files, and %d drift report files. The token cache is 0600 in a 0700 directory of the user;"
        " symlinked, foreign-owned, loose or corrupt cache entries are not trusted; TLS is verified (a"
        " self-signed tenant is refused unless `ca_path` names its CA); a missing OAuth scope is named in the"
        " error. Give the secret through Ansible Vault and `module_defaults`, or the environment of the"
        " process: Ansible itself prints the values of a play's or task's `environment:` keyword at -vvv,"
        " and ansible-runner records the environment it is given in `artifacts/<id>/command` (mode 0600)."
        % (sec.get("secrets found", 0), sec.get("tokens checked", 0), sec.get("playbook outputs scanned", 0),
           sec.get("runner events scanned", 0), sec.get("runner artifact files scanned", 0),
           sec.get("drift report files scanned", 0)),
    ]
    return "\n".join(lines)


def update_readme(section, readme=README):
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise RuntimeError("README.md has no %s ... %s markers" % (START, END))
    new = text[:start + len(START)] + "\n" + section + "\n" + text[end:]
    if new != text:
        tmp = readme.with_name(".README.md.tmp")
        tmp.write_text(new, encoding="utf-8")
        os.replace(tmp, readme)


if __name__ == "__main__":
    if not SECTION.is_file():
        sys.exit("%s is missing: run make test (the fault, bad-input and security suites) first" % SECTION)
    update_readme(SECTION.read_text(encoding="utf-8").rstrip("\n"))
    print("README.md: reliability section updated from %s" % SECTION.relative_to(REPO))
