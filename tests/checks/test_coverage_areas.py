"""Doctor-coverage-threatened areas (RULES.md § 9, PPU-RM-2021-02).

Known answers come from the minutes of Praksisplanudvalget, Region
Midtjylland, 23 February 2021, item 4 "Lægedækningstruede områder 2021".
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klu_rules.checks.coverage import (
    AGREEMENT_VERSIONS,
    COVERAGE_RIGHTS,
    NATIONAL_MODEL,
    NOT_STATED,
    AgreementVersion,
    CoverageArea,
    CoverageKind,
    CoverageRegister,
    CoverageRight,
    Designation,
    RegionCoveragePolicy,
    RightParameter,
    load_coverage,
    rm_2021,
)
from klu_rules.cli import main
from klu_rules.cli.coverage import JSON_SCHEMA, render
from klu_rules.core.errors import FileFormatError, InvalidValueError, NoRulesInForceError
from klu_rules.core.sources import SOURCES

SEED = "PPU-RM-2021-02"

# The four lists of the minutes, names exactly as written there.
LIST_1_THREATENED_2021_2023 = ["LD Allingåbro"]
LIST_2_ATTENTION_2021_2022 = ["LD Skjern", "LD Grenå", "LD Randers C og N", "LD Videbæk"]
LIST_3_KEEPING_2020_2022 = [
    "LD Anholt",
    "LD Glesborg",
    "LD Havndal",
    "LD Holstebro",
    "LD Hvide Sande",
    "LD Lemvig",
    "LD Ringkøbing",
    "LD Roslev",
    "LD Samsø",
    "LD Skive",
    "LD Stouby",
    "LD Struer",
    "LD Tarm",
    "LD Thyborøn",
    "LD Thyholm",
]
LIST_4_LOSING_2019_2021 = ["LD Endelave", "LD Tunø", "LD Skjern"]


def names(items: Any) -> list[str]:
    return [x.area.name for x in items]


@pytest.fixture(scope="module")
def rm() -> CoverageRegister:
    return rm_2021()


# --- the seed's four lists ------------------------------------------------------


def test_the_four_lists_of_the_2021_decision(rm: CoverageRegister) -> None:
    decision = rm.decision(2021)
    assert names(decision.new_threatened) == LIST_1_THREATENED_2021_2023
    assert names(decision.new_attention) == LIST_2_ATTENTION_2021_2022
    assert names(decision.keeping_rights) == LIST_3_KEEPING_2020_2022
    assert sorted(names(decision.losing_rights)) == sorted(LIST_4_LOSING_2019_2021)
    assert len(decision.losing_rights) == 3
    assert decision.review_date == date(2021, 2, 23)
    assert [d.label for d in decision.new_threatened] == ["2021–2023"]
    assert {d.label for d in decision.new_attention} == {"2021–2022"}
    assert {d.label for d in decision.keeping_rights} == {"2020–2022"}
    assert {d.label for d in decision.losing_rights} == {"2019–2021"}
    assert {d.decided_on for d in decision.keeping_rights} == {date(2020, 3, 5)}
    assert {d.decided_on for d in decision.losing_rights} == {date(2019, 3, 6)}
    assert decision.outcome == (
        "1 new threatened, 4 new attention, 15 keeping rights, 3 losing rights"
    )
    assert "15 threatened areas keep their rights and 3 lose them" in decision.reason
    assert decision.sources == (SEED,)
    assert decision.to_dict()["keeping_rights"][0] == "anholt"


def test_the_example_file_holds_exactly_the_seeds_areas(rm: CoverageRegister) -> None:
    expected = set(
        LIST_1_THREATENED_2021_2023
        + LIST_2_ATTENTION_2021_2022
        + LIST_3_KEEPING_2020_2022
        + LIST_4_LOSING_2019_2021
    )
    assert {a.name for a in rm.areas} == expected
    assert len(rm.areas) == 22
    assert all(a.municipality is None for a in rm.areas)
    assert rm.policy.region == "Region Midtjylland"
    assert (rm.policy.threatened_period_years, rm.policy.attention_period_years) == (2, 1)
    assert rm.review_years == (2019, 2020, 2021)
    assert rm.latest_review_year == 2021
    # 1 + 4 + 15 + 3 designations of the four lists, plus Allingåbro's 2020 attention status.
    assert len(rm.designations) == 24


def test_rm_2021_uses_the_same_loader_as_files(rm: CoverageRegister) -> None:
    resource = resources.files("klu_rules").joinpath("data").joinpath("coverage_rm_2021.toml")
    with resources.as_file(resource) as path:
        assert load_coverage(path) == rm
        assert load_coverage(str(path)) == rm


def test_lapsing_and_keeping_rights(rm: CoverageRegister) -> None:
    lapsing = rm.lapsing(2021)
    assert sorted(names(lapsing)) == sorted(LIST_4_LOSING_2019_2021)
    by_name = {s.area.name: s for s in lapsing}
    assert by_name["LD Endelave"].outcome == "none"
    assert by_name["LD Skjern"].outcome == "attention"
    assert "loses its rights" in by_name["LD Endelave"].reason
    assert names(rm.keeping_rights(2021)) == LIST_3_KEEPING_2020_2022
    assert all(s.outcome == "threatened" for s in rm.keeping_rights(2021))
    # In 2022 the 2020 designations expire; Allingåbro keeps its rights.
    assert names(rm.lapsing(2022)) == LIST_3_KEEPING_2020_2022
    assert names(rm.keeping_rights(2022)) == ["LD Allingåbro"]
    assert rm.lapsing(2023)[0].area.name == "LD Allingåbro"


def test_skjern_goes_from_threatened_to_attention_in_2021(rm: CoverageRegister) -> None:
    before = rm.status("skjern", year=2020)
    after = rm.status("skjern", year=2021)
    assert before.outcome == "threatened"
    assert before.designations[0].label == "2019–2021"
    assert after.outcome == "attention"
    assert after.designations[0].label == "2021–2022"
    assert [d.label for d in after.expired] == ["2019–2021"]
    assert not after.has_rights
    assert "loses its rights" in after.reason
    assert any(
        "opmærksomhedsområde" in n
        for d in rm.designations
        for n in d.notes
        if d.area.id == "skjern" and d.kind == "threatened"
    )
    assert rm.status("skjern", on=date(2021, 2, 22)).outcome == "threatened"
    assert rm.status("skjern", on=date(2021, 2, 23)).outcome == "attention"
    assert rm.status("LD Skjern", year=2022).outcome == "none"
    assert "loses its attention status" in rm.status("skjern", year=2022).reason


@pytest.mark.parametrize(
    ("area", "day", "outcome"),
    [
        # a decision takes effect on its date; the status it ends, on the same date
        ("endelave", date(2019, 3, 5), "none"),
        ("endelave", date(2019, 3, 6), "threatened"),
        ("endelave", date(2021, 2, 22), "threatened"),
        ("endelave", date(2021, 2, 23), "none"),
        ("anholt", date(2020, 3, 4), "none"),
        ("anholt", date(2020, 3, 5), "threatened"),
        # the 2022 review is not recorded: the status is taken to the end of 2022
        ("anholt", date(2022, 12, 31), "threatened"),
        ("anholt", date(2023, 1, 1), "none"),
        # Allingåbro: attention from the 2020 review (only the year is given), threatened 2021
        ("allingaabro", date(2020, 3, 4), "none"),
        ("allingaabro", date(2020, 3, 5), "attention"),
        ("allingaabro", date(2021, 2, 22), "attention"),
        ("allingaabro", date(2021, 2, 23), "threatened"),
        ("allingaabro", date(2023, 12, 31), "threatened"),
        ("allingaabro", date(2024, 1, 1), "none"),
        ("grenaa", date(2021, 2, 22), "none"),
        ("grenaa", date(2021, 2, 23), "attention"),
        ("grenaa", date(2022, 12, 31), "attention"),
        ("grenaa", date(2023, 1, 1), "none"),
    ],
)
def test_status_at_period_boundaries(
    rm: CoverageRegister, area: str, day: date, outcome: str
) -> None:
    status = rm.status(area, on=day)
    assert status.outcome == outcome, status.reason
    assert status.on == day
    assert status.reason.startswith(status.area.name)
    assert status.sources
    assert all(k in SOURCES for k in status.sources)
    assert status.parameters["threatened_period_years"] == 2


@pytest.mark.parametrize(
    ("area", "year", "outcome"),
    [
        ("allingaabro", 2020, "attention"),
        ("allingaabro", 2021, "threatened"),
        ("allingaabro", 2022, "threatened"),
        ("allingaabro", 2023, "none"),
        ("anholt", 2019, "none"),
        ("anholt", 2021, "threatened"),
        ("anholt", 2022, "none"),
        ("tunoe", 2019, "threatened"),
        ("tunoe", 2021, "none"),
        ("videbaek", 2021, "attention"),
        ("videbaek", 2022, "none"),
    ],
)
def test_status_in_a_year(rm: CoverageRegister, area: str, year: int, outcome: str) -> None:
    assert rm.status(area, year=year).outcome == outcome


def test_reasons_explain_the_status(rm: CoverageRegister) -> None:
    s = rm.status("allingaabro", on=date(2021, 6, 1))
    assert s.reason == (
        "LD Allingåbro is a regionally coverage-threatened area on 2021-06-01: designated on "
        "2021-02-23 for 2 years, until the review in 2023 (its date is not recorded, so taken "
        "as 2023-12-31)."
    )
    assert s.since_year == 2021
    assert s.until_year == 2023
    assert [d.label for d in s.expired] == ["2020–2021"]
    s = rm.status("anholt", on=date(2021, 1, 10))
    assert "until the review on 2021-02-23" not in s.reason
    s = rm.status("endelave", on=date(2020, 6, 1))
    assert "until the review on 2021-02-23" in s.reason
    s = rm.status("endelave", on=date(2021, 6, 1))
    assert "ended at the review on 2021-02-23" in s.reason
    s = rm.status("anholt", on=date(2023, 2, 1))
    assert "ended on 2023-01-01 (the 2022 review is not recorded)" in s.reason
    assert not s.review_recorded
    assert "the register records no review in 2023" in s.reason
    s = rm.status("allingaabro", on=date(2019, 6, 1))
    assert "its first designation (an attention area, 2020–2021) starts on 2020-03-05" in s.reason
    s = rm.status("grenaa", on=date(2021, 6, 1))
    assert "attention areas give no rights" in s.reason
    s = rm.status("endelave", year=2022)
    assert s.reason == (
        "LD Endelave has no designation in force after the review in 2022; the register "
        "records no review in 2022."
    )
    s = rm.status("allingaabro", year=2022)
    assert "designated on 2021-02-23 for 2 years, until the review in 2023" in s.reason
    assert not s.reason.startswith(
        "LD Allingåbro is a regionally coverage-threatened area after the review in 2022: newly"
    )
    d = s.to_dict()
    assert d["status"] == "threatened"
    assert d["year"] == 2022
    assert d["on"] is None
    assert d["designations"][0]["decided_on"] == "2021-02-23"


def test_threatened_outranks_attention_in_force_at_the_same_time() -> None:
    policy = RegionCoveragePolicy("Region X", 3, 2, (SEED,))
    area = CoverageArea("a", "LD A")
    reg = CoverageRegister(
        policy,
        [policy.designate(area, "attention", 2020), policy.designate(area, "threatened", 2021)],
    )
    status = reg.status("a", year=2021)
    assert status.outcome == "threatened"
    assert [d.kind for d in status.overridden] == ["attention"]
    assert reg.status("a", on=date(2021, 6, 1)).overridden[0].kind == "attention"
    # a region's period is its own parameter
    assert status.designations[0].until_year == 2024
    assert reg.status("a", on=date(2024, 12, 31)).outcome == "threatened"
    assert reg.status("a", on=date(2025, 1, 1)).outcome == "none"
    assert reg.status("a", on=date(2019, 1, 1)).reason == (
        "LD A has no status on 2019-01-01: its first designation (an attention area, "
        "2020–2022) starts on 2020-01-01; the register records no review in 2019."
    )


def test_area_without_any_designation() -> None:
    policy = RegionCoveragePolicy("Region X", 2, 1, (SEED,))
    a, b = CoverageArea("a", "LD A"), CoverageArea("b", "LD B", municipality="X Kommune")
    reg = CoverageRegister(policy, [policy.designate(a, "threatened", 2020)], areas=(a, b))
    assert reg.status(b, on=date(2020, 5, 1)).reason == (
        "LD B has no designation in force on 2020-05-01."
    )
    assert reg.rights("b", on=date(2020, 5, 1)).reason == (
        "LD B has no coverage status on 2020-05-01, so no rights apply."
    )
    assert b.to_dict()["municipality"] == "X Kommune"
    assert CoverageRegister(policy, []).latest_review_year is None


# --- rights and their citations -------------------------------------------------


def _citations(rm: CoverageRegister, area: str, day: date) -> dict[str, str]:
    return {g.right.id: g.citation_text for g in rm.rights(area, on=day).rights}


def test_rights_cited_in_ok18_on_a_2021_date(rm: CoverageRegister) -> None:
    result = rm.rights("allingaabro", on=date(2021, 12, 31))
    assert result.outcome == "granted"
    assert result.agreement.key == "OK18"
    assert _citations(rm, "allingaabro", date(2021, 12, 31)) == {
        "shared_practice": "OK18 § 22, stk. 4",
        "employed_doctors": "OK18 § 20, stk. 1",
        "leave_compensation": f"OK18: {NOT_STATED}",
    }
    assert "cited by OK18, the agreement in force on that date" in result.reason
    assert result.parameters["shared_practice.max_period_years"] == 6
    assert result.parameters["employed_doctors.usual_max_employed_share"] == "1/2"
    assert set(result.sources) == {SEED, "OK22-102"}


def test_rights_cited_in_ok22_on_a_2022_date(rm: CoverageRegister) -> None:
    result = rm.rights("anholt", on=date(2022, 1, 1))
    assert result.agreement.key == "OK22"
    assert _citations(rm, "anholt", date(2022, 1, 1)) == {
        "shared_practice": "OK22 § 13, stk. 5",
        "employed_doctors": "OK22 § 24, stk. 2",
        "leave_compensation": f"OK22: {NOT_STATED}",
    }
    data = result.to_dict()
    assert data["outcome"] == "granted"
    assert data["agreement"]["in_force_from"] == "2022-01-01"
    leave = data["rights"][2]
    assert leave["citation"] == NOT_STATED
    assert leave["citation_stated"] is False


def test_attention_and_no_status_give_no_rights(rm: CoverageRegister) -> None:
    attention = rm.rights("skjern", on=date(2021, 6, 1))
    assert attention.outcome == "none"
    assert attention.rights == ()
    assert attention.reason == (
        "LD Skjern is an attention area on 2021-06-01; attention areas give no rights under "
        "the agreement."
    )
    assert rm.rights("endelave", on=date(2021, 6, 1)).outcome == "none"
    # before the 2021 review Endelave still had its rights
    assert rm.rights("endelave", on=date(2021, 2, 22)).outcome == "granted"


def test_the_numbers_of_the_rights_are_data_with_sources() -> None:
    by_id = {r.id: r for r in COVERAGE_RIGHTS}
    six = by_id["shared_practice"].parameter("max_period_years")
    half = by_id["employed_doctors"].parameter("usual_max_employed_share")
    assert (six.value, six.unit, six.sources) == (6, "years", (SEED,))
    assert half.value == Fraction(1, 2)
    assert half.sources == (SEED,)
    assert by_id["leave_compensation"].parameters == ()
    with pytest.raises(InvalidValueError, match="has no parameter 'x'"):
        by_id["shared_practice"].parameter("x")


def test_agreement_versions_are_dated_data() -> None:
    ok18, ok22 = AGREEMENT_VERSIONS
    assert ok18.in_force(date(2021, 12, 31))
    assert not ok18.in_force(date(2022, 1, 1))
    assert ok22.in_force(date(2022, 1, 1))
    assert not ok22.in_force(date(2021, 12, 31))
    assert ok18.in_force(date(2018, 6, 1))  # start not stated: open


def test_no_agreement_in_force_is_an_error() -> None:
    policy = RegionCoveragePolicy("Region X", 2, 1, (SEED,))
    area = CoverageArea("a", "LD A")
    only_ok22 = (AGREEMENT_VERSIONS[1],)
    reg = CoverageRegister(
        policy, [policy.designate(area, "threatened", 2021)], agreements=only_ok22
    )
    with pytest.raises(NoRulesInForceError, match="no agreement version in force on 2021-06-01"):
        reg.rights("a", on=date(2021, 6, 1))
    empty = CoverageRegister(policy, [], agreements=())
    with pytest.raises(NoRulesInForceError, match="known versions: none"):
        empty.agreement_on(date(2021, 6, 1))


def test_national_model_is_documented_separately() -> None:
    explanation = NATIONAL_MODEL.explain()
    assert explanation.parameters["region_can_add"] is False
    assert explanation.parameters["locked_period_years"] == 3
    assert explanation.parameters["locked_from_year"] == 2018
    assert explanation.parameters["areas"] == NOT_STATED
    assert "differentiated basic fee" in explanation.reason
    assert explanation.sources == (SEED,)
    assert explanation.to_dict()["outcome"] == "separate national list"
    listed = NATIONAL_MODEL.__class__(**{**_model_fields(), "areas": ("X",)})
    assert listed.explain().parameters["areas"] == "X"


def _model_fields() -> dict[str, Any]:
    m = NATIONAL_MODEL
    return {
        "name": m.name,
        "funding": m.funding,
        "basis": m.basis,
        "locked_period_years": m.locked_period_years,
        "locked_from": m.locked_from,
        "locked_from_year": m.locked_from_year,
        "region_can_add": m.region_can_add,
        "areas": m.areas,
        "sources": m.sources,
    }


# --- validation of the domain types ------------------------------------------------

AREA = CoverageArea("a", "LD A")


def bad(value: object) -> Any:
    """A deliberately ill-typed argument."""
    return value


POLICY = RegionCoveragePolicy("Region X", 2, 1, (SEED,))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: CoverageArea("Bad Id", "x"), "area id must be lower case"),
        (lambda: CoverageArea("a", " "), "name of area 'a' must be a non-empty string"),
        (lambda: CoverageArea("a", "x", municipality=""), "municipality of area 'a'"),
        (lambda: RegionCoveragePolicy("", 2, 1, (SEED,)), "region must be a non-empty"),
        (lambda: RegionCoveragePolicy("R", 0, 1, (SEED,)), "threatened_period_years must be"),
        (lambda: RegionCoveragePolicy("R", 2, True, (SEED,)), "attention_period_years must be"),
        (lambda: RegionCoveragePolicy("R", 2, 1, ()), "must cite at least one source"),
        (lambda: RegionCoveragePolicy("R", 2, 1, ("NOPE",)), "unknown source key"),
        (lambda: POLICY.period_years(bad("danger")), "kind must be one of threatened, attention"),
        (lambda: Designation(bad("a"), "threatened", 2021, 2, (SEED,)), "must be a CoverageArea"),
        (lambda: Designation(AREA, bad("danger"), 2021, 2, (SEED,)), "kind of designation of 'a'"),
        (lambda: Designation(AREA, "threatened", 21, 2, (SEED,)), "year from 1900 to 2999"),
        (lambda: Designation(AREA, "threatened", 2021, 0, (SEED,)), "period_years of"),
        (
            lambda: Designation(AREA, "threatened", 2021, 2, (SEED,), until_year=2024),
            r"must be year \+ period_years \(2021 \+ 2 = 2023\), got 2024",
        ),
        (
            lambda: Designation(AREA, "threatened", 2021, 2, (SEED,), decided_on=date(2020, 2, 23)),
            "must fall in its designation year",
        ),
        (
            lambda: Designation(
                AREA, "threatened", 2021, 2, (SEED,), decided_on=datetime(2021, 2, 23, 15)
            ),
            "must be a date",
        ),
        (lambda: Designation(AREA, "threatened", 2021, 2, (SEED,), notes=("",)), "note of"),
        (lambda: AgreementVersion("OK", "t", date(2022, 1, 1), date(2021, 1, 1), (SEED,)), "ends"),
        (
            lambda: AgreementVersion("OK", "t", datetime(2022, 1, 1), None, (SEED,)),
            "in_force_from of OK must be a date",
        ),
        (
            lambda: AgreementVersion("OK", "t", None, datetime(2022, 1, 1), (SEED,)),
            "in_force_until of OK must be a date",
        ),
        (lambda: RightParameter("p", bad(0.5), "u", "d", (SEED,)), "must be an int or a Fraction"),
        (lambda: CoverageRight("Bad", "t", "s", (), (SEED,)), "right id must be"),
        (lambda: CoverageRegister(POLICY, [bad(object())]), "must be Designation objects"),
        (lambda: CoverageRegister(POLICY, [], sources=("NOPE",)), "unknown source key"),
        (lambda: CoverageRegister(POLICY, [], areas=(AREA, AREA)), "listed twice"),
        (lambda: CoverageRegister(POLICY, [], areas=[bad("a")]), "must be CoverageArea objects"),
        (
            lambda: CoverageRegister(
                POLICY,
                [POLICY.designate(AREA, "threatened", 2021)],
                areas=(CoverageArea("b", "LD B"),),
            ),
            "names an area that is not in the register's areas",
        ),
        (
            lambda: CoverageRegister(
                POLICY,
                [
                    POLICY.designate(AREA, "threatened", 2021),
                    POLICY.designate(CoverageArea("a", "LD Other"), "attention", 2022),
                ],
            ),
            "appears with two descriptions",
        ),
        (
            lambda: CoverageRegister(POLICY, [Designation(AREA, "threatened", 2021, 3, (SEED,))]),
            "has a period of 3 years, but Region X designates threatened areas for 2",
        ),
        (
            lambda: CoverageRegister(POLICY, [POLICY.designate(AREA, "threatened", 2021)] * 2),
            "designated threatened twice in 2021",
        ),
        (
            lambda: CoverageRegister(
                POLICY,
                [
                    POLICY.designate(AREA, "threatened", 2021, decided_on=date(2021, 2, 23)),
                    POLICY.designate(
                        CoverageArea("b", "LD B"), "attention", 2021, decided_on=date(2021, 3, 1)
                    ),
                ],
            ),
            "two decision dates in 2021",
        ),
    ],
)
def test_invalid_values_are_rejected(build: Any, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        build()


def test_query_arguments_are_checked(rm: CoverageRegister) -> None:
    with pytest.raises(InvalidValueError, match="exactly one of on="):
        rm.status("skjern")
    with pytest.raises(InvalidValueError, match="exactly one of on="):
        rm.status("skjern", on=date(2021, 1, 1), year=2021)
    with pytest.raises(InvalidValueError, match="unknown area 'nowhere'; known ids are"):
        rm.status("nowhere", year=2021)
    with pytest.raises(InvalidValueError, match="must be a CoverageArea or an id"):
        rm.status(42, year=2021)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="must be a date"):
        rm.status("skjern", on=datetime(2021, 1, 1))
    with pytest.raises(InvalidValueError, match="year must be a year"):
        rm.status("skjern", year=True)
    with pytest.raises(InvalidValueError, match="year must be a year"):
        rm.decision(99)
    area = rm.area("skjern")
    assert rm.status(area, year=2021) == rm.status("ld skjern", year=2021)


def test_areas_default_to_the_designated_ones_sorted_by_id() -> None:
    b, a = CoverageArea("b", "LD B"), CoverageArea("a", "LD A")
    reg = CoverageRegister(
        POLICY, [POLICY.designate(b, "threatened", 2021), POLICY.designate(a, "attention", 2021)]
    )
    assert [x.id for x in reg.areas] == ["a", "b"]
    assert reg.review_date(2021) is None
    start, end, recorded = reg.window(reg.designations[0])
    assert (start, end, recorded) == (date(2021, 1, 1), date(2023, 1, 1), False)
    decision = reg.decision(2022)
    assert "the register records no designations made in that year" in decision.reason


# --- properties ---------------------------------------------------------------------

AREAS = tuple(CoverageArea(i, f"LD {i.upper()}") for i in ("a", "b", "c"))
YEARS = range(2015, 2023)
KINDS: tuple[CoverageKind, ...] = ("threatened", "attention")


@st.composite
def designation_specs(draw: st.DrawFn, kinds: tuple[CoverageKind, ...] = KINDS) -> Any:
    """Unique (area, kind, year) triples, each dated or not, and one review date a year."""
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(AREAS), st.sampled_from(kinds), st.sampled_from(YEARS)),
            unique=True,
            max_size=10,
        )
    )
    review_days = {y: draw(st.integers(0, 364)) for y in YEARS}
    dated = [draw(st.booleans()) for _ in keys]
    return [
        (
            area,
            kind,
            year,
            date.fromordinal(date(year, 1, 1).toordinal() + review_days[year])
            if is_dated
            else None,
        )
        for (area, kind, year), is_dated in zip(keys, dated, strict=True)
    ]


def build(specs: Any, policy: RegionCoveragePolicy) -> list[Designation]:
    return [policy.designate(a, k, y, decided_on=d) for a, k, y, d in specs]


DAYS = st.dates(date(2014, 1, 1), date(2027, 12, 31))
RANK = {"none": 0, "attention": 1, "threatened": 2}


@given(specs=designation_specs(), data=st.data(), day=DAYS, year=st.integers(2014, 2027))
def test_status_never_depends_on_the_loading_order(
    specs: Any, data: st.DataObject, day: date, year: int
) -> None:
    designations = build(specs, POLICY)
    shuffled = data.draw(st.permutations(designations))
    one = CoverageRegister(POLICY, designations, areas=AREAS)
    two = CoverageRegister(POLICY, shuffled, areas=AREAS)
    assert one == two
    for area in AREAS:
        assert one.status(area, on=day) == two.status(area, on=day)
        assert one.status(area, year=year) == two.status(area, year=year)
        assert one.rights(area, on=day) == two.rights(area, on=day)
    assert one.decision(year) == two.decision(year)


@given(specs=designation_specs(kinds=("attention",)), day=DAYS, year=st.integers(2014, 2027))
def test_an_attention_only_area_never_has_rights(specs: Any, day: date, year: int) -> None:
    reg = CoverageRegister(POLICY, build(specs, POLICY), areas=AREAS)
    for area in AREAS:
        result = reg.rights(area, on=day)
        assert result.rights == ()
        assert result.outcome == "none"
        assert not reg.status(area, year=year).has_rights
    assert reg.lapsing(year) == ()
    assert reg.keeping_rights(year) == ()


@given(
    specs=designation_specs(),
    periods=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    extra=st.tuples(st.integers(0, 3), st.integers(0, 3)),
    day=DAYS,
    year=st.integers(2014, 2027),
)
def test_extending_the_period_never_shortens_a_status(
    specs: Any, periods: tuple[int, int], extra: tuple[int, int], day: date, year: int
) -> None:
    short = RegionCoveragePolicy("Region X", periods[0], periods[1], (SEED,))
    long = RegionCoveragePolicy("Region X", periods[0] + extra[0], periods[1] + extra[1], (SEED,))
    reg_short = CoverageRegister(short, build(specs, short), areas=AREAS)
    reg_long = CoverageRegister(long, build(specs, long), areas=AREAS)
    for area in AREAS:
        for query in ({"on": day}, {"year": year}):
            a = reg_short.status(area, **query)
            b = reg_long.status(area, **query)
            assert RANK[b.outcome] >= RANK[a.outcome], (a.reason, b.reason)
            if a.outcome == "threatened":
                assert b.outcome == "threatened"


@given(specs=designation_specs(), day=DAYS)
def test_rights_exactly_when_threatened(specs: Any, day: date) -> None:
    reg = CoverageRegister(POLICY, build(specs, POLICY), areas=AREAS)
    for area in AREAS:
        result = reg.rights(area, on=day)
        assert (result.outcome == "granted") == (result.status.outcome == "threatened")
        assert result.reason
        assert result.sources


# --- broken files, one per failure mode ------------------------------------------------

VALID = """\
schema_version = 1
title = "T"
sources = ["PPU-RM-2021-02"]

[policy]
region = "Region X"
threatened_period_years = 2
attention_period_years = 1
sources = ["PPU-RM-2021-02"]

[[area]]
id = "a"
name = "LD A"

[[area]]
id = "b"
name = "LD B"
municipality = "B Kommune"

[[designations]]
heading = "Threatened"
kind = "threatened"
year = 2021
decided_on = 2021-02-23
until_year = 2023
areas = ["a"]
sources = ["PPU-RM-2021-02"]

[designations.notes]
a = ["first", "second"]

[[designations]]
kind = "attention"
year = 2021
areas = ["b"]
sources = ["PPU-RM-2021-02"]
"""


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "coverage.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads(tmp_path: Path) -> None:
    reg = load_coverage(write(tmp_path, VALID))
    assert reg.title == "T"
    assert reg.sources == (SEED,)
    assert reg.area("b").municipality == "B Kommune"
    a = reg.status("a", year=2021)
    assert a.designations[0].notes == ("first", "second")
    assert reg.status("b", on=date(2021, 2, 23)).outcome == "attention"


def _replace(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def _policy_block(replacement: str) -> str:
    """VALID without its [policy] table; ``replacement`` goes at the top level instead."""
    start, end = VALID.index("[policy]"), VALID.index("[[area]]")
    top = VALID[:start].replace("schema_version = 1\n", "schema_version = 1\n" + replacement, 1)
    return top + VALID[end:]


def _without_designations(replacement: str) -> str:
    """VALID without its [[designations]]; ``replacement`` goes at the top level instead."""
    head = VALID[: VALID.index("[[designations]]")]
    return head.replace("schema_version = 1\n", "schema_version = 1\n" + replacement, 1)


AREA_NOT_TABLES = """\
schema_version = 1
area = ["a"]

[policy]
region = "Region X"
threatened_period_years = 2
attention_period_years = 1
sources = ["PPU-RM-2021-02"]

[[designations]]
kind = "attention"
year = 2021
areas = ["a"]
sources = ["PPU-RM-2021-02"]
"""

BROKEN: list[tuple[str, str | bytes, str | None, str]] = [
    ("toml-syntax", VALID + "\nthis is not toml\n", None, "not valid TOML"),
    ("not-utf8", "title = '\xe6'".encode("latin-1"), None, "the file is not UTF-8"),
    (
        "schema-missing",
        _replace("schema_version = 1\n", ""),
        "schema_version",
        "this key is required but missing",
    ),
    (
        "schema-wrong",
        _replace("schema_version = 1", "schema_version = 2"),
        "schema_version",
        "schema_version 2 is not supported; this version of klu_rules reads schema_version = 1",
    ),
    (
        "schema-bool",
        _replace("schema_version = 1", "schema_version = true"),
        "schema_version",
        "expected an integer, got True",
    ),
    (
        "unknown-top-key",
        _replace('title = "T"', 'title = "T"\ncolour = "red"'),
        "colour",
        "unknown key; expected one of schema_version, title",
    ),
    ("title-type", _replace('title = "T"', "title = 1"), "title", "expected a string, got 1"),
    (
        "top-sources-unknown",
        _replace('sources = ["PPU-RM-2021-02"]\n\n[policy]', 'sources = ["NOPE"]\n\n[policy]'),
        "sources",
        "unknown source key(s) 'NOPE'",
    ),
    ("policy-missing", _policy_block(""), "policy", "this key is required but missing"),
    ("policy-not-table", _policy_block("policy = 1\n"), "policy", "expected a table, got 1"),
    (
        "policy-unknown-key",
        _replace('region = "Region X"', 'region = "Region X"\nperiod = 2'),
        "policy.period",
        "unknown key; expected one of region",
    ),
    (
        "policy-region-missing",
        _replace('region = "Region X"\n', ""),
        "policy.region",
        "this key is required but missing",
    ),
    (
        "period-string",
        _replace("threatened_period_years = 2", 'threatened_period_years = "2"'),
        "policy.threatened_period_years",
        "expected an integer, got '2'",
    ),
    (
        "period-zero",
        _replace("attention_period_years = 1", "attention_period_years = 0"),
        "policy.attention_period_years",
        "expected an integer >= 1, got 0",
    ),
    (
        "policy-sources-empty",
        _replace('sources = ["PPU-RM-2021-02"]\n\n[[area]]', "sources = []\n\n[[area]]"),
        "policy.sources",
        "expected at least one entry, got an empty array",
    ),
    (
        "policy-sources-string",
        _replace(
            'sources = ["PPU-RM-2021-02"]\n\n[[area]]', 'sources = "PPU-RM-2021-02"\n\n[[area]]'
        ),
        "policy.sources",
        "expected a list of strings, got 'PPU-RM-2021-02'",
    ),
    ("area-not-tables", AREA_NOT_TABLES, "area[0]", "expected a table, got 'a'"),
    (
        "area-duplicate-id",
        _replace('id = "b"', 'id = "a"'),
        "area[1].id",
        "expected a unique area id, got 'a' a second time",
    ),
    ("area-bad-id", _replace('id = "b"', 'id = "B B"'), "area[1].id", "area id must be lower case"),
    (
        "area-name-empty",
        _replace('name = "LD A"', 'name = ""'),
        "area[0].name",
        "expected a non-empty string, got ''",
    ),
    (
        "area-unknown-key",
        _replace('name = "LD A"', 'name = "LD A"\nsize = 3'),
        "area[0].size",
        "unknown key",
    ),
    (
        "area-municipality-type",
        _replace('municipality = "B Kommune"', "municipality = 7"),
        "area[1].municipality",
        "expected a string, got 7",
    ),
    (
        "kind-bad",
        _replace('kind = "threatened"', 'kind = "danger"'),
        "designations[0].kind",
        "expected one of 'threatened', 'attention', got 'danger'",
    ),
    (
        "year-string",
        _replace("year = 2021\ndecided_on", 'year = "2021"\ndecided_on'),
        "designations[0].year",
        "expected an integer, got '2021'",
    ),
    (
        "year-two-digits",
        _replace("year = 2021\ndecided_on", "year = 21\ndecided_on"),
        "designations[0].year",
        "expected an integer from 1900 to 2999, got 21",
    ),
    (
        "year-missing",
        _replace("year = 2021\ndecided_on", "decided_on"),
        "designations[0].year",
        "this key is required but missing",
    ),
    (
        "until-wrong",
        _replace("until_year = 2023", "until_year = 2024"),
        "designations[0].until_year",
        "expected year + the policy's threatened period (2021 + 2 = 2023), got 2024",
    ),
    (
        "until-type",
        _replace("until_year = 2023", "until_year = 2023.0"),
        "designations[0].until_year",
        "expected an integer, got 2023.0",
    ),
    (
        "decided-string",
        _replace("decided_on = 2021-02-23", 'decided_on = "2021-02-23"'),
        "designations[0].decided_on",
        "expected a date written YYYY-MM-DD (no quotes), got '2021-02-23'",
    ),
    (
        "decided-datetime",
        _replace("decided_on = 2021-02-23", "decided_on = 2021-02-23T15:00:00"),
        "designations[0].decided_on",
        "expected a date written YYYY-MM-DD (no quotes), got datetime.datetime(2021, 2, 23, 15, 0)",
    ),
    (
        "decided-other-year",
        _replace("decided_on = 2021-02-23", "decided_on = 2020-02-23"),
        "designations[0].decided_on",
        "expected a date in the designation year 2021, got 2020-02-23",
    ),
    (
        "heading-type",
        _replace('heading = "Threatened"', "heading = 3"),
        "designations[0].heading",
        "expected a string, got 3",
    ),
    (
        "designation-unknown-key",
        _replace('kind = "attention"', 'kind = "attention"\nperiod = 1'),
        "designations[1].period",
        "unknown key; expected one of kind, year",
    ),
    (
        "areas-unknown-id",
        _replace('areas = ["b"]', 'areas = ["b", "zz"]'),
        "designations[1].areas[1]",
        "expected the id of an [[area]] (a, b), got 'zz'",
    ),
    (
        "areas-empty",
        _replace('areas = ["b"]', "areas = []"),
        "designations[1].areas",
        "expected at least one entry, got an empty array",
    ),
    (
        "areas-not-list",
        _replace('areas = ["b"]', 'areas = "b"'),
        "designations[1].areas",
        "expected a list of strings, got 'b'",
    ),
    (
        "areas-missing",
        _replace('areas = ["b"]\n', ""),
        "designations[1].areas",
        "this key is required but missing",
    ),
    (
        "sources-unknown",
        _replace(
            'areas = ["b"]\nsources = ["PPU-RM-2021-02"]',
            'areas = ["b"]\nsources = ["PPU-RM-2021-03"]',
        ),
        "designations[1].sources",
        "unknown source key(s) 'PPU-RM-2021-03'",
    ),
    (
        "note-other-area",
        _replace('a = ["first", "second"]', 'b = "x"'),
        "designations[0].notes.b",
        "expected a note for an area of this designation (a), got one",
    ),
    (
        "note-type",
        _replace('a = ["first", "second"]', "a = 1"),
        "designations[0].notes.a",
        "expected a string, got 1",
    ),
    (
        "note-blank-entry",
        _replace('a = ["first", "second"]', 'a = ["first", " "]'),
        "designations[0].notes.a[1]",
        "expected a non-empty string, got ' '",
    ),
    (
        "note-empty-list",
        _replace('a = ["first", "second"]', "a = []"),
        "designations[0].notes.a",
        "expected at least one entry",
    ),
    (
        "notes-not-table",
        _replace('[designations.notes]\na = ["first", "second"]\n', "").replace(
            'areas = ["a"]', 'areas = ["a"]\nnotes = "x"'
        ),
        "designations[0].notes",
        "expected a table, got 'x'",
    ),
    (
        "area-missing",
        VALID[: VALID.index("[[area]]")] + VALID[VALID.index("[[designations]]") :],
        "area",
        "this key is required but missing",
    ),
    (
        "designations-missing",
        _without_designations(""),
        "designations",
        "this key is required but missing",
    ),
    (
        "until-beyond-range",
        _replace('kind = "attention"\nyear = 2021', 'kind = "attention"\nyear = 2999'),
        "designations[1]",
        "until_year of designation of 'b' must be a year from 1900 to 2999, got 3000",
    ),
    (
        "schema-before-keys",
        _replace("schema_version = 1", 'schema_version = 2\ncolour = "red"'),
        "schema_version",
        "schema_version 2 is not supported",
    ),
    (
        "designations-not-tables",
        _without_designations("designations = 1\n"),
        "designations",
        "expected an array of tables ([[designations]]), got 1",
    ),
    (
        "designated-twice",
        VALID + '\n[[designations]]\nkind = "threatened"\nyear = 2021\n'
        'areas = ["a"]\nsources = ["PPU-RM-2021-02"]\n',
        "designations",
        "'a' is designated threatened twice in 2021",
    ),
    (
        "two-decision-dates",
        _replace(
            'kind = "attention"\nyear = 2021',
            'kind = "attention"\nyear = 2021\ndecided_on = 2021-03-01',
        ),
        "designations",
        "two decision dates in 2021 (2021-02-23 and 2021-03-01)",
    ),
]


@pytest.mark.parametrize(("case", "text", "key", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file(
    tmp_path: Path, case: str, text: str | bytes, key: str | None, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FileFormatError) as info:
        load_coverage(path)
    error = info.value
    assert error.path == str(path)
    assert error.key == key
    assert message in error.detail, error.detail
    assert str(error).startswith(str(path))


def test_missing_file_is_a_file_format_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(FileFormatError, match="cannot read the file") as info:
        load_coverage(missing)
    assert info.value.path == str(missing)


# --- the command line -------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["coverage", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_default_is_the_latest_review(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys)
    assert status == 0
    assert err == ""
    assert "Status efter udpegningen i 2021 (tirsdag den 23. februar 2021)" in out
    assert "Lægedækningstruede områder (16):" in out
    assert "Opmærksomhedsområder (4):" in out
    assert "Ingen status (2):" in out
    assert "LD Skjern" in out
    assert "ny udpegning; mister rettigheder" in out
    assert "Kilder: PPU-RM-2021-02" in out


def test_cli_on_a_date_lists_rights_with_citations(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--on", "2021-06-01", "--explain")
    assert status == 0
    assert "Status tirsdag den 1. juni 2021" in out
    assert "Rettigheder i lægedækningstruede områder (OK18):" in out
    assert "(OK18 § 22, stk. 4)" in out
    assert "(OK18 § 20, stk. 1)" in out
    assert "(OK18 ikke angivet i kilderne)" in out
    assert "    LD Allingåbro is a regionally coverage-threatened area on 2021-06-01" in out


def test_cli_json_is_stable(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--year", "2021", "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert list(doc) == [
        "schema",
        "title",
        "region",
        "query",
        "policy",
        "agreement",
        "areas",
        "lists",
        "national_model",
        "sources",
    ]
    assert doc["schema"] == JSON_SCHEMA
    assert doc["query"] == {
        "on": None,
        "year": 2021,
        "review_date": "2021-02-23",
        "review_recorded": True,
    }
    assert doc["agreement"] is None
    by_id = {a["area"]["id"]: a for a in doc["areas"]}
    assert by_id["skjern"]["status"] == "attention"
    assert by_id["skjern"]["change"] == ["new", "loses_rights"]
    assert by_id["anholt"]["change"] == ["keeps_rights"]
    assert doc["lists"]["new_threatened"] == ["allingaabro"]
    assert len(doc["lists"]["keeping_rights"]) == 15
    assert sorted(doc["lists"]["losing_rights"]) == ["endelave", "skjern", "tunoe"]
    assert doc["national_model"]["parameters"]["region_can_add"] is False


def test_cli_json_on_a_2022_date_uses_ok22(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--on", "2022-06-01", "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert doc["agreement"]["key"] == "OK22"
    assert doc["lists"] is None
    assert doc["query"]["review_recorded"] is False
    anholt = next(a for a in doc["areas"] if a["area"]["id"] == "anholt")
    assert [r["citation"] for r in anholt["rights"]] == ["§ 13, stk. 5", "§ 24, stk. 2", NOT_STATED]
    skjern = next(a for a in doc["areas"] if a["area"]["id"] == "skjern")
    assert skjern["rights"] == []


def test_cli_csv(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--on", "2021-06-01", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 22
    first = rows[0]
    assert first["area_name"] == "LD Allingåbro"
    assert (first["status"], first["since_year"], first["until_year"]) == (
        "threatened",
        "2021",
        "2023",
    )
    assert "shared_practice: OK18 § 22, stk. 4" in first["rights"]
    assert f"leave_compensation: OK18 {NOT_STATED}" in first["rights"]
    endelave = next(r for r in rows if r["area_id"] == "endelave")
    assert endelave["status"] == "none"
    assert endelave["rights"] == ""


def test_cli_csv_round_trips_line_breaks_in_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {"a": "LD A\rA", "b": "LD B\nB"}
    text = _replace('name = "LD A"', 'name = "LD A\\rA"').replace(
        'name = "LD B"', 'name = "LD B\\nB"', 1
    )
    path = write(tmp_path, text)
    status, out, _ = run_cli(capsys, "--file", str(path), "--year", "2021", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert {r["area_id"]: r["area_name"] for r in rows} == names
    assert all(names[r["area_id"]] in r["reason"] for r in rows)


def test_cli_markdown_for_an_unrecorded_year(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--year", "2022", "--format", "markdown", "--explain")
    assert status == 0
    assert out.startswith("# Lægedækningstruede områder 2021, Region Midtjylland\n")
    assert "Registret indeholder ingen udpegning fra 2022." in out
    assert "| Lægedækningsområde | Status | Udpeget | Frem til | Ændring | Reason |" in out
    assert "| LD Skjern | ingen status | 2021 | 2022 | udløber |" in out
    assert "| LD Endelave | ingen status |  |  |  |" in out
    assert "## Rettigheder" not in out


def test_cli_markdown_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--on", "2022-03-01", "--format", "markdown")
    assert status == 0
    assert "## Rettigheder i lægedækningstruede områder (OK22)" in out
    assert "(OK22 § 13, stk. 5)" in out
    assert "| Reason |" not in out


def test_cli_text_without_rights(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, VALID)
    status, out, _ = run_cli(capsys, "--file", str(path), "--on", "2020-01-01")
    assert status == 0
    assert "Ingen status (2):" in out
    assert "Rettigheder" not in out
    assert out.splitlines()[0] == "T"


def test_cli_title_falls_back_to_the_region(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, VALID.replace('title = "T"\n', ""))
    status, out, _ = run_cli(capsys, "--file", str(path), "--format", "markdown")
    assert status == 0
    assert out.startswith("# Region X\n")
    status, out, _ = run_cli(capsys, "--file", str(path))
    assert out.startswith("Region X\n")


def test_cli_reports_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, _replace("until_year = 2023", "until_year = 2024"))
    status, out, err = run_cli(capsys, "--file", str(path))
    assert status == 2
    assert out == ""
    assert err.startswith(f"klu-rules: error: {path}, key 'designations[0].until_year': ")


def test_cli_file_without_designations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, _without_designations("designations = []\n"))
    status, _, err = run_cli(capsys, "--file", str(path))
    assert status == 2
    assert "has no designations; give --on DATE or --year N" in err
    status, out, _ = run_cli(capsys, "--file", str(path), "--year", "2021")
    assert status == 0
    assert "Ingen status (2):" in out


@pytest.mark.parametrize(
    "args",
    [
        ["--on", "1 June 2021"],
        ["--on", "2021-06-01", "--year", "2021"],
        ["--format", "xml"],
    ],
)
def test_cli_rejects_bad_arguments(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["coverage", *args])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_render_rejects_an_unknown_format(rm: CoverageRegister) -> None:
    with pytest.raises(InvalidValueError, match="format must be one of text, markdown, csv"):
        render(rm, year=2021, fmt="xml")
