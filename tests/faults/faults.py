"""Fault kinds the suite injects, and the tally published in the README."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

WRITES = ["POST", "PUT", "DELETE"]
API = "^/api/v2/"

# name -> emulator fault rules (see tests/emulator/README.md), optional emulator
# settings, and optional module timeout (set through module_defaults).
FAULT_KINDS = {
    "429 with Retry-After": {"rules": [
        {"kind": "rate_limit", "retry_after": 1, "probability": 0.15, "times": 4, "seed": 1}]},
    "429 without Retry-After": {"rules": [
        {"kind": "rate_limit", "retry_after": None, "probability": 0.15, "times": 4, "seed": 2}]},
    "5xx on reads": {"rules": [
        {"kind": "status", "status": 503, "match": {"method": "GET", "path": API}, "probability": 0.15,
         "times": 4, "seed": 3}]},
    "5xx on writes": {"rules": [
        {"kind": "status", "status": 500, "match": {"method": WRITES, "path": API}, "probability": 0.3,
         "times": 3, "seed": 4}]},
    "dropped connection after the write was applied": {"rules": [
        {"kind": "drop", "when": "after", "match": {"method": WRITES, "path": API}, "probability": 0.3,
         "times": 3, "seed": 5}]},
    "latency near the client timeout": {"timeout": 2, "rules": [
        {"kind": "latency", "seconds": 2.5, "match": {"path": API}, "probability": 0.1, "times": 2, "seed": 6}]},
    "token revoked mid-run": {"rules": [
        {"kind": "revoke_tokens", "after": 8, "times": 2}]},  # mid-run for every scenario's client
    "token lifetime of a few seconds": {"configure": {"token_lifetime": 3}, "rules": []},
    "concurrent change between read and write (409)": {"rules": [
        {"kind": "concurrent_update", "times": 2}]},
}

# Emulator fault kinds that only exist for some endpoints: not copied to other scenarios' paths.
ENDPOINT_BOUND = {"concurrent_update"}

TALLY = Counter()      # faults fired, by emulator fault kind (plus short-token-lifetime runs)
BY_KIND = Counter()    # faults fired, by the suite's fault kind (FAULT_KINDS names, "all together", ...)
DOCUMENTED = Counter()  # "kind: task" that failed as documented (not applied, run again) and was rerun


def _narrowed(match, paths, client):
    narrow = dict(match or {}, path=paths)
    if client:
        narrow["client"] = client
    return narrow


def scoped_rules(rules, paths, seed_offset=100, client=None):
    """Copies of ``rules`` that only match API paths matching the regex ``paths`` (and, given
    ``client``, only that client's requests; same methods, own budget, own random sequence):
    a scenario's own share of a fault kind."""
    copies = []
    for rule in rules:
        if rule["kind"] in ENDPOINT_BOUND:
            continue
        copy = dict(rule, match=_narrowed(rule.get("match"), paths, client))
        if "seed" in rule:
            copy["seed"] = rule["seed"] + seed_offset
        if rule.get("probability") is None and rule.get("times", 1) > 1:
            # A deterministic rule fires on consecutive matching requests; on the narrower
            # paths that would be a call and its own retry. Spread the firings out instead.
            copies.extend(dict(copy, times=1, after=copy.get("after", 0) + 20 * index) for index in range(rule["times"]))
            continue
        copies.append(copy)
    return copies


def first_hit_rules(rules, paths, client=None):
    """One deterministic copy of each of ``rules`` that fires on the first matching request
    on the API paths matching ``paths`` (of ``client`` when given): every module meets every
    fault kind at least once, whatever the random draws of the other rules did."""
    copies = []
    for rule in rules:
        # A revocation is global (every module's next call meets it) and must not stack on
        # the retry of the call another rule revoked under: left to the other rules.
        if rule["kind"] in ENDPOINT_BOUND or rule["kind"] == "revoke_tokens":
            continue
        copy = {key: value for key, value in rule.items() if key not in ("probability", "seed", "after")}
        copy.update(match=_narrowed(rule.get("match"), paths, client), times=1)
        copies.append(copy)
    return copies


def record_faults(emulator, label=None):
    """Add the faults the emulator fired since its last reset to the tally; return them.

    ``label`` names the suite's fault kind the faults count for in ``BY_KIND``."""
    stats = emulator.stats()
    fired = {kind: n for kind, n in stats["faults"].items() if n}
    TALLY.update(fired)
    if label:
        BY_KIND[label] += sum(fired.values())
    if emulator.config().get("token_lifetime", 3600) < 60:
        TALLY["short_token_lifetime_runs"] += 1
        fired["short_token_lifetime"] = 1
        if label:
            # Each token after the first replaced one that expired during the run.
            BY_KIND[label] += max(0, stats["token_requests"] - 1)
    return fired


def save_tally(directory, name):
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    (path / ("faults-%s.json" % name)).write_text(json.dumps({"by_emulator_kind": dict(TALLY), "by_kind": dict(BY_KIND)}))


def worker_name():
    return os.environ.get("PYTEST_XDIST_WORKER", "main")
