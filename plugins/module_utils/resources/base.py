# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The two kinds of resource, as base classes.

A resource says what the user declares (its options, their model and validation),
the rules that hold whatever API stores it, how a state is shown and what an export
writes. How an API stores it is the surface's store (``surfaces/base.py``), which a
resource gets from ``ctx.surface``. Planning never has side effects: ``desired``,
``check`` and ``show`` read (through the directory and the store) but never write.

States are dicts in "option space": the modules' snake_case option names, references
to other objects held as ids. ``None`` in a desired state means "not managed".
"""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._validation import mask_url, pick, validate


class ObjectResource:
    """One kind of named object, managed one at a time (``ObjectReconciler``)."""

    kind = ""           # as shown in messages; also the surface's store key
    module = ""         # the module that manages it
    result_key = ""     # key of the end state in the module result
    options = ()        # the module's options that make up the object's state
    model = None        # pydantic model of those options
    set_fields = ()     # lists compared as sets
    hidden_fields = ()  # shown masked in diffs (they may hold a secret)
    export_fields = ()  # what an export writes of a shown object, in order ((): not exported)

    def store(self, ctx):
        return ctx.surface.store(self.kind)

    def refuse_unsupported(self, ctx, params, prefix=""):
        """Options set in ``params`` that the chosen surface lacks fail before any request."""
        ctx.surface.unsupported(self.kind).refuse(params, prefix + "." if prefix else "")

    def desired(self, ctx, params, prefix=""):
        """The validated option-space state the task declares, references resolved.
        ``prefix`` names where the options sit in the task (``queues[2]``) in messages."""
        self.refuse_unsupported(ctx, params, prefix)
        return validate(self.model, pick(params, self.options), prefix).model_dump()

    def normalize(self, state):
        """The state in canonical order, so check mode, the real run and the info module agree."""
        return state

    def check(self, ctx, state, current):
        """Rules that span the whole object or other objects; raise InputError.
        ``current`` is the Record the state will be written over (None: a create)."""

    def show(self, ctx, state):
        """The state as a person reads it (ids of other objects shown by name)."""
        return state

    def in_diff(self, shown):
        """A shown state as a diff prints it: hidden fields (URLs that may carry a secret in
        their query or password) masked. The returned object keeps them as they are."""
        return dict(shown, **{key: mask_url(shown[key]) for key in self.hidden_fields if shown.get(key)})

    def check_name_free(self, ctx, state, current):
        """A rename onto a name another object has is refused before any write."""
        if current is None or current.name.casefold() == state["name"].casefold():
            return
        taken = [rec for rec in self.store(ctx).named(ctx, state["name"]) if rec.id != current.id]
        if taken:
            raise InputError("name: another %s is named %r (id %s)" % (self.kind, taken[0].name, taken[0].id))

    def list_shown(self, ctx, name=None):
        """Every object (or the one named), shown as option-space dicts with their id."""
        store = self.store(ctx)
        records = store.named(ctx, name) if name else store.everything(ctx)
        shown = [dict(self.show(ctx, rec.state), id=rec.id) for rec in records]
        return sorted(shown, key=lambda item: (item["name"].casefold(), str(item["id"])))

    def export(self, ctx):
        """What an export writes: every object, sorted by name."""
        return [self.exported(ctx, shown) for shown in self.list_shown(ctx)]

    def exported(self, ctx, shown):
        """What an export writes of one shown object: its export fields, nulls left out."""
        return without_nulls({key: shown[key] for key in exported_fields(ctx, self) if key in shown})


def exported_fields(ctx, resource):
    """The export fields of ``resource`` that the API surface has: an export never writes an
    option that applying it on the same surface would refuse."""
    refused = ctx.surface.unsupported(resource.kind).options
    return tuple(key for key in resource.export_fields if key not in refused)


class ItemSet:
    """A keyed set of items reconciled in one task (``SetReconciler``): a queue's members,
    wrap-up codes by name, users' skill sets. The resource side says what the task
    declares and how items are shown; the surface's item store reads and writes them."""

    kind = ""
    key_name = ""      # how one key is named in ``failures``
    result_key = ""    # the module result's key of the items after the task
    set_fields = ()
    # The key that names an entry of ``show_all``'s list, when the diff should hold only the
    # entries that change (a task over thousands of items); None: the whole list.
    diff_entry_key = None

    def __init__(self, ctx):
        self.store = ctx.surface.store(self.kind)

    @property
    def defaults(self):
        return self.store.defaults

    @property
    def read_after_write(self):
        return self.store.read_after_write

    def rule_for(self, key, state, exclusive):
        """``(state, exclusive)`` that applies to ``key``: the task's, unless the item set
        declares some of its keys with rules of their own."""
        return state, exclusive

    def read(self, ctx):
        return self.store.read(ctx, self)

    def write(self, ctx, actions):
        return self.store.write(ctx, self, actions)

    def show_key(self, ctx, key):
        raise NotImplementedError

    def show_all(self, ctx, items):
        raise NotImplementedError

    def describe(self, ctx):
        raise NotImplementedError


def without_nulls(value):
    """``value`` without dict entries whose value is None (at any depth)."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def require_list(value, option, hint=""):
    """InputError when a list option is given empty: the task would do nothing."""
    if not value:
        raise InputError("%s: the list is empty, so the task would do nothing%s" % (option, hint))
