"""Every store's field map, without the emulator: every option of a resource is kept or
refused, each reason for a refusal names a refused option, the map round-trips, and a create
sends what the API takes."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.cxone.cxone.plugins.module_utils.resources.registry import RESOURCES
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin import surface as admin
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.dispositions import DispositionStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.skills import SkillStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.unavailable_codes import UnavailableCodeStore
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.fields import Field, FieldMap, refused_options
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2 import surface as v2

SURFACES = {"admin": admin, "v2": v2}
# One state per store, in option space, with a value for every option it keeps.
STATES = {
    "queue": {
        "admin": {"name": "Billing", "description": "Invoices", "media_type": "chat", "campaign": 7, "outbound": True,
                  "outbound_strategy": "personal_connection", "service_level": {"threshold": 80, "time": 20},
                  "priority": {"initial": 5, "acceleration": 2, "max": 900},
                  "short_abandon": {"enabled": True, "threshold": 10, "counted": False},
                  "wrapup_codes": [12, 3], "require_wrapup_code": True, "active": False},
        "v2": {"name": "Billing", "description": "Invoices",
               "skill_requirements": [{"skill": "language:en", "proficiency": "advanced", "required": False}],
               "service_level": {"threshold": 80, "time": 20},
               "overflow": {"enabled": True, "target": "q-2", "wait_time": 120}, "max_wait_time": 600,
               "max_waiters": 40},
    },
    "wrap-up code": {
        "admin": {"name": "Resolved", "available": False, "preview": True, "notes": "closed on first contact"},
        "v2": {"name": "Resolved", "available": False, "routing_type": "MANUAL", "wrap_up_type": "CALL"},
    },
    "unavailable code": {
        "admin": {"name": "Lunch", "active": False, "acw": True, "agent_timeout": 90, "notes": "an hour"},
    },
    "hours of operation": {
        "admin": {"name": "Main", "description": "Weekdays",
                  "days": [{"day": "MONDAY", "closed": False, "open": "08:00:00", "close": "12:00:00",
                            "additional_open": "13:00:00", "additional_close": "17:00:00"},
                           {"day": "SUNDAY", "closed": True, "open": None, "close": None, "additional_open": None,
                            "additional_close": None}],
                  "holidays": [{"name": "New Year", "date": "2027-01-01", "closed": True, "open": None,
                                "close": None}],
                  "queues": [4, 9]},
    },
    "campaign schedule": {
        "admin": {"windows": [{"day": "MONDAY", "start": "09:00:00", "end": "17:00:00"}], "status": "INACTIVE"},
        "v2": {"name": "Evenings", "timezone": "America/New_York",
               "windows": [{"day": "MONDAY", "start": "17:00:00", "end": "20:00:00", "max_calls_per_day": 200,
                            "max_calls_per_hour": None, "predictive_rate": 1.2, "max_calls_per_agent_per_day": 60}],
               "blackout_periods": [{"start": "18:30:00", "end": "18:45:00", "reason": "HANDOVER",
                                     "applies_to_all_days": True}],
               "compliance": {"regulatory_pauses": ["TCPA"], "agent_availability_projection": True,
                              "compliance_injection": False},
               "status": "ACTIVE"},
    },
    "webhook": {
        "v2": {"name": "WFM", "url": "https://wfm.example/sync", "events": ["a.b", "c.d"], "enabled": False},
    },
}
# Each surface's object stores (a field map each), by kind.
MAPPED = {name: {cls.kind: (RESOURCES[cls.kind], cls) for cls in module.SURFACE.stores if getattr(cls, "FIELDS", None)}
          for name, module in SURFACES.items()}
CASES = [(name, kind) for name, kinds in MAPPED.items() for kind in kinds]


@pytest.mark.parametrize("surface_name, kind", CASES)
def test_every_option_is_kept_or_refused(surface_name, kind):
    module = SURFACES[surface_name]
    resource, store_class = MAPPED[surface_name][kind]
    kept = set(store_class.FIELDS.options()) | {"name"}
    refused = module.SURFACE.unsupported(kind).options
    assert {option for option in resource.options if option not in kept} == {o for o in refused if "[]" not in o}
    assert set(refused) == set(refused_options(resource, store_class.FIELDS))


def test_each_reason_names_an_option_the_admin_surface_refuses():
    for kind, reasons in admin.REASONS.items():
        refused = admin.SURFACE.unsupported(kind).options
        assert set(reasons) <= set(refused), (kind, set(reasons) - set(refused))


@pytest.mark.parametrize("surface_name, kind", CASES)
def test_the_map_round_trips(surface_name, kind):
    resource, store_class = MAPPED[surface_name][kind]
    state = STATES[kind][surface_name]
    store = store_class(resource) if kind != "campaign schedule" else store_class(resource, "c-1")
    raw = store.to_api(copy.deepcopy(state))
    if kind == "campaign schedule" and surface_name == "admin":
        raw = {"skill": {"skillId": 5, "skillName": "Evenings"}, "settings": raw}
        state = dict(state, name="Evenings")
    assert store.from_api(raw) == state
    assert set(store.defaults) <= set(state) | {"active"}  # defaults are options (or kept fields) of the map


def test_a_created_skill_and_what_an_update_sends():
    store = SkillStore(RESOURCES["queue"])
    state = STATES["queue"]["admin"]
    changed = store.FIELDS.changes(state, dict(state, media_type="email", description="new", priority={
        "initial": 5, "acceleration": 3, "max": 900}))
    assert changed == {"notes": "new", "acceleration": 3}  # mediaTypeId is fixed: never sent
    assert store.FIELDS.fixed() == ("media_type", "outbound", "outbound_strategy")


def test_a_disposition_create_sends_what_the_create_takes():
    fields = DispositionStore(RESOURCES["wrap-up code"]).FIELDS
    body, later = fields.create_body({"name": "Resolved", "available": False, "preview": False, "notes": ""})
    assert body == {"classificationId": 1, "dispositionName": "Resolved", "isPreviewDisposition": False}
    assert later == {"isActive": False}  # the create takes no isActive: written after it
    body, later = fields.create_body({"name": "Resolved", "available": True, "preview": True, "notes": "n"})
    # The create's schema has no notes (NICE's spec and QA suite, evidence D13): a PUT after it.
    assert "notes" not in body and later == {"notes": "n"}


def test_an_unavailable_code_put_always_names_the_code():
    fields = UnavailableCodeStore(RESOURCES["unavailable code"]).FIELDS
    current = STATES["unavailable code"]["admin"]
    assert fields.changes(current, dict(current, acw=False)) == {"isACW": False, "name": "Lunch"}
    assert fields.changes(current, current) == {}
    body, later = fields.create_body(dict(current, agent_timeout=None))
    assert "agentTimeout" not in body and "isActive" not in body and later == {"isActive": False, "name": "Lunch"}
    assert fields.unlisted() == ("notes",)


def test_nested_api_fields_and_fields_spread_over_several():
    fields = FieldMap({"name": "name", "level.goal": Field("target.goal", default=80),
                       "week": Field(None, read=lambda raw: sorted(k for k in raw if k.endswith("On")),
                                     write=lambda days: {day: True for day in days or []})})
    assert fields.to_api({"name": "a", "level": {"goal": 70}, "week": ["monOn"]}) == {
        "name": "a", "target": {"goal": 70}, "monOn": True}
    assert fields.from_api({"name": "a", "monOn": True}) == {"name": "a", "level": {"goal": None}, "week": ["monOn"]}
    assert fields.defaults() == {"level": {"goal": 80}, "week": None}
    assert fields.options() == ("name", "level", "week")


def test_each_surface_has_one_store_a_kind():
    for module in SURFACES.values():
        kinds = [cls.kind for cls in module.SURFACE.stores]
        assert len(kinds) == len(set(kinds)) and all(kinds)


def test_a_kind_a_surface_has_no_store_for_is_refused_by_name():
    with pytest.raises(Exception, match="api=admin does not manage teleporter objects"):
        admin.SURFACE.store("teleporter")
    with pytest.raises(Exception, match="api=v2 does not manage teleporter objects"):
        v2.SURFACE.store("teleporter")
    assert "webhook registration" in admin.SURFACE.missing("webhook")


def test_a_set_of_codes_creates_codes_with_the_defaults_of_one_code():
    """The list form (codes) makes new codes as the one-code form does: the same defaults."""
    for module in SURFACES.values():
        one, several = module.SURFACE.store("wrap-up code"), module.SURFACE.store("wrap-up codes")
        assert several.defaults == one.defaults and several.defaults.get("available") is True


def test_item_kinds_refuse_what_their_stores_do_not_keep():
    """Derived from each item store's ``keeps`` and the kind's item model, as 0.3's hand-kept
    tables had them."""
    from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.surface import SURFACE as ADMIN
    from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.surface import ADMIN_ONLY
    from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.surface import SURFACE as V2

    assert set(ADMIN.unsupported("queue members").options) == {"routing_type", "split", "after_hours_available"}
    assert set(ADMIN.unsupported("user skills").options) == {"start", "end", "queue"}
    assert "proficiency (1-20, 1 best)" in ADMIN.unsupported("queue members").options["split"]
    assert V2.unsupported("queue members").options == dict.fromkeys(("proficiency", "active"), ADMIN_ONLY)
    assert V2.unsupported("user skills").options == {"active": ADMIN_ONLY}
