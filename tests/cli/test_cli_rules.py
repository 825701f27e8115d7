"""``klu-rules rules --on DATE``: the rules in force on a day, with the horizon.

The JSON output is checked against the shipped schema ``klu-rules/rules/1``.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from helpers import foreign_words, schema_errors
from hypothesis import given, settings
from hypothesis import strategies as st

from klu_rules.cli import main
from klu_rules.core.messages import catalogue
from klu_rules.io.schemas import json_schema
from klu_rules.rules.agreement_routes import ROUTES
from klu_rules.rules.ruleset import NATIONAL
from klu_rules.text.rules_snapshot import JSON_SCHEMA, snapshot

SCHEMA = json_schema(JSON_SCHEMA)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["rules", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_schema_is_valid_and_of_this_version() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == SCHEMA["properties"]["schema"]["const"] == JSON_SCHEMA


def test_aalborg_on_2027_03_01_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--on", "2027-03-01", "--rules", "aalborg", "--format", "json")
    data = json.loads(out)
    assert status == 0
    assert schema_errors(data) == []
    assert [h["beyond"] for h in data["horizon"]] == [True, True]
    assert [f["code"] for f in data["findings"]] == [
        "rules.local-beyond-bound",
        "rules.beyond-horizon",
        "rules.beyond-horizon",
    ]
    rules = {r["key"]: r for r in data["rules"]}
    assert rules["agreement_procedure"]["value"] == "recipient-abolished"
    assert rules["agreement_procedure"]["status"] == "assumption"
    assert rules["meetings_per_year"]["effective_from_assumed"] is True  # AAL2021: May 2021
    assert rules["roll_before"]["status"] == "convention"
    assert rules["nursing_home_monthly_fee"]["value"] == {
        "amount": "1935.27",
        "price_level": "2021-04",
    }
    bodies = {b["key"]: b for b in data["bodies"]}
    assert bodies["sundhedssamarbejdsudvalg"]["exists"] is False
    assert bodies["sundhedssamarbejdsudvalg"]["successor"] is None
    assert [a["key"] for a in data["agreements"]] == ["Aftale27"]


def test_text_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, da, _ = run(capsys, "--on", "2027-03-01", "--rules", "aalborg")
    assert da.startswith("Regler, der gælder 1. marts 2027\n")
    assert "gældende fra 1. maj 2021, en antaget dag" in da
    assert "nedlagt 1. januar 2027" in da
    _, en, _ = run(capsys, "--on", "2011-04-01", "--lang", "en")
    assert en.startswith("Rules in force on 1 April 2011\n")
    # VEJL2011: "møder minimum 2 gange årligt, varigheden er op til 3 timer pr. møde"
    assert "meeting_length = at most 3 hours (national; from 1 April 2011; VEJL2011; stated)" in en
    assert "  meetings_per_year = at least 2 (national; from 1 April 2011; VEJL2011;" in en
    assert "  meetings_per_year = mindst 2 (national;" in run(capsys, "--on", "2011-04-01")[1]
    assert "none in the data" in en
    assert "rules.beyond-horizon" not in en


def test_the_json_says_which_values_are_bounds(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--on", "2024-03-01", "--rules", "aalborg", "--format", "json")
    bounds = {r["key"]: r["bound"] for r in json.loads(out)["rules"]}
    assert (bounds["agenda_dispatch_notice"], bounds["meeting_length"]) == ("minimum", None)
    _, out, _ = run(capsys, "--on", "2024-03-01", "--format", "json")
    bounds = {r["key"]: r["bound"] for r in json.loads(out)["rules"]}
    assert (bounds["meetings_per_year"], bounds["meeting_length"]) == ("minimum", "maximum")
    assert bounds["honorarium_payer"] is None


def test_a_day_the_calendar_does_not_have_is_said_to_be_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "--on", "2023-02-30"]) == 2
    assert "'2023-02-30' er skrevet som en dato, men kalenderen har ingen sådan dag" in (
        capsys.readouterr().err
    )
    assert main(["rules", "--on", "2023-2-3", "--lang", "en"]) == 2
    assert "takes a date written YYYY-MM-DD" in capsys.readouterr().err


def test_coded_values_and_agreements_are_written_in_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, da, _ = run(capsys, "--on", "2027-03-01", "--rules", "aalborg")
    assert "  honorarium_payer = kommunen (national;" in da
    assert "  quorum_doctor_share = 0,5 (national;" in da
    assert "  roll_after = den næste arbejdsdag (national;" in da
    assert "  agreement_procedure = modtageren af udkast er nedlagt (national;" in da
    assert "  En ny, smallere rammeaftale fra 2027 (kendes endnu ikke) (AFTALE26):" in da
    _, en, _ = run(capsys, "--on", "2015-03-01", "--lang", "en")
    assert "  roll_before = the working day before (national;" in en
    assert "  agreement_procedure = drafts go to the regional cooperation committee or" in en


@pytest.mark.parametrize("day", ["2012-05-01", "2019-05-01", "2023-03-01", "2027-02-01"])
def test_the_agreements_and_recipients_in_one_language(
    capsys: pytest.CaptureFixture[str], day: str
) -> None:
    for language in ("da", "en"):
        _, out, _ = run(capsys, "--on", day, "--lang", language)
        procedure = next(line for line in out.splitlines() if "agreement_procedure =" in line)
        shown = out[out.index("\n\n", out.index("agreement_procedure")) :] + procedure
        assert foreign_words(shown, language, allow=frozenset({"plo"})) == set()
        assert ("nedlagt 1. januar 2027" in out) == (language == "da" and day >= "2027")
        assert ("abolished on 1 January 2027" in out) == (language == "en" and day >= "2027")


def test_every_agreement_and_procedure_has_its_words() -> None:
    procedures = {p.value for p in ROUTES.procedures}
    for language in ("da", "en"):
        texts = catalogue(language)  # type: ignore[arg-type]
        assert {f"gp_agreement.{a.key}" for a in ROUTES.gp_agreements} <= set(texts)
        assert {f"rule_value_procedure.{v}" for v in procedures} <= set(texts)


def test_before_the_guideline_and_bad_dates_are_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "--on", "2011-03-31")
    assert status == 2
    assert err.startswith("klu-rules: fejl: ")
    status, _, err = run(capsys, "--on", "1. marts", "--lang", "en")
    assert status == 2
    assert err.startswith("klu-rules: error: ")


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 25 * 366))
def test_property_every_day_from_2011_04_01_has_a_snapshot(offset: int) -> None:
    day = date(2011, 4, 1) + timedelta(days=offset)
    data = snapshot(NATIONAL, day)
    assert schema_errors(data) == []
    assert data["rules"]
    assert data["horizon"][0]["beyond"] == (day > date(2026, 12, 31))


def test_a_day_outside_1900_to_2200_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--on", "9999-12-31", "--lang", "en"]) == 2
    assert "--on must be a year 1900..2200, got 9999" in capsys.readouterr().err


@pytest.mark.parametrize("rules", ["national", "aalborg"])
def test_the_bodies_a_rule_names_read_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], rules: str
) -> None:
    # the rule data names the bodies in Danish ("praksisudvalget i regionen", "Samarbejdsudvalg")
    for language, guided, recipient in (
        ("en", "the regional practice committee", "the regional cooperation committee"),
        ("da", "praksisudvalget i regionen", "Samarbejdsudvalget"),
    ):
        _, out, _ = run(capsys, "--rules", rules, "--on", "2023-03-01", "--lang", language)
        assert f"  doctor_appointment_guided_by = {guided} (" in out
        assert f"  evaluation_recipient = {recipient} " in out


def test_past_the_horizon_a_body_with_no_known_end_is_only_assumed_to_exist(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, known, _ = run(capsys, "--on", "2026-12-31", "--lang", "en")
    _, later, _ = run(capsys, "--on", "2027-03-01", "--lang", "en")
    assert "  the regional practice committee: exists\n" in known
    assert (
        "  the regional practice committee: exists up to 31 December 2026, where the data ends,"
        " and is assumed to still exist\n" in later
    )


def test_the_bodies_are_assumed_up_to_the_national_horizon_under_a_local_rule_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the bodies are national data: Aalborg's own horizon (2023) says nothing about them
    _, out, _ = run(capsys, "--on", "2027-03-01", "--rules", "aalborg", "--lang", "en")
    assert "exists up to 31 December 2026, where the data ends" in out
    assert "31 December 2023, where the data ends" not in out
    _, before, _ = run(capsys, "--on", "2024-03-01", "--rules", "aalborg", "--lang", "en")
    assert "  the regional practice committee: exists\n" in before


def test_2027_names_section_206_b_as_a_way_to_agree_and_says_nothing_twice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # § 206 b stk. 6 (LOV-718-2025, read at lovguiden.dk): the region may make local
    # agreements, also with the municipalities; it names no recipient of a KLU draft
    for language in ("da", "en"):
        _, out, _ = run(capsys, "--on", "2027-03-01", "--lang", language)
        assert "206 b, stk. 6" in out
        assert "L 214" in out
        assert "spørg regionen" in out or "ask the region" in out
        agreement = next(line for line in out.splitlines() if "AFTALE26" in line)
        assert agreement.count("kendes endnu ikke") <= 1
        assert agreement.count("not known") <= 1


def test_a_stated_value_says_when_it_is_only_assumed_to_continue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # OK22 § 102 is stated for 2022-2024; from 2025 (assumed_from) its text is not known
    def rules_on(day: str, *more: str) -> dict[str, dict[str, object]]:
        _, out, _ = run(capsys, "--on", day, "--format", "json", *more)
        data = json.loads(out)
        assert schema_errors(data) == []
        return {"horizon": data["horizon"], **{r["key"]: r for r in data["rules"]}}

    in_2024, in_2025 = rules_on("2024-06-01"), rules_on("2025-06-01")
    assert in_2024["meetings_per_year"]["assumed_to_continue"] is False
    assert in_2025["meetings_per_year"]["assumed_to_continue"] is True
    assert in_2025["horizon"] == [
        {
            "rule_set": "national",
            "complete_until": "2026-12-31",
            "beyond": False,
            "assumed_from": "2025-01-01",
        }
    ]
    assert in_2025["quorum_doctor_share"]["assumed_to_continue"] is False  # an assumption says so
    # past the horizon: the values assumed to continue, not those a 2027 entry states
    in_2027 = rules_on("2027-03-01", "--rules", "aalborg")
    assert in_2027["meetings_per_year"]["rule_set"] == "aalborg"
    assert in_2027["meetings_per_year"]["assumed_to_continue"] is True  # Aalborg's ends 2023
    assert in_2027["agreement_procedure"]["assumed_to_continue"] is False
    _, text, _ = run(capsys, "--on", "2025-06-01", "--lang", "en")
    assert (
        "at least 2 (national; from 1 January 2022; OK22-102; stated, assumed to continue)" in text
    )
    assert "from 1 January 2025 on was found, so its values from then on are assumed" in text
