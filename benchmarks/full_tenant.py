# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Full-tenant benchmark: export, drift check, drift check after 10 edits, converge and
rerun of a whole mid-size contact center (3,012 users, 155 queues with 6,009
memberships, 307 wrap-up codes, 1,511 users with 4,527 skill assignments, 10 campaign
schedules) at size factors of it, against the emulator with a rate limit.

Run it with ``make bench`` (or ``benchmarks/full_tenant.py --sizes 0.2,1,2``). Each phase
is one real ``ansible-playbook`` of the shipped playbooks. For each it prints wall time,
module runs, requests by route, the fewest requests the API allows (the floor) and the
two ratios, checks the results (the edits found field by field, converge restores them
and writes nothing else, the rerun writes nothing), and writes its section of
benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import (  # noqa: E402  pylint: disable=wrong-import-position
    BENCH,
    CLIENT_ID,
    CLIENT_SECRET,
    COLLECTIONS,
    REPO,
    EmulatorProcess,
    ansible_env,
    machine,
    paced_seconds,
    run_playbook,
)
from playbook_run import ADMIN_APP, ADMIN_KEY  # noqa: E402  pylint: disable=wrong-import-position

PAGE = 100           # the contract's largest page
BATCH = 50           # operations per batch request
FIXED_SECONDS = 15.0  # the time target's allowance for process starts
START, END = "<!-- full-tenant:start -->", "<!-- full-tenant:end -->"
VARS_PHASE = "drift check, -e @file"  # the declaration as extra vars, for comparison
ROOT = "/api/v2"
ADMIN_ROOT = "/inContactAPI/services/v33.0"
SKILL_QUERY = 100    # skills in one read of many skills' assignments (admin)


def pages(count):
    return max(1, math.ceil(count / PAGE))


def batches(count):
    return math.ceil(count / BATCH) if count else 0


# ---- the floor ------------------------------------------------------------------------

def floor(state, phase, edits=None):
    """The fewest requests the v2 contract allows for ``phase`` on the tenant ``state``
    (emulator state): every collection read once at 100 a page, skill sets in batched
    GETs of 50, writes only for the differences, batched where the contract allows (a
    queue PUT needs If-Match, which a batch operation cannot carry), one token."""
    users = len(state["users"])
    queues = state["queues"]
    members = state["members"]
    skilled = [uid for uid, skills in state["userSkills"].items() if skills]
    campaigns = [c for c in state["campaigns"] if state["campaignSchedules"].get(c["id"])]
    reads = Counter()
    reads["token"] = 1
    reads["users"] = pages(users)
    reads["skills"] = pages(len(state["skills"])) if phase != "export" else 0
    reads["queues"] = pages(len(queues))
    reads["members"] = sum(pages(len(members.get(q["id"], []))) for q in queues)
    reads["wrap-up codes"] = pages(len(state["wrapUpCodes"]))
    # The export reads every user's set (it finds who has skills); the others the declared users'.
    reads["skill sets"] = batches(users if phase == "export" else len(skilled))
    reads["campaigns"] = pages(len(state["campaigns"]))
    reads["schedules"] = len(state["campaigns"]) if phase == "export" else len(campaigns)
    writes = 0
    if phase == "converge" and edits:
        queue_puts = sum(1 for e in edits if e["kind"] == "queue")
        writes = queue_puts + batches(len(edits) - queue_puts)
        # The skill sets written are read back so the result shows what the server stored.
        writes += batches(sum(1 for e in edits if e["kind"] == "skill"))
    total = sum(reads.values()) + writes
    return {"requests": total, "writes": writes, "reads": dict(reads)}


def admin_floor(state, phase, edits=None, first=False, declared=None, reading="notes"):
    """The fewest requests the admin API allows for ``phase`` on the tenant ``state``
    (emulator admin state): every list read once at 100 a page (agents, skills, campaigns,
    dispositions, unavailable codes, hours-of-operation profiles), all skills' assignments
    in reads of 100 skills, the reads the lists leave out (the API has no other way to
    them): each unavailable code and each hours profile of the declaration ``declared``
    read whole (the lists carry neither a code's notes nor a profile's days), each declared
    campaign schedule's skill settings (one read per outbound skill; an export reads every
    outbound skill's), and, when converging, one write per changed skill (a skill's
    settings are one PUT), per skill whose assignments changed (array-bodied, per skill),
    per changed disposition (no batch update), each kind read back once after writing (the
    API has no versions). The token and the discovery of the API host only when nothing is
    cached (the first phase). Under the "specs" reading (docs/api/admin.md) a read of many
    skills' assignments answers at most 100 rows and nothing that says more follow, so the
    only complete read is one paged read per skill."""
    skills = len(state["skills"])
    per_skill = Counter(entry["skillId"] for entry in state["assignments"])

    def assignment_reads(skill_ids):
        if reading == "specs":
            return sum(max(1, pages(per_skill[sid])) for sid in skill_ids)
        return math.ceil(len(skill_ids) / SKILL_QUERY)
    declared = declared or {}
    reads = Counter()
    reads["token and discovery"] = 2 if first else 0
    reads["agents"] = pages(len(state["agents"]))
    reads["skills"] = pages(skills)
    reads["campaigns"] = pages(len(state["campaigns"]))
    reads["dispositions"] = pages(len(state["dispositions"]))
    reads["skill assignments"] = assignment_reads([skill["skillId"] for skill in state["skills"]])
    reads["unavailable code list"] = pages(len(state["unavailableCodes"]))
    reads["hours profile list"] = pages(len(state["hoursOfOperation"]))
    if phase == "export":
        reads["skill schedules"] = sum(1 for skill in state["skills"] if skill.get("isOutbound"))
        reads["hours profiles whole"] = len(state["hoursOfOperation"])
    else:
        reads["unavailable codes whole"] = len(declared.get("cxone_unavailable_codes") or [])
        reads["hours profiles whole"] = len(declared.get("cxone_hours_of_operation") or [])
        reads["skill schedules"] = len(declared.get("cxone_campaign_schedules") or [])
    writes = 0
    if phase == "converge" and edits:
        kinds = Counter(e["kind"] for e in edits)
        writes += kinds["queue"] + (1 if kinds["queue"] else 0) * pages(skills)  # PUT each, then the list again
        member_skills = {e["skill"] for e in edits if e["kind"] == "member"}
        writes += len(member_skills) + (assignment_reads(sorted(member_skills)) if member_skills else 0)
        writes += kinds["code"] + (pages(len(state["dispositions"])) if kinds["code"] else 0)
    total = sum(reads.values()) + writes
    return {"requests": total, "writes": writes, "reads": dict(reads)}


# ---- the edits an admin makes in the tenant by hand ---------------------------------------

class Api:
    """The emulator's API with the demo client, for the edits made outside the declaration."""

    def __init__(self, base_url):
        self.base_url = base_url
        form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": CLIENT_ID,
                                       "client_secret": CLIENT_SECRET}).encode()
        with urllib.request.urlopen(base_url + "/oauth/token", data=form, timeout=60) as resp:
            self.token = json.loads(resp.read())["access_token"]
        self.root = ROOT

    def call(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + self.root + path, data=data, method=method, headers=dict(
            {"Authorization": "Bearer " + self.token, "Content-Type": "application/json",
             "Accept": "application/json"}, **(headers or {})))
        for _attempt in range(20):
            try:
                with urllib.request.urlopen(request, timeout=60) as resp:
                    raw = resp.read()
                return json.loads(raw) if raw else None
            except urllib.error.HTTPError as exc:
                if exc.code != 429:
                    raise
                time.sleep(float(exc.headers.get("Retry-After") or 1))
        raise RuntimeError("%s %s: still rate limited" % (method, path))


def make_edits(emu):
    """Ten changes made outside the declaration: 3 queues' service level time, 3 members'
    split, 2 codes' availability, 2 users' skill level. Returns what was changed."""
    state = emu.state()
    api = Api(emu.base_url)
    emails = {u["id"]: u["email"] for u in state["users"]}
    skills = {s["id"]: s["name"] for s in state["skills"]}
    edits = []
    tenant_queues = [q for q in state["queues"] if q["name"].startswith("Tenant Queue")]
    for queue in tenant_queues[1:4]:
        body = {k: v for k, v in queue.items() if k not in ("id", "version", "dateCreated", "dateUpdated")}
        body["serviceLevelTarget"] = dict(queue["serviceLevelTarget"], time=queue["serviceLevelTarget"]["time"] + 7)
        api.call("PUT", "/routing/queues/%s" % queue["id"], body, {"If-Match": str(queue["version"])})
        edits.append({"kind": "queue", "object": "queue %s" % queue["name"], "field": "service_level.time"})
    for queue in tenant_queues[5:8]:
        member = state["members"][queue["id"]][0]
        api.call("PUT", "/routing/queues/%s/members/%s" % (queue["id"], member["userId"]),
                 {"routingType": member["routingType"], "split": 33, "afterHoursAvailable": member["afterHoursAvailable"]})
        edits.append({"kind": "member", "object": "members of queue %s" % queue["name"],
                      "field": "members[%s].split" % emails[member["userId"]]})
    for code in [c for c in state["wrapUpCodes"] if c["name"].startswith("Tenant Wrap-up")][:2]:
        api.call("PUT", "/routing/wrap-up-codes/%s" % code["id"], {
            "name": code["name"], "available": not code["available"], "routingType": code["routingType"],
            "wrapUpType": code["wrapUpType"]})
        edits.append({"kind": "code", "object": "wrap-up code %s" % code["name"], "field": "available"})
    skilled = [uid for uid in sorted(state["userSkills"], key=lambda u: emails[u]) if state["userSkills"][uid]]
    for uid in skilled[:2]:
        sset = state["userSkills"][uid]
        sset[0] = dict(sset[0], level=sset[0]["level"] % 5 + 1)
        api.call("PUT", "/users/%s/skills" % uid, {"skills": sset})
        edits.append({"kind": "skill", "object": "skills of %s" % emails[uid],
                      "field": "skills[%s].level" % skills[sset[0]["id"]]})
    return edits


class AdminApi(Api):
    """The emulator's admin API with its demo access key, for the same kind of edits."""

    def __init__(self, base_url):  # pylint: disable=super-init-not-called
        self.base_url = base_url
        form = urllib.parse.urlencode({"grant_type": "password", "username": ADMIN_KEY[0],
                                       "password": ADMIN_KEY[1]}).encode()
        basic = base64.b64encode(("%s:%s" % ADMIN_APP).encode()).decode()
        request = urllib.request.Request(base_url + "/auth/token", data=form,
                                         headers={"Authorization": "Basic " + basic})
        with urllib.request.urlopen(request, timeout=60) as resp:
            self.token = json.loads(resp.read())["access_token"]
        self.root = ADMIN_ROOT


def make_admin_edits(emu):
    """Ten changes made in CXone by hand: 3 skills' service level time, 3 agents'
    proficiency in a skill, 2 dispositions switched, 2 more agents' proficiency. On CXone a
    queue member and an agent's skill are one assignment, which the export declares once, as
    the member: each proficiency edit drifts "members of queue S"."""
    state = emu.admin_state()
    api = AdminApi(emu.base_url)
    emails = {a["agentId"]: a["emailAddress"] for a in state["agents"]}
    names = {s["skillId"]: s["skillName"] for s in state["skills"]}
    edits = []
    tenant_skills = sorted((s for s in state["skills"] if s["skillName"].startswith("Tenant Queue")),
                           key=lambda s: s["skillName"])
    for skill in tenant_skills[1:4]:
        api.call("PUT", "/skills/%s" % skill["skillId"],
                 {"skill": {"serviceLevelThreshold": skill["serviceLevelThreshold"] + 7}})
        edits.append({"kind": "queue", "object": ["queue %s" % skill["skillName"]], "field": ["service_level.time"]})
    by_skill = {}
    for entry in state["assignments"]:
        by_skill.setdefault(entry["skillId"], []).append(entry)
    picked = [by_skill[s["skillId"]][0] for s in tenant_skills[5:8] if by_skill.get(s["skillId"])]
    picked += [sorted(by_skill[sid], key=lambda e: emails[e["agentId"]])[0] for sid in sorted(by_skill)
               if not names[sid].startswith("Tenant Queue")][:2]
    for entry in picked:
        proficiency = entry["proficiency"] % 20 + 1
        api.call("PUT", "/skills/%s/agents" % entry["skillId"], {"agents": [
            {"agentId": str(entry["agentId"]), "proficiency": proficiency, "isActive": entry["isActive"]}]})
        email, skill = emails[entry["agentId"]], names[entry["skillId"]]
        edits.append({"kind": "member", "skill": entry["skillId"],
                      "object": ["members of queue %s" % skill],
                      "field": ["members[%s].proficiency" % email]})
    codes = sorted((d for d in state["dispositions"] if d["dispositionName"].startswith("Tenant Wrap-up")),
                   key=lambda d: d["dispositionName"])
    for code in codes[:2]:
        api.call("PUT", "/dispositions/%s" % code["dispositionId"], {"isActive": not code["isActive"]})
        edits.append({"kind": "code", "object": ["wrap-up code %s" % code["dispositionName"]], "field": ["available"]})
    return edits


def expected_drift(edits):
    return {(obj, field) for e in edits for obj, field in zip(e["object"], e["field"])}


# ---- the phases ------------------------------------------------------------------------

def run_phase(emu, env, playbook, inventory, extra, label, report_dir=None):
    phase_env = dict(env)
    if report_dir is not None:
        phase_env["ANSIBLE_CALLBACKS_ENABLED"] = "cxone.cxone.drift_report"
        phase_env["CXONE_DRIFT_REPORT_DIR"] = str(report_dir)
    return run_playbook(emu, phase_env, REPO / "playbooks" / playbook, inventory, extra, label)


def drift_found(report_dir):
    """{(object label, field)} of the drift report the last drift check wrote."""
    found = set()
    reports = sorted(Path(report_dir).glob("*.json"))
    data = json.loads(reports[-1].read_text())
    for obj in data["objects"]:
        if obj.get("status") != "drifted":
            continue
        for change in obj.get("changes") or [{"field": obj.get("drift")}]:
            found.add((obj["label"], change.get("field")))
    return found


def tenant_figures(emu, api):
    if api == "admin":
        start = emu.admin_state()
        agents_with_skills = {a["agentId"] for a in start["assignments"]}
        return {"agents": len(start["agents"]), "skills": len(start["skills"]),
                "skill assignments": len(start["assignments"]), "agents with skills": len(agents_with_skills),
                "dispositions": len(start["dispositions"])}
    start = emu.state()
    return {"users": len(start["users"]), "queues": len(start["queues"]),
            "memberships": sum(len(m) for m in start["members"].values()),
            "wrap-up codes": len(start["wrapUpCodes"]),
            "users with skills": sum(1 for s in start["userSkills"].values() if s),
            "skill assignments": sum(len(s) for s in start["userSkills"].values()),
            "campaign schedules": sum(len(s) for s in start["campaignSchedules"].values())}


def size_run(args, factor, workdir, api="v2"):
    """Every phase at one size factor on one API surface (``admin:specs``: the admin API under
    its "specs" reading); returns the phases' figures."""
    api, _sep, reading = api.partition(":")
    reading = reading or "notes"
    emu = EmulatorProcess(args, workdir, extra=["--full-tenant", str(factor), "--reading", reading])
    phases = []
    admin = api == "admin"
    label = api if api == "v2" else "%s (%s reading)" % (api, reading)
    try:
        tenant = tenant_figures(emu, api)
        print("size %gx, api=%s: %s" % (factor, label, tenant), flush=True)
        inventory = Path(workdir) / "inventory.json"
        inventory.write_text(json.dumps({"tenants": {"hosts": {"bench": {
            "ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}))
        env = ansible_env(emu.base_url, Path(workdir) / "token-cache", args.collections, api=api)
        declared = Path(workdir) / "declared.yml"
        reports = Path(workdir) / "reports"
        common = ["cxone_hosts=tenants"]

        sections = {}  # the exported declaration, which the admin floor counts some reads of

        def phase(name, playbook, extra, kind, edits=None, report=False):
            if admin:
                bound = admin_floor(emu.admin_state(), kind, edits, first=not phases, declared=sections,
                                    reading=reading)
            else:
                bound = floor(emu.state(), kind, edits)
            run = run_phase(emu, env, playbook, inventory, common + extra, "%s (%gx, %s)" % (name, factor, label),
                            reports if report else None)
            run["phase"], run["floor"] = name, bound
            run["floor_seconds"] = paced_seconds(bound["requests"], args.rate_limit, args.burst)
            phases.append(run)
            return run

        def applied():
            return emu.admin_state()["writesApplied"] if admin else emu.state()["writesApplied"]

        phase("export", "export.yml", ["cxone_export_dest=%s" % declared], "export")
        sections.update(yaml.load(declared.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
        # As the docs say to run it: the declaration file read as data (cxone_desired_state_file).
        check = ["cxone_desired_state_file=%s" % declared]
        clean = phase("drift check", "drift_check.yml", check, "check", report=True)
        clean["verified"] = clean["recap"].get("changed", 0) == 0 and not drift_found(reports)
        # The same file as extra vars, which ansible-core's own loader reads: for comparison.
        as_vars = phase(VARS_PHASE, "drift_check.yml", ["@%s" % declared], "check", report=True)
        as_vars["verified"] = as_vars["recap"].get("changed", 0) == 0 and not drift_found(reports)
        if admin:
            edits = make_admin_edits(emu)
            expected = expected_drift(edits)
        else:
            edits = make_edits(emu)
            expected = {(e["object"], e["field"]) for e in edits}
        dirty = phase("drift check after edits", "drift_check.yml", check, "check", report=True)
        found = drift_found(reports)
        dirty["verified"] = found == expected
        dirty["found"] = sorted("%s: %s" % f for f in found)
        if not dirty["verified"]:
            print("  drift found %s, expected %s" % (sorted(found), sorted(expected)), flush=True)
        applied_before = applied()
        converge = phase("converge", "desired_state.yml", check, "converge", edits)
        converge["verified"] = applied() - applied_before == len(edits)
        rerun = phase("rerun", "desired_state.yml", check, "check")
        rerun["verified"] = rerun["stats"]["write_requests"] == 0 and rerun["recap"].get("changed", 0) == 0
        exported_again = Path(workdir) / "again.yml"
        run_phase(emu, env, "export.yml", inventory, common + ["cxone_export_dest=%s" % exported_again],
                  "export again (%gx, %s)" % (factor, label))
        restored = yaml.safe_load(declared.read_text()) == yaml.safe_load(exported_again.read_text())
        converge["verified"] = converge["verified"] and restored
    finally:
        emu.stop()
    return {"factor": factor, "api": label, "tenant": tenant, "phases": phases}


# ---- report ----------------------------------------------------------------------------

def verdicts(size):
    lines = []
    for p in size["phases"]:
        if p["phase"] == "export":
            continue
        if p["phase"] == VARS_PHASE:
            lines.append("%gx api=%s %s: for comparison, no target (wall %.1f s, requests %d); results %s" % (
                size["factor"], size["api"], p["phase"], p["wall"], p["stats"]["requests"],
                "right" if p.get("verified") else "WRONG"))
            continue
        requests = p["stats"]["requests"]
        target_time = 1.5 * p["floor_seconds"] + FIXED_SECONDS
        ok_requests = requests <= 1.2 * p["floor"]["requests"]
        ok_time = p["wall"] <= target_time
        lines.append("%gx api=%s %s: requests %d <= 1.2 x %d %s; wall %.1f s <= %.1f s %s; results %s" % (
            size["factor"], size["api"], p["phase"], requests, p["floor"]["requests"], "met" if ok_requests else "MISSED",
            p["wall"], target_time, "met" if ok_time else "MISSED", "right" if p.get("verified") else "WRONG"))
    return lines


def render(results):
    out = [START, "", "## Full-tenant benchmark", ""]
    add = out.append
    m = results["machine"]
    add("Measured %s on %s (%d cores, %s), load %.2f at the start and %.2f at the end; Python %s, "
        "ansible-core %s; rate limit %s. `make bench` (benchmarks/full_tenant.py) wrote this section."
        % (m["date"], m["os"], m["nproc"], m["cpu"], results["load_start"], results["load_end"], m["python"],
           m["ansible-core"], m["rate limit"]))
    add("")
    add("The floor: every collection read once at 100 a page, skill sets in batched GETs of 50, writes only "
        "for the differences, batched where the contract allows (a queue PUT needs If-Match, which a batch "
        "operation cannot carry), one token; its time is (requests - burst) / rate. Targets: requests <= 1.2 x "
        "the floor and wall time <= 1.5 x the floor's time + %g s, at every size." % FIXED_SECONDS)
    add("")
    add("The drift checks, the converge and the rerun read the exported declaration as the docs say to, with "
        "`-e cxone_desired_state_file=<file>` (the file read as data, with the C YAML loader). The row "
        "'%s' is the same drift check with the file given as `-e @<file>`, which ansible-core's own "
        "variable loader reads: for comparison, without a target." % VARS_PHASE)
    add("")
    add("On api=admin (the real CXone API, the emulator's admin surface seeded with the same tenant: queues and "
        "skills are one list of skills, memberships and users' skills one list of assignments) the floor is that "
        "API's own: every list read once at 100 a page, all skills' assignments in reads of 100 skills, each "
        "declared unavailable code and hours profile read whole and each declared schedule's skill settings read "
        "once (the lists leave these fields out), one write per changed skill, per skill whose assignments changed and per changed disposition (no batch "
        "update), each kind read back once after writing (no versions), the token and the discovery of the API "
        "host only in the first phase (both are cached). Its edits: 3 skills' service level time, 5 agents' "
        "proficiency (each one assignment, declared once, as a queue's member), 2 dispositions.")
    for size in results["sizes"]:
        add("")
        add("### %gx, api=%s: %s" % (size["factor"], size["api"], ", ".join("%s %s" % (f"{v:,}", k) for k, v in size["tenant"].items())))
        add("")
        add("| phase | wall | module runs | requests | writes | floor | requests / floor | time / floor | results |")
        add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for p in size["phases"]:
            floor_time = max(p["floor_seconds"], 0.1)
            add("| %s | %.1f s | %d | %d | %d | %d / %.1f s | %.2fx | %.1fx | %s |" % (
                p["phase"], p["wall"], p["module_runs"], p["stats"]["requests"], p["stats"]["write_requests"],
                p["floor"]["requests"], p["floor_seconds"], p["stats"]["requests"] / p["floor"]["requests"],
                p["wall"] / floor_time, {True: "right", False: "WRONG", None: "-"}[p.get("verified")]))
        add("")
        add("Requests by route:")
        add("")
        for p in size["phases"]:
            routes = ", ".join("%s %d" % (r, n) for r, n in sorted(p["stats"]["by_route"].items(), key=lambda i: -i[1]))
            add("- %s: %s" % (p["phase"], routes))
        add("")
        for line in verdicts(size):
            add("- " + line)
    add("")
    add(END)
    return "\n".join(out)


def write_section(path, section):
    """Replace (or append) this benchmark's section of results.md; the peak mode part stays."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text and END in text:
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--sizes", default="0.2,1,2", help="size factors of the mid-size tenant (default 0.2,1,2)")
    parser.add_argument("--rate-limit", type=float, default=20.0, help="requests/s per client (default 20)")
    parser.add_argument("--burst", type=int, default=40, help="bucket size (default 40)")
    parser.add_argument("--results", default=str(BENCH / "results.md"), help="the results file to write")
    parser.add_argument("--apis", default="v2,admin,admin:specs",
                        help="API surfaces to run on; admin:specs is the admin API under its second reading "
                             "(default v2,admin,admin:specs)")
    parser.add_argument("--collections", type=Path, default=COLLECTIONS)
    args = parser.parse_args(argv)
    args.users = args.queues = args.wrapup_codes = 0  # the full tenant comes from --full-tenant
    results = {"machine": machine(args), "sizes": [], "load_start": os.getloadavg()[0]}
    for api in args.apis.split(","):
        for factor in (float(f) for f in args.sizes.split(",")):
            with tempfile.TemporaryDirectory(prefix="cxone-full-tenant-") as workdir:
                results["sizes"].append(size_run(args, factor, workdir, api))
    results["load_end"] = os.getloadavg()[0]
    section = render(results)
    write_section(Path(args.results), section)
    print(section)
    wrong = [line for size in results["sizes"] for line in verdicts(size) if "MISSED" in line or "WRONG" in line]
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
