"""cxone.cxone.unmanaged_objects: what the tenant holds of the declared kinds that the
declaration does not mention."""

from __future__ import annotations

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.cxone.cxone.plugins.filter.unmanaged_objects import unmanaged_objects

TENANT = {
    "cxone_queues": [{"name": "Support"}, {"name": "Billing"}, {"name": "Old Promo"}],
    "cxone_queue_members": [{"queue": "Support", "members": []}, {"queue": "Old Promo", "members": []}],
    "cxone_wrapup_codes": [{"name": "Resolved"}, {"name": "Test Code"}],
    "cxone_user_skills": [{"assignments": [{"user": "ana@acme.example", "skill": "Sales"},
                                           {"user": "bo@acme.example", "skill": "Sales"}]}],
    "cxone_campaign_schedules": [{"campaign": "Spring", "name": "Weekdays"}, {"campaign": "Spring", "name": "Sat"}],
}


def test_only_the_declared_kinds_and_names_compared_as_the_api_does():
    declared = {
        "cxone_queues": [{"name": "support"}, {"name": "BILLING"}],
        "cxone_user_skills": [{"assignments": [{"user": "Ana@acme.example", "skill": "Sales"}]}],
        "cxone_campaign_schedules": [{"campaign": "Spring", "name": "Weekdays"}],
        "cxone_wrapup_codes": [],  # empty: not declared, not looked at
    }
    assert unmanaged_objects(TENANT, declared) == [
        {"kind": "queue", "name": "Old Promo"},
        {"kind": "user skills", "name": "bo@acme.example"},
        {"kind": "campaign schedule", "name": "Spring / Sat"},
    ]


def test_members_are_named_by_their_queue():
    declared = {"cxone_queue_members": [{"queue": "Support", "members": []}]}
    assert unmanaged_objects(TENANT, declared) == [{"kind": "queue members", "name": "Old Promo"}]


def test_nothing_declared_nothing_reported_and_bad_input_refused():
    assert unmanaged_objects(TENANT, {}) == []
    with pytest.raises(AnsibleFilterError, match="two dicts"):
        unmanaged_objects([], {})
