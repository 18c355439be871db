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


class ConnectionSettingError(InputError):
    """A connection option is missing, wrong, or not the chosen API's; raised before any request."""


def is_connection_failure(exc):
    """Whether ``exc`` says the tenant could not be reached or logged in to (the connection's
    fault, not an object's): a connection option, the login, discovery, a refused token."""
    return isinstance(exc, (ConnectionSettingError, AuthError)) or getattr(exc, "login", False)


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

    def __init__(self, method, path, reason, maybe_applied=False, retryable=True, login=False):
        self.method = method
        self.path = path
        self.reason = reason
        self.maybe_applied = maybe_applied
        # False when sending again cannot help (an untrusted TLS certificate).
        self.retryable = retryable
        self.login = login  # the login itself could not reach the tenant: the connection's fault, no object's
        self.status = None
        self.code = None
        super().__init__("%s %s failed: %s" % (method, path, reason))


BY_STATUS = {403: ForbiddenError, 404: NotFoundError, 409: ConflictError, 429: RateLimitError}


def error_for_status(method, path, status, code=None, description=None, maybe_applied=False):
    """The typed error for an error status; each API surface reads its own error body."""
    cls = BY_STATUS.get(status, APIError)
    return cls(method, path, status, code, description, maybe_applied=maybe_applied)


def outcome_unknown(exc):
    """True when a failed write may or may not have happened, or lost a race:
    read again and plan again rather than give up or repeat it blindly."""
    if isinstance(exc, ConflictError):
        return True
    return bool(getattr(exc, "maybe_applied", False))


def worth_another_attempt(exc):
    """True when planning again from a fresh read may succeed where this failure did not."""
    status = getattr(exc, "status", None)
    return outcome_unknown(exc) or status == 429 or (status is not None and status >= 500) \
        or isinstance(exc, TransportError)
