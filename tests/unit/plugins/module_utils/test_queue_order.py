"""The export's queue order (graphlib): each overflow target before the queues that
overflow to it, otherwise by name; a loop keeps the order and is warned about."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue import overflow_order


def queue(name, target=None):
    return {"name": name, "overflow": {"target": target, "enabled": False}} if target else {"name": name}


def test_targets_first_then_by_name():
    queues = [queue("Billing", "Support"), queue("Overflow"), queue("Sales"), queue("Support", "overflow")]
    warnings = []
    ordered = [q["name"] for q in overflow_order(queues, warnings.append)]
    assert ordered.index("Overflow") < ordered.index("Support") < ordered.index("Billing")
    assert ordered == ["Overflow", "Sales", "Support", "Billing"]
    assert warnings == []


def test_a_loop_keeps_the_order_and_warns():
    queues = [queue("A", "B"), queue("B", "A"), queue("C")]
    warnings = []
    assert [q["name"] for q in overflow_order(queues, warnings.append)] == ["A", "B", "C"]
    assert len(warnings) == 1 and "overflow to each other" in warnings[0] and "A" in warnings[0]
