"""awx/credential_type.yml, and the environment AWX gives a job from a credential of that type."""

from __future__ import annotations

from pathlib import Path

import jinja2.sandbox
import yaml

REPO = Path(__file__).resolve().parents[2]
DEFINITION = yaml.safe_load((REPO / "awx" / "credential_type.yml").read_text())


def render_injectors(inputs):
    """The injector templates rendered with the credential's inputs, as AWX does when a job
    starts (a sandboxed Jinja2; a field left empty renders as an empty string)."""
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(undefined=jinja2.Undefined)
    return {name: env.from_string(template).render(**inputs)
            for name, template in DEFINITION["injectors"]["env"].items()}
