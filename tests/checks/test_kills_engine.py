"""Behaviours of the deadline engine, the calendar and the rule sets that no other test pins.

Each test states what a caller relies on: the exact words of an error or an
explanation, that a value of a subclass of ``date`` or ``Meeting`` is as
good as the class itself, which field an error names.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from helpers import cph
from test_deadlines import good_deadline as deadline

from klu_rules.checks.deadlines import (
    MeetingPlan,
    PlanParameters,
    YearCounts,
    plan_meeting,
    plan_meetings,
)
from klu_rules.core.errors import InvalidRuleSetError, InvalidValueError, NoRulesInForceError
from klu_rules.core.period import Period
from klu_rules.model.meeting import Meeting, MeetingKind
from klu_rules.rules.calendar import DanishCalendar
from klu_rules.rules.ruleset import AALBORG, NATIONAL

D = date
PARAMS = PlanParameters("aalborg", "strictest", "statutory", "Europe/Copenhagen")


class Day(date):
    """A subclass of date, as some libraries hand out (it is still a date)."""


@attrs.frozen(slots=True)
class RoomMeeting(Meeting):
    """A caller's own subclass of Meeting."""


def day_of(value: date) -> Day:
    return Day(value.year, value.month, value.day)


def meeting(day: date, **kw: Any) -> Meeting:
    start = cph(day.year, day.month, day.day, 15)
    return Meeting(id=f"m-{day.isoformat()}", start=start, **kw)


# --- Deadline and MeetingPlan take subclasses of date and Meeting ------------------------


@pytest.mark.parametrize("field", ["date", "unrolled", "anchor_date"])
def test_a_deadline_takes_a_date_subclass_without_a_recorded_step(field: str) -> None:
    made = deadline(**{field: day_of(deadline().__getattribute__(field))})
    assert made == deadline()
    assert made.done_on is None


def test_a_deadline_takes_a_date_subclass_as_the_recorded_step() -> None:
    assert deadline(done_on=Day(2023, 5, 16)).done_on == D(2023, 5, 16)


def test_a_deadline_names_the_field_that_is_not_a_date() -> None:
    with pytest.raises(InvalidValueError) as info:
        deadline(done_on="2023-05-16")
    assert str(info.value) == "Deadline.done_on must be a date (not a datetime), got '2023-05-16'"


def test_a_deadline_that_did_not_move_has_no_closing_days() -> None:
    with pytest.raises(InvalidValueError) as info:
        deadline(date=D(2023, 5, 18), roll="none")
    assert str(info.value) == (
        "Deadline.closed names the closing days a deadline moved off; it must be empty "
        "when the deadline did not move"
    )


def test_a_meeting_plan_takes_a_date_subclass_and_a_meeting_subclass() -> None:
    own = RoomMeeting(id="m", start=cph(2023, 6, 1, 15))
    plan = MeetingPlan(own, Day(2023, 6, 1), (), (), PARAMS)
    assert plan.date == D(2023, 6, 1)
    assert plan.meeting is own
    with pytest.raises(InvalidValueError) as info:
        MeetingPlan(own, "2023-06-01", (), (), PARAMS)  # type: ignore[arg-type]
    assert str(info.value) == "MeetingPlan.date must be a date, got '2023-06-01'"
    with pytest.raises(InvalidValueError) as info:
        MeetingPlan("m", D(2023, 6, 1), (), (), PARAMS)  # type: ignore[arg-type]
    assert str(info.value) == "MeetingPlan.meeting must be a Meeting, got 'm'"


# --- the words of errors and explanations ------------------------------------------------


def test_why_a_dialogue_meeting_has_no_agenda_deadline() -> None:
    plan = plan_meeting(meeting(D(2023, 6, 1), kind=MeetingKind.DIALOGUE), AALBORG)
    with pytest.raises(NoRulesInForceError) as info:
        plan.deadline("agenda_dispatch")
    assert str(info.value) == (
        "meeting 'm-2023-06-01' has no agenda_dispatch deadline: a dialogue meeting has only "
        "an announcement deadline (a convention)"
    )


def test_why_an_ordinary_meeting_has_no_announcement() -> None:
    plan = plan_meeting(meeting(D(2023, 6, 1)), AALBORG)
    with pytest.raises(NoRulesInForceError) as info:
        plan.deadline("dialogue_announcement")
    assert str(info.value) == (
        "meeting 'm-2023-06-01' has no dialogue_announcement deadline: only dialogue meetings "
        "are announced"
    )


def test_explain_counts_errors_in_the_singular_and_the_plural() -> None:
    # a call for items recorded two days before the meeting: items are due after the agenda
    # must go out (an error)
    def late(day: date) -> Meeting:
        return meeting(day, call_for_items_on=day - timedelta(days=2))

    one = plan_meeting(late(D(2023, 6, 1)), AALBORG)
    assert [f.severity for f in one.findings].count("error") == 1
    assert "and 1 error, " in one.explain()
    two = plan_meetings([late(D(2023, 6, 1)), late(D(2023, 9, 7))], AALBORG)
    assert [f.severity for f in two.all_findings].count("error") == 2
    assert "and 2 errors, " in two.explain()


def test_a_year_plan_lists_its_meetings_when_one_is_missing() -> None:
    plan = plan_meetings([meeting(D(2023, 3, 1)), meeting(D(2023, 6, 1))], AALBORG)
    with pytest.raises(InvalidValueError) as info:
        plan.meeting("m-2023-09-01")
    assert str(info.value) == (
        "the 2023 plan has no meeting 'm-2023-09-01'; it has m-2023-03-01, m-2023-06-01"
    )


def test_planning_no_meetings_needs_a_year() -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meetings([], AALBORG)
    assert str(info.value) == (
        "plan_meetings() needs a year when no meetings are given; pass year=2024"
    )


@pytest.mark.parametrize(
    ("changes", "name", "shown"),
    [
        ({"minimum": None, "held": -1}, "held", "-1"),
        ({"dialogue_maximum": None, "upcoming": "2"}, "upcoming", "'2'"),
        ({"minimum": None, "dialogue_maximum": None, "cancelled": 1.5}, "cancelled", "1.5"),
        ({"minimum": -4}, "minimum", "-4"),
        ({"dialogue_maximum": True}, "dialogue_maximum", "True"),
    ],
)
def test_year_counts_name_the_bad_count(changes: dict[str, Any], name: str, shown: str) -> None:
    values: dict[str, Any] = dict(
        minimum=4, held=1, upcoming=2, passed_unrecorded=0, cancelled=0, dialogue=0,
        dialogue_maximum=2,
    )  # fmt: skip
    values.update(changes)
    with pytest.raises(InvalidValueError) as info:
        YearCounts(**values)
    assert str(info.value) == f"YearCounts.{name} must be a whole number >= 0, got {shown}"


def test_a_rule_that_is_not_a_period_says_so() -> None:
    rules = NATIONAL.in_force(D(2023, 6, 1))
    assert rules.period("agenda_dispatch_notice") == Period(2, "weeks")
    with pytest.raises(InvalidRuleSetError) as info:
        rules.period("meetings_per_year")
    assert str(info.value) == (
        "rule 'meetings_per_year' is not a period: its value in force is 2; read it with "
        "value('meetings_per_year')"
    )


def test_the_calendar_refuses_a_day_outside_its_range_when_adding_working_days() -> None:
    calendar = DanishCalendar()
    assert calendar.add_working_days(D(1900, 1, 2), 1) == D(1900, 1, 3)
    assert calendar.add_working_days(D(2200, 12, 30), -1) == D(2200, 12, 29)
    with pytest.raises(InvalidValueError, match="outside the calendar's range"):
        calendar.add_working_days(D(1899, 12, 31), 1)
