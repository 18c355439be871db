# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one reconcile cycle every module uses:

find -> compare the options the user set -> plan -> (check mode stops here) ->
apply -> report the state the server now holds.

States here are dicts in "option space": the modules' snake_case option names,
references held as server ids. ``None`` in a desired state means "not managed".
The reconciler never speaks HTTP; resource types (``_resources``) do.
"""

from __future__ import annotations

import copy
import json

from ansible_collections.cxone.cxone.plugins.module_utils._errors import (
    APIError,
    CXoneError,
    ConflictError,
    ForbiddenError,
    InputError,
    TransportError,
)

# Reads and plans again after a conflict or a write whose outcome is unknown.
MAX_ATTEMPTS = 4


def _canonical(value):
    return json.dumps(value, sort_keys=True, default=str)


def differences(desired, current, set_fields=(), prefix=""):
    """Dotted paths of the options in ``desired`` whose value differs in ``current``.

    Options whose desired value is None are not managed and never differ. Lists named
    in ``set_fields`` are compared without regard to order.
    """
    current = current if isinstance(current, dict) else {}
    changed = []
    for key, want in desired.items():
        if want is None:
            continue
        path = prefix + key
        have = current.get(key)
        if isinstance(want, dict):
            changed.extend(differences(want, have, set_fields, path + "."))
        elif isinstance(want, list) and path in set_fields:
            if sorted(map(_canonical, want)) != sorted(map(_canonical, have or [])):
                changed.append(path)
        elif want != have:
            changed.append(path)
    return changed


def merge(current, desired, nested_defaults=None):
    """``current`` with every managed value of ``desired`` laid over it (deep for dicts).

    A dict option that is unset now (None) starts from ``nested_defaults[key]``: the
    values the API gives a new one.
    """
    nested_defaults = nested_defaults or {}
    result = copy.deepcopy(current) if current else {}
    for key, want in desired.items():
        if want is None:
            continue
        if isinstance(want, dict):
            base = result.get(key)
            if base is None:
                base = nested_defaults.get(key, {})
            result[key] = merge(base, want)
        else:
            result[key] = copy.deepcopy(want)
    return result


def outcome_unknown(exc):
    """True when a failed write may or may not have happened, or lost a race:
    read again and plan again rather than give up or repeat it blindly."""
    if isinstance(exc, ConflictError):
        return True
    return bool(getattr(exc, "maybe_applied", False))


def reconcile_object(ctx, rtype):
    """The whole run of a module that manages one object of ``rtype``."""
    ident = {"id": ctx.params.get("id"), "name": ctx.params.get("name")}
    reconciler = ObjectReconciler(ctx, rtype)
    if ctx.params["state"] == "absent":
        return reconciler.absent(ident)
    return reconciler.present(ident, rtype.desired(ctx, ctx.params))


class NotApplied(CXoneError):
    """A write of one object failed and did not happen (or its outcome was settled as not
    happened): the message names the object and what was not done; the API's status and
    code stay in the result."""

    def __init__(self, kind, ident, done, cause):
        super().__init__("%s %r was not %s: %s" % (kind, ident.get("name") or ident.get("id"), done, cause))
        self.details = {k: v for k, v in (("status", getattr(cause, "status", None)),
                                          ("code", getattr(cause, "code", None))) if v is not None}


class ObjectReconciler:
    """Present/absent for one named object of a resource type."""

    def __init__(self, ctx, rtype):
        self.ctx = ctx
        self.rtype = rtype

    def present(self, ident, desired):
        rtype = self.rtype
        before_api = rtype.find(self.ctx, ident)
        if before_api is None and ident.get("id"):
            raise InputError("id: no %s has the id %r (leave id out to create one by name)" % (rtype.kind, ident["id"]))
        current_api = before_api
        last_error = None
        for _attempt in range(MAX_ATTEMPTS):
            current = rtype.from_api(current_api) if current_api else None
            if current is not None and not ident.get("id"):
                # Found by name (case-insensitively): keep the tenant's spelling, rename only by id.
                desired = dict(desired, name=None)
            if current is not None and not differences(desired, current, rtype.set_fields):
                return self._result(before_api, current_api)
            if current is None:
                target = merge(rtype.defaults, desired, rtype.nested_defaults)
            else:
                target = merge(current, desired, rtype.nested_defaults)
            target = rtype.normalize(target)
            rtype.check_name_free(self.ctx, target, current_api)
            rtype.check(self.ctx, target, current_api)
            if self.ctx.check_mode:
                return self._result(before_api, current_api, predicted=target)
            try:
                if current_api is None:
                    written = rtype.create(self.ctx, target)
                else:
                    written = rtype.update(self.ctx, current_api, target)
            except (APIError, TransportError) as exc:
                if not outcome_unknown(exc):
                    raise NotApplied(rtype.kind, ident, "created" if current_api is None else "updated", exc) from None
                last_error = exc
                current_api = rtype.find(self.ctx, ident, fresh=True)
                continue
            return self._result(before_api, written)
        name = ident.get("name") or ident.get("id")
        raise CXoneError("%s %r was not %s: gave up after %d attempts; the object kept changing under this task "
                         "or writes kept failing (last error: %s). Run the task again."
                         % (rtype.kind, name, "created" if current_api is None else "updated", MAX_ATTEMPTS,
                            last_error))

    def absent(self, ident):
        current_api = self.rtype.find(self.ctx, ident)
        if current_api is None:
            return self._result(None, None)
        if self.ctx.check_mode:
            return self._result(current_api, current_api, predicted={})
        try:
            self.rtype.delete(self.ctx, current_api)
        except (APIError, TransportError) as exc:
            raise NotApplied(self.rtype.kind, ident, "deleted", exc) from None
        return self._result(current_api, None)

    def _result(self, before_api, after_api, predicted=None):
        """Module result. ``predicted`` (check mode) replaces the after state; {} = deleted."""
        rtype = self.rtype
        before = rtype.show(self.ctx, rtype.from_api(before_api)) if before_api else {}
        if predicted is not None:
            after = rtype.show(self.ctx, predicted) if predicted else {}
            object_id = before_api.get("id") if (before_api and predicted) else None
        else:
            after = rtype.show(self.ctx, rtype.from_api(after_api)) if after_api else {}
            object_id = after_api.get("id") if after_api else None
        result = {"changed": before != after}
        if after:
            result[rtype.result_key] = dict(after, id=object_id)
        else:
            result[rtype.result_key] = {}
        if self.ctx.diff_mode:
            result["diff"] = {"before": before, "after": after}
        return result


def run_operations(client, operations, use_batch=True):
    """Apply independent write operations ``[{method, path, body, label}]``.

    Several go through the batch endpoint, 50 a request; one, or a client without
    the ``batch:write`` scope, goes call by call. Returns ``(applied, failed)``:
    the labels that were applied, and ``(label, message, retryable)`` for the rest.
    """
    if use_batch and len(operations) > 1:
        try:
            return _run_batched(client, operations)
        except ForbiddenError:
            pass  # no batch:write scope: the same work, one call each
    applied, failed = [], []
    for op in operations:
        try:
            client.request(op["method"], op["path"], json=op.get("body"))
            applied.append(op["label"])
        except (APIError, TransportError) as exc:
            if op["method"] == "DELETE" and getattr(exc, "status", None) == 404:
                applied.append(op["label"])  # already gone
                continue
            failed.append((op["label"], str(exc), _retryable(exc)))
    return applied, failed


def _run_batched(client, operations):
    applied, failed = [], []
    chunk_size = 50
    for start in range(0, len(operations), chunk_size):
        chunk = operations[start:start + chunk_size]
        try:
            results = client.batch(chunk)
        except ForbiddenError:
            if start == 0:
                raise
            results = None
            error = "batch request refused"
        except (APIError, TransportError) as exc:
            results = None
            error = str(exc)
        if results is None:
            failed.extend((op["label"], error, True) for op in chunk)
            continue
        for op, res in zip(chunk, results):
            status = res.get("status") or 0
            if status < 300 or (op["method"] == "DELETE" and status == 404):
                applied.append(op["label"])
            else:
                err = res.get("error") or res.get("body") or {}
                code = err.get("code") if isinstance(err, dict) else None
                text = err.get("description") if isinstance(err, dict) else str(err)
                message = "%s %s: HTTP %s %s: %s" % (op["method"], op["path"], status, code or "", text or "")
                failed.append((op["label"], message, status in (409, 429) or status >= 500))
    return applied, failed


def _retryable(exc):
    status = getattr(exc, "status", None)
    return outcome_unknown(exc) or status == 429 or (status is not None and status >= 500) \
        or isinstance(exc, TransportError)


class PartialFailure(CXoneError):
    """Some of a task's planned changes were applied and some were not."""

    def __init__(self, message, details):
        super().__init__(message)
        self.details = details


class SetReconciler:
    """Reconcile a keyed set of items in one task (a queue's members, users' skills).

    The item set type reads the current items as ``{key: item}``, turns one planned
    action into an API operation, and shows keys and items. Every attempt reads,
    plans from what it read, and applies; so an operation whose outcome was lost is
    never repeated blindly, and a rerun finishes what a failed run left.
    """

    def __init__(self, ctx, items):
        self.ctx = ctx
        self.items = items

    def plan(self, current, desired, state, exclusive):
        """[(action, key, new item)] that takes ``current`` to what the task asks."""
        actions = []
        if state == "absent":
            return [("remove", key, None) for key in desired if key in current]
        for key, want in desired.items():
            have = current.get(key)
            if have is None:
                actions.append(("add", key, merge(self.items.defaults, want)))
            elif differences(want, have, self.items.set_fields):
                actions.append(("update", key, merge(have, want)))
        if exclusive:
            actions.extend(("remove", key, None) for key in current if key not in desired)
        return actions

    def run(self, desired, state="present", exclusive=False):
        before = self.items.read(self.ctx)
        current = before
        failed = []
        for _attempt in range(MAX_ATTEMPTS):
            actions = self.plan(current, desired, state, exclusive)
            if not actions:
                break
            if self.ctx.check_mode:
                current = _applied(current, actions)
                break
            operations = [dict(self.items.operation(action, key, item), label=(action, key))
                          for action, key, item in actions]
            applied, failed = run_operations(self.ctx.client, operations, self.items.use_batch)
            if failed or self.items.read_after_write:
                try:
                    current = self.items.read(self.ctx)
                except (APIError, TransportError) as exc:
                    if failed:
                        raise self._unconfirmed(before, current, actions, applied, failed, exc) from None
                    current = _applied(current, actions)  # every write reported success
            else:
                # Every operation was applied, and the item set says an item is what was
                # written: the read would show the plan applied (as check mode predicts).
                current = _applied(current, actions)
            if not all(entry[2] for entry in failed):
                break
        result = self._result(before, current)
        still_open = [] if self.ctx.check_mode else self.plan(current, desired, state, exclusive)
        if still_open:
            raise self._partial_failure(result, still_open, failed)
        return result

    def _unconfirmed(self, before, current, actions, applied, failed, read_error):
        """The error when the items cannot be read again after writes that partly failed:
        what the writes themselves reported as applied and not applied."""
        done = set(applied)
        result = self._result(before, _applied(current, [a for a in actions if (a[0], a[1]) in done]))
        still_open = [a for a in actions if (a[0], a[1]) not in done]
        note = " Reading them again after the writes failed too (%s): the applied ones are as the writes reported." % read_error
        return self._partial_failure(result, still_open, failed, note)

    def _partial_failure(self, result, still_open, failed, note=""):
        """The error for a run that left changes undone: what was and was not applied."""
        show = self.items.show_key
        # Not "failed": fail_json would overwrite that key with True.
        result["failures"] = [
            {"action": label[0], self.items.key_name: show(self.ctx, label[1]), "error": message}
            for label, message, _retryable in failed
        ]
        pending = _first(["%s %s" % (action, show(self.ctx, key)) for action, key, _item in still_open])
        done = "; ".join("%s: %s" % (what, _first(list(result[what])) or "none") for what in ("added", "updated", "removed"))
        errors = _first(list(dict.fromkeys(entry["error"] for entry in result["failures"])), 5, "; ") or "none"
        message = ("%s: %d change(s) not applied (%s). Applied: %s. Errors: %s.%s Run the task again to finish."
                   % (self.items.describe(self.ctx), len(still_open), pending, done, errors, note))
        return PartialFailure(message, {k: v for k, v in result.items() if k != "changed"})

    def _result(self, before, after):
        def show_key(key):
            return self.items.show_key(self.ctx, key)

        result = {
            "added": sorted(show_key(k) for k in after if k not in before),
            "updated": sorted(show_key(k) for k in after if k in before and after[k] != before[k]),
            "removed": sorted(show_key(k) for k in before if k not in after),
        }
        result["changed"] = any(result[k] for k in ("added", "updated", "removed"))
        result[self.items.result_key] = self.items.show_all(self.ctx, after)
        if self.ctx.diff_mode:
            result["diff"] = {
                "before": {self.items.result_key: self.items.show_all(self.ctx, before)},
                "after": {self.items.result_key: result[self.items.result_key]},
            }
        return result


def _first(texts, limit=10, sep=", "):
    """The first ``limit`` of ``texts`` joined, and how many more (a message stays readable for
    2,000 changes; the result's lists and ``failures`` hold them all)."""
    shown = sep.join(texts[:limit])
    return shown + (" and %d more" % (len(texts) - limit) if len(texts) > limit else "")


def _applied(current, actions):
    """What ``current`` becomes once ``actions`` are applied (check mode's prediction)."""
    predicted = dict(current)
    for action, key, item in actions:
        if action == "remove":
            predicted.pop(key, None)
        else:
            predicted[key] = item
    return predicted
