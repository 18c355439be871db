# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP client for the CXone API: OAuth client credentials, pacing, retries,
pagination and batch. It knows HTTP and the contract's common rules, and nothing
about queues or any other resource."""

from __future__ import annotations

import random
import ssl
import sys
import time

if "httpx" not in sys.modules:
    # httpx's package import pulls in its command line (rich, click: ~0.1 s a task) when
    # those happen to be installed; a module never uses it. Its import then falls back.
    sys.modules.setdefault("httpx._main", None)
try:
    import httpx
except ImportError:  # reported by the module with missing_required_lib
    httpx = None

from ansible_collections.cxone.cxone.plugins.module_utils._errors import (
    APIError,
    AuthError,
    TransportError,
    api_error,
)
from ansible_collections.cxone.cxone.plugins.module_utils._token_cache import TokenCache, cache_key

API_ROOT = "/api/v2"
BATCH_LIMIT = 50
PAGE_SIZE = 100
REFRESH_MARGIN = 60  # refresh this long before expiry (half the lifetime for short-lived tokens)
USER_AGENT = "cxone.cxone-ansible/0.2.0"

_SAFE_METHODS = frozenset(["GET", "PUT", "DELETE"])


class Response:
    __slots__ = ("status", "body", "headers")

    def __init__(self, status, body, headers):
        self.status = status
        self.body = body
        self.headers = headers


class Client:
    """One per module run. Counts what it does in ``stats`` for tests and benchmarks."""

    def __init__(self, base_url, client_id, client_secret, token_url=None,
                 auth_method="client_secret_post", scopes=None, validate_certs=True,
                 ca_path=None, timeout=30.0, token_cache=True, cache_dir=None,
                 max_retries=6, max_retry_wait=120.0, backoff_base=0.5, backoff_cap=10.0):
        self.base_url = base_url.rstrip("/")
        self.token_url = token_url or self.base_url + "/oauth/token"
        self.client_id = client_id
        self._secret = client_secret
        self.auth_method = auth_method
        self.scopes = sorted(scopes or [])
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._cache = TokenCache(cache_dir) if token_cache else None
        self._cache_key = cache_key(self.token_url, client_id, self.scopes)
        self._token = None
        self._token_use_until = 0.0
        self._not_before = 0.0  # pacing: no request before this monotonic time
        self.stats = {"requests": 0, "token_requests": 0, "retries": 0, "rate_limited": 0, "paced_seconds": 0.0}
        verify = validate_certs
        if validate_certs and ca_path:
            verify = ssl.create_default_context(cafile=ca_path)
        elif validate_certs and not _uses_tls(self.base_url, self.token_url):
            # Plain http (the emulator): no trust store to load (~0.1 s a task). The context
            # still verifies, with no CA: a TLS connection, should one be made, fails closed.
            verify = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self._http = httpx.Client(
            verify=verify,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        )

    def close(self):
        self._http.close()

    # ---- authentication -------------------------------------------------

    def _access_token(self):
        if self._token and time.time() < self._token_use_until:
            return self._token
        if self._cache is None:
            return self._fetch_token()
        with self._cache.lock(self._cache_key):
            entry = self._cache.load(self._cache_key)
            if entry and entry[0] != self._token and time.time() < entry[1]:
                self._token, self._token_use_until = entry
                return self._token
            token = self._fetch_token()
            self._cache.store(self._cache_key, token, self._token_use_until)
            return token

    def _fetch_token(self):
        form = {"grant_type": "client_credentials"}
        if self.scopes:
            form["scope"] = " ".join(self.scopes)
        auth = None
        if self.auth_method == "client_secret_basic":
            auth = (self.client_id, self._secret)
        else:
            form["client_id"] = self.client_id
            form["client_secret"] = self._secret
        self.stats["token_requests"] += 1
        try:
            # Asking for a token again is harmless, so it is retried like a read.
            resp = self._send_with_retries("POST", self.token_url, True, lambda: {"data": form, "auth": auth})
        except TransportError as exc:
            raise TransportError("POST", self.token_url, "token request: %s" % exc.reason,
                                 retryable=exc.retryable) from None
        body = _json_or_none(resp)
        if resp.status_code != 200 or not isinstance(body, dict) or not body.get("access_token"):
            err = api_error("POST", self.token_url, resp.status_code, body)
            raise AuthError("POST", self.token_url, resp.status_code, err.code,
                            _scrub(err.description or "the token endpoint gave no access token",
                                   self._secret))
        lifetime = float(body.get("expires_in") or 0)
        self._token = body["access_token"]
        self._token_use_until = time.time() + lifetime - min(REFRESH_MARGIN, lifetime / 2)
        return self._token

    def _drop_token(self):
        if self._cache is not None and self._token:
            with self._cache.lock(self._cache_key):
                self._cache.invalidate(self._cache_key, self._token)
        self._token = None
        self._token_use_until = 0.0

    # ---- transport --------------------------------------------------------

    def _send(self, method, url, **kwargs):
        try:
            return self._http.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            # A write may have reached the server before the answer timed out.
            raise TransportError(method, _path_of(url), "timed out (%s)" % type(exc).__name__,
                                 maybe_applied=not isinstance(exc, httpx.ConnectTimeout)) from None
        except httpx.TransportError as exc:
            untrusted = _certificate_failure(exc)
            if untrusted is not None:
                raise TransportError(
                    method, _path_of(url),
                    "the TLS certificate of %s could not be verified (%s). Give the CA certificate(s) that signed "
                    "it with ca_path (or CXONE_CA_PATH); validate_certs: false turns the check off (not recommended)"
                    % (_origin(url), untrusted), retryable=False) from None
            sent = not isinstance(exc, (httpx.ConnectError, httpx.ProxyError, httpx.UnsupportedProtocol))
            raise TransportError(method, _path_of(url), "%s: %s" % (type(exc).__name__, exc),
                                 maybe_applied=sent) from None

    def _pace(self):
        delay = self._not_before - time.monotonic()
        if delay > 0:
            self.stats["paced_seconds"] += delay
            time.sleep(delay)

    def _note_rate_headers(self, headers):
        remaining = _number(headers.get("x-ratelimit-remaining"))
        reset = _number(headers.get("x-ratelimit-reset"))
        if remaining is not None and remaining <= 0 and reset:
            # Wait for the bucket instead of drawing a 429, but only for the next request's
            # share: Reset is the time until the bucket is FULL (Limit requests), so one
            # request's worth is Reset / Limit (never less than the true wait: Reset is
            # rounded up). Waiting for the whole bucket would idle the end of every task.
            limit = _number(headers.get("x-ratelimit-limit"))
            wait = reset / limit if limit and limit >= 1 else reset
            self._not_before = max(self._not_before, time.monotonic() + wait)

    def _backoff(self, attempt):
        return random.uniform(0, min(self.backoff_cap, self.backoff_base * (2 ** attempt)))

    def _send_with_retries(self, method, url, idempotent, request_kwargs):
        """Send until the answer is neither a 429 nor a failure worth retrying, within the
        retry budget; return that httpx response, whatever its status.

        ``request_kwargs()`` is called for every attempt (a refreshed token goes in).
        A 429 is always retried: the server did not apply the request. 5xx answers and
        transport failures are retried only when ``idempotent``.
        """
        attempt = 0
        waited = 0.0
        while True:
            self._pace()
            kwargs = request_kwargs()  # outside the try: a failed token fetch has had its own retries
            self.stats["requests"] += 1
            try:
                resp = self._send(method, url, **kwargs)
            except TransportError as exc:
                if not exc.retryable or (not idempotent and exc.maybe_applied):
                    raise
                failure, delay = exc, self._backoff(attempt)
            else:
                self._note_rate_headers(resp.headers)
                status = resp.status_code
                if status == 429:
                    self.stats["rate_limited"] += 1
                    retry_after = _number(resp.headers.get("retry-after"))
                    delay = retry_after if retry_after is not None else self._backoff(attempt)
                elif status >= 500 and idempotent:
                    delay = self._backoff(attempt)
                else:
                    return resp
                failure = api_error(method, _path_of(url), status, _json_or_none(resp))
            if attempt >= self.max_retries or waited + delay > self.max_retry_wait:
                raise failure
            attempt += 1
            waited += delay
            self.stats["retries"] += 1
            self._not_before = max(self._not_before, time.monotonic() + delay)

    def request(self, method, path, params=None, json=None, headers=None, idempotent=None):
        """Send one API call with the retry policy; return a Response or raise a typed error.

        ``idempotent`` says whether a call that may have reached the server can be
        sent again (default: GET/PUT/DELETE yes, POST no). On a 401 the token is
        replaced and the call sent once more.
        """
        if idempotent is None:
            idempotent = method in _SAFE_METHODS

        def request_kwargs():
            call_headers = {"Authorization": "Bearer " + self._access_token()}
            call_headers.update(headers or {})
            return {"params": params, "json": json, "headers": call_headers}

        url = self.base_url + path
        resp = self._send_with_retries(method, url, idempotent, request_kwargs)
        if resp.status_code == 401:
            self._drop_token()
            resp = self._send_with_retries(method, url, idempotent, request_kwargs)
        body = _json_or_none(resp)
        if resp.status_code < 400:
            return Response(resp.status_code, body, resp.headers)
        failure = api_error(method, path, resp.status_code, body,
                            maybe_applied=resp.status_code >= 500 and not idempotent)
        if resp.status_code == 401:
            raise AuthError(method, path, 401, failure.code, failure.description)
        raise failure

    # ---- conveniences -----------------------------------------------------

    def get(self, path, params=None):
        return self.request("GET", path, params=params).body

    def get_or_none(self, path, params=None):
        try:
            return self.get(path, params)
        except APIError as exc:
            if exc.status == 404:
                return None
            raise

    def post(self, path, json, idempotent=False):
        return self.request("POST", path, json=json, idempotent=idempotent).body

    def put(self, path, json, headers=None):
        return self.request("PUT", path, json=json, headers=headers).body

    def delete(self, path):
        """Delete; return False when it was already gone (a retried DELETE sees 404)."""
        try:
            self.request("DELETE", path)
        except APIError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def paginate(self, path, params=None):
        """Every entity of a paged collection, following ``x-next-page`` to the end."""
        query = dict(params or {})
        query["pageSize"] = PAGE_SIZE
        page = 1
        entities = []
        while True:
            query["page"] = page
            resp = self.request("GET", path, params=query)
            entities.extend((resp.body or {}).get("entities") or [])
            next_page = _number(resp.headers.get("x-next-page"))
            if not next_page or next_page <= page:
                return entities
            page = int(next_page)

    def batch(self, operations):
        """Run ``[{method, path, body}]`` through the batch endpoint, 50 a call.

        Paths are full API paths (``/api/v2/...``). Returns one result per operation,
        in input order: ``{"id", "status", "body", "error"}``. A batch is retried
        like any call only when none of its operations is a POST.
        """
        results = []
        for start in range(0, len(operations), BATCH_LIMIT):
            chunk = operations[start:start + BATCH_LIMIT]
            payload = {"operations": [
                _batch_op(str(start + index), op) for index, op in enumerate(chunk)
            ]}
            idempotent = all(op["method"] != "POST" for op in chunk)
            body = self.post(API_ROOT + "/batch", payload, idempotent=idempotent)
            results.extend(body.get("results") or [])
        return results


def _batch_op(op_id, op):
    path = op["path"]
    if path.startswith(API_ROOT):
        path = path[len(API_ROOT):]
    entry = {"id": op_id, "method": op["method"], "path": path}
    if op.get("body") is not None:
        entry["body"] = op["body"]
    return entry


def _json_or_none(resp):
    if not resp.content:
        return None
    try:
        return resp.json()
    except ValueError:
        return {"description": resp.text[:200]}


def _number(value):
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _uses_tls(*urls):
    return any(not url.lower().startswith("http://") for url in urls)


def _path_of(url):
    return httpx.URL(url).path


def _origin(url):
    parsed = httpx.URL(url)
    return "%s://%s" % (parsed.scheme, parsed.netloc.decode("ascii", "replace"))


def _certificate_failure(exc):
    """The reason when ``exc`` comes from a TLS certificate that failed verification, else None."""
    seen = 0
    cause = exc
    while cause is not None and seen < 10:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause.verify_message or str(cause)
        cause = cause.__cause__ or cause.__context__
        seen += 1
    text = str(exc)
    return text if "CERTIFICATE_VERIFY_FAILED" in text else None


def _scrub(text, *secrets):
    for secret in secrets:
        if secret:
            text = text.replace(secret, "********")
    return text
