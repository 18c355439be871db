# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Live load of routing queues (``cxone_queue_load_info``): waiting and interacting
interactions, the oldest wait and the available agents, per queue. Read only."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError


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


def show(ctx, queue_id, load):
    """One queue's load (``{waiting, interacting, oldest_wait_seconds, available_agents}``
    from the surface's store) as the info module returns it, the queue shown by name."""
    load = load or {}
    return {
        "queue": ctx.directory.label("queue", queue_id),
        "queue_id": queue_id,
        "waiting": load.get("waiting", 0),
        "interacting": load.get("interacting", 0),
        "oldest_wait_seconds": load.get("oldest_wait_seconds", 0),
        "available_agents": load.get("available_agents", 0),
    }


def read_load(ctx, refs=None, option="queues"):
    """The live load of the queues ``refs`` names (every queue when None), in order."""
    ids = queue_ids(ctx, refs, option)
    found = ctx.surface.store("queue load").observe(ctx, ids)
    return [show(ctx, queue_id, found.get(queue_id)) for queue_id in ids]
