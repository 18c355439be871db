"""cxone.cxone.desired_state: a desired-state file read as data, with the same meaning as
``-e @file`` (ansible-core's loader) and a clear error for what is not a declaration."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from ansible.errors import AnsibleLookupError
from ansible.parsing.dataloader import DataLoader
from ansible.parsing.vault import VaultLib, VaultSecret

from ansible_collections.cxone.cxone.plugins.lookup.desired_state import VARIABLES, LookupModule, read_sections

EXAMPLE = Path(__file__).resolve().parents[4] / "playbooks" / "vars" / "desired_state.example.yml"


def lookup(path, variables=None, loader=None):
    return LookupModule(loader=loader or DataLoader()).run([str(path)], variables=variables or {})


def test_the_example_reads_as_ansible_core_reads_it():
    assert lookup(EXAMPLE) == [DataLoader().load_from_file(str(EXAMPLE))]


def test_yaml_1_1_scalars_mean_what_they_mean_to_ansible():
    text = "cxone_campaign_schedules:\n  - {campaign: C, name: N, date: 2026-12-24, start: 09:00:00, on: yes}\n"
    assert read_sections("f.yml", text) == {"cxone_campaign_schedules": [DataLoader().load(text)[
        "cxone_campaign_schedules"][0]]}


def test_empty_file_and_empty_sections():
    assert read_sections("f.yml", "") == {}
    assert read_sections("f.yml", "cxone_queues:\n") == {"cxone_queues": []}


@pytest.mark.parametrize("text, message", [
    ("- cxone_queues: []\n", "must hold a mapping of cxone_* sections, not a list"),
    ("cxone_queue: []\n", "has cxone_queue, which is not a desired-state section (known: cxone_queues,"),
    ("cxone_hosts: all\nfoo: 1\n", "has cxone_hosts, foo, which are not a desired-state section"),
    ("cxone_queues: {name: Support}\n", "cxone_queues must be a list of entries, not a dict"),
    ("cxone_queues: [\n", "is not valid YAML"),
    (b"cxone_queues: [\xff]\n", "is not valid YAML"),  # not UTF-8
])
def test_what_is_not_a_declaration_fails_naming_it(text, message):
    with pytest.raises(AnsibleLookupError, match="^cxone.cxone.desired_state: f.yml") as failure:
        read_sections("f.yml", text)
    assert message in str(failure.value)


def test_a_section_given_both_ways_fails():
    with pytest.raises(AnsibleLookupError, match="cxone_queues is set both as a variable and in f.yml"):
        read_sections("f.yml", "cxone_queues: []\ncxone_wrapup_codes: []\n", {"cxone_queues": [], "other": 1})
    # Another section as a variable is fine: they are combined.
    assert read_sections("f.yml", "cxone_queues: []\n", {"cxone_wrapup_codes": []}) == {"cxone_queues": []}


def test_missing_file_and_bad_terms(tmp_path):
    with pytest.raises(AnsibleLookupError, match="no file %s" % (tmp_path / "nope.yml")):
        lookup(tmp_path / "nope.yml")
    with pytest.raises(AnsibleLookupError, match="takes one file path"):
        LookupModule(loader=DataLoader()).run(["a.yml", "b.yml"], variables={})


def test_relative_path_is_relative_to_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "acme.yml").write_text("cxone_wrapup_codes:\n  - name: Resolved\n")
    monkeypatch.chdir(tmp_path)
    assert lookup("acme.yml") == [{"cxone_wrapup_codes": [{"name": "Resolved"}]}]


def test_a_vaulted_file_is_decrypted_and_no_plain_copy_stays(tmp_path):
    secret = VaultSecret(b"correct horse")
    path = tmp_path / "acme.yml"
    path.write_bytes(VaultLib([("default", secret)]).encrypt(b"cxone_wrapup_codes:\n  - name: Resolved\n"))
    loader = DataLoader()
    loader.set_vault_secrets([("default", secret)])
    assert lookup(path, loader=loader) == [{"cxone_wrapup_codes": [{"name": "Resolved"}]}]
    assert not loader._tempfiles  # pylint: disable=protected-access  # the decrypted copy is gone


def test_the_playbooks_take_every_section_from_a_variable_or_the_file():
    """playbooks/vars/desired_state_sections.yml lists the catalog's sections, each from its
    variable or else from the file this lookup read."""
    sections = yaml.safe_load((EXAMPLE.parent / "desired_state_sections.yml").read_text())["cxone_ds_declared"]
    assert tuple(sections) == VARIABLES
    for variable, template in sections.items():
        assert template.strip() == "{{ %s | default(cxone_ds_file_sections.%s | default([]), true) }}" % (
            variable, variable)
