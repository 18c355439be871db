"""cxone_export and playbooks/export.yml: the export is the desired state
(playbooks/desired_state.yml applies it without a change) and survives a round trip
through an empty tenant byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from playbook_run import DEMO_CLIENT, ansible_env
from playbook_run import run_shipped as shipped

from cxone_emulator import DEFAULT_SEED, load_seed

REPO = Path(__file__).resolve().parents[2]
PLAYBOOKS = REPO / "playbooks"
EXAMPLE = PLAYBOOKS / "vars" / "desired_state.example.yml"


@pytest.fixture
def run_shipped(emulator, token_cache_dir):
    def run(playbook, *extra_vars, extra_env=None):
        env = dict(ansible_env(emulator.base_url, token_cache_dir), **(extra_env or {}))
        return shipped(env, playbook, *extra_vars)

    return run


@pytest.fixture
def empty_tenant(emulator):
    """Switch the emulator to a tenant with the default directory (clients, users, skills,
    campaigns, reason codes, schedules and WFM data) and no configuration; back to the
    default seed afterwards (reset() keeps the last seed)."""

    def switch():
        seed = load_seed()
        seed.pop("queues")
        seed.pop("wrapUpCodes")
        for campaign in seed["campaigns"]:
            campaign.pop("schedules", None)
        for user in seed["users"]:
            user.pop("skills", None)
        emulator.reset(seed=seed)

    yield switch
    emulator.reset(seed=DEFAULT_SEED)


def export(run_shipped, dest, *extra_vars):
    result = run_shipped("export.yml", {"cxone_export_dest": str(dest)}, *extra_vars)
    assert result.rc == 0, result.stdout[-3000:]
    return dest.read_text()


def body(text):
    """The file without its comment header."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(("#", "---")))


def converge(run_shipped, path):
    result = run_shipped("desired_state.yml", "@%s" % path)
    assert result.rc == 0, [t["result"].get("msg") for t in result.tasks if t["failed"]] or result.stdout[-3000:]
    return result


def test_export_is_the_desired_state_of_the_same_tenant(emulator, run_shipped, tmp_path):
    text = export(run_shipped, tmp_path / "acme.yml")
    assert emulator.stats()["write_requests"] == 0
    # The example shipped in playbooks/vars is this export with exclusive lists (regenerate it when
    # the seed changes); the default export is the same with additive lists.
    exclusive = export(run_shipped, tmp_path / "exclusive.yml", {"cxone_export_exclusive": True})
    assert body(exclusive) == body(EXAMPLE.read_text())
    assert body(text) == body(exclusive).replace("exclusive: true", "exclusive: false")

    data = yaml.safe_load(text)
    assert list(data) == ["cxone_queues", "cxone_queue_members", "cxone_wrapup_codes", "cxone_user_skills",
                          "cxone_campaign_schedules"]
    names = [q["name"] for q in data["cxone_queues"]]
    # Overflow targets first: Billing -> Support -> Overflow.
    assert names.index("Overflow") < names.index("Support") < names.index("Billing")
    flat = json.dumps(data)
    for server_field in ('"id"', "user_id", "version", "date_created", "dateCreated", "dateUpdated"):
        assert server_field not in flat
    support = next(q for q in data["cxone_queues"] if q["name"] == "Support")
    assert support["overflow"] == {"enabled": True, "target": "Overflow", "wait_time": 120}
    members = next(m for m in data["cxone_queue_members"] if m["queue"] == "Support")
    assert members["exclusive"] is False  # the default: a converge of it never removes anyone
    assert [m["user"] for m in members["members"]] == [
        "alice.johnson@acme.example", "bob.smith@acme.example", "carla.gomez@acme.example"]
    (skills,) = data["cxone_user_skills"]
    assert skills["exclusive"] is False
    assert {"user": "emma.brown@acme.example", "skill": "skill-retention", "level": 2,
            "start": "2024-01-01T00:00:00.000Z", "end": "2024-12-31T23:59:59.000Z"} in skills["assignments"]
    (schedule,) = data["cxone_campaign_schedules"]
    assert schedule["campaign"] == "Spring Renewal Outreach" and schedule["name"] == "Weekday business hours"
    assert '        start: "09:00:00"' in text  # times quoted; lists indented (yamllint clean)

    # Applied to the tenant it came from: nothing to do, nothing written.
    result = converge(run_shipped, tmp_path / "acme.yml")
    assert result.changed == 0
    assert emulator.stats()["write_requests"] == 0


def test_round_trip_through_an_empty_tenant(emulator, run_shipped, empty_tenant, tmp_path):
    first = export(run_shipped, tmp_path / "first.yml")
    empty_tenant()
    assert not emulator.store.queues
    built = converge(run_shipped, tmp_path / "first.yml")
    assert built.changed > 0
    second = export(run_shipped, tmp_path / "second.yml")
    assert second == first
    # And the rebuilt tenant is in sync with it.
    before = emulator.stats()["write_requests"]
    assert converge(run_shipped, tmp_path / "second.yml").changed == 0
    assert emulator.stats()["write_requests"] == before


def test_sections_connection_variables_and_an_unchanged_file(emulator, run_shipped, tmp_path):
    dest = tmp_path / "codes.yml"
    text = export(run_shipped, dest, {"cxone_export_sections": ["wrapup_codes"]})
    assert list(yaml.safe_load(text)) == ["cxone_wrapup_codes"]
    # Connection from play variables (module_defaults of the action group); the environment is wrong.
    again = run_shipped("export.yml", {"cxone_export_dest": str(dest), "cxone_export_sections": ["wrapup_codes"],
                                       "cxone_base_url": emulator.base_url, "cxone_client_id": DEMO_CLIENT[0],
                                       "cxone_client_secret": DEMO_CLIENT[1]},
                        extra_env={"CXONE_BASE_URL": "http://127.0.0.1:9", "CXONE_CLIENT_SECRET": "wrong"})
    assert again.rc == 0, again.stdout[-3000:]
    assert again.task("Write the desired-state variables file")["changed"] is False


def test_export_module_orders_overflow_chains(emulator, run_playbook):
    # A -> Z -> M: name order would be A, M, Z; overflow order is M, Z, A.
    result = run_playbook([
        {"name": "m", "cxone.cxone.cxone_queue": {"name": "M queue"}},
        {"name": "z", "cxone.cxone.cxone_queue": {"name": "Z queue", "overflow": {"target": "M queue"}}},
        {"name": "a", "cxone.cxone.cxone_queue": {"name": "A queue", "overflow": {"target": "Z queue"}}},
        {"name": "export", "cxone.cxone.cxone_export": {"sections": ["queues"]}},
    ])
    assert result.rc == 0, result.stdout[-3000:]
    exported = result.task("export")["result"]
    names = [q["name"] for q in exported["desired_state"]["cxone_queues"]]
    assert names.index("M queue") < names.index("Z queue") < names.index("A queue")
    assert exported["changed"] is False and list(exported["counts"]) == ["cxone_queues"]
    assert yaml.safe_load(exported["yaml"]) == exported["desired_state"]
