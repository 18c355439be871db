"""The Galaxy artifact: `ansible-galaxy collection build` keeps tests, the emulator and
developer files out, and galaxy-importer (what Galaxy and Automation Hub run on upload)
accepts it."""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from galaxy_import import REPO, build_collection, run_importer  # noqa: E402


@pytest.fixture(scope="module")
def artifact(tmp_path_factory):
    return build_collection(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def names(artifact):
    with tarfile.open(artifact) as tar:
        return [m.name.rstrip("/") for m in tar.getmembers()]


def test_artifact_has_the_collection(artifact, names):
    galaxy = yaml.safe_load((REPO / "galaxy.yml").read_text())
    assert artifact.name == "cxone-cxone-%s.tar.gz" % galaxy["version"]
    for required in ("MANIFEST.json", "FILES.json", "README.md", "COPYING", "requirements.txt", "bindep.txt",
                     "meta/runtime.yml", "meta/execution-environment.yml", "plugins/doc_fragments/connection.py",
                     "plugins/module_utils/_client.py", "plugins/modules/cxone_queue.py", "playbooks/demo.yml",
                     "awx/credential_type.yml", "changelogs/changelog.yaml"):
        assert required in names, required
    modules = {p.name for p in (REPO / "plugins" / "modules").glob("*.py")}
    assert modules <= {Path(n).name for n in names if n.startswith("plugins/modules/")}
    roles = {p.name for p in (REPO / "roles").iterdir() if (p / "tasks").is_dir()} if (REPO / "roles").is_dir() else set()
    for role in roles:
        assert "roles/%s/tasks/main.yml" % role in names, role
        assert "roles/%s/meta/argument_specs.yml" % role in names, role


def test_artifact_leaves_out_tests_and_dev_files(names):
    for name in names:
        parts = Path(name).parts
        assert parts[0] not in {"tests", ".venv", ".build", ".ci", ".cache", ".pytest_cache", ".ansible", ".git",
                                "benchmarks", "execution-environment", "cxone-drift"}, name
        assert "__pycache__" not in parts and not name.endswith((".pyc", ".tar.gz")), name
        assert not name.startswith(("extensions/molecule", "docs/site")), name
        assert name not in {"Makefile", ".gitignore", "galaxy.yml", "importer_result.json"}, name
        assert "cxone_emulator" not in name, name


def test_manifest_declares_license_and_dependencies(artifact):
    with tarfile.open(artifact) as tar:
        manifest = json.load(tar.extractfile("MANIFEST.json"))
    info = manifest["collection_info"]
    assert info["namespace"] == "cxone" and info["name"] == "cxone"
    assert info["license"] == ["GPL-3.0-or-later"]
    assert info["dependencies"] == {}


def test_galaxy_importer_accepts_the_artifact(artifact, tmp_path):
    rc, output, problems, seconds = run_importer(artifact, tmp_path)
    print("galaxy-importer: %.1f s" % seconds)
    assert rc == 0 and not problems, "galaxy-importer (%.0f s) found:\n%s\n\n%s" % (
        seconds, "\n".join(problems), output[-6000:])
    result = json.loads((tmp_path / "importer_result.json").read_text())
    contents = {(c["content_type"], c["name"]) for c in result["contents"]}
    assert ("module", "cxone_queue") in contents
    assert result["metadata"]["license"] == ["GPL-3.0-or-later"]
    assert result["docs_blob"]["collection_readme"]["html"]
