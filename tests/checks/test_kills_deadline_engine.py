"""The deadline engine's argument checks and caches, pinned where a mistake would show.

The tests pin:

- deadlines counted forward in months (clamped to the month's end), a
  meeting-length rule beyond its national bound, a local rule dated before
  the national rules, and an items-due deadline the calendar cannot give;
- that the per-day memo, the per-call context and the merged-sources cache
  give each call its own answer when two calls in a row differ in what the
  answer depends on (a recorded call for items, the sources of the
  deadlines, the type of ``as_of``, an argument that cannot be hashed);
- that the context and merged-sources caches are emptied when full;
- the exact words of the errors for a bad calendar, layering, rule set or year.
"""

from __future__ import annotations

from datetime import date

import pytest
from helpers import cph
from test_deadlines import meeting
from test_kills_engine import Day

import klu_rules.checks.deadlines as engine
from klu_rules.checks.deadlines import DeadlineKind, plan_meeting, plan_meetings
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.period import Period
from klu_rules.model.meeting import Meeting
from klu_rules.rules.calendar import DanishCalendar
from klu_rules.rules.ruleset import AALBORG, NATIONAL, RuleEntry, RuleSet

D = date
PUBLIC_ONLY = DanishCalendar(statutory_closing_days=False)


class UnhashableDay(date):
    """A date subclass that cannot be hashed, as a mutable date-like class would be."""

    __hash__ = None  # type: ignore[assignment]


def local_rules(name: str, *entries: tuple[str, Period, date]) -> RuleSet:
    """A local rule set on the national rules, each entry ``(key, value, effective_from)``."""
    return RuleSet(
        name=name,
        title=f"Local rules {name}",
        level="local",
        parent=NATIONAL,
        entries=tuple(
            RuleEntry(key=key, value=value, effective_from=day, sources=("AAL2021",))
            for key, value, day in entries
        ),
    )


# --- what the engine computes -------------------------------------------------------------


def test_items_due_counted_in_months_after_the_call_clamp_to_the_month_end() -> None:
    rules = local_rules(
        "monthly",
        ("call_for_items_notice", Period(8, "weeks"), D(2021, 5, 1)),
        ("items_due_after_call", Period(1, "months"), D(2021, 5, 1)),
    )
    # Wed 27 March 2024 - 8 weeks = Wed 31 January; + 1 month = Thu 29 February (leap year).
    plan = plan_meeting(meeting(D(2024, 3, 27)), rules)
    items = plan.deadline(DeadlineKind.ITEMS_DUE)
    assert (items.date, items.unrolled, items.roll) == (D(2024, 2, 29), D(2024, 2, 29), "none")
    assert (items.anchor, items.anchor_date) == ("call_for_items", D(2024, 1, 31))
    assert items.explanation == (
        "Agenda items reach the secretariat no later than 1 month after the call for items on "
        "Wednesday 2024-01-31, that is Thursday 2024-02-29 (AAL2021)."
    )


def test_a_meeting_length_beyond_the_national_maximum_is_a_finding_of_the_meeting() -> None:
    rules = local_rules("long", ("meeting_length", Period(4, "hours"), D(2021, 5, 1)))
    plan = plan_meeting(meeting(D(2023, 6, 1), hours=2), rules)
    assert [f.code for f in plan.findings] == ["rules.local-beyond-bound"]
    (beyond,) = plan.findings
    assert beyond.message == (
        "The local rule meeting_length = 4 hours (AAL2021) is beyond the national maximum of "
        "3 hours (OK22-102); the national 3 hours applies."
    )
    assert beyond.parameters["key"] == "meeting_length"
    assert beyond.sources == ("OK22-102", "AAL2021")


def test_a_local_rule_dated_before_the_national_rules_plans_nothing_before_them() -> None:
    rules = local_rules("early", ("call_for_items_notice", Period(4, "weeks"), D(2010, 1, 1)))
    with pytest.raises(NoRulesInForceError) as info:
        plan_meeting(meeting(D(2010, 6, 3)), rules)
    assert str(info.value) == (
        "meeting 'm-2010-06-03' cannot be planned: no KLU rules are in force on 2010-06-03: the "
        "national rules (VEJL2011) take effect on 2011-04-01; plan meetings from then on"
    )


def test_items_due_after_the_calendar_names_the_planned_call() -> None:
    rules = local_rules(
        "far",
        ("call_for_items_notice", Period(1, "weeks"), D(2011, 4, 1)),
        ("items_due_after_call", Period(2, "weeks"), D(2011, 4, 1)),
    )
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(meeting(D(2200, 12, 30)), rules)
    assert str(info.value) == (
        "meeting 'm-2200-12-30' cannot be planned: its items_due deadline is 2 weeks after the "
        "call for items on 2200-12-23 (rule items_due_after_call: AAL2021), which the calendar "
        "cannot give (day 2201-01-06 is outside the calendar's range 1900-01-01..2200-12-31; "
        "use a date in that range); check the rule's value"
    )


# --- caches: two calls in a row get their own answers ------------------------------------


def test_meetings_on_one_day_with_different_recorded_calls_get_their_own_items_due() -> None:
    first = plan_meeting(meeting(D(2023, 6, 1), call_for_items_on=D(2023, 5, 4)), AALBORG)
    second = plan_meeting(meeting(D(2023, 6, 1), call_for_items_on=D(2023, 5, 1)), AALBORG)
    # 4 May + 2 weeks = 18 May (Kristi himmelfartsdag) -> Fri 19 May, after the agenda (17 May)
    items = first.deadline("items_due")
    assert (items.anchor_date, items.date) == (D(2023, 5, 4), D(2023, 5, 19))
    assert "deadline.items-due-after-dispatch" in [f.code for f in first.findings]
    # 1 May + 2 weeks = Mon 15 May, before the agenda
    items = second.deadline("items_due")
    assert (items.anchor, items.anchor_date) == ("recorded_call_for_items", D(2023, 5, 1))
    assert items.date == D(2023, 5, 15)
    assert [f.code for f in second.findings] == ["rules.local-beyond-bound"]


def test_order_findings_of_two_meetings_cite_their_own_sources() -> None:
    plan = plan_meetings([meeting(D(2023, 3, 6)), meeting(D(2023, 6, 1))], AALBORG)
    march, june = (
        [f for f in p.findings if f.code.startswith("deadline.items-due")] for p in plan.meetings
    )
    # 6 March: nothing rolls; items due on 20 February, the day the agenda must go out
    assert [(f.code, f.sources) for f in march] == [
        ("deadline.items-due-on-dispatch-day", ("AAL2021", "OK22-102"))
    ]
    # 1 June: both deadlines roll, so the roll conventions are cited too
    assert [(f.code, f.sources) for f in june] == [
        ("deadline.items-due-after-dispatch", ("AAL2021", "EU1182/71", "FORÆLDL-27", "OK22-102"))
    ]


def test_an_as_of_of_a_date_subclass_is_kept_as_given_after_an_equal_date() -> None:
    plain = plan_meeting(meeting(D(2023, 6, 1)), AALBORG, as_of=D(2023, 5, 10))
    own = plan_meeting(meeting(D(2023, 6, 1)), AALBORG, as_of=Day(2023, 5, 10))
    assert type(plain.parameters.as_of) is date
    assert type(own.parameters.as_of) is Day
    assert own == plain
    again = plan_meeting(meeting(D(2023, 6, 1)), AALBORG, as_of=D(2023, 5, 10))
    assert type(again.parameters.as_of) is date


def test_an_unhashable_date_as_of_plans_with_every_argument_given() -> None:
    # Mon 19 June 2023: the call for items is due Mon 22 May and the items 2 weeks later,
    # on Mon 5 June: Grundlovsdag, open on the public-holidays calendar.
    day = meeting(D(2023, 6, 19))
    given = plan_meeting(
        day, AALBORG, calendar=PUBLIC_ONLY, layering="local", as_of=UnhashableDay(2023, 6, 1)
    )
    expected = plan_meeting(
        day, AALBORG, calendar=PUBLIC_ONLY, layering="local", as_of=D(2023, 6, 1)
    )
    assert given == expected
    assert given.parameters.to_dict() == {
        "rules": "aalborg",
        "layering": "local",
        "calendar": "public-holidays",
        "timezone": "Europe/Copenhagen",
        "as_of": "2023-06-01",
    }
    # local layering: the agenda goes out 1 week before, on Mon 12 June
    assert given.deadline("agenda_dispatch").date == D(2023, 6, 12)
    assert given.deadline("items_due").date == D(2023, 6, 5)
    assert [f.code for f in given.findings] == ["rules.local-beyond-bound", "deadline.passed"]


def test_an_unhashable_argument_does_not_hide_what_is_wrong() -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(meeting(D(2023, 6, 1)), AALBORG, layering=["local"])  # type: ignore[arg-type]
    assert str(info.value) == (
        "layering is one of 'strictest', 'local', got ['local']; 'strictest' applies the "
        "national value where a local one is beyond its bound, 'local' applies the local value "
        "anyway"
    )
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(meeting(D(2023, 6, 1)), AALBORG, as_of=[D(2023, 5, 1)])  # type: ignore[arg-type]
    assert str(info.value) == (
        "as_of must be a date (the day to judge deadlines on), got [datetime.date(2023, 5, 1)]; "
        "write date(2023, 5, 1), not a datetime"
    )
    # the calendar is checked before as_of, whether or not as_of can be hashed
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(
            meeting(D(2023, 6, 1)),
            AALBORG,
            calendar="statutory",  # type: ignore[arg-type]
            as_of=[D(2023, 5, 1)],  # type: ignore[arg-type]
        )
    assert str(info.value).startswith(
        "calendar must be a working-day calendar such as DanishCalendar(), got str; "
    )


# --- caches are bounded ------------------------------------------------------------------


def test_the_context_cache_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_CONTEXTS_MAX", 2)
    sizes: list[int] = []
    for as_of in (D(2023, 5, 1), D(2023, 5, 2), D(2023, 5, 3), D(2023, 5, 3)):
        plan_meeting(meeting(D(2023, 6, 1)), AALBORG, as_of=as_of)
        sizes.append(len(engine._CONTEXTS))
    assert sizes == [1, 2, 1, 1]


def test_the_merged_sources_cache_holds_at_most_1024_pairs() -> None:
    for n in range(1024):
        assert engine._merged(("AAL2021",), (f"K{n}", "AAL2021")) == ("AAL2021", f"K{n}")
    assert len(engine._MERGED) == 1024
    assert engine._merged(("AAL2021",), ("OK22-102",)) == ("AAL2021", "OK22-102")
    assert len(engine._MERGED) == 1


# --- the words of the argument errors ----------------------------------------------------


def test_a_calendar_that_is_not_a_calendar_says_what_is_needed() -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(meeting(D(2023, 6, 1)), AALBORG, calendar="statutory")  # type: ignore[arg-type]
    assert str(info.value) == (
        "calendar must be a working-day calendar such as DanishCalendar(), got str; pass None "
        "for the default Danish calendar or an object with is_working_day(day), "
        "roll(day, direction) and add_working_days(day, n)"
    )


def test_an_unknown_layering_says_what_each_layering_does() -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(meeting(D(2023, 6, 1)), AALBORG, layering="loose")  # type: ignore[arg-type]
    assert str(info.value) == (
        "layering is one of 'strictest', 'local', got 'loose'; 'strictest' applies the national "
        "value where a local one is beyond its bound, 'local' applies the local value anyway"
    )


def test_planning_without_rules_names_the_built_in_rule_sets() -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(meeting(D(2023, 6, 1)), None)  # type: ignore[arg-type]
    assert str(info.value) == (
        "rules must be a RuleSet or the name of a built-in rule set ('national', 'aalborg'), "
        "got None"
    )


@pytest.mark.parametrize(
    ("year", "shown"), [("2024", "'2024'"), (2024.0, "2024.0"), (2201, "2201")]
)
def test_a_year_is_a_whole_number_from_1900_to_2200(year: object, shown: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meetings([], NATIONAL, year=year)  # type: ignore[arg-type]
    assert str(info.value) == f"year must be a year 1900..2200, got {shown}"


def test_the_first_and_last_years_are_valid_years() -> None:
    # 1900 is a valid year, but before the national rules: the rules, not the year, say no
    with pytest.raises(NoRulesInForceError) as info:
        plan_meetings([], NATIONAL, year=1900)
    assert str(info.value) == (
        "the year 1900 cannot be planned: no KLU rules are in force on 1900-12-31: the national "
        "rules (VEJL2011) take effect on 2011-04-01; plan meetings from then on"
    )
    last = plan_meetings([Meeting("m", cph(2200, 3, 4, 15))], NATIONAL, year=2200)
    assert last.year == 2200
    assert last.counts.minimum == 2
    assert last.counts.upcoming == 1
