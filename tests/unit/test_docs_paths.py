"""Every file of the repository that the docs tell people to use exists: each `path` in
backticks (or a link target) in the README, the guides and the roles' READMEs that starts
with one of the repository's own top-level directories."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOP = ("playbooks", "roles", "docs", "awx", "collections", "execution-environment", "plugins", "meta",
       "tests", "benchmarks", "changelogs", "extensions", ".ci")
_TOP = "|".join(map(re.escape, TOP))
MENTION = re.compile(r"`((?:%s)/[^`\s]*)`|\]\(((?:%s)/[^)\s#]*)" % (_TOP, _TOP))
# Paths a reader makes, names a pattern, or that a build writes (not in a fresh checkout).
MADE_BY_READER = re.compile(r"[<>*{}$]|host_vars/acme|/vault\.yml$|\.build/|/output/|cxone-drift")


def docs():
    yield REPO / "README.md"
    yield from sorted((REPO / "docs").rglob("*.md"))
    yield from sorted((REPO / "roles").glob("*/README.md"))


def test_every_repository_path_the_docs_name_exists():
    missing, checked = [], 0
    for doc in docs():
        for match in MENTION.finditer(doc.read_text()):
            path = (match.group(1) or match.group(2)).rstrip(".,:;)")
            if MADE_BY_READER.search(path):
                continue
            checked += 1
            role_relative = any(role.joinpath(path).exists() for role in (REPO / "roles").iterdir())
            if not (REPO / path).exists() and not role_relative:
                missing.append("%s: %s" % (doc.relative_to(REPO), path))
    assert checked > 50
    assert not missing, "\n".join(missing)
