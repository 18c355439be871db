# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one reconcile cycle every module uses:

find -> compare the options the user set -> plan -> (check mode stops here) ->
apply -> report the state the server now holds.

States here are dicts in "option space": the modules' snake_case option names,
references held as server ids. ``None`` in a desired state means "not managed".
The reconciler never speaks HTTP: resources (``resources/``) say what a state is,
the surface's stores (``surfaces/``) read and write it, and the client sends the calls.
"""

from __future__ import annotations

import copy
import json

from ansible_collections.cxone.cxone.plugins.module_utils._errors import (
    APIError,
    CXoneError,
    InputError,
    TransportError,
    outcome_unknown,
)
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import changes_result, module_result

# Reads and plans again after a conflict or a write whose outcome is unknown.
MAX_ATTEMPTS = 4


def canonical(value):
    """``value`` as text that is equal for equal values (dict keys sorted)."""
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
            if sorted(map(canonical, want)) != sorted(map(canonical, have or [])):
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


def keep_current_order(desired, current, set_fields):
    """``desired`` with each set-like list that equals the current one (as a set) replaced by
    the current list: a write made for another field does not reorder it."""
    desired = dict(desired)
    for path in set_fields:
        head, _dot, rest = path.partition(".")
        want, have = desired.get(head), (current or {}).get(head)
        if want is None or have is None:
            continue
        if rest:
            if isinstance(want, dict) and isinstance(have, dict):
                desired[head] = keep_current_order(want, have, (rest,))
        elif sorted(map(canonical, want)) == sorted(map(canonical, have)):
            desired[head] = have
    return desired


def reconcile_object(ctx, resource):
    """The whole run of a module that manages one object of ``resource``."""
    ident = {"id": ctx.params.get("id"), "name": ctx.params.get("name")}
    reconciler = ObjectReconciler(ctx, resource)
    if ctx.params["state"] == "absent":
        resource.refuse_unsupported(ctx, ctx.params)
        return reconciler.absent(ident).result
    return reconciler.present(ident, resource.desired(ctx, ctx.params)).result


class NotApplied(CXoneError):
    """A write of one object failed and did not happen (or its outcome was settled as not
    happened): the message names the object and what was not done; the API's status and
    code stay in the result."""

    def __init__(self, kind, ident, done, cause):
        super().__init__("%s %r was not %s: %s" % (kind, ident.get("name") or ident.get("id"), done, cause))
        self.details = {k: v for k, v in (("status", getattr(cause, "status", None)),
                                          ("code", getattr(cause, "code", None))) if v is not None}


class Reconciled:
    """What reconciling one object did: the module ``result``, and the object as shown
    ``before`` and ``after`` (what a list of objects reports per object)."""

    __slots__ = ("result", "before", "after", "wrote")

    def __init__(self, result, before, after, wrote=False):
        self.result = result
        self.before = before
        self.after = after
        self.wrote = wrote  # a write was sent (changed, whatever the read-back shows)


class ObjectReconciler:
    """Present/absent for one named object of a resource: each returns a Reconciled."""

    def __init__(self, ctx, resource):
        self.ctx = ctx
        self.resource = resource
        self.store = resource.store(ctx)

    def present(self, ident, desired):
        resource, store = self.resource, self.store
        before = store.find(self.ctx, ident)
        if before is None and ident.get("id"):
            raise InputError("id: no %s has the id %r (leave id out to create one by name)"
                             % (resource.kind, ident["id"]))
        current = before
        last_error = None
        for _attempt in range(MAX_ATTEMPTS):
            if current is not None and not ident.get("id"):
                # Found by name (case-insensitively): keep the tenant's spelling, rename only by id.
                desired = dict(desired, name=None)
            # An object the API keeps deactivated (state=absent there) is made active again.
            reactivate = current is not None and store.inactive(current)
            if current is not None and not reactivate and not differences(desired, current.state, resource.set_fields):
                return self._result(before, current)
            if current is None:
                target = merge(store.defaults, desired, store.nested_defaults)
            else:
                target = merge(current.state, keep_current_order(desired, current.state, resource.set_fields),
                               store.nested_defaults)
            if reactivate:
                target["active"] = True
            target = resource.normalize(target)
            resource.check_name_free(self.ctx, target, current)
            resource.check(self.ctx, target, current)
            store.check(self.ctx, target, current)
            if self.ctx.check_mode:
                return self._result(before, current, predicted=target)
            try:
                if current is None:
                    written = store.create(self.ctx, target)
                else:
                    written = store.update(self.ctx, current, target)
            except (APIError, TransportError) as exc:
                if not outcome_unknown(exc):
                    raise NotApplied(resource.kind, ident, "created" if current is None else "updated", exc) from None
                last_error = exc
                current = store.find(self.ctx, ident, fresh=True)
                continue
            return self._result(before, written, wrote=desired)
        name = ident.get("name") or ident.get("id")
        raise CXoneError("%s %r was not %s: gave up after %d attempts; the object kept changing under this task "
                         "or writes kept failing (last error: %s). Run the task again."
                         % (resource.kind, name, "created" if current is None else "updated", MAX_ATTEMPTS,
                            last_error))

    def absent(self, ident):
        current = self.store.find(self.ctx, ident)
        if current is None or self.store.inactive(current):
            return self._result(None, None)
        left = self.store.absent_as(current.state)
        if left is not None:  # switched off through one of its options, not deleted
            if left == current.state:
                return self._result(current, current)
            if self.ctx.check_mode:
                return self._result(current, current, predicted=left)
            try:
                return self._result(current, self.store.update(self.ctx, current, left), wrote=left)
            except (APIError, TransportError) as exc:
                raise NotApplied(self.resource.kind, ident, "switched off", exc) from None
        if self.ctx.check_mode:
            return self._result(current, current, predicted={})
        try:
            self.store.delete(self.ctx, current)
        except (APIError, TransportError) as exc:
            raise NotApplied(self.resource.kind, ident, "deleted", exc) from None
        return self._result(current, None, wrote={})

    def _result(self, before, after, predicted=None, wrote=None):
        """Module result from Records. ``predicted`` (check mode) replaces the after state; {} = deleted.
        ``wrote``: the state a write was sent for; the task changed, and what the tenant did not
        keep of it is said."""
        resource = self.resource
        shown_before = resource.show(self.ctx, before.state) if before else {}
        if predicted is not None:
            shown_after = resource.show(self.ctx, predicted) if predicted else {}
            object_id = before.id if (before and predicted) else None
        else:
            shown_after = resource.show(self.ctx, after.state) if after else {}
            object_id = after.id if after else None
        result = module_result(self.ctx, shown_before != shown_after or wrote is not None,
                               (resource.in_diff(shown_before), resource.in_diff(shown_after)),
                               **{resource.result_key: dict(shown_after, id=object_id) if shown_after else {}})
        if wrote and after is not None:
            lost = differences(wrote, after.state, resource.set_fields)
            if lost:
                result["warnings"] = ["%s %r: the tenant did not keep %s after the write (it reads back otherwise); "
                                      "the next run will write it again: please report this with the tenant "
                                      "check's report" % (resource.kind, after.name, ", ".join(lost))]
        return Reconciled(result, shown_before, shown_after, wrote is not None)


class PartialFailure(CXoneError):
    """Some of a task's planned changes were applied and some were not."""

    def __init__(self, message, details):
        super().__init__(message)
        self.details = details


class ObjectListReconciler:
    """Several named objects in one task (``queues``, ``schedules``): each is reconciled as
    ObjectReconciler does, in the order given, from listings read once for all of them.

    A step is ``(resource, ident, desired, label)``: ``desired`` is a callable that returns
    the desired state when the step's turn comes (so a reference to an object an earlier
    step created resolves), or None for state=absent. The first step that fails stops the
    task, which then names what was and was not applied."""

    def __init__(self, ctx, list_key):
        self.ctx = ctx
        self.list_key = list_key

    def run(self, steps):
        done = []  # (label, resource, Reconciled) of each object, in order
        for index, (resource, ident, desired, label) in enumerate(steps):
            reconciler = ObjectReconciler(self.ctx, resource)
            try:
                if desired is None:
                    outcome = reconciler.absent(ident)
                else:
                    outcome = reconciler.present(ident, desired())
            except CXoneError as exc:
                raise self._failure(done, steps[index:], label, exc) from None
            done.append((label, resource, outcome))
        return self._result(done)

    def _result(self, done):
        changing = [(res, o.before, o.after) for _l, res, o in done if o.before != o.after]
        result = changes_result(
            self.ctx,
            [label for label, _r, o in done if o.after and not o.before],
            [label for label, _r, o in done if o.before and o.after and (o.before != o.after or o.wrote)],
            [label for label, _r, o in done if o.before and not o.after],
            # the diff: only the objects that change (the result lists them all)
            ({self.list_key: [res.in_diff(before) for res, before, _a in changing if before]},
             {self.list_key: [res.in_diff(after) for res, _b, after in changing if after]}),
            **{self.list_key: [o.result[res.result_key] for _l, res, o in done if o.result[res.result_key]]})
        lost = [message for _l, _r, o in done for message in o.result.get("warnings") or []]
        if lost:
            result["warnings"] = lost
        return result

    def _failure(self, done, remaining, label, exc):
        result = self._result(done)
        applied = "; ".join("%s: %s" % (what, _first(result[what]) or "none") for what in ("added", "updated", "removed"))
        pending = _first([step[3] for step in remaining])
        message = ("%s: %s. Not applied: %s. Applied: %s. Run the task again to finish."
                   % (self.list_key, str(exc).rstrip("."), pending, applied))
        details = {k: v for k, v in result.items() if k not in ("changed", "warnings")}
        details["failures"] = [{"name": label, "error": str(exc)}]
        details.update(getattr(exc, "details", None) or {})
        return PartialFailure(message, details)


class SetReconciler:
    """Reconcile a keyed set of items in one task (a queue's members, users' skills).

    The item set (``resources.base.ItemSet``) reads the current items as ``{key: item}``,
    writes planned actions, and shows keys and items. Every attempt reads,
    plans from what it read, and applies; so an operation whose outcome was lost is
    never repeated blindly, and a rerun finishes what a failed run left.
    """

    def __init__(self, ctx, items):
        self.ctx = ctx
        self.items = items

    def plan(self, current, desired, state, exclusive):
        """[(action, key, new item)] that takes ``current`` to what the task asks.

        ``state`` and ``exclusive`` are the task's; an item set may give some keys rules of
        their own (``rule_for``: one queue of several declared absent, say)."""
        actions = []
        rule = self.items.rule_for

        def remove(key, have):
            left = self.items.store.removed_item(have)
            if left is None:
                return [("remove", key, None)]
            return [("update", key, left)] if left != have else []  # switched off, not deleted

        for key, want in desired.items():
            have = current.get(key)
            if rule(key, state, exclusive)[0] == "absent":
                if have is not None:
                    actions.extend(remove(key, have))
            elif have is None:
                actions.append(("add", key, merge(self.items.defaults, want)))
            elif differences(want, have, self.items.set_fields):
                actions.append(("update", key, merge(have, want)))
        for key, have in current.items():
            if key not in desired and rule(key, state, exclusive) == ("present", True):
                actions.extend(remove(key, have))
        return actions

    def run(self, desired, state="present", exclusive=False):
        before = self.items.read(self.ctx)
        current = before
        failed = []
        note = ""
        for _attempt in range(MAX_ATTEMPTS):
            actions = self.plan(current, desired, state, exclusive)
            if not actions:
                break
            if self.ctx.check_mode:
                current = _applied(current, actions)
                break
            applied, failed = self.items.write(self.ctx, actions)
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
            if not all(failure.retryable for failure in failed):
                break
            if not failed and self.plan(current, desired, state, exclusive) == actions:
                # Sending the same writes again would be answered the same way.
                note = (" The tenant answered success for every write but reads them back unchanged (it did not "
                        "keep them): please report this with the tenant check's report.")
                break
        result = self._result(before, current)
        still_open = [] if self.ctx.check_mode else self.plan(current, desired, state, exclusive)
        if still_open:
            raise self._partial_failure(result, still_open, failed, note)
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
            {"action": failure.label[0], self.items.key_name: show(self.ctx, failure.label[1]), "error": failure.message}
            for failure in failed
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

        shown_after = self.items.show_all(self.ctx, after)
        diff = None
        if self.ctx.diff_mode:
            shown_before = self.items.show_all(self.ctx, before)
            changing = (shown_before, shown_after)
            if self.items.diff_entry_key:
                changing = only_changing(shown_before, shown_after, self.items.diff_entry_key)
            diff = ({self.items.result_key: changing[0]}, {self.items.result_key: changing[1]})
        return changes_result(self.ctx,
                              sorted(show_key(k) for k in after if k not in before),
                              sorted(show_key(k) for k in after if k in before and after[k] != before[k]),
                              sorted(show_key(k) for k in before if k not in after),
                              diff, **{self.items.result_key: shown_after})


def only_changing(before, after, key):
    """The entries of two lists (named by ``key``) that differ between them: what a diff of
    thousands of entries needs to show (the result lists them all)."""
    old = {entry[key]: entry for entry in before}
    new = {entry[key]: entry for entry in after}
    return ([entry for entry in before if new.get(entry[key]) != entry],
            [entry for entry in after if old.get(entry[key]) != entry])


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
