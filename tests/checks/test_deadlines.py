"""The deadline engine: known answers from the seeds, properties, and every error.

Dates used below (computed by hand; Easter 2011 = 24 April, 2023 = 9 April,
2024 = 31 March):

- Store bededag 2023 = Easter + 26 = Friday 5 May 2023 (abolished from 2024);
- Kristi himmelfartsdag 2023 = Easter + 39 = Thursday 18 May 2023;
- Skærtorsdag 2011 = Easter - 3 = Thursday 21 April 2011;
- Grundlovsdag, 5 June, and 24 and 31 December are closed on the default
  (statutory) calendar and open on the public-holidays calendar.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from helpers import CPH, cph, foreign_words, plain_committee
from holidays.constants import OPTIONAL, PUBLIC
from holidays.countries.denmark import Denmark
from hypothesis import assume, given
from hypothesis import strategies as st

from klu_rules.checks.compliance import FINDING_CODES as COMPLIANCE_CODES
from klu_rules.checks.compliance import review_year
from klu_rules.checks.deadlines import (
    JSON_SCHEMA,
    DeadlineKind,
    MeetingPlan,
    PlanParameters,
    YearCounts,
    YearPlan,
    plan_meeting,
    plan_meetings,
)
from klu_rules.checks.deadlines import (
    plan_year as plan_year_with_compliance,
)
from klu_rules.core.errors import InvalidValueError, KluRulesError, NoRulesInForceError
from klu_rules.core.findings import CATALOGUE, finding
from klu_rules.core.messages import error_text
from klu_rules.core.period import Period
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import localize
from klu_rules.io.presets import aalborg
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus
from klu_rules.rules.calendar import DanishCalendar
from klu_rules.rules.ruleset import AALBORG, NATIONAL, RuleEntry, RuleSet
from klu_rules.testing import strategies


def plan_year(*args: Any, **kwargs: Any) -> YearPlan:
    """The engine's own year plan: the records' compliance findings are tested elsewhere."""
    return plan_year_with_compliance(*args, compliance=False, **kwargs)


def test_plan_year_adds_the_compliance_findings_of_the_records() -> None:
    full = plan_year_with_compliance(aalborg(), as_of=date(2024, 2, 1))
    own = plan_year(aalborg(), as_of=date(2024, 2, 1))
    added = {f.code for f in full.findings} - {f.code for f in own.findings}
    assert "year.evaluation-missing" in added
    assert "composition.differs-from-rules" in added
    assert added <= COMPLIANCE_CODES
    # compliance=False leaves out exactly the review's findings.
    kept = tuple(f for f in full.findings if f.code not in COMPLIANCE_CODES)
    assert kept == own.findings
    assert full.meetings == own.meetings


D = date
CALL, ITEMS, AGENDA, DIALOGUE = (
    DeadlineKind.CALL_FOR_ITEMS,
    DeadlineKind.ITEMS_DUE,
    DeadlineKind.AGENDA_DISPATCH,
    DeadlineKind.DIALOGUE_ANNOUNCEMENT,
)
STATUTORY = DanishCalendar()
PUBLIC_ONLY = DanishCalendar(statutory_closing_days=False)


def meeting(
    day: date, start: int = 15, hours: float | None = 2, ident: str | None = None, **kw: Any
) -> Meeting:
    """A meeting on ``day`` at ``start`` o'clock Copenhagen time, ``hours`` long."""
    begin = cph(day.year, day.month, day.day, start)
    end = None if hours is None else begin + timedelta(hours=hours)
    return Meeting(id=ident or f"m-{day.isoformat()}", start=begin, end=end, **kw)


def dates(plan: MeetingPlan) -> dict[str, date]:
    return {d.kind.value: d.date for d in plan.deadlines}


def codes(plan: MeetingPlan | YearPlan) -> list[str]:
    return [f.code for f in plan.findings]


# --- known answers: KLU Aalborg 2023 (AAL-2023, AAL2021, OK22-102) --------------------

# meeting, call for items (4 weeks before), items due (2 weeks after the call),
# agenda under "strictest" (national 2 weeks), agenda under "local" (1 week)
AALBORG_2023 = [
    # Mon 6 March: 6 Feb, 20 Feb, 20 Feb (same day as the items), 27 Feb; nothing rolls.
    (D(2023, 3, 6), D(2023, 2, 6), D(2023, 2, 20), D(2023, 2, 20), D(2023, 2, 27)),
    # Thu 1 June: 4 May (5 May is Store bededag, but the call is the 4th); 4 May + 2 weeks
    # = 18 May, Kristi himmelfartsdag, rolls forward to Fri 19 May; 1 June - 2 weeks =
    # 18 May rolls back to Wed 17 May, so the items come after the agenda; 1 June - 1 week
    # = Thu 25 May.
    (D(2023, 6, 1), D(2023, 5, 4), D(2023, 5, 19), D(2023, 5, 17), D(2023, 5, 25)),
    # Thu 5 October: 7 Sep, 21 Sep, 21 Sep, 28 Sep.
    (D(2023, 10, 5), D(2023, 9, 7), D(2023, 9, 21), D(2023, 9, 21), D(2023, 9, 28)),
    # Thu 30 November: 2 Nov, 16 Nov, 16 Nov, 23 Nov.
    (D(2023, 11, 30), D(2023, 11, 2), D(2023, 11, 16), D(2023, 11, 16), D(2023, 11, 23)),
]


@pytest.mark.parametrize(("day", "call", "items", "strict", "local"), AALBORG_2023)
def test_aalborg_2023_deadlines(
    day: date, call: date, items: date, strict: date, local: date
) -> None:
    strictest = plan_meeting(meeting(day), AALBORG)
    assert dates(strictest) == {
        "call_for_items": call,
        "items_due": items,
        "agenda_dispatch": strict,
    }
    loose = plan_meeting(meeting(day), AALBORG, layering="local")
    assert dates(loose) == {"call_for_items": call, "items_due": items, "agenda_dispatch": local}


def test_aalborg_preset_year_2023_is_the_table() -> None:
    plan = plan_year(aalborg())
    assert (plan.year, plan.committee_id) == (2023, "klu-aalborg")
    assert [tuple(dates(p).values()) for p in plan.meetings] == [r[1:4] for r in AALBORG_2023]


def test_1_june_2023_rolls_off_ascension_day_both_ways() -> None:
    plan = plan_meeting(meeting(D(2023, 6, 1)), AALBORG)
    items, agenda = plan.deadline(ITEMS), plan.deadline("agenda_dispatch")
    assert (items.unrolled, items.roll, items.closed) == (
        D(2023, 5, 18),
        "following",
        ("ascension_day",),
    )
    assert (agenda.unrolled, agenda.roll, agenda.closed) == (
        D(2023, 5, 18),
        "preceding",
        ("ascension_day",),
    )
    # rolled deadlines also cite the roll convention
    assert items.sources == ("AAL2021", "EU1182/71", "FORÆLDL-27")
    # rolled back: the convention roll_before cites no source (EU1182/71 Art. 3(4) rolls
    # forward only, RULES.md § 3)
    assert agenda.sources == ("OK22-102", "AAL2021")
    assert items.anchor == "call_for_items"
    assert items.anchor_date == plan.deadline(CALL).date == D(2023, 5, 4)
    assert agenda.explain("da") == (
        "Fristen for udsendelse af dagsordenen er 2 uger før mødet torsdag den 1. juni 2023; "
        "torsdag den 18. maj 2023 er ikke en arbejdsdag (Kristi himmelfartsdag), så fristen "
        "flyttes til arbejdsdagen før, onsdag den 17. maj 2023."
    )
    assert (
        agenda.explain("en")
        == agenda.explanation
        == (
            "The deadline for sending out the agenda is 2 weeks before the meeting on Thursday "
            "1 June 2023; Thursday 18 May 2023 is not a working day (Ascension Day), so the "
            "deadline moves to the working day before, Wednesday 17 May 2023."
        )
    )
    assert agenda.basis == "OK22-102"
    assert codes(plan) == ["rules.local-beyond-bound", "deadline.items-due-after-dispatch"]
    error = plan.findings[1]
    assert error.severity == "error"
    assert error.parameters == {"items_due": "2023-05-19", "agenda_dispatch": "2023-05-17"}
    assert error.sources == ("AAL2021", "EU1182/71", "FORÆLDL-27", "OK22-102")
    assert plan.outcome == "error"


def test_aalborg_2023_findings_strictest_and_local() -> None:
    strict = plan_year(aalborg())
    assert [codes(p) for p in strict.meetings] == [
        [
            "rules.local-beyond-bound",
            "deadline.items-due-on-dispatch-day",
            "meeting.longer-than-national-max",
        ],
        ["rules.local-beyond-bound", "deadline.items-due-after-dispatch"],
        ["rules.local-beyond-bound", "deadline.items-due-on-dispatch-day"],
        ["rules.local-beyond-bound", "deadline.items-due-on-dispatch-day"],
    ]
    assert strict.findings == ()  # four planned meetings meet the four a year
    local = plan_year(aalborg(), layering="local")
    assert [codes(p) for p in local.meetings] == [
        ["rules.local-beyond-bound", "meeting.longer-than-national-max"],
        ["rules.local-beyond-bound"],
        ["rules.local-beyond-bound"],
        ["rules.local-beyond-bound"],
    ]
    assert local.meetings[0].findings[0].parameters["layering"] == "local"
    assert local.meetings[0].deadline(AGENDA).basis == "AAL2021"


def test_six_march_is_four_hours_a_warning_not_also_info() -> None:
    plan = plan_meeting(meeting(D(2023, 3, 6), hours=4), AALBORG)
    (length,) = [f for f in plan.findings if f.code.startswith("meeting.")]
    assert length.code == "meeting.longer-than-national-max"
    assert length.severity == "warning"
    assert length.parameters["duration_minutes"] == 240
    assert length.parameters["local_norm"] == "2 hours"


@pytest.mark.parametrize(
    ("hours", "rules", "expected"),
    [
        (2, AALBORG, []),  # the norm itself
        (2.5, AALBORG, ["meeting.longer-than-local-norm"]),
        (3, AALBORG, ["meeting.longer-than-local-norm"]),  # up to three hours nationally
        (3.25, AALBORG, ["meeting.longer-than-national-max"]),
        (2.5, NATIONAL, []),  # no local norm
        (3.5, NATIONAL, ["meeting.longer-than-national-max"]),
        (None, NATIONAL, ["meeting.no-end-time"]),
    ],
)
def test_meeting_length(hours: float | None, rules: Any, expected: list[str]) -> None:
    plan = plan_meeting(meeting(D(2023, 10, 5), hours=hours), rules)
    found = [f for f in plan.findings if f.code.startswith("meeting.")]
    assert [f.code for f in found] == expected
    if expected == ["meeting.longer-than-local-norm"]:
        assert found[0].severity == "info"
        assert found[0].sources == ("AAL2021",)
        assert found[0].parameters["duration_minutes"] == int(60 * (hours or 0))


def test_the_meeting_length_rules_leave_dialogue_meetings_alone() -> None:
    # VEJL2011/AAL2021 set the length of committee meetings; a dialogue meeting is not one
    for hours in (3.5, None):
        dialogue = meeting(D(2023, 10, 5), hours=hours, kind=MeetingKind.DIALOGUE)
        assert not [c for c in codes(plan_meeting(dialogue, AALBORG)) if c.startswith("meeting.")]


def test_length_across_the_autumn_dst_change_is_real_time() -> None:
    # 29 October 2023, 01:30 to 03:30 local: the clocks go back, so it lasts 3 hours.
    start = datetime(2023, 10, 29, 1, 30, tzinfo=CPH)
    end = datetime(2023, 10, 29, 3, 30, tzinfo=CPH)
    plan = plan_meeting(Meeting("dst", start, end), AALBORG)
    assert "meeting.longer-than-local-norm" in codes(plan)  # 3 h > the 2 h norm, <= 3 h


# --- 2020, 2021 and 2011: the rules in force on the meeting's date ---------------------


def test_2020_meeting_under_aalborg_is_national_only() -> None:
    # 7 October 2020 (Wed, seed AAL-MIN-2021-12): before the May 2021 rules of procedure,
    # so only the national agenda deadline applies: 23 September 2020.
    # The plan says so: KLU Aalborg has existed since 2006 (AAL2021), its earlier rules of
    # procedure are not in the data.
    plan = plan_meeting(meeting(D(2020, 10, 7)), AALBORG)
    assert dates(plan) == {"agenda_dispatch": D(2020, 9, 23)}
    assert plan.deadline(AGENDA).sources == ("VEJL2011",)
    assert codes(plan) == ["rules.before-local-data"]
    (before,) = plan.findings
    assert (before.severity, before.parameters["starts"]) == ("warning", "2021-05-01")
    assert "since 2006" in before.text("en")
    # a meeting on the first day of the local data has none
    assert "rules.before-local-data" not in codes(plan_meeting(meeting(D(2021, 5, 6)), AALBORG))


def test_2021_meeting_before_ok22_cites_the_guideline() -> None:
    # 7 October 2021 (Thu, seed AAL-MIN-2021-12): Aalborg's May 2021 rules on VEJL2011.
    plan = plan_meeting(meeting(D(2021, 10, 7)), AALBORG)
    assert dates(plan) == {
        "call_for_items": D(2021, 9, 9),
        "items_due": D(2021, 9, 23),
        "agenda_dispatch": D(2021, 9, 23),
    }
    assert plan.deadline(AGENDA).sources == ("VEJL2011", "AAL2021")
    assert "OK22-102" not in plan.sources
    assert codes(plan) == ["rules.local-beyond-bound", "deadline.items-due-on-dispatch-day"]
    local = plan_meeting(meeting(D(2021, 10, 7)), AALBORG, layering="local")
    assert local.deadline(AGENDA).date == D(2021, 9, 30)


def test_2022_meeting_cites_ok22() -> None:
    plan = plan_meeting(meeting(D(2022, 3, 10)), NATIONAL)
    assert plan.deadline(AGENDA).sources == ("OK22-102",)
    assert plan.deadline(AGENDA).date == D(2022, 2, 24)


def test_2011_meeting_rolls_off_maundy_thursday() -> None:
    # Thu 5 May 2011 - 2 weeks = Thu 21 April 2011, Skærtorsdag: back to Wed 20 April.
    plan = plan_meeting(meeting(D(2011, 5, 5)), NATIONAL)
    agenda = plan.deadline(AGENDA)
    assert (agenda.date, agenda.unrolled, agenda.roll) == (
        D(2011, 4, 20),
        D(2011, 4, 21),
        "preceding",
    )
    assert agenda.closed == ("maundy_thursday",)
    assert agenda.sources == ("VEJL2011",)  # rolled back: a convention without a source


def test_first_day_of_the_rules_plans_and_the_day_before_does_not() -> None:
    plan = plan_meeting(meeting(D(2011, 4, 1)), NATIONAL)
    assert plan.deadline(AGENDA).date == D(2011, 3, 18)  # before the rules: still computed
    with pytest.raises(NoRulesInForceError) as info:
        plan_meeting(meeting(D(2011, 3, 31), ident="early"), NATIONAL)
    assert str(info.value) == (
        "meeting 'early' cannot be planned: no KLU rules are in force on 31 March 2011: the "
        "national rules (VEJL2011) take effect on 1 April 2011; plan "
        "meetings from then on"
    )
    assert isinstance(info.value, LookupError)


def test_the_local_date_decides_not_the_utc_date() -> None:
    # 00:30 on 1 June 2023 in Copenhagen is 31 May 22:30 UTC.
    start = datetime(2023, 6, 1, 0, 30, tzinfo=CPH)
    utc_start = start.astimezone(UTC)
    plan = plan_meeting(Meeting("night", utc_start), AALBORG)
    assert plan.date == D(2023, 6, 1)
    assert plan.deadline(AGENDA).date == D(2023, 5, 17)
    in_utc = plan_meeting(Meeting("night", utc_start), AALBORG, timezone="UTC")
    assert in_utc.date == D(2023, 5, 31)


# --- calendars ---------------------------------------------------------------------


def test_constitution_day_closes_only_on_the_statutory_calendar() -> None:
    # Wed 19 June 2024 - 2 weeks = Wed 5 June 2024, Grundlovsdag.
    day = meeting(D(2024, 6, 19))
    statutory = plan_meeting(day, NATIONAL)
    public = plan_meeting(day, NATIONAL, calendar=PUBLIC_ONLY)
    assert statutory.deadline(AGENDA).date == D(2024, 6, 4)
    assert statutory.deadline(AGENDA).closed == ("constitution_day",)
    assert public.deadline(AGENDA).date == D(2024, 6, 5)
    assert statutory.parameters.calendar == "statutory"
    assert public.parameters.calendar == "public-holidays"


def test_store_bededag_is_closed_in_2023_and_open_from_2024() -> None:
    # Fri 19 May 2023 - 2 weeks = Fri 5 May 2023 (Store bededag) -> Thu 4 May.
    assert plan_meeting(meeting(D(2023, 5, 19)), NATIONAL).deadline(AGENDA).date == D(2023, 5, 4)
    # Fri 10 May 2024 - 2 weeks = Fri 26 April 2024: a working day since BEDEDAG.
    assert plan_meeting(meeting(D(2024, 5, 10)), NATIONAL).deadline(AGENDA).date == D(2024, 4, 26)


def test_weekend_roll_has_no_closing_day_name() -> None:
    # A Sunday meeting: Sun 3 March 2024 - 2 weeks = Sun 18 Feb, back to Fri 16 Feb.
    agenda = plan_meeting(meeting(D(2024, 3, 3)), NATIONAL).deadline(AGENDA)
    assert (agenda.unrolled, agenda.date, agenda.closed) == (D(2024, 2, 18), D(2024, 2, 16), ())
    assert "(a weekend day)" in agenda.explain("en")
    assert "(en weekenddag)" in agenda.explain("da")


def test_extra_closing_days_are_described() -> None:
    calendar = DanishCalendar(extra_closing_days=[D(2024, 2, 19)])
    plan = plan_meeting(meeting(D(2024, 3, 4)), NATIONAL, calendar=calendar)
    assert plan.deadline(AGENDA).date == D(2024, 2, 16)
    assert plan.deadline(AGENDA).closed == ("closing_day",)
    assert "(Lukkedag)" in plan.deadline(AGENDA).explain("da")
    assert "(Closing day)" in plan.deadline(AGENDA).explain("en")
    assert plan.parameters.calendar == "statutory+1"


class WeekdaysOnly:
    """A custom calendar: every Monday to Friday is a working day."""

    def is_working_day(self, day: date, /) -> bool:
        return day.weekday() < 5

    def roll(self, day: date, direction: str, /) -> date:
        step = timedelta(days=-1 if direction == "preceding" else 1)
        while not self.is_working_day(day):
            day += step
        return day

    def add_working_days(self, day: date, n: int, /) -> date:  # pragma: no cover - unused
        raise NotImplementedError


def test_a_custom_calendar_is_used_and_named() -> None:
    plan = plan_meeting(meeting(D(2023, 6, 1)), AALBORG, calendar=WeekdaysOnly())
    assert dates(plan) == {
        "call_for_items": D(2023, 5, 4),
        "items_due": D(2023, 5, 18),  # Ascension Day is a working day here
        "agenda_dispatch": D(2023, 5, 18),
    }
    assert plan.parameters.calendar == "WeekdaysOnly"
    weekend = plan_meeting(meeting(D(2024, 3, 3)), NATIONAL, calendar=WeekdaysOnly())
    assert weekend.deadline(AGENDA).closed == ()  # no holiday_names(): no names


# --- recorded steps, as_of --------------------------------------------------------


def test_items_due_counts_from_the_recorded_call() -> None:
    plan = plan_meeting(meeting(D(2023, 6, 1), call_for_items_on=D(2023, 5, 1)), AALBORG)
    items = plan.deadline(ITEMS)
    assert (items.anchor, items.anchor_date, items.date) == (
        "recorded_call_for_items",
        D(2023, 5, 1),
        D(2023, 5, 15),
    )
    assert plan.deadline(CALL).done_on == D(2023, 5, 1)
    assert "after the recorded call for agenda items on Monday 1 May 2023" in items.explain()
    assert "efter den registrerede indkaldelse af dagsordenspunkter mandag den 1. maj 2023" in (
        items.explain("da")
    )
    # items on 15 May, the agenda on 17 May: no order finding, and the call was on time
    assert codes(plan) == ["rules.local-beyond-bound"]


def test_a_late_call_is_reported_and_moves_the_items() -> None:
    plan = plan_meeting(meeting(D(2023, 10, 5), call_for_items_on=D(2023, 9, 11)), AALBORG)
    assert plan.deadline(ITEMS).date == D(2023, 9, 25)
    late = [f for f in plan.findings if f.code == "deadline.done-late"]
    assert [(f.parameters["deadline"], f.parameters["days_late"]) for f in late] == [
        ("2023-09-07", 4)
    ]
    assert "deadline.items-due-after-dispatch" in codes(plan)  # 25 Sep > 21 Sep


def test_an_agenda_sent_late_is_reported() -> None:
    plan = plan_meeting(meeting(D(2024, 3, 4), agenda_sent_on=D(2024, 2, 26)), NATIONAL)
    (late,) = plan.findings
    assert late.code == "deadline.done-late"
    assert late.parameters == {
        "kind": "agenda_dispatch",
        "deadline": "2024-02-19",
        "done_on": "2024-02-26",
        "days_late": 7,
    }
    on_time = plan_meeting(meeting(D(2024, 3, 4), agenda_sent_on=D(2024, 2, 19)), NATIONAL)
    assert on_time.findings == ()


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2024, 2, 19), []),  # the deadline day itself: not passed
        (D(2024, 2, 20), ["agenda_dispatch"]),
        (D(2024, 3, 5), ["agenda_dispatch"]),  # after the meeting too
    ],
)
def test_deadline_passed(as_of: date, expected: list[str]) -> None:
    plan = plan_meeting(meeting(D(2024, 3, 4)), NATIONAL, as_of=as_of)
    passed = [f for f in plan.findings if f.code == "deadline.passed"]
    assert [f.parameters["kind"] for f in passed] == expected
    assert all(f.parameters["deadline"] == "2024-02-19" for f in passed)


def test_passed_is_only_for_planned_meetings_and_unrecorded_steps() -> None:
    as_of = D(2023, 12, 31)
    held = plan_meeting(meeting(D(2023, 6, 1), status="held"), AALBORG, as_of=as_of)
    assert "deadline.passed" not in codes(held)
    recorded = plan_meeting(
        meeting(D(2023, 6, 1), call_for_items_on=D(2023, 5, 4), agenda_sent_on=D(2023, 5, 17)),
        AALBORG,
        as_of=as_of,
    )
    assert "deadline.passed" not in codes(recorded)
    planned = plan_meeting(meeting(D(2023, 6, 1)), AALBORG, as_of=as_of)
    passed = [f.parameters["kind"] for f in planned.findings if f.code == "deadline.passed"]
    assert passed == ["call_for_items", "agenda_dispatch"]  # items due is the members' step


def test_a_cancelled_meeting_keeps_deadlines_and_has_no_findings() -> None:
    plan = plan_meeting(
        meeting(D(2023, 3, 6), hours=4, status="cancelled"), AALBORG, as_of=D(2023, 12, 1)
    )
    assert len(plan.deadlines) == 3
    assert plan.findings == ()
    assert plan.outcome == "ok"


# --- dialogue meetings -----------------------------------------------------------


def test_dialogue_meeting_has_only_the_announcement() -> None:
    # Wed 31 May 2023 - 3 months = 28 February 2023 (clamped: no 31 February), a Tuesday.
    plan = plan_meeting(meeting(D(2023, 5, 31), kind="dialogue"), AALBORG)
    (announce,) = plan.deadlines
    assert (announce.kind, announce.date, announce.unrolled) == (
        DIALOGUE,
        D(2023, 2, 28),
        D(2023, 2, 28),
    )
    assert announce.period == Period(3, "months")
    assert announce.sources == ("AAL2021",)


def test_dialogue_announcement_rolls_off_christmas_eve() -> None:
    # Mon 24 March 2025 - 3 months = Tue 24 December 2024 (closed) -> Mon 23 December.
    announce = plan_meeting(meeting(D(2025, 3, 24), kind="dialogue"), AALBORG).deadline(DIALOGUE)
    assert (announce.date, announce.roll, announce.closed) == (
        D(2024, 12, 23),
        "preceding",
        ("christmas_eve",),
    )


def test_dialogue_meeting_under_national_rules_has_no_deadline() -> None:
    assert plan_meeting(meeting(D(2023, 5, 31), kind="dialogue"), NATIONAL).deadlines == ()


def test_extraordinary_meetings_have_the_ordinary_deadlines() -> None:
    plan = plan_meeting(meeting(D(2023, 10, 5), kind="extraordinary"), AALBORG)
    assert [d.kind for d in plan.deadlines] == [CALL, ITEMS, AGENDA]


# --- the year ------------------------------------------------------------------------


def committee(*meetings: Meeting, rules: Any = AALBORG, year: int | None = 2023) -> Committee:
    return plain_committee(rule_set=rules, meetings=meetings, year=year)


QUARTERS = (D(2023, 3, 6), D(2023, 6, 1), D(2023, 10, 5), D(2023, 11, 30))


def test_plan_year_picks_the_local_year() -> None:
    # 31 Dec 2022 23:30 UTC is 1 January 2023 in Copenhagen, and vice versa.
    new_year = Meeting("ny", datetime(2022, 12, 31, 23, 30, tzinfo=UTC))
    old_year = Meeting("oy", datetime(2023, 12, 31, 23, 30, tzinfo=UTC))
    c = committee(new_year, old_year, *(meeting(d) for d in QUARTERS))
    plan = plan_year(c)
    assert [p.meeting.id for p in plan.meetings][:1] == ["ny"]
    assert "oy" not in [p.meeting.id for p in plan.meetings]
    assert [p.meeting.id for p in plan_year(c, 2024).meetings] == ["oy"]


def test_plan_year_needs_a_year() -> None:
    with pytest.raises(InvalidValueError, match=r"has no year; give the year to plan"):
        plan_year(committee(year=None))
    with pytest.raises(
        InvalidValueError, match=re.escape("year must be a year 1900..2200, got 1800")
    ):
        plan_year(committee(), 1800)
    with pytest.raises(InvalidValueError, match="takes a Committee"):
        plan_year("aalborg")  # type: ignore[arg-type]
    with pytest.raises(NoRulesInForceError, match=r"^the year 2010 cannot be planned: no KLU"):
        plan_year(committee(), 2010)


def test_the_last_year_of_the_calendar_can_be_planned() -> None:
    plan = plan_year(committee(meeting(D(2200, 6, 5))), 2200)
    assert len(plan.meetings) == 1


@pytest.mark.parametrize(
    ("statuses", "as_of", "expected"),
    [
        # without as_of the plan alone is judged: planned meetings count as intended
        (("planned",) * 4, None, []),
        (("planned",) * 3, None, ["year.too-few-meetings-planned"]),
        (("held", "held", "cancelled", "planned"), None, ["year.too-few-meetings-planned"]),
        # during the year
        (
            ("held", "planned", "planned", "planned"),
            D(2023, 5, 1),
            ["year.minimum-not-yet-reached"],
        ),
        (("held", "held", "planned", "planned"), D(2023, 7, 1), ["year.minimum-not-yet-reached"]),
        # 1 June passed without being recorded held: it does not count
        (
            ("held", "planned", "planned", "planned"),
            D(2023, 7, 1),
            ["year.too-few-meetings-planned"],
        ),
        (("held",) * 4, D(2023, 12, 1), []),
        # before the year begins: no "not yet"
        (("planned",) * 4, D(2022, 12, 1), []),
        (("planned",) * 3, D(2022, 12, 1), ["year.too-few-meetings-planned"]),
        # on 31 December the year is not over yet
        (("held", "held", "held", "cancelled"), D(2023, 12, 31), ["year.too-few-meetings-planned"]),
        # after the year: held is what counts (Langeland 2023: four planned, three held)
        (("held", "held", "held", "cancelled"), D(2024, 1, 1), ["year.too-few-meetings-held"]),
        (("held",) * 4, D(2024, 1, 1), []),
        (("held", "held", "held", "planned"), D(2024, 2, 1), ["year.too-few-meetings-held"]),
    ],
)
def test_meeting_counts(statuses: tuple[str, ...], as_of: date | None, expected: list[str]) -> None:
    meetings = [meeting(d, status=s) for d, s in zip(QUARTERS, statuses, strict=False)]
    plan = plan_year(committee(*meetings), as_of=as_of)
    assert codes(plan) == expected
    for f in plan.findings:
        assert f.sources == ("AAL2021",)
        assert f.parameters["minimum"] == 4


def test_the_count_findings_of_a_year() -> None:
    meetings = [
        meeting(d, status=s)
        for d, s in zip(QUARTERS, ("held", "held", "held", "planned"), strict=True)
    ]
    over = plan_year(committee(*meetings), as_of=D(2024, 2, 1))
    assert over.counts == YearCounts(4, 3, 0, 1, 0, 0, 1)
    assert over.findings[0].parameters["passed_unrecorded"] == 1
    few = plan_year(committee(*meetings[:2]))
    assert (few.findings[0].parameters["held"], few.findings[0].parameters["upcoming"]) == (2, 0)
    national = plan_year(committee(meeting(QUARTERS[0]), rules=NATIONAL))
    assert national.findings[0].sources == ("OK22-102",)
    assert national.findings[0].parameters["minimum"] == 2


def test_dialogue_meetings_do_not_count_and_are_limited() -> None:
    ordinary = [meeting(d) for d in QUARTERS]
    dialogues = [
        meeting(D(2023, 9, 14), kind="dialogue", ident="d1", announced_on=D(2023, 6, 14)),
        meeting(D(2023, 12, 7), kind="dialogue", ident="d2", announced_on=D(2023, 9, 8)),
        meeting(D(2023, 12, 14), kind="dialogue", ident="d3", status="cancelled"),
    ]
    plan = plan_year(committee(*ordinary[:3], *dialogues))
    assert plan.counts.dialogue == 2  # the cancelled one does not count
    assert codes(plan) == [
        "year.too-few-meetings-planned",
        "year.too-many-dialogue-meetings",
        "year.dialogue-announced-late",
    ]
    late = plan.findings[2]
    # Thu 7 Dec 2023 - 3 months = Thu 7 Sep 2023; announced Fri 8 Sep: one day late.
    assert late.subject == "d2"
    assert (late.parameters["deadline"], late.parameters["days_late"]) == ("2023-09-07", 1)
    assert plan.findings[1].parameters == {"year": 2023, "dialogue": 2, "maximum": 1}


def test_dialogue_announced_on_time_and_cancelled_are_quiet() -> None:
    ok = meeting(D(2023, 9, 14), kind="dialogue", ident="d1", announced_on=D(2023, 6, 14))
    cancelled = meeting(
        D(2023, 12, 7), kind="dialogue", ident="d2", status="cancelled", announced_on=D(2023, 12, 1)
    )
    plan = plan_year(committee(*(meeting(d) for d in QUARTERS), ok))
    assert codes(plan) == []
    plan = plan_year(committee(*(meeting(d) for d in QUARTERS), cancelled))
    assert codes(plan) == []


def test_a_local_yearly_rule_beyond_the_bound_is_reported_once_for_the_year() -> None:
    loose = attrs.evolve(
        AALBORG,
        entries=tuple(
            attrs.evolve(e, value=1) if e.key == "meetings_per_year" else e for e in AALBORG.entries
        ),
    )
    plan = plan_year(committee(*(meeting(d) for d in QUARTERS), rules=loose))
    assert [f.code for f in plan.findings] == ["rules.local-beyond-bound"]
    assert plan.findings[0].parameters["key"] == "meetings_per_year"
    assert plan.counts.minimum == 2  # the national minimum applies under "strictest"
    local = plan_year(
        committee(meeting(QUARTERS[0], status="held"), rules=loose),
        layering="local",
        as_of=D(2023, 6, 1),
    )
    assert local.counts.minimum == 1
    assert [f.code for f in local.findings] == ["rules.local-beyond-bound"]


def test_plan_meetings_without_a_committee() -> None:
    plan = plan_meetings([meeting(D(2024, 3, 4)), meeting(D(2024, 5, 8))], "national")
    assert (plan.year, plan.committee_id, plan.committee_name) == (2024, None, None)
    assert [p.deadline(AGENDA).date for p in plan.meetings] == [D(2024, 2, 19), D(2024, 4, 24)]
    assert plan.outcome == "ok"
    single = plan_meetings(meeting(D(2024, 3, 4)), NATIONAL)
    assert len(single.meetings) == 1
    empty = plan_meetings([], NATIONAL, year=2024)
    assert codes(empty) == ["year.too-few-meetings-planned"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: plan_meetings([meeting(D(2024, 3, 4)), meeting(D(2025, 3, 4))], NATIONAL),
            "meeting 'm-2025-03-04' is on 4 March 2025, outside 2024; a plan covers one year",
        ),
        (
            lambda: plan_meetings(
                [meeting(D(2024, 3, 4), ident="x"), meeting(D(2024, 5, 4), ident="x")], NATIONAL
            ),
            "two meetings share the id 'x'",
        ),
        (lambda: plan_meetings([], NATIONAL), "needs a year when no meetings are given"),
        (lambda: plan_meetings(["x"], NATIONAL), "takes Meeting values"),  # type: ignore[list-item]
        (lambda: plan_meetings([], 42, year=2024), "rules must be a RuleSet"),  # type: ignore[arg-type]
    ],
)
def test_plan_meetings_errors(call: Any, message: str) -> None:
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        call()


def test_year_plan_explains_itself() -> None:
    plan = plan_year(aalborg(), as_of=D(2023, 5, 10))
    assert plan.reason == "deadlines.year_committee_as_of"
    assert plan.explain().endswith(
        "as of 10 May 2023 has 4 meetings under the rules aalborg "
        "(strictest layering) and 1 error and 12 warnings."
    )
    assert plan.explain("da").endswith(
        "pr. 10. maj 2023 har 4 møder efter reglerne aalborg "
        "(strengeste lagdeling) og 1 fejl og 12 advarsler."
    )
    assert plan.outcome == "error"
    assert plan.all_findings[-1].code == "year.too-few-meetings-planned"
    assert set(plan.sources) == {"AAL2021", "OK22-102", "EU1182/71", "FORÆLDL-27"}
    assert plan.parameters == PlanParameters(
        rules="aalborg",
        layering="strictest",
        calendar="statutory",
        timezone="Europe/Copenhagen",
        as_of=D(2023, 5, 10),
    )
    assert (plan.parameters.as_of, plan.parameters.timezone) == (D(2023, 5, 10), CPH.key)
    assert plan.meeting("klu-aalborg-2023-06-01").date == D(2023, 6, 1)
    with pytest.raises(
        InvalidValueError, match="has no meeting 'x'; it has klu-aalborg-2023-03-06"
    ):
        plan.meeting("x")
    assert plan.meetings[0].explain().endswith("and 5 warnings.")
    with pytest.raises(InvalidValueError, match="it has no meetings"):
        plan_meetings([], NATIONAL, year=2024).meeting("x")


def test_meeting_plan_explains_one_of_each() -> None:
    plan = plan_meeting(meeting(D(2023, 6, 1), hours=2.5), AALBORG)
    assert plan.reason == "deadlines.meeting"
    assert plan.explain() == (
        "Meeting m-2023-06-01 on Thursday 1 June 2023 has 3 deadlines under the rules aalborg "
        "(strictest layering) and 1 error, 1 warning and 1 note."
    )
    assert plan.explain("da") == (
        "Mødet m-2023-06-01 torsdag den 1. juni 2023 har 3 frister efter reglerne aalborg "
        "(strengeste lagdeling) og 1 fejl, 1 advarsel og 1 bemærkning."
    )
    assert plan.sources == ("AAL2021", "EU1182/71", "FORÆLDL-27", "OK22-102")
    quiet = plan_meeting(meeting(D(2024, 3, 4)), NATIONAL)
    assert quiet.explain().endswith("and no findings.")
    assert quiet.explain("da").endswith("og ingen bemærkninger.")
    assert quiet.outcome == "ok"


# --- JSON ----------------------------------------------------------------------------


def test_a_year_plan_round_trips_through_json() -> None:
    plan = plan_year_with_compliance(aalborg(), as_of=D(2023, 5, 10))
    assert YearPlan.from_dict(plan.to_dict()) == plan
    assert YearPlan.from_json(plan.to_json()) == plan
    data = plan.to_dict()
    assert list(data)[:5] == ["outcome", "reason", "parameters", "sources", "findings"]
    assert (data["schema"], data["committee_id"], data["year"]) == (
        JSON_SCHEMA,
        "klu-aalborg",
        2023,
    )
    assert data["parameters"]["as_of"] == "2023-05-10"
    first = data["meetings"][0]
    assert (first["meeting"]["start"], first["date"]) == ("2023-03-06T15:00:00+01:00", "2023-03-06")
    assert first["deadlines"][0] == {
        "kind": "call_for_items",
        "date": "2023-02-06",
        "unrolled": "2023-02-06",
        "roll": "none",
        "rule": "call_for_items_notice",
        "period": {"amount": 4, "unit": "weeks"},
        "anchor": "meeting",
        "anchor_date": "2023-03-06",
        "sources": ["AAL2021"],
        "basis": "AAL2021",
        "closed": [],
        "done_on": None,
    }
    one = plan_meeting(meeting(D(2024, 3, 4), hours=None), NATIONAL)
    assert MeetingPlan.from_json(one.to_json()) == one


# --- validation of values and arguments ----------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"layering": "loose"}, "layering is one of strictest, local, got 'loose'"),
        ({"as_of": datetime(2023, 5, 1, tzinfo=CPH)}, "as_of must be a date"),
        ({"as_of": "2023-05-01"}, "as_of must be a date"),
        ({"calendar": "statutory"}, "'calendar' must be a working-day calendar"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_plan_meeting_rejects_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidValueError, match=re.escape(message)):
        plan_meeting(meeting(D(2023, 6, 1)), AALBORG, **kwargs)


def test_plan_year_takes_compliance_as_a_bool_only() -> None:
    with pytest.raises(InvalidValueError, match="compliance must be a bool"):
        plan_year_with_compliance(aalborg(), 2023, compliance="no")  # type: ignore[arg-type]


def test_plan_meeting_rejects_bad_meetings_and_rules() -> None:
    with pytest.raises(InvalidValueError, match="plan_meeting\\(\\) takes a Meeting, got str"):
        plan_meeting("2023-06-01", AALBORG)  # type: ignore[arg-type]
    with pytest.raises(KluRulesError, match="unknown rule set 'nope'"):
        plan_meeting(meeting(D(2023, 6, 1)), "nope")
    assert plan_meeting(meeting(D(2023, 6, 1)), "aalborg") == plan_meeting(
        meeting(D(2023, 6, 1)), AALBORG
    )


def test_as_of_accepts_a_date_subclass() -> None:
    class Day(date):
        pass

    plan = plan_meeting(meeting(D(2024, 3, 4)), NATIONAL, as_of=Day(2024, 3, 1))
    assert codes(plan) == ["deadline.passed"]


# --- properties ---------------------------------------------------------------------

RULE_SETS = st.sampled_from([NATIONAL, AALBORG])
CALENDARS = st.sampled_from([STATUTORY, PUBLIC_ONLY])
LAYERINGS = st.sampled_from(["strictest", "local"])
KINDS = st.sampled_from(list(MeetingKind))
DAYS = st.dates(min_value=D(2011, 4, 1), max_value=D(2120, 12, 31))
TIMES = st.times(max_value=time(23, 59))


def at(day: date, clock: time) -> datetime:
    try:
        return localize(datetime.combine(day, clock), CPH)
    except KluRulesError:
        assume(False)
        raise  # pragma: no cover


@given(DAYS, TIMES, RULE_SETS, CALENDARS, LAYERINGS, KINDS)
def test_property_deadline_roll_rules(
    day: date, clock: time, rules: Any, calendar: DanishCalendar, layering: Any, kind: MeetingKind
) -> None:
    plan = plan_meeting(
        Meeting("p", at(day, clock), kind=kind), rules, calendar=calendar, layering=layering
    )
    assert plan.date == day
    for d in plan.deadlines:
        assert calendar.is_working_day(d.date)
        assert (d.roll == "none") == (d.date == d.unrolled)
        assert (d.closed == ()) or d.roll != "none"
        if d.counted_before:  # counted back from the meeting: rolls back, before the meeting
            assert d.anchor == "meeting"
            assert d.anchor_date == day
            assert d.date <= d.unrolled
            assert d.date < day
            assert d.roll in ("none", "preceding")
        else:  # counted forward from the call: rolls forward, after the call
            assert d.date >= d.unrolled
            assert d.date > d.anchor_date
            assert d.roll in ("none", "following")
        # the unrolled date is exactly the period from the anchor
        step = (
            relativedelta(months=d.period.amount)
            if d.period.unit == "months"
            else relativedelta(days=d.period.amount * (7 if d.period.unit == "weeks" else 1))
        )
        assert d.unrolled == (d.anchor_date - step if d.counted_before else d.anchor_date + step)
        # rolling moves to the nearest working day: every day in between is closed
        between = range(
            min(d.date, d.unrolled).toordinal() + 1, max(d.date, d.unrolled).toordinal()
        )
        assert not any(calendar.is_working_day(date.fromordinal(o)) for o in between)
        if d.roll != "none":
            assert not calendar.is_working_day(d.unrolled)


@given(DAYS, RULE_SETS, CALENDARS, LAYERINGS)
def test_property_items_follow_the_planned_call(
    day: date, rules: Any, calendar: DanishCalendar, layering: Any
) -> None:
    plan = plan_meeting(meeting(day), rules, calendar=calendar, layering=layering)
    kinds = [d.kind for d in plan.deadlines]
    assert kinds in ([AGENDA], [CALL, ITEMS, AGENDA])  # in the order they are defined
    if ITEMS in kinds:
        assert plan.deadline(ITEMS).anchor == "call_for_items"
        assert plan.deadline(ITEMS).anchor_date == plan.deadline(CALL).date
        items, agenda = plan.deadline(ITEMS).date, plan.deadline(AGENDA).date
        order = [f.code for f in plan.findings if f.code.startswith("deadline.items")]
        expected = (
            ["deadline.items-due-after-dispatch"]
            if items > agenda
            else ["deadline.items-due-on-dispatch-day"]
            if items == agenda
            else []
        )
        assert order == expected


def _last_sunday(year: int, month: int) -> date:
    last = D(year, month, 31)
    return last - timedelta(days=(last.weekday() + 1) % 7)


# the last Sundays of March and October, when the clocks change, and any other day
DST_SUNDAYS = st.builds(_last_sunday, st.integers(2012, 2100), st.sampled_from([3, 10]))


@given(st.one_of(DAYS, DST_SUNDAYS), TIMES, TIMES, RULE_SETS, CALENDARS, LAYERINGS, KINDS)
def test_property_time_of_day_and_dst_do_not_matter(
    day: date,
    first: time,
    second: time,
    rules: Any,
    calendar: DanishCalendar,
    layering: Any,
    kind: MeetingKind,
) -> None:
    a, b, utc = (
        plan_meeting(Meeting("p", start, kind=kind), rules, calendar=calendar, layering=layering)
        for start in (at(day, first), at(day, second), at(day, first).astimezone(UTC))
    )
    assert a.deadlines == b.deadlines == utc.deadlines
    assert a.findings == b.findings  # no end time: the same no-end finding, if any


@given(DAYS, CALENDARS)
def test_property_strictest_is_never_later_than_local(day: date, calendar: DanishCalendar) -> None:
    # Under "strictest" the longer of the national and local notice applies; "local"
    # takes the local one even when it is shorter. A longer notice is an earlier date,
    # so the strictest agenda deadline is never later (RULES.md § 3, layering).
    strict = plan_meeting(meeting(day), AALBORG, calendar=calendar)
    local = plan_meeting(meeting(day), AALBORG, calendar=calendar, layering="local")
    assert strict.deadline(AGENDA).date <= local.deadline(AGENDA).date
    assert [d for d in strict.deadlines if d.kind is not AGENDA] == [
        d for d in local.deadlines if d.kind is not AGENDA
    ]
    national = plan_meeting(meeting(day), NATIONAL, calendar=calendar)
    national_local = plan_meeting(meeting(day), NATIONAL, calendar=calendar, layering="local")
    assert national.deadlines == national_local.deadlines  # nothing local to layer


@given(st.integers(2022, 2120), st.integers(0, 364), st.integers(0, 364))
def test_property_later_meetings_never_have_earlier_deadlines(year: int, a: int, b: int) -> None:
    # within one rule period (from OK22 on), deadlines move with the meeting
    first, second = (D(year, 1, 1) + timedelta(days=n) for n in sorted((a, b)))
    p, q = plan_meeting(meeting(first), AALBORG), plan_meeting(meeting(second), AALBORG)
    for x, y in zip(p.deadlines, q.deadlines, strict=True):
        assert x.date <= y.date


@given(DAYS, st.one_of(st.none(), DAYS), st.sampled_from(list(MeetingStatus)))
def test_property_passed_means_past_unrecorded_and_planned(
    day: date, as_of: date | None, status: MeetingStatus
) -> None:
    plan = plan_meeting(meeting(day, status=status), AALBORG, as_of=as_of)
    passed = {f.parameters["kind"] for f in plan.findings if f.code == "deadline.passed"}
    expected = {
        d.kind.value
        for d in plan.deadlines
        if as_of is not None
        and d.date < as_of
        and status is MeetingStatus.PLANNED
        and d.kind is not ITEMS
    }
    assert passed == expected


MEETING_ROWS = st.lists(
    st.tuples(
        st.dates(min_value=D(2023, 1, 1), max_value=D(2023, 12, 31)),
        st.sampled_from(list(MeetingStatus)),
        st.sampled_from(list(MeetingKind)),
    ),
    max_size=8,
)


@given(MEETING_ROWS, st.one_of(st.none(), st.dates(D(2022, 6, 1), D(2024, 6, 1))), RULE_SETS)
def test_property_year_counts_and_findings(
    rows: list[tuple[date, MeetingStatus, MeetingKind]], as_of: date | None, rules: Any
) -> None:
    meetings = [
        meeting(day, ident=f"m{i}", status=status, kind=kind)
        for i, (day, status, kind) in enumerate(rows)
    ]
    plan = plan_year(committee(*meetings, rules=rules), as_of=as_of)
    counts = plan.counts
    counted = [m for m in meetings if m.kind is not MeetingKind.DIALOGUE]
    assert counts.held == sum(m.counts_toward_minimum for m in meetings)
    assert counts.cancelled == sum(m.status is MeetingStatus.CANCELLED for m in meetings)
    assert counts.held + counts.upcoming + counts.passed_unrecorded == sum(
        m.status is not MeetingStatus.CANCELLED for m in counted
    )
    assert counts.dialogue == sum(
        m.kind is MeetingKind.DIALOGUE and m.status is not MeetingStatus.CANCELLED for m in meetings
    )
    minimum = counts.minimum
    assert minimum == (4 if rules is AALBORG else 2)
    count_codes = {
        "year.too-few-meetings-held",
        "year.too-few-meetings-planned",
        "year.minimum-not-yet-reached",
    }
    found = [f.code for f in plan.findings if f.code in count_codes]
    if counts.held >= minimum:
        assert found == []
    elif as_of is not None and as_of > D(2023, 12, 31):
        assert found == ["year.too-few-meetings-held"]
    elif counts.held + counts.upcoming < minimum:
        assert found == ["year.too-few-meetings-planned"]
    elif as_of is not None and as_of > D(2023, 1, 1):
        assert found == ["year.minimum-not-yet-reached"]
    else:
        assert found == []
    assert YearPlan.from_dict(plan.to_dict()) == plan
    too_many = "year.too-many-dialogue-meetings" in codes(plan)
    assert too_many == (rules is AALBORG and counts.dialogue > 1)
    for f in plan.all_findings:
        assert f.code in CATALOGUE


# --- the how-to page ----------------------------------------------------------------

HOWTO = Path(__file__).resolve().parents[2] / "docs" / "howto-deadlines.md"


# (tests/test_docs.py runs the page's code blocks)


@pytest.mark.skipif(not HOWTO.exists(), reason="docs/howto-deadlines.md is not present")
def test_howto_documents_every_code_the_engine_emits() -> None:
    text = HOWTO.read_text(encoding="utf-8")
    engine = Path(__file__).resolve().parents[2] / "src" / "klu_rules" / "checks" / "deadlines.py"
    emitted = set(re.findall(r'"((?:deadline|meeting|year|rules)\.[a-z-]+)"', engine.read_text()))
    emitted |= {"rules.local-beyond-bound"}
    assert emitted <= set(CATALOGUE)
    missing = sorted(code for code in emitted if f"`{code}`" not in text)
    assert missing == []


# --- corners -------------------------------------------------------------------------


def test_items_due_needs_a_call_to_count_from() -> None:
    # a rule set with an items deadline but no call for items: only a recorded call counts
    no_call = attrs.evolve(
        AALBORG, entries=tuple(e for e in AALBORG.entries if e.key != "call_for_items_notice")
    )
    plan = plan_meeting(meeting(D(2023, 10, 5)), no_call)
    assert [d.kind for d in plan.deadlines] == [AGENDA]
    recorded = plan_meeting(meeting(D(2023, 10, 5), call_for_items_on=D(2023, 9, 1)), no_call)
    assert [d.kind for d in recorded.deadlines] == [ITEMS, AGENDA]
    assert recorded.deadline(ITEMS).date == D(2023, 9, 15)


def test_passed_is_strictly_before_as_of_deadline_by_deadline() -> None:
    # 5 October 2023: the call (7 Sep) has passed on 21 Sep, the agenda (21 Sep) not yet.
    plan = plan_meeting(meeting(D(2023, 10, 5)), AALBORG, as_of=D(2023, 9, 21))
    passed = [f.parameters["kind"] for f in plan.findings if f.code == "deadline.passed"]
    assert passed == ["call_for_items"]


def test_a_meeting_on_the_as_of_day_is_still_to_come() -> None:
    meetings = [meeting(d, status="held") for d in QUARTERS[:3]] + [meeting(QUARTERS[3])]
    plan = plan_year(committee(*meetings), as_of=QUARTERS[3])
    assert (plan.counts.upcoming, plan.counts.passed_unrecorded) == (1, 0)
    assert codes(plan) == ["year.minimum-not-yet-reached"]
    later = plan_year(committee(*meetings), as_of=QUARTERS[3] + timedelta(days=1))
    assert (later.counts.upcoming, later.counts.passed_unrecorded) == (0, 1)
    assert codes(later) == ["year.too-few-meetings-planned"]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2023, 1, 1), []),  # nothing of the year can have passed yet
        (D(2023, 1, 2), ["year.minimum-not-yet-reached"]),
    ],
)
def test_not_yet_starts_after_new_year(as_of: date, expected: list[str]) -> None:
    plan = plan_year(committee(*(meeting(d) for d in QUARTERS)), as_of=as_of)
    assert codes(plan) == expected


# --- rule values that leave the calendar's years ----------------------------------------


def local_rules(
    name: str, *entries: tuple[str, object, date], parent: RuleSet = NATIONAL
) -> RuleSet:
    """A local rule set on ``parent``, each entry ``(key, value, effective_from)``."""
    return RuleSet(
        name,
        f"Local rules {name}",
        "local",
        tuple(RuleEntry(k, v, day, ("AAL2021",)) for k, v, day in entries),  # type: ignore[arg-type]
        parent=parent,
    )


def notice_rules(value: Period, key: str = "call_for_items_notice") -> RuleSet:
    return RuleSet(
        name="far",
        title="Far-reaching notice",
        level="local",
        parent=NATIONAL,
        entries=(
            RuleEntry(key=key, value=value, effective_from=D(2011, 4, 1), sources=("AAL2021",)),
        ),
    )


def test_a_notice_beyond_what_python_can_represent_is_a_clear_error() -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(meeting(D(2023, 6, 1)), notice_rules(Period(999_999, "weeks")))
    assert str(info.value) == (
        "meeting 'm-2023-06-01' cannot be planned: the deadline for calling for agenda items is "
        "999999 weeks before the meeting on 2023-06-01 (rule call_for_items_notice: AAL2021), "
        "which the calendar cannot give (beyond the dates Python can represent); "
        "check the rule's value"
    )
    # 1479 months back is 1900-03-01, inside the range: planned
    assert plan_meeting(meeting(D(2023, 6, 1)), notice_rules(Period(1479, "months"))).deadlines


@pytest.mark.parametrize(
    ("day", "recorded", "rules", "message"),
    [
        (D(2023, 6, 1), None, notice_rules(Period(99_999, "months")), "99999 months before the"),
        (
            D(2023, 6, 1),
            None,
            notice_rules(Period(1500, "months")),
            "1500 months before the meeting on 2023-06-01 (rule call_for_items_notice: AAL2021), "
            "which the calendar cannot give (day 1898-06-01 is outside the calendar's range "
            "1900-01-01..2200-12-31; use a date in that range)",
        ),
        (
            D(2200, 12, 30),
            D(2200, 12, 29),
            notice_rules(Period(1, "week"), key="items_due_after_call"),
            "sending in agenda items is 1 week after the recorded",
        ),
        (
            D(2200, 12, 30),
            None,
            local_rules(
                "far",
                ("call_for_items_notice", Period(1, "weeks"), D(2011, 4, 1)),
                ("items_due_after_call", Period(2, "weeks"), D(2011, 4, 1)),
            ),
            "sending in agenda items is 2 weeks after the call",
        ),
    ],
)
def test_a_deadline_outside_the_calendar_names_the_rule(
    day: date, recorded: date | None, rules: RuleSet, message: str
) -> None:
    with pytest.raises(InvalidValueError) as info:
        plan_meeting(meeting(day, call_for_items_on=recorded), rules)
    assert message in str(info.value)


@given(rules=strategies.rule_sets(), day=st.dates(D(2011, 4, 1), D(2200, 12, 31)))
def test_property_any_valid_rule_set_plans_or_says_why(rules: RuleSet, day: date) -> None:
    try:
        plan = plan_meeting(meeting(day), rules)
    except KluRulesError:
        return  # a clear error: the rules in force do not let this meeting be planned
    assert all(d.date.year >= 1900 for d in plan.deadlines)


# --- rules of other shapes ------------------------------------------------------------


MAY_2021 = D(2021, 5, 1)  # the Aalborg rules of procedure take effect (AAL2021)


def test_items_due_counted_in_months_clamp_to_the_month_end() -> None:
    rules = local_rules(
        "monthly",
        ("call_for_items_notice", Period(8, "weeks"), MAY_2021),
        ("items_due_after_call", Period(1, "months"), MAY_2021),
    )
    # Wed 27 March 2024 - 8 weeks = Wed 31 January; + 1 month = Thu 29 February (leap year).
    items = plan_meeting(meeting(D(2024, 3, 27)), rules).deadline(ITEMS)
    assert (items.date, items.unrolled, items.roll) == (D(2024, 2, 29), D(2024, 2, 29), "none")
    assert (items.anchor, items.anchor_date) == ("call_for_items", D(2024, 1, 31))


def test_a_notice_in_days_is_counted_in_days() -> None:
    # 30 days before Thursday 5 October 2023 is Tuesday 5 September, a working day.
    rules = local_rules("days", ("call_for_items_notice", Period(30, "days"), MAY_2021))
    call = plan_meeting(meeting(D(2023, 10, 5)), rules).deadline(CALL)
    assert (call.date, call.unrolled, call.roll) == (D(2023, 9, 5), D(2023, 9, 5), "none")


def test_a_local_rule_dated_before_the_national_rules_plans_nothing_before_them() -> None:
    rules = local_rules("early", ("call_for_items_notice", Period(4, "weeks"), D(2010, 1, 1)))
    with pytest.raises(NoRulesInForceError, match="no KLU rules are in force on 3 June 2010"):
        plan_meeting(meeting(D(2010, 6, 3)), rules)
    with pytest.raises(NoRulesInForceError, match="the year 1900 cannot be planned"):
        plan_meetings([], NATIONAL, year=1900)


def test_a_meeting_length_beyond_the_national_maximum_is_a_finding_of_the_meeting() -> None:
    rules = local_rules("long", ("meeting_length", Period(4, "hours"), MAY_2021))
    (beyond,) = plan_meeting(meeting(D(2023, 6, 1), hours=2), rules).findings
    assert (beyond.code, beyond.parameters["key"]) == ("rules.local-beyond-bound", "meeting_length")


def test_a_local_dialogue_maximum_beyond_the_national_one_is_a_yearly_finding() -> None:
    capped = attrs.evolve(
        NATIONAL,
        name="national-capped",
        entries=(
            *NATIONAL.entries,
            RuleEntry("dialogue_meetings_per_year", 1, D(2022, 1, 1), ("OK22-102",), "maximum"),
        ),
    )
    two = local_rules("two", ("dialogue_meetings_per_year", 2, MAY_2021), parent=capped)
    dialogue = meeting(D(2023, 11, 14), 17, ident="dialog", kind="dialogue")
    plan = plan_meetings([meeting(D(2023, 3, 6)), dialogue], two)
    beyond = [f.parameters["key"] for f in plan.findings if f.code == "rules.local-beyond-bound"]
    assert beyond == ["dialogue_meetings_per_year"]
    assert plan.counts.dialogue_maximum == 1


def without(rule_set: RuleSet, key: str) -> RuleSet:
    entries = tuple(e for e in rule_set.entries if e.key != key)
    return attrs.evolve(rule_set, name=f"{rule_set.name}-no-{key}", entries=entries)


def test_rules_without_a_roll_convention_say_which_to_add() -> None:
    no_roll_after = attrs.evolve(AALBORG, parent=without(NATIONAL, "roll_after"))
    with pytest.raises(NoRulesInForceError, match='roll_after]] with value = "following"'):
        plan_meeting(meeting(D(2023, 10, 5)), no_roll_after)
    with pytest.raises(NoRulesInForceError) as info:
        plan_meeting(meeting(D(2023, 10, 5)), without(NATIONAL, "roll_before"))
    assert "has no 'roll_before' in force on 2022-07-01" in str(info.value)
    assert '[[rules.roll_before]] with value = "preceding"' in str(info.value)


def test_rules_without_a_meeting_length_or_minimum_plan_quietly() -> None:
    keys = ("meeting_length", "meetings_per_year", "call_for_items_notice")
    bare = attrs.evolve(NATIONAL, entries=[e for e in NATIONAL.entries if e.key not in keys])
    plan = plan_year(committee(meeting(D(2024, 3, 4), hours=None), rules=bare), 2024)
    assert codes(plan) == []
    assert plan.meetings[0].findings == ()
    assert plan.counts.minimum is None


def test_a_rule_set_without_an_agenda_notice_plans_the_other_deadlines() -> None:
    national = without(NATIONAL, "agenda_dispatch_notice")
    local = attrs.evolve(without(AALBORG, "agenda_dispatch_notice"), parent=national)
    plan = plan_meeting(meeting(D(2023, 6, 1)), local)
    assert dates(plan) == {"call_for_items": D(2023, 5, 4), "items_due": D(2023, 5, 19)}
    assert not [c for c in codes(plan) if c.startswith("deadline.items-due")]


def test_why_a_meeting_has_no_deadline_of_a_kind() -> None:
    dialogue = plan_meeting(meeting(D(2023, 9, 14), 17, kind="dialogue"), AALBORG)
    ordinary = plan_meeting(meeting(D(2023, 9, 14)), AALBORG)
    national = plan_meeting(meeting(D(2023, 9, 14), kind="dialogue"), NATIONAL)
    for plan, kind, why in (
        (dialogue, AGENDA, "only an announcement deadline"),
        (ordinary, DIALOGUE, "only dialogue meetings are announced"),
        (national, DIALOGUE, "set no dialogue_announcement_notice"),
        (plan_meeting(meeting(D(2020, 10, 7)), AALBORG), CALL, "set no call_for_items_notice"),
    ):
        with pytest.raises(NoRulesInForceError, match=why):
            plan.deadline(kind)


# --- one meeting's recorded steps and its own sources ---------------------------------


def test_meetings_on_one_day_with_different_recorded_calls_get_their_own_items_due() -> None:
    first = plan_meeting(meeting(D(2023, 6, 1), call_for_items_on=D(2023, 5, 4)), AALBORG)
    second = plan_meeting(meeting(D(2023, 6, 1), call_for_items_on=D(2023, 5, 1)), AALBORG)
    # 4 May + 2 weeks = 18 May (Kristi himmelfartsdag) -> Fri 19 May, after the agenda (17 May)
    assert first.deadline(ITEMS).date == D(2023, 5, 19)
    assert "deadline.items-due-after-dispatch" in codes(first)
    # 1 May + 2 weeks = Mon 15 May, before the agenda
    items = second.deadline(ITEMS)
    assert (items.anchor, items.anchor_date, items.date) == (
        "recorded_call_for_items",
        D(2023, 5, 1),
        D(2023, 5, 15),
    )
    assert codes(second) == ["rules.local-beyond-bound"]


def test_order_findings_cite_the_sources_of_their_deadlines() -> None:
    plan = plan_meetings([meeting(D(2023, 3, 6)), meeting(D(2023, 6, 1))], AALBORG)
    march, june = ([f for f in p.findings if f.code.startswith("deadline.")] for p in plan.meetings)
    assert [f.sources for f in march] == [("AAL2021", "OK22-102")]
    # 1 June: both deadlines roll, so the roll conventions are cited too
    assert [f.sources for f in june] == [("AAL2021", "EU1182/71", "FORÆLDL-27", "OK22-102")]


def test_each_meeting_is_dated_in_the_time_zone_of_the_plan() -> None:
    # 23:30 UTC on Monday 6 March 2023 is Tuesday 7 March in Copenhagen.
    online = Meeting(id="online", start=datetime(2023, 3, 6, 23, 30, tzinfo=UTC))
    assert plan_meetings([online], AALBORG, timezone="UTC").meetings[0].date == D(2023, 3, 6)
    in_copenhagen = plan_meetings([online], AALBORG).meetings[0]
    assert in_copenhagen.date == D(2023, 3, 7)
    assert in_copenhagen.deadline(AGENDA).date == D(2023, 2, 21)
    # New Year's Eve 23:30 UTC is 1 January in Copenhagen: the committee's next year
    eve = Meeting(id="eve", start=datetime(2023, 12, 31, 23, 30, tzinfo=UTC))
    assert plan_year(committee(eve, year=None), 2023).meetings == ()
    assert plan_year(committee(eve, year=None), 2024).meetings[0].date == D(2024, 1, 1)


class OpenOnHolidays(WeekdaysOnly):
    """A calendar of the caller's own: every Monday to Friday works, holidays keep their names."""

    def holiday_names(self, day: date) -> tuple[str, ...]:
        return STATUTORY.holiday_names(day)


def test_a_custom_calendar_names_only_the_days_a_deadline_moved_off() -> None:
    # two weeks before 1 June 2023 is Ascension Day, a working day in this calendar
    agenda = plan_meeting(meeting(D(2023, 6, 1)), NATIONAL, calendar=OpenOnHolidays()).deadline(
        AGENDA
    )
    assert (agenda.date, agenda.roll, agenda.closed) == (D(2023, 5, 18), "none", ())
    # two weeks before Sunday 23 April 2023 is Easter Sunday: back to Friday, and named
    agenda = plan_meeting(meeting(D(2023, 4, 23)), NATIONAL, calendar=OpenOnHolidays()).deadline(
        AGENDA
    )
    assert (agenda.date, agenda.roll, agenda.closed) == (
        D(2023, 4, 7),
        "preceding",
        ("easter_sunday",),
    )


def test_plan_year_reviews_the_records_under_the_layering_it_is_given() -> None:
    # Rules of procedure with one doctor seat (below the national two) and one doctor in
    # office: under layering='local' the seat is filled, under 'strictest' one is not.
    committee = aalborg()
    one_seat = attrs.evolve(
        AALBORG,
        name="aalborg-one-seat",
        entries=(*AALBORG.entries, RuleEntry("doctor_seats", 1, MAY_2021, ("AAL2021",))),
    )
    doctors = committee.doctor_members(D(2023, 12, 31))
    one_doctor: Committee = attrs.evolve(
        committee,
        rule_set=one_seat,
        memberships=tuple(m for m in committee.memberships if m not in doctors[1:]),
    )
    as_of = D(2023, 12, 31)
    loose = plan_year_with_compliance(one_doctor, layering="local", as_of=as_of)
    strict = plan_year_with_compliance(one_doctor, as_of=as_of)
    review = review_year(one_doctor, 2023, as_of=as_of, layering="local").findings
    assert loose.findings[-len(review) :] == review
    assert "composition.doctor-seats-unfilled" not in codes(loose)
    assert "composition.doctor-seats-unfilled" in codes(strict)


# --- the differential test: a bare loop over the holidays package ------------------------


def _denmark() -> Denmark:
    """The days holidays.Denmark closes, with the statutory closing days, without 1 May."""
    closed = Denmark(categories=(PUBLIC, OPTIONAL), years=range(2021, 2100), language="da")
    closed.pop_named("Arbejdernes kampdag", lookup="exact")
    return closed


_DENMARK = _denmark()


@given(st.dates(D(2022, 1, 1), D(2099, 12, 31)))
def test_property_aalborg_deadlines_equal_a_bare_loop_over_holidays(day: date) -> None:
    closed = _DENMARK

    def roll(d: date, step: int) -> date:
        while d.weekday() > 4 or d in closed:
            d += timedelta(days=step)
        return d

    call = roll(day - timedelta(weeks=4), -1)
    expected = {
        "call_for_items": call,
        "items_due": roll(call + timedelta(weeks=2), 1),
        "agenda_dispatch": roll(day - timedelta(weeks=2), -1),
    }
    assert dates(plan_meeting(meeting(day), AALBORG)) == expected


# --- one golden file per finding code the engine emits ----------------------------------

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "findings"
DIALOGUE_SEPTEMBER = meeting(
    # three months before Tue 5 September 2023 is Grundlovsdag (closed): due Fri 2 June
    D(2023, 9, 5),
    17,
    ident="dialog-2023-09",
    kind="dialogue",
    announced_on=D(2023, 6, 7),
)
DIALOGUE_NOVEMBER = meeting(D(2023, 11, 14), 17, ident="dialog-2023-11", kind="dialogue")
AALBORG_MEETINGS = [meeting(day) for day in QUARTERS]
# code -> the plan that shows it
FINDING_CASES: dict[str, Any] = {
    "deadline.items-due-after-dispatch": lambda: plan_meeting(meeting(D(2023, 6, 1)), AALBORG),
    "deadline.items-due-on-dispatch-day": lambda: plan_meeting(meeting(D(2023, 3, 6)), AALBORG),
    "deadline.done-late": lambda: plan_meeting(
        meeting(D(2023, 10, 5), agenda_sent_on=D(2023, 9, 25)), AALBORG
    ),
    "deadline.passed": lambda: plan_meeting(meeting(D(2023, 10, 5)), AALBORG, as_of=D(2023, 9, 21)),
    "meeting.longer-than-local-norm": lambda: plan_meeting(
        meeting(D(2023, 10, 5), hours=2.5), AALBORG
    ),
    "meeting.longer-than-national-max": lambda: plan_meeting(
        meeting(D(2023, 3, 6), hours=4), AALBORG
    ),
    "meeting.no-end-time": lambda: plan_meeting(meeting(D(2024, 3, 4), hours=None), NATIONAL),
    "meeting.on-closed-day": lambda: plan_meeting(meeting(D(2027, 12, 24)), NATIONAL),
    # a call for items recorded 14 years before its meeting
    "deadline.call-far-from-meeting": lambda: plan_meeting(
        meeting(D(2024, 3, 7), call_for_items_on=D(2010, 1, 4)), AALBORG
    ),
    # the rules' data: § 102 under Aftale25 assumed; Aalborg before its May 2021 rules
    "rules.assumed-continuation": lambda: plan_meeting(meeting(D(2025, 6, 12)), NATIONAL),
    "rules.before-local-data": lambda: plan_meeting(meeting(D(2020, 10, 7)), AALBORG),
    "year.too-few-meetings-held": lambda: plan_meetings(
        AALBORG_MEETINGS, AALBORG, as_of=D(2024, 1, 2)
    ),
    "year.too-few-meetings-planned": lambda: plan_meetings(AALBORG_MEETINGS[:2], AALBORG),
    "year.minimum-not-yet-reached": lambda: plan_meetings(
        [meeting(QUARTERS[0], status="held"), *AALBORG_MEETINGS[1:]], AALBORG, as_of=D(2023, 5, 10)
    ),
    "year.too-many-dialogue-meetings": lambda: plan_meetings(
        [*AALBORG_MEETINGS, DIALOGUE_SEPTEMBER, DIALOGUE_NOVEMBER], AALBORG
    ),
    "year.dialogue-announced-late": lambda: plan_meetings(
        [*AALBORG_MEETINGS, DIALOGUE_SEPTEMBER], AALBORG
    ),
}


@pytest.mark.parametrize("code", sorted(FINDING_CASES))
def test_each_finding_code_matches_its_golden_file(code: str) -> None:
    plan = FINDING_CASES[code]()
    every = plan.all_findings if isinstance(plan, YearPlan) else plan.findings
    found = next(f for f in every if f.code == code)
    path = GOLDEN / f"{code}.json"
    text = json.dumps(found.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing {path.name}; run with KLU_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
    assert Finding.from_dict(json.loads(text)) == found


def test_the_golden_cases_cover_every_code_the_engine_emits() -> None:
    engine = {c for c in CATALOGUE if c.startswith(("deadline.", "meeting."))}
    yearly = {
        "year.too-few-meetings-held",
        "year.too-few-meetings-planned",
        "year.minimum-not-yet-reached",
        "year.too-many-dialogue-meetings",
        "year.dialogue-announced-late",
    }
    data = {"rules.assumed-continuation", "rules.before-local-data"}  # horizon_findings
    assert set(FINDING_CASES) == engine | yearly | data


# --- every text in Danish and in English ---------------------------------------------------

# data shown as written: meeting ids and rule-set names
DATA_WORDS = frozenset({"m", "dialog", "klu", "aalborg", "national"})


@pytest.mark.parametrize("code", sorted(FINDING_CASES))
@pytest.mark.parametrize("language", ["da", "en"])
def test_each_finding_code_renders_in_one_language(code: str, language: str) -> None:
    plan = FINDING_CASES[code]()
    every = plan.all_findings if isinstance(plan, YearPlan) else plan.findings
    found = next(f for f in every if f.code == code)
    text = found.text(language)  # type: ignore[arg-type]
    assert text
    assert "{" not in text
    assert foreign_words(text, language, allow=DATA_WORDS) == set()
    assert "message" not in found.to_dict()  # the text comes from the catalogue only
    explained = plan.explain(language)
    assert foreign_words(explained, language, allow=DATA_WORDS) == set()
    for deadline in plan.deadlines if isinstance(plan, MeetingPlan) else ():
        assert foreign_words(deadline.explain(language), language) == set()


def _first(code: str) -> Finding:
    plan = FINDING_CASES[code]()
    every = plan.all_findings if isinstance(plan, YearPlan) else plan.findings
    return next(f for f in every if f.code == code)


def test_finding_texts_known_answers() -> None:
    passed = _first("deadline.passed")
    assert passed.text("da") == (
        "Fristen for indkaldelse af dagsordenspunkter var torsdag den 7. september 2023, og "
        "21. september 2023 er det ikke registreret som gjort; gør det nu, og registrér den "
        "dag, det blev gjort."
    )
    assert passed.text("en") == (
        "The deadline for calling for agenda items was Thursday 7 September 2023, and on "
        "21 September 2023 it is not recorded as done; do it now and record the day it was done."
    )
    order = _first("deadline.items-due-after-dispatch")
    assert order.text("da").startswith(
        "Fristen for dagsordenspunkter er fredag den 19. maj 2023, efter at dagsordenen skal "
        "udsendes onsdag den 17. maj 2023:"
    )
    assert order.text("en").startswith(
        "Agenda items are due on Friday 19 May 2023, after the agenda must go out on "
        "Wednesday 17 May 2023:"
    )
    longer = _first("meeting.longer-than-national-max")
    assert "varer 240 minutter, mere end de 3 timer pr. møde" in longer.text("da")
    assert "lasts 240 minutes, more than the 3 hours per meeting" in longer.text("en")
    late = _first("year.dialogue-announced-late")
    assert late.text("da") == (
        "Dialogmødet tirsdag den 5. september 2023 blev annonceret onsdag den 7. juni 2023, "
        "efter fristen fredag den 2. juni 2023 (3 måneder før)."
    )
    held = _first("year.too-few-meetings-held")
    assert held.text("en").startswith("In 2023 the committee held 0 meetings, fewer than the 4")


def test_no_end_time_reads_right_with_only_its_subject() -> None:
    # checks/honorarium.py emits the same code with a subject and no parameters
    bare = finding("meeting.no-end-time", subject="klu-2024-03")
    assert bare.text("da") == (
        "Mødet klu-2024-03 har intet sluttidspunkt, så længden kunne ikke kontrolleres, og "
        "intet, der afhænger af den, er beregnet."
    )
    assert bare.text("en") == (
        "Meeting klu-2024-03 has no end time, so its length could not be checked and nothing "
        "that depends on it was computed."
    )
    assert _first("meeting.no-end-time").parameters == {}


def test_planning_errors_are_written_in_danish_or_english() -> None:
    with pytest.raises(InvalidValueError) as caught:
        plan_meetings([meeting(D(2024, 3, 4)), meeting(D(2025, 3, 4))], NATIONAL)
    assert error_text(caught.value, "da") == (
        "mødet 'm-2025-03-04' er 4. marts 2025, uden for 2024; en mødeplan dækker ét år, så "
        "planlæg hvert år for sig"
    )
    with pytest.raises(InvalidValueError) as caught:
        plan_meetings(
            [meeting(D(2024, 3, 4), ident="x"), meeting(D(2024, 5, 4), ident="x")], NATIONAL
        )
    assert error_text(caught.value, "da") == "to møder har samme id 'x'; giv hvert møde sit eget id"
    with pytest.raises(InvalidValueError) as caught:
        plan_meetings([], NATIONAL)
    assert foreign_words(error_text(caught.value, "da"), "da") == set()
