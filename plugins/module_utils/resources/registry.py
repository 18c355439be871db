# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The object resources and the item kinds by kind: what a surface's store of that kind keeps (its field map) is
compared with the resource's options, so a surface refuses what it does not keep."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils.resources.campaign_schedule import CampaignScheduleResource
from ansible_collections.cxone.cxone.plugins.module_utils.resources.hours_of_operation import HOURS_OF_OPERATION
from ansible_collections.cxone.cxone.plugins.module_utils._validation import option_names
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue import QUEUE
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue_member import MemberOptions
from ansible_collections.cxone.cxone.plugins.module_utils.resources.unavailable_code import UNAVAILABLE_CODE
from ansible_collections.cxone.cxone.plugins.module_utils.resources.user_skill import AssignmentOptions
from ansible_collections.cxone.cxone.plugins.module_utils.resources.webhook import WEBHOOK
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WRAPUP_CODE

# A scoped resource (a campaign's schedules) is its class: a store is built for its scope.
RESOURCES = {resource.kind: resource for resource in (
    QUEUE, WRAPUP_CODE, UNAVAILABLE_CODE, HOURS_OF_OPERATION, CampaignScheduleResource, WEBHOOK)}


class ItemKind:
    """A kind of keyed items (a queue's members, users' skills): the model of one item, the
    item options that name it (every store keeps them), and the task's own options that a
    surface may lack. A store of the kind names the options it keeps (``keeps``); the surface
    refuses the others."""

    __slots__ = ("model", "keys", "task_options")

    def __init__(self, model, keys, task_options=()):
        self.model = model
        self.keys = keys
        self.task_options = task_options

    def refused(self, keeps):
        options = list(option_names(self.model)) + list(self.task_options)
        return [option for option in options if option not in self.keys and option not in keeps]


ITEM_KINDS = {
    "queue members": ItemKind(MemberOptions, ("user",)),
    "user skills": ItemKind(AssignmentOptions, ("user", "skill"), task_options=("queue",)),
}
