# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every admin store shares: the base of the stores of named objects (listed once per
task through the directory, read by id, updated with only the fields that differ and read
back, deactivated where CXone deletes nothing) and the small readers of CXone's answers.

No version locking exists on CXone: every store reads right before planning, sends only the
fields that differ (updates are partial), and reads the object back after writing."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError, CXoneError, InputError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import created_id, segment
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ObjectStore

WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


def read_one(ctx, path, object_id, key):
    """One object by id (``path`` % id), or None when there is none: a 404, or a 400 for an
    id that is not an integer."""
    try:
        return one(ctx.client.get_or_none(path % segment(object_id)), key)
    except APIError as exc:
        if exc.status == 400:
            return None
        raise


def one(body, key):
    """A single object as read: flat, under its singular key, or alone in its list key."""
    if isinstance(body, dict) and isinstance(body.get(key + "s"), list) and len(body[key + "s"]) == 1:
        return body[key + "s"][0]
    if isinstance(body, dict) and isinstance(body.get(key), dict):
        return body[key]
    return body


def hms(value):
    """A time of day as ``HH:MM:SS`` (the API may answer ``HH:MM``)."""
    text = str(value or "")
    return text + ":00" if len(text) == 5 else text


class AdminObjectStore(ObjectStore):
    """Named objects at ``path`` (``path/{id}`` for one), listed by the directory kind
    ``directory_kind``. ``id_field``/``name_field`` name them; a single object is read under
    ``wrapper``; an update is a PUT of the fields that differ (under ``put_wrapper`` when the
    API wants one). ``active_field``: the field state=absent sets false (CXone deletes
    nothing of this kind); None: DELETE deletes. ``unique_names``: False when names may
    repeat (a name matching two objects is refused, naming both ids)."""

    path = ""
    directory_kind = ""
    id_field = "id"
    name_field = "name"
    wrapper = ""
    put_wrapper = None
    active_field = None
    unique_names = True

    def id_of(self, raw):
        return raw[self.id_field]

    def name_of(self, raw):
        return raw[self.name_field]

    def everything(self, ctx, fresh=False):
        if fresh:
            ctx.directory.forget(self.directory_kind)
        return [self._listed(ctx, entry["raw"]) for entry in ctx.directory.all(self.directory_kind)]

    def _listed(self, ctx, raw):
        """A listed object as a Record; read whole when the list answer lacks a field it is
        expected to carry (nothing is planned from a field the tenant did not send)."""
        if self.FIELDS.carried_by(raw):
            return self.record(raw)
        return self.by_id(ctx, self.id_of(raw)) or self.record(raw)

    def named(self, ctx, name, fresh=False):
        if fresh:
            ctx.directory.forget(self.directory_kind)
        wanted = name.casefold()
        return [self._listed(ctx, entry["raw"]) for entry in ctx.directory.all(self.directory_kind)
                if str(self.name_of(entry["raw"])).casefold() == wanted]

    def created(self, ctx, answer, id_keys, name):
        """The id of what a create made: from its answer (any of ``id_keys``: sources spell it
        differently, and NICE's generated client shows none for some creates), else found by
        name in a fresh list."""
        object_id = created_id(answer, id_keys)
        if object_id is not None:
            return object_id
        found = self.named(ctx, name, fresh=True)
        if len(found) != 1:
            raise CXoneError("%s %r: the create answered success without an id, and a fresh list shows %d %ss of "
                             "that name; check the tenant (the create may or may not have been applied)"
                             % (self.resource.kind, name, len(found), self.resource.kind))
        return found[0].id

    def by_id(self, ctx, object_id):
        return self.record(read_one(ctx, self.path + "/%s", object_id, self.wrapper))

    def find(self, ctx, ident, fresh=False):
        if ident.get("id"):
            return self.by_id(ctx, ident["id"])
        found = self.named(ctx, ident["name"], fresh)
        if len(found) > 1 and not self.unique_names:
            raise InputError("name: %d %ss are named %r (ids %s): give the id"
                             % (len(found), self.resource.kind, ident["name"], ", ".join(str(r.id) for r in found)))
        if found and self.FIELDS.unlisted():
            return self.by_id(ctx, found[0].id)  # the list does not carry every field: read it whole
        return found[0] if found else None

    def put(self, ctx, object_id, fields):
        body = {self.put_wrapper: fields} if self.put_wrapper else fields
        ctx.client.request("PUT", "%s/%s" % (self.path, segment(object_id)), json=body)

    def read_back(self, ctx, object_id):
        """The object as the tenant now holds it, also in the task's directory."""
        record = self.by_id(ctx, object_id)
        ctx.directory.put(self.directory_kind, record.raw)
        return record

    def update(self, ctx, current, state):
        changed = self.FIELDS.changes(current.state, state)
        if changed:
            self.put(ctx, current.id, changed)
        return self.read_back(ctx, current.id)

    def delete(self, ctx, current):
        if self.active_field is None:
            ctx.client.request("DELETE", "%s/%s" % (self.path, segment(current.id)))
            return
        self.put(ctx, current.id, {self.active_field: False})
        ctx.directory.put(self.directory_kind, dict(current.raw, **{self.active_field: False}))
