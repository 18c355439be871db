"""The example on each role's documentation page (meta/argument_specs.yml ``examples``, which
the docs site and ``ansible-doc -t role`` show) runs as written against the real CXone API's
shape (the emulator, api=admin), in check mode: nothing written, the role decides and reports."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playbook_run import ansible_env, run_play_file

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("role, now, fact", [
    ("peak_mode", {"peak_mode_now": "2026-12-01T09:30"}, "cxone_peak_active"),
    ("campaign_season", {"campaign_season_now": "2026-04-02T10:00"}, "cxone_season_active"),
])
def test_the_role_page_example_runs_as_written(emulator, admin_reading, token_cache_dir, tmp_path, role, now, fact):
    spec = yaml.safe_load((REPO / "roles" / role / "meta" / "argument_specs.yml").read_text())
    plays = yaml.safe_load(spec["argument_specs"]["main"]["examples"])
    assert plays[0]["roles"][0]["role"] == "cxone.cxone." + role
    plays[0].update(hosts="localhost", connection="local")  # the example's inventory group: here one host
    plays[0]["roles"][0]["vars"].update(now)
    plays[0]["tasks"] = [{"name": "decision", "ansible.builtin.debug": {"var": fact}}]
    env = ansible_env(emulator.base_url, token_cache_dir, api="admin")
    for schedule in plays[0]["roles"][0]["vars"].get("campaign_season_schedules", []):
        # What the role page says to do once: the campaign's outbound skill that holds the dialing hours.
        setup = tmp_path / "setup.yml"
        setup.write_text(yaml.safe_dump([{"hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": [
            {"cxone.cxone.cxone_queue": {"name": schedule["name"], "campaign": schedule["campaign"],
                                         "outbound": True, "media_type": "phone"}}]}]))
        assert run_play_file(env, setup).rc == 0
    emulator.reset_stats()
    path = tmp_path / "example.yml"
    path.write_text(yaml.safe_dump(plays, sort_keys=False))
    run = run_play_file(env, path, "--check")
    failed = [t["result"] for t in run.tasks if t["failed"]]
    assert run.rc == 0, [[r.get("msg") for r in f.get("results", [])] or f.get("msg") for f in failed] or run.stdout[-3000:]
    assert run.task("decision")["result"][fact] is True
    assert emulator.stats()["write_requests"] == 0
