"""The contract's endpoints: route table, scope table, pagination, dispatch and batch."""
from __future__ import annotations

import copy
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable

from .common import ApiError, bad, check_object, v_enum, v_list, v_str
from .store import Store

# ------------------------------------------------------------------ scopes (section 2)

ALL_SCOPES = (
    "routing:queue:view", "routing:queue:write", "routing:user:write", "routing:wrapupcode:write",
    "routing:skill:view", "users:state:view", "users:state:write", "schedules:view", "breaks:view",
    "agent_management:write", "batch:write", "analytics:read", "audit_logs:read",
    "dialer:campaigns:read", "dialer:schedules:write", "wfm:schedules:read", "webhooks:write",
)
ANY_TOKEN = ()
SKILL_READ = ("routing:skill:view", "routing:user:write", "agent_management:write")
SKILL_WRITE = ("routing:user:write", "agent_management:write")
QUEUE_READ = ("routing:queue:view", "routing:queue:write")
QUEUE_WRITE = ("routing:queue:write",)
WRAPUP_READ = ("routing:wrapupcode:write", "routing:queue:view", "routing:queue:write")
WRAPUP_WRITE = ("routing:wrapupcode:write",)
STATE_READ = ("users:state:view", "users:state:write")
STATE_WRITE = ("users:state:write",)
DIALER_READ = ("dialer:campaigns:read", "dialer:schedules:write")
DIALER_WRITE = ("dialer:schedules:write",)

TOKEN_PATH = "/oauth/token"
BATCH_PATH = "/api/v2/batch"
ANALYTICS_PATH = "/api/v2/analytics/queues/observations/query"
_UNSET = object()


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict                    # lower-case names
    client_id: str | None
    scopes: frozenset
    raw: bytes | None = None         # HTTP body as received
    parsed: Any = _UNSET             # batch operations hand over their body already parsed
    concurrent_update: bool = False  # fault: bump the queue version before the If-Match check

    def json(self):
        if self.parsed is not _UNSET:
            if self.parsed is None:
                raise bad("a JSON request body is required")
            return self.parsed
        if not self.raw:
            raise bad("a JSON request body is required")
        ctype = self.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype and ctype != "application/json" and not ctype.endswith("+json"):
            raise ApiError(415, "unsupported.media.type", f"Content-Type must be application/json (got {ctype!r})")
        try:
            self.parsed = json.loads(self.raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise bad(f"request body is not valid JSON: {exc}") from None
        return self.parsed


@dataclass
class Response:
    status: int
    body: Any = None
    headers: dict = field(default_factory=dict)


def parse_query(qs: str) -> dict:
    return {k: v[0] for k, v in urllib.parse.parse_qs(qs, keep_blank_values=True).items()}


def page(items: list, req: Request) -> Response:
    def number(name, default):
        raw = req.query.get(name)
        if raw is None:
            return default
        if not re.fullmatch(r"-?\d{1,9}", raw.strip()):
            raise bad(f"{name} must be an integer (got {raw!r})")
        return int(raw)

    num, size = number("page", 1), number("pageSize", 25)
    if num < 1:
        raise bad(f"page must be 1 or more (got {num})")
    if not 1 <= size <= 100:
        raise bad(f"pageSize must be between 1 and 100 (got {size})")
    start = (num - 1) * size
    headers = {"x-next-page": str(num + 1)} if start + size < len(items) else {}
    return Response(200, {"entities": copy.deepcopy(items[start:start + size]), "page": num, "pageSize": size,
                          "total": len(items)}, headers)


def _name(req):
    return req.query.get("name") or None


def _etag(queue):
    return {"ETag": f'"{queue["version"]}"'}


def _if_match(st: Store, req, required: bool):
    value = req.headers.get("if-match")
    if value is None and not required:
        return None
    return st.parse_if_match(value)


# ------------------------------------------------------------------ handlers

def users_list(st, req):
    return page(st.list_users(_name(req)), req)


def user_get(st, req, id):
    return Response(200, st.get_user(id))


def skills_list(st, req):
    return page(st.list_skills(_name(req)), req)


def user_skills_get(st, req, userId):
    return Response(200, st.get_user_skills(userId))


def user_skills_put(st, req, userId):
    return Response(200, st.replace_user_skills(userId, req.json(), req.client_id))


def queues_list(st, req):
    return page(st.list_queues(_name(req)), req)


def queue_create(st, req):
    queue = st.create_queue(req.json(), req.client_id)
    return Response(201, queue, {"Location": f"/api/v2/routing/queues/{queue['id']}", **_etag(queue)})


def queue_get(st, req, id):
    queue = st.get_queue(id)
    return Response(200, queue, _etag(queue))


def queue_put(st, req, id):
    expected = _if_match(st, req, required=True)
    queue = st.replace_queue(id, req.json(), expected, req.client_id, req.concurrent_update)
    return Response(200, queue, _etag(queue))


def queue_delete(st, req, id):
    st.delete_queue(id, _if_match(st, req, required=False), req.client_id)
    return Response(204)


def strategy_get(st, req, queueId):
    return Response(200, st.get_strategy(queueId))


def members_list(st, req, id):
    return page(st.list_members(id), req)


def member_add(st, req, id):
    return Response(200, st.add_member(id, req.json(), req.client_id))


def member_put(st, req, id, userId):
    return Response(200, st.replace_member(id, userId, req.json(), req.client_id))


def member_delete(st, req, id, userId):
    st.remove_member(id, userId, req.client_id)
    return Response(204)


def wrapups_list(st, req):
    return page(st.list_wrapups(_name(req)), req)


def wrapup_create(st, req):
    code = st.create_wrapup(req.json(), req.client_id)
    return Response(201, code, {"Location": f"/api/v2/routing/wrap-up-codes/{code['id']}"})


def wrapup_get(st, req, id):
    return Response(200, st.get_wrapup(id))


def wrapup_put(st, req, id):
    return Response(200, st.replace_wrapup(id, req.json(), req.client_id))


def wrapup_delete(st, req, id):
    st.delete_wrapup(id, req.client_id)
    return Response(204)


def state_get(st, req, userId):
    return Response(200, st.get_state(userId))


def state_post(st, req, userId):
    return Response(200, st.set_state(userId, req.json(), req.client_id))


def shift_get(st, req, userId):
    return Response(200, st.get_shift(userId))


def break_get(st, req, userId):
    return Response(200, st.get_break(userId))


def campaigns_list(st, req):
    return page(st.list_campaigns(_name(req)), req)


def schedules_list(st, req, campaignId):
    return page(st.list_schedules(campaignId, _name(req)), req)


def schedule_get(st, req, campaignId, scheduleId):
    return Response(200, st.get_schedule(campaignId, scheduleId))


def schedule_put(st, req, campaignId, scheduleId):
    sched, created = st.put_schedule(campaignId, scheduleId, req.json(), req.client_id)
    if created:
        return Response(201, sched, {"Location": f"/api/v2/dialer/campaigns/{campaignId}/schedules/{scheduleId}"})
    return Response(200, sched)


def schedule_delete(st, req, campaignId, scheduleId):
    st.delete_schedule(campaignId, scheduleId, req.client_id)
    return Response(204)


def wfm_active(st, req):
    return Response(200, st.active_wfm())


def webhooks_list(st, req):
    return page(st.list_webhooks(_name(req)), req)


def webhook_create(st, req):
    hook = st.create_webhook(req.json(), req.client_id)
    return Response(201, hook, {"Location": f"/api/v2/webhooks/{hook['id']}"})


def webhook_get(st, req, id):
    return Response(200, st.get_webhook(id))


def webhook_put(st, req, id):
    return Response(200, st.replace_webhook(id, req.json(), req.client_id))


def webhook_delete(st, req, id):
    st.delete_webhook(id, req.client_id)
    return Response(204)


def observations(st, req):
    return Response(200, st.observations(req.json()))


def audit_list(st, req):
    return page(st.audit_logs(req.query.get("entity") or None, req.query.get("entityId") or None), req)


MAX_BATCH = 50


def batch(st, req):
    body = req.json()
    check_object(body, "", ("operations",), ("operations",))
    ops = v_list(body["operations"], "operations", min_items=1, max_items=MAX_BATCH)
    seen = set()
    for i, op in enumerate(ops):
        p = f"operations[{i}]"
        check_object(op, p, ("id", "method", "path", "body"), ("id", "method", "path"))
        if v_str(op["id"], f"{p}.id") in seen:
            raise bad(f"{p}.id {op['id']!r} is used twice")
        seen.add(op["id"])
        v_enum(op["method"], f"{p}.method", ("GET", "PUT", "POST", "DELETE"))
        if not v_str(op["path"], f"{p}.path", max_len=2048).startswith("/"):
            raise bad(f"{p}.path must start with '/' (paths are relative to /api/v2)")
    results = []
    for op in ops:
        parts = urllib.parse.urlsplit(op["path"])
        path = "/api/v2" + parts.path
        if template_for(path) == BATCH_PATH:
            resp = Response(400, bad("a batch operation cannot itself be a batch").body())
        else:
            resp = dispatch(st, Request(op["method"], path, parse_query(parts.query), {}, req.client_id,
                                        req.scopes, parsed=op.get("body")))
        ok = resp.status < 400
        results.append({"id": op["id"], "status": resp.status,
                        "body": resp.body if ok else None, "error": None if ok else resp.body})
    return Response(200, {"results": results})


# ------------------------------------------------------------------ route table

@dataclass
class Route:
    method: str
    template: str
    scopes: tuple
    handler: Callable
    regex: re.Pattern = None


_ROUTES_SPEC = [
    ("GET", "/api/v2/users", ANY_TOKEN, users_list),
    ("GET", "/api/v2/users/{id}", ANY_TOKEN, user_get),
    ("GET", "/api/v2/routing/skills", SKILL_READ, skills_list),
    ("GET", "/api/v2/users/{userId}/skills", SKILL_READ, user_skills_get),
    ("PUT", "/api/v2/users/{userId}/skills", SKILL_WRITE, user_skills_put),
    ("GET", "/api/v2/routing/queues", QUEUE_READ, queues_list),
    ("POST", "/api/v2/routing/queues", QUEUE_WRITE, queue_create),
    ("GET", "/api/v2/routing/queues/{id}", QUEUE_READ, queue_get),
    ("PUT", "/api/v2/routing/queues/{id}", QUEUE_WRITE, queue_put),
    ("DELETE", "/api/v2/routing/queues/{id}", QUEUE_WRITE, queue_delete),
    ("GET", "/api/v2/routing/queues/{id}/members", QUEUE_READ, members_list),
    ("POST", "/api/v2/routing/queues/{id}/members", QUEUE_WRITE, member_add),
    ("PUT", "/api/v2/routing/queues/{id}/members/{userId}", QUEUE_WRITE, member_put),
    ("DELETE", "/api/v2/routing/queues/{id}/members/{userId}", QUEUE_WRITE, member_delete),
    ("GET", "/api/v2/queues/{queueId}/routing/strategies", QUEUE_READ, strategy_get),
    ("GET", "/api/v2/routing/wrap-up-codes", WRAPUP_READ, wrapups_list),
    ("POST", "/api/v2/routing/wrap-up-codes", WRAPUP_WRITE, wrapup_create),
    ("GET", "/api/v2/routing/wrap-up-codes/{id}", WRAPUP_READ, wrapup_get),
    ("PUT", "/api/v2/routing/wrap-up-codes/{id}", WRAPUP_WRITE, wrapup_put),
    ("DELETE", "/api/v2/routing/wrap-up-codes/{id}", WRAPUP_WRITE, wrapup_delete),
    ("GET", "/api/v2/users/{userId}/state", STATE_READ, state_get),
    ("POST", "/api/v2/users/{userId}/state", STATE_WRITE, state_post),
    ("GET", "/api/v2/schedules/users/{userId}", ("schedules:view",), shift_get),
    ("GET", "/api/v2/breaks/users/{userId}/status", ("breaks:view",), break_get),
    ("POST", BATCH_PATH, ("batch:write",), batch),
    ("GET", "/api/v2/dialer/campaigns", DIALER_READ, campaigns_list),
    ("GET", "/api/v2/dialer/campaigns/{campaignId}/schedules", DIALER_READ, schedules_list),
    ("GET", "/api/v2/dialer/campaigns/{campaignId}/schedules/{scheduleId}", DIALER_READ, schedule_get),
    ("PUT", "/api/v2/dialer/campaigns/{campaignId}/schedules/{scheduleId}", DIALER_WRITE, schedule_put),
    ("DELETE", "/api/v2/dialer/campaigns/{campaignId}/schedules/{scheduleId}", DIALER_WRITE, schedule_delete),
    ("GET", "/api/v2/wfm/schedules/active", ("wfm:schedules:read",), wfm_active),
    ("GET", "/api/v2/webhooks", ("webhooks:write",), webhooks_list),
    ("POST", "/api/v2/webhooks", ("webhooks:write",), webhook_create),
    ("GET", "/api/v2/webhooks/{id}", ("webhooks:write",), webhook_get),
    ("PUT", "/api/v2/webhooks/{id}", ("webhooks:write",), webhook_put),
    ("DELETE", "/api/v2/webhooks/{id}", ("webhooks:write",), webhook_delete),
    ("POST", ANALYTICS_PATH, ("analytics:read",), observations),
    ("GET", "/api/v2/audit/logs", ("audit_logs:read",), audit_list),
]


def _compile(template: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$")


ROUTES = [Route(m, t, s, h, _compile(t)) for m, t, s, h in _ROUTES_SPEC]


def template_for(path: str) -> str | None:
    """The route template of a path (IDs replaced by {placeholders}); None when no route matches."""
    if path == TOKEN_PATH:
        return path
    for route in ROUTES:
        if route.regex.match(path):
            return route.template
    return None


def is_write(method: str, path: str, raw: bytes | None) -> bool:
    """A mutating request as counted by stats: POST/PUT/DELETE, not token nor analytics query;
    a batch only when one of its operations is not a GET."""
    if method not in ("POST", "PUT", "DELETE") or path in (TOKEN_PATH, ANALYTICS_PATH):
        return False
    if path == BATCH_PATH:
        try:
            ops = json.loads(raw or b"")["operations"]
            return any(not (isinstance(op, dict) and str(op.get("method", "")).upper() == "GET") for op in ops)
        except (ValueError, KeyError, TypeError):
            return False
    return True


def dispatch(st: Store, req: Request) -> Response:
    """Route one authenticated request (or one batch operation): 404/405, scope check, handler."""
    try:
        matches = [(r, r.regex.match(req.path)) for r in ROUTES]
        matches = [(r, m) for r, m in matches if m]
        if not matches:
            raise ApiError(404, "not.found", f"no endpoint at {req.path}")
        route, m = next(((r, m) for r, m in matches if r.method == req.method), (None, None))
        if route is None:
            allowed = ", ".join(sorted({r.method for r, unused in matches}))
            raise ApiError(405, "method.not.allowed", f"{req.method} is not allowed on {matches[0][0].template}"
                           f" (allowed: {allowed})", {"Allow": allowed})
        if route.scopes and not req.scopes.intersection(route.scopes):
            raise ApiError(403, "missing.scope", f"{req.method} {route.template} needs the scope "
                           + " or ".join(route.scopes) + "; the token does not carry it")
        params = {k: urllib.parse.unquote(v) for k, v in m.groupdict().items()}
        with st.lock:
            return route.handler(st, req, **params)
    except ApiError as exc:
        return Response(exc.status, exc.body(), dict(exc.headers))
