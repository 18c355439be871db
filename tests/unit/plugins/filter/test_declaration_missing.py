"""The check that a desired-state run declares something, and its list of the playbooks' own variables."""

from __future__ import annotations

import re
from pathlib import Path

from ansible_collections.cxone.cxone.plugins.filter.declaration_missing import (
    declaration_missing, known_variables, unknown_variables)
from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import PLAYBOOK_VARIABLE_PATTERNS

REPO = Path(__file__).resolve().parents[4]
# Module names and lookups written as cxone_* words in the playbooks, which are not variables.
NOT_VARIABLES = re.compile(r"^cxone_(queue|queue_member|wrapup_code|unavailable_code|hours_of_operation|user_skill|"
                           r"campaign_schedule|webhook|agent_state|export|queue_load)(_info)?$")


def test_every_variable_the_playbooks_and_roles_use_is_known():
    # The example inventories hold variables their users made up (cxone_common_wrapup_codes): not ours.
    files = [*REPO.glob("playbooks/*.yml"), *REPO.glob("playbooks/tasks/*.yml"), *REPO.glob("playbooks/vars/*.yml"),
             *REPO.glob("roles/*/*/*.yml"), *REPO.glob("awx/*.yml")]
    used = {name for path in files for name in re.findall(r"\bcxone_[a-z0-9_]+", path.read_text())}
    used = {name for name in used if not NOT_VARIABLES.match(name)}
    assert used, files
    unknown = [name for name in sorted(used) if name not in known_variables()
               and not any(pattern.match(name) for pattern in PLAYBOOK_VARIABLE_PATTERNS)]
    assert unknown == []


def test_a_misspelt_variable_is_named_with_the_nearest_known_one():
    assert unknown_variables(["cxone_desired_state", "cxone_api", "cxone_ds_declared", "cxone_queue_results",
                              "cxone_report_colour"]) == [
        "cxone_desired_state (did you mean cxone_desired_state_file?)", "cxone_report_colour"]


def test_nothing_declared_something_declared_and_empty_on_purpose():
    message = declaration_missing({"cxone_queues": []}, ["cxone_queus"])
    assert "none of the variables cxone_queues," in message and "cxone_queus (did you mean cxone_queues?)" in message
    assert declaration_missing({"cxone_queues": [{"name": "Support"}]}, []) == ""
    assert declaration_missing({}, [], empty="yes") == ""
    assert "holds none of them" in declaration_missing({}, [], file="acme.yml")
    assert "empty on purpose, but it declares cxone_queues" in declaration_missing(
        {"cxone_queues": [{"name": "Support"}]}, [], empty=True)
