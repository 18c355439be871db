# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Entries of a desired-state section without those of some queues, the names compared as
the API compares them (case-insensitively)."""

from __future__ import annotations

DOCUMENTATION = r"""
name: without_queues
short_description: Leave out the entries of some queues
version_added: 0.3.0
author:
  - cxone.cxone developers (@cxone-ansible)
description:
  - Returns the entries (dicts with a C(queue) key, such as C(cxone_queue_members)) whose queue is
    not one of O(queues), comparing names case-insensitively as the API does.
  - C(playbooks/tasks/desired_state.yml) uses it in check mode to leave out the members of
    queues that are still to be created (the queue itself already reports the drift).
options:
  _input:
    description: The entries.
    type: list
    elements: dict
    required: true
  queues:
    description: The queue names to leave out.
    type: list
    elements: str
    required: true
  key:
    description:
      - The key of an entry that holds the queue name, for example V(name) for campaign schedules on
        the real CXone API (a schedule is the dialing hours of an outbound skill, which is a queue).
    type: str
    default: queue
    version_added: 0.3.0
"""

EXAMPLES = r"""
- name: Members of every queue but the new one
  ansible.builtin.debug:
    msg: "{{ cxone_queue_members | cxone.cxone.without_queues(['Escalations']) }}"
"""

RETURN = r"""
_value:
  description: The entries whose C(queue) is not among O(queues), in their order.
  type: list
  elements: dict
"""


def without_queues(entries, queues, key="queue"):
    left_out = {str(name).casefold() for name in queues or []}
    return [entry for entry in entries or [] if str(entry.get(key, "")).casefold() not in left_out]


class FilterModule:
    """cxone.cxone desired-state filters."""

    def filters(self):
        return {"without_queues": without_queues}
