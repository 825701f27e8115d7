"""Every error of the rules layer is written in Danish or English, never both in one sentence.

One bad input per text key of ``errors_rules.toml``; each error reads in one language only,
and every key of the file is raised by some case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import catalogue_error_keys, foreign_words, keyed_error_texts, raised

from klu_rules import get_rule_set
from klu_rules.core.errors import FileFormatError
from klu_rules.core.messages import error_text
from klu_rules.core.period import Period
from klu_rules.rules.calendar import (
    CALENDAR_MAX_DATE,
    CALENDAR_MIN_DATE,
    ClosingDay,
    DanishCalendar,
    EasterOffset,
    FixedDate,
    HolidayRule,
)
from klu_rules.rules.coverage_rights import (
    RIGHTS_DATA,
    AgreementVersion,
    RightCitation,
    RightParameter,
    load_coverage_rights,
)
from klu_rules.rules.entries import FixedAgendaItem, RuleEntry, RuleStatus, Seat
from klu_rules.rules.loader import load_rule_set, parse_rule_set
from klu_rules.rules.ruleset import RuleSet

NATIONAL = get_rule_set("national")
AALBORG = get_rule_set("aalborg")
CAL = DanishCalendar()
DAY = date(2020, 1, 1)
JUNE = date(2023, 6, 1)
E = RuleEntry("meetings_per_year", 4, DAY, ("AAL2021",))
OK22 = next(a for a in RIGHTS_DATA.agreements if a.key == "OK22")


def entry(key: str, value: object, **kw: Any) -> RuleEntry:
    return RuleEntry(key, value, DAY, kw.pop("sources", ("AAL2021",)), **kw)  # type: ignore[arg-type]


def local(*entries: RuleEntry, parent: RuleSet | None = NATIONAL) -> RuleSet:
    return RuleSet("x", "X", "local", entries, parent=parent)


def rule_file(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"schema_version": 1, "name": "n", "title": "N", "level": "national"}
    data.update(changes)
    return data


RULES = {"meetings_per_year": [{"value": 4, "effective_from": DAY, "sources": ["VEJL2011"]}]}

# (text key, the call that raises it, data words the text may show as given)
CASES: list[tuple[str, Callable[[], object], frozenset[str]]] = [
    ("calendar.datetime", lambda: CAL.is_working_day(datetime(2024, 1, 2, 10)), frozenset()),
    ("calendar.not_date", lambda: CAL.is_working_day("2024-01-02"), frozenset()),  # type: ignore[arg-type]
    ("calendar.outside", lambda: CAL.is_working_day(date(1899, 12, 31)), frozenset()),
    ("calendar.roll_past_end", lambda: CAL.roll(CALENDAR_MAX_DATE, "following"), frozenset()),
    ("calendar.roll_before_start", lambda: CAL.roll(CALENDAR_MIN_DATE, "preceding"), frozenset()),
    ("calendar.add_past_end", lambda: CAL.add_working_days(date(2200, 12, 30), 1), frozenset()),
    ("calendar.add_before_start", lambda: CAL.add_working_days(date(1900, 1, 2), -1), frozenset()),
    ("calendar.not_int", lambda: EasterOffset(1.0), frozenset()),  # type: ignore[arg-type]
    ("calendar.month", lambda: FixedDate(13, 1), frozenset()),
    ("calendar.day_of_month", lambda: FixedDate(2, 30), frozenset()),
    ("calendar.holiday_key", lambda: HolidayRule("midsummer", FixedDate(6, 23)), frozenset()),
    (
        "calendar.holiday_kind",
        lambda: HolidayRule("labour_day", FixedDate(5, 1), kind="optional"),  # type: ignore[arg-type]
        frozenset(),
    ),
    (
        "calendar.holiday_years",
        lambda: HolidayRule("labour_day", FixedDate(5, 1), first_year=2000, last_year=1999),
        frozenset(),
    ),
    ("calendar.closing_name", lambda: ClosingDay(5, 1, " "), frozenset()),
    ("calendar.not_leap_year", lambda: ClosingDay(2, 29, "Skuddag", 2023), frozenset()),
    ("calendar.closing_days", lambda: DanishCalendar(extra_closing_days=5), frozenset()),  # type: ignore[arg-type]
    ("calendar.closing_day_item", lambda: DanishCalendar(extra_closing_days=[(5, 1)]), frozenset()),  # type: ignore[list-item]
    ("calendar.not_bool", lambda: DanishCalendar(statutory_closing_days=0), frozenset()),  # type: ignore[arg-type]
    ("calendar.direction", lambda: CAL.roll(JUNE, "forward"), frozenset()),  # type: ignore[arg-type]
    # coverage rights
    (
        "coverage_rights.ends_before_start",
        lambda: AgreementVersion("OK99", "T", ("OK22-102",), date(2022, 1, 1), date(2021, 1, 1)),
        frozenset(),
    ),
    (
        "coverage_rights.not_exact",
        lambda: RightParameter("x", 0.5, "andel", "andel", ("OK22-102",)),  # type: ignore[arg-type]
        frozenset(),
    ),
    ("coverage_rights.no_parameter", lambda: RIGHTS_DATA.rights[0].parameter("x"), frozenset()),
    (
        "coverage_rights.twice_agreement",
        lambda: attrs.evolve(RIGHTS_DATA, agreements=RIGHTS_DATA.agreements * 2),
        frozenset(),
    ),
    (
        "coverage_rights.twice_right",
        lambda: attrs.evolve(RIGHTS_DATA, rights=RIGHTS_DATA.rights * 2),
        frozenset(),
    ),
    (
        "coverage_rights.twice_citation",
        lambda: attrs.evolve(RIGHTS_DATA, citations=RIGHTS_DATA.citations * 2),
        frozenset(),
    ),
    (
        "coverage_rights.unknown_citation",
        lambda: attrs.evolve(
            RIGHTS_DATA,
            citations=(
                *RIGHTS_DATA.citations,
                RightCitation("x", "OK22", "§ 1", ("OK22-102",)),
            ),
        ),
        frozenset(),
    ),
    (
        "coverage_rights.no_agreement",
        lambda: attrs.evolve(RIGHTS_DATA, agreements=(OK22,), citations=()).agreement_on(
            JUNE.replace(year=2021)
        ),
        frozenset(),
    ),
    (
        "coverage_rights.no_agreements",
        lambda: attrs.evolve(RIGHTS_DATA, agreements=(), citations=()).agreement_on(JUNE),
        frozenset(),
    ),
    # rule entries and rule-set files
    ("rulefile.unknown_key", lambda: entry("coffee", 1), frozenset()),
    (
        "rulefile.unknown_rule_key",
        lambda: parse_rule_set(rule_file(rules={"coffee": []})),
        frozenset(),
    ),
    ("rulefile.wrong_type", lambda: entry("meetings_per_year", "fire"), frozenset()),
    ("rulefile.blank", lambda: entry("evaluation_recipient", " "), frozenset()),
    ("rulefile.choice", lambda: entry("honorarium_payer", "kongen"), frozenset()),
    ("rulefile.unit", lambda: entry("agenda_dispatch_notice", Period(2, "hours")), frozenset()),
    ("rulefile.not_finite", lambda: entry("quorum_doctor_share", Decimal("NaN")), frozenset()),
    ("rulefile.negative", lambda: entry("meetings_per_year", -1), frozenset()),
    ("rulefile.bound", lambda: entry("meetings_per_year", 4, bound="upper"), frozenset()),
    (
        "rulefile.bound_type",
        lambda: entry("honorarium_payer", "region", bound="minimum"),
        frozenset(),
    ),
    ("rulefile.uncited", lambda: entry("meetings_per_year", 4, sources=()), frozenset()),
    (
        "rulefile.no_sources",
        lambda: FixedAgendaItem("k", "1", "Godkendelse", "approval", DAY, ()),  # type: ignore[arg-type]
        frozenset(),
    ),
    ("rulefile.field_type", lambda: entry("meetings_per_year", 4, note=5), frozenset()),
    (
        "rulefile.below_one",
        lambda: Seat("k", "Formand", "municipality", "chair", DAY, ("AAL2021",), count=0),  # type: ignore[arg-type]
        frozenset(),
    ),
    (
        "rulefile.layered_on",
        lambda: parse_rule_set(rule_file(level="local", layered_on="aalborg")),
        frozenset(),
    ),
    (
        "rulefile.national_layered",
        lambda: parse_rule_set(rule_file(layered_on="national", rules=RULES)),
        frozenset(),
    ),
    ("rulefile.national_empty", lambda: parse_rule_set(rule_file()), frozenset()),
    ("rulefile.no_file", lambda: get_rule_set("findes-ikke.toml"), frozenset()),
    ("rulefile.unknown_rule_set", lambda: get_rule_set("odense"), frozenset()),
    ("rulefile.name_type", lambda: get_rule_set(None), frozenset()),  # type: ignore[arg-type]
    ("rulefile.parent_type", lambda: load_rule_set("x.toml", parent="national"), frozenset()),  # type: ignore[arg-type]
    # layering
    ("layering.not_entry", lambda: local(1), frozenset()),  # type: ignore[arg-type]
    ("layering.level", lambda: RuleSet("x", "X", "regional", (E,)), frozenset()),  # type: ignore[arg-type]
    ("layering.no_parent", lambda: local(E, parent=None), frozenset()),
    (
        "layering.national_parent",
        lambda: RuleSet("x", "X", "national", (E,), parent=NATIONAL),
        frozenset(),
    ),
    ("layering.local_parent", lambda: local(E, parent=AALBORG), frozenset()),
    ("layering.two_values", lambda: local(E, E), frozenset()),
    (
        "layering.local_bound",
        lambda: local(entry("meetings_per_year", 4, bound="minimum")),
        frozenset(),
    ),
    (
        "layering.unit",
        lambda: local(entry("agenda_dispatch_notice", Period(1, "months"))),
        frozenset(),
    ),
    ("layering.on", lambda: NATIONAL.in_force("2023-01-01"), frozenset()),  # type: ignore[arg-type]
    ("layering.layering", lambda: NATIONAL.in_force(JUNE, layering="loose"), frozenset()),  # type: ignore[arg-type]
    (
        "layering.no_value",
        lambda: NATIONAL.in_force(date(2012, 1, 1)).get("nursing_home_monthly_fee"),
        frozenset(),
    ),
    (
        "layering.getter",
        lambda: NATIONAL.in_force(JUNE).get_period("meetings_per_year"),
        frozenset(),
    ),
    ("layering.topic", lambda: NATIONAL.in_force(JUNE).topic("x"), frozenset()),
    ("layering.unknown_key", lambda: NATIONAL.in_force(JUNE).get("coffee"), frozenset()),
    ("layering.no_rules_yet", lambda: NATIONAL.in_force(date(2000, 1, 1)), frozenset()),
    (
        "layering.no_rules_uncited",
        lambda: RuleSet(
            "national",
            "National KLU rules",
            "national",
            (
                RuleEntry(
                    "roll_after", "following", date(2011, 4, 1), (), status=RuleStatus.CONVENTION
                ),
            ),
        ).in_force(date(2000, 1, 1)),
        frozenset(),
    ),
    # a datetime is a date too: refused, not a bare TypeError from comparing it with dates
    ("layering.on_datetime", lambda: NATIONAL.in_force(datetime(2023, 6, 1)), frozenset()),
    (
        "layering.assumed_from",
        lambda: attrs.evolve(NATIONAL, assumed_from=date(2027, 1, 1)),
        frozenset(),
    ),
    ("layering.no_rules", lambda: RuleSet("n", "N", "national", ()).in_force(JUNE), frozenset()),
]


@pytest.mark.parametrize(("key", "call", "allow"), CASES, ids=[c[0] for c in CASES])
def test_each_error_reads_in_one_language(
    key: str, call: Callable[[], object], allow: frozenset[str]
) -> None:
    da, en = keyed_error_texts(key, call, allow)
    assert da != en


def test_every_key_of_the_rules_errors_israised() -> None:
    assert catalogue_error_keys("errors_rules.toml", skip=("rule_type",)) == {c[0] for c in CASES}


def test_a_rule_file_error_says_where_and_quotes_a_short_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    long = "x" * 200
    path.write_text(
        'schema_version = 1\nname = "l"\ntitle = "L"\nlevel = "local"\n'
        f'layered_on = "national"\n\n[[rules.honorarium_payer]]\nvalue = "{long}"\n'
        'effective_from = 2020-01-01\nsources = ["AAL2021"]\n',
        encoding="utf-8",
    )
    error = raised(lambda: get_rule_set(path))
    assert isinstance(error, FileFormatError)
    assert (error.path, error.key) == (str(path), "rules.honorarium_payer[0]")
    da = error_text(error, "da")
    assert da.startswith(f"{path}:7, nøgle 'rules.honorarium_payer[0]': reglen")
    assert "x" * 58 not in da
    assert foreign_words(da.replace(str(path), ""), "da") == set()


def test_a_coverage_rights_file_keeps_the_place_and_the_language(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "src/klu_rules/data/coverage_rights.toml").read_text(
        "utf-8"
    )
    path = tmp_path / "rights.toml"
    path.write_text(text.replace('key = "OK22"', 'key = "OK18"', 1), encoding="utf-8")
    error = raised(lambda: load_coverage_rights(path))
    assert isinstance(error, FileFormatError)
    assert error.path == str(path)
    assert "overenskomsten er angivet to gange: OK18" in error_text(error, "da")
    path.write_text(text.replace("value = 6", "value = 0.5", 1), encoding="utf-8")
    located = raised(lambda: load_coverage_rights(path))
    assert isinstance(located, FileFormatError)
    assert located.key == "rights[0].parameters[0].value"
