"""The roles' argument specs take the modules' connection options as cxone_* variables with
the same choices: a value a module accepts (auth_method=access_key) is never refused by a role."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ansible_collections.cxone.cxone.plugins.module_utils._module import CONNECTION_ARGS

ROLES = Path(__file__).resolve().parents[2] / "roles"
NOT_ROLE_VARIABLES = {"scopes", "token_cache"}  # the roles pass the module defaults for these


@pytest.mark.parametrize("role", ["peak_mode", "campaign_season"])
def test_every_connection_option_with_the_modules_choices(role):
    spec = yaml.safe_load((ROLES / role / "meta" / "argument_specs.yml").read_text())["argument_specs"]["main"]
    options = spec["options"]
    declared = {name[len("cxone_"):] for name in options if name[len("cxone_"):] in CONNECTION_ARGS}
    assert declared == set(CONNECTION_ARGS) - NOT_ROLE_VARIABLES
    for option in declared:
        assert options["cxone_" + option].get("choices") == CONNECTION_ARGS[option].get("choices"), option
