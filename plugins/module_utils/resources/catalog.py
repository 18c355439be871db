# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every managing module and desired-state section, with the facts the rest of the
collection needs of it, all taken from the resource files: the drift report (how an
object is named, where a result holds it, which results hold several objects), the
export (what each section writes) and the desired-state playbook's option checks."""

from __future__ import annotations

import re

from ansible_collections.cxone.cxone.plugins.module_utils.resources import campaign_schedule, queue, user_skill, webhook
from ansible_collections.cxone.cxone.plugins.module_utils.resources.hours_of_operation import HOURS_OF_OPERATION
from ansible_collections.cxone.cxone.plugins.module_utils.resources.queue_member import MemberSet
from ansible_collections.cxone.cxone.plugins.module_utils.resources.unavailable_code import UNAVAILABLE_CODE
from ansible_collections.cxone.cxone.plugins.module_utils.resources.wrapup_code import WRAPUP_CODE, WrapupCodeSet


def object_name(item, keys):
    """How one object of a multi-object task is named: its ``keys``' values joined with " / "
    (None when one is missing)."""
    values = [item.get(key) for key in keys] if isinstance(item, dict) else []
    return " / ".join(str(v) for v in values) if values and all(values) else None


class Managed:
    """How the drift report names the objects of one managing module's results.

    ``label``: how an object is named for people (``%s`` = its name); ``result_key``: the
    result's key holding the one object; ``split``: ``(list key, item keys)`` when one
    result holds several objects (the list forms), each named by its item keys' values
    joined with " / "."""

    def __init__(self, module, kind, label, result_key=None, split=None, option=None):
        self.module = module
        self.kind = kind
        self.label = label
        self.result_key = result_key
        self.split = split
        self.option = option or (split[0] if split else None)  # the module's option that lists them


MANAGED = {m.module: m for m in (
    Managed(queue.QUEUE.module, queue.QUEUE.kind, "queue %s", queue.QUEUE.result_key, split=("queues", ("name",))),
    Managed(WRAPUP_CODE.module, WRAPUP_CODE.kind, "wrap-up code %s", WRAPUP_CODE.result_key,
            split=(WrapupCodeSet.result_key, ("name",)), option="codes"),
    Managed(UNAVAILABLE_CODE.module, UNAVAILABLE_CODE.kind, "unavailable code %s", UNAVAILABLE_CODE.result_key,
            split=("codes", ("name",))),
    Managed(HOURS_OF_OPERATION.module, HOURS_OF_OPERATION.kind, "hours of operation %s",
            HOURS_OF_OPERATION.result_key),
    Managed(campaign_schedule.CampaignScheduleResource.module, campaign_schedule.CampaignScheduleResource.kind,
            "campaign schedule %s", campaign_schedule.CampaignScheduleResource.result_key,
            split=("schedules", ("campaign", "name"))),
    Managed(webhook.WEBHOOK.module, webhook.WEBHOOK.kind, "webhook %s", webhook.WEBHOOK.result_key),
    Managed("cxone_agent_state", "agent state", "agent state of %s", "agent_state"),
    Managed(MemberSet.module, MemberSet.kind, "members of queue %s", split=("memberships", ("queue",))),
    Managed(user_skill.UserSkillSet.module, user_skill.UserSkillSet.kind, "skills of %s",
            split=(user_skill.UserSkillSet.result_key, ("user",)), option="assignments"),
)}


class Section:
    """One section of the desired state (a ``cxone_*`` variable): the module that applies
    it, the keys an entry may have and must have, and how an export writes it."""

    def __init__(self, name, module, kind, declared, required, export, entry_label=None, names=None):
        self.name = name              # the export's section name
        self.kind = kind              # the resource kind (a surface may not manage it)
        self.entry_label = entry_label  # e.g. "queue %s": how a problem names a named entry
        self.variable = "cxone_" + name
        self.module = module
        self.declared = tuple(declared)
        self.required = tuple(required)
        self.export = export          # (ctx, exported so far) -> entries
        # entry -> the names of the objects it declares, as the drift report names them: by
        # default the item keys of the module's multi-object results (MANAGED), else the name
        split = MANAGED[module].split if module in MANAGED else None
        keys = split[1] if split else ("name",)
        self.names = names or (lambda entry: [object_name(entry, keys)])

    def declared_names(self, entries):
        """The objects that ``entries`` declare, by name (what the drift report shows)."""
        return [name for entry in entries or [] if isinstance(entry, dict)
                for name in self.names(entry) if isinstance(name, str) and name]


def _queue_members(ctx, exported):
    queues = exported.get("cxone_queues")
    if queues is None:
        queues = queue.QUEUE.export(ctx)
    return MemberSet.export(ctx, sorted((q["name"] for q in queues), key=str.casefold))


SECTIONS = (
    Section("queues", queue.QUEUE.module, queue.QUEUE.kind, queue.QUEUE.options + ("state",), ("name",),
            lambda ctx, _exported: queue.QUEUE.export(ctx), entry_label="queue %s"),
    Section("queue_members", MemberSet.module, MemberSet.kind, ("queue", "members", "exclusive", "state"), ("queue", "members"),
            _queue_members),
    Section("wrapup_codes", WRAPUP_CODE.module, WRAPUP_CODE.kind, WRAPUP_CODE.options + ("state",), ("name",),
            lambda ctx, _exported: WRAPUP_CODE.export(ctx)),
    Section("unavailable_codes", UNAVAILABLE_CODE.module, UNAVAILABLE_CODE.kind, UNAVAILABLE_CODE.options + ("state",),
            ("name",), lambda ctx, _exported: UNAVAILABLE_CODE.export(ctx)),
    Section("hours_of_operation", HOURS_OF_OPERATION.module, HOURS_OF_OPERATION.kind,
            HOURS_OF_OPERATION.options + ("state",), ("name",),
            lambda ctx, _exported: HOURS_OF_OPERATION.export(ctx), entry_label="profile %s"),
    Section("user_skills", user_skill.UserSkillSet.module, user_skill.UserSkillSet.kind, ("assignments", "exclusive", "queue", "state"),
            ("assignments",), lambda ctx, _exported: user_skill.export(ctx),
            names=lambda entry: [a.get("user") for a in entry.get("assignments") or [] if isinstance(a, dict)]),
    Section("campaign_schedules", campaign_schedule.CampaignScheduleResource.module,
            campaign_schedule.CampaignScheduleResource.kind,
            ("campaign", "name", "id") + campaign_schedule.CampaignScheduleResource.options + ("state",),
            ("campaign", "name"), lambda ctx, _exported: campaign_schedule.export(ctx)),
)
SECTION_NAMES = tuple(section.name for section in SECTIONS)

# The cxone_* variables the collection's playbooks and roles read or set besides the sections
# and the connection options (cxone_<option>): a run that declares nothing names the others
# as possible typos. A unit test checks this list against the playbooks and roles.
PLAYBOOK_VARIABLES = (
    "cxone_desired_state_file", "cxone_desired_state_empty", "cxone_hosts", "cxone_drift_report",
    "cxone_report_unmanaged", "cxone_unmanaged", "cxone_export_dest", "cxone_export_sections",
    "cxone_export_exclusive", "cxone_export_file", "cxone_credential_type", "cxone_credential_type_file",
    "cxone_season_active", "cxone_season_reason", "cxone_season_decision",
    "cxone_peak_active", "cxone_peak_reason", "cxone_peak_decision", "cxone_drift_verdict",
    "cxone_tenant_check", "cxone_tenant_check_dir", "cxone_tenant_check_base",
)
# Names the playbooks make for themselves: their own working variables and registered results.
PLAYBOOK_VARIABLE_PATTERNS = (re.compile(r"^cxone_ds_"), re.compile(r"^cxone_[a-z_]+_(results|info)$"))


def entry_problems(section, entry):
    """What is wrong with one entry of a desired-state section ('' when nothing)."""
    if not isinstance(entry, dict):
        return "each entry is a dict of %s options" % section.module
    missing = [key for key in section.required if key not in entry]
    if missing:
        return "missing %s" % ", ".join(missing)
    unknown = sorted(key for key in entry if key not in section.declared)
    if unknown:
        label = (section.entry_label % entry["name"] + ": ") if section.entry_label else ""
        return "%sunknown option(s) %s (known: %s)" % (label, ", ".join(unknown), ", ".join(section.declared))
    return ""
