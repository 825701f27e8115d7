"""Every error of the core and the model reads wholly in Danish or wholly in English.

One bad input per text key of ``errors_core.toml`` and ``errors_model.toml`` (and per label
they use): the error's Danish text has no English word, its English text no Danish word, and
no key of those files is left that no input raises.
"""

from __future__ import annotations

import string
import tomllib
import typing
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import cph, plain_committee, raised, texts_in_one_language

from klu_rules import (
    Agenda,
    AgendaItem,
    Attendance,
    Committee,
    Meeting,
    Membership,
    Person,
    get_rule_set,
)
from klu_rules.core import messages
from klu_rules.core.convert import check_count, check_date, check_year, str_tuple
from klu_rules.core.data import data_file
from klu_rules.core.errors import KluRulesError
from klu_rules.core.findings import finding
from klu_rules.core.messages import (
    _check_template,
    _flatten,
    catalogue,
    check_language,
    error_text,
    message,
)
from klu_rules.core.money import Money, to_ore
from klu_rules.core.period import Period
from klu_rules.core.result import Finding
from klu_rules.core.serialize import from_data, to_data
from klu_rules.core.timeutil import get_zone, localize, require_aware
from klu_rules.io.evaluation_file import overview_from_mapping
from klu_rules.model.agreement import Agreement
from klu_rules.model.coverage import (
    CoverageArea,
    CoverageRegister,
    Designation,
    RegionCoveragePolicy,
)
from klu_rules.model.evaluation import (
    EvaluationEntry,
    EvaluationReport,
    MeetingCount,
    RegionOverview,
)
from klu_rules.model.people import Role, Side
from klu_rules.model.records import (
    AnnualWheel,
    EvaluationRecord,
    FollowUp,
    MeetingCalendar,
    Minutes,
    MinutesItem,
    check_as_of,
)

FILES = ("errors_core.toml", "errors_model.toml")

# --- builders -------------------------------------------------------------------------------

ANN = Person("ann", "Ann Berg", doctor=True)
BO = Person("bo", "Bo Holm")
AREA = CoverageArea("ry", "LD Ry")
POLICY = RegionCoveragePolicy("Region Midtjylland", 2, 1, ("PPU-RM-2021-02",))


def _committee(**fields: object) -> Committee:
    return plain_committee(**{"rule_set": get_rule_set("aalborg")} | fields)


def _held(meeting_id: str = "m1", day: int = 30, **fields: object) -> Meeting:
    return Meeting(meeting_id, cph(2023, 11, day, 15), status="held", **fields)  # type: ignore[arg-type]


def _designation(**fields: object) -> Designation:
    values: dict[str, object] = {
        "area": AREA,
        "kind": "threatened",
        "year": 2021,
        "period_years": 2,
        "sources": ("PPU-RM-2021-02",),
    }
    return Designation(**(values | fields))  # type: ignore[arg-type]


def _register(*designations: Designation, **fields: object) -> CoverageRegister:
    return CoverageRegister(POLICY, designations, **fields)  # type: ignore[arg-type]


def _report(municipality: str = "Ærø", year: int = 2023, **fields: object) -> EvaluationReport:
    return EvaluationReport(municipality=municipality, year=year, **fields)  # type: ignore[arg-type]


def _evaluation_file(meeting_count: object) -> object:
    data = {
        "schema_version": 1,
        "region": "Syddanmark",
        "year": 2023,
        "entries": [{"municipality": "Ærø", "report": {"meeting_count": meeting_count}}],
    }
    return overview_from_mapping(data, path="evaluations.toml")


def _agreement(**fields: object) -> Agreement:
    return Agreement("a1", "Aftale om x", "voluntary", **fields)  # type: ignore[arg-type]


# --- one bad input per key: (key[/variant], what raises) --------------------------------------

CASES: list[tuple[str, Callable[[], object]]] = [
    # core: languages and the catalogue
    ("language.unsupported", lambda: check_language("fr")),
    ("messages.no_text", lambda: message("nothing.here", "da")),
    ("messages.unknown_form", lambda: _check_template("x.y", "{v:shout}", {}, set(), "x.toml")),
    # core: convert
    ("convert.identifier", lambda: Person("bad id!", "Ann Berg")),
    ("convert.text", lambda: EvaluationRecord(2023, general_assessment=5)),  # type: ignore[arg-type]
    ("convert.lines", lambda: AnnualWheel(2024, date(2023, 12, 1), topics=("",))),
    ("convert.whole_number", lambda: AgendaItem("1", "Punkt", "approval", 0)),
    ("convert.whole_number_min", lambda: check_count(-1, "residents_attached")),
    ("convert.character/line_break", lambda: Person("p", "Ann\nBerg")),
    ("convert.character/control", lambda: Person("p", "Ann\x07")),
    ("convert.nonempty_text", lambda: MeetingCount(raw="  ")),
    ("convert.optional_text", lambda: FollowUp("Ring", owner=5)),  # type: ignore[arg-type]
    ("convert.datetime", lambda: Meeting("m1", "2023-03-06")),  # type: ignore[arg-type]
    ("convert.date", lambda: check_date(cph(2023, 3, 6), "on")),
    ("convert.date_required", lambda: AnnualWheel(2024, None, topics=("a",))),  # type: ignore[arg-type]
    ("convert.choice", lambda: Side("left")),
    ("convert.not_a_sequence", lambda: str_tuple("abc")),
    ("convert.not_iterable", lambda: str_tuple(None)),  # type: ignore[arg-type]
    ("convert.not_iterable_at", lambda: Agenda(None)),  # type: ignore[arg-type]
    ("serialize.json_type", lambda: Finding.from_json(5)),  # type: ignore[arg-type]
    ("serialize.bad_json", lambda: Finding.from_json("{bad")),
    ("serialize.not_readable", lambda: from_data(Committee, to_data(plain_committee()))),
    ("findings.missing_parameters", lambda: Finding("quorum.not-quorate", "error", ())),
    ("convert.item_type", lambda: Agenda(items=("x",))),  # type: ignore[arg-type]
    ("convert.of_type", lambda: Membership("gp1", Side.GENERAL_PRACTICE, Role.DOCTOR_MEMBER)),  # type: ignore[arg-type]
    ("convert.text_item", lambda: str_tuple([1])),  # type: ignore[list-item]
    ("convert.year", lambda: check_year(1800)),
    # core: time zones and local times
    ("time.zone_name", lambda: get_zone("/etc")),
    ("time.unknown_zone", lambda: get_zone("Nowhere/Town")),
    ("time.localize_aware", lambda: localize(cph(2023, 3, 6, 15))),
    ("time.nonexistent", lambda: localize(datetime(2023, 3, 26, 2, 30))),
    ("time.ambiguous", lambda: localize(datetime(2023, 10, 29, 2, 30))),
    ("time.naive", lambda: require_aware("start", datetime(2023, 3, 6, 15))),
    # core: periods and money
    ("period.unit", lambda: Period(2, "fortnights")),  # type: ignore[arg-type]
    ("period.not_a_period", lambda: Period.parse("soon")),
    ("period.not_on_dates", lambda: Period(2, "hours").after(date(2023, 3, 6))),
    ("period.no_fixed_length", lambda: Period(1, "months").as_timedelta()),
    ("period.not_comparable", lambda: Period(1, "months").compare(Period(4, "weeks"))),
    ("money.type", lambda: to_ore(1.5)),  # type: ignore[arg-type]
    ("money.not_decimal", lambda: to_ore("abc")),
    ("money.not_finite", lambda: to_ore("Infinity")),
    ("money.too_large", lambda: to_ore("1e30")),
    ("money.price_level", lambda: Money(Decimal(1), "2021")),
    ("money.currency", lambda: Money(Decimal(1), "2021-04", "EUR")),
    ("money.price_levels", lambda: Money(Decimal(1), "2021-04") + Money(Decimal(1), "2022-04")),
    # core: stored data read back
    ("serialize.expected/choice", lambda: from_data(typing.Literal["a", "b"], "c")),  # type: ignore[arg-type]
    ("serialize.expected/list", lambda: from_data(tuple[int, ...], 5)),
    ("serialize.expected/list_of", lambda: from_data(tuple[int, int], [1])),
    ("serialize.expected/table", lambda: from_data(dict[str, int], 5)),
    ("serialize.expected/table_for", lambda: from_data(Person, 5)),
    ("serialize.expected/type", lambda: from_data(Path, 5)),
    ("serialize.expected/bool", lambda: from_data(bool, 1)),
    ("serialize.expected/int", lambda: from_data(int, "1")),
    ("serialize.expected/float", lambda: from_data(float, "x")),
    ("serialize.expected/str", lambda: from_data(str, 1)),
    ("serialize.expected/decimal", lambda: from_data(Decimal, 1.5)),
    ("serialize.expected/seconds", lambda: from_data(timedelta, "x")),
    ("serialize.expected/datetime", lambda: from_data(datetime, 5)),
    ("serialize.expected/date", lambda: from_data(date, "nope")),
    ("serialize.expected/time", lambda: from_data(time, 5)),
    ("serialize.unknown_keys", lambda: from_data(Person, {"id": "p", "name": "A", "x": 1})),
    ("serialize.missing_key", lambda: from_data(Person, {"id": "p"})),
    ("findings.severity", lambda: finding("rules.local-beyond-bound", severity="fatal")),  # type: ignore[arg-type]
    ("findings.unknown_code", lambda: finding("no.such-code")),
    # model: committee
    ("model.committee.rule_set", lambda: _committee(rule_set=object())),
    (
        "model.committee.person_id_reused",
        lambda: _committee(
            memberships=(
                Membership(ANN, "general_practice", "doctor_member"),
                Membership(Person("ann", "Anne Bech"), "municipality", "chair"),
            )
        ),
    ),
    (
        "model.committee.person_id_reused_at_meeting",
        lambda: _committee(
            memberships=(Membership(BO, "municipality", "chair"),),
            meetings=(_held(attendance=(Attendance(Person("bo", "Bo Hald"), "present"),)),),
        ),
    ),
    (
        "model.committee.overlapping_terms",
        lambda: _committee(
            memberships=(
                Membership(BO, "municipality", "chair"),
                Membership(BO, "municipality", "observer"),
            )
        ),
    ),
    ("model.committee.meeting_id_reused", lambda: _committee(meetings=(_held(), _held(day=29)))),
    (
        "model.committee.not_a_doctor_member",
        lambda: _committee(
            meetings=(_held(attendance=(Attendance(ANN, "substitute", substitute_for="bo"),)),)
        ),
    ),
    (
        "model.committee.record_unknown_meeting",
        lambda: _committee(minutes=(Minutes("m9"),)),
    ),
    (
        "model.committee.record_not_held",
        lambda: _committee(
            meetings=(Meeting("m1", cph(2023, 11, 30, 15)),),
            calendars=(MeetingCalendar(2024, date(2023, 11, 30), meeting_id="m1"),),
        ),
    ),
    (
        "model.committee.record_wrong_date",
        lambda: _committee(
            meetings=(_held(),),
            annual_wheels=(AnnualWheel(2024, date(2023, 11, 29), "m1", topics=("a",)),),
        ),
    ),
    (
        "model.committee.minutes_twice",
        lambda: _committee(meetings=(_held(),), minutes=(Minutes("m1"), Minutes("m1"))),
    ),
    (
        "model.committee.minutes_not_on_agenda",
        lambda: _committee(
            meetings=(_held(agenda=Agenda((AgendaItem("1", "Punkt", "approval"),))),),
            minutes=(Minutes("m1", (MinutesItem("2"),)),),
        ),
    ),
    (
        "model.committee.unknown_owner",
        lambda: _committee(
            meetings=(_held(),),
            minutes=(Minutes("m1", (MinutesItem("1", follow_ups=(FollowUp("Ring", "zz"),)),)),),
        ),
    ),
    (
        "model.committee.record_twice",
        lambda: _committee(evaluations=(EvaluationRecord(2023), EvaluationRecord(2023))),
    ),
    ("model.committee.unknown_person", lambda: _committee().person("zz")),
    ("model.committee.unknown_meeting/none", lambda: _committee().meeting("m9")),
    ("model.committee.unknown_meeting/some", lambda: _committee(meetings=(_held(),)).meeting("m9")),
    # model: records
    ("model.records.as_of", lambda: check_as_of(cph(2024, 1, 15))),
    ("model.records.as_of_required", lambda: FollowUp("Ring").is_overdue(None)),  # type: ignore[arg-type]
    ("model.records.owner_twice", lambda: FollowUp("Ring", owner_person="bo", owner="PPR")),
    ("model.records.done_without_date", lambda: FollowUp("Ring", status="done")),  # type: ignore[arg-type]
    ("model.records.open_with_date", lambda: FollowUp("Ring", done_on=date(2024, 1, 5))),
    ("model.records.item_number", lambda: MinutesItem("x")),
    ("model.records.item_twice", lambda: Minutes("m1", (MinutesItem("1"), MinutesItem("1")))),
    ("model.records.unknown_item/none", lambda: Minutes("m1").item("2")),
    ("model.records.unknown_item/some", lambda: Minutes("m1", (MinutesItem("1"),)).item("2")),
    ("model.records.wheel_without_topics", lambda: AnnualWheel(2024, date(2023, 12, 1))),
    (
        "model.records.wheel_agreed_after",
        lambda: AnnualWheel(2024, date(2025, 1, 2), topics=("a",)),
    ),
    ("model.records.calendar_agreed_after", lambda: MeetingCalendar(2024, date(2025, 1, 2))),
    ("model.records.evaluated_before", lambda: EvaluationRecord(2023, done_on=date(2022, 12, 1))),
    ("model.records.sent_half", lambda: EvaluationRecord(2023, sent_to="SU")),
    (
        "model.records.sent_not_done",
        lambda: EvaluationRecord(2023, sent_on=date(2024, 1, 5), sent_to="SU"),
    ),
    (
        "model.records.sent_before_done",
        lambda: EvaluationRecord(
            2023, done_on=date(2023, 12, 1), sent_on=date(2023, 11, 1), sent_to="SU"
        ),
    ),
    ("model.records.meeting_not_done", lambda: EvaluationRecord(2023, meeting_id="m1")),
    # model: evaluation reports and overviews
    ("model.evaluation.no_sources", lambda: _report(sources=())),
    (
        "model.evaluation.count_exceeds_planned",
        lambda: MeetingCount(raw="x", held=3, planned=2),
    ),
    ("model.evaluation.empty_count", lambda: MeetingCount.from_numbers()),
    ("model.evaluation.sent_before_year", lambda: _report(sent_on=date(2022, 12, 1))),
    ("model.evaluation.count_type", lambda: _report(meeting_count=4)),
    ("model.evaluation.report_type", lambda: EvaluationEntry("Ærø", 5)),  # type: ignore[arg-type]
    ("model.evaluation.report_of_another", lambda: EvaluationEntry("Ærø", _report("Fanø"))),
    (
        "model.evaluation.entry_type",
        lambda: RegionOverview(region="Syddanmark", year=2023, entries=(5,)),  # type: ignore[arg-type]
    ),
    (
        "model.evaluation.empty_overview",
        lambda: RegionOverview(region="Syddanmark", year=2023, entries=()),
    ),
    (
        "model.evaluation.municipality_twice",
        lambda: RegionOverview(
            region="Syddanmark", year=2023, entries=(EvaluationEntry("Ærø"),) * 2
        ),
    ),
    (
        "model.evaluation.report_year",
        lambda: RegionOverview(
            region="Syddanmark",
            year=2023,
            entries=(EvaluationEntry.for_report(_report(year=2022)),),
        ),
    ),
    (
        "model.evaluation.two_reports",
        lambda: RegionOverview.from_reports(
            region="Syddanmark", year=2023, municipalities=("Ærø",), reports=[_report()] * 2
        ),
    ),
    (
        "model.evaluation.unlisted_reports",
        lambda: RegionOverview.from_reports(
            region="Syddanmark", year=2023, municipalities=("Fanø",), reports=[_report()]
        ),
    ),
    # model: coverage
    ("model.coverage.no_sources", lambda: RegionCoveragePolicy("R", 2, 1, ())),
    ("model.coverage.kind", lambda: POLICY.period_years("x")),  # type: ignore[arg-type]
    ("model.coverage.until_year", lambda: _designation(until_year=2024)),
    ("model.coverage.decided_outside_year", lambda: _designation(decided_on=date(2022, 3, 1))),
    ("model.coverage.area_twice", lambda: _register(areas=(AREA, AREA))),
    (
        "model.coverage.area_not_listed",
        lambda: _register(_designation(), areas=(CoverageArea("oo", "LD Oo"),)),
    ),
    (
        "model.coverage.area_described_twice",
        lambda: _register(_designation(), areas=(CoverageArea("ry", "LD Ry By"),)),
    ),
    ("model.coverage.policy_period", lambda: _register(_designation(period_years=3))),
    (
        "model.coverage.designated_twice",
        lambda: _register(*[_designation(kind="attention", period_years=1)] * 2),
    ),
    (
        "model.coverage.two_decisions",
        lambda: _register(
            _designation(decided_on=date(2021, 3, 1)),
            _designation(area=CoverageArea("oo", "LD Oo"), decided_on=date(2021, 4, 1)),
        ),
    ),
    ("model.coverage.area_type", lambda: _register().area(5)),  # type: ignore[arg-type]
    ("model.coverage.unknown_area/none", lambda: _register().area("zz")),
    ("model.coverage.unknown_area/some", lambda: _register(_designation()).area("zz")),
    # model: meetings and attendance
    (
        "model.meeting.substitute_for_nobody",
        lambda: Attendance(ANN, "substitute"),
    ),
    (
        "model.meeting.substitute_for_self",
        lambda: Attendance(ANN, "substitute", substitute_for="ann"),
    ),
    ("model.meeting.substitute_fields", lambda: Attendance(ANN, "present", items=("1",))),
    ("model.meeting.reason_not_absent", lambda: Attendance(ANN, "present", reason="Syg")),
    ("model.meeting.not_a_doctor", lambda: Attendance(BO, "supplementing")),
    ("model.meeting.unsupported_year", lambda: Meeting("m1", cph(1850, 1, 2, 15))),
    ("model.meeting.nonexistent", lambda: Meeting("m1", cph(2023, 3, 26, 2, 30))),
    (
        "model.meeting.ends_before_start",
        lambda: Meeting("m1", cph(2023, 3, 6, 15), cph(2023, 3, 6, 14)),
    ),
    (
        "model.meeting.no_length",
        lambda: Meeting("m1", cph(2023, 3, 6, 15), cph(2023, 3, 6, 15)),
    ),
    (
        "model.meeting.attendance_twice",
        lambda: Meeting("m1", cph(2023, 3, 6, 15), attendance=(Attendance(BO, "present"),) * 2),
    ),
    (
        "model.meeting.items_not_on_agenda",
        lambda: Meeting(
            "m1",
            cph(2023, 3, 6, 15),
            agenda=Agenda(),
            attendance=(Attendance(ANN, "substitute", substitute_for="bo", items=("3",)),),
        ),
    ),
    # model: agreements, agendas, people
    (
        "model.agreement.steps_out_of_order",
        lambda: _agreement(drafted_on=date(2023, 3, 6), sent_on=date(2023, 3, 1)),
    ),
    ("model.agreement.missing_date", lambda: _agreement(status="sent")),
    ("model.agreement.date_ahead_of_status", lambda: _agreement(sent_on=date(2023, 3, 1))),
    ("model.agenda.item_number", lambda: AgendaItem("2c", "Punkt", "approval")),
    (
        "model.agenda.item_twice",
        lambda: Agenda((AgendaItem("1", "Punkt", "approval"),) * 2),
    ),
    ("model.agenda.unknown_item/none", lambda: Agenda().item("2")),
    (
        "model.agenda.unknown_item/some",
        lambda: Agenda((AgendaItem("1", "Punkt", "approval"),)).item("2"),
    ),
    ("model.people.email", lambda: Person("p", "Ann Berg", email="ann")),
    (
        "model.people.term_ends_before_start",
        lambda: Membership(
            BO, "municipality", "chair", term_start=date(2023, 3, 6), term_end=date(2023, 3, 1)
        ),
    ),
]


def _keys_used(error: KluRulesError) -> set[str]:
    """The error's key and the label keys its template looked up."""
    key = f"error.{error.text_key}"
    used = {key}
    for _, field, form, _ in string.Formatter().parse(catalogue("en")[key]):
        if field is not None and form and form.startswith("label."):
            used.add(f"{form[6:]}.{error.text_parameters[field]}")
    return used


@pytest.mark.parametrize(("case", "build"), CASES, ids=[case for case, _ in CASES])
def test_each_error_reads_in_one_language(case: str, build: Callable[[], object]) -> None:
    error = raised(build)
    assert error.text_key == case.split("/")[0]
    da, en = texts_in_one_language(error)
    assert str(error) == en or en.endswith(str(getattr(error, "detail", "")))
    assert da != en


def test_every_key_of_the_core_and_model_error_files_israised() -> None:
    ours: set[str] = set()
    for name in FILES:
        tables = tomllib.loads(Path(data_file(f"text/en/{name}")).read_text("utf-8"))
        ours |= {key for key, _ in _flatten(tables)}
    used = set().union(*(_keys_used(raised(build)) for _, build in CASES))
    assert ours - used == set()


def test_a_huge_bad_value_is_quoted_as_a_short_excerpt() -> None:
    error = raised(lambda: Person("x" * 10_000, "Ann Berg"))
    assert len(str(error)) < 300
    assert "..." in error_text(error, "da")


def test_a_catalogue_without_the_missing_text_error_still_names_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(messages._LOADED, "da", {})
    with pytest.raises(KluRulesError, match=r"no text 'error\.messages\.no_text' in the da"):
        message("error.messages.no_text", "da")
