# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a desired-state run added, changed and removed, per kind, from its registered results."""

from __future__ import annotations

DOCUMENTATION = r"""
name: converge_summary
short_description: What a desired-state run added, changed and removed, per kind
version_added: 0.4.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Returns one line per kind of object that a run of C(playbooks/desired_state.yml) (or, in check mode,
    C(drift_check.yml)) touched, for example
    the line for queue members that counts and names the added, changed and removed members.
    A converge of an exclusive list removes what it does not list, so the removed
    are named too.
  - Reads the C(added), C(updated) and C(removed) lists of the cxone modules' results; a loop's results
    (one object each) count as changed.
options:
  _input:
    description: The registered results by kind, a dict of a kind's name and the result registered for it.
    type: dict
    required: true
  check:
    description: Word the lines for a check-mode run (C(would add)).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Say what the run did
  ansible.builtin.debug:
    msg: "{{ {'queues': cxone_queue_results, 'wrap-up codes': cxone_wrapup_code_results}
             | cxone.cxone.converge_summary(check=ansible_check_mode) }}"
"""

RETURN = r"""
_value:
  description: One line per kind that has something added, changed or removed; C([]) when nothing changed.
  type: list
  elements: str
"""

SHOWN = 5  # names shown per list; the rest are counted


def _names(items):
    names = [str(item) for item in items]
    text = ", ".join(names[:SHOWN])
    return text + (" and %d more" % (len(names) - SHOWN) if len(names) > SHOWN else "")


def _tally(result):
    """``(added, changed, removed)`` name lists of one registered result (a loop's: summed)."""
    added, changed, removed = [], [], []
    if not isinstance(result, dict) or result.get("skipped"):
        return added, changed, removed
    if isinstance(result.get("results"), list):
        for item in result["results"]:
            sub = _tally(item)
            if not any(sub) and isinstance(item, dict) and item.get("changed"):
                label = item.get("item", {}).get("name") if isinstance(item.get("item"), dict) else item.get("item")
                sub = ([], [label or "(unnamed)"], [])
            added, changed, removed = added + sub[0], changed + sub[1], removed + sub[2]
        return added, changed, removed
    return list(result.get("added") or []), list(result.get("updated") or []), list(result.get("removed") or [])


def converge_summary(results, check=False):
    verbs = ("would add", "would change", "would remove") if check else ("added", "changed", "removed")
    lines = []
    for kind, result in (results or {}).items():
        added, changed, removed = _tally(result)
        if not (added or changed or removed):
            continue
        parts = []
        for verb, names in zip(verbs, (added, changed, removed)):
            parts.append("%d %s%s" % (len(names), verb, " (%s)" % _names(names) if names else ""))
        lines.append("%s: %s" % (kind, ", ".join(parts)))
    return lines


class FilterModule:
    """cxone.cxone desired-state filters."""

    def filters(self):
        return {"converge_summary": converge_summary}
