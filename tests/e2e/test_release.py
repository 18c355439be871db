"""A release says what it is: galaxy.yml's version is the one the client sends as its user
agent, CHANGELOG.md has a section for it, the execution environment is tagged with it and
pins its base image."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ansible_collections.cxone.cxone.plugins.module_utils._version import COLLECTION_VERSION

REPO = Path(__file__).resolve().parents[2]
GALAXY = yaml.safe_load((REPO / "galaxy.yml").read_text())


def _numbers(version):
    return tuple(int(part) for part in version.split("-", 1)[0].split("."))


def test_one_version_everywhere():
    assert GALAXY["version"] == COLLECTION_VERSION
    releases = yaml.safe_load((REPO / "changelogs" / "changelog.yaml").read_text())["releases"]
    if "-" in COLLECTION_VERSION:
        # Between releases main builds as the next version, a pre-release: newer than every release,
        # and not released yet (its changes are still fragments).
        assert COLLECTION_VERSION not in releases
        assert all(_numbers(COLLECTION_VERSION) > _numbers(str(release)) for release in releases), releases
        return
    assert COLLECTION_VERSION in releases, "run antsibull-changelog release --version %s" % COLLECTION_VERSION
    assert "## v%s" % COLLECTION_VERSION.replace(".", "\\.") in (REPO / "CHANGELOG.md").read_text()


def test_the_execution_environment_pins_its_base_and_carries_the_version():
    ee = yaml.safe_load((REPO / "execution-environment" / "execution-environment.yml").read_text())
    base = ee["images"]["base_image"]["name"]
    assert re.search(r"@sha256:[0-9a-f]{64}$", base) or not base.endswith(":latest"), base
    assert ":" in base.rsplit("/", 1)[-1], "the base image has a tag or digest: %s" % base
    assert "cxone-ee:%s" % COLLECTION_VERSION in ee["options"]["tags"]


def test_the_client_announces_the_collection_version(emulator, run_playbook):
    run = run_playbook([{"name": "read", "cxone.cxone.cxone_queue_info": {}}])
    assert run.rc == 0, run.stdout[-2000:]
    agents = {r["user_agent"] for r in emulator.requests}
    assert agents == {"cxone.cxone-ansible/%s" % GALAXY["version"]}, agents


def test_a_project_installs_a_released_collection_never_a_branch():
    requirements = yaml.safe_load((REPO / "collections" / "requirements.yml").read_text())
    releases = yaml.safe_load((REPO / "changelogs" / "changelog.yaml").read_text())["releases"]
    (entry,) = [c for c in requirements["collections"] if "cxone.cxone" in c["name"]]
    assert str(entry["version"]) in releases, entry
