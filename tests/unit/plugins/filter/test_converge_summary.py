"""converge_summary: what a desired-state run added, changed and removed, per kind."""

from __future__ import annotations

from ansible_collections.cxone.cxone.plugins.filter.converge_summary import converge_summary


def test_one_line_per_kind_that_changed_with_the_names():
    results = {
        "queues": {"changed": False, "added": [], "updated": [], "removed": []},
        "queue members": {"changed": True, "added": ["Billing: ana@acme.example"], "updated": [],
                          "removed": ["Billing: bob@acme.example"]},
        "hours of operation": {"results": [{"changed": True, "item": {"name": "Day"}}, {"changed": False}]},
        "user skills": {"skipped": True},
        "wrap-up codes": {},
    }
    assert converge_summary(results) == [
        "queue members: 1 added (Billing: ana@acme.example), 0 changed, 1 removed (Billing: bob@acme.example)",
        "hours of operation: 0 added, 1 changed (Day), 0 removed"]
    assert converge_summary(results, check=True)[0].startswith("queue members: 1 would add")


def test_long_lists_are_counted_and_nothing_changed_is_no_line():
    many = ["u%d" % n for n in range(8)]
    (line,) = converge_summary({"queue members": {"added": many}})
    assert line == "queue members: 8 added (u0, u1, u2, u3, u4 and 3 more), 0 changed, 0 removed"
    assert converge_summary({"queues": {"added": [], "updated": [], "removed": []}}) == []
