# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:
    """Connection options shared by every cxone module."""

    DOCUMENTATION = r"""
options:
  api:
    description:
      - Which API the module speaks.
      - V(admin) is the real NICE CXone API (the ACD REST API under C(/inContactAPI/services/),
        access-key login). Queues are ACD skills, members and user skills are skill assignments,
        wrap-up codes are dispositions, campaign schedules are outbound skills' dialing hours.
        M(cxone.cxone.cxone_webhook) refuses it (CXone has no webhook API).
      - V(v2) is the contract of the Node.js seed scripts (C(/api/v2/routing/...), client credentials).
        Before 0.3.0 it was the only API and the default; set O(api=v2) (or E(CXONE_API=v2)) to keep it.
      - Options only one API has are refused on the other before any request, naming the option.
      - Falls back to the E(CXONE_API) environment variable.
    type: str
    choices: [admin, v2]
    default: admin
    version_added: 0.3.0
  area:
    description:
      - Only with O(api=admin). The tenant's area, for example V(na1), V(au1), V(eu1), V(uk1) or V(na2) (FedRAMP),
        the first part of the address CXone opens at (C(https://na1.nice-incontact.com)). The access key logs in
        there alone (C(/authentication/v1/token/access-key)), with no registered application.
      - Or the URL of a login host (the emulator's, for example C(http://127.0.0.1:8765)).
      - When left out, the area of O(base_url) (C(https://api-na1.niceincontact.com)) is taken.
      - Not used when O(client_id) is given (the application logs in at O(auth_url)).
      - Falls back to the E(CXONE_AREA) environment variable.
    type: str
    version_added: 0.4.0
  auth_url:
    description:
      - Only with O(api=admin). The issuer, which logs in the registered application (O(client_id)); without
        O(base_url) the tenant's API host is found from the issuer the login names
        (C({issuer}/.well-known/cxone-configuration)), this one when the login names none.
      - Default C(https://cxone.niceincontact.com); C(https://cxone-gov.niceincontact.com) for FedRAMP.
      - Falls back to the E(CXONE_AUTH_URL) environment variable.
    type: str
    version_added: 0.3.0
  access_key_id:
    description:
      - Only with O(api=admin) (required there). The ID of an access key created for a CXone user (in CXone,
        Admin > Users > the user > Access Keys > Edit > Generate New Access Key); the user's security profile
        decides what the module may do.
      - Falls back to the E(CXONE_ACCESS_KEY_ID) environment variable.
    type: str
    version_added: 0.3.0
  access_key_secret:
    description:
      - Only with O(api=admin) (required there). The access key's secret, shown once when the key is made.
        Never logged, never shown, never cached.
      - Falls back to the E(CXONE_ACCESS_KEY_SECRET) environment variable.
    type: str
    version_added: 0.3.0
  api_version:
    description:
      - Only with O(api=admin). The API version in every path. Default C(v33.0).
      - Falls back to the E(CXONE_API_VERSION) environment variable.
    type: str
    version_added: 0.3.0
  base_url:
    description:
      - With O(api=admin), optional, the tenant's API host (for example C(https://api-na1.niceincontact.com)),
        which skips discovery; its area is the login's when O(area) is left out.
      - With O(api=v2), base URL of the tenant's API, for example C(https://acme.cxone.example) (required).
      - Falls back to the E(CXONE_BASE_URL) environment variable.
    type: str
  client_id:
    description:
      - With O(api=admin), optional, the client ID of an application registered with NICE; given, the access
        key logs in with the password grant at O(auth_url) through it (O(auth_method=application)). Leave it out
        to log in with the access key alone.
      - With O(api=v2), the OAuth 2.0 client ID of a confidential client (client credentials grant), required.
      - Falls back to the E(CXONE_CLIENT_ID) environment variable.
    type: str
  client_secret:
    description:
      - The application's (or with O(api=v2) the client's) secret, given with O(client_id). Never logged, never
        shown in output or diffs, never written to the token cache.
      - Falls back to the E(CXONE_CLIENT_SECRET) environment variable.
    type: str
  token_url:
    description:
      - Only with O(api=v2). URL of the token endpoint.
      - Falls back to the E(CXONE_TOKEN_URL) environment variable, then to
        C(<base_url>/oauth/token).
    type: str
  auth_method:
    description:
      - How the module logs in.
      - With O(api=admin), V(access_key) (the default without O(client_id)) logs in with the access key alone at
        the O(area)'s login host; V(application) (the default with O(client_id)) logs the access key in through
        a registered application (password grant at O(auth_url)).
      - Only with O(api=v2), V(client_secret_post) sends the client credentials in the form body (the default
        there), V(client_secret_basic) in an HTTP Basic C(Authorization) header.
      - Falls back to the E(CXONE_AUTH_METHOD) environment variable.
    type: str
    choices: [access_key, application, client_secret_post, client_secret_basic]
  scopes:
    description:
      - Only with O(api=v2). Scopes to ask for. When left out the token gets every scope the client is allowed.
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
      - One entry per token URL, client ID and scope set (O(api=admin) - per access key and
        application); the file holds the token, its expiry and with O(api=admin) the discovered
        API host, never a secret. Directory mode 0700, file mode 0600; a cache
        file with looser permissions or another owner is ignored and replaced.
      - Beside it, the list of users (ids, e-mails, user names and names) that a task read is kept
        for 10 minutes, so the next tasks of a playbook look users up without listing them again. A
        user it does not hold (a new hire, a changed e-mail) is looked up in a new list, never reported
        unknown from the kept one. Set V(false) to keep nothing on disk.
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
