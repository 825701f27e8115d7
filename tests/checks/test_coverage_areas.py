"""Doctor-coverage-threatened areas (RULES.md § 9, PPU-RM-2021-02).

Known answers come from the minutes of Praksisplanudvalget, Region
Midtjylland, 23 February 2021, item 4 "Lægedækningstruede områder 2021".
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import foreign_words
from hypothesis import given
from hypothesis import strategies as st

from klu_rules.checks.coverage import (
    CoverageDecision,
    CoverageStatus,
    RightsResult,
    coverage_decision,
    coverage_rights,
    coverage_status,
    coverage_statuses,
    keeping_rights,
    lapsing,
)
from klu_rules.cli import main
from klu_rules.core.errors import FileFormatError, InvalidValueError, NoRulesInForceError
from klu_rules.core.serialize import from_data, to_data
from klu_rules.core.sources import SOURCES
from klu_rules.io.coverage_file import load_coverage, rm_2021
from klu_rules.model.coverage import (
    CoverageArea,
    CoverageKind,
    CoverageRegister,
    Designation,
    RegionCoveragePolicy,
)
from klu_rules.rules.agreement_routes import GP_AGREEMENTS
from klu_rules.rules.coverage_rights import (
    AGREEMENT_VERSIONS,
    COVERAGE_RIGHTS,
    NATIONAL_MODEL,
    NOT_STATED,
    RIGHTS_DATA,
    AgreementVersion,
    CoverageRight,
    CoverageRightsData,
    RightParameter,
    load_coverage_rights,
)
from klu_rules.text.coverage import JSON_SCHEMA, render

SEED = "PPU-RM-2021-02"

# The four lists of the minutes, names exactly as written there.
LIST_1_THREATENED_2021_2023 = ["LD Allingåbro"]
LIST_2_ATTENTION_2021_2022 = ["LD Skjern", "LD Grenå", "LD Randers C og N", "LD Videbæk"]
LIST_3_KEEPING_2020_2022 = [
    *("LD Anholt", "LD Glesborg", "LD Havndal", "LD Holstebro", "LD Hvide Sande"),
    *("LD Lemvig", "LD Ringkøbing", "LD Roslev", "LD Samsø", "LD Skive"),
    *("LD Stouby", "LD Struer", "LD Tarm", "LD Thyborøn", "LD Thyholm"),
]
LIST_4_LOSING_2019_2021 = ["LD Endelave", "LD Tunø", "LD Skjern"]


def names(items: Any) -> list[str]:
    return [x.area.name for x in items]


@pytest.fixture(scope="module")
def rm() -> CoverageRegister:
    return rm_2021()


# --- the seed's four lists ------------------------------------------------------


def test_the_four_lists_of_the_2021_decision(rm: CoverageRegister) -> None:
    decision = coverage_decision(rm, 2021)
    assert names(decision.new_threatened) == LIST_1_THREATENED_2021_2023
    assert names(decision.new_attention) == LIST_2_ATTENTION_2021_2022
    assert names(decision.keeping_rights) == LIST_3_KEEPING_2020_2022
    assert sorted(names(decision.losing_rights)) == sorted(LIST_4_LOSING_2019_2021)
    assert decision.outcome == "recorded"
    assert decision.review_date == date(2021, 2, 23)
    assert [d.label for d in decision.new_threatened] == ["2021–2023"]
    assert {d.label for d in decision.new_attention} == {"2021–2022"}
    assert {d.label for d in decision.keeping_rights} == {"2020–2022"}
    assert {d.label for d in decision.losing_rights} == {"2019–2021"}
    assert {d.decided_on for d in decision.keeping_rights} == {date(2020, 3, 5)}
    assert {d.decided_on for d in decision.losing_rights} == {date(2019, 3, 6)}
    counts = ("new_threatened", "new_attention", "keeping_rights", "losing_rights")
    assert [decision.parameters[k] for k in counts] == [1, 4, 15, 3]
    assert decision.sources == (SEED,)


def test_the_example_file_holds_exactly_the_seeds_areas(rm: CoverageRegister) -> None:
    listed = LIST_1_THREATENED_2021_2023 + LIST_2_ATTENTION_2021_2022
    listed += LIST_3_KEEPING_2020_2022 + LIST_4_LOSING_2019_2021
    assert {a.name for a in rm.areas} == set(listed)
    assert len(rm.areas) == 22
    assert all(a.municipality is None for a in rm.areas)
    assert rm.policy.region == "Region Midtjylland"
    assert (rm.policy.threatened_period_years, rm.policy.attention_period_years) == (2, 1)
    assert rm.review_years == (2019, 2020, 2021)
    assert rm.latest_review_year == 2021
    # 1 + 4 + 15 + 3 designations of the four lists, plus Allingåbro's 2020 attention status.
    assert len(rm.designations) == 24


def test_lapsing_and_keeping_rights(rm: CoverageRegister) -> None:
    lapse = {s.area.name: s for s in lapsing(rm, 2021)}
    assert sorted(lapse) == sorted(LIST_4_LOSING_2019_2021)
    assert lapse["LD Endelave"].outcome == "none"
    assert lapse["LD Skjern"].outcome == "attention"
    assert names(keeping_rights(rm, 2021)) == LIST_3_KEEPING_2020_2022
    assert all(s.has_rights for s in keeping_rights(rm, 2021))
    # In 2022 the 2020 designations expire; Allingåbro keeps its rights.
    assert names(lapsing(rm, 2022)) == LIST_3_KEEPING_2020_2022
    assert names(keeping_rights(rm, 2022)) == ["LD Allingåbro"]
    assert names(lapsing(rm, 2023)) == ["LD Allingåbro"]


def test_skjern_goes_from_threatened_to_attention_in_2021(rm: CoverageRegister) -> None:
    before = coverage_status(rm, "skjern", year=2020)
    after = coverage_status(rm, "skjern", year=2021)
    assert (before.outcome, before.designations[0].label) == ("threatened", "2019–2021")
    assert (after.outcome, after.designations[0].label) == ("attention", "2021–2022")
    assert [d.label for d in after.expired] == ["2019–2021"]
    assert not after.has_rights
    skjern_notes = [n for d in rm.designations if d.area.id == "skjern" for n in d.notes]
    assert any("opmærksomhedsområde" in n for n in skjern_notes)
    assert coverage_status(rm, "LD Skjern", year=2022).outcome == "none"


@pytest.mark.parametrize(
    ("area", "day", "outcome"),
    [
        # a decision takes effect on its date; the status it ends, on the same date
        ("endelave", date(2019, 3, 5), "none"),
        ("skjern", date(2021, 2, 22), "threatened"),
        ("skjern", date(2021, 2, 23), "attention"),
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
    status = coverage_status(rm, area, on=day)
    assert status.outcome == outcome, status.reason
    assert status.on == day
    assert status.explain().startswith(status.area.name)
    assert set(status.sources) <= set(SOURCES)
    assert status.sources
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
    assert coverage_status(rm, area, year=year).outcome == outcome


def test_the_end_of_a_status_follows_the_recorded_reviews(rm: CoverageRegister) -> None:
    alling = coverage_status(rm, "allingaabro", on=date(2021, 6, 1))
    assert (alling.since_year, alling.until_year) == (2021, 2023)
    assert [d.label for d in alling.expired] == ["2020–2021"]
    assert "31 December 2023" in alling.explain()  # the 2023 review is not recorded
    assert rm.window(alling.designations[0]) == (date(2021, 2, 23), date(2024, 1, 1), False)
    endelave = rm.designations_of(rm.area("endelave"))[0]
    assert rm.window(endelave) == (date(2019, 3, 6), date(2021, 2, 23), True)
    anholt = coverage_status(rm, "anholt", on=date(2023, 2, 1))
    assert not anholt.review_recorded
    assert anholt.parameters["review_dates"]["2021"] == "2021-02-23"
    first = coverage_status(rm, "allingaabro", on=date(2019, 6, 1))
    assert "5 March 2020" in first.explain()  # the first designation starts at the 2020 review


def test_threatened_outranks_attention_in_force_at_the_same_time() -> None:
    policy = RegionCoveragePolicy("Region X", 3, 2, (SEED,))
    area = CoverageArea("a", "LD A")
    reg = CoverageRegister(
        policy,
        [policy.designate(area, "attention", 2020), policy.designate(area, "threatened", 2021)],
    )
    status = coverage_status(reg, "a", year=2021)
    assert status.outcome == "threatened"
    assert [d.kind for d in status.overridden] == ["attention"]
    assert coverage_status(reg, "a", on=date(2021, 6, 1)).overridden[0].kind == "attention"
    # a region's period is its own parameter
    assert status.designations[0].until_year == 2024
    assert coverage_status(reg, "a", on=date(2024, 12, 31)).outcome == "threatened"
    assert coverage_status(reg, "a", on=date(2025, 1, 1)).outcome == "none"


def test_an_area_without_designations_and_an_empty_register() -> None:
    policy = RegionCoveragePolicy("Region X", 2, 1, (SEED,))
    a, b = CoverageArea("a", "LD A"), CoverageArea("b", "LD B", municipality="X Kommune")
    reg = CoverageRegister(policy, [policy.designate(a, "threatened", 2020)], areas=(a, b))
    assert coverage_status(reg, b, on=date(2020, 5, 1)).designations == ()
    assert coverage_rights(reg, "b", on=date(2020, 5, 1)).outcome == "none"
    assert CoverageRegister(policy, []).latest_review_year is None
    undated = coverage_decision(reg, 2022)
    assert undated.outcome == "not_recorded"
    assert undated.review_date is None


# --- rights and their citations -------------------------------------------------


RIGHT_IDS = ["shared_practice", "employed_doctors", "leave_compensation"]


@pytest.mark.parametrize(
    ("area", "day", "agreement", "citations"),
    [
        ("allingaabro", date(2021, 12, 31), "OK18", ["§ 22, stk. 4", "§ 20, stk. 1", None]),
        ("anholt", date(2022, 1, 1), "OK22", ["§ 13, stk. 5", "§ 24, stk. 2", None]),
        # before the 2021 review Endelave still had its rights
        ("endelave", date(2021, 2, 22), "OK18", ["§ 22, stk. 4", "§ 20, stk. 1", None]),
    ],
)
def test_rights_are_cited_in_the_agreement_in_force(
    rm: CoverageRegister, area: str, day: date, agreement: str, citations: list[str | None]
) -> None:
    result = coverage_rights(rm, area, on=day)
    assert result.outcome == "granted"
    assert result.agreement.key == agreement
    assert [g.id for g in result.rights] == RIGHT_IDS
    assert [g.citation for g in result.rights] == citations
    assert result.rights[2].citation_text == f"{agreement}: {NOT_STATED}"
    assert result.rights[0].citation_text == f"{agreement} {citations[0]}"
    assert result.parameters["shared_practice.max_period_years"] == 6
    assert result.parameters["employed_doctors.usual_max_employed_share"] == "0.5"
    # the OK22 paragraphs are cited to the page that gives them, never to the 2021 minutes
    cited = {SEED, "OK22-102"} | ({"PRAKSISOVERBLIK-LDT"} if agreement == "OK22" else {"OK18"})
    assert set(result.sources) == cited


def test_attention_and_no_status_give_no_rights(rm: CoverageRegister) -> None:
    attention = coverage_rights(rm, "skjern", on=date(2021, 6, 1))
    assert (attention.outcome, attention.rights, attention.status.outcome) == (
        "none",
        (),
        "attention",
    )
    assert coverage_rights(rm, "endelave", on=date(2021, 6, 1)).outcome == "none"


def test_the_numbers_of_the_rights_are_data_with_sources() -> None:
    by_id = {r.id: r for r in COVERAGE_RIGHTS}
    six = by_id["shared_practice"].parameter("max_period_years")
    half = by_id["employed_doctors"].parameter("usual_max_employed_share")
    assert (six.value, six.unit, six.sources) == (6, "years", (SEED,))
    assert (half.value, half.sources) == (Decimal("0.5"), (SEED,))
    assert half.value == Fraction(1, 2)
    assert by_id["leave_compensation"].parameters == ()
    with pytest.raises(InvalidValueError, match="no parameter 'x'"):
        by_id["shared_practice"].parameter("x")


def test_agreement_versions_are_dated_data() -> None:
    ok18, ok22, *after = AGREEMENT_VERSIONS
    # dated as the agreement data dates the GP agreements (agreement_routes.toml)
    routes = {a.key: (a.in_force_from, a.in_force_until) for a in GP_AGREEMENTS}
    for version in (ok22, *after):
        assert (version.in_force_from, version.in_force_until) == routes[version.key]
    assert [a.key for a in after] == ["Aftale25", "Aftale26", "Aftale27"]
    assert ok18.in_force(date(2021, 12, 31))
    assert not ok18.in_force(date(2022, 1, 1))
    assert ok22.in_force(date(2022, 1, 1))
    assert not ok22.in_force(date(2021, 12, 31))
    assert ok18.in_force(date(2018, 6, 1))  # start not stated: open
    assert RIGHTS_DATA.agreement_on(date(2022, 1, 1)) is ok22
    rm = rm_2021()
    cited_in_ok22 = tuple(c for c in RIGHTS_DATA.citations if c.agreement == "OK22")
    only_ok22 = attrs.evolve(RIGHTS_DATA, agreements=(ok22,), citations=cited_in_ok22)
    with pytest.raises(NoRulesInForceError, match="2021-06-01"):
        coverage_rights(rm, "allingaabro", on=date(2021, 6, 1), data=only_ok22)
    none = attrs.evolve(RIGHTS_DATA, agreements=(), citations=())
    with pytest.raises(NoRulesInForceError, match="known versions: none"):
        none.agreement_on(date(2021, 6, 1))


def test_national_model_is_a_separate_list() -> None:
    explanation = NATIONAL_MODEL.explain()
    assert explanation.outcome == "separate_list"
    assert explanation.parameters["region_can_add"] is False
    assert explanation.parameters["locked_period_years"] == 3
    assert explanation.parameters["locked_from_year"] == 2018
    assert explanation.parameters["areas"] == NOT_STATED
    assert explanation.sources == (SEED,)
    listed = attrs.evolve(NATIONAL_MODEL, areas=("X", "Y"))
    assert listed.explain().parameters["areas"] == "X, Y"


# --- the results round-trip -------------------------------------------------------------


@pytest.mark.parametrize("day", [date(2019, 6, 1), date(2021, 2, 23), date(2022, 3, 1)])
def test_results_round_trip_through_json(rm: CoverageRegister, day: date) -> None:
    for area in rm.areas:
        status = coverage_status(rm, area, on=day)
        assert CoverageStatus.from_json(status.to_json()) == status
        by_year = coverage_status(rm, area, year=day.year)
        assert CoverageStatus.from_dict(by_year.to_dict()) == by_year
        rights = coverage_rights(rm, area, on=day)
        assert RightsResult.from_json(rights.to_json()) == rights
    decision = coverage_decision(rm, day.year)
    assert CoverageDecision.from_dict(json.loads(decision.to_json())) == decision
    assert list(status.to_dict())[:5] == ["outcome", "reason", "parameters", "sources", "findings"]


def test_the_register_and_the_rights_data_round_trip(rm: CoverageRegister) -> None:
    resource = resources.files("klu_rules").joinpath("data").joinpath("coverage_rm_2021.toml")
    with resources.as_file(resource) as path:  # rm_2021 uses the same loader as files
        assert load_coverage(path) == load_coverage(str(path)) == rm
    assert from_data(CoverageRegister, json.loads(json.dumps(to_data(rm)))) == rm
    assert from_data(CoverageRightsData, to_data(RIGHTS_DATA)) == RIGHTS_DATA


# --- validation of the domain types ------------------------------------------------

AREA = CoverageArea("a", "LD A")
POLICY = RegionCoveragePolicy("Region X", 2, 1, (SEED,))


def bad(value: object) -> Any:
    """A deliberately ill-typed argument."""
    return value


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: CoverageArea("Bad Id", "x"), "CoverageArea.id"),
        (lambda: CoverageArea("a", "x", municipality=""), "CoverageArea.municipality"),
        (lambda: RegionCoveragePolicy("R", 0, 1, (SEED,)), "threatened_period_years"),
        (lambda: RegionCoveragePolicy("R", 2, True, (SEED,)), "attention_period_years"),
        (lambda: RegionCoveragePolicy("R", 2, 1, ()), "at least one source"),
        (lambda: RegionCoveragePolicy("R", 2, 1, ("NOPE",)), "unknown source key"),
        (lambda: POLICY.period_years(bad("danger")), "kind must be one of"),
        (lambda: Designation(AREA, bad("danger"), 2021, 2, (SEED,)), "Designation.kind"),
        (lambda: Designation(AREA, "threatened", 21, 2, (SEED,)), "Designation.year"),
        (lambda: Designation(AREA, "threatened", 2021, 0, (SEED,)), "period_years"),
        (
            lambda: Designation(AREA, "threatened", 2021, 2, (SEED,), until_year=2024),
            r"\(2021 \+ 2 = 2023\), got 2024",
        ),
        (
            lambda: Designation(AREA, "threatened", 2021, 2, (SEED,), decided_on=date(2020, 2, 3)),
            "must fall in its designation year",
        ),
        (
            lambda: Designation(
                AREA, "threatened", 2021, 2, (SEED,), decided_on=datetime(2021, 2, 3)
            ),
            "Designation.decided_on",
        ),
        (lambda: Designation(AREA, "threatened", 2021, 2, (SEED,), notes=("",)), "notes"),
        (
            lambda: AgreementVersion("OK", "t", (SEED,), date(2022, 1, 1), date(2021, 1, 1)),
            "ends",
        ),
        (lambda: RightParameter("p", bad(0.5), "u", "d", (SEED,)), "an int or a Decimal"),
        (lambda: CoverageRight("", "t", "s", (SEED,)), "CoverageRight.id"),
        (
            lambda: CoverageRegister(POLICY, [bad(object())]),
            "designations must hold Designation values",
        ),
        (lambda: CoverageRegister(POLICY, [], sources=("NOPE",)), "unknown source key"),
        (lambda: CoverageRegister(POLICY, [], areas=(AREA, AREA)), "listed twice"),
        (
            lambda: CoverageRegister(POLICY, [], areas=[bad("a")]),
            "areas must hold CoverageArea values",
        ),
        (
            lambda: CoverageRegister(
                POLICY,
                [POLICY.designate(AREA, "threatened", 2021)],
                areas=(CoverageArea("b", "B"),),
            ),
            "not in the register's areas",
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
            "has a period of 3 years",
        ),
        (
            lambda: CoverageRegister(POLICY, [POLICY.designate(AREA, "threatened", 2021)] * 2),
            "designated as a coverage-threatened area twice in 2021",
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
    for kwargs in ({}, {"on": date(2021, 1, 1), "year": 2021}):
        with pytest.raises(InvalidValueError, match="exactly one of on="):
            coverage_status(rm, "skjern", **kwargs)
    with pytest.raises(InvalidValueError, match="unknown area 'nowhere'"):
        coverage_status(rm, "nowhere", year=2021)
    with pytest.raises(InvalidValueError, match="a CoverageArea or an id"):
        coverage_status(rm, bad(42), year=2021)
    with pytest.raises(InvalidValueError, match="must be a date"):
        coverage_status(rm, "skjern", on=datetime(2021, 1, 1))
    with pytest.raises(InvalidValueError, match="year"):
        coverage_status(rm, "skjern", year=bad(True))
    with pytest.raises(InvalidValueError, match="year"):
        coverage_decision(rm, 99)
    by_object = coverage_status(rm, rm.area("skjern"), year=2021)
    assert by_object == coverage_status(rm, "ld skjern", year=2021)


def test_areas_default_to_the_designated_ones_sorted_by_id() -> None:
    b, a = CoverageArea("b", "LD B"), CoverageArea("a", "LD A")
    reg = CoverageRegister(
        POLICY, [POLICY.designate(b, "threatened", 2021), POLICY.designate(a, "attention", 2021)]
    )
    assert [x.id for x in reg.areas] == ["a", "b"]
    assert reg.review_date(2021) is None
    assert reg.window(reg.designations[0]) == (date(2021, 1, 1), date(2023, 1, 1), False)


# --- properties ---------------------------------------------------------------------

AREAS = tuple(CoverageArea(i, f"LD {i.upper()}") for i in ("a", "b", "c"))
YEARS = range(2015, 2023)
KINDS: tuple[CoverageKind, ...] = ("threatened", "attention")
DAYS = st.dates(date(2018, 1, 1), date(2027, 12, 31))  # the rights are dated from OK18
RANK = {"none": 0, "attention": 1, "threatened": 2}


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
    review = {
        y: date.fromordinal(date(y, 1, 1).toordinal() + draw(st.integers(0, 364))) for y in YEARS
    }
    return [(a, k, y, review[y] if draw(st.booleans()) else None) for a, k, y in keys]


def build(specs: Any, policy: RegionCoveragePolicy) -> list[Designation]:
    return [policy.designate(a, k, y, decided_on=d) for a, k, y, d in specs]


@given(specs=designation_specs(), data=st.data(), day=DAYS, year=st.integers(2014, 2027))
def test_status_never_depends_on_the_loading_order(
    specs: Any, data: st.DataObject, day: date, year: int
) -> None:
    designations = build(specs, POLICY)
    one = CoverageRegister(POLICY, designations, areas=AREAS)
    two = CoverageRegister(POLICY, data.draw(st.permutations(designations)), areas=AREAS)
    assert one == two
    for area in AREAS:
        assert coverage_status(one, area, on=day) == coverage_status(two, area, on=day)
        assert coverage_status(one, area, year=year) == coverage_status(two, area, year=year)
        assert coverage_rights(one, area, on=day) == coverage_rights(two, area, on=day)
    assert coverage_decision(one, year) == coverage_decision(two, year)


@given(specs=designation_specs(kinds=("attention",)), day=DAYS, year=st.integers(2014, 2027))
def test_an_attention_only_area_never_has_rights(specs: Any, day: date, year: int) -> None:
    reg = CoverageRegister(POLICY, build(specs, POLICY), areas=AREAS)
    for area in AREAS:
        assert coverage_rights(reg, area, on=day).rights == ()
        assert not coverage_status(reg, area, year=year).has_rights
    assert lapsing(reg, year) == keeping_rights(reg, year) == ()


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
            a = coverage_status(reg_short, area, **query)
            b = coverage_status(reg_long, area, **query)
            assert RANK[b.outcome] >= RANK[a.outcome], (a.reason, b.reason)
            if a.outcome == "threatened":
                assert b.outcome == "threatened"


@given(specs=designation_specs(), day=DAYS)
def test_rights_exactly_when_threatened(specs: Any, day: date) -> None:
    reg = CoverageRegister(POLICY, build(specs, POLICY), areas=AREAS)
    for area in AREAS:
        result = coverage_rights(reg, area, on=day)
        assert (result.outcome == "granted") == (result.status.outcome == "threatened")
        assert result.reason
        assert result.sources
        assert RightsResult.from_dict(result.to_dict()) == result


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


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "coverage.toml"
    path.write_text(text, encoding="utf-8")
    return path


def replace(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_valid_file_loads(tmp_path: Path) -> None:
    reg = load_coverage(write(tmp_path, VALID))
    assert (reg.title, reg.sources) == ("T", (SEED,))
    assert reg.area("b").municipality == "B Kommune"
    assert coverage_status(reg, "a", year=2021).designations[0].notes == ("first", "second")
    assert coverage_status(reg, "b", on=date(2021, 2, 23)).outcome == "attention"


WITHOUT_DESIGNATIONS = VALID[: VALID.index("[[designations]]")]

BROKEN: list[tuple[str, str, str | None, str]] = [
    ("schema-wrong", replace("schema_version = 1", "schema_version = 2"), "schema_version", "2"),
    ("unknown-top-key", replace('title = "T"', "colour = 1"), "colour", "unknown key"),
    (
        "top-sources-unknown",
        replace('sources = ["PPU-RM-2021-02"]\n\n[policy]', 'sources = ["NOPE"]\n\n[policy]'),
        "sources",
        "'NOPE'",
    ),
    (
        "policy-unknown-key",
        replace('region = "Region X"', 'region = "Region X"\nperiod = 2'),
        "policy.period",
        "unknown key",
    ),
    (
        "period-zero",
        replace("attention_period_years = 1", "attention_period_years = 0"),
        "policy.attention_period_years",
        ">= 1",
    ),
    (
        "policy-sources-empty",
        replace('sources = ["PPU-RM-2021-02"]\n\n[[area]]', "sources = []\n\n[[area]]"),
        "policy.sources",
        "at least one entry",
    ),
    ("area-duplicate-id", replace('id = "b"', 'id = "a"'), "area[1].id", "a second time"),
    ("area-bad-id", replace('id = "b"', 'id = "B B"'), "area[1]", "CoverageArea.id"),
    (
        "kind-bad",
        replace('kind = "threatened"', 'kind = "danger"'),
        "designations[0].kind",
        "'danger'",
    ),
    (
        "year-two-digits",
        replace("year = 2021\ndecided_on", "year = 21\ndecided_on"),
        "designations[0].year",
        "from 1900 to 2200",
    ),
    (
        "until-wrong",
        replace("until_year = 2023", "until_year = 2024"),
        "designations[0].until_year",
        "(2021 + 2 = 2023), got 2024",
    ),
    (
        "decided-other-year",
        replace("decided_on = 2021-02-23", "decided_on = 2020-02-23"),
        "designations[0].decided_on",
        "in the designation year 2021",
    ),
    (
        "designation-unknown-key",
        replace('kind = "attention"', 'kind = "attention"\nperiod = 1'),
        "designations[1].period",
        "unknown key",
    ),
    (
        "areas-unknown-id",
        replace('areas = ["b"]', 'areas = ["b", "zz"]'),
        "designations[1].areas[1]",
        "(a, b), got 'zz'",
    ),
    (
        "areas-blank",
        replace('areas = ["b"]', 'areas = [" "]'),
        "designations[1].areas[0]",
        "non-empty",
    ),
    (
        "note-other-area",
        replace('a = ["first", "second"]', 'b = "x"'),
        "designations[0].notes.b",
        "an area of this designation (a)",
    ),
    (
        "note-empty-list",
        replace('a = ["first", "second"]', "a = []"),
        "designations[0].notes.a",
        "at least one entry",
    ),
    (
        "until-beyond-range",
        replace('kind = "attention"\nyear = 2021', 'kind = "attention"\nyear = 2200'),
        "designations[1]",
        "Designation.until_year",
    ),
    ("designations-missing", WITHOUT_DESIGNATIONS, "designations", "required"),
    (  # LOV-699-2025: Region Sjælland decides nothing in 2027, Region Østdanmark nothing in 2021
        "region-ended-in-designation-year",
        replace('region = "Region X"', 'region = "Region Sjælland"').replace(
            "year = 2021\nareas", "year = 2027\nareas"
        ),
        "designations[1].year",
        "no longer exists in 2027: it ended on 31 December 2026 and Region Østdanmark took over",
    ),
    (
        "region-not-yet-in-designation-year",
        replace('region = "Region X"', 'region = "Region Østdanmark"'),
        "designations[0].year",
        "for 2021 write the region the municipality lay in then: "
        "Region Hovedstaden / Region Sjælland",
    ),
    ("name-line-break", replace('name = "LD A"', 'name = "LD A\\nA"'), "area[0]", "line break"),
    (
        "designated-twice",
        VALID + '\n[[designations]]\nkind = "threatened"\nyear = 2021\n'
        'areas = ["a"]\nsources = ["PPU-RM-2021-02"]\n',
        "designations",
        "'a' is designated as a coverage-threatened area twice in 2021",
    ),
    (
        "two-decision-dates",
        replace(
            'kind = "attention"\nyear = 2021',
            'kind = "attention"\nyear = 2021\ndecided_on = 2021-03-01',
        ),
        "designations",
        "two decision dates in 2021",
    ),
]


@pytest.mark.parametrize(("case", "text", "key", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file(tmp_path: Path, case: str, text: str, key: str | None, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FileFormatError) as info:
        load_coverage(path)
    assert (info.value.path, info.value.key) == (str(path), key)
    assert message in info.value.detail, info.value.detail


RIGHTS_FILE = (resources.files("klu_rules") / "data" / "coverage_rights.toml").read_text("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("value = 6", "value = 0.5", "rights[0].parameters[0].value"),
        ('value = "0.5"', 'value = "half"', "rights[1].parameters[0].value"),
        ('agreement = "OK18"', 'agreement = "OK99"', "unknown right or agreement"),
        ('key = "OK22"', 'key = "OK18"', "agreement listed twice: OK18"),
        ('id = "employed_doctors"', 'id = "shared_practice"', "right listed twice"),
        ("in_force_until = 2024-12-31", "in_force_until = 2021-01-01", "OK22 ends"),
        ("locked_period_years = 3", "locked_period_years = 0", "locked_period_years"),
        ("region_can_add = false", 'region_can_add = "no"', "region_can_add"),
        ('sources = ["OK22-102"]\nnote = "Ends', 'sources = ["NOPE"]\nnote = "Ends', "'NOPE'"),
        ("schema_version = 1", "schema_version = 2", "schema_version 2"),
    ],
)
def test_a_broken_rights_file_says_what_is_wrong(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert load_coverage_rights(write(tmp_path, RIGHTS_FILE)) == RIGHTS_DATA
    assert old in RIGHTS_FILE
    path = write(tmp_path, RIGHTS_FILE.replace(old, new, 1))
    with pytest.raises(FileFormatError, match=re.escape(message)) as info:
        load_coverage_rights(path)
    assert info.value.path == str(path)


# --- the command line -------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["coverage", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_text_by_default_the_latest_review_in_danish(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run_cli(capsys)
    assert (status, err) == (0, "")
    assert "23. februar 2021" in out
    assert "Lægedækningstruede områder (16):" in out
    assert "Opmærksomhedsområder (4):" in out
    assert "Ingen status (2):" in out
    skjern = next(line for line in out.splitlines() if "LD Skjern" in line)
    assert "ny udpegning; mister rettigheder" in skjern
    assert out.rstrip().endswith("Kilder: PPU-RM-2021-02")
    out = run_cli(capsys, "--on", "2021-06-01", "--explain")[1]
    assert "Rettigheder i lægedækningstruede områder (OK18):" in out
    rights = [line for line in out.splitlines() if line.startswith(("  1. ", "  2. ", "  3. "))]
    assert [line.rsplit("(", 1)[1] for line in rights] == [
        "OK18 § 22, stk. 4)",
        "OK18 § 20, stk. 1)",
        "OK18: ikke angivet i kilderne)",
    ]


def test_cli_years_without_a_review_or_with_incomplete_lists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # PPU-RM-2021-02: the 2020 areas "vil først blive vurderet ved udløb i 2022"; the
    # register holds no 2022 review, so nothing is said about their rights then.
    out = run_cli(capsys, "--year", "2022", "--lang", "en")[1]
    assert "loses its rights" not in out
    assert "expires" not in out
    assert "Not known: to be reviewed in 2022 (19):" in out
    assert "what that year's review decides is not known" in out
    out = run_cli(capsys, "--year", "2023", "--lang", "en")[1]
    allingaabro = next(line for line in out.splitlines() if "LD Allingåbro" in line)
    assert "to be reviewed" in allingaabro
    # 2020: Allingåbro is named only as an example ("Eksempelvis ..."): the list is incomplete
    out = run_cli(capsys, "--year", "2020", "--lang", "en")[1]
    assert "only as far as its source mentions them (they are complete from 2021)" in out
    assert "No status known (3):" in out
    assert "No status (" not in out
    assert "complete from 2021" not in run_cli(capsys, "--year", "2021", "--lang", "en")[1]


def test_cli_rights_after_ok22_are_said_to_be_assumed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "cov.toml"
    path.write_text(
        'schema_version = 1\n[policy]\nregion = "Region Midtjylland"\n'
        'threatened_period_years = 2\nattention_period_years = 1\nsources = ["PPU-RM-2021-02"]\n'
        '[[area]]\nid = "a"\nname = "LD A"\n[[designations]]\nkind = "threatened"\n'
        'year = 2026\nareas = ["a"]\nsources = ["PPU-RM-2021-02"]\n',
        encoding="utf-8",
    )
    out = run_cli(capsys, "--file", str(path), "--on", "2027-06-01", "--lang", "en")[1]
    assert "(Aftale27 is not known; assumed to continue as under OK22" in out
    assert "Set up a shared practice (delepraksis) without permission" in out  # English title
    assert "(assumed to continue as under OK22 § 13, stk. 5)" in out
    out = run_cli(capsys, "--file", str(path), "--on", "2026-06-01", "--format", "json")[1]
    doc = json.loads(out)
    assert doc["continuation"] == {"status": "assumed", "from": "OK22"}
    assert doc["areas"][0]["rights"][0]["assumed_citation"] == "§ 13, stk. 5"


def test_cli_json_for_a_year_and_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--year", "2021", "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert doc["schema"] == JSON_SCHEMA
    assert doc["query"] == {
        "on": None,
        "year": 2021,
        "review_date": "2021-02-23",
        "review_recorded": True,
        "lists_complete": True,
    }
    assert doc["agreement"] is None
    by_id = {a["area"]["id"]: a for a in doc["areas"]}
    assert by_id["skjern"]["outcome"] == "attention"
    assert by_id["skjern"]["change"] == ["new", "loses_rights"]
    assert by_id["anholt"]["change"] == ["keeps_rights"]
    assert by_id["endelave"]["change"] == ["loses_rights"]
    assert CoverageStatus.from_dict(
        {k: v for k, v in by_id["skjern"].items() if k not in ("change", "rights")}
    )
    lists = CoverageDecision.from_dict(doc["lists"])
    assert [d.area.id for d in lists.new_threatened] == ["allingaabro"]
    assert doc["national_model"]["parameters"]["region_can_add"] is False
    doc = json.loads(run_cli(capsys, "--on", "2022-06-01", "--format", "json")[1])
    assert doc["agreement"]["key"] == "OK22"
    assert (doc["lists"], doc["query"]["review_recorded"]) == (None, False)
    by_id = {a["area"]["id"]: a for a in doc["areas"]}
    citations = [r["citation"] for r in by_id["anholt"]["rights"]]
    assert citations == ["§ 13, stk. 5", "§ 24, stk. 2", None]
    assert by_id["skjern"]["rights"] == []
    assert "OK22-102" in doc["sources"]


def test_cli_csv_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--on", "2021-06-01", "--format", "csv")
    assert status == 0
    rows = {r["area_id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert len(rows) == 22
    alling = rows["allingaabro"]
    assert [alling[k] for k in ("status", "since_year", "until_year")] == [
        "threatened",
        "2021",
        "2023",
    ]
    assert "shared_practice: OK18 § 22, stk. 4" in alling["rights"]
    assert "leave_compensation: OK18 ikke angivet i kilderne" in alling["rights"]
    assert (rows["endelave"]["status"], rows["endelave"]["rights"]) == ("none", "")


def test_cli_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_cli(capsys, "--year", "2022", "--format", "markdown", "--explain")
    assert status == 0
    assert out.startswith("# Lægedækningstruede områder 2021, Region Midtjylland\n")
    assert "ingen udpegning fra 2022" in out
    rows = [line.split(" | ") for line in out.splitlines() if line.startswith("| LD ")]
    assert len(rows) == 22
    assert all(len(r) == 6 for r in rows)  # the --explain column
    assert "## Rettigheder" not in out
    status, out, _ = run_cli(capsys, "--on", "2022-03-01", "--format", "markdown")
    assert "## Rettigheder i lægedækningstruede områder (OK22)" in out
    assert "(OK22 § 13, stk. 5)" in out


def test_cli_title_falls_back_to_the_region(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, VALID.replace('title = "T"\n', ""))
    assert run_cli(capsys, "--file", str(path), "--format", "markdown")[1].startswith(
        "# Region X\n"
    )
    out = run_cli(capsys, "--file", str(path), "--on", "2020-01-01", "--explain")[1]
    assert out.startswith("Region X\n")
    assert "Ingen status (2):" in out
    assert "Rettigheder" not in out


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, replace("until_year = 2023", "until_year = 2024"))
    status, out, err = run_cli(capsys, "--file", str(path))
    assert (status, out) == (2, "")
    assert err.startswith(f"klu-rules: fejl: {path}, nøgle 'designations[0].until_year': ")
    text = WITHOUT_DESIGNATIONS.replace(
        "schema_version = 1\n", "schema_version = 1\ndesignations = []\n"
    )
    empty = write(tmp_path, text)
    status, _, err = run_cli(capsys, "--file", str(empty))
    assert status == 2
    assert "--on DATO eller --year N" in err
    assert run_cli(capsys, "--file", str(empty), "--year", "2021")[0] == 0


@pytest.mark.parametrize(
    "args", [["--on", "1 June 2021"], ["--on", "2021-06-01", "--year", "2021"], ["--format", "xml"]]
)
def test_cli_rejects_bad_arguments(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["coverage", *args])
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("klu-rules: fejl: argument --")


def test_render_rejects_an_unknown_format(rm: CoverageRegister) -> None:
    with pytest.raises(InvalidValueError, match="format must be one of"):
        render(rm, year=2021, fmt=bad("xml"))


# --- Danish and English ----------------------------------------------------------------------


def _every_coverage_result(rm: CoverageRegister) -> list[Any]:
    results: list[Any] = []
    for year in (2019, 2020, 2021, 2022, 2023):
        results.append(coverage_decision(rm, year))
        results += coverage_statuses(rm, year=year)
    for day in (date(2019, 3, 5), date(2019, 6, 1), date(2021, 6, 1), date(2023, 2, 1)):
        results += coverage_statuses(rm, on=day)
        results += [coverage_rights(rm, a, on=day) for a in rm.areas]
    return results


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_coverage_reason_is_written_in_one_language(
    rm: CoverageRegister, language: str
) -> None:
    reasons = set()
    for result in _every_coverage_result(rm):
        text = result.explain(language)
        reasons.add(result.reason)
        assert "{" not in text
        assert text != result.reason
        allow = frozenset(re.findall(r"\w+", str(result.parameters.get("area", "")).lower()))
        assert foreign_words(text, language, allow=allow | {"ok18", "ok22"}) == set(), text
    assert len(reasons) >= 8


def test_coverage_reasons_known_answers(rm: CoverageRegister) -> None:
    alling = coverage_status(rm, "allingaabro", on=date(2021, 6, 1))
    assert alling.reason == "coverage.status-on.designated"
    assert alling.explain("en").startswith(
        "LD Allingåbro is a regionally coverage-threatened area on 1 June 2021: designated on "
    )
    assert alling.explain("da").startswith(
        "LD Allingåbro er et regionalt lægedækningstruet område 1. juni 2021: udpeget "
    )
    assert "31. december 2023" in alling.explain("da")


def test_the_national_model_explained_in_both_languages() -> None:
    result = NATIONAL_MODEL.explain()
    assert result.reason == "coverage.national-model"
    assert "locked for 3 years from early 2018" in result.explain("en")
    assert "låst i 3 år fra primo 2018" in result.explain("da")
    for language in ("da", "en"):
        assert foreign_words(result.explain(language), language) == set()  # type: ignore[arg-type]


def test_the_rights_are_known_from_ok18_on() -> None:
    # OK18 "gælder fra 1. januar 2018" (laeger.dk); the agreement before it is not in the data
    reg = CoverageRegister(POLICY, (), areas=AREAS)
    assert coverage_rights(reg, AREAS[0], on=date(2018, 1, 1)).agreement.key == "OK18"
    with pytest.raises(NoRulesInForceError, match="no agreement version in force on 2017-12-31"):
        coverage_rights(reg, AREAS[0], on=date(2017, 12, 31))
