# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# Benchmark-only stdout callback: one JSON line with, per task, how many module
# runs it made (loop items), their outcome, and its wall time; then the recap.

from __future__ import annotations

DOCUMENTATION = r"""
name: cxone_bench
type: stdout
short_description: One JSON line per playbook with task timings and counts (benchmarks only)
description:
  - Used by benchmarks/bench.py; not shipped.
"""

import json
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "stdout"
    CALLBACK_NAME = "cxone_bench"

    def __init__(self):
        super().__init__()
        self.tasks = []
        self.current = None
        self.started = None

    def _close_task(self):
        if self.current is not None:
            self.current["seconds"] = round(time.monotonic() - self.current.pop("_t0"), 3)
            self.tasks.append(self.current)
            self.current = None

    def v2_playbook_on_play_start(self, play):
        if self.started is None:
            self.started = time.monotonic()

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close_task()
        self.current = {"name": task.get_name(), "action": task.action, "runs": 0, "ok": 0,
                        "changed": 0, "failed": 0, "skipped": 0, "messages": [], "_t0": time.monotonic()}

    v2_playbook_on_handler_task_start = v2_playbook_on_task_start

    def _count(self, result, status):
        if self.current is None:
            return
        data = result._result
        if status == "skipped":
            self.current["skipped"] += 1
            return
        self.current["runs"] += 1
        self.current[status] += 1
        if data.get("changed"):
            self.current["changed"] += 1
        message = data.get("msg")
        if message and (status == "failed" or self.current["action"].endswith("debug")):
            self.current["messages"].append(str(message)[:500])

    def _whole(self, result, status):
        # A looped task reports each item, then the task as a whole: count the items only.
        if "results" in result._result:
            return
        self._count(result, status)

    def v2_runner_on_ok(self, result):
        self._whole(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._whole(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._whole(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._whole(result, "failed")

    def v2_runner_item_on_ok(self, result):
        self._count(result, "ok")

    def v2_runner_item_on_failed(self, result):
        self._count(result, "failed")

    def v2_runner_item_on_skipped(self, result):
        self._count(result, "skipped")

    def v2_playbook_on_stats(self, stats):
        self._close_task()
        totals = {h: stats.summarize(h) for h in sorted(stats.processed.keys())}
        play_seconds = round(time.monotonic() - self.started, 3) if self.started else None
        self._display.display(json.dumps({"bench": {"tasks": self.tasks, "recap": totals,
                                                    "play_seconds": play_seconds}}))
