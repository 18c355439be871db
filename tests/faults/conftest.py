"""Publishing of the reliability figures (tests/reliability.py) at the end of a session.

This conftest is loaded by every pytest process of a run that includes tests/faults;
the figures need all three suites (faults, bad input, security), so that is enough.
Nothing else lives here: test modules elsewhere import the shared tests/conftest.py by
name (``from conftest import ...``), so conftests below tests/ stay few and late.
"""

from __future__ import annotations

import reliability


def pytest_configure(config):
    reliability.configure(config)


def pytest_sessionfinish(session):
    reliability.session_finish(session)
