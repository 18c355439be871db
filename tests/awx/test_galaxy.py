"""The Galaxy artifact: `ansible-galaxy collection build` keeps tests, the emulator and
developer files out, and galaxy-importer (what Galaxy and Automation Hub run on upload)
accepts it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from galaxy_import import BIN, REPO, build_collection, run_importer  # noqa: E402


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


# ---- nothing by surprise: no secret in any file, no write without asking ---------------------

# A value under a key like these is a secret unless it is a template ("{{ vault_... }}") or empty.
SECRET_KEY = re.compile(r"(secret|password|passwd|token|api_?key)$", re.IGNORECASE)
SECRET_SHAPES = (
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),  # a JWT
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    re.compile(r"(?i)authorization:\s*(basic|bearer)\s+[A-Za-z0-9+/=._-]{12,}"),
)


@pytest.fixture(scope="module")
def unpacked(artifact, tmp_path_factory):
    target = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(artifact) as tar:
        tar.extractall(target, filter="data")
    return target


def _literal_secrets(data, where):
    """Every value under a secret-looking key that is written out (not a template, not empty)."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if SECRET_KEY.search(str(key)) and isinstance(value, (str, int)) and not isinstance(value, bool):
                text = str(value).strip()
                if text and "{{" not in text and not text.startswith(("<", "$")):
                    found.append("%s: %s" % (where, key))
            found.extend(_literal_secrets(value, "%s.%s" % (where, key)))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found.extend(_literal_secrets(item, "%s[%d]" % (where, index)))
    return found


def test_no_file_in_the_artifact_holds_a_secret(unpacked):
    sys.path.insert(0, str(REPO / "tests" / "support"))
    from demo import ADMIN, V2  # noqa: E402 pylint: disable=import-outside-toplevel

    known = {value for env in (ADMIN, V2) for key, value in env.items() if "SECRET" in key and value}
    problems, scanned = [], 0
    for path in sorted(p for p in unpacked.rglob("*") if p.is_file()):
        text = path.read_text(errors="replace")
        name = str(path.relative_to(unpacked))
        scanned += 1
        problems.extend("%s holds the emulator's secret %r" % (name, s[:6] + "...") for s in known if s in text)
        problems.extend("%s holds something shaped like a secret (%s)" % (name, shape.pattern)
                        for shape in SECRET_SHAPES if shape.search(text))
        if path.suffix in (".yml", ".yaml"):
            for document in yaml.safe_load_all(text):
                problems.extend(_literal_secrets(document, name))
    assert scanned > 50
    assert not problems, "\n".join(problems)


def test_no_shipped_playbook_writes_to_a_tenant_unasked(emulator, artifact, tmp_path):
    """Installed from the artifact, every playbook of the collection run as it is, with a tenant
    connected (the emulator, CXONE_* in the environment) but no inventory or variables of the
    user's: nothing is written. The demo refuses to write without demo_write=true (with --check
    it shows what it would do); the example inventories are examples, not run here."""
    sys.path.insert(0, str(REPO / "tests" / "support"))
    from playbook_run import ansible_env  # noqa: E402 pylint: disable=import-outside-toplevel

    installed = tmp_path / "collections"
    env = ansible_env(emulator.base_url, tmp_path / "tokens", collections=installed)
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--force", "-p", str(installed),
                    str(artifact)], env=env, check=True, capture_output=True, text=True)
    shipped = installed / "ansible_collections" / "cxone" / "cxone" / "playbooks"
    playbooks = sorted(p.stem for p in shipped.glob("*.yml"))
    assert {"demo", "desired_state", "drift_check", "export", "peak_mode", "campaign_season"} <= set(playbooks)
    for playbook in playbooks:
        proc = subprocess.run([str(BIN / "ansible-playbook"), "-i", "localhost,", "cxone.cxone." + playbook],
                              env=env, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path)
        assert emulator.stats()["write_requests"] == 0, (playbook, proc.stdout[-3000:])
        if playbook == "demo":
            assert proc.returncode != 0 and "Run it with --check --diff" in proc.stdout, proc.stdout[-2000:]
    checked = subprocess.run([str(BIN / "ansible-playbook"), "cxone.cxone.demo", "--check"], env=env,
                             capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout[-3000:]
    assert emulator.stats()["write_requests"] == 0
