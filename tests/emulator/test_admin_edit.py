"""The documented hand edit of the emulator's admin tenant (python -m cxone_emulator.edit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EMULATOR_DIR = Path(__file__).resolve().parent


def edit(emulator, *args):
    env = dict(os.environ, PYTHONPATH=str(EMULATOR_DIR))
    return subprocess.run([sys.executable, "-m", "cxone_emulator.edit", "--url", emulator.base_url, *args],
                          env=env, capture_output=True, text=True, timeout=60, check=False)


def test_a_field_an_assignment_and_refusals_that_name_what_is_wrong(emulator):
    store = emulator.admin_store
    assert edit(emulator, "skill", "billing", "serviceLevelGoal=75", "notes=by hand").returncode == 0
    billing = next(s for s in store.skills.values() if s["skillName"] == "Billing")
    assert billing["serviceLevelGoal"] == 75 and billing["notes"] == "by hand"
    agent = next(a for a in store.agents.values() if (billing["skillId"], a["agentId"]) not in store.assignments)
    assert edit(emulator, "assign", "Billing", agent["emailAddress"], "proficiency=4").returncode == 0
    assert store.assignments[(billing["skillId"], agent["agentId"])]["proficiency"] == 4
    assert edit(emulator, "unassign", "Billing", agent["emailAddress"]).returncode == 0
    assert (billing["skillId"], agent["agentId"]) not in store.assignments
    wrong = edit(emulator, "skill", "Billing", "serviceLevelGoals=70")
    assert wrong.returncode == 2 and "has no field serviceLevelGoals" in wrong.stderr
    assert "no skill named 'Nope'" in edit(emulator, "skill", "Nope", "notes=x").stderr
    assert emulator.stats()["requests"] == 0  # not the API: nothing counted
