# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Wrap-up codes (``cxone_wrapup_code``): one code by name or id, or several codes by
name in one task (``codes``), read once and written together."""

from __future__ import annotations

from typing import Literal, Optional

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import SetReconciler, reconcile_object
from ansible_collections.cxone.cxone.plugins.module_utils._validation import Field, Options, option_names, validate
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import ItemSet, ObjectResource, require_list

ROUTING_TYPES = ("ROUTED", "MANUAL")
WRAP_UP_TYPES = ("CALL", "CHAT", "EMAIL", "ALL")


class WrapupCodeOptions(Options):
    name: Optional[str] = Field(None, min_length=1)
    available: Optional[bool] = None
    routing_type: Optional[Literal[ROUTING_TYPES]] = None
    wrap_up_type: Optional[Literal[WRAP_UP_TYPES]] = None
    preview: Optional[bool] = None
    notes: Optional[str] = None


class WrapupCodeResource(ObjectResource):
    kind = "wrap-up code"
    module = "cxone_wrapup_code"
    result_key = "wrapup_code"
    options = option_names(WrapupCodeOptions)
    model = WrapupCodeOptions
    export_fields = options


WRAPUP_CODE = WrapupCodeResource()


class WrapupCodeSet(ItemSet):
    """The wrap-up codes a task lists, keyed by their case-folded name. Codes the task does
    not list are never touched or shown."""

    kind = "wrap-up codes"
    key_name = "code"
    result_key = "wrapup_codes"
    diff_entry_key = "name"  # the diff: codes that change

    def __init__(self, ctx):
        super().__init__(ctx)
        self.spelling = {}  # key -> the name as the task gives it (used to create the code)
        self.states = {}    # key -> the entry's own state, when it gives one

    def rule_for(self, key, state, exclusive):
        return self.states.get(key, state), exclusive

    def desired(self, ctx, codes, shared):
        """``{key: options}`` from the ``codes`` option; ``shared`` (the task's own options) fills
        what an entry leaves unset. The name is the key, compared case-insensitively: not an
        option to compare (an existing code keeps the tenant's spelling)."""
        wanted = {}
        for index, entry in enumerate(codes):
            where = "codes[%d]" % index
            merged = {name: shared.get(name) if entry.get(name) is None else entry[name]
                      for name in WRAPUP_CODE.options}
            if entry.get("state"):
                self.states[merged["name"].casefold()] = entry["state"]
            ctx.surface.unsupported(WRAPUP_CODE.kind).refuse(merged, where + ".")
            opts = validate(WrapupCodeOptions, merged, where).model_dump()
            key = opts["name"].casefold()
            if key in wanted:
                raise InputError("%s.name: %r is listed more than once" % (where, entry["name"]))
            self.spelling[key] = opts.pop("name")
            wanted[key] = opts
        return wanted

    def show_key(self, ctx, key):
        found = self.store.found.get(key)  # what the store last read: the tenant's spelling
        return found.name if found else self.spelling[key]

    def show_all(self, ctx, items):
        # Without ids: those of new codes are not known without reading again (check mode
        # could not show them at all), and the diff stays the same in check mode and for real.
        shown = [dict(item, name=self.show_key(ctx, key)) for key, item in items.items()]
        return sorted(shown, key=lambda code: code["name"].casefold())

    def describe(self, ctx):
        return "wrap-up codes"


def reconcile(ctx):
    """The whole run of ``cxone_wrapup_code``: one code (``name``/``id``) or several (``codes``)."""
    codes = ctx.params["codes"]
    if codes is None:
        return reconcile_object(ctx, WRAPUP_CODE)
    require_list(codes, "codes")
    items = WrapupCodeSet(ctx)
    return SetReconciler(ctx, items).run(items.desired(ctx, codes, ctx.params), ctx.params["state"])
