# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an API surface provides, as base classes. A surface is everything that
depends on one API: its client (login, paging, errors, batching), and for each
resource a store that maps the resource's option-space state to and from the API's
payload and knows the calls that read and write it.

- ``ObjectStore``: one kind of named object (queues, wrap-up codes, schedules, webhooks).
- ``ItemStore``: a keyed set of items written together (members, codes, skill sets).
- ``Surface``: the client class, the connection options, the directory kinds and the
  stores, by resource kind. ``_surfaces.py`` registers each surface by name.

Resources (``resources/``) and the reconcilers only use these methods: they never see
a path or an API field name.
"""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils.resources.registry import ITEM_KINDS, RESOURCES
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import refused_options


class Record:
    """One object as read: its id and name, its state in option space, and the raw API
    object (only its store looks inside)."""

    __slots__ = ("id", "name", "state", "raw")

    def __init__(self, object_id, name, state, raw):
        self.id = object_id
        self.name = name
        self.state = state
        self.raw = raw


class Unsupported:
    """Options a surface does not have for a resource: ``{option: what the API offers instead}``."""

    def __init__(self, surface_name, options=None):
        self.surface_name = surface_name
        self.options = dict(options or {})

    def refuse(self, params, prefix=""):
        """InputError naming every option set in ``params`` that this surface lacks; an option
        ``list[].key`` is a key of the items of the list option ``list``."""
        found = []
        for option, offer in self.options.items():
            if "[]." in option:
                list_option, key = option.split("[].", 1)
                items = params.get(list_option)
                where = ["%s[%d].%s" % (list_option, index, key) for index, item in enumerate(items or [])
                         if isinstance(items, list) and isinstance(item, dict) and item.get(key) is not None]
            else:
                where = [option] if params.get(option) is not None else []
            found.extend("%s%s: not available with api=%s: %s" % (prefix, name, self.surface_name, offer)
                         for name in where)
        if found:
            raise InputError("; ".join(found))

    def has(self, option):
        """Whether this surface has ``option`` (``list[].key`` for a key of a list's items)."""
        return option not in self.options


class ObjectStore:
    """How a surface keeps one kind of named object. ``resource`` is the resource it stores
    (its ``normalize`` puts every state read in the canonical order)."""

    defaults = {}         # option-space values of a new object, as this API defaults them
    nested_defaults = {}  # values of a dict option that is unset now, when the task sets part of it
    FIELDS = None         # the field map (surfaces/fields.py): mapping and defaults derive from it
    NESTED = ()           # the dict options of nested_defaults

    def __init__(self, resource):
        self.resource = resource
        if self.FIELDS is not None:
            self.defaults = self.FIELDS.defaults()
            if self.NESTED:
                self.nested_defaults = self.FIELDS.nested_defaults(*self.NESTED)

    # -- mapping (the surface's own)

    def from_api(self, raw):
        return self.FIELDS.from_api(raw)

    def to_api(self, state):
        return self.FIELDS.to_api(state)

    def id_of(self, raw):
        raise NotImplementedError

    def name_of(self, raw):
        raise NotImplementedError

    def record(self, raw):
        if raw is None:
            return None
        return Record(self.id_of(raw), self.name_of(raw), self.resource.normalize(self.from_api(raw)), raw)

    # -- calls (the surface's own)

    def everything(self, ctx, fresh=False):
        """Every object, as Records."""
        raise NotImplementedError

    def named(self, ctx, name, fresh=False):
        """The objects called ``name`` (compared case-insensitively), as Records."""
        wanted = name.casefold()
        return [rec for rec in self.everything(ctx, fresh) if rec.name.casefold() == wanted]

    def by_id(self, ctx, object_id):
        """The object with that id, or None."""
        raise NotImplementedError

    def find(self, ctx, ident, fresh=False):
        """The Record ``ident`` (``{id, name}``) names, or None."""
        if ident.get("id"):
            return self.by_id(ctx, ident["id"])
        found = self.named(ctx, ident["name"], fresh)
        return found[0] if found else None

    def input_problems(self, state):
        """Rules of this API on a declared state alone, checked before any request (one line each)."""
        return []

    def check(self, ctx, state, current):
        """Rules of this API for writing ``state`` over ``current`` (None: a create); raise InputError."""

    def inactive(self, record):
        """True for an object this API keeps deactivated instead of deleting it (state=absent)."""
        return False

    def absent_as(self, state):
        """The state that state=absent leaves when this API switches objects off instead of
        deleting them through one of their options; None: absent deletes (or deactivates)."""
        return None

    def create(self, ctx, state):
        """Create the object; the Record as the API answered."""
        raise NotImplementedError

    def update(self, ctx, current, state):
        """Write ``state`` over ``current`` (a Record); the Record as the API answered."""
        raise NotImplementedError

    def delete(self, ctx, current):
        raise NotImplementedError


class ItemStore:
    """How a surface keeps a keyed set of items (a queue's members, codes, users' skill sets)."""

    defaults = {}
    keeps = ()  # the item options (and task options) of its kind this API has; the others are refused
    # False only when an item is exactly what was written: once every write succeeded,
    # the items are known without reading them back.
    read_after_write = True

    def read(self, ctx, items):
        """``{key: item}`` (option space) of what ``items`` (the resource's item set) covers."""
        raise NotImplementedError

    def removed_item(self, item):
        """What removing ``item`` leaves when this API switches items off instead of deleting
        them (None: the item is gone)."""
        return None

    def operation(self, items, action, key, item):
        """The API call ``{method, path, body}`` of one planned action on ``items``."""
        raise NotImplementedError

    def write(self, ctx, items, actions):
        """Apply ``[(action, key, item)]``: ``(applied [(action, key)], failed [((action, key), message, retryable)])``."""
        operations = [self.operation(items, action, key, item) for action, key, item in actions]
        applied, failed = [], []
        for (action, key, _item), outcome in zip(actions, ctx.client.send_all(operations)):
            if outcome.ok:
                applied.append((action, key))
            else:
                failed.append(outcome.failure((action, key)))
        return applied, failed


class Surface:
    """One API surface: its name, its client, and its stores by resource kind.

    ``stores``: the surface's store classes, each naming its ``kind``. An object store's field
    map says which options of the kind's resource (``resources/registry.py``) the API keeps:
    every other option is refused, with ``reason(kind, option)``; an item store names the item
    options it keeps (``keeps``), and the others of its kind (``ITEM_KINDS``) are refused the
    same way. ``missing_reasons``:
    why the surface has no store for a kind (any other kind without one gets a general reason)."""

    name = ""
    stores = ()
    missing_reasons = {}

    def __init__(self):
        self._classes = {store_class.kind: store_class for store_class in self.stores}
        self._stores = {}

    def client(self, params, warn):
        """The surface's client, built from the module's connection options."""
        raise NotImplementedError

    def directory_kinds(self):
        """``{kind: DirectoryKind}`` of the objects tasks refer to by name."""
        raise NotImplementedError

    def reason(self, kind, option):
        """What the API offers instead of ``option`` of ``kind``, which no store map keeps."""
        raise NotImplementedError

    def store(self, kind, **scope):
        """The store of resource ``kind`` (``scope``: e.g. the campaign of schedules), built once."""
        reason = self.missing(kind)
        if reason:
            raise InputError(reason)
        key = (kind,) + tuple(sorted(scope.items()))
        if key not in self._stores:
            store_class = self._classes[kind]
            if issubclass(store_class, ObjectStore):
                resource = RESOURCES[kind]
                self._stores[key] = store_class(resource(**scope), **scope) if scope else store_class(resource)
            else:
                self._stores[key] = store_class()
        return self._stores[key]

    def unsupported(self, kind):
        """The ``Unsupported`` options of resource ``kind`` on this surface."""
        store_class = self._classes.get(kind)
        if store_class is not None and getattr(store_class, "FIELDS", None) is not None:
            refused = refused_options(RESOURCES[kind], store_class.FIELDS)
            return Unsupported(self.name, {option: self.reason(kind, option) for option in refused})
        if store_class is not None and kind in ITEM_KINDS:
            refused = ITEM_KINDS[kind].refused(store_class.keeps)
            return Unsupported(self.name, {option: self.reason(kind, option) for option in refused})
        return Unsupported(self.name, {})

    def missing(self, kind):
        """Why this surface does not manage resource ``kind`` ('' when it does)."""
        if kind in self._classes:
            return ""
        return self.missing_reasons.get(kind, "api=%s does not manage %s objects" % (self.name, kind))

    def same_facts(self, kind):
        """The kind that holds the very facts of resource ``kind`` on this surface ('' when
        none): an export writes them once, so a declaration never states one fact twice."""
        return ""


class DirectoryKind:
    """How a surface lists one kind of referenced object, and turns a listed object into a
    directory entry: ``{"id", "name", ... "raw"}`` with the fields a reference may match."""

    def __init__(self, lister, entry, fields, shared=False):
        self.lister = lister    # client -> [raw objects]
        self.entry = entry      # raw -> {"id": ..., field: value, ...}
        self.fields = fields    # the entry fields a reference may match after the id, in order;
        # the first one is also how an object is shown (users by email: names repeat)
        # shared: the listing (without raw objects) serves the next tasks of the run for
        # lookups; only for kinds the collection never writes (users)
        self.shared = shared
