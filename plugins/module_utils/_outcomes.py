# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What became of the operations a task sent: one Outcome each (``Client.send_all``, the admin
surface's array-bodied writes), a Failure for each one an item set reports, and the one
chunking of the collection."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import worth_another_attempt


class Failure:
    """One planned change that was not applied: its ``label`` (the item set's ``(action, key)``),
    the ``message`` a person reads, and whether planning again from a fresh read may succeed."""

    __slots__ = ("label", "message", "retryable")

    def __init__(self, label, message, retryable):
        self.label = label
        self.message = message
        self.retryable = retryable


class Outcome:
    """What became of one operation sent by ``Client.send_all``."""

    __slots__ = ("ok", "body", "error")

    def __init__(self, ok, body=None, error=None):
        self.ok = ok
        self.body = body
        self.error = error  # a CXoneError when not ok

    @property
    def retryable(self):
        """Whether planning again from a fresh read may succeed where this failed."""
        return not self.ok and (getattr(self.error, "batch_level", False) or worth_another_attempt(self.error))

    def failure(self, label):
        """How an item set reports this failed operation."""
        return Failure(label, str(self.error), self.retryable)


def whole_request_failed(exc):
    """The Outcome of each operation of a request (a batch, an array-bodied write) that failed
    as a whole: worth another attempt, after a read shows whether it was applied."""
    exc.batch_level = True
    return Outcome(False, error=exc)


def chunks(items, size):
    """``(start, items[start:start + size])`` over ``items``: the one chunking of the collection."""
    for start in range(0, len(items), size):
        yield start, items[start:start + size]


def module_result(ctx, changed, diff=None, **shown):
    """Every module's result, one shape: ``changed``, what it shows under its own keys, and,
    when the task runs with --diff, ``diff`` from ``(before, after)``."""
    result = {"changed": bool(changed)}
    result.update(shown)
    if diff is not None and ctx.diff_mode:
        result["diff"] = {"before": diff[0], "after": diff[1]}
    return result


def read_result(**shown):
    """The result of a module that only reads: never changed."""
    return dict(shown, changed=False)


def changes_result(ctx, added, updated, removed, diff=None, **shown):
    """The result of a task over several objects or items: what it added, updated and removed
    (changed when any of them), and what it shows."""
    return module_result(ctx, any((added, updated, removed)), diff, added=added, updated=updated, removed=removed,
                         **shown)
