# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The v2 surface (docs/api/v2.md): its client, the kinds its directory lists, and a
store for every resource."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import ConnectionSettingError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import DirectoryKind, Surface
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2 import paths
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.client import V2Client
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.items import (
    AgentStateStore,
    MemberStore,
    QueueLoadStore,
    UserSkillStore,
    WrapupCodeItemStore,
)
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.objects import (
    QueueStore,
    ScheduleStore,
    WebhookStore,
    WrapupCodeStore,
)


ADMIN_ONLY = "the seed scripts' v2 contract has no such setting (CXone has it: use api=admin, the default)"
# Why this surface has no store for a kind (any other kind without one gets a general reason).
MISSING = {
    "unavailable code": "the seeds' contract has no unavailable codes to manage (its reason codes are fixed); "
                        "use api=admin",
    "hours of operation": "the seeds' contract has no hours of operation; use api=admin",
}
# The options a store's field map does not keep are refused (ADMIN_ONLY), so an option added to
# a resource for api=admin is refused here by itself.


def _lister(path):
    return lambda client: client.paginate(path)


def _named(raw):
    return {"id": raw.get("id"), "name": raw.get("name")}


def _user(raw):
    return {"id": raw.get("id"), "email": raw.get("email"), "name": raw.get("name"), "active": raw.get("active")}


class V2Surface(Surface):
    name = "v2"
    stores = (QueueStore, WrapupCodeStore, WrapupCodeItemStore, WebhookStore, ScheduleStore, MemberStore,
              UserSkillStore, AgentStateStore, QueueLoadStore)
    missing_reasons = MISSING

    def client(self, params, warn):
        missing = [option for option in ("base_url", "client_id", "client_secret") if not params.get(option)]
        if missing:
            raise ConnectionSettingError("%s: required with api=v2 (or the CXONE_%s environment variables)"
                                         % (", ".join(missing), "/".join(m.upper() for m in missing)))
        for option in ("access_key_id", "access_key_secret", "auth_url", "api_version", "area"):
            if params.get(option):
                raise ConnectionSettingError("%s: only with api=admin (the v2 contract logs in with client credentials "
                                             "at token_url)" % option)
        if params.get("auth_method") not in (None, "client_secret_post", "client_secret_basic"):
            raise ConnectionSettingError("auth_method=%s: only with api=admin (with api=v2 it is client_secret_post or "
                                         "client_secret_basic)" % params["auth_method"])
        if not params["validate_certs"]:
            warn("validate_certs is false: the TLS certificate of %s is not checked, "
                 "so the client secret could be sent to an impostor." % params["base_url"])
        return V2Client(
            base_url=params["base_url"], client_id=params["client_id"], client_secret=params["client_secret"],
            token_url=params["token_url"], auth_method=params["auth_method"] or "client_secret_post",
            scopes=params["scopes"],
            validate_certs=params["validate_certs"], ca_path=params["ca_path"], timeout=params["timeout"],
            token_cache=params["token_cache"],
        )

    def directory_kinds(self):
        # Users are matched by email, then name (names repeat): shown by email.
        return {
            "user": DirectoryKind(_lister(paths.USERS), _user, ("email", "name"), shared=True),
            "skill": DirectoryKind(_lister(paths.SKILLS), _named, ("name",)),
            "queue": DirectoryKind(_lister(paths.QUEUES), _named, ("name",)),
            "campaign": DirectoryKind(_lister(paths.CAMPAIGNS), _named, ("name",)),
            "wrap-up code": DirectoryKind(_lister(paths.WRAPUP_CODES), _named, ("name",)),
        }

    def reason(self, kind, option):
        return ADMIN_ONLY


SURFACE = V2Surface()
