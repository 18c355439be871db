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
    mode with diff, so the report says what drifted and nothing is written to the
    tenant. In a run that is not in check mode the same report lists what the run
    changed.
  - An object whose task reports no change is in sync. For a changed object the
    fields come from the task's diff (C(before) is the tenant, C(after) the
    declaration); nested options are compared recursively, and lists of members or
    skills list the items only the tenant has and the items only the declaration has.
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
    default: [json, markdown]
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
  write_empty:
    description:
      - Write a report also for a run without any C(cxone.cxone) configuration task.
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
  - Each run replaces C(<file_name>.json) and the other formats in O(output_dir).
  - "JSON layout: C(summary) (C(objects), C(in_sync), C(drifted), C(errors), C(text)),
    and C(objects), one entry per object with C(host), C(task), C(module), C(kind),
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
"""

import datetime
import html
import json
import os
import re
import tempfile
from collections import Counter

from ansible.plugins.callback import CallbackBase

from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import MANAGED
from ansible_collections.cxone.cxone.plugins.module_utils._validation import MASK

COLLECTION = "cxone.cxone."
# Modules that only read: never part of a drift report.
READ_ONLY = ("cxone_export",)
EXTENSIONS = {"json": "json", "markdown": "md", "html": "html"}
# Keys that identify an item of a list (members by user, skills by skill, ...).
ITEM_KEYS = ("user", "skill", "name")
# Values under keys like these are never written, whatever a module returns.
SECRET_KEY = re.compile(r"secret|password|passwd|token|authorization|api_?key", re.IGNORECASE)

# The only fields read from a loop item or the task's arguments, to name an object
# whose result does not name it (a queue's members). Never copied otherwise.
NAME_FIELDS = ("name", "queue", "campaign", "user")


def _item_name(item, keys):
    """How one object of a multi-object result is named: its keys' values, joined."""
    values = [item.get(key) for key in keys] if isinstance(item, dict) else []
    return " / ".join(str(v) for v in values) if values and all(values) else None


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


def _canonical(value):
    return json.dumps(value, sort_keys=True, default=str)


def _item_key(items):
    """The key that identifies every item of both lists, or None."""
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in ITEM_KEYS:
        values = [i.get(key) for i in items]
        if all(isinstance(v, str) for v in values):
            return key
    return None


def compare(live, declared, path=""):
    """Changes that take ``live`` (the tenant) to ``declared``, field by field."""
    changes = []
    if isinstance(live, dict) and isinstance(declared, dict):
        for key in list(declared) + [k for k in live if k not in declared]:
            sub = "%s.%s" % (path, key) if path else str(key)
            changes.extend(compare(live.get(key), declared.get(key), sub))
        return changes
    if isinstance(live, list) and isinstance(declared, list):
        return _compare_lists(live, declared, path)
    if _canonical(live) != _canonical(declared):
        changes.append({"field": path, "live": live, "declared": declared})
    return changes


def _compare_lists(live, declared, path):
    key = _item_key(live + declared)
    if key is not None and len({i[key] for i in live}) == len(live) and len({i[key] for i in declared}) == len(declared):
        have = {i[key]: i for i in live}
        want = {i[key]: i for i in declared}
        changes = []
        live_only = [k for k in have if k not in want]
        declared_only = [k for k in want if k not in have]
        if live_only or declared_only:
            changes.append({"field": path, "live_only": live_only, "declared_only": declared_only})
        for k in want:
            if k in have:
                changes.extend(compare(have[k], want[k], "%s[%s]" % (path, k)))
        return changes
    extra = Counter(_canonical(i) for i in live) - Counter(_canonical(i) for i in declared)
    lacking = Counter(_canonical(i) for i in declared) - Counter(_canonical(i) for i in live)
    if not extra and not lacking:
        return []
    return [{"field": path, "live_only": _take(live, extra), "declared_only": _take(declared, lacking)}]


def _take(items, counts):
    """The items of ``items`` that ``counts`` (canonical text -> n) names, in their order."""
    counts = Counter(counts)
    taken = []
    for item in items:
        text = _canonical(item)
        if counts[text] > 0:
            counts[text] -= 1
            taken.append(item)
    return taken


def changed_fields(changes):
    return list(dict.fromkeys(c["field"].split("[")[0] if "live_only" in c else c["field"] for c in changes))


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
        self.playbook = None
        self.started = datetime.datetime.now(datetime.timezone.utc)

    # ---- gathering ------------------------------------------------------------

    def v2_playbook_on_start(self, playbook):
        self.playbook = os.path.basename(getattr(playbook, "_file_name", "") or "") or None

    def v2_runner_on_ok(self, result):
        if "results" not in result._result:  # loop items arrive one by one below
            self._record(result, result._result, failed=False)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        if "results" not in result._result:
            self._record(result, result._result, failed=True)

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
            list_key, item_keys = split
            before = {_item_name(i, item_keys): i for i in (diff.get("before") or {}).get(list_key) or []}
            after = {_item_name(i, item_keys): i for i in (diff.get("after") or {}).get(list_key) or []}
            for name in list(after) + [k for k in before if k not in after]:
                old, new = before.get(name, {}), after.get(name, {})
                self._add(dict(base, name=name), old, new, bool(data.get("changed")) and _canonical(old) != _canonical(new))
            if before or after:
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
            names = [_item_name(i, item_keys) for i in entries if isinstance(i, dict)]
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
        if not self.objects and not self.get_option("write_empty"):
            return
        report = self._report()
        try:
            paths = self._write(report)
        except OSError as exc:
            self._display.warning("cxone drift report: could not write the report to %s: %s"
                                  % (self.get_option("output_dir"), exc))
            paths = []
        shown = next((p for p in paths if p.endswith((".md", ".html"))), paths[0] if paths else None)
        self._display.display(report["summary"]["text"] + (" report: %s" % shown if shown else ""))

    def _report(self):
        drifted = [o for o in self.objects if o["status"] == "drifted"]
        errors = [o for o in self.objects if o["status"] == "error"]
        check = all(o["check_mode"] for o in self.objects) if self.objects else True
        hosts = sorted({o["host"] for o in self.objects})
        many_hosts = len(hosts) > 1

        def label(obj):
            text = obj["label"]
            return "%s on %s" % (text, obj["host"]) if many_hosts else text

        def what(obj):
            if obj.get("drift") == "fields":
                return ", ".join(changed_fields(obj["changes"]))
            return {"missing": "not in the tenant", "unexpected": "in the tenant, declared absent"}.get(
                obj.get("drift"), "changed, no diff")

        verb = "drifted" if check else "changed by this run"
        text = "cxone drift: %d of %d objects %s" % (len(drifted), len(self.objects), verb)
        if drifted:
            text += " (%s)" % "; ".join("%s: %s" % (label(o), what(o)) for o in drifted)
        if errors:
            text += ", %d error(s) (%s)" % (len(errors), "; ".join(label(o) for o in errors))
        if not check and drifted:
            text += " [not a check run: the changes were applied]"
        return {
            "generated": self.started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "playbook": self.playbook,
            "check_mode": check,
            "hosts": hosts,
            "summary": {
                "objects": len(self.objects),
                "in_sync": sum(1 for o in self.objects if o["status"] == "in_sync"),
                "drifted": len(drifted),
                "errors": len(errors),
                "text": text,
            },
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
            content = {"json": _json_report, "markdown": _markdown_report, "html": _html_report}[fmt](report)
            for name in names:
                path = os.path.join(directory, "%s.%s" % (name, EXTENSIONS[fmt]))
                _atomic_write(path, content)
                written.append(path)
        return written


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


def _value(value):
    return "-" if value is None else "`%s`" % _short(value, 200).replace("`", "'")


def _md_cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def _change_rows(changes):
    """(field, live, declared) as text, one row per change."""
    rows = []
    for change in changes:
        if "live_only" in change:
            rows.append((change["field"],
                         "only in the tenant: " + (", ".join(_value(i) for i in change["live_only"]) or "-"),
                         "only declared: " + (", ".join(_value(i) for i in change["declared_only"]) or "-")))
        else:
            rows.append((change["field"], _value(change["live"]), _value(change["declared"])))
    return rows


def _object_rows(obj):
    drift = obj.get("drift")
    if drift == "fields":
        return _change_rows(obj["changes"])
    if drift == "missing":
        return [(key, "(not in the tenant)", _value(value)) for key, value in obj["declared"].items()]
    if drift == "unexpected":
        return [(key, _value(value), "(declared absent)") for key, value in obj["live"].items()]
    return [("-", "-", obj.get("note") or "changed")]


def _title(obj, many_hosts):
    title = obj["label"]
    return "%s (%s)" % (title, obj["host"]) if many_hosts else title


def _markdown_report(report):
    summary = report["summary"]
    many_hosts = len(report["hosts"]) > 1
    mode = "check mode: nothing was written" if report["check_mode"] else "NOT a check run: changes were applied"
    lines = [
        "# CXone drift report",
        "",
        "- Run: %s, playbook `%s`, %s" % (report["generated"], report["playbook"] or "?", mode),
        "- Hosts: %s" % (", ".join(report["hosts"]) or "-"),
        "- **%d of %d objects %s**, %d in sync, %d error(s)" % (
            summary["drifted"], summary["objects"], "drifted" if report["check_mode"] else "changed",
            summary["in_sync"], summary["errors"]),
        "",
    ]
    drifted = [o for o in report["objects"] if o["status"] == "drifted"]
    if drifted:
        lines += ["## Drifted", "", "`live` is what the tenant holds, `declared` what the desired state says.", ""]
        for obj in drifted:
            lines += ["### %s" % _title(obj, many_hosts), "",
                      "Task: %s (`%s`)" % (obj["task"], obj["module"]), ""]
            lines += ["| field | live | declared |", "| --- | --- | --- |"]
            lines += ["| %s |" % " | ".join(_md_cell(c) for c in row) for row in _object_rows(obj)]
            lines.append("")
    errors = [o for o in report["objects"] if o["status"] == "error"]
    if errors:
        lines += ["## Errors", ""]
        lines += ["- %s (task %s): %s" % (_title(o, many_hosts), o["task"], _md_cell(o["error"])) for o in errors]
        lines.append("")
    in_sync = [o for o in report["objects"] if o["status"] == "in_sync"]
    if in_sync:
        lines += ["## In sync", ""]
        lines += ["- %s" % _title(o, many_hosts) for o in in_sync]
        lines.append("")
    lines += ["---", "", summary["text"], ""]
    return "\n".join(lines)


def _html_report(report):
    esc = html.escape
    summary = report["summary"]
    many_hosts = len(report["hosts"]) > 1
    mode = "check mode: nothing was written" if report["check_mode"] else "NOT a check run: changes were applied"
    parts = [
        "<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>CXone drift report</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
        "td,th{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}"
        "th{background:#eee}.drifted{color:#b00}.ok{color:#070}</style></head><body>",
        "<h1>CXone drift report</h1>",
        "<p>Run %s, playbook <code>%s</code>, %s. Hosts: %s.</p>" % (
            esc(report["generated"]), esc(report["playbook"] or "?"), esc(mode), esc(", ".join(report["hosts"]) or "-")),
        "<p class=\"%s\"><strong>%s</strong></p>" % ("drifted" if summary["drifted"] or summary["errors"] else "ok",
                                                     esc(summary["text"])),
    ]
    for obj in report["objects"]:
        if obj["status"] != "drifted":
            continue
        parts.append("<h2>%s</h2><p>Task: %s (<code>%s</code>)</p>" % (
            esc(_title(obj, many_hosts)), esc(obj["task"]), esc(obj["module"])))
        parts.append("<table><tr><th>field</th><th>live</th><th>declared</th></tr>")
        for row in _object_rows(obj):
            parts.append("<tr>%s</tr>" % "".join("<td>%s</td>" % esc(str(cell)) for cell in row))
        parts.append("</table>")
    errors = [o for o in report["objects"] if o["status"] == "error"]
    if errors:
        parts.append("<h2>Errors</h2><ul>%s</ul>" % "".join(
            "<li>%s (task %s): %s</li>" % (esc(_title(o, many_hosts)), esc(o["task"]), esc(o["error"])) for o in errors))
    in_sync = [o for o in report["objects"] if o["status"] == "in_sync"]
    if in_sync:
        parts.append("<h2>In sync</h2><ul>%s</ul>" % "".join("<li>%s</li>" % esc(_title(o, many_hosts)) for o in in_sync))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
