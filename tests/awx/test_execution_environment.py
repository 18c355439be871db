"""The execution environment: execution-environment/execution-environment.yml makes a
build context with ansible-builder (no container engine needed for `create`), and the
collection declares its Python and system requirements (meta/execution-environment.yml)
so that ansible-builder's introspection puts httpx and pydantic into the image."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from galaxy_import import BIN, REPO, build_collection  # noqa: E402

EE_FILE = REPO / "execution-environment" / "execution-environment.yml"


def requirement_names(lines):
    names = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line.split(">", 1)[0].split("<", 1)[0].split("=", 1)[0].split("[", 1)[0].strip().lower())
    return names


@pytest.fixture(scope="module")
def artifact(tmp_path_factory):
    return build_collection(tmp_path_factory.mktemp("ee-dist"))


def test_collection_declares_its_requirements():
    meta = yaml.safe_load((REPO / "meta" / "execution-environment.yml").read_text())
    assert meta["version"] == 1
    assert meta["dependencies"] == {"python": "requirements.txt", "system": "bindep.txt"}
    assert requirement_names((REPO / "requirements.txt").read_text().splitlines()) == {"httpx", "pydantic", "tzdata"}
    # Nothing beyond Python 3 at system level: bindep.txt lists no package.
    assert [line for line in (REPO / "bindep.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")] == []


def test_definition_is_version_3_with_a_documented_base_image():
    ee = yaml.safe_load(EE_FILE.read_text())
    assert ee["version"] == 3
    assert ee["images"]["base_image"]["name"] == "quay.io/ansible/awx-ee:24.6.1"
    assert ee["dependencies"]["galaxy"]["collections"] == [
        {"name": "/build/collections/cxone-cxone.tar.gz", "type": "file"}]
    assert ee["additional_build_files"] == [{"src": "cxone-cxone.tar.gz", "dest": "collections"}]


def test_ansible_builder_create_makes_the_build_context(artifact, tmp_path):
    # What `make ee` does: the definition and the artifact side by side, then create.
    src = tmp_path / "ee-src"
    src.mkdir()
    shutil.copy(EE_FILE, src / "execution-environment.yml")
    shutil.copy(artifact, src / "cxone-cxone.tar.gz")
    context = tmp_path / "context"
    proc = subprocess.run([str(BIN / "ansible-builder"), "create", "-f", str(src / "execution-environment.yml"),
                           "-c", str(context), "--output-filename", "Containerfile"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    containerfile = (context / "Containerfile").read_text()
    assert 'ARG EE_BASE_IMAGE="quay.io/ansible/awx-ee:24.6.1"' in containerfile
    assert "COPY _build /build" in containerfile
    assert "ansible-galaxy collection install" in containerfile and "-r requirements.yml" in containerfile
    # Introspection of the installed collections writes the Python and bindep requirements.
    assert "introspect.py introspect" in containerfile and "/output/scripts/assemble" in containerfile
    assert "install-from-bindep" in containerfile

    requirements = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert requirements == {"collections": [{"name": "/build/collections/cxone-cxone.tar.gz", "type": "file"}]}
    packed = context / "_build" / "collections" / "cxone-cxone.tar.gz"
    assert packed.read_bytes() == artifact.read_bytes()

    # Install the packed collection the way the galaxy stage does, then introspect it the
    # way the builder stage does: its python requirements are the collection's.
    collections = tmp_path / "usr-share-ansible-collections"
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "install", "--force", "-p", str(collections),
                    str(packed)], check=True, capture_output=True, text=True, timeout=120)
    proc = subprocess.run([str(BIN / "ansible-builder"), "introspect", "--sanitize", str(collections)],
                          capture_output=True, text=True, timeout=120, check=True)
    found = yaml.safe_load(proc.stdout.split("---", 1)[1])
    assert requirement_names(found["python"]) == {"httpx", "pydantic", "tzdata"}
    assert all("from collection cxone.cxone" in line for line in found["python"])
    assert found["system"] == []
