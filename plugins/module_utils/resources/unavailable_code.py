# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unavailable codes (``cxone_unavailable_code``): the reasons an agent is Unavailable on
CXone (break, lunch, training, after-call work). One code by name or id, or several in
one task (``codes``), listed once."""

from __future__ import annotations

from typing import Optional

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import ObjectListReconciler, reconcile_object
from ansible_collections.cxone.cxone.plugins.module_utils._validation import Field, Options, field_validator, option_names
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import ObjectResource, require_list


TIMEOUT_MINUTES = (30, 720)  # NICE's help for unavailable codes


class UnavailableCodeOptions(Options):
    name: Optional[str] = Field(None, min_length=1, max_length=25)
    active: Optional[bool] = None
    acw: Optional[bool] = None
    agent_timeout: Optional[int] = None
    notes: Optional[str] = None

    @field_validator("agent_timeout")
    @classmethod
    def _minutes(cls, value):
        # NICE's help: "between 30-720 minutes"; the team read names it agentTimeoutMins.
        if value is not None and not TIMEOUT_MINUTES[0] <= value <= TIMEOUT_MINUTES[1]:
            hint = (" (0.3 took seconds: %d s is %d minutes)" % (value, value // 60)
                    if value > TIMEOUT_MINUTES[1] and value % 60 == 0 else "")
            raise ValueError("%d is not %d-%d minutes: CXone counts an unavailable code's timeout in minutes%s"
                             % (value, TIMEOUT_MINUTES[0], TIMEOUT_MINUTES[1], hint))
        return value


class UnavailableCodeResource(ObjectResource):
    kind = "unavailable code"
    module = "cxone_unavailable_code"
    result_key = "unavailable_code"
    options = option_names(UnavailableCodeOptions)
    model = UnavailableCodeOptions
    export_fields = options


UNAVAILABLE_CODE = UnavailableCodeResource()


def reconcile(ctx):
    """The whole run: one code (``name``/``id``) or several (``codes``, each with its own state)."""
    entries = ctx.params["codes"]
    if entries is None:
        return reconcile_object(ctx, UNAVAILABLE_CODE)
    require_list(entries, "codes")
    seen, steps = {}, []
    for index, entry in enumerate(entries):  # every problem before the first request
        where = "codes[%d]" % index
        key = str(entry.get("name") or "").casefold()
        if key in seen:
            raise InputError("%s.name: %r is listed more than once (codes[%d])" % (where, entry["name"], seen[key]))
        seen[key] = index
        state = entry.get("state") or ctx.params["state"]
        if state == "absent":
            UNAVAILABLE_CODE.refuse_unsupported(ctx, entry, where)
            steps.append((UNAVAILABLE_CODE, {"name": entry["name"]}, None, entry["name"]))
        else:
            desired = UNAVAILABLE_CODE.desired(ctx, dict({k: ctx.params[k] for k in UNAVAILABLE_CODE.options
                                                          if k != "name" and entry.get(k) is None}, **entry), where)
            steps.append((UNAVAILABLE_CODE, {"name": entry["name"]}, lambda state=desired: state, entry["name"]))
    return ObjectListReconciler(ctx, "codes").run(steps)


def read(ctx, name=None):
    """The info module's codes: every one as listed, or the one named, read whole."""
    if name is None:
        return UNAVAILABLE_CODE.list_shown(ctx)
    found = UNAVAILABLE_CODE.store(ctx).find(ctx, {"name": name})
    return [dict(UNAVAILABLE_CODE.show(ctx, found.state), id=found.id)] if found else []
