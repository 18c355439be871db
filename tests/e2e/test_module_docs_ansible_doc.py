"""What ansible-doc shows: no option the default API (api=admin) refuses without saying so,
counted over every module as a user reads it (fragments and YAML aliases resolved)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

import module_docs  # noqa: E402
from playbook_run import ansible_env  # noqa: E402


def _option(doc, path):
    options = doc.get("options") or {}
    spec = doc
    for name in path:
        spec = options[name]
        options = spec.get("suboptions") or {}
    return spec


def test_ansible_doc_says_for_every_refused_option_that_one_api_only_has_it(tmp_path):
    notes = module_docs.expected()
    names = ["cxone.cxone." + Path(name).stem for name in sorted(notes)]
    env = ansible_env("http://127.0.0.1:9", tmp_path)
    proc = subprocess.run([str(Path(sys.executable).parent / "ansible-doc"), "--json", "-t", "module", *names],
                          env=env, capture_output=True, text=True, timeout=300, check=True)
    docs = json.loads(proc.stdout)
    unsaid = []
    for name, found in notes.items():
        doc = docs["cxone.cxone." + Path(name).stem]["doc"]
        for path, note in found.items():
            description = _option(doc, path).get("description")
            lines = description if isinstance(description, list) else [description]
            if lines[0] != note:
                unsaid.append("%s %s" % (name, ".".join(path) or "(module)"))
    assert unsaid == []  # 0 options refused without saying so
    refused_on_default = sum(1 for found in notes.values() for note in found.values() if ", the default," in note)
    assert refused_on_default >= 33
