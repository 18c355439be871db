# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Live load of routing queues, from the analytics observations query. Read only:
the query is a POST, but it changes nothing, so it is safe to send again."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils import _paths as paths
from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError

# The query takes 1 to 100 queue ids.
QUERY_LIMIT = 100


def queue_ids(ctx, refs, option="queues"):
    """The ids of the queues ``refs`` names (names or ids), in order; every queue when None."""
    if refs is None:
        return [queue["id"] for queue in sorted(ctx.directory.all("queue"), key=lambda q: q.get("name", "").casefold())]
    if not refs:
        raise InputError("%s: the list is empty; leave it out to read every queue" % option)
    ids = []
    for index, ref in enumerate(refs):
        queue_id = ctx.directory.resolve("queue", ref, "%s[%d]" % (option, index))
        if queue_id in ids:
            raise InputError("%s[%d]: queue %r is listed more than once" % (option, index, ref))
        ids.append(queue_id)
    return ids


def observe(ctx, ids):
    """``{queue_id: observation}`` (API shape) for ``ids``, 100 a query."""
    found = {}
    for start in range(0, len(ids), QUERY_LIMIT):
        body = ctx.client.post(paths.QUEUE_OBSERVATIONS, {"queueIds": ids[start:start + QUERY_LIMIT]},
                               idempotent=True) or {}
        for result in body.get("results") or []:
            found[result.get("queueId")] = result
    return found


def show(ctx, queue_id, observation):
    """An observation as the info module returns it (the queue shown by name)."""
    observation = observation or {}
    return {
        "queue": ctx.directory.label("queue", queue_id),
        "queue_id": queue_id,
        "waiting": observation.get("waiting", 0),
        "interacting": observation.get("interacting", 0),
        "oldest_wait_seconds": observation.get("oldestWaitSeconds", 0),
        "available_agents": observation.get("availableAgents", 0),
    }


def read_load(ctx, refs=None, option="queues"):
    """The live load of the queues ``refs`` names (every queue when None), in order."""
    ids = queue_ids(ctx, refs, option)
    found = observe(ctx, ids)
    return [show(ctx, queue_id, found.get(queue_id)) for queue_id in ids]
