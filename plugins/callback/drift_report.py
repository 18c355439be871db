# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: drift_report
type: aggregate
short_description: Write a drift report of the cxone.cxone tasks of a run
version_added: 0.1.0
description:
  - Gathers the result of every task of a C(cxone.cxone) module that manages
    configuration (C(*_info) modules and C(cxone_export) only read and are left out),
    and at the end of the run writes a report of which objects differ from their
    declaration, field by field, and prints a one-line summary.
  - Meant for C(playbooks/drift_check.yml), which runs the desired state in check
    mode with diff and asks for a report (C(cxone_drift_report=true)), so the report
    says what drifted and nothing is written to the tenant. In a run that is not in
    check mode the same report lists what the run changed.
  - The Markdown and HTML pages open with a summary table (host, kind of object, object,
    fields drifted) linking each object's section, and say what to do next. Each carries
    its run's start and end time and playbook.
  - Objects the tenant holds of a declared kind that the declaration does not mention
    are listed when C(playbooks/drift_check.yml) runs with C(cxone_report_unmanaged=true)
    (they reach the report as the C(cxone_unmanaged) statistic of C(ansible.builtin.set_stats)).
  - An object whose task reports no change is in sync. For a changed object the
    fields come from the task's diff (C(before) is the tenant, C(after) the
    declaration); nested options are compared recursively; in a list of dicts each
    item is named by a stable key (C(members[ana@acme.example].proficiency),
    C(windows[MONDAY 09:00:00].end)), and the report lists the items only the tenant has
    and the items only the declaration has.
  - The report holds only what the modules return in their diff and result (option
    names and values, objects by name); it never copies a task's arguments, so a
    C(client_secret) given as a module option cannot reach it. Results of tasks with
    C(no_log) are censored by Ansible and reported without details.
  - A callback cannot set the exit code of C(ansible-playbook); to make a scheduled
    run fail on drift use the C(fail_on_drift) variable of C(playbooks/drift_check.yml).
author:
  - cxone.cxone developers (@cxone-ansible)
requirements:
  - enable it in C(callbacks_enabled) (ansible.cfg C([defaults]) or E(ANSIBLE_CALLBACKS_ENABLED)) as C(cxone.cxone.drift_report)
options:
  output_dir:
    description:
      - Directory the report files are written to; created when missing.
      - A relative path is relative to the directory C(ansible-playbook) is started in.
    type: path
    default: cxone-drift
    env:
      - name: CXONE_DRIFT_REPORT_DIR
    ini:
      - section: callback_drift_report
        key: output_dir
  formats:
    description:
      - Which files to write. V(json) (C(drift.json)) is for machines, V(markdown)
        (C(drift.md)) and V(html) (C(drift.html)) are for people.
      - In the environment, a comma-separated list.
    type: list
    elements: str
    choices: [json, markdown, html]
    default: [json, markdown, html]
    env:
      - name: CXONE_DRIFT_REPORT_FORMATS
    ini:
      - section: callback_drift_report
        key: formats
  file_name:
    description: Base name of the report files, without the extension.
    type: str
    default: drift
    env:
      - name: CXONE_DRIFT_REPORT_FILE_NAME
    ini:
      - section: callback_drift_report
        key: file_name
  keep_history:
    description:
      - Also write a copy of each report whose name carries the run's UTC start time
        (C(drift-20240515T103000Z.json)), so that scheduled runs keep a history.
    type: bool
    default: false
    env:
      - name: CXONE_DRIFT_REPORT_KEEP_HISTORY
    ini:
      - section: callback_drift_report
        key: keep_history
  write_when:
    description:
      - Which runs write a report. V(asked) (the default) - only a run that asks for
        one, with the variable C(cxone_drift_report=true) in a play or as an extra
        variable, as C(playbooks/drift_check.yml) does; routine runs (a converge, a
        C(peak_mode) job every minute) never overwrite the last drift check's report.
      - V(always) - every run with a C(cxone.cxone) configuration task.
    type: str
    choices: [asked, always]
    default: asked
    version_added: 0.3.0
    env:
      - name: CXONE_DRIFT_REPORT_WHEN
    ini:
      - section: callback_drift_report
        key: write_when
  write_empty:
    description:
      - Write a report also for a run without any C(cxone.cxone) configuration task
        (when O(write_when) lets the run write one).
        By default such runs (for example unrelated playbooks, when the callback is
        enabled in a shared C(ansible.cfg)) leave no report and print nothing.
    type: bool
    default: false
    env:
      - name: CXONE_DRIFT_REPORT_WRITE_EMPTY
    ini:
      - section: callback_drift_report
        key: write_empty
notes:
  - Each run that writes a report replaces C(<file_name>.json) and the other formats in O(output_dir).
  - A run that asks for a report always writes one, so an older report never looks current. A run
    that failed (a task before or between the checks, an unreachable host) says so in its headline,
    its C(outcome) and its C(failures); one that checked nothing says that.
  - "JSON layout: C(generated) and C(finished) (the run's UTC start and end), C(playbook),
    C(run) (C(id), the run's start and process; C(awx_job), the AWX job's id when AWX ran it),
    C(outcome) (V(in_sync), V(drifted), V(errors), V(failed), V(nothing_checked)), C(failures)
    (C(host), C(task), C(error) of each task that failed the run), C(check_mode), C(hosts), C(summary) (C(objects), C(in_sync), C(drifted), C(errors),
    C(unmanaged), C(text)), C(next_steps), C(unmanaged) (C(host), C(kind), C(name) of each
    object not managed by the declaration), and C(objects), one entry per object with C(host), C(task), C(module), C(kind),
    C(name), C(status) (V(in_sync), V(drifted), V(error)), and for a drifted object
    C(drift) (V(fields), V(missing): declared but not in the tenant, V(unexpected):
    in the tenant but declared absent, V(unknown): no diff to compare) and C(changes)."
  - "A change is C({field, live, declared}) for a value, or C({field, live_only,
    declared_only}) for a list: the items only the tenant has (a converge run removes
    them) and the items only the declaration has (a converge run adds them)."
"""

EXAMPLES = r"""
# ansible.cfg
# [defaults]
# callbacks_enabled = cxone.cxone.drift_report
#
# [callback_drift_report]
# output_dir = /var/lib/cxone/drift
# formats = json, markdown, html
# keep_history = true

# or, for one run:
# ANSIBLE_CALLBACKS_ENABLED=cxone.cxone.drift_report CXONE_DRIFT_REPORT_DIR=/tmp/drift \
#   ansible-playbook cxone.cxone.drift_check -e @tenant.yml
#
# a playbook of your own asks for a report with a play variable:
# - hosts: localhost
#   check_mode: true
#   diff: true
#   vars:
#     cxone_drift_report: true
"""

import datetime
import json
import os
import re
import shlex
import tempfile

import yaml

from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.callback import CallbackBase

from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import MANAGED, object_name
from ansible_collections.cxone.cxone.plugins.module_utils._validation import MASK
from ansible_collections.cxone.cxone.plugins.plugin_utils._drift_report import (
    canonical, compare, drift_line, render_html, render_markdown)

COLLECTION = "cxone.cxone."
# Modules that only read: never part of a drift report.
READ_ONLY = ("cxone_export",)
EXTENSIONS = {"json": "json", "markdown": "md", "html": "html"}
# Values under keys like these are never written, whatever a module returns.
SECRET_KEY = re.compile(r"secret|password|passwd|token|authorization|api_?key", re.IGNORECASE)
# The play or extra variable by which a run asks for a report, and the statistic
# (ansible.builtin.set_stats) that brings the objects no declaration manages.
ASK_VARIABLE = "cxone_drift_report"
# A task variable that marks a failure as the check's verdict (fail_on_drift), not a failed run.
VERDICT_VARIABLE = "cxone_drift_verdict"
UNMANAGED_STAT = "cxone_unmanaged"
# Inline extra vars the converge command repeats: where the declaration and the tenants are.
SAFE_INLINE_VARS = ("cxone_desired_state_file", "cxone_hosts", "cxone_api")

# The only fields read from a loop item or the task's arguments, to name an object
# whose result does not name it (a queue's members). Never copied otherwise.
NAME_FIELDS = ("name", "queue", "campaign", "user")


def _scrub(value, key=None):
    """``value`` with anything under a secret-looking key masked."""
    if key is not None and SECRET_KEY.search(str(key)) and value not in (None, "", [], {}):
        return MASK
    if isinstance(value, dict):
        return {k: _scrub(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub(v) for v in value]
    return value


def _plain(value):
    """Ansible's tagged/templated containers as plain JSON data."""
    return json.loads(json.dumps(value, default=str))


def _short(value, limit=80):
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= limit else text[:limit - 3] + "..."


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "cxone.cxone.drift_report"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None):
        super().__init__(display=display)
        self.objects = []
        self.failures = []  # tasks that failed the run outside the objects: {host, task, error}
        self.playbook = None
        self.asked = False
        self.awx_job = None
        self.started = datetime.datetime.now(datetime.timezone.utc)

    # ---- gathering ------------------------------------------------------------

    def v2_playbook_on_start(self, playbook):
        self.playbook = os.path.basename(getattr(playbook, "_file_name", "") or "") or None

    def v2_playbook_on_play_start(self, play):
        """A run asks for a report with ``cxone_drift_report: true`` in a play's vars or as an extra var."""
        asked = (play.vars or {}).get(ASK_VARIABLE) if isinstance(getattr(play, "vars", None), dict) else None
        try:
            extra = play.get_variable_manager().extra_vars
        except Exception:  # pylint: disable=broad-except
            extra = {}
        if ASK_VARIABLE in (extra or {}):
            asked = extra[ASK_VARIABLE]
        self.asked = self.asked or boolean(asked, strict=False)
        # AWX and Automation Platform pass their job's id as an extra variable.
        job = (extra or {}).get("awx_job_id") or (extra or {}).get("tower_job_id")
        self.awx_job = str(job) if job not in (None, "") else self.awx_job

    def v2_runner_on_ok(self, result):
        if "results" not in result._result:  # loop items arrive one by one below
            self._record(result, result._result, failed=False)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        if self._module(result) is None or result._result.get("failure") == "connection":
            # Not a failure of the task's objects: the tenant could not be reached or logged in to.
            if not ignore_errors:
                self._run_failed(result, result._result)
            return
        if "results" not in result._result:
            self._record(result, result._result, failed=True)

    def v2_runner_on_unreachable(self, result):
        self._run_failed(result, result._result)

    def _run_failed(self, result, data):
        """A task that is not an object's failed the run (a check before any request, a read):
        the report must not look like a complete check. The fail_on_drift task is the verdict."""
        task_vars = getattr(result._task, "vars", None) or {}
        if boolean(task_vars.get(VERDICT_VARIABLE, False), strict=False):
            return
        message = data.get("msg") or data.get("message") or "failed"
        self.failures.append({"host": result._host.get_name(), "task": result._task.get_name(),
                              "error": _short(str(_scrub(message)), 2000),
                              "kind": "connection" if data.get("failure") == "connection" else "task"})

    def v2_runner_item_on_ok(self, result):
        self._record(result, result._result, failed=False)

    def v2_runner_item_on_failed(self, result):
        self._record(result, result._result, failed=True)

    def _module(self, result):
        task = result._task
        action = None
        try:
            action = task.resolved_action
        except Exception:  # pylint: disable=broad-except
            action = None
        action = action or task.action or ""
        if not action.startswith(COLLECTION):
            return None
        name = action[len(COLLECTION):]
        if name.endswith("_info") or name in READ_ONLY:
            return None
        return name

    def _record(self, result, data, failed):
        module = self._module(result)
        if module is None or data.get("skipped"):
            return
        base = {
            "host": result._host.get_name(),
            "task": result._task.get_name(),
            "module": COLLECTION + module,
            "kind": self._spec(module)[0],
            "check_mode": bool(self._check_mode(result)),
        }
        if failed:
            msg = data.get("msg") or "failed"
            name = self._name(module, data)
            self.objects.append(dict(base, name=name, label=self._spec(module)[1] % name, status="error",
                                     error=_short(str(msg), 2000)))
            return
        if data.get("censored"):
            entry = dict(base, name=self._name(module, data), note="result hidden by no_log")
            self._add(entry, None, None, bool(data.get("changed")))
            return
        diff = data.get("diff")
        if isinstance(diff, list):  # several diffs: compare the first
            diff = diff[0] if diff else None
        split = MANAGED[module].split if module in MANAGED else None
        if split and isinstance(diff, dict):
            # The diff holds the objects that change, the result every object of the task.
            list_key, item_keys = split
            before = {object_name(i, item_keys): i for i in (diff.get("before") or {}).get(list_key) or []}
            after = {object_name(i, item_keys): i for i in (diff.get("after") or {}).get(list_key) or []}
            unchanged = [object_name(i, item_keys) for i in data.get(list_key) or [] if isinstance(i, dict)]
            unchanged = [name for name in unchanged if name and name not in before and name not in after]
            for name in list(after) + [k for k in before if k not in after]:
                old, new = before.get(name, {}), after.get(name, {})
                self._add(dict(base, name=name), old, new, bool(data.get("changed")) and canonical(old) != canonical(new))
            for name in unchanged:
                self._add(dict(base, name=name), None, None, False)
            # Declared absent and absent: no result holds it, and it is in sync all the same.
            seen = {name.casefold() for name in list(before) + list(after) + unchanged}
            for name in _declared_absent(data, MANAGED[module]):
                if name.casefold() not in seen:
                    seen.add(name.casefold())
                    self._add(dict(base, name=name), None, None, False)
                    unchanged.append(name)
            if before or after or unchanged:
                return
        self._add(dict(base, name=self._name(module, data)), *self._sides(diff), changed=bool(data.get("changed")))

    @staticmethod
    def _spec(module):
        """(kind, how an object is named for people, key of the object in the result)."""
        managed = MANAGED.get(module)
        if managed is None:
            kind = module.replace("cxone_", "").replace("_", " ")
            return (kind, kind + " %s", None)
        return (managed.kind, managed.label, managed.result_key)

    @staticmethod
    def _sides(diff):
        if isinstance(diff, dict) and ("before" in diff or "after" in diff):
            return diff.get("before"), diff.get("after")
        return None, None

    def _add(self, entry, before, after, changed):
        """One object. A task that reports no change is in sync (whatever its diff:
        ``changed_when: false`` says so); a changed one is compared field by field."""
        entry = dict(entry)
        entry["label"] = self._spec(entry["module"][len(COLLECTION):])[1] % entry["name"]
        if not changed:
            entry["status"] = "in_sync"
            self.objects.append(entry)
            return
        entry["status"] = "drifted"
        if before is None and after is None:
            entry["drift"] = "unknown"
            entry.setdefault("note", "no diff to compare (run with --diff)")
            self.objects.append(entry)
            return
        before = _scrub(_plain(before or {}))
        after = _scrub(_plain(after or {}))
        if isinstance(before, dict) and isinstance(after, dict):
            for side in (before, after):
                for key in ("id", "user_id"):
                    side.pop(key, None)
        if not before:
            declared = dict((k, after[k]) for k in ("campaign", "name") if k in after)
            declared.update(after)
            entry.update(drift="missing", declared=declared)
        elif not after:
            entry.update(drift="unexpected", live=before)
        else:
            entry.update(drift="fields", changes=compare(before, after))
        self.objects.append(entry)

    def _name(self, module, data):
        """The object's name from its result or diff; else from a few naming fields of
        the loop item or the task's arguments (never anything else of them)."""
        managed = MANAGED.get(module)
        if managed is not None and managed.split:  # several objects in one result: name them all
            list_key, item_keys = managed.split
            args = (data.get("invocation") or {}).get("module_args")
            declared = (args or {}).get(managed.option) if isinstance(args, dict) else None
            entries = data.get(list_key) or declared or []
            # A failure that names one entry (memberships[1].members[0].user: ...) is that entry's.
            pointed = re.search(r"\b%s\[(\d+)\]" % re.escape(managed.option), str(data.get("msg") or ""))
            if pointed and isinstance(declared, list) and int(pointed.group(1)) < len(declared):
                entries = [declared[int(pointed.group(1))]]
            names = [object_name(i, item_keys) for i in entries if isinstance(i, dict)]
            names = [name for name in names if name]
            if names:
                return ", ".join(names[:3]) + (" and %d more" % (len(names) - 3) if len(names) > 3 else "")
        key = self._spec(module)[2]
        candidates = []
        if key and isinstance(data.get(key), dict):
            candidates.append(data[key])
        diff = data.get("diff")
        if isinstance(diff, dict):
            candidates.extend(d for d in (diff.get("after"), diff.get("before")) if isinstance(d, dict))
        item = data.get("item")
        if isinstance(item, dict):
            candidates.append(item)
        args = (data.get("invocation") or {}).get("module_args")
        if isinstance(args, dict):
            candidates.append(args)
        for source in candidates:
            if module == "cxone_campaign_schedule" and source.get("campaign") and source.get("name"):
                return "%s / %s" % (source["campaign"], source["name"])
            for field in NAME_FIELDS:
                value = source.get(field)
                if isinstance(value, str) and value:
                    return value
        if isinstance(item, str):
            return item
        return "(unnamed)"

    @staticmethod
    def _check_mode(result):
        fields = getattr(result, "_task_fields", None) or {}
        value = fields.get("check_mode") if isinstance(fields, dict) else None
        if value is None:
            value = getattr(result._task, "check_mode", None)
        if isinstance(value, bool):
            return value
        from ansible import context  # pylint: disable=import-outside-toplevel

        return bool(context.CLIARGS.get("check"))

    # ---- the report -----------------------------------------------------------

    def v2_playbook_on_stats(self, stats):
        if not self.asked and self.get_option("write_when") != "always":
            return
        unmanaged = _unmanaged(getattr(stats, "custom", None) or {})
        # A run that asked for a report always writes one, so an older report never looks like
        # this run's: a run that failed, or checked nothing, says so.
        if (not self.asked and not self.objects and not unmanaged and not self.failures
                and not self.get_option("write_empty")):
            return
        report = self._report(unmanaged)
        try:
            paths = self._write(report)
        except OSError as exc:
            self._display.warning("cxone drift report: could not write the report to %s: %s"
                                  % (self.get_option("output_dir"), exc))
            paths = []
        # The page for people: HTML, else Markdown, else what was written.
        shown = next((p for ext in (".html", ".md", "") for p in paths if p.endswith(ext)), None)
        self._display.display(report["summary"]["text"] + (" report: %s" % shown if shown else ""))

    def _report(self, unmanaged):
        drifted = [o for o in self.objects if o["status"] == "drifted"]
        errors = [o for o in self.objects if o["status"] == "error"]
        check = all(o["check_mode"] for o in self.objects) if self.objects else True
        hosts = sorted({o["host"] for o in self.objects} | {u["host"] for u in unmanaged}
                       | {f["host"] for f in self.failures})
        many_hosts = len(hosts) > 1

        def label(obj):
            text = obj["label"]
            return "%s on %s" % (text, obj["host"]) if many_hosts else text

        verb = "drifted" if check else "changed by this run"
        text = "cxone drift: %d of %d objects %s" % (len(drifted), len(self.objects), verb)
        unread = sorted({f["host"] for f in self.failures if f["kind"] == "connection"})
        if self.failures and unread and not self.objects:
            # Nothing was compared: say so first, and what to fix (the login, not an object).
            text = "cxone drift: NOT CHECKED: the tenant could not be read on %s: %s. Fix the connection " \
                   "settings and run the check again; nothing was compared" % (
                       ", ".join(unread),
                       next(_short(f["error"], 400) for f in self.failures if f["kind"] == "connection"))
        elif self.failures:
            text = "cxone drift: THE RUN FAILED (%s); %d of %d objects %s before it stopped" % (
                "; ".join("%s on %s: %s" % (f["task"], f["host"], _short(f["error"], 300)) for f in self.failures),
                len(drifted), len(self.objects), verb)
        if drifted:
            text += " (%s)" % "; ".join("%s: %s" % (label(o), drift_line(o)) for o in drifted)
        if errors:
            text += ", %d error(s) (%s)" % (len(errors), "; ".join(label(o) for o in errors))
        if unmanaged:
            text += ", %d object(s) not managed by the declaration" % len(unmanaged)
        if not check and drifted:
            text += " [not a check run: the changes were applied]"
        if not self.objects and not self.failures:
            text += " (nothing was checked)"
        if self.failures:
            outcome = "failed"
        elif not self.objects:
            outcome = "nothing_checked"
        else:
            outcome = "drifted" if drifted else ("errors" if errors else "in_sync")
        return {
            "generated": _utc(self.started),
            "finished": _utc(datetime.datetime.now(datetime.timezone.utc)),
            "playbook": self.playbook,
            # Which run wrote it: a scheduled job's report is never mistaken for another's.
            "run": {"id": "%s-%d" % (self.started.strftime("%Y%m%dT%H%M%SZ"), os.getpid()),
                    "awx_job": self.awx_job},
            "outcome": outcome,
            "failures": self.failures,
            "check_mode": check,
            "hosts": hosts,
            "summary": {
                "objects": len(self.objects),
                "in_sync": sum(1 for o in self.objects if o["status"] == "in_sync"),
                "drifted": len(drifted),
                "errors": len(errors),
                "unmanaged": len(unmanaged),
                "text": text,
            },
            "next_steps": _next_steps(_removals(drifted, label)),
            "unmanaged": unmanaged,
            "objects": self.objects,
        }

    def _write(self, report):
        directory = os.path.abspath(os.path.expanduser(self.get_option("output_dir")))
        os.makedirs(directory, exist_ok=True)
        stamp = self.started.strftime("%Y%m%dT%H%M%SZ")
        names = [self.get_option("file_name")]
        if self.get_option("keep_history"):
            names.append("%s-%s" % (self.get_option("file_name"), stamp))
        written = []
        for fmt in self.get_option("formats") or []:
            fmt = fmt.strip().lower()
            if fmt not in EXTENSIONS:
                self._display.warning("cxone drift report: unknown format %r (json, markdown, html)" % fmt)
                continue
            content = {"json": _json_report, "markdown": render_markdown, "html": render_html}[fmt](report)
            for name in names:
                path = os.path.join(directory, "%s.%s" % (name, EXTENSIONS[fmt]))
                _atomic_write(path, content)
                written.append(path)
        return written


def _declared_absent(data, managed):
    """The names of the objects a list-form task declares absent (an entry's ``state``, else the task's)."""
    args = (data.get("invocation") or {}).get("module_args")
    if not isinstance(args, dict) or not isinstance(args.get(managed.option), list):
        return []
    names = []
    for entry in args[managed.option]:
        if isinstance(entry, dict) and (entry.get("state") or args.get("state")) == "absent":
            name = object_name(entry, managed.split[1])
            if name:
                names.append(name)
    return names


def _utc(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _unmanaged(custom):
    """``[{host, kind, name}]`` from the ``cxone_unmanaged`` statistic (per host or for the run)."""
    found = []
    for data in custom.values():
        by_host = (data or {}).get(UNMANAGED_STAT) if isinstance(data, dict) else None
        if not isinstance(by_host, dict):
            continue
        for host, entries in sorted(by_host.items()):
            for entry in entries or []:
                if isinstance(entry, dict) and entry.get("name"):
                    found.append({"host": str(host), "kind": str(entry.get("kind") or ""), "name": str(entry["name"])})
    unique = {(e["host"], e["kind"], e["name"]): e for e in found}
    return [unique[key] for key in sorted(unique)]


def _next_steps(removals=()):
    """What to do about the drift: the converge command of this run, to paste as printed from
    any directory (its playbook, inventories, limit, vault options, ``@file`` extra vars and the
    inline ones that say where the declaration and the tenants are, with absolute paths; never
    other inline values: they may hold secrets), or its idea; and what a converge would remove
    (``removals``: labels of what the tenant holds and the declaration does not)."""
    from ansible import context  # pylint: disable=import-outside-toplevel

    args = context.CLIARGS
    playbooks = list(args.get("args") or [])
    steps = {"converge": "To make the tenant match the declaration, run the desired state without check mode",
             "keep": "To keep what the tenant holds instead, change the declaration (the cxone_* variables) "
                     "to the values in the 'in the tenant' column.",
             "command": None, "removes": list(removals)}
    if removals:
        steps["converge"] += (" (it would also remove what the declaration does not list: %s; to keep it, add it "
                              "to the declaration, or export again with cxone_export_exclusive=false)"
                              % "; ".join(removals[:10]) + (" and %d more" % (len(removals) - 10)
                                                            if len(removals) > 10 else ""))
    if len(playbooks) == 1 and "drift_check" in os.path.basename(playbooks[0]):
        playbook = playbooks[0].replace("drift_check", "desired_state")
        command = ["ansible-playbook", shlex.quote(_absolute(playbook) if os.path.sep in playbook else playbook)]
        for inventory in args.get("inventory") or ():
            if inventory and inventory != "/etc/ansible/hosts":
                command += ["-i", shlex.quote(_absolute(inventory) if os.path.exists(inventory) else inventory)]
        if args.get("subset"):
            command += ["--limit", shlex.quote(args["subset"])]
        for value in args.get("extra_vars") or ():
            value = str(value)
            if value.startswith("@"):
                command += ["-e", shlex.quote("@" + _absolute(value[1:]))]
                continue
            for key, inline in sorted(_inline_vars(value).items()):
                if key in SAFE_INLINE_VARS and isinstance(inline, (str, int, float, bool)):
                    if key == "cxone_desired_state_file":
                        inline = _absolute(str(inline))
                    text = "%s=%s" % (key, inline)
                    command += ["-e", shlex.quote(text if not re.search(r"[\s'\"=\\]", str(inline))
                                                  else json.dumps({key: inline}))]
        # The vault options (a password file's path, a vault id's label: never a password).
        for vault_id in args.get("vault_ids") or ():
            label, _sep, source = str(vault_id).rpartition("@")
            if source and source != "prompt" and os.path.exists(source):
                source = _absolute(source)
            command += ["--vault-id", shlex.quote("%s@%s" % (label, source) if label else source)]
        for password_file in args.get("vault_password_files") or ():
            command += ["--vault-password-file", shlex.quote(_absolute(str(password_file)))]
        if args.get("ask_vault_pass"):
            command += ["--ask-vault-pass"]
        steps["command"] = " ".join(command)
    return steps


def _removals(drifted, label):
    """What a converge would take away, one line per object: the diff's ``after`` is what the
    converge leaves, so what only the tenant holds goes (an exclusive list's unlisted members,
    an object declared absent)."""
    found = []
    for obj in drifted:
        if obj.get("drift") == "unexpected":
            found.append(label(obj))
        for change in obj.get("changes") or ():
            gone = change.get("live_only") or []
            if gone:
                items = ", ".join(item if isinstance(item, str) else _short(json.dumps(item, default=str), 60)
                                  for item in gone[:5])
                more = " and %d more" % (len(gone) - 5) if len(gone) > 5 else ""
                found.append("%s: %s %s%s" % (label(obj), change["field"], items, more))
    return found


def _absolute(path):
    return os.path.abspath(os.path.expanduser(path))


def _inline_vars(value):
    """An inline ``-e`` value as ansible-playbook reads it: YAML/JSON or key=value pairs."""
    try:
        if value.lstrip().startswith(("{", "[")):
            data = yaml.safe_load(value)
        else:
            from ansible.parsing.splitter import parse_kv  # pylint: disable=import-outside-toplevel
            data = parse_kv(value)
    except Exception:  # pylint: disable=broad-exception-caught  # not ours to judge: left out
        return {}
    return data if isinstance(data, dict) else {}


def _atomic_write(path, content):
    handle, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".drift-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _json_report(report):
    return json.dumps(report, indent=2, sort_keys=False, default=str) + "\n"
