# -*- coding: utf-8 -*-
# Copyright: cxone.cxone contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``cxone_export``: the tenant's configuration as desired-state variables (what each
section writes is its resource's), and as YAML that yamllint and ansible-lint accept."""

from __future__ import annotations

import re

from ansible_collections.cxone.cxone.plugins.module_utils._errors import InputError
from ansible_collections.cxone.cxone.plugins.module_utils._outcomes import read_result
from ansible_collections.cxone.cxone.plugins.module_utils.resources.catalog import SECTIONS

TIME_OF_DAY = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")


def to_yaml(data):
    """``data`` as YAML that yamllint and ansible-lint accept as it is: lists indented
    under their key, keys in the order given, times of day always quoted."""
    import yaml  # checked by the module before it runs

    class Dumper(yaml.SafeDumper):  # pylint: disable=too-many-ancestors
        def increase_indent(self, flow=False, indentless=False):
            return super().increase_indent(flow, False)

    def represent_str(dumper, value):
        style = '"' if TIME_OF_DAY.match(value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)
    return yaml.dump(data, Dumper=Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True,
                     width=1000, indent=2)


def export(ctx):
    """The module's result for the sections ``ctx.params["sections"]`` names (by default
    every section the API surface manages, each fact once: a section whose facts another
    section already holds is left out unless asked for)."""
    wanted = ctx.params["sections"]
    missing = {section.name: ctx.surface.missing(section.kind) for section in SECTIONS}
    if wanted is None:
        kinds = {section.kind for section in SECTIONS if not missing[section.name]}
        wanted = [section.name for section in SECTIONS
                  if not missing[section.name] and ctx.surface.same_facts(section.kind) not in kinds]
    refused = ["%s (%s)" % (name, missing[name]) for name in wanted if missing[name]]
    if refused:
        raise InputError("sections: not available with api=%s: %s" % (ctx.surface.name, "; ".join(refused)))
    state = {}
    for section in SECTIONS:
        if section.name in wanted:
            state[section.variable] = section.export(ctx, state)
    return read_result(desired_state=state, yaml=to_yaml(state), counts={key: len(value) for key, value in state.items()})
