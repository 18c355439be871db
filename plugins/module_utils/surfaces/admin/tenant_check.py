# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read-only tenant check (playbooks/tenant_check.yml): each assumption the admin surface
makes of the real CXone API (docs/api/admin.md), what the tenant answered, whether the
assumption holds, and what the collection does either way.

It sends GET requests only (besides the login and discovery). What it reports is key names,
statuses and counts: never a secret, the tenant id, a name or an e-mail address."""

from __future__ import annotations

import json

from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError, CXoneError
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin import assignments
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.client import (
    PAGE_SIZE, claims_of, listing, records_of, segment)
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.skills import SkillStore

HOLDS, DIFFERS, UNCHECKED = "holds", "differs", "could not check"
# The kinds the collection lists, with the list key of each answer.
KINDS = (("agents", "/agents", "agents"), ("skills", "/skills", "skills"), ("campaigns", "/campaigns", "campaigns"),
         ("dispositions", "/dispositions", "dispositions"),
         ("unavailable codes", "/unavailable-codes", "unavailableCodes"),
         ("hours of operation", "/hours-of-operation", "hoursOfOperation"),
         ("agent states", "/agents/states", "agentStates"))
# What only a write would show: not probed (the check writes nothing), and what the client does.
NEEDS_A_WRITE = (
    ("skill create result", "a created skill's result carries its id (skillsResults[].skillId)",
     "when it carries none, the new skill is found by name in a fresh list"),
    ("disposition notes on create", "POST /dispositions takes notes",
     "notes are never sent in the create: a PUT after it sets them"),
    ("inbound skill create", "an inbound skill is created without isOutbound and outboundStrategy",
     "neither is sent for an inbound skill (only an outbound one carries them)"),
    ("agent state write", "POST /agents/{id}/state reads state and outStateId from the query or the body",
     "both are sent, and the state is read back"),
    ("hours-of-operation queues", "a profile's queues are written through PUT /hours-of-operation/{id}/skills",
     "the profile's PUT carries no skills; a write the tenant did not keep is reported"),
    ("schedule day switched off", "a weekday is switched off with all three of its keys",
     "IsActive false with StartTime and EndTime 00:00:00"),
    ("write size", "at most 100 items in one array-bodied write",
     "writes are sent 100 items a request; a refused request fails its items, named"),
)


class Check:
    """The rows of one tenant check, in order."""

    def __init__(self, client):
        self.client = client
        self.rows = []

    def row(self, key, assumption, answered, verdict, action):
        self.rows.append({"check": key, "assumption": assumption, "answered": answered, "verdict": verdict,
                          "collection": action})

    def get(self, path, params=None):
        """``(status, body)`` of a GET; an API error is answered, not raised."""
        try:
            resp = self.client.request("GET", path, params=params)
            return resp.status, resp.body
        except APIError as exc:
            return exc.status, None


def run(ctx):
    check = Check(ctx.client)
    client = ctx.client
    try:
        token = client.new_token()  # a cached token would not show which token holds the claims
    except CXoneError as exc:
        check.row("login", "the access key logs in (%s)" % client.token_url, "refused: %s" % _scrub(exc), DIFFERS,
                  "nothing else can be checked: fix the login first")
        return check.rows
    _login(check, token)
    listed = _rights(check)
    _paging(check, listed)
    skills = records_of(listing(listed.get("skills") or {}, "skills"), "skills")
    _many_skills(check, skills)
    _skill_fields(check, skills)
    _inactive(check)
    _holidays(check, listed)
    _agent_states(check)
    _schedule(check, skills)
    _list_shapes(check, listed)
    _activity(check)
    for key, assumption, action in NEEDS_A_WRITE:
        check.row(key, assumption, "not probed: it needs a write", UNCHECKED, action)
    return check.rows


def _scrub(exc):
    return str(exc).split(": ", 1)[-1][:200]


def _login(check, token):
    in_access = bool(claims_of(token).get("tenantId"))
    source = check.client.claims_from
    check.row("token claims", "the access token is a JWT with the tenant's claims (tenantId, iss)",
              "in the access token" if in_access else ("opaque; the claims are in the %s" % source if source
                                                       else "in neither token"),
              HOLDS if in_access else DIFFERS,
              "reads them from the id_token, then from the access token" if source else
              "cannot discover the API host: give it as base_url")
    check.row("api version", "the ACD API answers at %s" % check.client.version,
              "answered", HOLDS, "uses %s (api_version)" % check.client.version)


def _rights(check):
    """One small read of each kind: what the access key's user may read."""
    listed = {}
    for kind, path, key in KINDS:
        params = {"top": PAGE_SIZE, "skip": 0}
        if key == "hoursOfOperation":
            params["isDeleted"] = "false"
        status, body = check.get(path, params)
        if status in (200, 204, 206):
            listed[kind] = body if isinstance(body, dict) else {}
            verdict, answered = HOLDS, "%d (%d records)" % (status, len(records_of(listing(listed[kind], key), key)))
        else:
            verdict, answered = DIFFERS, str(status)
        check.row("read %s" % kind, "the access key may read %s" % kind, answered, verdict,
                  "modules that manage %s fail with the tenant's 403 until the user's security profile has the "
                  "right" % kind if status == 403 else "reads them")
    return listed


def _paging(check, listed):
    body = listed.get("agents") or {}
    count = len(records_of(body, "agents"))
    keys = sorted(k for k in ("totalRecords", "_links") if k in body)
    check.row("list paging", "a list answers totalRecords and _links", ", ".join(keys) or "no paging keys",
              HOLDS if keys else (UNCHECKED if count < PAGE_SIZE else DIFFERS),
              "follows _links.next, else skip; a full page without paging keys is read on, never taken as whole")
    total = body.get("totalRecords")
    if isinstance(total, int) and total > PAGE_SIZE:
        status, bigger = check.get("/agents", {"top": PAGE_SIZE * 2, "skip": 0})
        got = len(records_of(bigger or {}, "agents"))
        check.row("largest page", "the largest top is 100", "top=200 answered %d records" % got,
                  HOLDS if got <= PAGE_SIZE else DIFFERS, "asks for 100 a page and follows the answers")
    else:
        check.row("largest page", "the largest top is 100", "fewer than 101 agents", UNCHECKED,
                  "asks for 100 a page and follows the answers")


def _many_skills(check, skills):
    assumption = "GET /skills/agents takes skills as a comma list (1,2,3)"
    ids = [s.get("skillId") for s in skills[:assignments.SKILL_QUERY_LIMIT] if s.get("skillId") is not None]
    if not ids:
        check.row("skills parameter", assumption, "the tenant has no skills", UNCHECKED,
                  "tries the JSON form, then the comma list, then one paged read a skill")
        return
    answers = {}
    for name, spell in assignments.SKILLS_FORMS:
        status, body = check.get("/skills/agents", {"skills": spell(ids), "top": PAGE_SIZE, "skip": 0})
        answers[name] = (status, body if isinstance(body, dict) else {})
    taken = [name for name, (status, _b) in answers.items() if status in (200, 204, 206)]
    check.row("skills parameter", assumption,
              "; ".join("%s form: %s" % (name, status) for name, (status, _b) in answers.items()),
              HOLDS if "csv" in taken else DIFFERS,
              "uses the %s form" % taken[0] if taken else "reads one skill at a time (GET /skills/{id}/agents)")
    if not taken:
        return
    check.client.remember(assignments.READING, taken[0])
    form = dict(assignments.SKILLS_FORMS)[taken[0]]
    rows = records_of(answers[taken[0]][1], "agentSkillAssignments")
    assumption = "GET /skills/agents answers every assignment of its skills at once (it does not page)"
    action = "an answer as long as the page asked for, without paging keys, is read again skill by skill"
    if len(rows) < 2:
        check.row("assignments paging", assumption, "fewer than 2 assignments", UNCHECKED, action)
        return
    _status, one = check.get("/skills/agents", {"skills": form(ids), "top": 1, "skip": 0})
    one = one if isinstance(one, dict) else {}
    capped = len(records_of(one, "agentSkillAssignments")) == 1
    keys = sorted(k for k in ("totalRecords", "_links") if k in one)
    check.row("assignments paging", assumption,
              "top=1: %s%s" % ("1 row" if capped else "every row", ", " + ", ".join(keys) if keys else
                               ", no paging keys"),
              DIFFERS if capped else HOLDS, action)


def _skill_fields(check, skills):
    if not skills:
        check.row("skill list fields", "the skill list carries every field planned with", "no skills", UNCHECKED,
                  "reads a skill whole when its list record lacks a field")
        return
    fields = SkillStore.FIELDS
    complete = fields.carried_by(skills[0])
    check.row("skill list fields", "the skill list carries every field planned with",
              "all present" if complete else "some absent", HOLDS if complete else DIFFERS,
              "plans from the list" if complete else "reads each skill it plans with whole (one GET a skill)")
    as_text = ("True", "False", "true", "false")
    texts = sorted({key for skill in skills for key, value in skill.items() if value in as_text})
    check.row("booleans", "booleans are JSON true/false", "as text: %s" % ", ".join(texts) if texts else "JSON",
              DIFFERS if texts else HOLDS, "reads true/false given as text too")
    skill_id = skills[0].get("skillId")
    status, one = check.get("/skills/%s/dispositions" % segment(skill_id))
    held = sorted(d.get("dispositionId") for d in records_of(one or {}, "dispositions"))
    listed = sorted(d.get("dispositionId") for d in skills[0].get("dispositions") or [])
    check.row("skill wrap-up codes", "a skill's dispositions read in its record are those of "
              "GET /skills/{id}/dispositions", "%s; %s" % (status, "the same" if held == listed else "they differ"),
              HOLDS if held == listed else DIFFERS,
              "writes them in the skill's body and reads them back: a write the tenant did not keep is reported")


def _inactive(check):
    status, body = check.get("/skills", {"isActive": "false", "top": PAGE_SIZE, "skip": 0})
    inactive = records_of(body or {}, "skills") if status in (200, 206) else []
    if not inactive:
        check.row("deactivated in lists", "a list without isActive includes deactivated objects",
                  "no deactivated skill to compare", UNCHECKED,
                  "finds deactivated ones by name to make them active again")
        return
    status, plain = check.get("/skills", {"searchString": inactive[0].get("skillName"), "top": PAGE_SIZE, "skip": 0})
    found = any(s.get("skillId") == inactive[0].get("skillId") for s in records_of(plain or {}, "skills"))
    check.row("deactivated in lists", "a list without isActive includes deactivated objects",
              "included" if found else "left out", HOLDS if found else DIFFERS,
              "finds deactivated ones by name to make them active again" if found else
              "cannot see a deactivated skill: a create of its name is refused by the tenant (named in the error)")


def _holidays(check, listed):
    profiles = records_of(listing(listed.get("hours of operation") or {}, "hoursOfOperation"), "hoursOfOperation")
    holidays = []
    for profile in profiles[:5]:
        _status, body = check.get("/hours-of-operation/%s" % segment(profile.get("hoursOfOperationProfileId")))
        whole = body if isinstance(body, dict) else {}
        whole = (records_of(whole, "hoursOfOperationProfiles") or [whole])[0]
        holidays.extend(whole.get("holidays") or [])
    keys = sorted({k for h in holidays for k in ("name", "holidayName") if k in h})
    check.row("holiday name", "a profile's holidays are read as holidayName", ", ".join(keys) or "no holidays",
              UNCHECKED if not keys else (HOLDS if keys == ["holidayName"] else DIFFERS),
              "reads name, else holidayName")


def _one_answer(check, key, path, list_key, action):
    """A list the first notes read as one answer, without paging: whether it pages."""
    status, body = check.get(path, {"top": PAGE_SIZE, "skip": 0})
    body = body if isinstance(body, dict) else {}
    keys = sorted(k for k in ("totalRecords", "_links") if k in body)
    shaped = isinstance(body.get(list_key), list)
    check.row(key, "%s answers %s[] at once" % (path, list_key),
              "%s, %s" % (status, ", ".join(([] if shaped else ["another shape"]) + keys) or "no paging keys"),
              HOLDS if shaped and not keys else DIFFERS, action)


def _agent_states(check):
    _one_answer(check, "agent states paging", "/agents/states", "agentStates", "pages it like any list")


def _activity(check):
    _one_answer(check, "skill activity", "/skills/activity", "skillActivity",
                "reads the live load with POST /skills/activity/search (not probed: a POST), and the skills it "
                "did not answer from GET /skills/activity, paged")


def _schedule(check, skills):
    outbound = [s for s in skills if s.get("isOutbound") in (True, "True", "true")]
    if not outbound:
        check.row("schedule times", "dialing hours are HH:MM:SS", "no outbound skill", UNCHECKED,
                  "writes HH:MM:SS, reads HH:MM too")
        return
    status, body = check.get("/skills/%s/parameters/schedule-settings" % segment(outbound[0].get("skillId")))
    body = body if isinstance(body, dict) else {}
    body = body.get("scheduleSettings") if isinstance(body.get("scheduleSettings"), dict) else body
    times = [str(v) for k, v in body.items() if k.endswith("Time") and v]
    short = any(len(t) == 5 for t in times)
    check.row("schedule times", "dialing hours are HH:MM:SS", "%s, %s" % (status, "HH:MM" if short else "HH:MM:SS"),
              DIFFERS if short else HOLDS, "writes HH:MM:SS, reads HH:MM too")


def _list_shapes(check, listed):
    for kind, key, fields in (("campaigns", "campaigns", ("id", "name")),
                              ("unavailable codes", "unavailableCodes", ("id", "name"))):
        body = listed.get(kind)
        if not isinstance(body, dict) or not records_of(listing(body, key), key):
            check.row("%s spelling" % kind, "%s answer %s" % (kind, "/".join(fields)), "nothing listed", UNCHECKED,
                      "reads the v33 spelling and the older ones")
            continue
        wrapped = listing(body, key) is not body
        first = records_of(listing(body, key), key)[0]
        v33 = all(f in first for f in fields) and not wrapped
        check.row("%s spelling" % kind, "%s answer %s at the top level" % (kind, "/".join(fields)),
                  "v33 spelling" if v33 else "an older spelling%s" % (" in resultSet" if wrapped else ""),
                  HOLDS if v33 else DIFFERS, "reads the v33 spelling and the older ones")


def markdown(rows):
    lines = ["| check | assumption | what the tenant answered | verdict | what the collection does |",
             "| --- | --- | --- | --- | --- |"]
    for row in rows:
        lines.append("| %s |" % " | ".join(str(row[k]).replace("|", "\\|") for k in
                                           ("check", "assumption", "answered", "verdict", "collection")))
    return "\n".join(lines) + "\n"


def as_json(rows):
    return json.dumps({"checks": rows, "summary": summary(rows)}, indent=2, sort_keys=True) + "\n"


def summary(rows):
    return {verdict: sum(1 for row in rows if row["verdict"] == verdict) for verdict in (HOLDS, DIFFERS, UNCHECKED)}
