# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Webhooks (``cxone_webhook``): identified by name, the URL checked and masked in diffs
(its query values and password may be secrets)."""

from __future__ import annotations

from typing import List, Optional
from urllib.parse import urlsplit

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._reconcile import reconcile_object
from ansible_collections.cxone.cxone.plugins.module_utils._validation import (
    Field,
    Options,
    field_validator,
    mask_url,
    option_names,
    repeated,
)
from ansible_collections.cxone.cxone.plugins.module_utils.resources.base import ObjectResource


class WebhookOptions(Options):
    name: Optional[str] = Field(None, min_length=1, max_length=255)
    url: Optional[str] = None
    events: Optional[List[str]] = Field(None, min_length=1)
    enabled: Optional[bool] = None

    @field_validator("url")
    @classmethod
    def _url(cls, value):
        if value is None:
            return value
        problem = None
        try:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                problem = "is not an absolute http or https URL"
            elif any(ch.isspace() for ch in value):
                problem = "contains white space"
            elif len(value) > 2048:
                problem = "is longer than 2048 characters"
        except ValueError as exc:
            problem = "is not a URL (%s)" % exc
        if problem:
            raise ValueError("%r %s" % (mask_url(value), problem))
        return value

    @field_validator("events")
    @classmethod
    def _events(cls, value):
        if value is None:
            return value
        blank = [index for index, event in enumerate(value) if not event.strip()]
        if blank:
            raise ValueError("event names must not be empty (entry %s)" % ", ".join(map(str, blank)))
        twice = repeated(value)
        if twice:
            raise ValueError("%s listed more than once" % ", ".join(twice))
        return value


class WebhookResource(ObjectResource):
    kind = "webhook"
    module = "cxone_webhook"
    result_key = "webhook"
    options = option_names(WebhookOptions)
    model = WebhookOptions
    set_fields = ("events",)
    hidden_fields = ("url",)

    def check(self, ctx, state, current):
        for option in ("name", "url", "events"):
            if not state.get(option):
                raise InputError("%s: required to create webhook %r" % (option, state.get("name")))

    def normalize(self, state):
        if state.get("events") is not None:
            state["events"] = sorted(state["events"])
        return state


WEBHOOK = WebhookResource()


def reconcile(ctx):
    return reconcile_object(ctx, WEBHOOK)
