# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The v2 surface's client (docs/api/v2.md): OAuth client credentials (scopes, the
secret in the form or HTTP Basic), ``page``/``pageSize`` paging that follows
``x-next-page``, the ``{code, description}`` error body, and the batch endpoint."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._client import Client, number
from ansible_collections.cxone.cxone.plugins.module_utils._errors import error_for_status
from ansible_collections.cxone.cxone.plugins.module_utils._token_cache import cache_key
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2 import paths

PAGE_SIZE = 100
BATCH_LIMIT = 50


def read_error(method, path, status, body, maybe_applied=False):
    """The typed error for an error body of the contract's shape."""
    code = description = None
    if isinstance(body, dict):
        code = body.get("code") or body.get("error")
        description = body.get("description") or body.get("error_description")
    return error_for_status(method, path, status, code, description, maybe_applied=maybe_applied)


class V2Client(Client):
    batch_limit = BATCH_LIMIT

    def __init__(self, base_url, client_id, client_secret, token_url=None, auth_method="client_secret_post",
                 scopes=None, **options):
        self.client_id = client_id
        self._secret = client_secret
        self.auth_method = auth_method
        self.scopes = sorted(scopes or [])
        super().__init__(base_url, token_url or base_url.rstrip("/") + "/oauth/token", **options)

    def _cache_identity(self):
        return cache_key(self.token_url, self.client_id, self.scopes)

    def _token_request(self):
        form = {"grant_type": "client_credentials"}
        if self.scopes:
            form["scope"] = " ".join(self.scopes)
        auth = None
        if self.auth_method == "client_secret_basic":
            auth = (self.client_id, self._secret)
        else:
            form["client_id"] = self.client_id
            form["client_secret"] = self._secret
        return {"data": form, "auth": auth}, (self._secret,)

    def read_error(self, method, path, status, body, headers=None, maybe_applied=False):
        return read_error(method, path, status, body, maybe_applied)

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
            next_page = number(resp.headers.get("x-next-page"))
            if not next_page or next_page <= page:
                return entities
            page = int(next_page)

    def _batch_request(self, start, chunk):
        payload = {"operations": [_batch_op(str(start + index), op) for index, op in enumerate(chunk)]}
        # Retried like any call only when none of its operations is a POST.
        idempotent = all(op["method"] != "POST" for op in chunk)
        body = self.post(paths.BATCH, payload, idempotent=idempotent) or {}
        return body.get("results") or []

    def _send_batch(self, start, chunk):
        return [(res.get("status") or 0, res.get("error") or res.get("body")) for res in self._batch_request(start, chunk)]


def _batch_op(op_id, op):
    path = op["path"]
    if path.startswith(paths.ROOT):
        path = path[len(paths.ROOT):]
    entry = {"id": op_id, "method": op["method"], "path": path}
    if op.get("body") is not None:
        entry["body"] = op["body"]
    return entry
