"""Edit the running emulator's admin tenant by hand, as a person would in CXone's admin pages:

    PYTHONPATH=tests/emulator .venv/bin/python -m cxone_emulator.edit skill Billing serviceLevelGoal=75
    PYTHONPATH=tests/emulator .venv/bin/python -m cxone_emulator.edit disposition "Escalated" isActive=false
    PYTHONPATH=tests/emulator .venv/bin/python -m cxone_emulator.edit assign Billing laura.chen@acme.example proficiency=4
    PYTHONPATH=tests/emulator .venv/bin/python -m cxone_emulator.edit unassign Billing laura.chen@acme.example

Records are found by name (case-insensitively); fields are the API's (``GET
/_emulator/admin-state`` shows them); a value is read as JSON when it is (75, false, "x"), else
as text. ``--url`` is the emulator's (default ``$CXONE_EMULATOR_URL``, else http://127.0.0.1:8765,
where ``make emulator`` listens)."""
from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request

from .admin import EDITABLE


def _value(text):
    try:
        return json.loads(text)
    except ValueError:
        return text


def _fields(pairs, parser):
    fields = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            parser.error("%r: a field is written field=value" % pair)
        fields[name] = _value(value)
    return fields


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="cxone_emulator.edit", description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--url", default=os.environ.get("CXONE_EMULATOR_URL") or "http://127.0.0.1:8765",
                        help="the emulator (default %(default)s; CXONE_EMULATOR_URL sets it)")
    parser.add_argument("what", choices=sorted(EDITABLE) + ["assign", "unassign"])
    parser.add_argument("name", help="the record's name; for assign/unassign the skill's")
    parser.add_argument("rest", nargs="*", help="field=value ...; for assign/unassign the agent's e-mail first")
    args = parser.parse_args(argv)
    if args.what in ("assign", "unassign"):
        if not args.rest:
            parser.error("%s: give the skill and the agent's e-mail" % args.what)
        body = {"what": args.what, "skill": args.name, "agent": args.rest[0], "set": _fields(args.rest[1:], parser)}
    else:
        body = {"what": args.what, "name": args.name, "set": _fields(args.rest, parser)}
        if not body["set"]:
            parser.error("give at least one field=value")
    request = urllib.request.Request(args.url.rstrip("/") + "/_emulator/admin-edit", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:  # noqa: S310 (a local emulator)
            print(json.dumps(json.loads(resp.read()), indent=2, sort_keys=True))
    except urllib.error.HTTPError as exc:
        print("the emulator refused the edit: %s" % json.loads(exc.read() or b"{}").get("error", exc), file=sys.stderr)
        return 2
    except urllib.error.URLError as exc:
        print("no emulator at %s (%s): start it with make emulator" % (args.url, exc.reason), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
