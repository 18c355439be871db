# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every cxone module shares: connection options, the API surface with its
client and directory, and turning errors into a failed task a person can act on."""

from __future__ import annotations

from importlib.util import find_spec

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.cxone.cxone.plugins.module_utils._errors import APIError, CXoneError, is_connection_failure
from ansible_collections.cxone.cxone.plugins.module_utils._validation import mask

# Python packages the modules need, checked without importing them (imports cost time).
REQUIRED_LIBS = ("httpx", "pydantic")


CONNECTION_ARGS = dict(
    api=dict(type="str", default="admin", choices=["admin", "v2"], fallback=(env_fallback, ["CXONE_API"])),
    auth_url=dict(type="str", fallback=(env_fallback, ["CXONE_AUTH_URL"])),
    access_key_id=dict(type="str", no_log=False, fallback=(env_fallback, ["CXONE_ACCESS_KEY_ID"])),
    access_key_secret=dict(type="str", no_log=True, fallback=(env_fallback, ["CXONE_ACCESS_KEY_SECRET"])),
    api_version=dict(type="str", fallback=(env_fallback, ["CXONE_API_VERSION"])),
    base_url=dict(type="str", fallback=(env_fallback, ["CXONE_BASE_URL"])),
    client_id=dict(type="str", fallback=(env_fallback, ["CXONE_CLIENT_ID"])),
    client_secret=dict(type="str", no_log=True, fallback=(env_fallback, ["CXONE_CLIENT_SECRET"])),
    token_url=dict(type="str", no_log=False, fallback=(env_fallback, ["CXONE_TOKEN_URL"])),
    auth_method=dict(type="str", choices=["access_key", "application", "client_secret_post", "client_secret_basic"],
                     fallback=(env_fallback, ["CXONE_AUTH_METHOD"])),
    area=dict(type="str", fallback=(env_fallback, ["CXONE_AREA"])),
    scopes=dict(type="list", elements="str"),
    validate_certs=dict(type="bool", default=True, fallback=(env_fallback, ["CXONE_VALIDATE_CERTS"])),
    ca_path=dict(type="path", fallback=(env_fallback, ["CXONE_CA_PATH"])),
    timeout=dict(type="float", default=30),
    token_cache=dict(type="bool", default=True),
)


class CXoneModule:
    """An AnsibleModule with the connection options, a lazily built client and
    directory, and ``run()`` that exits with a result or a clear failure."""

    def __init__(self, argument_spec, **kwargs):
        spec = dict(CONNECTION_ARGS)
        spec.update(argument_spec)
        missing = [lib for lib in REQUIRED_LIBS if find_spec(lib) is None]
        # Without pydantic the options its models declare are unknown: say what is missing first.
        self.module = AnsibleModule(argument_spec=spec, supports_check_mode=True, bypass_checks=bool(missing),
                                    **kwargs)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.diff_mode = self.module._diff
        if missing:
            self.module.fail_json(msg=missing_required_lib(missing[0]))
        self._client = None
        self._directory = None
        self._surface = None

    @classmethod
    def for_named_object(cls, several=None, required_by=None, **options):
        """A module that manages one named object: ``name`` or ``id``, ``state``, and ``options``.

        ``several``: the name of a list option (among ``options``) that names several objects
        instead of ``name`` or ``id``."""
        spec = dict(
            name=dict(type="str"),
            id=dict(type="str"),
            state=dict(type="str", default="present", choices=["present", "absent"]),
        )
        spec.update(options)
        extra = {"required_by": required_by} if required_by else {}
        if several is None:
            return cls(argument_spec=spec, required_one_of=[("name", "id")], **extra)
        return cls(argument_spec=spec, required_one_of=[("name", "id", several)],
                   mutually_exclusive=[("name", several), ("id", several)], **extra)

    @property
    def surface(self):
        """The API surface the task speaks (its paths, payloads, client and stores)."""
        if self._surface is None:
            from ansible_collections.cxone.cxone.plugins.module_utils._surfaces import surface

            self._surface = surface(self.params["api"])
        return self._surface

    @property
    def client(self):
        if self._client is None:
            self._client = self.surface.client(self.params, self.module.warn)
        return self._client

    @property
    def directory(self):
        if self._directory is None:
            from ansible_collections.cxone.cxone.plugins.module_utils._directory import Directory

            self._directory = Directory(self.client, self.surface.directory_kinds())
        return self._directory

    def warn(self, message):
        self.module.warn(message)

    def run(self, work):
        """Call ``work(self)`` -> result dict, and exit the module with it."""
        try:
            result = work(self)
        except CXoneError as exc:
            details = {}
            if isinstance(exc, APIError):
                details = {"status": exc.status, "code": exc.code}
            details.update(getattr(exc, "details", None) or {})
            if is_connection_failure(exc):
                # The login, the API host or a connection option failed, not one of the task's objects:
                # the drift report blames the connection.
                details["failure"] = "connection"
            self._close()
            self.module.fail_json(msg=self._scrub(str(exc)), **details)
        for message in result.pop("warnings", None) or []:  # the reconcilers' (exit_json's own is deprecated)
            self.warn(message)
        self._close()
        self.module.exit_json(**result)

    def fail(self, msg, **kwargs):
        self._close()
        self.module.fail_json(msg=self._scrub(msg), **kwargs)

    def _scrub(self, text):
        return mask(text, self.params.get("client_secret"), self.params.get("access_key_secret"))

    def _close(self):
        if self._client is not None:
            self._client.close()
