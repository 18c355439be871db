"""Every option a managing module takes is known to its resource: the desired-state
checks accept it and, where it describes the object, the export writes it. A module
that gains an option its resource does not list fails here (AWX's collection has a
test of this kind)."""

from __future__ import annotations

import importlib
from pathlib import Path
from unittest import mock

import pytest
import yaml

from ansible_collections.cxone.cxone.plugins.module_utils import _module
from ansible_collections.cxone.cxone.plugins.module_utils._module import CONNECTION_ARGS
from ansible_collections.cxone.cxone.plugins.module_utils.resources import catalog
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue_member import MemberSet
from ansible_collections.cxone.cxone.plugins.module_utils.resources.user_skill import UserSkillSet
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WrapupCodeSet

MODULES = Path(__file__).resolve().parents[4] / "plugins" / "modules"
# Options that say how a task runs, not what an object is: never exported.
TASK_OPTIONS = {"state", "exclusive", "id", "queue", "codes", "memberships", "queues", "schedules"}
# Options that name several objects in one task: the desired-state section declares one object an entry.
SEVERAL = {"codes", "memberships", "queues", "schedules"}
# The desired state names queues and codes by name only (an export writes no ids): renaming
# by id is a task of its own, not a declaration.
BY_NAME_ONLY = {"cxone_queue": {"id"}, "cxone_wrapup_code": {"id"}, "cxone_unavailable_code": {"id"},
                "cxone_hours_of_operation": {"id"}}


class _Captured(Exception):
    pass


def _runtime_spec(module_name):
    """``(argument spec, DOCUMENTATION)`` of a module: its main() run until it builds its AnsibleModule."""
    module = importlib.import_module("ansible_collections.cxone.cxone.plugins.modules." + module_name)

    def capture(argument_spec, **_kwargs):
        raise _Captured(argument_spec)

    with mock.patch.object(_module, "AnsibleModule", capture):
        try:
            module.main()
        except _Captured as exc:
            return exc.args[0], yaml.safe_load(module.DOCUMENTATION)
    raise AssertionError("%s built no AnsibleModule" % module_name)


def top_level_options(module_name):
    """The argument spec of a module as it runs (a spec may come from a resource's model),
    without the connection options."""
    return set(_runtime_spec(module_name)[0]) - set(CONNECTION_ARGS)


@pytest.mark.parametrize("section", catalog.SECTIONS, ids=lambda s: s.name)
def test_desired_state_section_accepts_every_module_option(section):
    options = top_level_options(section.module) - SEVERAL - BY_NAME_ONLY.get(section.module, set())
    missing = options - set(section.declared)
    assert not missing, "%s: options %s are not in the desired-state section %s" % (
        section.module, sorted(missing), section.variable)


@pytest.mark.parametrize("resource, module", [
    (catalog.queue.QUEUE, "cxone_queue"),
    (catalog.WRAPUP_CODE, "cxone_wrapup_code"),
    (catalog.campaign_schedule.CampaignScheduleResource, "cxone_campaign_schedule"),
])
def test_object_exports_write_every_option(resource, module):
    options = top_level_options(module) - TASK_OPTIONS
    assert options <= set(resource.export_fields), sorted(options - set(resource.export_fields))
    assert options <= set(resource.options) | {"campaign"}


def test_item_exports_write_every_item_option():
    members = _runtime_spec("cxone_queue_member")[0]["members"]["options"]
    assert set(members) == set(MemberSet.export_fields)
    assignments = _runtime_spec("cxone_user_skill")[0]["assignments"]["options"]
    assert set(assignments) == set(UserSkillSet.export_fields)


def test_every_managing_module_is_named_by_the_drift_report():
    managing = {p.stem for p in MODULES.glob("cxone_*.py")
                if not p.stem.endswith("_info") and p.stem not in ("cxone_export", "cxone_tenant_check")}
    assert managing == set(catalog.MANAGED)
    assert WrapupCodeSet.kind and MemberSet.kind and UserSkillSet.kind


def test_export_refuses_a_section_the_surface_does_not_manage_before_any_request():
    from types import SimpleNamespace

    from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
    from ansible_collections.cxone.cxone.plugins.module_utils._export import export

    class Surface:
        name = "lacking"

        @staticmethod
        def missing(kind):
            return "no such thing here" if kind == "campaign schedule" else ""

    ctx = SimpleNamespace(params={"sections": ["wrapup_codes", "campaign_schedules"]}, surface=Surface(),
                          client=None, directory=None)  # any request would fail on None
    with pytest.raises(InputError) as raised:
        export(ctx)
    assert str(raised.value) == ("sections: not available with api=lacking: campaign_schedules "
                                 "(no such thing here)")


def _disagreements(spec, documented, path=""):
    """Where a module's argument spec and its DOCUMENTATION say different things."""
    found = []
    for name in sorted(set(spec) | set(documented)):
        where = path + name
        if name not in documented:
            found.append("%s: in the argument spec, not documented" % where)
            continue
        if name not in spec:
            found.append("%s: documented, not in the argument spec" % where)
            continue
        have, doc = spec[name], documented[name]
        for key in ("type", "elements", "choices", "required", "default"):
            expected = {"type": "str", "required": False}.get(key)
            if have.get(key, expected) != doc.get(key, expected):
                found.append("%s.%s: spec %r, documented %r" % (where, key, have.get(key), doc.get(key)))
        if have.get("options") or doc.get("suboptions"):
            found.extend(_disagreements(have.get("options") or {}, doc.get("suboptions") or {}, where + "."))
    return found


@pytest.mark.parametrize("module_name", sorted(path.stem for path in MODULES.glob("cxone_*.py")))
def test_documentation_argument_spec_and_model_agree(module_name):
    """The spec of a model's options is generated from the model; DOCUMENTATION must say the same."""
    spec, doc = _runtime_spec(module_name)
    own = {name: option for name, option in spec.items() if name not in CONNECTION_ARGS}  # the doc fragment's
    assert _disagreements(own, doc.get("options") or {}) == []


def test_argument_specs_are_the_same_without_pydantic():
    """ansible-test imports modules without pydantic: the specs read from the models' annotations
    must be the ones pydantic gives, or DOCUMENTATION would be checked against an empty spec."""
    import json
    import subprocess
    import sys

    script = """
import json, sys
if sys.argv[1] == "without":
    sys.modules["pydantic"] = None
from ansible_collections.cxone.cxone.plugins.module_utils._validation import argument_spec
from ansible_collections.cxone.cxone.plugins.module_utils.resources.registry import RESOURCES
from ansible_collections.cxone.cxone.plugins.module_utils.resources.agent_state import AgentStateOptions
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue_member import MemberOptions
from ansible_collections.cxone.cxone.plugins.module_utils.resources.user_skill import AssignmentOptions
models = {kind: r.model for kind, r in RESOURCES.items()}
models.update({"agent state": AgentStateOptions, "member": MemberOptions, "user skill": AssignmentOptions})
print(json.dumps({kind: argument_spec(model) for kind, model in models.items()}, sort_keys=True))
"""
    collections = str(Path(__file__).resolve().parents[4] / ".build" / "collections")
    specs = [json.loads(subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True,
                                       check=True, env={"PYTHONPATH": collections}).stdout)
             for mode in ("with", "without")]
    assert specs[0] == specs[1] and specs[0]["queue"]["skill_requirements"]["options"]["skill"]["required"]
    assert specs[0]["agent state"]["user"]["required"] and specs[0]["member"]["user"]["required"]
