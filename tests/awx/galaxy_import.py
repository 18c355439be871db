"""Build the Galaxy artifact and run galaxy-importer on it, as Galaxy / Automation Hub do
on upload (without the parts that need a container engine or the network).

    python tests/awx/galaxy_import.py [ARTIFACT]     # `make build` runs it on .build/dist/*.tar.gz

galaxy-importer pins ansible-lint, attrs and flake8, so it lives in a venv of its own,
.build/galaxy-importer (made on first use from tests/awx/galaxy-importer-requirements.txt;
about 20 s). Its configuration is tests/awx/galaxy-importer.cfg. The import passes when
galaxy-importer completes and logs no ERROR and no WARNING (ansible-lint findings and
ansible-doc failures are logged as warnings and errors, not as a failed import).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BIN = Path(sys.executable).parent
IMPORTER_VENV = REPO / ".build" / "galaxy-importer"
IMPORTER_REQUIREMENTS = HERE / "galaxy-importer-requirements.txt"
IMPORTER_CONFIG = HERE / "galaxy-importer.cfg"


def build_collection(output_dir):
    """``ansible-galaxy collection build`` of the checkout into output_dir; the artifact's path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(BIN / "ansible-galaxy"), "collection", "build", "--force", "--output-path",
                    str(output_dir), str(REPO)], check=True, capture_output=True, text=True, cwd=REPO)
    artifacts = sorted(output_dir.glob("cxone-cxone-*.tar.gz"))
    assert len(artifacts) == 1, artifacts
    return artifacts[0]


@contextlib.contextmanager
def _locked(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def importer_python():
    """The python of the galaxy-importer venv, made (or remade when its requirements change) first."""
    digest = hashlib.sha256(IMPORTER_REQUIREMENTS.read_bytes()).hexdigest()[:16]
    stamp = IMPORTER_VENV / (".installed-" + digest)
    python = IMPORTER_VENV / "bin" / "python"
    with _locked(REPO / ".build" / "galaxy-importer.lock"):
        if not stamp.exists():
            venv.EnvBuilder(clear=True, with_pip=True).create(IMPORTER_VENV)
            proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                   "-r", str(IMPORTER_REQUIREMENTS)], capture_output=True, text=True, check=False)
            if proc.returncode:
                raise RuntimeError("pip install -r %s failed:\n%s%s" % (IMPORTER_REQUIREMENTS, proc.stdout, proc.stderr))
            stamp.touch()
    return python


def run_importer(artifact, workdir=None):
    """Run galaxy-importer on the artifact. Returns (returncode, output, problems, seconds):
    problems are the ERROR and WARNING lines of its log."""
    python = importer_python()
    workdir = Path(workdir or tempfile.mkdtemp(prefix="galaxy-importer-"))
    env = dict(os.environ)
    # Its ansible-doc and ansible-lint, not the ones of the venv that runs the tests.
    env["PATH"] = "%s%s%s" % (python.parent, os.pathsep, env.get("PATH", ""))
    env["GALAXY_IMPORTER_CONFIG"] = str(IMPORTER_CONFIG)
    env["ANSIBLE_LOCAL_TEMP"] = str(workdir / "ansible-tmp")
    for name in ("ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_COLLECTIONS_PATHS", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    started = time.monotonic()
    proc = subprocess.run([str(python), "-m", "galaxy_importer.main", str(Path(artifact).resolve())],
                          cwd=workdir, env=env, capture_output=True, text=True, timeout=600, check=False)
    seconds = time.monotonic() - started
    output = proc.stdout + proc.stderr
    problems = [line for line in output.splitlines() if line.startswith(("ERROR", "WARNING", "CRITICAL"))]
    if "Importer processing completed successfully" not in output:
        problems.append("galaxy-importer did not complete")
    return proc.returncode, output, problems, seconds


def main(argv):
    if argv:
        artifact = Path(argv[0])
    else:
        artifact = build_collection(REPO / ".build" / "dist")
    rc, output, problems, seconds = run_importer(artifact)
    print(output)
    print("galaxy-importer on %s: %s in %.0f s" % (artifact.name, "FAILED" if rc or problems else "passed", seconds))
    for line in problems:
        print("  " + line)
    return 1 if rc or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
