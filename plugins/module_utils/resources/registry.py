# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The object resources by kind: what a surface's store of that kind keeps (its field map) is
compared with the resource's options, so a surface refuses what it does not keep."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils.resources.campaign_schedule import CampaignScheduleResource
from ansible_collections.cxone.cxone.plugins.module_utils.resources.hours_of_operation import HOURS_OF_OPERATION
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue import QUEUE
from ansible_collections.cxone.cxone.plugins.module_utils.resources.unavailable_code import UNAVAILABLE_CODE
from ansible_collections.cxone.cxone.plugins.module_utils.resources.webhook import WEBHOOK
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WRAPUP_CODE

# A scoped resource (a campaign's schedules) is its class: a store is built for its scope.
RESOURCES = {resource.kind: resource for resource in (
    QUEUE, WRAPUP_CODE, UNAVAILABLE_CODE, HOURS_OF_OPERATION, CampaignScheduleResource, WEBHOOK)}
