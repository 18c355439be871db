# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every path of the v2 surface (docs/api/v2.md), in one place: nothing outside
``surfaces/v2`` builds one of its URLs."""

from __future__ import annotations

from urllib.parse import quote

ROOT = "/api/v2"

USERS = ROOT + "/users"
SKILLS = ROOT + "/routing/skills"
QUEUES = ROOT + "/routing/queues"
WRAPUP_CODES = ROOT + "/routing/wrap-up-codes"
CAMPAIGNS = ROOT + "/dialer/campaigns"
WEBHOOKS = ROOT + "/webhooks"
WFM_ACTIVE_SCHEDULES = ROOT + "/wfm/schedules/active"
QUEUE_OBSERVATIONS = ROOT + "/analytics/queues/observations/query"
BATCH = ROOT + "/batch"


def _seg(value):
    return quote(str(value), safe="")


def item(collection, object_id):
    return "%s/%s" % (collection, _seg(object_id))


def queue_members(queue_id):
    return "%s/%s/members" % (QUEUES, _seg(queue_id))


def queue_member(queue_id, user_id):
    return "%s/%s" % (queue_members(queue_id), _seg(user_id))


def queue_routing_strategy(queue_id):
    return "%s/queues/%s/routing/strategies" % (ROOT, _seg(queue_id))


def user_skills(user_id):
    return "%s/%s/skills" % (USERS, _seg(user_id))


def user_state(user_id):
    return "%s/%s/state" % (USERS, _seg(user_id))


def user_shift_schedule(user_id):
    return "%s/schedules/users/%s" % (ROOT, _seg(user_id))


def user_break_status(user_id):
    return "%s/breaks/users/%s/status" % (ROOT, _seg(user_id))


def campaign_schedules(campaign_id):
    return "%s/%s/schedules" % (CAMPAIGNS, _seg(campaign_id))
