# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The admin surface (docs/api/admin.md): the real NICE CXone ACD API. Its client, the kinds
its directory lists, a store for each resource it has, and, for each resource, the options
it does not have with what CXone offers instead (refused before any request)."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.agent_states import AgentStateStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.assignments import AgentSkillStore, AssignmentStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import AdminClient
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.dispositions import (
    DispositionSetStore, DispositionStore)
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.hours import HoursProfileStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.skills import (
    ActivityStore, OutboundScheduleStore, SkillStore)
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.unavailable_codes import UnavailableCodeStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import DirectoryKind, Surface

NO_SUCH_SETTING = "CXone has no such setting"
STUDIO = "routing beyond a skill's own settings is built in Studio scripts"
CALLS = ("CXone schedule windows have no call caps or pacing; pacing is in the outbound skill's dialer settings, "
         "not managed by this collection")
# What CXone offers instead of an option it does not have. Which options are refused is derived
# from the stores' field maps (an option no map keeps); a test checks each reason is used.
REASONS = {
    "queue": {
        "skill_requirements": "CXone has no skill requirements on a queue (a queue is an ACD skill; agents are "
                              "assigned to it with a proficiency: cxone_queue_member)",
        "overflow": "CXone has no queue overflow setting; overflow is routed in Studio scripts",
        "max_wait_time": "CXone skills have no maximum wait time; " + STUDIO,
        "max_waiters": "CXone skills have no maximum number of waiting contacts; " + STUDIO,
    },
    "queue members": {
        "routing_type": "CXone assignments have no routing type; set proficiency (1-20, 1 best)",
        "split": "CXone assignments have no split; set proficiency (1-20, 1 best)",
        "after_hours_available": "CXone assignments have no after-hours flag; hours of operation belong to "
                                 "Studio scripts and hours-of-operation profiles",
    },
    "user skills": {
        "start": "CXone skill assignments have no effective dates; assign or remove the skill when it should "
                 "start or end (for example from a scheduled job)",
        "end": "CXone skill assignments have no effective dates; assign or remove the skill when it should "
               "start or end (for example from a scheduled job)",
        "queue": "CXone has no routing strategy with level ranges to check levels against; a level is the "
                 "agent's proficiency in the skill (1-20, 1 best)",
    },
    "campaign schedule": {
        "timezone": "CXone keeps an outbound skill's dialing hours in the tenant's time zone; there is no time "
                    "zone per schedule",
        "blackout_periods": "CXone schedules have no blackout periods: one window a weekday (split a day by "
                            "ending its window earlier)",
        "compliance": "CXone schedules have no compliance rules; calling rules live in the dialer's general and "
                      "retry settings of the outbound skill",
        "windows[].max_calls_per_day": CALLS,
        "windows[].max_calls_per_hour": CALLS,
        "windows[].predictive_rate": CALLS,
        "windows[].max_calls_per_agent_per_day": CALLS,
    },
    "wrap-up code": {
        "routing_type": "CXone dispositions have no routing type; attach them to skills with cxone_queue "
                        "wrapup_codes",
        "wrap_up_type": "CXone dispositions have no channel; attach them to skills of that media type with "
                        "cxone_queue wrapup_codes",
    },
}
# Kinds that show another kind's facts: a queue's members and an agent's skills are both the
# skill assignments of CXone, seen from the skill and from the agent.
SAME_FACTS = {"user skills": "queue members"}
# Why this surface has no store for a kind (any other kind without one gets a general reason).
MISSING = {
    "webhook": "CXone has no webhook registration API: events reach other systems through Studio script calls "
               "to a URL or Data Extraction jobs",
}


def _lister(path, key):
    return lambda client: client.paginate(path, key=key)


def _agent(raw):
    name = " ".join(part for part in (raw.get("firstName"), raw.get("lastName")) if part)
    return {"id": raw.get("agentId"), "email": raw.get("emailAddress") or raw.get("userName"),
            "username": raw.get("userName"), "name": name, "active": raw.get("isActive", True)}


class AdminSurface(Surface):
    name = "admin"
    stores = (SkillStore, OutboundScheduleStore, ActivityStore, DispositionStore, DispositionSetStore,
              AssignmentStore, AgentSkillStore, UnavailableCodeStore, AgentStateStore, HoursProfileStore)
    missing_reasons = MISSING

    def client(self, params, warn):
        missing = [option for option in ("access_key_id", "access_key_secret", "client_id", "client_secret")
                   if not params.get(option)]
        if missing:
            raise InputError("%s: required with api=admin, the default (an access key of a CXone user and the "
                             "registered application's credentials; or the CXONE_%s environment variables). For "
                             "the seed scripts' /api/v2 contract set api: v2 (or CXONE_API=v2)"
                             % (", ".join(missing), "/".join(m.upper() for m in missing)))
        for option in ("token_url", "scopes", "auth_method"):
            if params.get(option):
                raise InputError("%s: not available with api=admin (CXone logs in with an access key at "
                                 "auth_url; the user's security profile grants the rights, not scopes)" % option)
        if not params["validate_certs"]:
            warn("validate_certs is false: the TLS certificates of %s and the API host are not checked, so the "
                 "access key could be sent to an impostor." % (params.get("auth_url") or "the issuer"))
        return AdminClient(
            access_key_id=params["access_key_id"], access_key_secret=params["access_key_secret"],
            client_id=params["client_id"], client_secret=params["client_secret"], auth_url=params.get("auth_url"),
            base_url=params.get("base_url"), api_version=params.get("api_version"),
            validate_certs=params["validate_certs"], ca_path=params["ca_path"], timeout=params["timeout"],
            token_cache=params["token_cache"],
        )

    def directory_kinds(self):
        skills = DirectoryKind(_lister("/skills", "skills"),
                               lambda raw: {"id": raw.get("skillId"), "name": raw.get("skillName")}, ("name",))
        return {
            "user": DirectoryKind(_lister("/agents", "agents"), _agent, ("email", "username", "name"), shared=True),
            "queue": skills,
            "skill": skills,  # on CXone a queue is a skill
            "campaign": DirectoryKind(_lister("/campaigns", "campaigns"),
                                      lambda raw: {"id": raw.get("id"), "name": raw.get("name")}, ("name",)),
            "wrap-up code": DirectoryKind(_lister("/dispositions", "dispositions"),
                                          lambda raw: {"id": raw.get("dispositionId"),
                                                       "name": raw.get("dispositionName")}, ("name",)),
            "unavailable code": DirectoryKind(_lister("/unavailable-codes", "unavailableCodes"),
                                              lambda raw: {"id": raw.get("id"), "name": raw.get("name")}, ("name",)),
        }

    def reason(self, kind, option):
        return REASONS.get(kind, {}).get(option, NO_SUCH_SETTING)

    def same_facts(self, kind):
        return SAME_FACTS.get(kind, "")


SURFACE = AdminSurface()
