"""HTTP plumbing: the Emulator object, OAuth tokens, rate limit, faults, request log, admin API."""
from __future__ import annotations

import base64
import binascii
import copy
import hmac
import json
import math
import random
import re
import secrets
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import admin, api, seed as seedmod
from .common import ApiError, now_iso
from .store import Store

_KEEP = object()   # configure(): leave this setting alone
MAX_BODY = 10 * 1024 * 1024
_QUEUE_ITEM = re.compile(r"^/api/v2/routing/queues/[^/]+$")
_SENSITIVE = re.compile(r"token|secret|password|authorization|assertion", re.I)
FAULT_KINDS = ("status", "rate_limit", "drop", "latency", "revoke_tokens", "concurrent_update")
_FAULT_CODES = {500: "internal.error", 502: "bad.gateway", 503: "service.unavailable", 504: "gateway.timeout"}


# ------------------------------------------------------------------ rate limit

class RateLimiter:
    """Token bucket per key: `rate` requests/second refill, `burst` capacity, starts full."""

    def __init__(self, rate: float, burst: int):
        if rate <= 0 or burst < 1:
            raise ValueError("rate_limit must be > 0 and burst >= 1")
        self.rate, self.burst = float(rate), int(burst)
        self.buckets: dict[str, tuple[float, float]] = {}

    def _level(self, key, now):
        tokens, then = self.buckets.get(key, (float(self.burst), now))
        return min(float(self.burst), tokens + (now - then) * self.rate)

    def _headers(self, tokens):
        return {"X-RateLimit-Limit": str(self.burst),
                "X-RateLimit-Remaining": str(int(math.floor(tokens + 1e-9))),
                "X-RateLimit-Reset": str(math.ceil(round((self.burst - tokens) / self.rate, 6)))}

    def take(self, key):
        """-> (allowed, headers, retry_after_seconds or None)"""
        now = time.monotonic()
        tokens = self._level(key, now)
        if tokens >= 1 - 1e-9:
            tokens = max(0.0, tokens - 1)
            self.buckets[key] = (tokens, now)
            return True, self._headers(tokens), None
        self.buckets[key] = (tokens, now)
        return False, self._headers(tokens), max(1, math.ceil(round((1 - tokens) / self.rate, 6)))

    def peek(self, key):
        return self._headers(self._level(key, time.monotonic()))


# ------------------------------------------------------------------ faults

class FaultRule:
    _EXTRA = {"status": {"status"}, "rate_limit": {"retry_after"}, "drop": {"when"},
              "latency": {"seconds"}, "revoke_tokens": set(), "concurrent_update": set()}

    def __init__(self, spec: dict):
        spec = dict(spec)
        self.kind = spec.pop("kind", None)
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"fault kind must be one of {', '.join(FAULT_KINDS)}")
        unknown = set(spec) - {"match", "times", "after", "probability", "seed"} - self._EXTRA[self.kind]
        if unknown:
            raise ValueError(f"unknown fault field(s) for {self.kind}: {', '.join(sorted(unknown))}")
        match = spec.get("match") or {}
        if not isinstance(match, dict) or set(match) - {"method", "path", "client"}:
            raise ValueError("match takes 'method' (string or list), 'path' (regex) and/or 'client' (client id)")
        methods = match.get("method")
        self.methods = None if methods is None else {m.upper() for m in ([methods] if isinstance(methods, str) else methods)}
        self.path = re.compile(match["path"]) if match.get("path") else None
        self.client = match.get("client")
        self.times = int(spec.get("times", 1))
        if self.times == 0 or self.times < -1:
            raise ValueError("times must be -1 (always) or >= 1")
        self.after = int(spec.get("after", 0))
        self.probability = spec.get("probability")
        if self.probability is not None and not 0 <= float(self.probability) <= 1:
            raise ValueError("probability must be between 0 and 1")
        self.rng = random.Random(spec.get("seed", 0))
        self.status = int(spec.get("status", 503))
        if self.kind == "status" and not 500 <= self.status <= 599:
            raise ValueError("status faults take a 5xx status")
        self.retry_after = spec.get("retry_after", 1)
        self.when = spec.get("when", "before")
        if self.when not in ("before", "after"):
            raise ValueError("drop 'when' is 'before' or 'after'")
        self.seconds = float(spec.get("seconds", 0))
        if self.kind == "latency" and "seconds" not in spec:
            raise ValueError("latency faults need 'seconds'")
        self.spec = {"kind": self.kind, **spec}
        self.seen = self.fired = 0

    def matches(self, method, path, client_id=None):
        if (self.methods and method not in self.methods) or (self.path and not self.path.search(path)):
            return False
        if self.client is not None and client_id != self.client:
            return False
        return self.kind != "concurrent_update" or (method == "PUT" and bool(_QUEUE_ITEM.match(path)))

    def describe(self):
        return {**copy.deepcopy(self.spec), "seen": self.seen, "fired": self.fired,
                "remaining": -1 if self.times == -1 else self.times - self.fired}


# ------------------------------------------------------------------ HTTP handler

class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, emulator):
        self.emulator = emulator
        self.connections = set()
        super().__init__(addr, _Handler)

    def handle_error(self, request, client_address):
        if self.emulator.verbose:
            super().handle_error(request, client_address)


class _Dropped(Exception):
    pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cxone-emulator"
    sys_version = ""
    timeout = 120

    def setup(self):
        super().setup()
        self.server.connections.add(self.connection)
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()  # in this thread, not in the accept loop

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.connections.discard(self.connection)

    def log_message(self, fmt, *args):
        if self.server.emulator.verbose:
            sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

    def do_GET(self):
        self.server.emulator._handle(self)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = do_GET

    def read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks, size = [], 0
            while True:
                line = self.rfile.readline(1024).split(b";")[0].strip()
                n = int(line, 16)
                if n == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                size += n
                if size > MAX_BODY:
                    raise ValueError("body too large")
                chunks.append(self.rfile.read(n))
                self.rfile.readline(1024)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            raise ValueError("bad Content-Length")
        return self.rfile.read(length) if length else b""

    def send(self, status: int, body=None, headers: dict | None = None):
        self.send_response(status)
        data = b""
        if status != 204:
            data = json.dumps(body).encode("utf-8") if body is not None else b""
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        # headers and body in one write (no Nagle / delayed-ACK stall between them)
        self._headers_buffer.append(b"\r\n")
        if data and self.command != "HEAD":
            self._headers_buffer.append(data)
        self.flush_headers()

    def drop(self):
        """Close the socket without a response."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


# ------------------------------------------------------------------ the emulator

def _basic_credentials(headers):
    """``(user, password)`` of an HTTP Basic header; None without one; () when it is malformed."""
    scheme, _sp, cred = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, sep, password = base64.b64decode(cred.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return ()
    return (user, password) if sep else ()


class Emulator:
    """An in-process CXone tenant emulator serving the contract in docs/api/v2.md."""

    def __init__(self, seed=None, rate_limit=None, burst=None, token_lifetime=3600, tls_cert=None,
                 tls_key=None, host="127.0.0.1", port=0, latency=0.0, verbose=False, reading="notes"):
        self.store = Store()
        self.admin_store = admin.AdminStore(reading)  # the same tenant, as the admin surface shows it
        self.admin_retry_after = False  # the admin surface's 429 carries no Retry-After unless set
        self.lock = self.store.lock
        self.host, self.port = host, port
        self.tls_cert, self.tls_key = tls_cert, tls_key
        self.verbose = verbose
        self._seed_source = seed
        self._server = self._thread = None
        self.rate_limit = self.burst = None
        self.limiter: RateLimiter | None = None
        self.token_lifetime, self.latency = 3600, 0.0
        self.reset()
        self.configure(rate_limit=rate_limit, burst=burst, token_lifetime=token_lifetime, latency=latency)

    # ---- lifecycle

    def start(self) -> str:
        if self._server is not None:
            return self.base_url
        self._server = _Server((self.host, self.port), self)
        if self.tls_cert:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(self.tls_cert, self.tls_key)
            self._server.socket = ctx.wrap_socket(self._server.socket, server_side=True,
                                                  do_handshake_on_connect=False)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="cxone-emulator", daemon=True)
        self._thread.start()
        return self.base_url

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self.tls_cert else 'http'}://{host}:{self.port}"

    def stop(self):
        if self._server is None:
            return
        self._server.shutdown()
        for conn in list(self._server.connections):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._server.server_close()
        self._thread.join(5)
        self._server = self._thread = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    # ---- control

    def reset(self, seed=None):
        """Back to the seed state (a new seed when given); clears counters, logs, faults, tokens."""
        if seed is not None:
            self._seed_source = seed
        data = seedmod.load(self._seed_source)
        with self.lock:
            seedmod.apply(self.store, data)
            self.admin_store.seed(data)
            self.tokens: dict[str, dict] = {}
            # Every token the admin logins handed out (access, refresh, id), for tests that check none leaks.
            self.issued_tokens: list[str] = []
            self.faults: list[FaultRule] = []
            self._log: list[dict] = []
            self._counters = self._zero_counters()
            if self.limiter:
                self.limiter.buckets.clear()

    def reset_stats(self):
        """Zero the counters and the request log, keeping the tenant's state."""
        with self.lock:
            self._log = []
            self._counters = self._zero_counters()

    @staticmethod
    def _zero_counters():
        return {"requests": 0, "by_method": Counter(), "by_route": Counter(), "token_requests": 0,
                "rate_limited": 0, "write_requests": 0, "faults": Counter(), "status": Counter()}

    def configure(self, rate_limit=_KEEP, burst=_KEEP, token_lifetime=_KEEP, latency=_KEEP, reading=_KEEP):
        """Change settings at run time. rate_limit=None turns the limit off; ``reading`` is the
        admin API's reading where the sources disagree (admin.READINGS)."""
        with self.lock:
            if reading is not _KEEP:
                if reading not in admin.READINGS:
                    raise ValueError("reading must be one of %s" % ", ".join(admin.READINGS))
                self.admin_store.reading = reading
            if rate_limit is not _KEEP or burst is not _KEEP:
                rate = self.rate_limit if rate_limit is _KEEP else rate_limit
                size = self.burst if burst is _KEEP else burst
                if rate is None:
                    self.rate_limit, self.burst, self.limiter = None, size, None
                else:
                    size = size if size is not None else max(1, math.ceil(rate))
                    self.limiter = RateLimiter(rate, size)
                    self.rate_limit, self.burst = float(rate), int(size)
            if token_lifetime is not _KEEP:
                if token_lifetime < 0:
                    raise ValueError("token_lifetime must be >= 0")
                self.token_lifetime = token_lifetime
            if latency is not _KEEP:
                self.latency = max(0.0, float(latency or 0))
            return self.config()

    def config(self):
        return {"rate_limit": self.rate_limit, "burst": self.burst,
                "token_lifetime": self.token_lifetime, "latency": self.latency, "reading": self.admin_store.reading}

    def add_fault(self, **rule):
        fault = FaultRule(rule)
        with self.lock:
            self.faults.append(fault)
        return fault.describe()

    def clear_faults(self):
        with self.lock:
            self.faults.clear()

    def fault_rules(self):
        with self.lock:
            return [f.describe() for f in self.faults]

    def revoke_tokens(self):
        with self.lock:
            self.tokens.clear()

    @property
    def requests(self) -> list[dict]:
        with self.lock:
            return copy.deepcopy(self._log)

    def stats(self) -> dict:
        with self.lock:
            c = self._counters
            return {"requests": c["requests"], "by_method": dict(c["by_method"]),
                    "by_route": dict(c["by_route"]), "token_requests": c["token_requests"],
                    "rate_limited": c["rate_limited"], "write_requests": c["write_requests"],
                    "writes_applied": self.store.writes_applied + self.admin_store.writes_applied,
                    "faults": dict(c["faults"]),
                    "status": dict(c["status"])}

    # ---- request handling

    def _handle(self, h: _Handler):
        try:
            raw = h.read_body()
        except (ValueError, OSError):
            h.close_connection = True
            h.send(400, {"status": 400, "code": "bad.request", "description": "unreadable request body"})
            return
        parts = urllib.parse.urlsplit(h.path)
        path = parts.path
        try:
            if path == "/_emulator" or path.startswith("/_emulator/"):
                self._admin(h, h.command, path, raw)
            else:
                self._api(h, h.command, path, api.parse_query(parts.query), raw)
        except _Dropped:
            pass
        except Exception as exc:  # a bug in the emulator: answer 500 in the contract's shape
            if self.verbose:
                import traceback
                traceback.print_exc()
            h.close_connection = True
            h.send(500, {"status": 500, "code": "internal.error", "description": f"emulator error: {exc!r}"})

    def _identify(self, headers):
        scheme, dummy, token = headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return None, "missing bearer token"
        with self.lock:
            entry = self.tokens.get(token)
            if entry is None:
                return None, "the access token is unknown or has been revoked"
            if entry["expires"] <= time.monotonic():
                self.tokens.pop(token, None)
                return None, "the access token has expired"
            return entry, None

    def _api(self, h, method, path, query, raw):
        headers = {k.lower(): v for k, v in h.headers.items()}
        on_admin = admin.is_admin_path(path)
        entry = {"time": now_iso(), "method": method, "path": path, "user_agent": headers.get("user-agent"),
                 "query": {k: ("***" if _SENSITIVE.search(k) else v) for k, v in query.items()},
                 "status": None, "client_id": None,
                 "path_template": admin.template_for(path) if on_admin else (api.template_for(path) or path),
                 "write": admin.is_write(method, path) if on_admin else api.is_write(method, path, raw),
                 "fault": None}
        if path != api.TOKEN_PATH and path not in admin.LOGIN_PATHS:  # who sent it, as far as the token tells on arrival
            ident = self._identify(headers)[0]
            entry["client_id"] = ident["client_id"] if ident else None
        with self.lock:
            fired = self._pick_faults(method, path, entry["client_id"])
            delay = self.latency
        delay += sum(f.seconds for f in fired if f.kind == "latency")
        terminal = next((f for f in fired if f.kind != "latency"), None)
        entry["fault"] = terminal.kind if terminal else ("latency" if fired else None)
        if delay:
            time.sleep(delay)
        try:
            if terminal and terminal.kind == "drop" and terminal.when == "before":
                h.drop()
                raise _Dropped
            if terminal and terminal.kind == "status":
                err = {"status": terminal.status, "code": _FAULT_CODES.get(terminal.status, "server.error"),
                       "description": "the service is temporarily unavailable, try again later"}
                if on_admin:
                    err = {"error": "ServiceUnavailable", "errorDescription": err["description"]}
                return self._reply(h, entry, api.Response(terminal.status, err, self._peek(headers, path)))
            if terminal and terminal.kind == "rate_limit" and on_admin:
                extra = {"Retry-After": str(max(0, math.ceil(terminal.retry_after)))} \
                    if terminal.retry_after is not None and "retry_after" in terminal.spec else {}
                err = {"error": "TooManyRequests", "errorDescription": "rate limit exceeded"}
                return self._reply(h, entry, api.Response(429, err, extra))
            if terminal and terminal.kind == "rate_limit":
                extra = self._peek(headers, path)
                if terminal.retry_after is not None:
                    extra["Retry-After"] = str(max(0, math.ceil(terminal.retry_after)))
                err = {"status": 429, "code": "too.many.requests", "description": "rate limit exceeded"}
                return self._reply(h, entry, api.Response(429, err, extra))
            if terminal and terminal.kind == "revoke_tokens":
                self.revoke_tokens()
            if path == api.TOKEN_PATH:
                resp = self._token(method, headers, raw, entry)
            elif on_admin:
                resp = self._admin_surface(method, path, query, headers, raw, entry)
            else:
                resp = self._serve(h, method, path, query, headers, raw, entry,
                                   concurrent=bool(terminal and terminal.kind == "concurrent_update"))
            if terminal and terminal.kind == "drop":  # when == "after": applied, then cut
                h.drop()
                raise _Dropped
            self._reply(h, entry, resp)
        except _Dropped:
            self._record(entry)
            raise

    def _pick_faults(self, method, path, client_id):
        fired = []
        for rule in self.faults:
            if rule.times != -1 and rule.fired >= rule.times:
                continue
            if not rule.matches(method, path, client_id):
                continue
            rule.seen += 1
            if rule.seen <= rule.after:
                continue
            if rule.probability is not None and rule.rng.random() >= float(rule.probability):
                continue
            rule.fired += 1
            self._counters["faults"][rule.kind] += 1
            fired.append(rule)
            if rule.kind != "latency":
                break
        return fired

    def _peek(self, headers, path):
        limiter = self.limiter
        if limiter is None or path == api.TOKEN_PATH:
            return {}
        ident = self._identify(headers)[0]
        with self.lock:
            return limiter.peek(ident["client_id"] if ident else "anonymous")

    def _serve(self, h, method, path, query, headers, raw, entry, concurrent):
        ident, why = self._identify(headers)
        limit_headers = {}
        if ident:
            entry["client_id"] = ident["client_id"]
        limiter = self.limiter
        if limiter is not None:
            with self.lock:
                ok, limit_headers, retry = limiter.take(ident["client_id"] if ident else "anonymous")
            if not ok:
                err = {"status": 429, "code": "too.many.requests",
                       "description": f"rate limit of {limiter.rate:g}/s (burst {limiter.burst}) exceeded; "
                                      f"retry in {retry} s"}
                return api.Response(429, err, {**limit_headers, "Retry-After": str(retry)})
        if ident is not None and ident.get("admin"):
            ident, why = None, "an admin surface token is not valid on this API"
        if ident is None:
            return api.Response(401, {"status": 401, "code": "unauthorized", "description": why},
                                {**limit_headers, "WWW-Authenticate": 'Bearer realm="cxone", error="invalid_token"'})
        req = api.Request(method, path, query, headers, ident["client_id"], frozenset(ident["scopes"]),
                          raw=raw, concurrent_update=concurrent)
        resp = api.dispatch(self.store, req)
        resp.headers.update(limit_headers)
        return resp

    def _admin_surface(self, method, path, query, headers, raw, entry):
        """The admin surface: the issuer (token, discovery) and the API under /inContactAPI/."""
        def error(status, name, description, header_only=False, extra=None):
            body = None if header_only else {"error": name, "errorDescription": description}
            return api.Response(status, body, {"icStatusDescription": description, **(extra or {})})

        if path == admin.TOKEN_PATH:
            if method != "POST":
                return error(405, "invalid_request", "the token endpoint only accepts POST")
            form = dict(urllib.parse.parse_qsl((raw or b"").decode("utf-8", "replace"), keep_blank_values=True))
            basic = _basic_credentials(headers)
            if basic == ():
                return api.Response(401, {"error": "invalid_client", "error_description": "malformed Basic credentials"})
            status, body, token = admin.issue_token(self.admin_store, self.base_url, form, basic, self.token_lifetime)
            if token:
                entry["client_id"] = token["client_id"]
                with self.lock:
                    self.tokens[body["access_token"]] = dict(token, expires=time.monotonic() + self.token_lifetime)
                    self.issued_tokens.extend(v for k, v in body.items() if k.endswith("token") and v)
            return api.Response(status, body, {"Cache-Control": "no-store"})
        if path in (admin.ACCESS_KEY_PATH, admin.REFRESH_PATH):
            if method != "POST":
                return error(405, "invalid_request", "the login endpoint only accepts POST")
            try:
                body = json.loads(raw or b"null")
            except ValueError:
                body = None
            if path == admin.ACCESS_KEY_PATH:
                status, answer, token = admin.access_key_token(self.admin_store, self.base_url, body,
                                                               self.token_lifetime)
            else:
                status, answer, token = admin.refresh_token(self.admin_store, body, self.token_lifetime)
            if token:
                entry["client_id"] = token["client_id"]
                with self.lock:
                    access = answer.get("access_token") or answer.get("token")
                    self.tokens[access] = dict(token, expires=time.monotonic() + self.token_lifetime)
                    self.issued_tokens.extend(v for k, v in answer.items() if k.lower().endswith("token") and v)
            return api.Response(status, answer, {"Cache-Control": "no-store"})
        if path in admin.WELL_KNOWN:
            status, body = admin.well_known(path, query, self.base_url, self.base_url)
            return api.Response(status, body)
        ident, why = self._identify(headers)
        if ident is not None and not ident.get("admin"):
            ident, why = None, "a v2 token is not valid on the admin API"
        if ident:
            entry["client_id"] = ident["client_id"]
        limiter = self.limiter
        if limiter is not None:
            with self.lock:
                ok, _headers, retry = limiter.take(ident["client_id"] if ident else "anonymous")
            if not ok:  # no X-RateLimit-* on this surface; Retry-After only when asked for
                return error(429, "TooManyRequests", "rate limit exceeded",
                             extra={"Retry-After": str(retry)} if self.admin_retry_after else None)
        if ident is None:
            return error(401, "invalid_token", why)
        if "json" not in headers.get("accept", ""):  # stricter than a browser: */* is not enough
            return error(406, "NotAcceptable", "No known way to render data", header_only=True)
        _version, rest = admin.API_PREFIX.match(path).groups()
        body = None
        if raw and raw.strip():
            try:
                body = json.loads(raw)
            except ValueError:
                return error(400, "InvalidRequestBody", "the body is not valid JSON")
        try:
            status, answer = admin.dispatch(self.admin_store, method, rest, query, body,
                                            self.base_url + path[:len(path) - len(rest)])
        except admin.AdminError as exc:
            return error(exc.status, exc.error, exc.description, exc.header_only)
        return api.Response(status, answer)

    def _token(self, method, headers, raw, entry):
        def oauth_error(status, error, description, extra=None):
            return api.Response(status, {"error": error, "error_description": description},
                                {"Cache-Control": "no-store", "Pragma": "no-cache", **(extra or {})})

        if method != "POST":
            return oauth_error(405, "invalid_request", "the token endpoint only accepts POST", {"Allow": "POST"})
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            return oauth_error(400, "invalid_request", "the body must be application/x-www-form-urlencoded")
        try:
            pairs = urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            return oauth_error(400, "invalid_request", "the body is not valid UTF-8")
        form = dict(pairs)
        if len(form) != len(pairs):
            return oauth_error(400, "invalid_request", "a parameter is repeated")
        basic = _basic_credentials(headers)
        if basic == ():
            return oauth_error(401, "invalid_client", "malformed Basic credentials",
                               {"WWW-Authenticate": 'Basic realm="cxone"'})
        if basic:
            user = basic[0]
            if "client_secret" in form or form.get("client_id", user) not in (user, urllib.parse.unquote_plus(user)):
                return oauth_error(400, "invalid_request", "use one client authentication method, not two")
        candidates = []
        if basic:
            candidates = [basic, tuple(urllib.parse.unquote_plus(x) for x in basic)]
        elif "client_id" in form:
            candidates = [(form["client_id"], form.get("client_secret", ""))]
        extra = {"WWW-Authenticate": 'Basic realm="cxone"'} if basic else {}
        if not candidates:
            return oauth_error(401, "invalid_client", "client authentication is required", extra)
        with self.lock:
            client_id = client = None
            for cid, secret in candidates:
                c = self.store.clients.get(cid)
                if c and hmac.compare_digest(c["clientSecret"].encode(), secret.encode()):
                    client_id, client = cid, c
                    break
            if client is None:
                return oauth_error(401, "invalid_client", "unknown client or wrong client secret", extra)
            entry["client_id"] = client_id
            grant = form.get("grant_type")
            if not grant:
                return oauth_error(400, "invalid_request", "grant_type is required")
            if grant != "client_credentials":
                return oauth_error(400, "unsupported_grant_type",
                                   f"grant_type {grant!r} is not supported; use client_credentials")
            requested = form.get("scope", "").split()
            lacking = sorted(set(requested) - set(client["scopes"]))
            if lacking:
                return oauth_error(400, "invalid_scope", "the client may not request: " + " ".join(lacking))
            granted = sorted(set(requested)) if requested else list(client["scopes"])
            token = secrets.token_urlsafe(32)
            self.tokens[token] = {"client_id": client_id, "scopes": granted,
                                  "expires": time.monotonic() + self.token_lifetime}
            lifetime = self.token_lifetime
        return api.Response(200, {"access_token": token, "token_type": "bearer",
                                  "expires_in": int(math.ceil(lifetime)), "scope": " ".join(granted)},
                            {"Cache-Control": "no-store", "Pragma": "no-cache"})

    def _reply(self, h, entry, resp):
        entry["status"] = resp.status
        self._record(entry)
        h.send(resp.status, resp.body, resp.headers)

    def _record(self, entry):
        with self.lock:
            c = self._counters
            c["requests"] += 1
            c["by_method"][entry["method"]] += 1
            c["by_route"][f"{entry['method']} {entry['path_template']}"] += 1
            if entry["path"] == api.TOKEN_PATH or entry["path"] in admin.LOGIN_PATHS:
                c["token_requests"] += 1
            if entry["write"]:
                c["write_requests"] += 1
            if entry["status"] is not None:
                c["status"][str(entry["status"])] += 1
                if entry["status"] == 429:
                    c["rate_limited"] += 1
            self._log.append(entry)

    # ---- admin API (no auth, not counted, not limited)

    def _admin(self, h, method, path, raw):
        route = path[len("/_emulator"):].rstrip("/") or "/"
        try:
            body = json.loads(raw) if raw.strip() else None
        except ValueError:
            return h.send(400, {"error": "body is not valid JSON"})
        try:
            if (method, route) == ("GET", "/stats"):
                return h.send(200, self.stats())
            if (method, route) == ("GET", "/requests"):
                return h.send(200, self.requests)
            if (method, route) == ("GET", "/state"):
                return h.send(200, self.store.dump())
            if (method, route) == ("GET", "/admin-state"):
                return h.send(200, self.admin_store.dump())
            if (method, route) == ("POST", "/admin-edit"):
                return h.send(200, admin.edit(self.admin_store, body))
            if (method, route) == ("POST", "/reset"):
                self.reset((body or {}).get("seed"))
                return h.send(204)
            if (method, route) == ("GET", "/faults"):
                return h.send(200, self.fault_rules())
            if (method, route) == ("POST", "/faults"):
                rules = body if isinstance(body, list) else [body or {}]
                parsed = [FaultRule(r) for r in rules]
                with self.lock:
                    self.faults.extend(parsed)
                return h.send(200, self.fault_rules())
            if (method, route) == ("DELETE", "/faults"):
                self.clear_faults()
                return h.send(204)
            if (method, route) == ("POST", "/revoke-tokens"):
                self.revoke_tokens()
                return h.send(204)
            if (method, route) == ("GET", "/config"):
                return h.send(200, self.config())
            if (method, route) == ("POST", "/config"):
                allowed = {"rate_limit", "burst", "token_lifetime", "latency", "reading"}
                if not isinstance(body, dict) or set(body) - allowed:
                    raise ValueError(f"config takes {', '.join(sorted(allowed))}")
                return h.send(200, self.configure(**body))
            if (method, route) == ("POST", "/queue-load"):
                body = dict(body or {})
                qid = body.pop("queue_id", None)
                if "queue_name" in body:
                    qid = self.store.queues_by_name()[body.pop("queue_name")]["id"]
                return h.send(200, self.store.set_queue_load(qid, **body))
            if (method, route) == ("POST", "/agent-schedule"):
                body = dict(body or {})
                self.store.set_shift(body.pop("user_id"), **body)
                return h.send(204)
            if (method, route) == ("POST", "/agent-break"):
                body = dict(body or {})
                self.store.set_break(body.pop("user_id"), **body)
                return h.send(204)
        except ApiError as exc:
            return h.send(exc.status, {"error": exc.description})
        except (ValueError, KeyError, TypeError, re.error, OSError) as exc:
            return h.send(400, {"error": f"{type(exc).__name__}: {exc}"})
        return h.send(404, {"error": f"no admin endpoint {method} {path}"})
