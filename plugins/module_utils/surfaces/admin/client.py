# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The admin surface's client (docs/api/admin.md): access-key login (password grant, the
application in HTTP Basic), the tenant's API host from discovery, ``skip``/``top`` paging,
its three error shapes, and array-bodied writes whose per-item results it reads.

Every fact of the real platform that may turn out otherwise lives here or in the stores
beside it (docs/api/admin.md says how sure each one is)."""

from __future__ import annotations

import base64
import json
import re
import time
from urllib.parse import parse_qsl, quote, urlsplit

from ansible_collections.cxone.cxone.plugins.module_utils._client import Client, number
from ansible_collections.cxone.cxone.plugins.module_utils._errors import (
    APIError,
    AuthError,
    CXoneError,
    TransportError,
    error_for_status,
)
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import Outcome, chunks, whole_request_failed
from ansible_collections.cxone.cxone.plugins.module_utils._token_cache import cache_key

DEFAULT_AUTH_URL = "https://cxone.niceincontact.com"
# The access key's own login (no application), on its area's host: NICE's UserHub and Data
# Extraction pages, a Singer tap, PSInContact and an MCP client all log in there.
LOGIN_HOST = "https://%s.nice-incontact.com"
ACCESS_KEY_PATH = "/authentication/v1/token/access-key"
REFRESH_PATH = "/public/user/refresh"
AREA = re.compile(r"^[a-z]{1,4}[0-9]{1,2}$")  # na1, au1, eu1, uk1, na2 (FedRAMP), ...
API_HOST_AREA = re.compile(r"^api-([a-z]{1,4}[0-9]{1,2})\.")  # api-na1.niceincontact.com
DEFAULT_VERSION = "v33.0"
PAGE_SIZE = 100   # the largest `top` (a 3rd party says so; a larger one is capped, so paging follows the answers)
ITEM_LIMIT = 100  # items in one array-bodied write (undocumented: the emulator refuses more)


def api_path(version, path):
    return "/inContactAPI/services/%s%s" % (version, path)


def segment(value):
    return quote(str(value), safe="")


def login_url_of(area, base_url=None):
    """The login host of ``area`` (``na1``, or a URL as it is), else of the area in the API host
    ``base_url`` (``https://api-na1.niceincontact.com``); None when neither says."""
    if area and "://" in area:
        return area.rstrip("/")
    if area:
        return LOGIN_HOST % area.strip().lower()
    match = API_HOST_AREA.match(urlsplit(base_url or "").hostname or "")
    return LOGIN_HOST % match.group(1) if match else None


def _seconds_left(value):
    """``tokenExpirationTimeSec`` as seconds from now: a lifetime, or, read the other way a source
    could mean it, a time since the epoch (no lifetime is 30 years long)."""
    seconds = number(value)
    if seconds is not None and seconds > 1e9:
        return max(0.0, seconds - time.time())
    return seconds


def claims_of(token):
    """The JWT's payload (the signature is not checked: the token came over TLS from the issuer)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, TypeError, AttributeError):
        return {}  # none, or an opaque token
    return claims if isinstance(claims, dict) else {}


class AdminClient(Client):
    """One per module run. It logs in with the access key alone at the area's login host
    (``login_url``), or, given an application, with the password grant at ``auth_url``.
    ``base_url`` (the API host) skips discovery; otherwise the host comes from
    ``{iss}/.well-known/cxone-configuration`` and is cached with the token."""

    def __init__(self, access_key_id, access_key_secret, client_id=None, client_secret=None, auth_url=None,
                 base_url=None, api_version=None, login_url=None, **options):
        self.access_key_id = access_key_id
        self._key_secret = access_key_secret
        self.client_id = client_id or None
        self._secret = client_secret
        self.auth_url = (auth_url or DEFAULT_AUTH_URL).rstrip("/")
        self.version = api_version or DEFAULT_VERSION
        self._fixed_host = base_url.rstrip("/") if base_url else None
        # Without an application the access key logs in alone, at its area's login host.
        self.login_url = None if self.client_id else login_url.rstrip("/")
        token_url = self.login_url + ACCESS_KEY_PATH if self.login_url else self.auth_url + "/auth/token"
        super().__init__(self._fixed_host or self.auth_url, token_url, **options)
        self.tenant_id = None
        self.claims_from = None  # which token held the tenant's claims (the tenant check reports it)
        self._host_found = False  # the API host discovered (or taken from the cache) this run

    @property
    def login(self):
        """How this client logs in: ``access_key`` (the key alone) or ``application``."""
        return "application" if self.client_id else "access_key"

    # ---- login and discovery

    def _cache_identity(self):
        return cache_key(self.token_url, "%s@%s" % (self.access_key_id, self.client_id), [self._fixed_host or ""])

    def _token_request(self):
        if self.login == "access_key":
            return ({"json": {"accessKeyId": self.access_key_id, "accessKeySecret": self._key_secret}},
                    (self._key_secret,))
        form = {"grant_type": "password", "username": self.access_key_id, "password": self._key_secret}
        basic = (self.client_id, self._secret)
        return {"data": form, "auth": basic}, (self._key_secret, self._secret)

    def _token_fields(self, body):
        # The login answers OAuth's names; the refresh (one production client) answers
        # token/refreshToken/tokenExpirationTimeSec: both are read.
        lifetime = number(body.get("expires_in"))
        if lifetime is None:
            lifetime = _seconds_left(body.get("tokenExpirationTimeSec"))
        return {"access_token": body.get("access_token") or body.get("token"), "lifetime": lifetime,
                "id_token": body.get("id_token"),
                "refresh_token": body.get("refresh_token") or body.get("refreshToken")}

    def _fetch_token(self):
        if self.login == "access_key" and self._refresh_token:
            token = self._refreshed()
            if token:
                return token
        try:
            token = super()._fetch_token()
        except AuthError as exc:
            raise AuthError(exc.method, exc.path, exc.status, exc.code, self._login_advice(exc)) from None
        except TransportError as exc:
            if self.login != "access_key" or not exc.retryable:
                raise
            raise TransportError(exc.method, exc.path, "%s: is area (or CXONE_AREA) the tenant's area, for example "
                                 "na1?" % exc.reason, retryable=exc.retryable, login=True) from None
        # Every other client reads the claims from the id_token (the access token may be opaque).
        self.claims_from = next((name for name, jwt in (("id_token", self._id_token), ("access_token", token))
                                 if claims_of(jwt).get("tenantId")), None)
        claims = dict(claims_of(token), **claims_of(self._id_token))
        self.tenant_id = claims.get("tenantId")
        if self._fixed_host is None and not self._host_found:
            self._discover(claims)  # once a run: a login again (the token expired) keeps the host
        return token

    def _refreshed(self):
        """A token from the refresh token of this run's login, or None (then the key logs in again)."""
        refresh, self._refresh_token = self._refresh_token, None
        try:
            return self._token_from(self.login_url + REFRESH_PATH, {"json": {"token": refresh}}, (refresh,))
        except (AuthError, TransportError):
            return None

    def _login_advice(self, exc):
        """Which credential a refused login points at, and what to check. Never a secret."""
        said = exc.description or exc.code or "refused"
        if self.login == "access_key":
            if exc.status == 404:
                return ("%s has no access-key login (%s): is area (or CXONE_AREA) the tenant's area, for example "
                        "na1?" % (self.login_url, said))
            return ("the access key (access_key_id / access_key_secret) was refused at %s: check that the key "
                    "exists, is active, that the secret is the one shown when it was created, and that area is "
                    "the tenant's (%s)" % (self.login_url, said))
        if exc.code == "invalid_client":
            return ("the application (client_id / client_secret) was refused: check the registered application's "
                    "credentials (%s)" % said)
        if exc.code == "invalid_grant":
            return ("the access key (access_key_id / access_key_secret) was refused: check that the key exists, "
                    "is active and that the secret is the one shown when it was created (%s)" % said)
        return exc.description or "the issuer refused the login"

    def _discover(self, claims):
        issuer = (claims.get("iss") or self.auth_url).rstrip("/")
        url = issuer + "/.well-known/cxone-configuration"
        resp = self._send_with_retries("GET", url, True, lambda: {"params": {"tenantId": self.tenant_id}})
        body = _json(resp)
        host = body.get("api_endpoint") if isinstance(body, dict) else None
        if resp.status_code != 200 or not host:
            raise AuthError("GET", url, resp.status_code, "discovery",
                            "the issuer %s knows no API host for tenant %s (unknown tenant?): check auth_url, or "
                            "give the API host as base_url" % (issuer, self.tenant_id))
        self.base_url = host.rstrip("/")
        self._host_found = True

    def _cached_with_token(self):
        return self.base_url if self._fixed_host is None else None

    def _restore(self, cached):
        if self._fixed_host is not None:
            return True
        if not cached:
            return False  # a token without its API host: log in (and discover) again
        self.base_url = cached
        self._host_found = True
        return True

    # ---- what every call shares

    def request(self, method, path, params=None, json=None, headers=None, idempotent=None):
        self._access_token()  # the first login discovers the API host the call goes to
        return super().request(method, api_path(self.version, path), params=params, json=json, headers=headers,
                               idempotent=idempotent)

    def read_error(self, method, path, status, body, headers=None, maybe_applied=False):
        """``{error, errorDescription}``, ``{error, error_description}``, or only the
        ``icStatusDescription`` header."""
        code = description = None
        if isinstance(body, dict):
            code = body.get("error") or body.get("code")
            description = body.get("errorDescription") or body.get("error_description") or body.get("description")
        if not description and headers is not None:
            description = headers.get("icStatusDescription")
        return error_for_status(method, path, status, code, _advice(status, description), maybe_applied=maybe_applied)

    def paginate(self, path, params=None, key=None, probe=True):
        """Every record of a list: ``top`` 100, following ``_links.next`` (else ``skip`` by what
        came) until ``totalRecords``; 204 is an empty list. A full page without paging keys may
        have been cut short: the next page is asked for (``probe``), and an answer that repeats
        the page, or ``probe`` False, raises CutShort: never taken as the whole list."""
        key = key or path.rstrip("/").split("/")[-1]
        query = dict(params or {}, top=PAGE_SIZE, skip=0)
        records, last = [], None
        while True:
            resp = self.request("GET", path, params=query)
            if resp.status == 204 or not isinstance(resp.body, dict):
                return records
            body = listing(resp.body, key)
            page = [spelled(record, key) for record in records_of(body, key)]
            if page and last is not None and page[0] == last[0]:
                raise CutShort("GET", path, len(last))
            records.extend(page)
            total = body.get("totalRecords")
            following = (body.get("_links") or {}).get("next")
            if not page or (total is not None and len(records) >= int(total)):
                return records
            if following:
                query = dict(parse_qsl(urlsplit(following).query))
            elif total is None and len(page) != int(query.get("top", PAGE_SIZE)):
                return records  # not a full page (or more than one: the server does not page here)
            elif total is None and not probe:
                raise CutShort("GET", path, len(page))
            else:
                last = page
                query["skip"] = int(query.get("skip", 0)) + len(page)

    def write_items(self, method, path, wrapper, items, result_keys):
        """An array-bodied write, ``ITEM_LIMIT`` items a request; one Outcome per item, in order,
        from the per-item results (a 200 with ``errorCount > 0`` is a partial failure; an
        Outcome's body is the item's result). A request that failed as a whole fails its items;
        a create whose answer was lost is never sent again (the caller reads)."""
        outcomes = []
        for _start, chunk in chunks(items, ITEM_LIMIT):
            try:
                body = self.request(method, path, json={wrapper: chunk}, idempotent=method != "POST").body or {}
            except (APIError, TransportError) as exc:
                outcomes.extend([whole_request_failed(exc)] * len(chunk))
                continue
            results = _results(body, result_keys)
            for index, _item in enumerate(chunk):
                result = results[index] if index < len(results) else None
                if result is None:
                    outcomes.append(whole_request_failed(
                        CXoneError("%s %s: no result for item %d in the answer" % (method, path, index))))
                elif result.get("success") is False or result.get("error"):
                    outcomes.append(Outcome(False, result, error_for_status(method, path, 400, "item.failed",
                                                                            str(result.get("error") or "failed"))))
                else:
                    outcomes.append(Outcome(True, result))
        return outcomes


class CutShort(CXoneError):
    """A list answer that may not be the whole list: a full page and nothing that says more
    follow or not (no ``totalRecords``, no ``_links.next``), and no way to ask for the rest."""

    def __init__(self, method, path, count):
        super().__init__("%s %s answered a full page (%d records) without totalRecords or a next link, and "
                         "asking for the next page did not page: the list may be longer than one answer, so it "
                         "was not taken as complete (nothing was changed from it)" % (method, path, count))
        self.path = path


# Older API versions and other clients answer some lists in a wrapper or with older spellings
# (PS v20-v23, MCP v30): each is read as the v33 answer.
LIST_KEYS = {"hoursOfOperation": ("hoursOfOperation", "hoursOfOperationProfiles")}
SPELLINGS = {
    "campaigns": {"campaignId": "id", "campaignName": "name"},
    "unavailableCodes": {"unavailableCodeId": "id", "unavailableCode": "name", "isAcw": "isACW"},
    "hoursOfOperation": {"profileId": "hoursOfOperationProfileId", "profileName": "hoursOfOperationProfileName"},
}
SPELLINGS["hoursOfOperationProfiles"] = SPELLINGS["hoursOfOperation"]


def listing(body, key):
    """A list answer, or the ``resultSet`` (``resultset``) it is wrapped in."""
    for wrapper in ("resultSet", "resultset"):
        inner = body.get(wrapper)
        if isinstance(inner, dict) and any(k in inner for k in LIST_KEYS.get(key, (key,))):
            return inner
    return body


def records_of(body, key):
    for name in LIST_KEYS.get(key, (key,)):
        if isinstance(body.get(name), list):
            return body[name]
    return []


def spelled(record, key):
    """A record with the v33 spelling of each field an older version spells otherwise."""
    renames = SPELLINGS.get(key)
    if not renames or not isinstance(record, dict):
        return record
    record = dict(record)
    for old, new in renames.items():
        if old in record and new not in record:
            record[new] = record.pop(old)
    return record


def created_id(body, id_keys):
    """The id a create answered (under any of ``id_keys``), or None when it answered none."""
    holder = body if isinstance(body, dict) else {}
    return next((holder[k] for k in id_keys if holder.get(k) not in (None, "")), None)


def _results(body, keys):
    """The per-item results of a write answer, wherever this endpoint puts them."""
    holder = body.get("resultSet") if isinstance(body.get("resultSet"), dict) else body
    for key in keys:
        if isinstance(holder.get(key), list):
            return holder[key]
    return []


def _json(resp):
    try:
        return resp.json() if resp.content else None
    except ValueError:
        return None


def _advice(status, description):
    if status == 403:
        return (description or "forbidden") + (" (the access key's user lacks a permission this call needs: give "
                                               "that user's security profile the permission)")
    return description
