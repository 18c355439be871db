# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Peak mode benchmark: 500 agents into 4 overflow queues (2,000 memberships) and 20
peak-only wrap-up codes, against the tenant emulator with a rate limit.

Run it with ``make bench`` (see benchmarks/README.md). It starts the emulator as a
separate process, runs each phase as a real ``ansible-playbook`` of
playbooks/peak_mode.yml, compares each phase with the fewest requests the API
contract allows, runs the same "peak on" as an ``ansible.builtin.uri`` loop, and
writes benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
COLLECTIONS = REPO / ".build" / "collections"
EMULATOR_DIR = REPO / "tests" / "emulator"
sys.path.insert(0, str(REPO / "tests" / "support"))
from playbook_run import DEMO_CLIENT  # noqa: E402  pylint: disable=wrong-import-position
from playbook_run import ansible_env as test_ansible_env  # noqa: E402  pylint: disable=wrong-import-position

CLIENT_ID, CLIENT_SECRET = DEMO_CLIENT  # the emulator's published demo client
IN_WINDOW = "2026-03-09T09:05"   # a Monday, 09:05 in America/New_York: inside the window
OFF_WINDOW = "2026-03-09T12:00"  # the same Monday at noon: outside it
PAGE_SIZE = 100  # the contract's largest page
BATCH_LIMIT = 50  # operations per batch request
FEW_SECONDS = 5.0  # "a few seconds of fixed cost" in the peak-on target
FULL_TENANT_START = "<!-- full-tenant:start -->"


# ---- the emulator, a separate process ---------------------------------------------

class EmulatorProcess:
    def __init__(self, args, workdir, extra=()):
        port_file = Path(workdir) / "emulator.port"
        cmd = [sys.executable, "-m", "cxone_emulator", "--port", "0", "--port-file", str(port_file),
               "--users", str(args.users), "--queues", str(args.queues), "--wrapup-codes", str(args.wrapup_codes),
               "--rate-limit", str(args.rate_limit), "--burst", str(args.burst), *extra]
        env = dict(os.environ, PYTHONPATH=str(EMULATOR_DIR))
        self.log = open(Path(workdir) / "emulator.log", "w", encoding="utf-8")  # pylint: disable=consider-using-with
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT)  # pylint: disable=consider-using-with
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the emulator did not start; see %s" % self.log.name)
            time.sleep(0.1)
        self.base_url = "http://127.0.0.1:%s" % port_file.read_text().strip()

    def admin(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base_url + "/_emulator/" + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def stats(self):
        return self.admin("GET", "stats")

    def state(self):
        return self.admin("GET", "state")

    def admin_state(self):
        return self.admin("GET", "admin-state")

    def reset(self):
        self.admin("POST", "reset")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def stats_delta(before, after):
    delta = {}
    for key in ("requests", "token_requests", "rate_limited", "write_requests"):
        delta[key] = after[key] - before[key]
    for key in ("by_method", "by_route", "status"):
        diff = Counter(after.get(key) or {})
        diff.subtract(Counter(before.get(key) or {}))
        delta[key] = {k: v for k, v in sorted(diff.items()) if v}
    return delta


# ---- the scenario -----------------------------------------------------------------

def scenario(args):
    agents = ["agent%04d@acme.example" % i for i in range(1, args.agents + 1)]
    queues = ["Bench Queue %03d" % i for i in range(1, args.overflow_queues + 1)]
    # The even-numbered synthetic codes are seeded unavailable: peak on has to write each one.
    codes = ["Bench Wrap-up %03d" % (2 * i) for i in range(1, args.peak_codes + 1)]
    return {
        "peak_mode_calendar": {
            "timezone": "America/New_York",
            "windows": [{"name": "Bench window", "days": ["mon", "tue", "wed", "thu", "fri"],
                         "start": "09:00", "end": "11:00"}],
            "holidays": [],
        },
        "peak_mode_load": None,
        "peak_mode_memberships": [{"queue": q, "members": [{"user": a} for a in agents]} for q in queues],
        "peak_mode_wrapup_codes": [{"name": c} for c in codes],
    }


def lower_bound(state, role_vars, active, token_cached, rate, burst):
    """The fewest rate-limited requests the contract allows to converge ``state`` to the
    peak (``active``) or off-peak state, and the least time they take at the rate limit."""
    queues = {q["name"].casefold(): q for q in state["queues"]}
    users = {u["email"].casefold(): u["id"] for u in state["users"]}
    codes = {c["name"].casefold(): c for c in state["wrapUpCodes"]}
    member_pages = 0
    member_ops = 0
    for entry in role_vars["peak_mode_memberships"]:
        qid = queues[entry["queue"].casefold()]["id"]
        present = {m["userId"] for m in state["members"].get(qid, [])}
        member_pages += pages(len(present))
        wanted = {users[m["user"].casefold()] for m in entry["members"]}
        member_ops += len(wanted - present) if active else len(wanted & present)
    code_ops = sum(1 for c in role_vars["peak_mode_wrapup_codes"]
                   if codes.get(c["name"].casefold(), {}).get("available") != active)
    reads = {
        "GET users (resolve e-mails)": pages(len(state["users"])),
        "GET queues (resolve names)": pages(len(state["queues"])),
        "GET members (what is there)": member_pages,
        "GET wrap-up codes (ids, availability)": pages(len(state["wrapUpCodes"])),
    }
    writes_batched = math.ceil((member_ops + code_ops) / BATCH_LIMIT)
    writes_per_code = math.ceil(member_ops / BATCH_LIMIT) + code_ops
    total = sum(reads.values()) + writes_batched
    total_per_code = sum(reads.values()) + writes_per_code
    return {
        "reads": reads,
        "member_ops": member_ops,
        "code_ops": code_ops,
        "writes": writes_batched,
        "requests": total,
        "seconds": paced_seconds(total, rate, burst),
        "requests_per_code_put": total_per_code,
        "seconds_per_code_put": paced_seconds(total_per_code, rate, burst),
        "token_requests": 0 if token_cached else 1,
    }


def pages(count):
    return max(1, math.ceil(count / PAGE_SIZE))


def paced_seconds(requests, rate, burst):
    """Least time for ``requests`` at ``rate``/s from a full bucket of ``burst``."""
    return max(0, requests - burst) / rate


# ---- running ansible-playbook -------------------------------------------------------

def ansible_env(base_url, cache_dir, collections=COLLECTIONS, api="v2"):
    """The tests' playbook environment, with the benchmark's stdout callback."""
    return test_ansible_env(base_url, cache_dir, DEMO_CLIENT, collections, (BENCH / "callback", "cxone_bench"),
                            api=api)


def run_playbook(emu, env, playbook, inventory, extra_vars=(), label=""):
    cmd = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", str(inventory), str(playbook)]
    for value in extra_vars:
        cmd.extend(["-e", value])
    print("  running %s ..." % label, flush=True)
    before = emu.stats()
    started = time.monotonic()
    proc = subprocess.run(cmd, env=env, cwd=str(REPO), capture_output=True, text=True, timeout=7200, check=False)
    wall = time.monotonic() - started
    after = emu.stats()
    data = None
    for line in proc.stdout.splitlines():
        if line.startswith('{"bench"'):
            data = json.loads(line)["bench"]
    if proc.returncode != 0 or data is None:
        raise RuntimeError("%s failed (rc %s)\nstdout:\n%s\nstderr:\n%s"
                           % (label, proc.returncode, proc.stdout[-5000:], proc.stderr[-3000:]))
    recap = {}
    for host_stats in data["recap"].values():
        for key, value in host_stats.items():
            recap[key] = recap.get(key, 0) + value
    tasks = data["tasks"]
    return {
        "label": label,
        "wall": wall,
        "play_seconds": data["play_seconds"],
        "tasks": tasks,
        "recap": recap,
        "task_count": len(tasks),
        "module_runs": sum(t["runs"] for t in tasks if not _controller_only(t["action"])),
        "failed": sum(t["failed"] for t in tasks),
        "stats": stats_delta(before, after),
        "messages": [m for t in tasks for m in t["messages"]],
    }


def _controller_only(action):
    """Tasks that run no module process (actions that run on the controller)."""
    return action.split(".")[-1] in ("set_fact", "assert", "debug", "include_role", "import_role", "include_tasks",
                                     "import_tasks", "meta", "validate_argument_spec")


# ---- import time ---------------------------------------------------------------------

def import_times(module, collections):
    """-X importtime of one module's file in a fresh interpreter, then of httpx and pydantic
    (which a run needs, whether the module file imports them or not): cumulative ms."""
    code = ("import sys; sys.path.insert(0, %r); import ansible_collections.cxone.cxone.plugins.modules.%s; "
            "import httpx, pydantic" % (str(collections), module))
    best = None
    for _repeat in range(5):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                              check=True, cwd=tempfile.gettempdir())
        found = {}
        for line in proc.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)$", line)
            if match and len(match.group(3)) == 1:  # top-level imports only
                found[match.group(4)] = found.get(match.group(4), 0) + int(match.group(2)) / 1000.0
        wanted = {
            "module file": found.get("ansible_collections.cxone.cxone.plugins.modules." + module, 0.0),
            "httpx (if not already in)": found.get("httpx", 0.0),
            "pydantic (if not already in)": found.get("pydantic", 0.0),
        }
        wanted["total"] = sum(wanted.values())
        if best is None or wanted["total"] < best["total"]:
            best = wanted
    return best


# ---- phases --------------------------------------------------------------------------

def peak_phases(emu, args, workdir, results):
    role_vars = scenario(args)
    vars_file = Path(workdir) / "peak_vars.json"
    vars_file.write_text(json.dumps(role_vars))
    inventory = Path(workdir) / "inventory.json"
    inventory.write_text(json.dumps({"tenants": {"hosts": {"bench": {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}))
    cache = Path(workdir) / "token-cache"
    env = ansible_env(emu.base_url, cache, args.collections)
    playbook = REPO / "playbooks" / "peak_mode.yml"
    phases = (("peak on", IN_WINDOW, True, False), ("converged rerun", IN_WINDOW, True, True),
              ("peak off", OFF_WINDOW, False, True))
    for label, now, active, token_cached in phases:
        bound = lower_bound(emu.state(), role_vars, active, token_cached, args.rate_limit, args.burst)
        run = run_playbook(emu, env, playbook, inventory, ["@" + str(vars_file), "peak_mode_now=" + now], label)
        run["lower_bound"] = bound
        run["verified"] = verify(emu.state(), role_vars, active)
        results["phases"].append(run)
    results["task_cost"] = task_cost(emu, args, env, inventory)


# ---- the same scenario on the real CXone API (api=admin) ------------------------------

ADMIN_ITEM_LIMIT = 100   # items in one array-bodied write
ADMIN_SKILL_QUERY = 100  # skills in one read of many skills' assignments


def admin_lower_bound(state, role_vars, active, token_cached, rate, burst, reading="notes"):
    """The fewest requests the admin API allows for the same phase: lists read once at 100 a
    page, the four skills' assignments in one read, assignments added or removed 100 a request
    per skill, each changed disposition one PUT (the API has no batch update), and the read
    back after writing that an API without versions needs. Under the "specs" reading
    (docs/api/admin.md) a read of many skills answers at most one page with nothing that says
    more follow, so each skill's assignments are read on their own, paged."""
    skills = {s["skillName"].casefold(): s["skillId"] for s in state["skills"]}
    agents = {a["emailAddress"].casefold(): a["agentId"] for a in state["agents"]}
    codes = {d["dispositionName"].casefold(): d for d in state["dispositions"]}
    held = {(a["skillId"], a["agentId"]) for a in state["assignments"]}
    skill_writes = 0
    for entry in role_vars["peak_mode_memberships"]:
        skill_id = skills[entry["queue"].casefold()]
        wanted = {(skill_id, agents[m["user"].casefold()]) for m in entry["members"]}
        skill_writes += math.ceil(len(wanted - held if active else wanted & held) / ADMIN_ITEM_LIMIT)
    code_ops = sum(1 for c in role_vars["peak_mode_wrapup_codes"]
                   if codes.get(c["name"].casefold(), {}).get("isActive") != active)
    assignment_reads = math.ceil(len(role_vars["peak_mode_memberships"]) / ADMIN_SKILL_QUERY)
    if reading == "specs":
        held_by_skill = Counter(skill_id for skill_id, _agent in held)
        assignment_reads = 0
        for entry in role_vars["peak_mode_memberships"]:
            skill_id = skills[entry["queue"].casefold()]
            assignment_reads += max(1, pages(max(held_by_skill[skill_id], len(entry["members"]) if active else 0)))
    reads = {
        "GET agents (resolve e-mails)": pages(len(state["agents"])),
        "GET skills (resolve names)": pages(len(state["skills"])),
        "GET skills/agents (what is assigned)": assignment_reads * (2 if skill_writes else 1),
        "GET dispositions (ids, isActive)": pages(len(state["dispositions"])) * (2 if code_ops else 1),
    }
    total = sum(reads.values()) + skill_writes + code_ops
    return {"reads": reads, "member_ops": skill_writes, "code_ops": code_ops, "writes": skill_writes + code_ops,
            "requests": total, "seconds": paced_seconds(total, rate, burst),
            "token_requests": 0 if token_cached else 2}  # the token and the discovery of the API host


def admin_verify(state, role_vars, active):
    skills = {s["skillName"]: s["skillId"] for s in state["skills"]}
    agents = {a["emailAddress"]: a["agentId"] for a in state["agents"]}
    held = {(a["skillId"], a["agentId"]) for a in state["assignments"]}
    for entry in role_vars["peak_mode_memberships"]:
        wanted = {(skills[entry["queue"]], agents[m["user"]]) for m in entry["members"]}
        if not (wanted <= held if active else not wanted & held):
            return False
    codes = {d["dispositionName"]: d for d in state["dispositions"]}
    return all(codes[c["name"]]["isActive"] == active for c in role_vars["peak_mode_wrapup_codes"])


ADMIN_READINGS = {"notes": ("admin_phases", "api=admin"), "specs": ("admin_phases_specs", "api=admin-specs")}


def admin_peak_phases(emu, args, workdir, results, reading="notes"):
    """Peak on, converged rerun and peak off on api=admin, from the seeded tenant, under one
    reading of the admin API (docs/api/admin.md, "Two readings of the API")."""
    key, name = ADMIN_READINGS[reading]
    emu.admin("POST", "config", {"reading": reading})
    emu.reset()
    role_vars = scenario(args)
    vars_file = Path(workdir) / "peak_vars.json"
    vars_file.write_text(json.dumps(role_vars))
    inventory = Path(workdir) / "inventory.json"
    cache = Path(workdir) / ("admin-token-cache-" + reading)
    env = ansible_env(emu.base_url, cache, args.collections, api="admin")
    playbook = REPO / "playbooks" / "peak_mode.yml"
    phases = (("peak on", IN_WINDOW, True, False), ("converged rerun", IN_WINDOW, True, True),
              ("peak off", OFF_WINDOW, False, True))
    for label, now, active, token_cached in phases:
        bound = admin_lower_bound(emu.admin_state(), role_vars, active, token_cached, args.rate_limit, args.burst,
                                  reading)
        run = run_playbook(emu, env, playbook, inventory, ["@" + str(vars_file), "peak_mode_now=" + now],
                           name + " " + label)
        run["lower_bound"] = bound
        run["verified"] = admin_verify(emu.admin_state(), role_vars, active)
        results.setdefault(key, []).append(run)


def verify(state, role_vars, active):
    """The tenant is in the state the phase was to reach."""
    queues = {q["name"]: q["id"] for q in state["queues"]}
    users = {u["email"]: u["id"] for u in state["users"]}
    codes = {c["name"]: c for c in state["wrapUpCodes"]}
    for entry in role_vars["peak_mode_memberships"]:
        present = {m["userId"] for m in state["members"].get(queues[entry["queue"]], [])}
        wanted = {users[m["user"]] for m in entry["members"]}
        if not (wanted <= present if active else not wanted & present):
            return False
    return all(codes[c["name"]]["available"] == active for c in role_vars["peak_mode_wrapup_codes"])


def task_cost(emu, args, env, inventory):
    code = next(c for c in emu.state()["wrapUpCodes"] if c["name"] == "Bench Wrap-up 001")
    rounds = 4
    per_round = max(1, args.task_runs // rounds)
    run = run_playbook(emu, env, BENCH / "task_cost.yml", inventory,
                       ["bench_rounds=%d" % rounds, "bench_runs=%d" % per_round, "bench_code=%s" % code["name"],
                        "bench_code_available=%s" % code["available"]],
                       "per-task cost (%d x %d runs each)" % (rounds, per_round))
    seconds, runs = Counter(), Counter()
    for task in run["tasks"]:
        if task["runs"] and not _controller_only(task["action"]):
            seconds[task["name"]] += task["seconds"]
            runs[task["name"]] += task["runs"]
    run["per_run"] = {name: seconds[name] / runs[name] for name in runs}
    run["runs_each"] = rounds * per_round
    run["requests_per_run"] = run["stats"]["requests"] / (2.0 * rounds * per_round)
    return run


def uri_phase(emu, args, workdir, results):
    emu.reset()  # back to the seed: off peak, no tokens, a full bucket
    state = emu.state()
    role_vars = scenario(args)
    queues = {q["name"]: q["id"] for q in state["queues"]}
    users = {u["email"]: u["id"] for u in state["users"]}
    codes = {c["name"]: c for c in state["wrapUpCodes"]}
    memberships = [{"queue_id": queues[e["queue"]], "user_id": users[m["user"]]}
                   for e in role_vars["peak_mode_memberships"] for m in e["members"]]
    full = len(memberships)
    sample = args.uri_sample if 0 < args.uri_sample < full else full
    uri_vars = {
        "bench_base_url": emu.base_url, "bench_client_id": CLIENT_ID, "bench_client_secret": CLIENT_SECRET,
        "bench_memberships": memberships[:sample],
        "bench_codes": [{"id": codes[c["name"]]["id"], "name": c["name"],
                         "routing_type": codes[c["name"]]["routingType"],
                         "wrap_up_type": codes[c["name"]]["wrapUpType"]} for c in role_vars["peak_mode_wrapup_codes"]],
    }
    vars_file = Path(workdir) / "uri_vars.json"
    vars_file.write_text(json.dumps(uri_vars))
    env = ansible_env(emu.base_url, Path(workdir) / "uri-token-cache")
    label = "uri loop (%d of %d memberships)" % (sample, full)
    run = run_playbook(emu, env, BENCH / "uri_loop.yml", "localhost,", ["@" + str(vars_file)], label)
    add = next(t for t in run["tasks"] if t["name"].startswith("Add each membership"))
    run["sample"], run["full"] = sample, full
    after = emu.state()
    run["verified"] = sum(len(after["members"].get(qid, [])) for qid in set(queues[e["queue"]] for e in
                          role_vars["peak_mode_memberships"])) == sample
    run["per_iteration"] = add["seconds"] / max(1, add["runs"])
    if sample < full:
        linear = run["wall"] + add["seconds"] * (full / sample - 1)
        floor = paced_seconds(full + len(uri_vars["bench_codes"]), args.rate_limit, args.burst)
        run["estimated_wall"] = max(linear, floor)
        run["extrapolated"] = True
    else:
        run["estimated_wall"] = run["wall"]
        run["extrapolated"] = False
    results["uri"] = run


# ---- report ----------------------------------------------------------------------------

def machine(args):
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    import ansible  # noqa: E402  pylint: disable=import-outside-toplevel
    import httpx  # pylint: disable=import-outside-toplevel
    import pydantic  # pylint: disable=import-outside-toplevel

    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "ansible-core": ansible.__version__,
        "httpx": httpx.__version__,
        "pydantic": pydantic.VERSION,
        "git": version(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]) + (
            "" if args.collections == COLLECTIONS else " (collection from %s)" % args.collections),
        "rate limit": "%g requests/s per client, burst %d" % (args.rate_limit, args.burst),
        "tenant": "%d synthetic users (+ the default seed's), %d synthetic queues, %d synthetic wrap-up codes"
                  % (args.users, args.queues, args.wrapup_codes),
    }


def _cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def admin_verdicts(results, key="admin_phases", name="api=admin"):
    """The peak-mode targets on api=admin, each against that API's own floor."""
    if not results.get(key):
        return []
    on, rerun, off = results[key]
    lines = []
    for phase in (on, off):
        target = 1.5 * phase["lower_bound"]["seconds"] + FEW_SECONDS
        lines.append(("%s %s within 1.5x its floor + %gs" % (name, phase["label"].split(" ", 1)[1], FEW_SECONDS),
                      phase["wall"] <= target and phase["verified"],
                      "%.1f s measured, target <= %.1f s; tenant as declared: %s"
                      % (phase["wall"], target, "yes" if phase["verified"] else "NO")))
    sent = rerun["stats"]["requests"] - rerun["stats"]["token_requests"]
    lines.append(("%s converged rerun: no write, only the reads the API needs" % name,
                  rerun["stats"]["write_requests"] == 0 and sent <= rerun["lower_bound"]["requests"],
                  "%d writes; %d reads sent, %d needed"
                  % (rerun["stats"]["write_requests"], sent, rerun["lower_bound"]["requests"])))
    return lines


def admin_report(results, add, key="admin_phases", name="api=admin"):
    phases = results.get(key)
    if not phases:
        return
    add("## The same scenario on the real CXone API (%s)" % name)
    if key != "admin_phases":
        add("")
        add("Under the admin API's second reading (docs/api/admin.md, \"Two readings of the API\"): the first "
            "read of many skills' assignments is cut short, so each skill is read on its own, paged.")
    add("")
    add("The emulator's admin surface (skills, skill assignments with a proficiency, dispositions), seeded with "
        "the same tenant. Its floor is the admin API's own: lists read once at 100 a page, the skills' "
        "assignments in one read of many skills, assignments added or removed 100 a request per skill, one PUT "
        "per changed disposition (the API has no batch update), and one read back after writing (the API has "
        "no versions to say what a write left). Token requests (+) are the token and the discovery of the API host.")
    add("")
    add("| phase | wall s | module runs | changed | requests (+token) | 429s | writes | floor: requests (+token) / s "
        "| requests / floor | verified |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for p in phases:
        s, lb = p["stats"], p["lower_bound"]
        sent = s["requests"] - s["token_requests"] - s["by_route"].get("GET /.well-known/cxone-configuration", 0)
        add("| %s | %.1f | %d | %d | %d (+%d) | %d | %d | %d (+%d) / %.2f | %.2fx | %s |" % (
            p["label"], p["wall"], p["module_runs"], p["recap"].get("changed", 0), sent, s["requests"] - sent,
            s["rate_limited"], s["write_requests"], lb["requests"], lb["token_requests"], lb["seconds"],
            sent / max(1, lb["requests"]), "yes" if p["verified"] else "NO"))
    add("")
    add("| route | " + " | ".join(p["label"] for p in phases) + " |")
    add("| --- |" + " ---: |" * len(phases))
    for route in sorted({r for p in phases for r in p["stats"]["by_route"]}):
        add("| `%s` | %s |" % (route, " | ".join(str(p["stats"]["by_route"].get(route, 0)) for p in phases)))
    add("")
    add("| target | met | figures |")
    add("| --- | --- | --- |")
    for target, met, text in admin_verdicts(results, key, name):
        add("| %s | %s | %s |" % (target, "yes" if met else "**no**", text))
    add("")


def verdicts(results):
    on, rerun, off = results["phases"]
    uri = results.get("uri")
    cost = results["task_cost"]
    lines = []
    target_on = 1.5 * on["lower_bound"]["seconds"] + FEW_SECONDS
    lines.append(("Peak on within 1.5x the lower bound + %gs" % FEW_SECONDS,
                  on["wall"] <= target_on,
                  "%.1f s measured, target <= %.1f s (1.5 x %.2f s + %g s)"
                  % (on["wall"], target_on, on["lower_bound"]["seconds"], FEW_SECONDS)))
    reads_only = rerun["stats"]["write_requests"] == 0
    extra_reads = rerun["stats"]["requests"] - rerun["stats"]["token_requests"] - rerun["lower_bound"]["requests"]
    lines.append(("Converged rerun: no write, only the reads the contract needs",
                  reads_only and extra_reads <= 0,
                  "%d writes; %d reads sent, %d needed (%+d)"
                  % (rerun["stats"]["write_requests"], rerun["stats"]["requests"] - rerun["stats"]["token_requests"],
                     rerun["lower_bound"]["requests"], extra_reads)))
    lines.append(("Converged rerun: <= 1 token request",
                  rerun["stats"]["token_requests"] <= 1, "%d token request(s)" % rerun["stats"]["token_requests"]))
    lines.append(("Converged rerun: a few seconds",
                  rerun["wall"] <= FEW_SECONDS, "%.1f s (target <= %g s)" % (rerun["wall"], FEW_SECONDS)))
    if uri:
        ratio = uri["estimated_wall"] / on["wall"]
        lines.append(("At least 20x faster than the uri loop", ratio >= 20,
                      "%.1fx (%s%.0f s / %.1f s)" % (ratio, "extrapolated " if uri["extrapolated"] else "",
                                                     uri["estimated_wall"], on["wall"])))
    failed = sum(p["failed"] for p in results["phases"]) + cost["failed"]
    limited = sum(p["stats"]["rate_limited"] for p in results["phases"]) + cost["stats"]["rate_limited"]
    lines.append(("No 429 reaches a task as a failure", failed == 0,
                  "%d failed tasks; %d 429s answered in all (retried by the client)" % (failed, limited)))
    return lines


def report(results, args):
    out = []
    add = out.append
    m = results["machine"]
    add("# Peak mode benchmark results")
    add("")
    add("Written by `make bench` (benchmarks/bench.py); how to read it: benchmarks/README.md.")
    add("")
    add("| | |")
    add("| --- | --- |")
    for key in ("date", "git", "nproc", "cpu", "os", "python", "ansible-core", "httpx", "pydantic",
                "rate limit", "tenant"):
        add("| %s | %s |" % (key, m[key]))
    add("| load average (1 min) at start / end | %.2f / %.2f |" % (results["load_start"], results["load_end"]))
    add("| scenario | %d agents into %d queues (%d memberships), %d peak-only wrap-up codes |"
        % (args.agents, args.overflow_queues, args.agents * args.overflow_queues, args.peak_codes))
    add("")
    # The load at the end includes the benchmark's own processes (about one core's worth).
    half = (m["nproc"] or 1) * 0.5
    if results["load_start"] > half or results["load_end"] > half + 1:
        add("**The machine was busy during this run** (load average above half the cores, not counting the "
            "benchmark's own): wall times are pessimistic. Request counts do not depend on load.")
        add("")
    add("## Phases")
    add("")
    add("| phase | wall s | in play s | tasks | module runs | changed | requests (+token) | 429s | writes "
        "| lower bound: requests / s | verified |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for p in results["phases"]:
        s, lb = p["stats"], p["lower_bound"]
        add("| %s | %.1f | %.1f | %d | %d | %d | %d (+%d) | %d | %d | %d (+%d) / %.2f | %s |" % (
            p["label"], p["wall"], p["play_seconds"], p["task_count"], p["module_runs"], p["recap"].get("changed", 0),
            s["requests"] - s["token_requests"], s["token_requests"], s["rate_limited"], s["write_requests"],
            lb["requests"], lb["token_requests"], lb["seconds"], "yes" if p["verified"] else "NO"))
    uri = results.get("uri")
    if uri:
        s = uri["stats"]
        add("| %s | %.1f | %.1f | %d | %d | %d | %d (+%d) | %d | %d | | %s |" % (
            uri["label"], uri["wall"], uri["play_seconds"], uri["task_count"], uri["module_runs"],
            uri["recap"].get("changed", 0), s["requests"] - s["token_requests"], s["token_requests"],
            s["rate_limited"], s["write_requests"], "yes" if uri["verified"] else "NO"))
        if uri["extrapolated"]:
            add("| uri loop, all %d memberships (**extrapolated** linearly from the sample) | %.0f | | | | | | | | | |"
                % (uri["full"], uri["estimated_wall"]))
    add("")
    if uri:
        add("The uri loop took %.2f s per iteration (one module run, one POST); peak on by the role took %.1f s "
            "for all %d memberships: %.1fx%s." % (
                uri["per_iteration"], results["phases"][0]["wall"], uri["full"],
                uri["estimated_wall"] / results["phases"][0]["wall"],
                " (uri wall extrapolated from %d iterations)" % uri["sample"] if uri["extrapolated"] else ""))
        add("")
    add("Wall = the whole `ansible-playbook` process; in play = first play start to recap. Tasks = tasks "
        "started (recap: ok %s); module runs = module processes (each loop item is one). Requests exclude "
        "token requests, shown after the +. Lower bound: see benchmarks/README.md." % ", ".join(
            "%s=%d" % (p["label"], p["recap"].get("ok", 0)) for p in results["phases"]))
    add("")
    add("## Targets")
    add("")
    add("| target | met | figures |")
    add("| --- | --- | --- |")
    for name, met, text in verdicts(results):
        add("| %s | %s | %s |" % (name, "yes" if met else "**no**", text))
    add("")
    add("## Requests by route")
    add("")
    routes = sorted({r for p in results["phases"] + ([uri] if uri else []) for r in p["stats"]["by_route"]})
    labels = [p["label"] for p in results["phases"]] + (["uri loop"] if uri else [])
    add("| route | " + " | ".join(labels) + " |")
    add("| --- |" + " ---: |" * len(labels))
    runs = results["phases"] + ([uri] if uri else [])
    for route in routes:
        counts = [str(p["stats"]["by_route"].get(route, 0)) for p in runs]
        add("| `%s` | %s |" % (route, " | ".join(counts)))
    methods = [", ".join("%s %d" % kv for kv in p["stats"]["by_method"].items()) for p in runs]
    add("| by method | %s |" % " | ".join(methods))
    add("")
    add("## Lower bound per phase")
    add("")
    add("| phase | users pages | queues pages | member pages | code pages | member ops | code ops "
        "| batch writes | total | s at the limit | with one PUT per code: total / s |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for p in results["phases"]:
        lb = p["lower_bound"]
        r = list(lb["reads"].values())
        add("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %.2f | %d / %.2f |" % (
            p["label"], r[0], r[1], r[2], r[3], lb["member_ops"], lb["code_ops"], lb["writes"], lb["requests"],
            lb["seconds"], lb["requests_per_code_put"], lb["seconds_per_code_put"]))
    add("")
    for reading, (key, name) in ADMIN_READINGS.items():
        admin_report(results, add, key, name)
    cost = results["task_cost"]
    per_run = cost["per_run"].get("Converged wrap-up code", 0.0)
    floor = cost["per_run"].get("Ansible's floor (ping)", 0.0)
    add("## Where the time goes")
    add("")
    add("Start/stop = ansible-playbook wall minus in-play time. Module runs x cost = module runs x the measured "
        "cost of one converged cxone module run (%.2f s, of which Ansible's own floor, a `ping`, is %.2f s). "
        "Rate floor = the least time the requests actually sent need at the limit, from a full bucket; it "
        "overlaps the module runs (requests are sent during them)." % (per_run, floor))
    add("")
    add("| phase | wall s | start/stop s | module runs x cost s | rate floor of requests sent s | lower bound s |")
    add("| --- | ---: | ---: | ---: | ---: | ---: |")
    for p in results["phases"]:
        sent = p["stats"]["requests"] - p["stats"]["token_requests"]
        add("| %s | %.1f | %.1f | %d x %.2f = %.1f | %.2f | %.2f |" % (
            p["label"], p["wall"], p["wall"] - p["play_seconds"], p["module_runs"], per_run,
            p["module_runs"] * per_run, paced_seconds(sent, args.rate_limit, args.burst), p["lower_bound"]["seconds"]))
    add("")
    add("### Per task (peak on)")
    add("")
    add("| task | module runs | seconds |")
    add("| --- | ---: | ---: |")
    for task in results["phases"][0]["tasks"]:
        add("| %s | %d | %.2f |" % (task["name"], task["runs"], task["seconds"]))
    add("")
    add("## Per-task fixed cost")
    add("")
    add("%d module runs of each kind in one playbook, in 4 interleaved rounds (ansible-playbook wall %.1f s):"
        % (cost["runs_each"], cost["wall"]))
    add("")
    add("| task | seconds per module run |")
    add("| --- | ---: |")
    for name, seconds in cost["per_run"].items():
        add("| %s | %.3f |" % (name, seconds))
    add("")
    add("The cxone runs sent %.1f requests each (converged: read, no write)." % cost["requests_per_run"])
    add("")
    add("Import time in a fresh interpreter (`python -X importtime`, best of 5, ms): the module file, then "
        "what a run imports later if the file did not.")
    add("")
    add("| module | module file | httpx | pydantic | total |")
    add("| --- | ---: | ---: | ---: | ---: |")
    for module, times in results["imports"].items():
        values = list(times.values())
        add("| %s | %.0f | %.0f | %.0f | %.0f |" % (module, values[0], values[1], values[2], values[3]))
    add("")
    add("## Reasons printed by the role")
    add("")
    for p in results["phases"]:
        add("- %s: %s" % (p["label"], "; ".join(p["messages"]) or "-"))
    add("")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--queues", type=int, default=40)
    parser.add_argument("--wrapup-codes", type=int, default=100)
    parser.add_argument("--rate-limit", type=float, default=20.0, help="requests/s per client (default 20)")
    parser.add_argument("--burst", type=int, default=40, help="bucket size (default 40)")
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--overflow-queues", type=int, default=4)
    parser.add_argument("--peak-codes", type=int, default=20)
    parser.add_argument("--task-runs", type=int, default=20, help="module runs per kind for the per-task cost")
    parser.add_argument("--uri-sample", type=int, default=0,
                        help="run the uri loop on this many memberships and extrapolate (default 0: all)")
    parser.add_argument("--no-uri", action="store_true", help="skip the uri loop")
    parser.add_argument("--results", default=str(BENCH / "results.md"), help="where to write the results")
    parser.add_argument("--collections", type=Path, default=COLLECTIONS,
                        help="collections path holding ansible_collections/cxone/cxone (default: this checkout, "
                             "linked by make); another tree, e.g. a git worktree, compares versions")
    args = parser.parse_args(argv)
    if not (args.collections / "ansible_collections" / "cxone" / "cxone").exists():
        parser.error("%s/ansible_collections/cxone/cxone is missing: run it through `make bench`" % args.collections)

    results = {"machine": machine(args), "phases": [], "admin_phases": [], "load_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="cxone-bench-") as workdir:
        emu = EmulatorProcess(args, workdir)
        try:
            print("emulator %s (%s)" % (emu.base_url, results["machine"]["rate limit"]), flush=True)
            peak_phases(emu, args, workdir, results)
            if not args.no_uri:
                uri_phase(emu, args, workdir, results)
            for reading in ADMIN_READINGS:
                admin_peak_phases(emu, args, workdir, results, reading)
        finally:
            emu.stop()
    results["imports"] = {m: import_times(m, args.collections) for m in ("cxone_wrapup_code", "cxone_queue_member")}
    results["load_end"] = os.getloadavg()[0]
    text = report(results, args)
    results_file = Path(args.results)
    old = results_file.read_text(encoding="utf-8") if results_file.exists() else ""
    kept = old[old.find(FULL_TENANT_START):] if FULL_TENANT_START in old else ""  # benchmarks/full_tenant.py's part
    results_file.write_text(text.rstrip("\n") + ("\n\n" + kept if kept else "\n"), encoding="utf-8")
    print(text)
    print("written: %s" % args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
