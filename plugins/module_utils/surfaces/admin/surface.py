# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The admin surface (docs/api/admin.md): the real NICE CXone ACD API. Its client, the kinds
its directory lists, a store for each resource it has, and, for each resource, the options
it does not have with what CXone offers instead (refused before any request)."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import ConnectionSettingError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.agent_states import AgentStateStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.assignments import AgentSkillStore, AssignmentStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import AREA, AdminClient, login_url_of
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.dispositions import (
    DispositionSetStore, DispositionStore)
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.hours import HoursProfileStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.skills import (
    ActivityStore, OutboundScheduleStore, SkillStore)
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.unavailable_codes import UnavailableCodeStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.base import DirectoryKind, Surface

NO_SUCH_SETTING = "CXone has no such setting"
# How api=admin logs in (auth_method), and what each needs.
ADMIN_LOGINS = {
    "access_key": "an access key of a CXone user, and the tenant's area",
    "application": "an access key of a CXone user and the registered application's credentials",
}
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


V2_ONLY_LOGIN = ("token_url", "scopes")


def connection(params):
    """``(login URL or None, login)`` of the connection options, checked before any request: the
    access key alone (``access_key``, the default without an application) at its area's login
    host, or the password grant of a registered ``application`` at ``auth_url``."""
    refused = ConnectionSettingError
    for option in V2_ONLY_LOGIN:
        if params.get(option):
            raise refused("%s: only with api=v2 (CXone logs in with an access key; the user's security profile "
                          "grants the rights, not scopes)" % option)
    login = params.get("auth_method") or ("application" if params.get("client_id") else "access_key")
    if login not in ADMIN_LOGINS:
        raise refused("auth_method=%s: only with api=v2; with api=admin it is one of %s (access_key, the default "
                      "without client_id, logs in with the access key alone)" % (login, ", ".join(ADMIN_LOGINS)))
    needed = ("access_key_id", "access_key_secret") + (("client_id", "client_secret") if login == "application" else ())
    missing = [option for option in needed if not params.get(option)]
    if missing:
        raise refused("%s: required with api=admin, the default (%s; or the CXONE_%s environment variables). For "
                      "the seed scripts' /api/v2 contract set api: v2 (or CXONE_API=v2)"
                      % (", ".join(missing), ADMIN_LOGINS[login], "/".join(m.upper() for m in missing)))
    if login == "application":
        if params.get("area"):
            raise refused("area=%s: only with the access-key login; the application's login goes to auth_url "
                          "(leave area out, or client_id and client_secret to log in with the key alone)"
                          % params["area"])
        return None, login
    extra = [option for option in ("client_id", "client_secret") if params.get(option)]
    if extra:
        raise refused("%s: only with auth_method=application (the access key logs in alone)" % ", ".join(extra))
    area = params.get("area")
    if area and "://" not in area and not AREA.match(area.strip().lower()):
        raise refused("area=%s: not a CXone area (na1, au1, eu1, uk1, na2 ...) or the URL of a login host" % area)
    login_url = login_url_of(area, params.get("base_url"))
    if login_url is None:
        raise refused("area: required to log in with the access key alone (the tenant's area, for example na1: "
                      "the host of CXone's address, https://na1.nice-incontact.com; or CXONE_AREA). Or give "
                      "client_id and client_secret of a registered application")
    return login_url, login


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
        login_url, login = connection(params)
        if not params["validate_certs"]:
            warn("validate_certs is false: the TLS certificates of %s and the API host are not checked, so the "
                 "access key could be sent to an impostor." % (login_url or params.get("auth_url") or "the issuer"))
        return AdminClient(
            access_key_id=params["access_key_id"], access_key_secret=params["access_key_secret"],
            client_id=params["client_id"] if login == "application" else None,
            client_secret=params["client_secret"] if login == "application" else None,
            auth_url=params.get("auth_url"), login_url=login_url,
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
