"""The HTML drift report as a person sees it: opened in a real headless Chromium
(Debian's ``chromium``; ``.ci/run`` installs it), read through what the page shows."""

from __future__ import annotations

import os
import shutil

import pytest
from test_drift_report import EXAMPLE, EXPECTED_DRIFT, change_out_of_band, report
# The run_shipped fixture: pytest finds it by name.
from test_drift_report import run_shipped  # noqa: F401 pylint: disable=unused-import

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Without a screen and as root, and kept off the network (this machine's is closed).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


@pytest.fixture
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_a_person_reads_the_drift_report_at_a_glance(emulator, run_shipped, browser, tmp_path):  # noqa: F811
    change_out_of_band(emulator)
    campaign = emulator.store.campaigns_by_name()["Spring Renewal Outreach"]["id"]
    schedule = next(iter(emulator.store.schedules[campaign].values()))
    next(d for d in schedule["scheduleDetails"] if d["dayOfWeek"] == "MONDAY")["endTime"] = "20:00:00"
    result = run_shipped("drift_check.yml", "@%s" % EXAMPLE)
    assert result.rc == 0, result.stdout[-3000:]
    data = report(tmp_path)

    page = browser.new_page()
    page.goto((tmp_path / "report" / "drift.html").as_uri())
    page.screenshot(path=str(tmp_path / "report" / "drift.png"), full_page=True)
    seen = page.inner_text("body")

    # The headline says what happened, in words.
    assert page.inner_text(".status") == "5 of %d objects drifted from the declaration" % data["summary"]["objects"]
    # The summary table: one row per drifted object, host, kind, object and the fields.
    rows = [[cell.strip() for cell in row.split("\t")] for row in page.inner_text("#summary tbody").splitlines()]
    assert ["localhost", "queue", "Support", "max_waiters"] in rows
    assert ["localhost", "queue members", "Billing", "members"] in rows
    assert ["localhost", "campaign schedule", "Spring Renewal Outreach / Weekday business hours", "windows"] in rows
    assert len(rows) == len(EXPECTED_DRIFT) + 1
    # What to do next, with the converge command of this run.
    assert "desired_state.yml -i localhost, -e @%s" % EXAMPLE in page.inner_text(".next")

    # A field inside a list of dicts: one row, named by the item's key, old and new value.
    page.click("#summary >> text=Spring Renewal Outreach / Weekday business hours")
    section = page.locator("section:target")
    assert section.locator("h2").inner_text() == "campaign schedule Spring Renewal Outreach / Weekday business hours"
    assert section.locator("table.changes tbody").inner_text().split("\t") == [
        "windows[MONDAY 09:00:00].end", "20:00:00", "17:00:00"]
    assert page.locator("section:target").is_visible()

    # No stray markup or raw data anywhere a person looks.
    for stray in ("`", "**", "<", "&lt;", "&amp;", "{\"", "(unnamed)", "{{", "{%"):
        assert stray not in seen, stray
    # The objects in sync are folded away until asked for.
    assert "skills of laura.chen@acme.example" in seen  # drifted: shown
    assert "skills of alice.johnson@acme.example" not in seen
    page.click("#in-sync summary")
    assert "skills of alice.johnson@acme.example" in page.inner_text("body")
