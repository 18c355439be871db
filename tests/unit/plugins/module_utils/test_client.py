"""The shared client against the emulator: tokens, cache, 401, 429, pacing, retries, pages, batch."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2 import paths
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.client import V2Client as Client
from ansible_collections.cxone.cxone.plugins.module_utils._errors import (
    AuthError,
    ForbiddenError,
    RateLimitError,
    TransportError,
)
from ansible_collections.cxone.cxone.plugins.module_utils._token_cache import TokenCache, cache_key

SECRET = "demo-secret-not-for-production"


@pytest.fixture
def make_client(emulator, tmp_path):
    clients = []

    def make(**kwargs):
        options = dict(base_url=emulator.base_url, client_id="cxone-demo", client_secret=SECRET,
                       cache_dir=str(tmp_path / "cache"), backoff_base=0.01, backoff_cap=0.05)
        options.update(kwargs)
        client = Client(**options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def test_token_post_and_basic(emulator, make_client):
    for method in ("client_secret_post", "client_secret_basic"):
        client = make_client(auth_method=method, token_cache=False)
        assert client.get(paths.USERS)["entities"]
    assert emulator.stats()["token_requests"] == 2


def test_bad_secret_is_reported_without_the_secret(make_client):
    client = make_client(client_secret="wrong-" + SECRET, token_cache=False)
    with pytest.raises(AuthError) as caught:
        client.get(paths.USERS)
    assert "invalid_client" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_token_is_cached_across_processes(emulator, tmp_path):
    """Each task is a new process: the second one must reuse the first one's token."""
    script = textwrap.dedent("""
        import sys
        sys.path.insert(0, sys.argv[1])
        from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.client import V2Client as Client
        c = Client(base_url=sys.argv[2], client_id="cxone-demo", client_secret=sys.argv[3], cache_dir=sys.argv[4])
        c.get("/api/v2/users")
    """)
    collections = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".build", "collections")
    cache = tmp_path / "cache"
    args = [sys.executable, "-c", script, os.path.abspath(collections), emulator.base_url, SECRET, str(cache)]
    # Four processes at once, then one more: one token for all of them.
    procs = [subprocess.Popen(args) for _process in range(4)]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    subprocess.run(args, check=True, timeout=60)
    assert emulator.stats()["token_requests"] == 1
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o700
    (entry,) = [p for p in cache.iterdir() if p.suffix == ".json"]
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    content = entry.read_text()
    assert SECRET not in content and set(json.loads(content)) == {"access_token", "expires_at"}


def test_cache_with_loose_permissions_or_garbage_is_not_trusted(emulator, make_client, tmp_path):
    cache_dir = tmp_path / "cache"
    make_client().get(paths.USERS)
    key = cache_key(emulator.base_url + "/oauth/token", "cxone-demo", [])
    entry = cache_dir / (key + ".json")
    os.chmod(entry, 0o644)
    assert TokenCache(str(cache_dir)).load(key) is None
    assert not entry.exists()
    entry.write_text("{not json")
    os.chmod(entry, 0o600)
    client = make_client()
    assert client.get(paths.USERS)["entities"]
    assert emulator.stats()["token_requests"] == 2
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_expired_or_revoked_token_is_replaced_once(emulator, make_client):
    client = make_client()
    client.get(paths.USERS)
    emulator.revoke_tokens()
    assert client.get(paths.USERS)["entities"]
    assert emulator.stats()["token_requests"] == 2


def test_refreshes_before_expiry(emulator, make_client):
    emulator.configure(token_lifetime=2)  # short-lived: refreshed after half its life
    client = make_client()
    client.get(paths.USERS)
    client.get(paths.USERS)
    assert emulator.stats()["token_requests"] == 1
    time.sleep(1.1)
    client.get(paths.USERS)
    assert emulator.stats()["token_requests"] == 2
    assert emulator.stats()["status"].get("401", 0) == 0  # refreshed before the server refused it


def test_429_with_retry_after_is_waited_out(emulator, make_client):
    client = make_client()
    client.get(paths.USERS)
    emulator.add_fault(kind="rate_limit", retry_after=1, match={"path": "/api/v2/users"})
    assert client.get(paths.USERS)["entities"]
    assert client.stats["rate_limited"] == 1 and client.stats["paced_seconds"] >= 0.9


def test_429_without_retry_after_backs_off_then_gives_up(emulator, make_client):
    client = make_client(max_retries=3)
    client.get(paths.USERS)
    emulator.add_fault(kind="rate_limit", retry_after=None, times=2)
    assert client.get(paths.USERS)["entities"]
    emulator.add_fault(kind="rate_limit", retry_after=None, times=-1)
    with pytest.raises(RateLimitError) as caught:
        client.get(paths.USERS)
    assert "429" in str(caught.value) and "still rate limited" in str(caught.value)
    emulator.clear_faults()


def test_paces_on_ratelimit_headers_instead_of_drawing_429(emulator, make_client):
    emulator.configure(rate_limit=20, burst=5)
    client = make_client()
    for _request in range(12):
        client.get(paths.SKILLS)
    assert emulator.stats()["rate_limited"] == 0
    assert client.stats["paced_seconds"] > 0


def test_5xx_on_get_and_put_is_retried(emulator, make_client):
    client = make_client()
    emulator.add_fault(kind="status", status=503, times=2, match={"method": "GET"})
    assert client.get(paths.USERS)["entities"]
    assert client.stats["retries"] == 2


def test_create_is_never_retried_blindly(emulator, make_client):
    client = make_client()
    client.get(paths.USERS)
    emulator.add_fault(kind="drop", when="after", match={"method": "POST", "path": "wrap-up-codes"})
    with pytest.raises(TransportError) as caught:
        client.post(paths.WRAPUP_CODES, {"name": "Once", "available": True, "routingType": "ROUTED", "wrapUpType": "ALL"})
    assert caught.value.maybe_applied
    codes = [c for c in client.paginate(paths.WRAPUP_CODES) if c["name"] == "Once"]
    assert len(codes) == 1  # applied once, not repeated
    posts = [r for r in emulator.requests if r["method"] == "POST" and "wrap-up-codes" in r["path"]]
    assert len(posts) == 1


def test_5xx_on_create_is_not_retried_either(emulator, make_client):
    client = make_client()
    emulator.add_fault(kind="status", status=502, match={"method": "POST", "path": "wrap-up-codes"})
    with pytest.raises(Exception) as caught:
        client.post(paths.WRAPUP_CODES, {"name": "Twice", "available": True, "routingType": "ROUTED", "wrapUpType": "ALL"})
    assert getattr(caught.value, "maybe_applied", False)
    assert len([r for r in emulator.requests if r["method"] == "POST" and "wrap-up-codes" in r["path"]]) == 1


def test_pagination_follows_next_page(emulator, make_client):
    emulator.store.add_users(230, prefix="page")
    client = make_client()
    users = client.paginate(paths.USERS)
    assert len(users) == len(emulator.store.users)
    assert len({u["id"] for u in users}) == len(users)
    assert emulator.stats()["by_route"]["GET /api/v2/users"] == 3


def test_batch_chunks_of_fifty_with_results_in_order(emulator, make_client):
    client = make_client()
    users = client.paginate(paths.USERS)
    ops = [{"method": "GET", "path": paths.user_skills(u["id"])} for u in users] * 6
    outcomes = client.send_all(ops)
    assert len(outcomes) == len(ops) and all(outcome.ok for outcome in outcomes)
    assert emulator.stats()["by_route"]["POST /api/v2/batch"] == -(-len(ops) // 50)


def test_missing_scope_names_the_scope(emulator, make_client):
    client = make_client(client_id="cxone-readonly", client_secret="readonly-secret-not-for-production")
    with pytest.raises(ForbiddenError) as caught:
        client.post(paths.WRAPUP_CODES, {"name": "X", "available": True, "routingType": "ROUTED", "wrapUpType": "ALL"})
    assert "routing:wrapupcode:write" in str(caught.value)


def test_connection_refused_is_a_transport_error():
    client = Client(base_url="http://127.0.0.1:9", client_id="x", client_secret="y", token_cache=False, timeout=2,
                    backoff_base=0.01, backoff_cap=0.05)
    with pytest.raises(TransportError) as caught:
        client.get(paths.USERS)
    assert "token request" in str(caught.value)
