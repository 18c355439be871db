# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP client every API surface builds on: the token (cached across tasks),
pacing, the retry policy (429, 5xx, dropped connections, 401), typed errors, and
sending many independent operations (through the API's batch request where the
surface has one, else call by call). It knows HTTP and nothing about queues or any
other resource; a surface's client (``surfaces/<name>/client.py``) adds how that API
logs in, pages, batches and words its errors."""

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
    CXoneError,
    ForbiddenError,
    TransportError,
)
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import Outcome, chunks, whole_request_failed
from ansible_collections.cxone.cxone.plugins.module_utils._token_cache import TokenCache
from ansible_collections.cxone.cxone.plugins.module_utils._validation import mask
from ansible_collections.cxone.cxone.plugins.module_utils._version import COLLECTION_VERSION

REFRESH_MARGIN = 60  # refresh this long before expiry (half the lifetime for short-lived tokens)
USER_AGENT = "cxone.cxone-ansible/" + COLLECTION_VERSION
# How long a listing one task shares (the users) serves the next tasks: a playbook run's
# worth. A name it lacks is looked up in a new listing, so a new hire is never "unknown".
LISTING_MAX_AGE = 600

_SAFE_METHODS = frozenset(["GET", "PUT", "DELETE"])


class Response:
    __slots__ = ("status", "body", "headers")

    def __init__(self, status, body, headers):
        self.status = status
        self.body = body
        self.headers = headers


class Client:
    """One per module run. Counts what it does in ``stats`` for tests and benchmarks.

    A surface's client fills in ``_token_request`` (how it logs in), ``_cache_identity``
    (what its token cache is keyed by), ``read_error`` (its error body), ``paginate`` and,
    where its API has a batch request, ``batch_limit`` and ``_send_batch``."""

    batch_limit = 0  # operations a batch request takes; 0: the API has none

    def __init__(self, base_url, token_url, validate_certs=True, ca_path=None, timeout=30.0,
                 token_cache=True, cache_dir=None, max_retries=6, max_retry_wait=120.0,
                 backoff_base=0.5, backoff_cap=10.0):
        self.base_url = base_url.rstrip("/")
        self.token_url = token_url
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._cache = TokenCache(cache_dir) if token_cache else None
        self._cache_key = self._cache_identity()
        self._token = None
        self._id_token = None
        self._refresh_token = None  # this run's login's, in memory only: never cached, never shown
        self._readings = None  # what the tenant answered where the API has several readings
        self._token_use_until = 0.0
        self._not_before = 0.0  # pacing: no request before this monotonic time
        self._batch_allowed = True  # False once the API refused a batch request (403)
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

    # ---- what a surface's client fills in ------------------------------------

    def _cache_identity(self):
        """The token cache key: never a secret, different for every login that gets other rights."""
        raise NotImplementedError

    def _token_request(self):
        """``(request kwargs, secrets)`` of the token POST to ``token_url``; ``secrets`` are
        masked in any message about it."""
        raise NotImplementedError

    def read_error(self, method, path, status, body, headers=None, maybe_applied=False):
        """The typed error for an error response, from this API's error body."""
        raise NotImplementedError

    def paginate(self, path, params=None):
        """Every entity of a paged collection."""
        raise NotImplementedError

    def _send_batch(self, start, chunk):
        """Send ``chunk`` (operations numbered from ``start``) as one batch request; one
        ``(status, body)`` per operation, in order."""
        raise NotImplementedError

    # ---- authentication -------------------------------------------------

    def _access_token(self):
        if self._token and time.time() < self._token_use_until:
            return self._token
        if self._cache is None:
            return self._fetch_token()
        with self._cache.lock(self._cache_key):
            entry = self._cache.load(self._cache_key)
            if entry and entry[0] != self._token and time.time() < entry[1] and self._restore(entry[2]):
                self._token, self._token_use_until = entry[0], entry[1]
                return self._token
            return self._fetch_and_keep()

    def new_token(self):
        """A token fresh from the issuer, never the cache's (kept there for the next tasks)."""
        if self._cache is None:
            return self._fetch_token()
        with self._cache.lock(self._cache_key):
            return self._fetch_and_keep()

    def _fetch_and_keep(self):
        token = self._fetch_token()
        self._cache.store(self._cache_key, token, self._token_use_until, self._cached_with_token())
        return token

    def shared_listing(self, name):
        """A listing of ``name`` another task of this run stored (``LISTING_MAX_AGE``), or None."""
        if self._cache is None:
            return None
        return self._cache.load_listing(self._cache_key, name, LISTING_MAX_AGE)

    def share_listing(self, name, entries):
        """Keep a listing of ``name`` for the next tasks of the run (only with the token cache)."""
        if self._cache is not None:
            self._cache.store_listing(self._cache_key, name, entries)

    def reading(self, name):
        """What the tenant answered before where the API has several readings, or None."""
        if self._readings is None:
            self._readings = self._cache.load_readings(self._cache_key) if self._cache is not None else {}
        return self._readings.get(name)

    def remember(self, name, value):
        """Keep what the tenant answered for the next tasks and runs (never a secret)."""
        if self.reading(name) == value:
            return
        self._readings[name] = value
        if self._cache is not None:
            with self._cache.lock(self._cache_key):
                kept = self._cache.load_readings(self._cache_key)
                kept[name] = value
                self._cache.store_readings(self._cache_key, kept)

    def _cached_with_token(self):
        """What the surface keeps in the token cache beside the token (never a secret)."""
        return None

    def _restore(self, cached):
        """Take back what ``_cached_with_token`` kept; False when the entry cannot be used."""
        return True

    def _fetch_token(self):
        kwargs, secrets = self._token_request()
        return self._token_from(self.token_url, kwargs, secrets)

    def _token_from(self, url, kwargs, secrets):
        """POST ``kwargs`` to ``url`` for a token; keep and return it (``secrets`` masked in errors)."""
        self.stats["token_requests"] += 1
        try:
            # Asking for a token again is harmless, so it is retried like a read.
            resp = self._send_with_retries("POST", url, True, lambda: kwargs)
        except TransportError as exc:
            raise TransportError("POST", url, "token request: %s" % exc.reason, retryable=exc.retryable,
                                 login=True) from None
        body = _json_or_none(resp)
        fields = self._token_fields(body) if isinstance(body, dict) else {}
        if resp.status_code != 200 or not fields.get("access_token"):
            err = self.read_error("POST", url, resp.status_code, body, resp.headers)
            raise AuthError("POST", url, resp.status_code, err.code,
                            mask(err.description or "the token endpoint gave no access token", *secrets))
        lifetime = fields.get("lifetime") or 0.0
        self._id_token = fields.get("id_token")  # read for its claims only; never kept
        self._refresh_token = fields.get("refresh_token") or None
        self._token = fields["access_token"]
        self._token_use_until = time.time() + lifetime - min(REFRESH_MARGIN, lifetime / 2)
        return self._token

    def _token_fields(self, body):
        """``{access_token, lifetime (seconds), id_token, refresh_token}`` of a token answer."""
        return {"access_token": body.get("access_token"), "lifetime": number(body.get("expires_in")),
                "id_token": body.get("id_token"), "refresh_token": body.get("refresh_token")}

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
        remaining = number(headers.get("x-ratelimit-remaining"))
        reset = number(headers.get("x-ratelimit-reset"))
        if remaining is not None and remaining <= 0 and reset:
            # Wait for the bucket instead of drawing a 429, but only for the next request's
            # share: Reset is the time until the bucket is FULL (Limit requests), so one
            # request's worth is Reset / Limit (never less than the true wait: Reset is
            # rounded up). Waiting for the whole bucket would idle the end of every task.
            limit = number(headers.get("x-ratelimit-limit"))
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
                    retry_after = number(resp.headers.get("retry-after"))
                    delay = retry_after if retry_after is not None else self._backoff(attempt)
                elif status >= 500 and idempotent:
                    delay = self._backoff(attempt)
                else:
                    return resp
                failure = self.read_error(method, _path_of(url), status, _json_or_none(resp), resp.headers)
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
        failure = self.read_error(method, path, resp.status_code, body, resp.headers,
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

    def send_all(self, operations):
        """Send independent operations ``[{method, path, body}]``; one Outcome each, in order.

        Several go through the API's batch request, ``batch_limit`` a request, when it has
        one; else (one operation, no batch request, or the login may not use it: 403)
        they go call by call. A chunk the batch request failed for fails all its
        operations; a GET that failed inside a batch is sent once more on its own, with
        the retry policy. A DELETE of what is already gone (404) counts as done."""
        outcomes = [None] * len(operations)
        if len(operations) > 1 and self.batch_limit and self._batch_allowed:
            for start, chunk in chunks(operations, self.batch_limit):
                try:
                    results = self._send_batch(start, chunk)
                except ForbiddenError:
                    if start == 0:
                        self._batch_allowed = False  # the same work, one call each
                        break
                    results, failure = [], CXoneError("batch request refused")
                except (APIError, TransportError) as exc:
                    results, failure = [], exc
                else:
                    failure = CXoneError("no result in the batch response")  # never sent again blindly
                done = [self._item_outcome(op, status, body) for op, (status, body) in zip(chunk, results)]
                done += [whole_request_failed(failure)] * (len(chunk) - len(done))
                outcomes[start:start + len(chunk)] = done
        for index, op in enumerate(operations):
            outcome = outcomes[index]
            if outcome is None or (not outcome.ok and op["method"] == "GET"):
                outcomes[index] = self._send_one(op)
        return outcomes

    def get_all(self, paths):
        """GET every path (batched like ``send_all``); the bodies in order. The first read that
        failed, even on its own, raises its error."""
        bodies = []
        for outcome in self.send_all([{"method": "GET", "path": path} for path in paths]):
            if not outcome.ok:
                raise outcome.error
            bodies.append(outcome.body)
        return bodies

    def _item_outcome(self, op, status, body):
        if status < 300 or (op["method"] == "DELETE" and status == 404):
            return Outcome(True, body)
        return Outcome(False, error=self.read_error(op["method"], op["path"], status, body))

    def _send_one(self, op):
        try:
            return Outcome(True, self.request(op["method"], op["path"], json=op.get("body")).body)
        except (APIError, TransportError) as exc:
            if op["method"] == "DELETE" and getattr(exc, "status", None) == 404:
                return Outcome(True)  # already gone
            return Outcome(False, error=exc)


def _json_or_none(resp):
    if not resp.content:
        return None
    try:
        return resp.json()
    except ValueError:
        return {"description": resp.text[:200]}


def number(value):
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
