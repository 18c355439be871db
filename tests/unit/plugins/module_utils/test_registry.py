"""The catalog is the one list of desired-state kinds: every playbook list of kinds agrees with
it, so a kind added to the catalog but not to a playbook fails here, not silently in a run."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ansible_collections.cxone.cxone.plugins.module_utils.resources import catalog
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.admin.surface import SURFACE as ADMIN
from ansible_collections.cxone.cxone.plugins.module_utils.surfaces.v2.surface import SURFACE as V2

PLAYBOOKS = Path(__file__).resolve().parents[4] / "playbooks"
TASKS = yaml.safe_load((PLAYBOOKS / "tasks" / "desired_state.yml").read_text())
DRIFT_CHECK = (PLAYBOOKS / "drift_check.yml").read_text()


@pytest.mark.parametrize("section", catalog.SECTIONS, ids=lambda s: s.name)
def test_every_section_is_applied_and_counted_as_drift(section):
    modules = [key for task in TASKS for key in task if key.startswith("cxone.cxone.")]
    assert "cxone.cxone." + section.module in modules
    registered = [task.get("register") for task in TASKS if "cxone.cxone." + section.module in task]
    assert registered == [section.module + "_results"]
    # fail_on_drift names what drifted from every section's results.
    assert section.module + "_results" in DRIFT_CHECK


@pytest.mark.parametrize("section", catalog.SECTIONS, ids=lambda s: s.name)
def test_every_section_has_a_store_or_a_reason_on_each_surface(section):
    for surface in (ADMIN, V2):
        reason = surface.missing(section.kind)
        if reason:
            assert "api=" in reason
        else:
            scope = {"campaign_id": "c-1"} if section.kind == "campaign schedule" else {}
            assert surface.store(section.kind, **scope) is not None


def test_every_managing_module_is_named_in_the_drift_report():
    runtime = yaml.safe_load((PLAYBOOKS.parent / "meta" / "runtime.yml").read_text())
    modules = [m for m in runtime["action_groups"]["cxone"] if not m.endswith("_info") and m not in ("cxone_export", "cxone_tenant_check")]
    assert sorted(catalog.MANAGED) == sorted(modules)
