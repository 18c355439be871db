"""The module docs say, first in an option's description, when one API refuses the option (and
why), from the surfaces' own tables (tests/support/module_docs.py writes the notes)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

import module_docs  # noqa: E402


def test_every_option_one_api_refuses_says_so_first_with_the_reason():
    problems = module_docs.problems()
    assert problems == [], "run: .venv/bin/python tests/support/module_docs.py --write\n" + "\n".join(
        "%s %s" % (name, ".".join(path) or "(module)") for name, path, _note in problems)


def test_the_notes_cover_the_default_apis_refusals():
    notes = module_docs.expected()
    on_default = [(name, path) for name, found in notes.items() for path, note in found.items()
                  if "With O(api=admin), the default," in note]
    # Every option of the seeds' contract that CXone lacks, in every place it can be written.
    assert ("cxone_queue.py", ("overflow",)) in on_default and ("cxone_queue.py", ("queues", "overflow")) in on_default
    assert ("cxone_queue_member.py", ("memberships", "members", "split")) in on_default
    assert ("cxone_webhook.py", ()) in on_default and ("cxone_agent_state.py", ("enforce_compliance",)) in on_default
    assert len(on_default) >= 33
