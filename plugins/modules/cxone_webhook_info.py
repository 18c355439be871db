#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: cxone_webhook_info
short_description: Read webhooks of the seed scripts' contract (api=v2 only)
version_added: 0.1.0
description:
  - "Only with O(api=v2). With O(api=admin), the default, it is refused before any request: CXone has no webhook
    registration API: events reach other systems through Studio script calls to a URL or Data Extraction jobs."
  - List the tenant's webhooks, or the one with a given name.
  - Each webhook is returned with the same keys as the options of M(cxone.cxone.cxone_webhook),
    so a result can be fed back to it and changes nothing.
  - URLs are returned as is; a URL that carries a token shows it. Set C(no_log) on the task
    when that matters.
author:
  - cxone.cxone developers (@cxone-ansible)
extends_documentation_fragment:
  - cxone.cxone.connection
  - cxone.cxone.connection.info_attributes
options:
  name:
    description: Return only the webhook with this name (case-insensitive).
    type: str
seealso:
  - module: cxone.cxone.cxone_webhook
"""

EXAMPLES = r"""
- name: Every webhook
  cxone.cxone.cxone_webhook_info:
    api: v2  # the seed scripts' contract
  register: hooks

- name: Names of the disabled ones
  ansible.builtin.debug:
    msg: "{{ hooks.webhooks | rejectattr('enabled') | map(attribute='name') | list }}"
"""

RETURN = r"""
webhooks:
  description: The webhooks, sorted by name, each with its C(id) and the keys of M(cxone.cxone.cxone_webhook)'s options.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5d41402abc4b2a76b9719d911017c592
      name: Ops Alerts
      url: https://hooks.acme.example/cxone/ops
      events: [agent.state.changed, queue.updated]
      enabled: true
"""

from ansible_collections.cxone.cxone.plugins.module_utils._module import CXoneModule
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result
from ansible_collections.cxone.cxone.plugins.module_utils.resources.webhook import WEBHOOK


def main():
    module = CXoneModule(argument_spec=dict(name=dict(type="str")))
    module.run(lambda ctx: read_result(webhooks=WEBHOOK.list_shown(ctx, ctx.params["name"])))


if __name__ == "__main__":
    main()
