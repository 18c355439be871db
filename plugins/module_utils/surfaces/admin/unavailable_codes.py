# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unavailable codes (``/unavailable-codes``): the reasons an agent is Unavailable."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.common import AdminObjectStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import Field, FieldMap, flag, text


class UnavailableCodeStore(AdminObjectStore):
    """``active`` is ``isActive``, ``acw`` is ``isACW``, ``agent_timeout`` is ``agentTimeout``
    (seconds). No DELETE: state=absent deactivates. The list does not carry ``notes``: a code a
    task manages is read whole. Names are unique; the name is required in every PUT."""

    kind = "unavailable code"

    path, directory_kind = "/unavailable-codes", "unavailable code"
    wrapper = "unavailableCode"
    active_field = "isActive"
    FIELDS = FieldMap({
        "name": Field("name", always=True),
        "active": Field("isActive", read=flag, missing=True, default=True, create=False),  # a create takes no isActive
        "acw": Field("isACW", read=flag, default=False),
        "agent_timeout": Field("agentTimeout", default=None, create="if_set"),
        "notes": Field("notes", write=text, default="", listed=False),
    })

    def absent_as(self, state):
        return dict(state, active=False)  # CXone deletes no unavailable code: it is deactivated

    def create(self, ctx, state):
        body, later = self.FIELDS.create_body(state)
        # A create whose answer was lost is found by name before any second one (names are unique).
        answer = ctx.client.request("POST", self.path, json=body, idempotent=False).body
        code_id = self.created(ctx, answer, ("id", "unavailableCodeId"), state["name"])
        if later:
            self.put(ctx, code_id, later)
        return self.read_back(ctx, code_id)
