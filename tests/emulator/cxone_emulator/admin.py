"""The admin surface (docs/api/admin.md): the issuer (access-key login, discovery) and the
ACD API under /inContactAPI/services/vNN.0/ for skills, agents and their assignments,
dispositions, campaigns and skill activity. Its own in-memory tenant (AdminStore), seeded
from the same seed as the v2 surface, so one emulator serves one tenant on both."""
from __future__ import annotations

import base64
import copy
import json
import re
import threading
import time
import urllib.parse
import uuid

API_PREFIX = re.compile(r"^/inContactAPI/services/v(\d+)\.0(/.*)$")
TOKEN_PATH = "/auth/token"  # the password grant of a registered application
ACCESS_KEY_PATH = "/authentication/v1/token/access-key"  # the access key alone (choice: on the issuer's host)
REFRESH_PATH = "/public/user/refresh"
LOGIN_PATHS = (TOKEN_PATH, ACCESS_KEY_PATH, REFRESH_PATH)
WELL_KNOWN = ("/.well-known/openid-configuration", "/.well-known/cxone-configuration")
TENANT_ID = "11eb0c2d-6f2e-4c65-9a51-7d0c1b0e5a11"
BUSINESS_UNIT = 4600001
DEFAULT_TOP, MAX_TOP = 50, 100  # choices: the platform documents neither
MAX_ITEMS = 100                 # choice: largest array in a write body
# Two readings of the API where the public sources disagree (docs/api/admin.md, "Two readings"):
# "notes" is what the collection's own notes said; "specs" is what NICE's generated specs, its QA
# suite and other people's clients show instead. The client must work under both.
READINGS = ("notes", "specs")
MEDIA_TYPES = {1: "Email", 3: "Chat", 4: "Phone Call", 5: "Voice Mail", 6: "Work Item", 7: "SMS", 8: "Social",
               9: "Digital"}
STRATEGIES = ("Manual", "Personal Connection")
SKILL_DEFAULTS = {"notes": "", "serviceLevelThreshold": 30, "serviceLevelGoal": 90, "initialPriority": 0,
                  "acceleration": 1, "maxPriority": 1000, "enableShortAbandon": False, "shortAbandonThreshold": 15,
                  "countShortAbandons": True, "requireDisposition": False, "allowSecondaryDisposition": False}
WEEKDAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
SCHEDULE_KEYS = {"isScheduled"} | {"%s%s" % (day, part) for day in WEEKDAYS
                                   for part in ("StartTime", "EndTime", "IsActive")}
SKILL_WRITABLE = set(SKILL_DEFAULTS) | {"skillName", "mediaTypeId", "isActive", "isOutbound", "outboundStrategy",
                                        "campaignId", "dispositions"}


def is_admin_path(path):
    return path in LOGIN_PATHS or path in WELL_KNOWN or API_PREFIX.match(path) is not None


def template_for(path):
    """The route as the stats count it: numeric ids replaced by {id}."""
    return re.sub(r"/\d+(?=/|$)", "/{id}", re.sub(r"/v\d+\.0/", "/v{N}.0/", path))


def is_write(method, path):
    return method in ("POST", "PUT", "DELETE") and API_PREFIX.match(path) is not None \
        and not path.endswith("/skills/activity/search")


class AdminError(Exception):
    """An error answer: ``{"error", "errorDescription"}`` (or only the icStatusDescription header)."""

    def __init__(self, status, error, description, header_only=False):
        super().__init__(description)
        self.status, self.error, self.description, self.header_only = status, error, description, header_only


def now_iso():
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class AdminStore:
    """The tenant as the admin API shows it. Ids are integers."""

    def __init__(self, reading="notes"):
        self.lock = threading.RLock()
        self.reading = reading  # kept across resets: a test or the CLI chooses it
        self.clear()

    @property
    def specs(self):
        return self.reading == "specs"

    def clear(self):
        self.access_keys, self.applications = {}, {}
        self.refresh_tokens = {}  # refresh token -> access key id
        self.agents, self.skills, self.dispositions, self.campaigns = {}, {}, {}, {}
        self.assignments = {}  # (skillId, agentId) -> {proficiency, isActive, lastUpdateTime}
        self.schedules = {}    # outbound skillId -> its schedule settings
        self.unavailable_codes = {}  # id -> {id, name, isActive, isACW, agentTimeout, notes}
        self.states = {}       # agentId -> {agentStateName, outStateId, startDate}
        self.profiles = {}     # hours-of-operation profile id -> the whole profile
        self.activity = {}     # skillId -> {queueCount, contactsActive, agentsAvailable, earliestQueueTime}
        self.writes_applied = 0
        # A choice: many skills' assignments come in one answer; set to page them like a list.
        self.page_assignment_reads = False

    # ---- seed: the v2 seed's tenant, in the admin API's terms

    def seed(self, data):
        self.clear()
        admin = data.get("admin") or {}
        for key in admin.get("accessKeys", [{"accessKeyId": "cxone-demo-key",
                                             "accessKeySecret": "demo-access-secret-not-for-production"}]):
            self.access_keys[key["accessKeyId"]] = key["accessKeySecret"]
        for app in admin.get("applications", [{"clientId": "cxone-demo-app",
                                               "clientSecret": "demo-app-secret-not-for-production"}]):
            self.applications[app["clientId"]] = app["clientSecret"]
        ts = data.get("seedTime", "2024-01-15T09:00:00.000Z")
        by_ref = {}
        for index, user in enumerate(data.get("users", [])):
            agent_id = 1001 + index
            first, _sp, last = user["name"].partition(" ")
            self.agents[agent_id] = {"agentId": agent_id, "userId": str(uuid.uuid5(uuid.NAMESPACE_URL, user["name"])),
                                     "userName": user.get("email") or user["name"], "firstName": first,
                                     "lastName": last, "emailAddress": user.get("email", ""),
                                     "isActive": user.get("active", True), "teamId": 1, "teamName": "Default",
                                     "lastUpdateTime": ts}
            for ref in (user["name"], user.get("email")):
                if ref:
                    by_ref[ref.casefold()] = agent_id
        campaign_names = ["Customer Care"] + [c["name"] for c in data.get("campaigns", [])]
        for index, name in enumerate(campaign_names):
            self.campaigns[101 + index] = {"id": 101 + index, "name": name, "isActive": True, "description": "",
                                           "notes": "", "lastUpdateTime": ts}
        next_skill = iter(range(2001, 10 ** 6))
        skill_by_name = {}
        for queue in data.get("queues", []):
            level = queue.get("serviceLevelTarget") or {}
            skill_id = next(next_skill)
            self.skills[skill_id] = dict(SKILL_DEFAULTS, skillId=skill_id, skillName=queue["name"], mediaTypeId=4,
                                         isActive=True, isOutbound=False, outboundStrategy="Manual", campaignId=101,
                                         notes=queue.get("description", ""),
                                         serviceLevelThreshold=level.get("time", 30),
                                         serviceLevelGoal=level.get("threshold", 90), dispositions=[],
                                         lastUpdateTime=ts)
            skill_by_name[queue["name"].casefold()] = skill_id
            for member in queue.get("members", []):
                member = {"user": member} if isinstance(member, str) else member
                agent_id = by_ref.get(str(member["user"]).casefold())
                if agent_id:
                    self.assignments[(skill_id, agent_id)] = {"proficiency": 5, "isActive": True, "lastUpdateTime": ts}
            load = queue.get("load")
            if load:
                self.activity[skill_id] = {"queueCount": load.get("waiting", 0),
                                           "contactsActive": load.get("interacting", 0),
                                           "agentsAvailable": load.get("availableAgents", 0),
                                           "oldestWaitSeconds": load.get("oldestWaitSeconds", 0)}
        for skill in data.get("skills", []):
            name = skill if isinstance(skill, str) else skill["name"]
            if name.casefold() in skill_by_name:
                continue
            skill_id = next(next_skill)
            self.skills[skill_id] = dict(SKILL_DEFAULTS, skillId=skill_id, skillName=name, mediaTypeId=4, isActive=True,
                                         isOutbound=False, outboundStrategy="Manual", campaignId=101, dispositions=[],
                                         lastUpdateTime=ts)
            skill_by_name[name.casefold()] = skill_id
        for user in data.get("users", []):
            agent_id = by_ref.get(user["name"].casefold())
            for item in user.get("skills", []):
                skill_id = skill_by_name.get(str(item["skill"]).casefold())
                if skill_id and agent_id:
                    # A v2 level 1-5 (5 best) read as a proficiency 1-20 (1 best).
                    self.assignments[(skill_id, agent_id)] = {"proficiency": 6 - int(item["level"]),
                                                              "isActive": True, "lastUpdateTime": ts}
        # The v2 reason codes of NOT_READY and PAUSED are the unavailable codes; an agent's v2
        # state is read as READY -> Available, NOT_READY/PAUSED -> Unavailable, IDLE -> LoggedOut.
        code_ids = {}
        for reason in data.get("reasonCodes", []):
            if reason.get("state") in ("NOT_READY", "PAUSED"):
                code_id = 5001 + len(self.unavailable_codes)
                self.unavailable_codes[code_id] = {"id": code_id, "name": reason["code"].title()[:25], "isActive": True,
                                                   "isACW": False, "agentTimeout": None, "notes": ""}
                code_ids[reason["code"]] = code_id
        for user in data.get("users", []):
            agent_id = by_ref.get(user["name"].casefold())
            state = user.get("state") or {}
            name = {"READY": "Available", "NOT_READY": "Unavailable", "PAUSED": "Unavailable"}.get(
                state.get("state"), "LoggedOut")
            self.states[agent_id] = {"agentStateName": name, "startDate": ts,
                                     "outStateId": code_ids.get(state.get("reasonCode")) if name == "Unavailable"
                                     else None}
        for profile in admin.get("hoursOfOperation", [DEFAULT_PROFILE]):
            profile_id = 7001 + len(self.profiles)
            known = [name for name in profile.get("skills", []) if name.casefold() in skill_by_name]
            self.profiles[profile_id] = _profile(self, profile_id, dict(profile, skills=known), skill_by_name)
        campaign_ids = {name.casefold(): 101 + index for index, name in enumerate(campaign_names)}
        for campaign in data.get("campaigns", []):
            for schedule in campaign.get("schedules", []):
                # A v2 schedule is an outbound skill of its campaign with its dialing hours.
                skill_id = next(next_skill)
                self.skills[skill_id] = dict(SKILL_DEFAULTS, skillId=skill_id, skillName=schedule["name"][:30],
                                             mediaTypeId=4, isActive=True, isOutbound=True, outboundStrategy="Manual",
                                             campaignId=campaign_ids[campaign["name"].casefold()], dispositions=[],
                                             lastUpdateTime=ts)
                settings = default_schedule()
                settings["isScheduled"] = schedule.get("status", "ACTIVE") == "ACTIVE"
                for detail in schedule.get("scheduleDetails", []):
                    day = detail["dayOfWeek"].lower()
                    if not settings[day + "IsActive"]:  # one window a day: the first one
                        settings.update({day + "StartTime": detail["startTime"], day + "EndTime": detail["endTime"],
                                         day + "IsActive": True})
                self.schedules[skill_id] = settings
        for index, code in enumerate(data.get("wrapUpCodes", [])):
            disposition_id = 3001 + index
            self.dispositions[disposition_id] = {
                "dispositionId": disposition_id, "dispositionName": code["name"], "notes": "",
                "isActive": code.get("available", True), "isPreviewDisposition": False, "classificationId": 1,
                "systemOutcome": "Success", "lastUpdated": ts}

    def add_agents(self, count, prefix="agent"):
        """``count`` new agents ``<prefix>NNNN@acme.example``; returns their e-mails."""
        with self.lock:
            emails = []
            for number in range(1, count + 1):
                agent_id = max(list(self.agents) + [1000]) + 1
                email = "%s%04d@acme.example" % (prefix, number)
                self.agents[agent_id] = {"agentId": agent_id, "userId": str(uuid.uuid5(uuid.NAMESPACE_URL, email)),
                                         "userName": email, "firstName": prefix.title(), "lastName": "%04d" % number,
                                         "emailAddress": email, "isActive": True, "teamId": 1,
                                         "teamName": "Default", "lastUpdateTime": now_iso()}
                emails.append(email)
            return emails

    def dump(self):
        with self.lock:
            return copy.deepcopy({
                "agents": list(self.agents.values()), "skills": list(self.skills.values()),
                "assignments": [dict(v, skillId=s, agentId=a) for (s, a), v in sorted(self.assignments.items())],
                "dispositions": list(self.dispositions.values()), "campaigns": list(self.campaigns.values()),
                "schedules": [dict(v, skillId=k) for k, v in sorted(self.schedules.items())],
                "unavailableCodes": list(self.unavailable_codes.values()),
                "hoursOfOperation": list(self.profiles.values()),
                "states": [dict(v, agentId=k) for k, v in sorted(self.states.items())],
                "writesApplied": self.writes_applied})


# ---- hand edits (what a person does in CXone's admin pages): POST /_emulator/admin-edit ----

# The records a hand edit may change, by the name the command line uses: (store attribute, name field).
EDITABLE = {"skill": ("skills", "skillName"), "disposition": ("dispositions", "dispositionName"),
            "unavailable-code": ("unavailable_codes", "name"), "campaign": ("campaigns", "name"),
            "hours": ("profiles", "hoursOfOperationProfileName")}


def edit(store, body):
    """One hand edit: ``{"what": "skill", "name": "Billing", "set": {"serviceLevelGoal": 75}}`` sets
    fields of a record found by name; ``{"what": "assign", "skill": ..., "agent": <e-mail>,
    "set": {"proficiency": 4}}`` assigns an agent to a skill (or changes it), ``"unassign"``
    removes the assignment. Returns what the record holds now. Not counted, not rate limited."""
    if not isinstance(body, dict) or body.get("what") not in set(EDITABLE) | {"assign", "unassign"}:
        raise ValueError("what: one of %s" % ", ".join(sorted(set(EDITABLE) | {"assign", "unassign"})))
    changes = body.get("set") or {}
    if not isinstance(changes, dict):
        raise ValueError("set: an object of fields and values")
    with store.lock:
        if body["what"] in EDITABLE:
            attribute, name_field = EDITABLE[body["what"]]
            record = _by_name(getattr(store, attribute), name_field, body.get("name"), body["what"])
            unknown = sorted(set(changes) - set(record))
            if unknown:
                raise ValueError("%s %r has no field %s (it has %s)"
                                 % (body["what"], body.get("name"), ", ".join(unknown), ", ".join(sorted(record))))
            record.update(changes)
            return copy.deepcopy(record)
        skill = _by_name(store.skills, "skillName", body.get("skill"), "skill")
        agent = _by_name(store.agents, "emailAddress", body.get("agent"), "agent")
        key = (skill["skillId"], agent["agentId"])
        if body["what"] == "unassign":
            if store.assignments.pop(key, None) is None:
                raise ValueError("agent %r is not assigned to skill %r" % (body.get("agent"), body.get("skill")))
            return {"skillId": key[0], "agentId": key[1], "assigned": False}
        assignment = store.assignments.setdefault(key, {"proficiency": 5, "isActive": True})
        assignment.update(changes, lastUpdateTime=now_iso())
        return dict(assignment, skillId=key[0], agentId=key[1])


def _by_name(records, field, name, what):
    found = [r for r in records.values() if str(r.get(field, "")).casefold() == str(name or "").casefold()]
    if not found:
        raise ValueError("no %s named %r" % (what, name))
    return found[0]


# ---- the issuer ------------------------------------------------------------------------

def _refuse(status, error, description):
    return status, {"error": error, "error_description": description}, None


def issue_token(store, issuer, form, basic, lifetime):
    """``(status, body, token entry or None)`` for a password-grant token request."""
    client_id, client_secret = basic or (form.get("client_id"), form.get("client_secret"))
    if form.get("grant_type") != "password":
        return _refuse(400, "unsupported_grant_type", "only the password grant is supported")
    if not client_id or store.applications.get(client_id) != client_secret:
        return _refuse(401, "invalid_client", "the application is not registered or its secret is wrong")
    return _login(store, issuer, form.get("username"), form.get("password"), lifetime)


def access_key_token(store, issuer, body, lifetime):
    """``(status, body, token entry or None)`` for the access key's own login (JSON, no application)."""
    if not isinstance(body, dict) or not isinstance(body.get("accessKeyId"), str) \
            or not isinstance(body.get("accessKeySecret"), str):
        return _refuse(400, "invalid_request", "the body must be JSON {\"accessKeyId\", \"accessKeySecret\"}")
    return _login(store, issuer, body["accessKeyId"], body["accessKeySecret"], lifetime)


def _login(store, issuer, key_id, key_secret, lifetime):
    if not key_id or store.access_keys.get(key_id) != key_secret:
        return _refuse(401, "invalid_grant", "the access key is unknown, inactive or its secret is wrong")
    issued = int(time.time())
    claims = {"iss": issuer, "tenantId": TENANT_ID, "tenant": "acme", "icBUId": BUSINESS_UNIT,
              "icClusterId": "EMU1", "area": "na1", "userId": key_id, "name": key_id,
              "iat": issued, "exp": issued + int(lifetime)}
    token = ".".join((b64(json.dumps({"alg": "none", "typ": "JWT"}).encode()), b64(json.dumps(claims).encode()),
                      b64(uuid.uuid4().bytes)))
    # notes: the access token is the JWT with the claims; specs: the access token is opaque and
    # the claims are in the id_token (how every other client reads them).
    access = uuid.uuid4().hex if store.specs else token
    refresh = uuid.uuid4().hex
    with store.lock:
        store.refresh_tokens[refresh] = key_id
    body = {"access_token": access, "token_type": "bearer", "expires_in": int(lifetime),
            "refresh_token": refresh, "id_token": token}
    return 200, body, {"client_id": key_id, "scopes": ("*",), "admin": True}


def refresh_token(store, body, lifetime):
    """``(status, body, token entry or None)`` for ``{"token": <refresh token>}``. A refresh token is
    used once. notes: OAuth's names; specs: the spelling one production client reads
    (``token``, ``refreshToken``, ``tokenExpirationTimeSec``)."""
    given = body.get("token") if isinstance(body, dict) else None
    with store.lock:
        key_id = store.refresh_tokens.pop(given, None) if isinstance(given, str) else None
        if key_id is None or key_id not in store.access_keys:
            return _refuse(401, "invalid_grant", "the refresh token is unknown or was used")
        access, refresh = uuid.uuid4().hex, uuid.uuid4().hex
        store.refresh_tokens[refresh] = key_id
    if store.specs:
        answer = {"token": access, "refreshToken": refresh, "tokenExpirationTimeSec": int(lifetime),
                  "refreshTokenExpirationTimeSec": 86400}
    else:
        answer = {"access_token": access, "token_type": "bearer", "expires_in": int(lifetime),
                  "refresh_token": refresh}
    return 200, answer, {"client_id": key_id, "scopes": ("*",), "admin": True}


def well_known(path, query, issuer, api_endpoint):
    if path == WELL_KNOWN[0]:
        return 200, {"issuer": issuer, "token_endpoint": issuer + TOKEN_PATH,
                     "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                     "grant_types_supported": ["password", "refresh_token"]}
    if query.get("tenantId") != TENANT_ID:
        return 404, {"error": "not_found", "error_description": "unknown tenant %r" % query.get("tenantId")}
    return 200, {"private": False, "ui_endpoint": issuer, "auth_endpoint": issuer, "api_endpoint": api_endpoint,
                 "area": "na1", "cluster": "EMU1", "domain": "emulator", "acdDomain": "emulator",
                 "uhDomain": "emulator", "tenantId": TENANT_ID}


# ---- the API ---------------------------------------------------------------------------

def _int(value, what):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise AdminError(400, "InvalidParameter", "%s must be an integer, got %r" % (what, value)) from None


def _items(body, key):
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        raise AdminError(400, "InvalidRequestBody", "the body must be {%r: [...]}" % key)
    items = body[key]
    if not items:
        raise AdminError(400, "InvalidRequestBody", "%s: at least one item is required" % key)
    if len(items) > MAX_ITEMS:
        raise AdminError(400, "TooManyItems", "%s: %d items, at most %d a request" % (key, len(items), MAX_ITEMS))
    return items


def page(records, key, query, base_url, path):
    """``skip``/``top`` paging; 204 for nothing; ``_links.next`` while more follow."""
    skip = _int(query.get("skip", 0), "skip")
    top = min(_int(query.get("top", DEFAULT_TOP), "top"), MAX_TOP)  # a larger top is silently capped
    search = (query.get("searchString") or "").casefold()
    if search:
        records = [r for r in records if any(search in str(v).casefold() for v in r.values() if isinstance(v, str))]
    if "isActive" in query:
        wanted = str(query["isActive"]).lower() == "true"
        records = [r for r in records if r.get("isActive") == wanted]
    chunk = records[skip:skip + top]
    if not chunk:
        return 204, None
    links = {"self": "%s%s?%s" % (base_url, path, urllib.parse.urlencode(dict(query, skip=skip, top=top)))}
    if skip + top < len(records):
        links["next"] = "%s%s?%s" % (base_url, path, urllib.parse.urlencode(dict(query, skip=skip + top, top=top)))
    return 200, {key: chunk, "totalRecords": len(records), "businessUnitId": BUSINESS_UNIT,
                 "lastPollTime": now_iso(), "_links": links}


def _skill_ids_param(store, value):
    """``skills`` of ``GET /skills/agents``: notes, a comma-separated list ``1,2,3``; specs, the
    JSON form NICE's QA suite sends, ``[{"skillId":1}]``. Each reading refuses the other."""
    text = str(value or "").strip()
    if store.specs:
        try:
            items = json.loads(text)
            ids = [_int(item["skillId"], "skills") for item in items]
        except (ValueError, TypeError, KeyError):
            raise AdminError(400, "InvalidParameter", 'skills must be a JSON array [{"skillId": n}, ...]') from None
    else:
        ids = [_int(s, "skills") for s in text.split(",") if s.strip()]
    if not ids:
        raise AdminError(400, "InvalidParameter", "skills: the skill ids are required")
    return ids


def _assignment(store, skill_id, agent_id, entry):
    skill, agent = store.skills[skill_id], store.agents[agent_id]
    return {"agentId": agent_id, "userId": agent["userId"], "firstName": agent["firstName"],
            "lastName": agent["lastName"], "skillId": skill_id, "skillName": skill["skillName"],
            "agentProficiencyValue": entry["proficiency"], "agentProficiencyName": str(entry["proficiency"]),
            "isActive": entry["isActive"], "isSkillActive": skill["isActive"], "teamId": agent["teamId"],
            "teamName": agent["teamName"], "campaignId": skill["campaignId"], "lastUpdateTime": entry["lastUpdateTime"]}


def _skill_view(skill):
    view = copy.deepcopy(skill)
    view["mediaTypeName"] = MEDIA_TYPES.get(skill["mediaTypeId"], "")
    return view


def default_schedule():
    """An outbound skill's schedule settings before anyone set them (choice): not scheduled,
    every day inactive."""
    settings = {"isScheduled": False}
    for day in WEEKDAYS:
        settings.update({day + "StartTime": "00:00:00", day + "EndTime": "00:00:00", day + "IsActive": False})
    return settings


def _time_of_day(value, key):
    """``HH:MM:SS`` (``HH:MM`` accepted, stored with seconds)."""
    match = re.match(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$", str(value))
    if not match:
        raise AdminError(400, "InvalidRequestBody", "%s must be a time of day HH:MM:SS, got %r" % (key, value))
    return "%s:%s:%s" % (match.group(1), match.group(2), match.group(3) or "00")


def _check_skill_fields(store, fields, creating, skill_id=None):
    unknown = set(fields) - SKILL_WRITABLE - {"mediatypeid"}
    if unknown:
        raise ValueError("unknown field(s) %s" % ", ".join(sorted(unknown)))
    if "mediatypeid" in fields:  # the PUT body's spelling
        fields["mediaTypeId"] = fields.pop("mediatypeid")
    name = fields.get("skillName")
    if creating or name is not None:
        if not isinstance(name, str) or not 1 <= len(name) <= 30:
            raise ValueError("skillName must be 1-30 characters")
        for other_id, other in store.skills.items():
            if other_id != skill_id and other["skillName"].casefold() == name.casefold():
                raise KeyError("a skill named %r exists (id %d)" % (other["skillName"], other_id))
    if creating:
        if fields.get("mediaTypeId") not in MEDIA_TYPES:
            raise ValueError("mediaTypeId must be one of %s" % sorted(MEDIA_TYPES))
        if fields.get("campaignId") not in store.campaigns:
            raise ValueError("campaignId is required and must name a campaign")
        if not fields.get("isOutbound") and ("serviceLevelThreshold" not in fields or "serviceLevelGoal" not in fields):
            raise ValueError("an inbound skill needs serviceLevelThreshold and serviceLevelGoal")
    elif skill_id is not None:
        current = store.skills[skill_id]
        for fixed in ("mediaTypeId", "isOutbound", "outboundStrategy"):
            if fixed in fields and fields[fixed] != current[fixed]:
                raise ValueError("%s is set when the skill is created and cannot change" % fixed)
    if "campaignId" in fields and fields["campaignId"] not in store.campaigns:
        raise ValueError("campaignId %r names no campaign" % fields["campaignId"])
    if "outboundStrategy" in fields and fields["outboundStrategy"] not in STRATEGIES:
        raise ValueError("outboundStrategy must be one of %s" % ", ".join(STRATEGIES))
    if "serviceLevelGoal" in fields and not 0 <= _int(fields["serviceLevelGoal"], "serviceLevelGoal") <= 100:
        raise ValueError("serviceLevelGoal must be 0-100")
    for item in fields.get("dispositions") or []:
        if item.get("dispositionId") not in store.dispositions:
            raise ValueError("disposition %r does not exist" % item.get("dispositionId"))


def _disposition_entries(store, items):
    return [{"dispositionId": d["dispositionId"], "priority": d.get("priority", i + 1),
             "dispositionName": store.dispositions[d["dispositionId"]]["dispositionName"],
             "isPreviewDisposition": store.dispositions[d["dispositionId"]]["isPreviewDisposition"]}
            for i, d in enumerate(items)]


def dispatch(store, method, path, query, body, base_url):
    """``(status, body)`` of one admin API call (path after the version prefix)."""
    with store.lock:
        return _dispatch(store, method, path, query, body, base_url)


def _dispatch(store, method, path, query, body, base_url):  # noqa: C901  (one route table)
    parts = [p for p in path.split("/") if p]
    prefix = path[:0]
    stamp = now_iso()
    if parts == ["agents"] and method == "GET":
        return page(sorted(store.agents.values(), key=lambda a: a["agentId"]), "agents", query, base_url, prefix + path)
    if parts == ["skills"] and method == "GET":
        records = [_skill_view(s) for s in sorted(store.skills.values(), key=lambda s: s["skillId"])]
        if "mediaTypeId" in query:
            records = [s for s in records if s["mediaTypeId"] == _int(query["mediaTypeId"], "mediaTypeId")]
        return page(records, "skills", query, base_url, path)
    if parts == ["skills"] and method == "POST":
        results, errors = [], 0
        for item in _items(body, "skills"):
            fields = dict(item) if isinstance(item, dict) else {}
            try:
                if store.specs and not fields.get("isOutbound") and "outboundStrategy" in fields:
                    raise ValueError("outboundStrategy is for outbound skills only")
                _check_skill_fields(store, fields, creating=True)
            except (ValueError, KeyError) as exc:
                errors += 1
                results.append({"success": False, "error": str(exc).strip('"')})
                continue
            if store.specs:
                fields.pop("isActive", None)  # not in the create's schema: a new skill is active
            skill_id = max(list(store.skills) + [2000]) + 1
            disp = _disposition_entries(store, fields.pop("dispositions", None) or [])
            skill = dict(SKILL_DEFAULTS, isActive=True, isOutbound=False, outboundStrategy="Manual")
            skill.update(fields)
            skill.update(skillId=skill_id, dispositions=disp, lastUpdateTime=stamp)
            store.skills[skill_id] = skill
            if skill["isOutbound"]:
                store.schedules[skill_id] = default_schedule()
            store.writes_applied += 1
            # specs: the generated client's result has no id (the caller finds the skill by name).
            results.append({"success": True, "error": None} if store.specs else
                           {"success": True, "error": None, "skillId": skill_id})
        return 200, {"errorCount": errors, "skillsResults": results}
    if parts == ["skills", "agents"] and method == "GET":  # many skills' assignments in one read
        ids = _skill_ids_param(store, query.get("skills"))
        if len(ids) > MAX_ITEMS:
            raise AdminError(400, "TooManyItems", "skills: at most %d skill ids a request" % MAX_ITEMS)
        found = [_assignment(store, s, a, e) for (s, a), e in sorted(store.assignments.items()) if s in ids]
        if store.page_assignment_reads:
            return page(found, "agentSkillAssignments", query, base_url, path)
        if store.specs:  # top applies, skip does not, and nothing says the answer was cut short
            found = found[:min(_int(query.get("top", DEFAULT_TOP), "top"), MAX_TOP)]
        invalid = [{"skillId": s} for s in ids if s not in store.skills]
        answer = {"agentSkillAssignments": found, "businessUnitId": BUSINESS_UNIT, "lastPollTime": now_iso()}
        if invalid:
            answer["invalidSkills"] = invalid
            return 206, answer
        return (200, answer) if found else (204, None)
    if parts == ["skills", "activity"] and method == "GET":
        rows = [_activity(store, s) for s in sorted(store.skills)]
        return page(rows, "skillActivity", query, base_url, path) if store.specs else (200, {"skillActivity": rows})
    if parts == ["skills", "activity", "search"] and method == "POST":
        ids = ((body or {}).get("filter") or {}).get("skillIds") or list(store.skills)
        rows = [_activity(store, _int(s, "skillIds")) for s in ids if _int(s, "skillIds") in store.skills]
        if store.specs:  # the generated client types the search's answer as one flat record
            return (200, rows[0]) if rows else (204, None)
        return 200, {"skillActivity": rows}
    if len(parts) >= 2 and parts[0] == "skills":
        skill_id = _int(parts[1], "skillId")
        if skill_id not in store.skills:
            raise AdminError(404, "NotFound", "skill %s does not exist" % parts[1])
        if len(parts) == 2 and method == "GET":
            return 200, _skill_view(store.skills[skill_id])
        if len(parts) == 2 and method == "PUT":
            fields = (body or {}).get("skill") if isinstance(body, dict) else None
            if not isinstance(fields, dict):
                raise AdminError(400, "InvalidRequestBody", 'the body must be {"skill": {...}}')
            fields = dict(fields)
            try:
                _check_skill_fields(store, fields, creating=False, skill_id=skill_id)
            except KeyError as exc:
                raise AdminError(409, "Conflict", str(exc).strip('"')) from None
            except ValueError as exc:
                raise AdminError(400, "InvalidRequestBody", str(exc)) from None
            if "dispositions" in fields:
                fields["dispositions"] = _disposition_entries(store, fields["dispositions"])
            store.skills[skill_id].update(fields, lastUpdateTime=stamp)
            store.writes_applied += 1
            return 200, {"success": True, "skillId": skill_id}
        if parts[2:] == ["parameters", "schedule-settings"]:
            skill = store.skills[skill_id]
            if not skill["isOutbound"]:
                raise AdminError(400, "InvalidRequest", "skill %d is not an outbound skill: it has no schedule "
                                 "settings" % skill_id)
            settings = store.schedules[skill_id]
            if method == "GET":
                return 200, dict(settings)
            if method == "PUT":
                fields = (body or {}).get("scheduleSettings") if isinstance(body, dict) else None
                if not isinstance(fields, dict) or not fields or set(fields) - SCHEDULE_KEYS:
                    raise AdminError(400, "InvalidRequestBody", 'the body must be {"scheduleSettings": {...}} with '
                                     "isScheduled and <weekday>StartTime, EndTime, IsActive keys")
                for key, value in fields.items():
                    if key.endswith("Time"):
                        settings[key] = _time_of_day(value, key)
                    elif not isinstance(value, bool):
                        raise AdminError(400, "InvalidRequestBody", "%s must be true or false" % key)
                    else:
                        settings[key] = value
                for day in WEEKDAYS:
                    if settings[day + "IsActive"] and settings[day + "EndTime"] <= settings[day + "StartTime"]:
                        raise AdminError(400, "InvalidRequestBody", "%sEndTime must be after %sStartTime" % (day, day))
                store.writes_applied += 1
                return 200, None  # choice: the success body is not described
        if parts[2:] == ["dispositions"] and method == "GET":
            disp = store.skills[skill_id].get("dispositions") or []
            return (200, {"skillId": skill_id, "dispositions": disp, "totalRecords": len(disp)}) if disp else (204, None)
        if parts[2:] == ["agents"]:
            if method == "GET":
                found = [_assignment(store, s, a, e) for (s, a), e in sorted(store.assignments.items()) if s == skill_id]
                return page(found, "agentSkillAssignments", query, base_url, path)
            return _assign(store, method, body, "agents", "agentId", lambda item: (skill_id, item), stamp)
        if len(parts) == 4 and parts[2] == "agents" and method == "DELETE":
            key = (skill_id, _int(parts[3], "agentId"))
            if store.assignments.pop(key, None) is None:
                raise AdminError(404, "NotFound", "agent %s is not assigned to skill %d" % (parts[3], skill_id))
            store.writes_applied += 1
            return 200, None
    if parts == ["agents", "skills"] and method == "POST":
        details = _items(body, "agentAndSkillDetails") if isinstance(body, dict) else []
        pairs = [(a, s) for d in details for a in d.get("agentIds") or [] for s in d.get("skills") or []]
        if len(pairs) > MAX_ITEMS:
            raise AdminError(400, "TooManyItems", "%d agent-skill pairs, at most %d a request" % (len(pairs), MAX_ITEMS))
        results, errors = [], 0
        for agent_ref, skill in pairs:
            agent_id, skill_id = _int(agent_ref, "agentIds"), _int(skill.get("skillId"), "skillId")
            problem = _pair_problem(store, agent_id, skill_id, skill, need_active=False)
            if problem:
                errors += 1
                results.append({"agentId": agent_id, "skillId": skill_id, "success": False, "error": problem})
                continue
            old = store.assignments.get((skill_id, agent_id)) or {"proficiency": 1, "isActive": True}
            store.assignments[(skill_id, agent_id)] = {"proficiency": skill.get("proficiency", old["proficiency"]),
                                                       "isActive": skill.get("isActive", old["isActive"]),
                                                       "lastUpdateTime": stamp}
            store.writes_applied += 1
            results.append({"agentId": agent_id, "skillId": skill_id, "success": True, "error": None})
        return 200, {"resultSet": {"errorCount": errors, "skillResults": results}}
    if parts == ["agents", "states"] and method == "GET":
        states = [_agent_state(store, a) for a in sorted(store.agents)]
        if store.specs:  # the generated client's query has top and skip, its answer totalRecords and _links
            return page(states, "agentStates", query, base_url, path)
        return 200, {"agentStates": states}
    if len(parts) == 3 and parts[0] == "agents" and parts[2] in ("states", "state"):
        agent_id = _int(parts[1], "agentId")
        if agent_id not in store.agents:
            raise AdminError(404, "NotFound", "agent %s does not exist" % parts[1])
        if parts[2] == "states" and method == "GET":
            return 200, {"agentStates": [_agent_state(store, agent_id)]}
        if parts[2] == "state" and method == "POST":
            # NICE's QA suite (v12) sends a JSON body, the generated client (v33) query parameters:
            # notes reads both, specs only the query.
            fields = dict(query) if store.specs else dict(query, **(body if isinstance(body, dict) else {}))
            wanted = fields.get("state")
            if wanted not in ("Available", "Unavailable"):
                raise AdminError(400, "InvalidRequest", "state must be Available or Unavailable")
            out_state = fields.get("outStateId")
            if out_state not in (None, ""):
                out_state = _int(out_state, "outStateId")
                if wanted != "Unavailable" or out_state not in store.unavailable_codes:
                    raise AdminError(400, "InvalidRequest", "outStateId %s is not an unavailable code" % out_state)
            current = store.states.setdefault(agent_id, {"agentStateName": "LoggedOut", "outStateId": None,
                                                         "startDate": stamp})
            if current["agentStateName"] == "LoggedOut":
                raise AdminError(409, "AgentNotLoggedIn", "agent %d is logged out: a state cannot be set" % agent_id)
            store.states[agent_id] = {"agentStateName": wanted, "outStateId": out_state or None, "startDate": stamp}
            store.writes_applied += 1
            return 200, None  # choice: the success body is not described
    if len(parts) >= 2 and parts[0] == "agents":
        agent_id = _int(parts[1], "agentId")
        if agent_id not in store.agents:
            raise AdminError(404, "NotFound", "agent %s does not exist" % parts[1])
        if len(parts) == 2 and method == "GET":
            return 200, {"agents": [store.agents[agent_id]]}  # older versions wrap the agent in its list key
        if parts[2:] == ["skills"]:
            if method == "GET":
                found = [_assignment(store, s, a, e) for (s, a), e in sorted(store.assignments.items()) if a == agent_id]
                return (200, {"agentSkillAssignments": found}) if found else (204, None)
            return _assign(store, method, body, "skills", "skillId", lambda item: (item, agent_id), stamp)
    if parts == ["dispositions"] and method == "GET":
        return page(sorted(store.dispositions.values(), key=lambda d: d["dispositionId"]), "dispositions", query,
                    base_url, path)
    if parts == ["dispositions"] and method == "POST":
        results, errors = [], 0
        for item in _items(body, "dispositions"):
            name = item.get("dispositionName") if isinstance(item, dict) else None
            if not isinstance(name, str) or not 1 <= len(name) <= 50:
                errors += 1
                results.append({"success": False, "error": "dispositionName must be 1-50 characters",
                                "dispositionId": None})
                continue
            disposition_id = max(list(store.dispositions) + [3000]) + 1
            store.dispositions[disposition_id] = {
                # specs: the create's schema has no notes (a PUT sets them)
                "dispositionId": disposition_id, "dispositionName": name,
                "notes": "" if store.specs else item.get("notes", ""),
                "isActive": item.get("isActive", True), "isPreviewDisposition": item.get("isPreviewDisposition", False),
                "classificationId": item.get("classificationId", 1), "systemOutcome": "Success", "lastUpdated": stamp}
            store.writes_applied += 1
            results.append({"success": True, "error": None, "dispositionId": disposition_id})
        return 200, {"errorCount": errors, "dispositionResults": results}
    if len(parts) == 2 and parts[0] == "dispositions":
        disposition_id = _int(parts[1], "dispositionId")
        if disposition_id not in store.dispositions:
            raise AdminError(404, "NotFound", "disposition %s does not exist" % parts[1])
        if method == "GET":
            return 200, store.dispositions[disposition_id]
        if method == "PUT":
            allowed = {"dispositionName", "classificationId", "isPreviewDisposition", "isActive", "notes"}
            if not isinstance(body, dict) or set(body) - allowed:
                raise AdminError(400, "InvalidRequestBody", "a disposition PUT takes %s" % ", ".join(sorted(allowed)))
            store.dispositions[disposition_id].update(body, lastUpdated=stamp)
            store.writes_applied += 1
            return 200, None  # choice: the platform does not describe the success body
    if parts == ["hours-of-operation"] and method == "GET":
        wanted = str(query.get("isDeleted", "false")).lower() == "true"
        listed = [{"hoursOfOperationProfileId": p["hoursOfOperationProfileId"],
                   "hoursOfOperationProfileName": p["hoursOfOperationProfileName"],
                   "description": p["description"], "isDeleted": p["isDeleted"]}
                  for p in sorted(store.profiles.values(), key=lambda p: p["hoursOfOperationProfileId"])
                  if p["isDeleted"] == wanted]
        return (200, {"hoursOfOperation": listed, "totalRecords": len(listed)}) if listed else (204, None)
    if parts == ["hours-of-operation"] and method == "POST":
        if not isinstance(body, dict):
            raise AdminError(400, "InvalidRequestBody", "a profile is a JSON object")
        profile_id = max(list(store.profiles) + [7000]) + 1
        fields = dict(body, hoursOfOperationProfileName=body.get("profileName"))
        profile = _profile(store, profile_id, fields, None)
        store.profiles[profile_id] = profile
        store.writes_applied += 1
        return 200, {"profileId": profile_id, "profileName": profile["hoursOfOperationProfileName"]}
    if len(parts) == 2 and parts[0] == "hours-of-operation":
        profile_id = _int(parts[1], "profileId")
        if profile_id not in store.profiles or store.profiles[profile_id]["isDeleted"]:
            raise AdminError(404, "NotFound", "hours-of-operation profile %s does not exist" % parts[1])
        if method == "GET":
            profile = store.profiles[profile_id]
            if store.specs:  # the generated client: flat, and a holiday's name is read as `name`
                return 200, dict(profile, holidays=[_holiday_read(h) for h in profile["holidays"]])
            return 200, {"hoursOfOperationProfiles": [profile]}  # in its list key: a choice
        if method == "PUT":
            missing = [k for k in ("hoursOfOperationProfileName", "days", "holidays")
                       if not isinstance(body, dict) or k not in body]
            if missing:
                raise AdminError(400, "InvalidRequestBody", "a profile PUT needs %s (the whole week and every "
                                 "holiday)" % ", ".join(missing))
            fields = dict(body)
            if store.specs:  # the PUT's schema has no skills: they go through /hours-of-operation/{id}/skills
                fields.pop("skills", None)
            store.profiles[profile_id] = _profile(store, profile_id, dict(store.profiles[profile_id], **fields), None)
            store.writes_applied += 1
            return 200, None
        if method == "DELETE":
            store.profiles[profile_id]["isDeleted"] = True
            store.writes_applied += 1
            return 200, None
    if len(parts) == 3 and parts[0] == "hours-of-operation" and parts[2] == "skills" and method == "PUT":
        return _profile_skills(store, _int(parts[1], "profileId"), body)
    if parts == ["unavailable-codes"] and method == "GET":
        # The list does not carry notes (a choice, as documented): a client reads a code whole for them.
        listed = [{k: v for k, v in code.items() if k != "notes"}
                  for code in sorted(store.unavailable_codes.values(), key=lambda c: c["id"])]
        return page(listed, "unavailableCodes", query, base_url, path)
    if parts == ["unavailable-codes"] and method == "POST":
        fields = _unavailable_fields(store, body, code_id=None)
        code_id = max(list(store.unavailable_codes) + [5000]) + 1
        store.unavailable_codes[code_id] = dict({"isACW": False, "agentTimeout": None, "notes": ""}, **fields,
                                                id=code_id, isActive=True)
        store.writes_applied += 1
        return 200, {"id": code_id}
    if len(parts) == 2 and parts[0] == "unavailable-codes":
        code_id = _int(parts[1], "unavailableCodeId")
        if code_id not in store.unavailable_codes:
            raise AdminError(404, "NotFound", "unavailable code %s does not exist" % parts[1])
        if method == "GET":
            return 200, {"unavailableCode": store.unavailable_codes[code_id]}  # wrapped: a choice
        if method == "PUT":
            if not isinstance(body, dict) or "name" not in body:
                raise AdminError(400, "InvalidRequestBody", "an unavailable code PUT needs its name")
            store.unavailable_codes[code_id].update(_unavailable_fields(store, body, code_id))
            store.writes_applied += 1
            return 200, None  # choice: the success body is not described
    if parts == ["campaigns"] and method == "GET":
        return page(sorted(store.campaigns.values(), key=lambda c: c["id"]), "campaigns", query, base_url, path)
    raise AdminError(404, "NotFound", "no such resource: %s %s" % (method, path), header_only=True)


DEFAULT_PROFILE = {
    "hoursOfOperationProfileName": "Business hours", "description": "Weekdays 8 to 6",
    "days": [{"day": day, "openTime": "08:00:00", "closeTime": "18:00:00"}
             for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")],
    "holidays": [{"holidayName": "New Year", "date": "2026-01-01", "isClosedAllDay": True}],
    "skills": ["Support", "Billing"]}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _profile(store, profile_id, fields, skill_by_name):
    """A whole profile from a seed entry or a write body: every weekday (a day not given is
    closed all day), the holidays, the skills it applies to; times HH:MM:SS."""
    name = fields.get("hoursOfOperationProfileName")
    if not isinstance(name, str) or not 1 <= len(name) <= 50:
        raise AdminError(400, "InvalidRequestBody", "the profile name must be 1-50 characters")
    for other_id, other in store.profiles.items():
        if other_id != profile_id and not other["isDeleted"] and \
                other["hoursOfOperationProfileName"].casefold() == name.casefold():
            raise AdminError(409, "Conflict", "a profile named %r exists (id %d)" % (name, other_id))
    given = {}
    for day in fields.get("days") or []:
        if not isinstance(day, dict) or day.get("day") not in DAY_NAMES or day["day"] in given:
            raise AdminError(400, "InvalidRequestBody", "days: each of %s at most once" % ", ".join(DAY_NAMES))
        given[day["day"]] = day
    days = []
    for day in DAY_NAMES:
        entry = given.get(day) or {"isClosedAllDay": True}
        closed = bool(entry.get("isClosedAllDay"))
        extra = bool(entry.get("hasAdditionalHours")) and not closed
        days.append({"day": day, "isClosedAllDay": closed,
                     "openTime": None if closed else _time_of_day(entry.get("openTime"), day + " openTime"),
                     "closeTime": None if closed else _time_of_day(entry.get("closeTime"), day + " closeTime"),
                     "hasAdditionalHours": extra,
                     "additionalOpenTime": _time_of_day(entry.get("additionalOpenTime"), "additionalOpenTime")
                     if extra else None,
                     "additionalCloseTime": _time_of_day(entry.get("additionalCloseTime"), "additionalCloseTime")
                     if extra else None})
    holidays = []
    for holiday in fields.get("holidays") or []:
        if not isinstance(holiday, dict) or not re.match(r"^\d{4}-\d{2}-\d{2}$", str(holiday.get("date"))):
            raise AdminError(400, "InvalidRequestBody", "holidays: each needs a date YYYY-MM-DD")
        closed = bool(holiday.get("isClosedAllDay"))
        holidays.append({"holidayName": holiday.get("holidayName") or "", "date": holiday["date"],
                         "isClosedAllDay": closed,
                         "openTime": None if closed else _time_of_day(holiday.get("openTime"), "openTime"),
                         "closeTime": None if closed else _time_of_day(holiday.get("closeTime"), "closeTime")})
    skills = []
    for skill in fields.get("skills") or []:
        skill_id = skill_by_name.get(skill.casefold()) if skill_by_name is not None and isinstance(skill, str) \
            else (skill.get("skillId") if isinstance(skill, dict) else None)
        if skill_id not in store.skills:
            raise AdminError(400, "InvalidRequestBody", "skills: %r is not a skill" % (skill,))
        skills.append({"skillId": skill_id, "skillName": store.skills[skill_id]["skillName"]})
    return {"hoursOfOperationProfileId": profile_id, "hoursOfOperationProfileName": name,
            "description": fields.get("description") or "", "notes": fields.get("notes") or "", "isDeleted": False,
            "days": days, "holidays": holidays, "skills": skills}


def _holiday_read(holiday):
    shown = dict(holiday, name=holiday["holidayName"])
    del shown["holidayName"]
    return shown


def _profile_skills(store, profile_id, body):
    """``PUT /hours-of-operation/{id}/skills {assign, all, skills: [id]}``: ``assign`` true adds
    the listed skills to the profile, false takes them off; ``all`` applies it to every skill
    (the field names are the generated client's; what they do is a choice)."""
    profile = store.profiles.get(profile_id)
    if profile is None or profile["isDeleted"]:
        raise AdminError(404, "NotFound", "hours-of-operation profile %s does not exist" % profile_id)
    if not isinstance(body, dict) or not isinstance(body.get("assign"), bool):
        raise AdminError(400, "InvalidRequestBody", "the body must be {assign: true|false, all, skills: [id]}")
    ids = list(store.skills) if body.get("all") else [_int(i, "skills") for i in body.get("skills") or []]
    unknown = [i for i in ids if i not in store.skills]
    if unknown:
        raise AdminError(400, "InvalidRequestBody", "skills: %s are not skills" % unknown)
    held = [s["skillId"] for s in profile["skills"]]
    if body["assign"]:
        held += [i for i in ids if i not in held]
    else:
        held = [i for i in held if i not in ids]
    profile["skills"] = [{"skillId": i, "skillName": store.skills[i]["skillName"]} for i in held]
    store.writes_applied += 1
    return 200, None


def _unavailable_fields(store, body, code_id):
    allowed = {"name", "isACW", "agentTimeout", "isActive", "notes"}
    if not isinstance(body, dict) or set(body) - allowed:
        raise AdminError(400, "InvalidRequestBody", "an unavailable code takes %s" % ", ".join(sorted(allowed)))
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 25:
        raise AdminError(400, "InvalidRequestBody", "name must be 1-25 characters")
    for other_id, other in store.unavailable_codes.items():
        if other_id != code_id and other["name"].casefold() == name.casefold():
            raise AdminError(409, "Conflict", "an unavailable code named %r exists (id %d)" % (other["name"], other_id))
    timeout = body.get("agentTimeout")
    if timeout is not None and (not isinstance(timeout, int) or isinstance(timeout, bool) or not 30 <= timeout <= 720):
        # NICE's help: "between 30-720 minutes" (the team read calls it agentTimeoutMins).
        raise AdminError(400, "InvalidRequestBody", "agentTimeout must be 30-720 minutes")
    return dict(body)


def _agent_state(store, agent_id):
    state = store.states.get(agent_id) or {"agentStateName": "LoggedOut", "outStateId": None, "startDate": None}
    code = store.unavailable_codes.get(state.get("outStateId"))
    return {"agentId": agent_id, "agentStateName": state["agentStateName"], "outStateId": state.get("outStateId"),
            "outStateDescription": code["name"] if code else "", "startDate": state.get("startDate"),
            "lastUpdateTime": state.get("startDate")}


def _pair_problem(store, agent_id, skill_id, item, need_active):
    if agent_id not in store.agents:
        return "agent %d does not exist" % agent_id
    if skill_id not in store.skills:
        return "skill %d does not exist" % skill_id
    proficiency = item.get("proficiency")
    if proficiency is not None and not (isinstance(proficiency, int) and 1 <= proficiency <= 20):
        return "proficiency must be 1-20, got %r" % (proficiency,)
    if need_active and "isActive" not in item:
        return "isActive is required"
    return None


def _assign(store, method, body, key, id_field, pair_of, stamp):
    """POST (add), PUT (modify) or DELETE (remove) assignments, one per item, with per-item results."""
    if method not in ("POST", "PUT", "DELETE"):
        raise AdminError(405, "MethodNotAllowed", "%s is not allowed here" % method, header_only=True)
    results, errors = [], 0
    result_key = "agentResults" if key == "agents" else "skillResults"
    for item in _items(body, key):
        other = _int((item or {}).get(id_field), id_field)
        skill_id, agent_id = pair_of(other)
        problem = _pair_problem(store, agent_id, skill_id, item, need_active=method == "PUT" and key == "skills")
        current = store.assignments.get((skill_id, agent_id))
        if problem is None and method == "POST" and current is not None:
            problem = "agent %d is already assigned to skill %d" % (agent_id, skill_id)
        if problem is None and method in ("PUT", "DELETE") and current is None:
            problem = "agent %d is not assigned to skill %d" % (agent_id, skill_id)
        if problem:
            errors += 1
            results.append({id_field: other, "success": False, "error": problem})
            continue
        if method == "DELETE":
            del store.assignments[(skill_id, agent_id)]
        else:
            base = current or {"proficiency": 1, "isActive": True}
            store.assignments[(skill_id, agent_id)] = {"proficiency": item.get("proficiency", base["proficiency"]),
                                                       "isActive": item.get("isActive", base["isActive"]),
                                                       "lastUpdateTime": stamp}
        store.writes_applied += 1
        results.append({id_field: other, "success": True, "error": None})
    return 200, {"resultSet": {"errorCount": errors, result_key: results}}


def _activity(store, skill_id):
    act = store.activity.get(skill_id) or {}
    now = time.time()
    oldest = act.get("oldestWaitSeconds", 0)
    earliest = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now - oldest)) if act.get("queueCount") else None
    logged_in = sum(1 for (s, _a), e in store.assignments.items() if s == skill_id and e["isActive"])
    return {"serverTime": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(now)), "skillId": skill_id,
            "skillName": store.skills[skill_id]["skillName"], "queueCount": act.get("queueCount", 0),
            "contactsActive": act.get("contactsActive", 0), "agentsAvailable": act.get("agentsAvailable", 0),
            "agentsUnavailable": 0, "agentsWorking": act.get("contactsActive", 0), "agentsLoggedIn": logged_in,
            "earliestQueueTime": earliest, "serviceLevel": 100}
