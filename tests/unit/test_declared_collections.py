"""The collection's examples, playbooks and roles use only ansible.builtin, cxone.cxone and the
collections galaxy.yml declares: a copied example never fails on a collection nobody installed."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
NAME = r"([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\.[a-z][a-z0-9_]*"
# Where a plugin is named: a task's module, a filter or test after "|" or "is", a lookup or a
# map/select argument, an action group in module_defaults.
USES = [re.compile(pattern % NAME) for pattern in (
    r"^\s*(?:-\s+)?%s:(?:\s|$)", r"\|\s*%s\b", r"\bis\s+(?:not\s+)?%s\b",
    r"\b(?:lookup|query|q|map|select|reject|selectattr|rejectattr)\(\s*['\"]%s['\"]", r"\bgroup/%s\b")]


def used(text):
    return {m.group(1) for pattern in USES for line in text.splitlines() for m in pattern.finditer(line)}


def test_only_declared_collections():
    galaxy = yaml.safe_load((REPO / "galaxy.yml").read_text())
    declared = {"ansible.builtin", "cxone.cxone"} | set(galaxy.get("dependencies") or {})
    sources = {}
    for path in sorted((REPO / "plugins" / "modules").glob("*.py")):
        text = path.read_text()
        if 'EXAMPLES = r"""' in text:
            sources[path] = text.split('EXAMPLES = r"""', 1)[1].split('"""', 1)[0]
    for folder in ("playbooks", "roles"):
        for path in sorted((REPO / folder).rglob("*.yml")):
            sources[path] = path.read_text()
    found = {"%s: %s" % (path.relative_to(REPO), name) for path, text in sources.items()
             for name in used(text) - declared}
    assert sorted(found) == []
    assert "community.general" in used("members: \"{{ team | map('community.general.dict_kv', 'user') }}\"")
