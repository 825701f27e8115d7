"""The contract of klu_rules.testing.strategies.

Valid strategies draw values that construct and keep their documented
guarantees; every ``invalid_*`` defect raises exactly its documented error;
bad arguments raise InvalidArgument when the strategy is built; ``__all__``
is the public surface; ``st.from_type`` knows the domain types.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import re
import subprocess
import sys
import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument, Unsatisfiable

import klu_rules
from klu_rules import (
    Agenda,
    AgendaItem,
    Agreement,
    AgreementStatus,
    Attendance,
    AttendanceStatus,
    Committee,
    Meeting,
    Membership,
    Money,
    Period,
    Person,
    Role,
    RuleEntry,
    RuleSet,
    Side,
    localize,
)
from klu_rules.checks.deadlines import plan_meeting
from klu_rules.model.records import (
    AnnualWheel,
    EvaluationRecord,
    FollowUp,
    FollowUpStatus,
    MeetingCalendar,
    Minutes,
    MinutesItem,
)
from klu_rules.rules.ruleset import AALBORG, NATIONAL, RULE_KEYS
from klu_rules.testing import _hypothesis_entry
from klu_rules.testing import strategies as ks

CPH = ZoneInfo("Europe/Copenhagen")
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


# A committee takes tens of milliseconds to draw: its properties run a quarter of the
# profile's examples (at least 5).
FEWER = settings(max_examples=max(5, settings().max_examples // 4))


class _Found(Exception):
    pass


def reaches(
    strategy: st.SearchStrategy[Any], predicate: Callable[[Any], bool], max_examples: int = 300
) -> Any:
    """The first drawn value satisfying ``predicate`` (no shrinking), else None."""
    found: list[Any] = []

    @settings(
        max_examples=max_examples,
        phases=[Phase.generate],
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def probe(value: Any) -> None:
        if predicate(value):
            found.append(value)
            raise _Found

    try:
        probe()
    except _Found:
        return found[0]
    return None


def draw_one(strategy: st.SearchStrategy[Any]) -> Any:
    """One value drawn from ``strategy`` (``.example()`` is for interactive use only)."""
    value = reaches(strategy, lambda _: True, max_examples=1)
    assert value is not None
    return value


# ---------------------------------------------------------------------------
# the public surface


def test_all_is_exactly_the_public_names() -> None:
    tree = ast.parse(Path(ks.__file__).read_text(encoding="utf-8"))
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Assign):
            defined |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
    public = {name for name in defined if not name.startswith("_")}
    assert public == set(ks.__all__)
    assert len(ks.__all__) == len(set(ks.__all__))
    assert all(hasattr(ks, name) for name in ks.__all__)


def test_every_strategy_is_a_plural_noun_with_keyword_arguments_only() -> None:
    for name in ks.__all__:
        value = getattr(ks, name)
        if not inspect.isfunction(value):
            continue
        words = name.split("_")
        assert any(w.endswith("s") for w in words) or words[-1] == "money", name
        for parameter in inspect.signature(value).parameters.values():
            assert parameter.kind is inspect.Parameter.KEYWORD_ONLY, (name, parameter)


def test_every_public_domain_type_has_a_strategy() -> None:
    for type_ in (
        Person,
        Membership,
        Committee,
        Meeting,
        Attendance,
        AgendaItem,
        Agenda,
        Agreement,
        RuleEntry,
        RuleSet,
        Period,
        Money,
        Side,
        Role,
    ):
        assert type_ in _registered_types() or type_ in (Side, Role), type_
    assert {"sides", "roles"} <= set(ks.__all__)


def _registered_types() -> set[type]:
    return {
        getattr(importlib.import_module(module), name)
        for name, module, _ in _hypothesis_entry._REGISTRY
    }


@pytest.mark.parametrize(
    "module", ["klu_rules", "klu_rules.testing", "klu_rules.testing._hypothesis_entry"]
)
def test_importing_does_not_import_hypothesis(module: str) -> None:
    code = f"import sys, {module}; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_importing_the_strategies_imports_hypothesis() -> None:
    code = "import sys, klu_rules.testing.strategies; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


# ---------------------------------------------------------------------------
# the hypothesis entry point


def test_entry_point_is_registered() -> None:
    points = importlib.metadata.entry_points(group="hypothesis")
    assert "klu_rules.testing._hypothesis_entry:_hypothesis_setup_hook" in {p.value for p in points}


@pytest.mark.parametrize("type_", sorted(_registered_types(), key=str), ids=str)
def test_from_type_draws_valid_values(type_: type) -> None:
    @settings(max_examples=5, suppress_health_check=[HealthCheck.too_slow])
    @given(st.from_type(type_))
    def check(value: object) -> None:
        assert type(value) is type_

    check()


def test_from_type_works_when_hypothesis_is_imported_first() -> None:
    code = (
        "import hypothesis.strategies as st, sys\n"
        "import klu_rules\n"
        "assert 'klu_rules.testing.strategies' not in sys.modules\n"
        "m = st.from_type(klu_rules.Meeting).example()\n"
        "assert isinstance(m, klu_rules.Meeting) and m.start.tzinfo is not None\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_no_plugins_switch_leaves_the_types_unregistered() -> None:
    # Hypothesis keeps its registry in a private module: skip if it moves.
    types = pytest.importorskip("hypothesis.strategies._internal.types")
    if not hasattr(types, "_global_type_lookup"):
        pytest.skip("Hypothesis keeps its type registry elsewhere")
    code = (
        "import hypothesis.strategies as st, klu_rules\n"
        "from hypothesis.strategies._internal.types import _global_type_lookup as lookup\n"
        "print(klu_rules.Meeting in lookup, klu_rules.Person in lookup)"
    )
    for switch, expected in (("1", "False False"), ("", "True True")):
        env = {"HYPOTHESIS_NO_PLUGINS": switch, "PATH": ""} if switch else {"PATH": ""}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert out.stdout.strip() == expected, out.stderr


def test_hook_survives_a_broken_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str) -> Any:
        raise ImportError(f"No module named {name!r}")

    monkeypatch.setattr(importlib, "import_module", broken)
    with pytest.warns(ImportWarning, match="could not register"):
        _hypothesis_entry._hypothesis_setup_hook()


def test_hook_can_run_twice() -> None:
    _hypothesis_entry._hypothesis_setup_hook()
    assert isinstance(draw_one(st.from_type(Person)), Person)


# ---------------------------------------------------------------------------
# valid strategies keep their guarantees


@given(ks.persons())
def test_persons_have_stable_ids_and_names(person: Person) -> None:
    assert ID.fullmatch(person.id)
    assert person.name.strip()
    assert person.email is None or person.email.count("@") == 1


@given(ks.persons(doctor=True), ks.persons(doctor=False))
def test_persons_doctor_flag_is_honoured(doctor: Person, other: Person) -> None:
    assert doctor.doctor is True
    assert other.doctor is False


@given(ks.dates_in_force(min_value=date(2022, 1, 1), max_value=date(2022, 12, 31)))
def test_dates_in_force_stay_in_range(day: date) -> None:
    assert date(2022, 1, 1) <= day <= date(2022, 12, 31)


@given(ks.dates_in_force())
def test_dates_in_force_are_days_with_rules(day: date) -> None:
    assert NATIONAL.in_force(day).has("meetings_per_year")


@given(ks.aware_datetimes(min_value=date(2023, 3, 1), max_value=date(2023, 3, 31)))
def test_aware_datetimes_are_aware_and_in_range(moment: datetime) -> None:
    assert moment.utcoffset() is not None
    assert date(2023, 3, 1) <= moment.date() <= date(2023, 3, 31)


ZONES = ["Europe/Copenhagen", "UTC", "America/Nuuk", "Australia/Lord_Howe", "Pacific/Apia"]


@given(st.data(), st.sampled_from(ZONES), st.sampled_from(["minute", "second", "microsecond"]))
def test_meeting_times_exist_exactly_once_in_their_zone(
    data: st.DataObject, zone: str, resolution: Any
) -> None:
    moment = data.draw(
        ks.meeting_times(
            timezone=zone,
            min_value=date(2011, 3, 20),
            max_value=date(2012, 4, 5),
            resolution=resolution,
        )
    )
    assert isinstance(moment.tzinfo, ZoneInfo)
    assert moment.tzinfo.key == zone
    assert localize(moment.replace(tzinfo=None), zone) == moment
    assert date(2011, 3, 20) <= moment.date() <= date(2012, 4, 5)
    if resolution == "minute":
        assert moment.second == moment.microsecond == 0


def test_meeting_times_reach_the_days_the_clocks_change() -> None:
    spring = date(2023, 3, 26)
    found = reaches(
        ks.meeting_times(min_value=spring, max_value=spring), lambda m: m.hour in (1, 3)
    )
    assert found is not None
    assert found.date() == spring


@pytest.mark.parametrize("day", [date(2023, 3, 26), date(2023, 10, 29)], ids=["spring", "autumn"])
def test_meeting_times_around_a_clock_change_exist_exactly_once(day: date) -> None:
    @given(ks.meeting_times(min_value=day - timedelta(days=1), max_value=day + timedelta(days=1)))
    def check(moment: datetime) -> None:
        assert localize(moment.replace(tzinfo=None), "Europe/Copenhagen") == moment

    check()
    wall = reaches(
        ks.meeting_times(min_value=day - timedelta(days=1), max_value=day + timedelta(days=1)),
        lambda m: m.hour == 2 and m.date() != day,
    )
    assert wall is not None, "a time in the gap or overlap moves to the day before or after"


@given(ks.meeting_times(timezone=st.sampled_from(ZONES)))
def test_meeting_times_accept_a_strategy_of_zones(moment: datetime) -> None:
    assert isinstance(moment.tzinfo, ZoneInfo)
    assert moment.tzinfo.key in ZONES


@given(ks.memberships(role="doctor_member", min_value=date(2020, 1, 1), max_value=date(2021, 1, 1)))
def test_memberships_terms_are_ordered_and_in_range(membership: Membership) -> None:
    assert membership.role is Role.DOCTOR_MEMBER
    for day in (membership.term_start, membership.term_end):
        assert day is None or date(2020, 1, 1) <= day <= date(2021, 1, 1)
    if membership.term_start and membership.term_end:
        assert membership.term_start <= membership.term_end


@given(ks.memberships(person=Person("fixed", "Fixed")))
def test_memberships_take_a_fixed_person(membership: Membership) -> None:
    assert membership.person == Person("fixed", "Fixed")


@given(ks.agendas(min_items=2, max_items=5))
def test_agendas_have_unique_numbers(agenda: Agenda) -> None:
    numbers = [item.number for item in agenda.items]
    assert 2 <= len(numbers) <= 5
    assert len(set(numbers)) == len(numbers)


@given(ks.agenda_items(kind="information"))
def test_agenda_items_kind_is_honoured(item: AgendaItem) -> None:
    assert item.kind.value == "information"
    assert item.title.strip()


@given(ks.attendances(statuses=["substitute", "supplementing"]))
def test_attendances_substitutes_and_supplementing_doctors_are_doctors(entry: Attendance) -> None:
    assert entry.person.doctor
    assert entry.status in (AttendanceStatus.SUBSTITUTE, AttendanceStatus.SUPPLEMENTING)
    if entry.status is AttendanceStatus.SUBSTITUTE:
        assert entry.substitute_for
        assert entry.substitute_for != entry.person.id


def test_attendances_items_come_from_the_agenda() -> None:
    agenda = Agenda(
        (AgendaItem("1", "Godkendelse", "approval"), AgendaItem("2.a", "Sag", "decision"))
    )
    entry = reaches(
        ks.attendances(statuses=["substitute"], agenda=agenda), lambda a: len(a.items) == 2
    )
    assert entry is not None
    assert set(entry.items) == {"1", "2.a"}


def test_attendances_with_impossible_statuses_draw_nothing() -> None:
    strategy = ks.attendances(person=Person("p", "P", doctor=False), statuses=["substitute"])

    @settings(max_examples=5, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def check(entry: Attendance) -> None:  # pragma: no cover - never drawn
        raise AssertionError(entry)

    with pytest.raises(Unsatisfiable):
        check()


@FEWER
@given(ks.meetings(rules=AALBORG, min_value=date(2000, 1, 1)))
def test_meetings_with_rules_start_when_the_rules_are_in_force(meeting: Meeting) -> None:
    assert meeting.local_date() >= NATIONAL.starts  # type: ignore[operator]
    if meeting.end is not None:
        assert meeting.end.astimezone(UTC) > meeting.start.astimezone(UTC)


def test_meetings_with_rules_reach_the_local_norm_and_the_national_maximum() -> None:
    strategy = ks.meetings(rules=AALBORG, min_value=date(2023, 1, 1), max_value=date(2023, 12, 31))
    for minutes in (120, 180):
        length = timedelta(minutes=minutes)

        def lasts(meeting: Meeting, length: timedelta = length) -> bool:
            return meeting.duration == length

        assert reaches(strategy, lasts) is not None, minutes


@given(ks.meetings(timezone="America/Nuuk", max_attendance=0))
def test_meetings_keep_their_zone_and_attendance_bound(meeting: Meeting) -> None:
    assert meeting.attendance == ()
    assert meeting.start.utcoffset() is not None


@given(ks.agreements(statuses=[AgreementStatus.CONCLUDED]))
def test_agreements_have_the_dates_their_status_needs(agreement: Agreement) -> None:
    assert agreement.sent_on is not None
    assert agreement.concluded_on is not None
    assert agreement.evaluated_on is None


@given(ks.periods(units=["weeks"], min_amount=1, max_amount=4))
def test_periods_honour_units_and_amounts(period: Period) -> None:
    assert period.unit == "weeks"
    assert 1 <= period.amount <= 4


@given(ks.money(min_value="0", max_value="2000", price_levels=st.just("2021-04")))
def test_money_stays_in_bounds_in_ore(amount: Money) -> None:
    assert Decimal(0) <= amount.amount <= Decimal(2000)
    assert amount.amount == amount.amount.quantize(Decimal("0.01"))
    assert amount.price_level == "2021-04"


@given(ks.rule_entries(level="local", keys=["meeting_length", "agenda_dispatch_notice"]))
def test_local_rule_entries_have_no_bound(entry: RuleEntry) -> None:
    assert entry.bound is None
    assert entry.key in ("meeting_length", "agenda_dispatch_notice")
    assert isinstance(entry.value, Period)
    assert entry.value.unit in RULE_KEYS[entry.key].units


@given(ks.rule_entries())
def test_rule_entries_cite_sources_unless_assumptions(entry: RuleEntry) -> None:
    assert entry.sources or entry.status.value == "assumption"


@FEWER
@given(ks.rule_sets())
def test_rule_sets_are_local_on_national_by_default(rule_set: RuleSet) -> None:
    assert rule_set.level == "local"
    assert rule_set.parent == NATIONAL
    keys = [e.key for e in rule_set.entries]
    assert keys == sorted(keys, key=keys.index), "entries are grouped by key"


@given(ks.rule_sets(level="national", keys=["doctor_seats"], max_entries_per_key=2))
def test_national_rule_sets_honour_keys_and_sizes(rule_set: RuleSet) -> None:
    assert rule_set.parent is None
    assert 1 <= len(rule_set.entries) <= 2
    assert {e.key for e in rule_set.entries} == {"doctor_seats"}


@FEWER
@given(ks.rule_sets(parent=ks.rule_sets(level="national")))
def test_rule_sets_layer_on_a_strategy_of_national_sets(rule_set: RuleSet) -> None:
    assert rule_set.parent is not None
    assert rule_set.parent.level == "national"


@FEWER
@given(
    ks.rule_sets(max_period_amount=3),
    ks.rule_sets(level="national", max_period_amount=0),
)
def test_rule_sets_cap_period_amounts(local: RuleSet, national: RuleSet) -> None:
    for rule_set, cap in ((local, 3), (national, 0)):
        for entry in rule_set.entries:
            if isinstance(entry.value, Period):
                assert entry.value.amount <= cap


@FEWER
@given(ks.rule_sets(max_period_amount=26), st.dates(date(2012, 1, 1), date(2150, 12, 31)))
def test_capped_rule_sets_plan_every_meeting_in_the_middle_years(
    rule_set: RuleSet, day: date
) -> None:
    start = datetime(day.year, day.month, day.day, 15, tzinfo=ZoneInfo("Europe/Copenhagen"))
    plan = plan_meeting(Meeting(id="m", start=start), rule_set)
    assert all(d.date <= day for d in plan.deadlines if d.counted_before)


@pytest.mark.parametrize("beyond", [True, False])
def test_rule_sets_reach_both_sides_of_the_national_bound(beyond: bool) -> None:
    day = date(2023, 6, 1)
    found = reaches(
        ks.rule_sets(keys=["agenda_dispatch_notice"], max_value=day),
        lambda r: (
            r.in_force(day).get("agenda_dispatch_notice").local is not None
            and r.in_force(day).get("agenda_dispatch_notice").beyond_bound is beyond
        ),
    )
    assert found is not None


@FEWER
@given(ks.committees(min_members=2, max_members=4, timezone=st.sampled_from(ZONES)))
def test_committees_are_consistent(committee: Committee) -> None:
    assert len(committee.memberships) >= 2
    people: dict[str, Person] = {}
    for membership in committee.memberships + committee.secretariat:
        assert people.setdefault(membership.person.id, membership.person) == membership.person
    for meeting in committee.meetings:
        for entry in meeting.attendance:
            assert people.setdefault(entry.person.id, entry.person) == entry.person
    assert committee.timezone in ZONES


def test_committees_reach_substitutes_and_second_terms() -> None:
    def has_substitute(c: Committee) -> bool:
        return any(
            a.status is AttendanceStatus.SUBSTITUTE for m in c.meetings for a in m.attendance
        )

    def has_second_term(c: Committee) -> bool:
        ids = [m.person.id for m in c.memberships]
        return len(ids) != len(set(ids))

    for predicate in (has_substitute, has_second_term):
        strategy = ks.committees(min_members=2, max_members=3, max_meetings=2)
        assert reaches(strategy, predicate) is not None, predicate.__name__


@FEWER
@given(ks.committees(rules=ks.rule_sets(), max_members=2, max_meetings=1))
def test_committees_take_a_strategy_of_rule_sets(committee: Committee) -> None:
    assert committee.rule_set.parent == NATIONAL


@FEWER
@given(
    ks.committees(
        rules=ks.rule_sets(parent=ks.rule_sets(level="national")),
        min_value=date(1990, 1, 1),
        max_members=2,
    )
)
def test_committees_meet_also_when_no_meeting_length_is_in_force(committee: Committee) -> None:
    for meeting in committee.meetings:
        assert meeting.end is None or meeting.duration > timedelta(0)  # type: ignore[operator]


def test_a_day_without_wall_clock_times_draws_nothing() -> None:
    # Samoa skipped 30 December 2011 entirely: no meeting time exists that day.
    @settings(max_examples=5, suppress_health_check=list(HealthCheck))
    @given(
        ks.meeting_times(
            timezone="Pacific/Apia", min_value=date(2011, 12, 30), max_value=date(2011, 12, 30)
        )
    )
    def check(moment: datetime) -> None:  # pragma: no cover - never drawn
        raise AssertionError(moment)

    with pytest.raises(Unsatisfiable):
        check()


def test_a_meeting_end_inside_a_clock_change_is_left_out() -> None:
    start = datetime(2023, 3, 26, 1, 30, tzinfo=CPH)
    assert ks._end_of(start, 60, "Europe/Copenhagen") is None
    assert ks._end_of(start, 90, "Europe/Copenhagen") == datetime(2023, 3, 26, 3, 0, tzinfo=CPH)


def test_fresh_ids_skip_the_taken_ones() -> None:
    assert ks._fresh_id(["sub-0", "sub-1"], "sub") == "sub-2"
    assert ks._fresh_id([], "m") == "m-0"


@FEWER
@given(ks.committees(rules=NATIONAL, max_meetings=0, max_agreements=0, max_members=0))
def test_committees_honour_fixed_rules_and_sizes(committee: Committee) -> None:
    assert committee.rule_set is NATIONAL
    assert committee.meetings == ()
    assert committee.agreements == ()
    assert committee.memberships == ()


@given(
    ks.follow_ups(owners=["anne", "finn"], min_value=date(2022, 1, 1), max_value=date(2022, 12, 31))
)
def test_follow_ups_are_owned_by_the_given_people_or_free_text(follow_up: FollowUp) -> None:
    assert follow_up.owner_person in (None, "anne", "finn")
    assert follow_up.owner is None or follow_up.owner_person is None
    assert (follow_up.done_on is not None) is (follow_up.status is FollowUpStatus.DONE)
    for day in (follow_up.due_on, follow_up.done_on):
        assert day is None or day.year == 2022


@given(ks.minutes(meeting_id="m-1", numbers=["1", "2.a", "4"], owners=["anne"]))
def test_minutes_record_given_numbers_once(minutes: Minutes) -> None:
    assert minutes.meeting_id == "m-1"
    numbers = [item.number for item in minutes.items]
    assert len(numbers) == len(set(numbers))
    assert set(numbers) <= {"1", "2.a", "4"}
    for _, follow_up in minutes.follow_ups():
        assert follow_up.owner_person in (None, "anne")


@given(ks.minutes(), ks.minutes_items(owners=["x"]))
def test_minutes_and_items_draw_any_valid_numbers(minutes: Minutes, item: MinutesItem) -> None:
    assert len({i.number for i in minutes.items}) == len(minutes.items)
    assert all(f.owner_person in (None, "x") for f in item.follow_ups)


@given(
    ks.annual_wheels(min_year=2023, max_year=2024),
    ks.meeting_calendars(min_year=2023, max_year=2023),
)
def test_wheels_and_calendars_are_agreed_by_their_year(
    wheel: AnnualWheel, calendar: MeetingCalendar
) -> None:
    assert 2023 <= wheel.year <= 2024
    assert wheel.agreed_on.year <= wheel.year
    assert wheel.topics or wheel.topic_keys
    assert calendar.year == 2023
    assert calendar.agreed_on is None or calendar.agreed_on.year <= 2023


@given(ks.evaluation_records(min_year=2022, max_year=2022))
def test_evaluation_records_are_done_in_or_after_their_year(record: EvaluationRecord) -> None:
    assert record.year == 2022
    assert record.done_on is None or record.done_on >= date(2022, 1, 1)
    assert (record.sent_on is None) is (record.sent_to is None)
    if record.sent_on is not None:
        assert record.done_on is not None
        assert record.sent_on >= record.done_on


def test_committees_reach_every_kind_of_record() -> None:
    strategy = ks.committees(
        min_members=2,
        max_members=3,
        max_meetings=3,
        min_value=date(2022, 1, 1),
        max_value=date(2024, 12, 31),
    )
    for field in ("minutes", "annual_wheels", "calendars", "evaluations"):
        found = reaches(strategy, lambda c, f=field: bool(getattr(c, f)))
        assert found is not None, field
    at_meeting = reaches(strategy, lambda c: any(w.meeting_id for w in c.annual_wheels))
    assert at_meeting is not None


@FEWER
@given(ks.committees(records=False))
def test_committees_without_records(committee: Committee) -> None:
    assert committee.minutes == ()
    assert committee.annual_wheels == committee.calendars == committee.evaluations == ()


# ---------------------------------------------------------------------------
# invalid strategies raise exactly their documented errors


INVALID = {name: getattr(ks, name) for name in ks.DEFECTS}


def test_defects_cover_every_invalid_strategy() -> None:
    invalid = {name for name in ks.__all__ if name.startswith("invalid_")}
    assert set(ks.DEFECTS) == invalid
    for defects in ks.DEFECTS.values():
        assert defects
        for error in defects.values():
            assert issubclass(error, klu_rules.KluRulesError)


def _raises_exactly(case: ks.InvalidInput) -> None:
    with pytest.raises(klu_rules.KluRulesError) as info:
        case.build()
    assert type(info.value) is case.error, (case, info.value)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_strategies_raise_their_documented_error(name: str) -> None:
    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
    @given(INVALID[name]())
    def check(case: ks.InvalidInput) -> None:
        assert case.error is ks.DEFECTS[name][case.defect]
        _raises_exactly(case)

    check()


@pytest.mark.parametrize(
    ("name", "defect"),
    [(name, defect) for name in sorted(ks.DEFECTS) for defect in ks.DEFECTS[name]],
)
def test_each_defect_can_be_chosen_and_raises_its_error(name: str, defect: str) -> None:
    @settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow])
    @given(INVALID[name](defects=[defect]))
    def check(case: ks.InvalidInput) -> None:
        assert case.defect == defect
        _raises_exactly(case)
        assert defect in repr(case)
        assert case.error.__name__ in repr(case)

    check()


@given(ks.invalid_local_times(timezone="America/Nuuk", min_year=2015, max_year=2016))
def test_invalid_local_times_in_another_zone(case: ks.InvalidInput) -> None:
    assert case.kwargs["tz"] == "America/Nuuk"
    _raises_exactly(case)


# ---------------------------------------------------------------------------
# arguments are checked when the strategy is built


BAD_ARGUMENTS: list[tuple[Callable[..., object], dict[str, Any]]] = [
    (ks.rule_sets, {"max_period_amount": -1}),
    (ks.rule_sets, {"max_period_amount": 1_000_000}),
    (ks.rule_sets, {"max_period_amount": 2.5}),
    (ks.dates_in_force, {"min_value": date(2011, 3, 31)}),
    (ks.dates_in_force, {"max_value": date(2201, 1, 1)}),
    (ks.dates_in_force, {"min_value": datetime(2020, 1, 1)}),
    (ks.dates_in_force, {"min_value": date(2020, 1, 2), "max_value": date(2020, 1, 1)}),
    (ks.aware_datetimes, {"timezones": UTC}),
    (ks.meeting_times, {"timezone": "Mars/Olympus"}),
    (ks.meeting_times, {"timezone": 1}),
    (ks.meeting_times, {"resolution": "hour"}),
    (ks.persons, {"doctor": "yes"}),
    (ks.memberships, {"role": "boss"}),
    (ks.memberships, {"person": "p"}),
    (ks.agendas, {"min_items": 3, "max_items": 2}),
    (ks.agendas, {"max_items": -1}),
    (ks.agendas, {"max_items": 51}),
    (ks.agendas, {"max_items": True}),
    (ks.agenda_items, {"kind": "other"}),
    (ks.attendances, {"statuses": []}),
    (ks.attendances, {"statuses": "present"}),
    (ks.attendances, {"statuses": ["here"]}),
    (ks.attendances, {"agenda": "1, 2"}),
    (ks.attendances, {"person": 5}),
    (ks.meetings, {"rules": "aalborg"}),
    (ks.meetings, {"rules": AALBORG, "min_value": date(1990, 1, 1), "max_value": date(2000, 1, 1)}),
    (ks.meetings, {"people": [Person("p", "P")]}),
    (ks.meetings, {"max_attendance": 100}),
    (ks.agreements, {"statuses": ["signed"]}),
    (ks.periods, {"units": ["years"]}),
    (ks.periods, {"min_amount": 5, "max_amount": 4}),
    (ks.periods, {"max_amount": 10**6}),
    (ks.money, {"min_value": 1.5}),
    (ks.money, {"min_value": "abc"}),
    (ks.money, {"max_value": "Infinity"}),
    (ks.money, {"max_value": 10**16}),
    (ks.money, {"min_value": 10, "max_value": 0}),
    (ks.money, {"price_levels": "2021-04"}),
    (ks.rule_entries, {"level": "regional"}),
    (ks.rule_entries, {"keys": ["doctor_seat"]}),
    (ks.rule_sets, {"level": "regional"}),
    (ks.rule_sets, {"parent": AALBORG}),
    (ks.rule_sets, {"parent": 3}),
    (ks.rule_sets, {"level": "national", "parent": NATIONAL}),
    (ks.rule_sets, {"max_entries_per_key": 0}),
    (ks.committees, {"rules": "national"}),
    (ks.committees, {"min_members": 5, "max_members": 4}),
    (ks.committees, {"max_meetings": -1}),
    (ks.committees, {"max_agreements": 51}),
    (ks.committees, {"records": "yes"}),
    (ks.follow_ups, {"owners": "anne"}),
    (ks.follow_ups, {"owners": ["not an id"]}),
    (ks.minutes_items, {"owners": [3]}),
    (ks.minutes, {"meeting_id": "not an id"}),
    (ks.minutes, {"numbers": "1"}),
    (ks.minutes, {"numbers": ["0"]}),
    (ks.annual_wheels, {"min_year": 1899}),
    (ks.meeting_calendars, {"min_year": 2020, "max_year": 2019}),
    (ks.evaluation_records, {"max_year": 2201}),
    (ks.invalid_persons, {"defects": ["no_such_defect"]}),
    (ks.invalid_meetings, {"timezone": st.just("UTC")}),
    (ks.invalid_local_times, {"timezone": "UTC"}),
    (ks.invalid_local_times, {"timezone": st.just("UTC")}),
    (ks.invalid_local_times, {"min_year": 2020, "max_year": 2019}),
    (ks.invalid_local_times, {"timezone": "Asia/Tokyo", "min_year": 2000, "max_year": 2001}),
    (
        ks.invalid_local_times,
        {
            "timezone": "America/Sao_Paulo",
            "min_year": 2019,
            "max_year": 2019,
            "defects": ["nonexistent"],
        },
    ),
]


@pytest.mark.parametrize(
    ("factory", "kwargs"), BAD_ARGUMENTS, ids=[f"{f.__name__}-{k}" for f, k in BAD_ARGUMENTS]
)
def test_bad_arguments_raise_invalid_argument_at_once(
    factory: Callable[..., object], kwargs: dict[str, Any]
) -> None:
    with pytest.raises(InvalidArgument):
        factory(**kwargs)


def test_a_strategy_of_zones_is_checked_when_drawn() -> None:
    strategy = ks.meeting_times(timezone=st.just("Mars/Olympus"))
    with pytest.raises(InvalidArgument, match="unusable zone"):
        draw_one(strategy)


def test_a_strategy_of_parents_is_checked_when_drawn() -> None:
    strategy = ks.rule_sets(parent=st.just(AALBORG))
    with pytest.raises(InvalidArgument, match="drew the local"):
        draw_one(strategy)


def test_rule_sets_skip_keys_without_a_comparable_unit() -> None:
    months = RuleSet(
        "months",
        "M",
        "national",
        (
            RuleEntry(
                "agenda_dispatch_notice",
                Period(1, "months"),
                date(2011, 4, 1),
                ("VEJL2011",),
                bound="minimum",
            ),
            RuleEntry(
                "agenda_dispatch_notice",
                Period(3, "weeks"),
                date(2012, 4, 1),
                ("VEJL2011",),
                bound="minimum",
            ),
        ),
    )
    with pytest.raises(InvalidArgument, match="comparable"):
        ks.rule_sets(parent=months, keys=["agenda_dispatch_notice"])
    rule_set = draw_one(ks.rule_sets(parent=st.just(months), keys=["agenda_dispatch_notice"]))
    assert rule_set.entries == ()


def test_invalid_input_builds_by_calling_its_target() -> None:
    case = ks.InvalidInput(
        "demo", klu_rules.InvalidValueError, Period, {"amount": -1, "unit": "days"}
    )
    with pytest.raises(klu_rules.InvalidValueError):
        case.build()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert repr(case).startswith("InvalidInput('demo': Period(amount=-1")
