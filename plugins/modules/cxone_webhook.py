#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_webhook
short_description: Manage webhooks of the seed scripts' contract (api=v2 only)
version_added: 0.1.0
description:
  - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone has no webhook
    registration API: events reach other systems through Studio script calls to a URL or Data Extraction jobs."
  - Register, update and delete a webhook of a NICE CXone tenant.
  - A webhook is identified by its O(name) (unique in the tenant, compared
    case-insensitively); running the task again finds the webhook it registered and
    never registers a second one.
  - Only the options you set are managed. Updates replace the whole webhook.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.attributes
options:
  name:
    description:
      - Name of the webhook, unique in the tenant (compared case-insensitively).
      - Identifies the webhook unless O(id) is given; with O(id), a different name renames it.
    type: str
  id:
    description: ID of an existing webhook. Use it to rename a webhook.
    type: str
  state:
    description: V(present) registers or updates the webhook, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  url:
    description:
      - Absolute C(http) or C(https) URL the events are posted to. Required to register a webhook.
      - See the notes on URLs that carry a token.
    type: str
  events:
    description:
      - Events to send, at least one, for example C(campaign.schedule.updated).
        Required to register a webhook.
      - Compared as a set (the tenant stores them sorted); a repeated event is refused.
    type: list
    elements: str
  enabled:
    description: Whether events are sent (API status C(ENABLED)/C(DISABLED)). A new webhook is enabled.
    type: bool
notes:
  - A webhook URL may carry a credential (a token in its query string, a password).
    In the C(--diff) output query values and passwords are masked (C(?token=********)),
    so a change of the token alone shows as a change with identical masked URLs. The
    returned RV(webhook.url) is the URL as is (so that it can be compared and fed back);
    set C(no_log=true) on tasks whose URL carries a secret and whose result is printed.
seealso:
  - module: cxone.cxone.cxone_webhook_info
"""

EXAMPLES = r"""
- name: Tell the WFM system about schedule changes
  cxone.cxone.cxone_webhook:
    api: v2  # the seed scripts' contract
    name: WFM schedule sync
    url: https://wfm.acme.example/api/sync/cxone-schedule
    events:
      - campaign.schedule.updated
      - dialer.schedule.activated

- name: Stop sending, keep the registration
  cxone.cxone.cxone_webhook:
    api: v2  # the seed scripts' contract
    name: WFM schedule sync
    enabled: false

- name: Remove it
  cxone.cxone.cxone_webhook:
    api: v2  # the seed scripts' contract
    name: WFM schedule sync
    state: absent
"""

RETURN = r"""
webhook:
  description: The webhook as the tenant holds it after the task (in check mode, as it would). Empty when deleted.
  returned: always
  type: dict
  contains:
    id:
      description: Webhook ID (null for a webhook check mode would register).
      type: str
    name:
      description: Name.
      type: str
    url:
      description: Target URL, as is (not masked).
      type: str
    events:
      description: Events, sorted.
      type: list
      elements: str
    enabled:
      description: Whether events are sent.
      type: bool
  sample:
    id: 5d41402abc4b2a76b9719d911017c592
    name: WFM schedule sync
    url: https://wfm.acme.example/api/sync/cxone-schedule
    events: [campaign.schedule.updated, dialer.schedule.activated]
    enabled: true
diff:
  description: The webhook before and after, as in RV(webhook) without the ID, the URL's query values masked.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.webhook import WEBHOOK, reconcile


def main():
    # The webhook's options as its model declares them (resources/webhook.py).
    module = CXoneModule.for_named_object(**argument_spec(WEBHOOK.model, exclude=("name",)))
    module.run(reconcile)


if __name__ == "__main__":
    main()
