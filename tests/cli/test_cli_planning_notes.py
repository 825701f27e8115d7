"""The commands that plan say what the rules' data does not hold, and why they exit as they do.

``plan --meeting`` in 2025 notes § 102 assumed under Aftale25 (RULES.md § 11); a plan before
Aalborg's May 2021 rules says they are national only (seed 003's 7 October 2020 meeting);
``plan --from/--to``, ``propose``, ``ics`` and ``wheel`` warn past the horizon like
``plan --year`` does; ``ics -o`` and ``wheel -o`` explain exit status 1 on standard error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import without_builtin_notice

from klu_rules.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, without_builtin_notice(err)


def test_a_2025_meeting_notes_that_section_102_is_assumed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ("plan", "--rules", "national", "--meeting", "2025-06-12T15:00/17:00", "--lang", "en")
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert "Note (rules.assumed-continuation)" in out
    assert "Aftale25 (2025) and Aftale26 (2026)" in out


def test_a_plan_before_aalborgs_2021_rules_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("plan", "--rules", "aalborg", "--meeting", "2020-10-07T15:00/17:00", "--lang", "da")
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert "Advarsel (rules.before-local-data)" in out
    assert "siden 2006" in out


def test_a_range_past_the_horizon_warns_as_the_year_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "plan", "--from", "2027-01-01", "--to", "2027-12-31")
    assert status == 0  # a warning, not an error
    assert out.count("(rules.beyond-horizon)") == 2


def test_propose_shows_the_warnings_it_produces(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "propose", "--year", "2024", "--lang", "en")
    assert status == 0
    assert out.count("Warning (deadline.items-due-on-dispatch-day)") == 4
    assert out.count("(rules.beyond-horizon)") == 1  # Aalborg's data ends with 2023
    assert "4 of the 4 meetings have a warning" in out
    assert "and in order" not in out
    status, out, _ = run(capsys, "propose", "--year", "2024", "--format", "json")
    data = json.loads(out)
    assert (data["schema"], data["outcome"], data["reason"]) == (
        "klu-rules/proposal/2",
        "warning",
        "propose.proposed_with_findings",
    )


def test_ics_past_the_horizon_warns_on_stderr_and_in_the_feed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    feed = tmp_path / "klu-2030.ics"
    status, out, err = run(capsys, "ics", "--year", "2030", "-o", str(feed), "--lang", "en")
    assert (status, out) == (0, "")
    assert err == (
        "klu-rules: Warning (rules.beyond-horizon): Beyond the rules' horizon (aalborg)\n"
        "klu-rules: Warning (rules.beyond-horizon): Beyond the rules' horizon (national)\n"
    )
    text = feed.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "\\nThe rule set aalborg is known complete up to 31 December 2023" in text


def test_wheel_to_a_file_explains_exit_status_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "wheel", "-o", str(tmp_path / "w.svg"), "--lang", "en")
    assert (status, out) == (1, "")
    assert err.startswith("klu-rules: Error (deadline.items-due-after-dispatch): Agenda items")
    assert err.count("\n") == 1


def test_the_kind_option_offers_every_meeting_kind(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("plan", "--meeting", "2024-03-05T15:00/17:00", "--kind", "extraordinary")
    status, out, _ = run(capsys, *argv, "--format", "json")
    assert status == 0
    assert json.loads(out)["meetings"][0]["meeting"]["kind"] == "extraordinary"
