"""CLI: PYTHONPATH=tests/emulator python -m cxone_emulator --port 8765 [options]"""
from __future__ import annotations

import argparse
import signal
import sys
import threading

from . import seed as seedmod
from .server import Emulator


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="cxone_emulator",
                                description="CXone tenant emulator (of the documented contract; not NICE software)")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (0 = any free port; default 8765)")
    p.add_argument("--seed", help="seed JSON file (default: the bundled default_seed.json)")
    p.add_argument("--rate-limit", type=float, help="requests per second per client (default: no limit)")
    p.add_argument("--burst", type=int, help="bucket size (default: ceil(rate-limit))")
    p.add_argument("--token-lifetime", type=float, default=3600, help="token lifetime in seconds (default 3600)")
    p.add_argument("--latency", type=float, default=0.0, help="seconds added to every API request")
    p.add_argument("--tls-cert", help="PEM certificate: serve https")
    p.add_argument("--tls-key", help="PEM private key for --tls-cert")
    p.add_argument("--port-file", help="write the bound port number to this file once listening")
    p.add_argument("--users", type=int, default=0, help="add N synthetic users agent0001...")
    p.add_argument("--queues", type=int, default=0, help="add N synthetic queues")
    p.add_argument("--wrapup-codes", type=int, default=0, help="add N synthetic wrap-up codes")
    p.add_argument("--full-tenant", type=float, metavar="FACTOR",
                   help="grow the seed to FACTOR x a mid-size contact center (3,012 users, 155 queues, ...)")
    p.add_argument("--reading", choices=("notes", "specs"), default="notes",
                   help="the admin API's reading where public sources disagree (docs/api/admin.md): notes "
                        "(default) or specs")
    p.add_argument("--verbose", action="store_true", help="access log and tracebacks on stderr")
    args = p.parse_args(argv)
    if bool(args.tls_cert) != bool(args.tls_key):
        p.error("--tls-cert and --tls-key go together")

    data = seedmod.load(args.seed)
    if args.full_tenant:
        data = seedmod.full_tenant(data, args.full_tenant)
    if args.users or args.queues or args.wrapup_codes:
        data = seedmod.extend(data, users=args.users, queues=args.queues, wrapup_codes=args.wrapup_codes)
    emu = Emulator(seed=data, rate_limit=args.rate_limit, burst=args.burst, token_lifetime=args.token_lifetime,
                   tls_cert=args.tls_cert, tls_key=args.tls_key, host=args.host, port=args.port,
                   latency=args.latency, verbose=args.verbose, reading=args.reading)
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *args: stop.set())
    signal.signal(signal.SIGTERM, lambda *args: stop.set())
    url = emu.start()
    if args.port_file:
        with open(args.port_file, "w", encoding="utf-8") as fh:
            fh.write(f"{emu.port}\n")
    print(url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        emu.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
