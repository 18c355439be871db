# -*- coding: utf-8 -*-
# Test-only stdout callback: one JSON document with every task result, so tests
# can assert on changed/failed/diff without parsing human output.

from __future__ import annotations

DOCUMENTATION = r"""
name: cxone_test_json
type: stdout
short_description: Print every task result as one JSON document (tests only)
description:
  - Used by the collection's test suite; not shipped.
"""

import json

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "stdout"
    CALLBACK_NAME = "cxone_test_json"

    def __init__(self):
        super().__init__()
        self.tasks = []

    def _record(self, result, status):
        data = dict(result._result)
        self.tasks.append({
            "name": result._task.get_name(),
            "action": result._task.action,
            "host": result._host.get_name(),
            "status": status,
            "changed": bool(data.get("changed")),
            "failed": status == "failed",
            "result": data,
        })

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")

    def v2_playbook_on_stats(self, stats):
        totals = {h: stats.summarize(h) for h in sorted(stats.processed.keys())}
        self._display.display(json.dumps({"tasks": self.tasks, "stats": totals}, default=str))
