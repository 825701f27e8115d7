"""Every error of the rule functions is written in Danish or English, never both in one sentence.

One bad input per text key of ``errors_checks.toml``; each error reads in one language only
(data and argument names shown as written are allowed), and every key of the file is raised.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import attrs
import pytest
from helpers import catalogue_error_keys, cph, keyed_error_texts, raised, rich_committee

from klu_rules import Agenda, AgendaItem, Attendance, Meeting, get_rule_set
from klu_rules.checks.agenda import agenda_template, check_agenda
from klu_rules.checks.compliance import review_year
from klu_rules.checks.coverage import coverage_rights, coverage_status
from klu_rules.checks.deadlines import plan_meeting, plan_meetings, plan_year
from klu_rules.checks.honorarium import MeetingRate, honorarium_for_meeting
from klu_rules.checks.meeting_check import check_record
from klu_rules.checks.nursing_home import nursing_home_doctor_monthly_fee
from klu_rules.checks.plan_results import DeadlineKind
from klu_rules.checks.quorum import check_quorum
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import error_text
from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.io.coverage_file import rm_2021
from klu_rules.rules.entries import FixedAgendaItem, RuleEntry
from klu_rules.rules.ruleset import RuleSet

NATIONAL = get_rule_set("national")
AALBORG = get_rule_set("aalborg")
JUNE = date(2023, 6, 1)
COMMITTEE = rich_committee()
M1 = COMMITTEE.meetings[0]
BARE = RuleSet(
    "bare", "Bare", "national", (RuleEntry("doctor_seats", 2, date(2011, 4, 1), ("VEJL2011",)),)
)
BARE_COMMITTEE = attrs.evolve(COMMITTEE, rule_set=BARE)
AGENDA = Agenda((AgendaItem("1", "Godkendelse af dagsordenen", "approval", 5),))
TOPIC = Agenda((AgendaItem("1", "Sundhed", "decision", 5, topics=("helth",)),))
NOT_RELEVANT = Agenda(AGENDA.items, not_relevant=("x",))
ODD = attrs.evolve(
    AALBORG,
    fixed_agenda_items=(
        FixedAgendaItem("odd", "A", "Skæv", "approval", date(2021, 5, 1), ("AAL2021",)),  # type: ignore[arg-type]
    ),
)
RATE = Money(Decimal("1500"), "2023-04")


def meeting(day: date, kind: str = "ordinary") -> Meeting:
    return Meeting(f"m-{day}", cph(day.year, day.month, day.day, 15), kind=kind)


def without(rule_set: RuleSet, key: str) -> RuleSet:
    entries = tuple(e for e in rule_set.entries if e.key != key)
    return attrs.evolve(rule_set, name=f"{rule_set.name}-uden-{key}", entries=entries)


def far(period: Period) -> RuleSet:
    entry = RuleEntry("call_for_items_notice", period, date(2011, 4, 1), ("AAL2021",))
    return RuleSet("far", "Far", "local", (entry,), parent=NATIONAL)


class FailingCalendar:
    """A working-day calendar whose roll fails with an error of its own (not from the catalogue)."""

    def is_working_day(self, day: date, /) -> bool:
        return False

    def roll(self, day: date, direction: str, /) -> date:
        raise InvalidValueError("kalenderfejl")

    def add_working_days(self, day: date, n: int, /) -> date:
        return day


def a_plan() -> object:
    return plan_meeting(meeting(JUNE, "dialogue"), AALBORG).deadline(DeadlineKind.AGENDA_DISPATCH)


SUBSTITUTE = attrs.evolve(
    M1,
    attendance=(Attendance(COMMITTEE.memberships[3].person, "substitute", substitute_for="chair"),),
)
RULES = frozenset({"rules"})  # the arguments' and classes' names, shown as written
MEETING = frozenset({"meeting"})

# (text key, the call that raises it, data words the text may show as given)
CASES: list[tuple[str, Callable[[], object], frozenset[str]]] = [
    (
        "checks.cause",
        lambda: plan_meeting(meeting(JUNE), NATIONAL, calendar=FailingCalendar()),
        frozenset(),
    ),  # type: ignore[arg-type]
    ("checks.wrong_type", lambda: check_quorum("x", COMMITTEE), MEETING),  # type: ignore[arg-type]
    ("checks.wrong_type_or_none", lambda: check_agenda(AGENDA, "x", NATIONAL), MEETING),  # type: ignore[arg-type]
    ("checks.takes", lambda: review_year("x", 2024), frozenset()),  # type: ignore[arg-type]
    ("checks.takes_values", lambda: plan_meetings(["x"], NATIONAL), MEETING),  # type: ignore[list-item]
    ("checks.record", lambda: check_record("x"), frozenset()),  # type: ignore[arg-type]
    ("checks.rules", lambda: check_quorum(M1, COMMITTEE, rules=42), RULES),  # type: ignore[arg-type]
    (
        "checks.other_day",
        lambda: check_quorum(M1, COMMITTEE, rules=AALBORG.in_force(JUNE)),
        frozenset(),
    ),
    (
        "checks.meeting_before_rules",
        lambda: check_quorum(Meeting("m2010", cph(2010, 6, 3, 15)), COMMITTEE),
        frozenset(),
    ),
    ("agenda_check.template_needs_date", lambda: agenda_template(NATIONAL), frozenset()),
    ("checks.rules", lambda: agenda_template("odense"), frozenset()),  # type: ignore[arg-type]
    ("agenda_check.check_needs_date", lambda: check_agenda(AGENDA, None, NATIONAL), frozenset()),
    ("agenda_check.fixed_number", lambda: check_agenda(AGENDA, M1, ODD), frozenset()),
    ("agenda_check.item_topic", lambda: check_agenda(TOPIC, M1, NATIONAL), frozenset()),
    ("agenda_check.item_topic_no_catalogue", lambda: check_agenda(TOPIC, M1, BARE), frozenset()),
    (
        "agenda_check.not_relevant_topic",
        lambda: check_agenda(NOT_RELEVANT, M1, NATIONAL),
        frozenset(),
    ),
    (
        "agenda_check.not_relevant_topic_no_catalogue",
        lambda: check_agenda(NOT_RELEVANT, M1, BARE),
        frozenset(),
    ),
    ("year_check.no_check", lambda: review_year(COMMITTEE, 2024).check("x"), frozenset()),
    (
        "year_check.term_warning_days",
        lambda: review_year(COMMITTEE, 2024, term_warning_days=-1),
        frozenset(),
    ),
    ("coverage_check.on_or_year", lambda: coverage_status(rm_2021(), "allingaabro"), frozenset()),
    (
        "deadline_check.no_roll",
        lambda: plan_meeting(meeting(date(2023, 10, 5)), without(NATIONAL, "roll_before")),
        frozenset(),
    ),
    (
        "deadline_check.meeting",
        lambda: plan_meeting(meeting(date(2010, 6, 3)), NATIONAL),
        frozenset(),
    ),
    ("deadline_check.year", lambda: plan_year(COMMITTEE, 2010), frozenset()),
    (
        "deadline_check.python_dates",
        lambda: plan_meeting(meeting(JUNE), far(Period(999_999, "weeks"))),
        frozenset(),
    ),
    (
        "deadline_check.uncomputable",
        lambda: plan_meeting(meeting(JUNE), far(Period(1500, "months"))),
        frozenset(),
    ),
    (
        "deadline_check.calendar",
        lambda: plan_meeting(meeting(JUNE), NATIONAL, calendar="statutory"),  # type: ignore[arg-type]
        frozenset(),
    ),
    ("deadline_check.rules", lambda: plan_meeting(meeting(JUNE), 42), RULES),  # type: ignore[arg-type]
    ("deadline_check.only_announcement", a_plan, frozenset()),
    (
        "deadline_check.only_dialogue",
        lambda: plan_meeting(meeting(JUNE), AALBORG).deadline(DeadlineKind.DIALOGUE_ANNOUNCEMENT),
        frozenset(),
    ),
    (
        "deadline_check.no_rule",
        lambda: plan_meeting(meeting(JUNE, "dialogue"), NATIONAL).deadline(
            DeadlineKind.DIALOGUE_ANNOUNCEMENT
        ),
        frozenset(),
    ),
    ("deadline_check.no_meeting", lambda: plan_year(COMMITTEE).meeting("x"), frozenset()),
    (
        "deadline_check.no_meetings",
        lambda: plan_meetings([], NATIONAL, year=2024).meeting("x"),
        frozenset(),
    ),
    ("honorarium.amount_type", lambda: MeetingRate(Decimal("1500")), frozenset()),  # type: ignore[arg-type]
    ("honorarium.amount", lambda: MeetingRate(Money(Decimal("-1"), "2023-04")), frozenset()),
    ("honorarium.per", lambda: MeetingRate(RATE, "day"), frozenset({"meeting"})),  # type: ignore[arg-type]
    (
        "honorarium.rate_type",
        lambda: honorarium_for_meeting(M1, COMMITTEE, rate="x"),  # type: ignore[arg-type]
        frozenset({"meeting"}),
    ),
    ("honorarium.no_fee", lambda: nursing_home_doctor_monthly_fee(10, rules=BARE), frozenset()),
    (
        "honorarium.fee_not_yet",
        lambda: nursing_home_doctor_monthly_fee(10, on=date(2021, 1, 1)),
        frozenset(),
    ),
    (
        "honorarium.extra_hour_given",
        lambda: nursing_home_doctor_monthly_fee(10, extra_hour_given=1),  # type: ignore[arg-type]
        frozenset(),
    ),
    ("quorum_check.share_type", lambda: check_quorum(M1, COMMITTEE, doctor_share=0.5), frozenset()),  # type: ignore[arg-type]
    (
        "quorum_check.share_text",
        lambda: check_quorum(M1, COMMITTEE, doctor_share="halv"),
        frozenset(),
    ),
    (
        "quorum_check.share_range",
        lambda: check_quorum(M1, COMMITTEE, doctor_share="1.5"),
        frozenset(),
    ),
    ("quorum_check.no_rule", lambda: check_quorum(M1, BARE_COMMITTEE), frozenset()),
    (
        "quorum_check.unknown_item",
        lambda: check_quorum(M1, COMMITTEE).explain_item("9.z"),
        frozenset(),
    ),
    ("seats_check.not_a_doctor", lambda: check_quorum(SUBSTITUTE, COMMITTEE), frozenset()),
]


@pytest.mark.parametrize(("key", "call", "allow"), CASES, ids=[c[0] for c in CASES])
def test_each_error_reads_in_one_language(
    key: str, call: Callable[[], object], allow: frozenset[str]
) -> None:
    da, en = keyed_error_texts(key, call, allow)
    assert da != en or key == "checks.cause"


def test_every_key_of_the_checks_errors_israised() -> None:
    assert catalogue_error_keys("errors_checks.toml") == {c[0] for c in CASES}


def test_a_wrapped_error_is_written_wholly_in_the_language_asked_for() -> None:
    error = raised(lambda: plan_year(COMMITTEE, 2010))
    assert error_text(error, "da").startswith("året 2010 kan ikke planlægges: ingen KLU-regler")
    assert str(error).startswith("the year 2010 cannot be planned: no KLU rules")


def test_a_missing_standing_topic_is_named_in_the_language_shown() -> None:
    [found] = [
        f
        for f in check_agenda(AGENDA, M1, NATIONAL).findings
        if f.code == "agenda.standing-topic-missing" and f.subject == "doctor_coverage"
    ]
    topic = NATIONAL.in_force(JUNE).topic("doctor_coverage")
    assert topic.name_en in found.text("en")
    assert topic.name_da not in found.text("en")
    assert topic.name_da in found.text("da")


def test_a_right_the_sources_do_not_cite_has_no_basis_text() -> None:
    result = coverage_rights(rm_2021(), "allingaabro", on=date(2021, 12, 31))
    assert [(r.citation, r.basis) for r in result.rights][2] == (None, None)
    assert result.rights[0].basis == "cited in the minutes (OK § 22, stk. 4)"  # data as written
