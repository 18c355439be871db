# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drift report's comparison and its pages (controller side, used by the
cxone.cxone.drift_report callback).

``compare`` takes an object from what the tenant holds to what is declared, field by
field; lists of dicts are compared item by item, each item named by a stable key
(``windows[MONDAY 09:00:00].end``). ``render_markdown`` and ``render_html`` turn the
report (the JSON document) into pages for people, from the Jinja2 templates below."""

from __future__ import annotations

import re
from collections import Counter

from jinja2 import Environment

from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import canonical

# How an item of a list is named, tried in this order: the first key (or pair of keys)
# that every item of both sides has, with values unique on each side.
ITEM_KEYS = (("user",), ("skill",), ("day", "start"), ("day",), ("name",), ("date",), ("start",))
# Lists longer than this are shown with their first items and a count of the rest.
SHOWN_ITEMS = 12
LONGEST_TEXT = 300


def _named_by(keys, item):
    return all(isinstance(item.get(k), (str, int)) and not isinstance(item.get(k), bool) for k in keys)


def item_key(live, declared):
    """The keys that name every item of both lists, each name once per side, or None."""
    items = live + declared
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for keys in ITEM_KEYS:
        if all(_named_by(keys, i) for i in items) and all(
                len({_name_of(i, keys) for i in side}) == len(side) for side in (live, declared)):
            return keys
    return None


def _name_of(item, keys):
    return " ".join(str(item[k]) for k in keys)


def compare(live, declared, path=""):
    """Changes that take ``live`` (the tenant) to ``declared``, field by field.

    A change is ``{field, live, declared}`` for a value, or ``{field, live_only,
    declared_only}`` for a list: the items (by name, when the items have one) only the
    tenant has and only the declaration has."""
    if isinstance(live, dict) and isinstance(declared, dict):
        changes = []
        for key in list(declared) + [k for k in live if k not in declared]:
            sub = "%s.%s" % (path, key) if path else str(key)
            changes.extend(compare(live.get(key), declared.get(key), sub))
        return changes
    if isinstance(live, list) and isinstance(declared, list):
        return _compare_lists(live, declared, path)
    if canonical(live) != canonical(declared):
        return [{"field": path, "live": live, "declared": declared}]
    return []


def _compare_lists(live, declared, path):
    keys = item_key(live, declared)
    if keys is not None:
        have = {_name_of(i, keys): i for i in live}
        want = {_name_of(i, keys): i for i in declared}
        changes = []
        live_only = [k for k in have if k not in want]
        declared_only = [k for k in want if k not in have]
        if live_only or declared_only:
            changes.append({"field": path, "live_only": live_only, "declared_only": declared_only})
        for name in want:
            if name in have:
                changes.extend(compare(have[name], want[name], "%s[%s]" % (path, name)))
        return changes
    extra = Counter(canonical(i) for i in live) - Counter(canonical(i) for i in declared)
    lacking = Counter(canonical(i) for i in declared) - Counter(canonical(i) for i in live)
    if not extra and not lacking:
        return []
    return [{"field": path, "live_only": _take(live, extra), "declared_only": _take(declared, lacking)}]


def _take(items, counts):
    """The items of ``items`` that ``counts`` (canonical text -> n) names, in their order."""
    counts = Counter(counts)
    taken = []
    for item in items:
        text = canonical(item)
        if counts[text] > 0:
            counts[text] -= 1
            taken.append(item)
    return taken


def changed_fields(changes):
    """The top-level names of the fields that changed, each once (``windows``, ``max_waiters``)."""
    return list(dict.fromkeys(re.split(r"[.\[]", c["field"], maxsplit=1)[0] for c in changes))


# ---- values as people read them ---------------------------------------------------

def text(value, limit=LONGEST_TEXT):
    """A value as plain text: ``true``, ``09:00:00``, ``end: 17:00:00, rate: 1.5``, ``a, b and 3 more``."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        shown = ", ".join("%s: %s" % (k, _nested(v)) for k, v in value.items() if v is not None)
        result = shown or "(empty)"
    elif isinstance(value, (list, tuple)):
        result = items_text(value)
    else:
        result = str(value)
    return result if len(result) <= limit else result[:limit - 1] + "…"


def _nested(value):
    if isinstance(value, dict):
        return "{%s}" % text(value)
    if isinstance(value, (list, tuple)):
        return "[%s]" % items_text(value)
    return text(value)


def items_text(items):
    items = list(items)
    if not items:
        return "(none)"
    shown = "; ".join(_nested(i) if isinstance(i, dict) else text(i) for i in items[:SHOWN_ITEMS])
    return shown + (" and %d more" % (len(items) - SHOWN_ITEMS) if len(items) > SHOWN_ITEMS else "")


def change_rows(obj):
    """One object's drift as rows ``{field, live, declared}`` of text, or a single
    ``{line}`` for an object that is missing, unexpected or unknown."""
    drift = obj.get("drift")
    if drift == "missing":
        return [{"line": "missing: would be created with " + text(obj["declared"], limit=1000)}]
    if drift == "unexpected":
        return [{"line": "in the tenant but declared absent: would be removed (%s)" % text(obj["live"], limit=1000)}]
    if drift != "fields":
        return [{"line": obj.get("note") or "changed (no diff to compare)"}]
    rows = []
    for change in obj["changes"]:
        if "live_only" in change:
            rows.append({"field": change["field"],
                         "live": "only in the tenant: " + items_text(change["live_only"]) if change["live_only"] else "",
                         "declared": "only declared: " + items_text(change["declared_only"])
                         if change["declared_only"] else ""})
        else:
            rows.append({"field": change["field"], "live": text(change["live"]), "declared": text(change["declared"])})
    return rows


def drift_line(obj):
    """What drifted in one object, in a few words: the fields, or why it has none."""
    if obj.get("drift") == "fields":
        return ", ".join(changed_fields(obj["changes"]))
    return {"missing": "missing: would be created", "unexpected": "in the tenant, declared absent"}.get(
        obj.get("drift"), "changed, no diff")


# ---- the pages --------------------------------------------------------------------

MARKDOWN = r"""# CXone drift report

**{{ headline }}**

- Run: {{ report.generated }}{% if report.finished %} to {{ report.finished }}{% endif %}, playbook `{{ report.playbook or '?' }}`
{%- if run.id %}, run {{ run.id }}{% endif %}
{%- if run.awx_job %}, AWX job {{ run.awx_job }}{% endif %}

- {{ mode }}
- Hosts: {{ report.hosts | join(', ') or '-' }}
{% if drifted %}

## Summary

| host | kind | object | fields drifted |
| --- | --- | --- | --- |
{% for obj in drifted %}
| {{ obj.host | cell }} | {{ obj.kind | cell }} | [{{ obj.name | cell }}](#{{ obj.anchor }}) | {{ obj.what | cell }} |
{% endfor %}

**What next:** {{ next_steps.converge }}{% if next_steps.command %} `{{ next_steps.command }}`{% endif %}. {{ next_steps.keep }}
{% endif %}
{% if failures %}

## The run failed

{{ failure_intro }}

{% for failure in failures %}
- {{ failure.task }} on {{ failure.host }}: {{ failure.error | cell }}
{% endfor %}
{% endif %}
{% if errors %}

## Errors

{% for obj in errors %}
- {{ obj.title }} (task {{ obj.task }}): {{ obj.error | cell }}
{% endfor %}
{% endif %}
{% for obj in drifted %}

## {{ obj.title }}
<a id="{{ obj.anchor }}"></a>

Task: {{ obj.task }} (`{{ obj.module }}`)

{% for row in obj.rows %}
{% if row.line %}
{{ row.line }}
{% else %}
{% if loop.first %}
| field | in the tenant | declared |
| --- | --- | --- |
{% endif %}
| {{ row.field | cell }} | {{ row.live | cell }} | {{ row.declared | cell }} |
{% endif %}
{% endfor %}
{% endfor %}
{% if unmanaged %}

## Not managed by the declaration

What the tenant holds of a declared kind that the declaration does not mention.

| host | kind | object |
| --- | --- | --- |
{% for entry in unmanaged %}
| {{ entry.host | cell }} | {{ entry.kind | cell }} | {{ entry.name | cell }} |
{% endfor %}
{% endif %}
{% if in_sync %}

## In sync

{% for obj in in_sync %}
- {{ obj.title }}
{% endfor %}
{% endif %}
"""

HTML = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CXone drift report: {{ headline }}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
h1 { margin-bottom: .2em; }
.meta { color: #555; margin-top: 0; }
.status { font-size: 1.3em; padding: .6em 1em; border-radius: .3em; }
.status.drifted { background: #fdecea; color: #8a1c12; }
.status.clean { background: #e7f5ea; color: #1d6b2f; }
table { border-collapse: collapse; margin: .5em 0 1.5em; width: 100%; }
th, td { border: 1px solid #ccc; padding: .35em .6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.field { font-family: ui-monospace, monospace; white-space: nowrap; }
td.live { background: #fff4f2; }
td.declared { background: #f2fbf4; }
.next { background: #f4f7fd; border-left: .3em solid #3a65b5; padding: .6em 1em; }
.next code { background: #e6ebf5; padding: .1em .3em; }
section.object { border-top: 1px solid #ddd; margin-top: 1.5em; }
.line { font-style: italic; }
</style>
</head>
<body>
<h1>CXone drift report</h1>
<p class="meta">Run {{ report.generated }}{% if report.finished %} to {{ report.finished }}{% endif %}
&middot; playbook {{ report.playbook or '?' }}{% if run.id %} &middot; run {{ run.id }}{% endif %}
{%- if run.awx_job %} &middot; AWX job {{ run.awx_job }}{% endif %}
&middot; {{ mode }} &middot; hosts: {{ report.hosts | join(', ') or '-' }}</p>
<p class="status {{ 'drifted' if drifted or errors or failures else 'clean' }}">{{ headline }}</p>
{% if failures %}
<h2>The run failed</h2>
<p>{{ failure_intro }}</p>
<ul id="failures">
{% for failure in failures %}
<li><strong>{{ failure.task }}</strong> on {{ failure.host }}: {{ failure.error }}</li>
{% endfor %}
</ul>
{% endif %}
{% if drifted %}
<h2>Summary</h2>
<table id="summary">
<thead><tr><th>host</th><th>kind</th><th>object</th><th>fields drifted</th></tr></thead>
<tbody>
{% for obj in drifted %}
<tr><td>{{ obj.host }}</td><td>{{ obj.kind }}</td><td><a href="#{{ obj.anchor }}">{{ obj.name }}</a></td><td>{{ obj.what }}</td></tr>
{% endfor %}
</tbody>
</table>
<div class="next">
<p><strong>What next.</strong> {{ next_steps.converge }}{% if next_steps.command %}: <code>{{ next_steps.command }}</code>{% endif %}.</p>
<p>{{ next_steps.keep }}</p>
</div>
{% endif %}
{% if errors %}
<h2>Errors</h2>
<ul id="errors">
{% for obj in errors %}
<li><strong>{{ obj.title }}</strong> (task {{ obj.task }}): {{ obj.error }}</li>
{% endfor %}
</ul>
{% endif %}
{% for obj in drifted %}
<section class="object" id="{{ obj.anchor }}">
<h2>{{ obj.title }}</h2>
<p class="meta">Task: {{ obj.task }} ({{ obj.module }})</p>
{% set rows = obj.rows | rejectattr('line') | list %}
{% for row in obj.rows | selectattr('line') %}
<p class="line">{{ row.line }}</p>
{% endfor %}
{% if rows %}
<table class="changes">
<thead><tr><th>field</th><th>in the tenant</th><th>declared</th></tr></thead>
<tbody>
{% for row in rows %}
<tr><td class="field">{{ row.field }}</td><td class="live">{{ row.live }}</td><td class="declared">{{ row.declared }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
</section>
{% endfor %}
{% if unmanaged %}
<h2>Not managed by the declaration</h2>
<p>What the tenant holds of a declared kind that the declaration does not mention.</p>
<table id="unmanaged">
<thead><tr><th>host</th><th>kind</th><th>object</th></tr></thead>
<tbody>
{% for entry in unmanaged %}
<tr><td>{{ entry.host }}</td><td>{{ entry.kind }}</td><td>{{ entry.name }}</td></tr>
{% endfor %}
</tbody>
</table>
{% endif %}
{% if in_sync %}
<details id="in-sync">
<summary>{{ in_sync | length }} object(s) in sync</summary>
<ul>
{% for obj in in_sync %}
<li>{{ obj.title }}</li>
{% endfor %}
</ul>
</details>
{% endif %}
</body>
</html>
"""


def _cell(value):
    """A Markdown table cell: no line breaks, ``|`` escaped."""
    return str(value).replace("|", "\\|").replace("\n", " ")


def _page_data(report):
    many_hosts = len(report["hosts"]) > 1
    summary = report["summary"]

    def view(obj, index):
        title = obj["label"] + (" (%s)" % obj["host"] if many_hosts else "")
        return dict(obj, title=title, anchor="object-%d" % index, rows=change_rows(obj), what=drift_line(obj))

    objects = [view(obj, index) for index, obj in enumerate(report["objects"], 1)]
    verb = "drifted from the declaration" if report["check_mode"] else "changed by this run"
    headline = "%d of %d objects %s" % (summary["drifted"], summary["objects"], verb)
    failures = report.get("failures") or []
    unread = sorted({f["host"] for f in failures if f.get("kind") == "connection"})
    if unread and not summary["objects"]:
        headline = ("Not checked: the tenant could not be read on %s. Fix the connection settings (below) and "
                    "run the check again" % ", ".join(unread))
    elif failures:
        headline = "The run failed: %d of %d objects %s before it stopped" % (
            summary["drifted"], summary["objects"], verb)
    elif not summary["objects"]:
        headline += " (nothing was checked)"
    if summary["errors"]:
        headline += ", %d error(s)" % summary["errors"]
    if summary.get("unmanaged"):
        headline += ", %d not managed" % summary["unmanaged"]
    mode = ("check mode: nothing was written to the tenant" if report["check_mode"]
            else "NOT a check run: the changes were applied")
    return {
        "report": report,
        "run": report.get("run") or {},
        "failures": failures,
        "unread": unread,
        "failure_intro": ("The tenant could not be read on %s: nothing was compared. What the connection answered:"
                          % ", ".join(unread)) if unread
        else "The check did not finish: what follows covers only what it reached.",
        "headline": headline,
        "mode": mode,
        "drifted": [o for o in objects if o["status"] == "drifted"],
        "errors": [o for o in objects if o["status"] == "error"],
        "in_sync": [o for o in objects if o["status"] == "in_sync"],
        "unmanaged": report.get("unmanaged") or [],
        "next_steps": report.get("next_steps") or {},
    }


def _environment(autoescape):
    env = Environment(autoescape=autoescape, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["cell"] = _cell
    return env


def render_markdown(report):
    return _environment(False).from_string(MARKDOWN).render(**_page_data(report))


def render_html(report):
    return _environment(True).from_string(HTML).render(**_page_data(report))
