"""awx/credential_type.yml (the AWX custom credential type) and the playbook that creates it.

awx.awx is not installable here, so the playbook runs against a stand-in
awx.awx.credential_type module that returns what it was given: the test proves the
playbook hands AWX the file's inputs and injectors untouched (the "{{ base_url }}"
templates are AWX's to render, not Ansible's)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ansible_collections.cxone.cxone.plugins.module_utils._module import CONNECTION_ARGS

sys.path.insert(0, str(Path(__file__).resolve().parent))

from awx_credential import DEFINITION, REPO, render_injectors  # noqa: E402

AWX = REPO / "awx"

STAND_IN = '''#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule

def main():
    module = AnsibleModule(argument_spec=dict(
        name=dict(required=True), description=dict(), kind=dict(), inputs=dict(type="dict"),
        injectors=dict(type="dict"), state=dict(default="present")), supports_check_mode=True)
    module.exit_json(changed=False, received=module.params)

main()
'''


def test_definition_has_the_shape_the_awx_api_takes():
    assert set(DEFINITION) == {"name", "description", "kind", "inputs", "injectors"}
    assert DEFINITION["kind"] in ("cloud", "net")
    fields = {f["id"]: f for f in DEFINITION["inputs"]["fields"]}
    assert list(fields) == ["base_url", "client_id", "client_secret", "token_url"]
    for field in fields.values():
        assert set(field) <= {"id", "label", "type", "secret", "help_text", "default", "choices", "multiline"}
        assert field["type"] == "string" and field["label"]
    assert fields["client_secret"].get("secret") is True
    assert not any(f.get("secret") for name, f in fields.items() if name != "client_secret")
    assert DEFINITION["inputs"]["required"] == ["base_url", "client_id", "client_secret"]
    assert set(DEFINITION["injectors"]) == {"env"}


def test_injectors_are_the_environment_the_modules_fall_back_to():
    fallbacks = {option: CONNECTION_ARGS[option]["fallback"][1] for option in
                 ("base_url", "client_id", "client_secret", "token_url")}
    expected = {env[0]: "{{ %s }}" % option for option, env in fallbacks.items()}
    env = dict(DEFINITION["injectors"]["env"])
    assert env.pop("CXONE_API") == "v2"  # the default is the real CXone API (admin)
    assert env == expected


def test_rendered_like_awx_renders_it():
    env = render_injectors({"base_url": "https://acme.cxone.example", "client_id": "ci",
                            "client_secret": "s3cret"})
    assert env == {"CXONE_API": "v2", "CXONE_BASE_URL": "https://acme.cxone.example", "CXONE_CLIENT_ID": "ci",
                   "CXONE_CLIENT_SECRET": "s3cret", "CXONE_TOKEN_URL": ""}


def _stand_in_awx(tmp_path):
    """The stand-in awx.awx collection and the environment that runs the playbook against it."""
    module_dir = tmp_path / "collections" / "ansible_collections" / "awx" / "awx" / "plugins" / "modules"
    module_dir.mkdir(parents=True)
    (module_dir / "credential_type.py").write_text(STAND_IN)
    (module_dir.parents[1] / "galaxy.yml").write_text("namespace: awx\nname: awx\nversion: 0.0.0\n")
    bin_dir = Path(sys.executable).parent
    env = {"PATH": "%s:/usr/bin:/bin" % bin_dir, "HOME": str(tmp_path), "ANSIBLE_NOCOLOR": "1",
           "ANSIBLE_COLLECTIONS_PATH": str(tmp_path / "collections"), "ANSIBLE_LOCALHOST_WARNING": "false",
           "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false", "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
           "ANSIBLE_STDOUT_CALLBACK": "cxone_test_json",
           "ANSIBLE_CALLBACK_PLUGINS": str(REPO / "tests" / "support" / "callback"), "ANSIBLE_LOCAL_TEMP": str(tmp_path / "tmp")}
    return env, bin_dir


def test_playbook_hands_the_definition_to_awx_untouched(tmp_path):
    env, bin_dir = _stand_in_awx(tmp_path)
    proc = subprocess.run([str(bin_dir / "ansible-playbook"), str(AWX / "create_credential_type.yml")],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data = next(json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{"tasks"'))
    task = next(t for t in data["tasks"] if t["name"] == "Create or update the credential type")
    received = task["result"]["received"]
    assert received["name"] == DEFINITION["name"]
    assert received["kind"] == DEFINITION["kind"]
    assert received["inputs"] == DEFINITION["inputs"]
    assert received["injectors"] == DEFINITION["injectors"]
    assert received["injectors"]["env"]["CXONE_CLIENT_SECRET"] == "{{ client_secret }}"


ADMIN = __import__("yaml").safe_load((AWX / "credential_type_admin.yml").read_text())


def test_admin_credential_type_sets_what_the_modules_fall_back_to_with_api_admin():
    assert set(ADMIN) == {"name", "description", "kind", "inputs", "injectors"}
    fields = {f["id"]: f for f in ADMIN["inputs"]["fields"]}
    assert {name for name, f in fields.items() if f.get("secret")} == {"access_key_secret", "client_secret"}
    env = dict(ADMIN["injectors"]["env"])
    assert env.pop("CXONE_API") == "admin" and "admin" in CONNECTION_ARGS["api"]["choices"]
    expected = {CONNECTION_ARGS[option]["fallback"][1][0]: "{{ %s }}" % option for option in fields}
    assert env == expected
    # The access key alone logs in (at the area, or the area of the API host): no application needed.
    assert set(ADMIN["inputs"]["required"]) == {"access_key_id", "access_key_secret"}


def test_playbook_creates_the_admin_type_when_asked(tmp_path):
    env, bin_dir = _stand_in_awx(tmp_path)
    proc = subprocess.run([str(bin_dir / "ansible-playbook"), str(AWX / "create_credential_type.yml"),
                           "-e", "cxone_credential_type_file=credential_type_admin.yml"],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data = next(json.loads(line) for line in proc.stdout.splitlines() if line.startswith('{"tasks"'))
    received = next(t for t in data["tasks"] if t["name"] == "Create or update the credential type")["result"]["received"]
    assert received["name"] == "NICE CXone access key" and received["injectors"] == ADMIN["injectors"]
