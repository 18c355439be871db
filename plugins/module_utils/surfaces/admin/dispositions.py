# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Wrap-up codes as CXone dispositions (``/dispositions``), one at a time or several by name."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WRAPUP_CODE
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import created_id, segment
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.common import AdminObjectStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import ItemStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import Field, FieldMap, flag, text

RESULT_KEYS = ("dispositionResults", "results")
# A created code's id in its result. Without one, the read after the write finds the new code
# by name and the next attempt writes what the create could not take.
RESULT_ID_KEYS = ("dispositionId", "id")


class DispositionStore(AdminObjectStore):
    """Wrap-up codes as dispositions. ``available`` is ``isActive``; state=absent deactivates.
    Disposition names may repeat: a name that matches two is refused, naming both ids."""

    kind = "wrap-up code"

    path, directory_kind, id_field, name_field = "/dispositions", "wrap-up code", "dispositionId", "dispositionName"
    wrapper = "disposition"
    active_field = "isActive"
    unique_names = False
    FIELDS = FieldMap({
        "name": "dispositionName",
        "available": Field("isActive", read=flag, missing=True, default=True, create=False),  # a create takes no isActive
        "preview": Field("isPreviewDisposition", read=flag, default=False),
        "notes": Field("notes", read=text, default="", create=False),  # not in the create's schema: a PUT after
    }, create_extra={"classificationId": 1})

    def absent_as(self, state):
        return dict(state, available=False)  # CXone deletes no disposition: it is deactivated

    def create(self, ctx, state):
        body, later = self.FIELDS.create_body(state)
        outcome = ctx.client.write_items("POST", self.path, "dispositions", [body], RESULT_KEYS)[0]
        if not outcome.ok:
            raise outcome.error
        disposition_id = self.created(ctx, outcome.body, RESULT_ID_KEYS, state["name"])
        if later:
            self.put(ctx, disposition_id, later)
        return self.read_back(ctx, disposition_id)


class DispositionSetStore(ItemStore):
    """Several codes by name: listed once; new ones created in array-bodied POSTs, changed
    ones updated one PUT each (the API has no batch update), each read back."""

    kind = "wrap-up codes"

    read_after_write = True

    def removed_item(self, item):
        return dict(item, available=False)  # CXone deletes no disposition: it is deactivated

    def __init__(self):
        self.codes = DispositionStore(WRAPUP_CODE)  # the mapping of one code
        self.defaults = self.codes.defaults
        self.found = {}  # case-folded name -> the Record last read: what a write updates

    def read(self, ctx, items):
        ctx.directory.forget("wrap-up code")
        found = {}
        for rec in self.codes.everything(ctx):
            key = rec.name.casefold()
            if key in items.spelling:
                if key in found:
                    raise InputError("codes: %d wrap-up codes are named %r (ids %s, %s): rename one in CXone"
                                     % (2, rec.name, found[key].id, rec.id))
                found[key] = rec
        self.found = found
        return {key: {k: v for k, v in rec.state.items() if k != "name"} for key, rec in found.items()}

    def write(self, ctx, items, actions):
        applied, failed = [], []
        fields = self.codes.FIELDS
        adds = [(action, key, item) for action, key, item in actions if action == "add"]
        if adds:
            created = [fields.create_body(dict(item, name=items.spelling[key])) for _a, key, item in adds]
            outcomes = ctx.client.write_items("POST", self.codes.path, "dispositions", [body for body, _l in created],
                                              RESULT_KEYS)
            for (action, key, _item), (_body, later), outcome in zip(adds, created, outcomes):
                if not outcome.ok:
                    failed.append(outcome.failure((action, key)))
                elif later and created_id(outcome.body, RESULT_ID_KEYS) is not None:
                    self._put(ctx, created_id(outcome.body, RESULT_ID_KEYS), later, (action, key), applied, failed)
                else:
                    applied.append((action, key))
        for action, key, item in actions:
            if action == "add":
                continue
            found = self.found[key]
            if action == "remove":
                body = {"isActive": False}
            else:
                body = fields.changes(found.state, dict(item, name=found.name))
            self._put(ctx, found.id, body, (action, key), applied, failed)
        return applied, failed

    @staticmethod
    def _put(ctx, disposition_id, body, label, applied, failed):
        outcome = ctx.client.send_all([{"method": "PUT", "path": "/dispositions/%s" % segment(disposition_id),
                                        "body": body}])[0]
        if outcome.ok:
            applied.append(label)
        else:
            failed.append(outcome.failure(label))
