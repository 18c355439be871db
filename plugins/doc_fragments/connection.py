# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every cxone module."""

    DOCUMENTATION = r"""
options:
  base_url:
    description:
      - Base URL of the CXone tenant's API, for example C(https://acme.cxone.example).
      - Falls back to the E(CXONE_BASE_URL) environment variable.
    type: str
    required: true
  client_id:
    description:
      - OAuth 2.0 client ID of a confidential client (client credentials grant).
      - Falls back to the E(CXONE_CLIENT_ID) environment variable.
    type: str
    required: true
  client_secret:
    description:
      - OAuth 2.0 client secret. Never logged, never shown in output or diffs,
        never written to the token cache.
      - Falls back to the E(CXONE_CLIENT_SECRET) environment variable.
    type: str
    required: true
  token_url:
    description:
      - URL of the token endpoint. Real tenants publish it apart from the API.
      - Falls back to the E(CXONE_TOKEN_URL) environment variable, then to
        C(<base_url>/oauth/token).
    type: str
  auth_method:
    description:
      - How the client authenticates at the token endpoint.
      - V(client_secret_post) sends the credentials in the form body,
        V(client_secret_basic) in an HTTP Basic C(Authorization) header.
      - Falls back to the E(CXONE_AUTH_METHOD) environment variable.
    type: str
    choices: [client_secret_post, client_secret_basic]
    default: client_secret_post
  scopes:
    description:
      - Scopes to ask for. When left out the token gets every scope the client is allowed.
    type: list
    elements: str
  validate_certs:
    description:
      - Verify the server's TLS certificate. Turning this off prints a warning.
      - Falls back to the E(CXONE_VALIDATE_CERTS) environment variable.
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of CA certificates to trust instead of the system store.
      - Falls back to the E(CXONE_CA_PATH) environment variable.
    type: path
  timeout:
    description:
      - Seconds to wait for a connection or a response, per HTTP request.
    type: float
    default: 30
  token_cache:
    description:
      - Keep the access token in a private per-user cache file so that the next task
        (a new process) does not ask for a token again.
      - One entry per token URL, client ID and scope set; the file holds the token and
        its expiry only, never the secret. Directory mode 0700, file mode 0600; a cache
        file with looser permissions or another owner is ignored and replaced.
      - The directory is E(CXONE_TOKEN_CACHE_DIR), else C($XDG_CACHE_HOME/cxone.cxone),
        else C(~/.cache/cxone.cxone).
    type: bool
    default: true
notes:
  - Options can be set once for a play with C(module_defaults) and the action
    group C(group/cxone.cxone.cxone).
  - "Requires the Python packages C(httpx) and C(pydantic) on the host that runs the
    module (normally the controller, with C(connection: local))."
requirements:
  - httpx >= 0.27
  - pydantic >= 2.5
"""

    ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: Can run in check mode and return the changed status and diff the real run would, without writing.
  diff_mode:
    support: full
    description: Returns C(before) and C(after) of what it manages when run with C(--diff).
  action_group:
    support: full
    membership: [cxone.cxone.cxone]
    description: Use C(group/cxone.cxone.cxone) in C(module_defaults) to set the connection options once.
"""

    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: N/A
    description: Reads only; has no diff.
  action_group:
    support: full
    membership: [cxone.cxone.cxone]
    description: Use C(group/cxone.cxone.cxone) in C(module_defaults) to set the connection options once.
"""
