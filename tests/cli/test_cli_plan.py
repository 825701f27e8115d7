"""``klu-rules plan``: text and JSON output, every option, and clean errors.

The JSON output is checked against its shipped schema
(:func:`klu_rules.io.schemas.json_schema`) with the ``jsonschema`` package.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import cph, schema_errors, without_builtin_notice
from hypothesis import given
from hypothesis import strategies as st

from klu_rules.checks.compliance import FINDING_CODES as COMPLIANCE_CODES
from klu_rules.checks.deadlines import YearPlan, plan_meetings, plan_year
from klu_rules.cli import main
from klu_rules.cli._plan_options import parse_meeting
from klu_rules.cli.plan import render_text
from klu_rules.io.committee_file import dump_committee
from klu_rules.io.presets import aalborg
from klu_rules.model.meeting import Meeting
from klu_rules.rules.calendar import DanishCalendar
from klu_rules.rules.ruleset import AALBORG, NATIONAL, dump_rule_set
from klu_rules.testing.strategies import meetings


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["plan", *argv])
    out, err = capsys.readouterr()
    return status, out, without_builtin_notice(err)


def has_error_finding(document: Any) -> bool:
    """Whether any finding in a JSON document (at any depth) is an error."""
    if isinstance(document, dict):
        if document.get("severity") == "error" and "code" in document:
            return True
        return any(has_error_finding(v) for v in document.values())
    if isinstance(document, list):
        return any(has_error_finding(v) for v in document)
    return False


def test_the_exit_status_is_1_exactly_when_a_finding_is_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "--format", "json")
    assert (status, has_error_finding(json.loads(out))) == (1, True)
    status, out, _ = run(capsys, "--year", "2021", "--format", "json")
    assert (status, has_error_finding(json.loads(out))) == (0, False)
    with pytest.raises(SystemExit) as usage:
        run(capsys, "--year", "year")
    assert usage.value.code == 2


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    status, out, err = run(capsys, *argv, "--format", "json")
    data: dict[str, Any] = json.loads(out)
    assert (status, err) == (1 if has_error_finding(data) else 0, "")
    assert schema_errors(data) == []
    assert YearPlan.from_dict(data).to_dict() == data
    # The records' compliance findings are tested with klu_rules.checks.compliance.
    data["findings"] = [f for f in data["findings"] if f["code"] not in COMPLIANCE_CODES]
    return data


def fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The English error line of ``argv``; the Danish one (the default) has the same shape."""
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("klu-rules: fejl: ")
    status, out, err = run(capsys, *argv, "--lang", "en")
    assert (status, out) == (2, "")
    assert err.startswith("klu-rules: error: ")
    assert "Traceback" not in err
    return err


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The English usage error of ``argv``: one line, then exit status 2."""
    with pytest.raises(SystemExit) as info:
        main(["plan", *argv, "--lang", "en"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("klu-rules: error: ")
    assert err.endswith(" (see klu-rules plan --help)\n")
    return err


# --- the schema ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d.pop("meetings"), "'meetings' is a required property"),
        (lambda d: d.update(schema="klu-rules/plan/1"), "'klu-rules/plan/3' was expected"),
        (lambda d: d.update(year=1800), "1800 is less than the minimum of 1900"),
        (lambda d: d["meetings"][0]["meeting"].update(kind="party"), "'party' is not one of"),
        (
            lambda d: d["meetings"][0]["deadlines"][0].update(date="6 February 2023"),
            "'6 February 2023' does not match",
        ),
        (lambda d: d["counts"].update(held=True), "True is not of type 'integer'"),
    ],
)
def test_the_schema_catches_each_kind_of_break(change: Any, error: str) -> None:
    data = plan_year(aalborg()).to_dict()
    assert schema_errors(data) == []
    data["later"] = {"added": True}  # forward compatible: keys of a later version are allowed
    assert schema_errors(data) == []
    change(data)
    assert any(error in e for e in schema_errors(data, "klu-rules/plan/3"))


# --- default output ------------------------------------------------------------------

# The whole default output; each finding's sentence is its golden file's business.
EXPECTED = """\
Kommunalt Lægeligt Udvalg Aalborg: mødeplan for 2023
Regelsæt: Forretningsorden for KLU Aalborg og KLU-sekretariatet (revideret maj 2021) — aalborg
Lagdeling: strengeste (den nationale grænse gælder) · Kalender: helligdage og lovbestemte \
lukkedage · Tidszone: Europe/Copenhagen

Regler:
  Advarsel (rules.local-beyond-bound)

Mandag den 6. marts 2023 kl. 15.00-19.00 — KLU-møde, planlagt
  Indkaldelse af dagsordenspunkter: mandag den 6. februar 2023
  Frist for dagsordenspunkter:      mandag den 20. februar 2023
  Udsendelse af dagsorden:          mandag den 20. februar 2023
  Advarsel (deadline.items-due-on-dispatch-day)
  Advarsel (meeting.longer-than-national-max)

Torsdag den 1. juni 2023 kl. 15.00-17.00 — KLU-møde, planlagt
  Indkaldelse af dagsordenspunkter: torsdag den 4. maj 2023
  Frist for dagsordenspunkter:      fredag den 19. maj 2023 (flyttet fra torsdag den 18. maj \
2023, Kristi himmelfartsdag)
  Udsendelse af dagsorden:          onsdag den 17. maj 2023 (flyttet fra torsdag den 18. maj \
2023, Kristi himmelfartsdag)
  Fejl (deadline.items-due-after-dispatch)

Torsdag den 5. oktober 2023 kl. 15.00-17.00 — KLU-møde, planlagt
  Indkaldelse af dagsordenspunkter: torsdag den 7. september 2023
  Frist for dagsordenspunkter:      torsdag den 21. september 2023
  Udsendelse af dagsorden:          torsdag den 21. september 2023
  Advarsel (deadline.items-due-on-dispatch-day)

Torsdag den 30. november 2023 kl. 15.00-17.00 — KLU-møde, planlagt
  Indkaldelse af dagsordenspunkter: torsdag den 2. november 2023
  Frist for dagsordenspunkter:      torsdag den 16. november 2023
  Udsendelse af dagsorden:          torsdag den 16. november 2023
  Advarsel (deadline.items-due-on-dispatch-day)

Året 2023:
  Møder: 0 afholdt, 4 kommende, 0 aflyst; mindst 4 om året
"""


def test_default_is_aalborg_2023_in_danish(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys)
    # 1: on Aalborg's own rules the 1 June meeting's items are due after the agenda goes out
    assert (status, err) == (1, "")
    lines = [re.sub(r"^(  \S+ \([a-z]+\.[a-z.-]+\)): .*", r"\1", line) for line in out.split("\n")]
    # The committee's records are judged in tests/checks/test_compliance.py.
    kept = [line for line in lines if "(composition." not in line and "(year." not in line]
    assert "\n".join(kept) == EXPECTED


def test_json_is_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    expected = plan_year(aalborg()).to_dict()
    expected["findings"] = [f for f in expected["findings"] if f["code"] not in COMPLIANCE_CODES]
    assert run_json(capsys) == run_json(capsys, "--preset", "aalborg") == expected


# --- options -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "parameter", "text"),
    [
        (("--layering", "local"), ("layering", "local"), "Lagdeling: lokal (de lokale regler"),
        (("--as-of", "2023-05-10"), ("as_of", "2023-05-10"), "Status pr. 10. maj 2023"),
        (
            ("--as-of", "2023-12-31"),
            ("as_of", "2023-12-31"),
            "0 afholdt, 0 kommende, 0 aflyst; 4 overstået, men ikke registreret som afholdt",
        ),
        (
            ("--rules", "national"),
            ("rules", "national"),
            "Regelsæt: Vejledning om KLU (2011), OK22 § 102",
        ),
        (
            ("--meeting", "2024-06-19T15:00/17:00", "--calendar", "public-holidays"),
            ("calendar", "public-holidays"),
            "Kalender: kun helligdage",
        ),
    ],
)
def test_options_reach_the_plan_and_its_text(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], parameter: Any, text: str
) -> None:
    key, value = parameter
    assert run_json(capsys, *argv)["parameters"][key] == value
    assert text in run(capsys, *argv)[1]


def test_option_values(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    local = run_json(capsys, "--layering", "local")
    assert local["meetings"][0]["deadlines"][2]["date"] == "2023-02-27"
    as_of = run_json(capsys, "--as-of", "2023-05-10")
    assert [f["code"] for f in as_of["findings"]] == ["year.too-few-meetings-planned"]
    assert as_of["counts"]["passed_unrecorded"] == 1
    year = run_json(capsys, "--year", "2024")
    assert (year["year"], year["meetings"]) == (2024, [])
    national = run_json(capsys, "--rules", "national")
    assert (national["counts"]["minimum"], len(national["meetings"][0]["deadlines"])) == (2, 1)
    path = tmp_path / "my-rules.toml"
    path.write_text(dump_rule_set(AALBORG), encoding="utf-8")
    assert run_json(capsys, "--rules", str(path)) == run_json(capsys)


def test_committee_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    committee = aalborg()
    moved = attrs.evolve(
        committee,
        meetings=(
            *committee.meetings[:3],
            attrs.evolve(committee.meetings[3], status="cancelled"),
        ),
    )
    path = tmp_path / "klu.toml"
    path.write_text(dump_committee(moved), encoding="utf-8")
    data = run_json(capsys, "--committee", str(path))
    assert data["counts"]["cancelled"] == 1
    assert data["meetings"][3]["findings"] == []
    assert [f["code"] for f in data["findings"]] == ["year.too-few-meetings-planned"]
    _, out, _ = run(capsys, "--committee", str(path))
    assert "Torsdag den 30. november 2023 kl. 15.00-17.00 — KLU-møde, aflyst" in out


def test_meetings_without_a_committee(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "--meeting", "2024-03-04T15:00/17:00", "--meeting", "2024-11-28T15:00")
    assert (data["committee_id"], data["year"], data["parameters"]["rules"]) == (
        None,
        2024,
        "national",
    )
    assert [m["meeting"]["end"] for m in data["meetings"]] == ["2024-03-04T17:00:00+01:00", None]
    _, out, _ = run(capsys, "--meeting", "2024-03-04T15:00/17:00")
    assert out.startswith("Mødeplan for 2024\nRegelsæt: Vejledning om KLU (2011), OK22 § 102")
    assert "  Udsendelse af dagsorden: mandag den 19. februar 2024\n" in out


def test_kind_once_for_all_or_once_per_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    same = ("--rules", "aalborg", "--meeting", "2024-09-12T15:00", "--meeting", "2024-09-12T15:00")
    both = run_json(capsys, *same, "--kind", "dialogue")
    assert [(m["meeting"]["id"], m["meeting"]["kind"]) for m in both["meetings"]] == [
        ("meeting-2024-09-12T1500", "dialogue"),
        ("meeting-2024-09-12T1500-2", "dialogue"),
    ]
    mixed = run_json(capsys, *same, "--kind", "ordinary", "--kind", "dialogue")
    assert [m["meeting"]["kind"] for m in mixed["meetings"]] == ["ordinary", "dialogue"]
    _, out, _ = run(capsys, *same, "--kind", "ordinary", "--kind", "dialogue")
    assert "Torsdag den 12. september 2024 kl. 15.00 — Dialogmøde, planlagt" in out
    assert "  Annoncering af dialogmøde: onsdag den 12. juni 2024\n" in out


def test_text_without_deadlines_done_steps_extra_closing_days_or_minimum() -> None:
    dialogue = Meeting("d", cph(2024, 9, 12, 15), kind="dialogue")
    text = render_text(plan_meetings([dialogue], NATIONAL), "da")
    assert "  Ingen frister\n" in text
    done = Meeting("x", cph(2024, 3, 4, 15), cph(2024, 3, 4, 17), agenda_sent_on=date(2024, 2, 15))
    text = render_text(plan_meetings([done], NATIONAL), "da")
    assert "mandag den 19. februar 2024 (udført torsdag den 15. februar 2024)" in text
    extra = DanishCalendar(extra_closing_days=[date(2024, 2, 19)])
    text = render_text(plan_meetings([done], NATIONAL, calendar=extra), "da")
    assert "Kalender: helligdage og lovbestemte lukkedage + 1 ekstra lukkedage" in text
    bare = attrs.evolve(
        NATIONAL, entries=tuple(e for e in NATIONAL.entries if e.key != "meetings_per_year")
    )
    text = render_text(plan_meetings([], bare, year=2024), "da")
    assert "  Møder: 0 afholdt, 0 kommende, 0 aflyst\n  Ingen bemærkninger" in text


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--as-of", "2023-3-1"), "--as-of takes a date written YYYY-MM-DD, got '2023-3-1'"),
        (("--year", "2010"), "the year 2010 cannot be planned: no KLU rules are in force"),
        (("--rules", "nope"), "unknown rule set 'nope'; use one of national, aalborg"),
        (("--rules", "missing.toml"), "rule-set file 'missing.toml' does not exist"),
        (("--committee", "missing.toml"), "missing.toml: cannot read the file"),
        (("--preset", "odense"), "unknown preset 'odense'; known presets are aalborg"),
        (
            ("--meeting", "2024-03-31T02:30"),
            "31 March 2024 at 02:30 does not exist in Europe/Copenhagen",
        ),
        (("--meeting", "2024-03-04"), "--meeting '2024-03-04' has no start time"),
        (("--meeting", "next monday"), "cannot read the start 'next monday'"),
        (("--meeting", "2024-03-04T15:00/soon"), "cannot read the end 'soon'"),
        (("--meeting", "2024-03-04T15:00/"), "cannot read the end ''"),
        (("--meeting", "2024-03-04T15:00/14:00"), "ends (4 March 2024 at 14:00) before it"),
        (
            ("--meeting", "2024-03-04T15:00", "--meeting", "2025-03-04T15:00"),
            "is on 4 March 2025, outside 2024; a plan covers one year",
        ),
        (
            ("--meeting", "2011-03-01T15:00"),
            "meeting 'meeting-2011-03-01T1500' cannot be planned: no KLU rules",
        ),
        (("--kind", "dialogue"), "--kind applies to --meeting"),
        (
            (
                *("--meeting", "2024-03-04T15:00", "--meeting", "2024-05-04T15:00"),
                *("--kind", "ordinary", "--kind", "dialogue", "--kind", "ordinary"),
            ),
            "give --kind once for every --meeting or once per --meeting; got 3 --kind for 2",
        ),
        (
            ("--preset", "aalborg", "--meeting", "2024-03-04T15:00"),
            "--meeting plans meetings without a committee",
        ),
    ],
)
def test_bad_values_are_clean_errors(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    assert message in fails(capsys, *argv)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--year", "twenty"), "argument --year: expected a whole number, got 'twenty'"),
        (("--layering", "loose"), "argument --layering: invalid choice: 'loose'"),
        (("--format", "xml"), "argument --format: invalid choice: 'xml'"),
        (("--preset", "aalborg", "--committee", "x.toml"), "not allowed with argument"),
    ],
)
def test_bad_choices_are_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    assert message in usage_error(capsys, *argv)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024-03-04T15:00", "2024-03-04T15:00:00+01:00", None),
        ("2024-03-04T15:00/17:30", "2024-03-04T15:00:00+01:00", "2024-03-04T17:30:00+01:00"),
        ("2024-03-04T15:00/PT2H", "2024-03-04T15:00:00+01:00", "2024-03-04T17:00:00+01:00"),
        ("2024-03-04T15:00/PT90M", "2024-03-04T15:00:00+01:00", "2024-03-04T16:30:00+01:00"),
        (
            "2024-03-04T23:00/2024-03-05T01:00",
            "2024-03-04T23:00:00+01:00",
            "2024-03-05T01:00:00+01:00",
        ),
        ("2024-03-04T14:00Z/16:00", "2024-03-04T14:00:00+00:00", "2024-03-04T16:00:00+01:00"),
        ("20240304T1500/1700", "2024-03-04T15:00:00+01:00", "2024-03-04T17:00:00+01:00"),
    ],
)
def test_parse_meeting(text: str, start: str, end: str | None) -> None:
    begin, finish = parse_meeting(text)
    assert begin.isoformat() == start
    assert (None if finish is None else finish.isoformat()) == end


# --- every plan validates against the schema ------------------------------------------

MEETINGS_2023 = st.lists(
    meetings(min_value=date(2023, 1, 1), max_value=date(2023, 12, 31), max_attendance=2),
    max_size=6,
    unique_by=lambda m: m.id,
)


@given(
    MEETINGS_2023,
    st.sampled_from([NATIONAL, AALBORG]),
    st.sampled_from(["strictest", "local"]),
    st.one_of(st.none(), st.dates(date(2022, 6, 1), date(2024, 6, 1))),
)
def test_property_every_plan_matches_the_schema(
    meetings: list[Meeting], rules: Any, layering: Any, as_of: date | None
) -> None:
    plan = plan_meetings(meetings, rules, year=2023, layering=layering, as_of=as_of)
    data = json.loads(plan.to_json())
    assert schema_errors(data) == []
    assert YearPlan.from_json(plan.to_json()) == plan
    assert render_text(plan, "da").startswith("Mødeplan for 2023\n")
    assert render_text(plan).startswith("Year plan for 2023\n")
