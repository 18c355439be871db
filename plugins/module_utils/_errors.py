# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed errors of the CXone client. Their text is meant for a person: it names the
call, the status, the server's code and description, and never a secret."""

from __future__ import annotations


class CXoneError(Exception):
    """Base of every error the collection raises on purpose."""


class InputError(CXoneError):
    """The task's input is invalid; raised before anything is written."""


class APIError(CXoneError):
    """The API answered with an error status."""

    def __init__(self, method, path, status, code=None, description=None, maybe_applied=False):
        self.method = method
        self.path = path
        self.status = status
        self.code = code
        self.description = description
        # A failed create may still have been applied (5xx, cut-off response):
        # the caller must read before trying again.
        self.maybe_applied = maybe_applied
        super().__init__(self._message())

    def _message(self):
        text = "%s %s failed: HTTP %s" % (self.method, self.path, self.status)
        if self.code:
            text += " %s" % self.code
        if self.description:
            text += ": %s" % self.description
        return text


class NotFoundError(APIError):
    pass


class ConflictError(APIError):
    pass


class ForbiddenError(APIError):
    def _message(self):
        return super()._message() + " (the OAuth client lacks a scope this call needs; grant it to the client or add it to 'scopes')"


class RateLimitError(APIError):
    def _message(self):
        return super()._message() + " (still rate limited after the retries allowed; lower the task's parallelism or retry later)"


class AuthError(APIError):
    """The token endpoint refused the client, or the API kept refusing the token."""


class TransportError(CXoneError):
    """No usable HTTP response: connection refused or dropped, TLS failure, timeout."""

    def __init__(self, method, path, reason, maybe_applied=False, retryable=True):
        self.method = method
        self.path = path
        self.reason = reason
        self.maybe_applied = maybe_applied
        # False when sending again cannot help (an untrusted TLS certificate).
        self.retryable = retryable
        self.status = None
        self.code = None
        super().__init__("%s %s failed: %s" % (method, path, reason))


_BY_STATUS = {403: ForbiddenError, 404: NotFoundError, 409: ConflictError, 429: RateLimitError}


def api_error(method, path, status, body, maybe_applied=False):
    """Build the typed error for an error response body in the contract's shape."""
    code = description = None
    if isinstance(body, dict):
        code = body.get("code") or body.get("error")
        description = body.get("description") or body.get("error_description")
    cls = _BY_STATUS.get(status, APIError)
    return cls(method, path, status, code, description, maybe_applied=maybe_applied)
