"""A proposed meeting calendar: spread, off closed days and holidays, deadlines in order."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.easter import easter
from helpers import local_rules
from hypothesis import given, settings
from hypothesis import strategies as st

from klu_rules.checks.proposal import CalendarProposal, avoided_periods, propose_calendar
from klu_rules.core.errors import InvalidValueError
from klu_rules.io.presets import aalborg
from klu_rules.rules.calendar import DanishCalendar
from klu_rules.rules.horizon import HORIZON_CODES

CALENDAR = DanishCalendar()


def check(proposal: CalendarProposal) -> None:
    """Every property the proposal promises."""
    days = [p.date for p in proposal.meetings]
    assert days == sorted(set(days))
    assert all(day.year == proposal.year for day in days)
    assert days[-1] >= dt.date(proposal.year, 10, 1)  # next year's topics at the last meeting
    weekday = ("monday", "tuesday", "wednesday", "thursday", "friday").index(
        proposal.parameters["weekday"]
    )
    previous = None
    for plan in proposal.meetings:
        assert plan.date.weekday() == weekday
        assert CALENDAR.is_working_day(plan.date)
        assert not any(p.holds(plan.date) for p in proposal.avoided)
        dates = [d.date for d in plan.deadlines]
        assert dates == sorted(dates)
        assert all(CALENDAR.is_working_day(d) for d in dates)
        assert previous is None or dates[0] > previous
        assert not any(f.severity == "error" for f in plan.findings)
        # the year's rules are reported once, by the proposal
        assert not any(f.code in HORIZON_CODES for f in plan.findings)
        previous = plan.date
    # the outcome says what the findings say: never "proposed" over a warning
    every = [*proposal.findings, *(f for p in proposal.meetings for f in p.findings)]
    serious = [f.severity for f in every if f.severity != "info"]
    assert proposal.outcome == ("warning" if serious else "proposed")
    assert (proposal.reason == "propose.proposed") == (not serious)


def test_aalborg_four_meetings_in_2028() -> None:
    proposal = propose_calendar(aalborg(), 2028)
    check(proposal)
    assert [p.date.isoformat() for p in proposal.meetings] == [
        "2028-02-17",
        "2028-05-18",
        "2028-08-17",
        "2028-11-09",
    ]
    assert proposal.sources[0] == "AAL2021"  # the last meeting's day: Aalborg's rule
    assert proposal.parameters["last_from_source"] == "AAL2021"
    # Aalborg's items are due on the agenda's day under the national two weeks, at every
    # meeting; 2028 lies beyond both rule sets' horizons: the result says so
    assert proposal.outcome == "warning"
    assert [f.code for f in proposal.findings] == ["rules.beyond-horizon"] * 2
    assert proposal.findings[0].subject == "2028"
    assert all(
        "deadline.items-due-on-dispatch-day" in {f.code for f in p.findings}
        for p in proposal.meetings
    )
    assert proposal.explain("en") == (
        "4 meetings in 2028, on Thursdays at 15:00. 4 of the 4 meetings have a warning or an "
        "error: see the findings under each meeting. The rules of the year are not all known: "
        "see the findings about the rules."
    )
    assert proposal.explain("da").startswith("4 møder i 2028, torsdage kl. 15.00. 4 af de 4")
    assert (proposal.reason, proposal.text_parameters()["flagged"]) == (
        "propose.proposed_with_findings",
        4,
    )
    assert CalendarProposal.from_json(proposal.to_json()) == proposal


def test_a_proposal_without_warnings_is_proposed_and_2025_notes_the_assumed_rules() -> None:
    proposal = propose_calendar("national", 2024)
    assert (proposal.outcome, proposal.reason, proposal.findings) == (
        "proposed",
        "propose.proposed",
        (),
    )
    assert proposal.explain("en") == "2 meetings in 2024, on Thursdays at 15:00."
    # the national rules name no last meeting: the day is a convention, citing no source
    assert proposal.parameters["last_from_source"] is None
    assert proposal.sources == ("OK22-102",)  # the deadlines' rule only
    later = propose_calendar("national", 2025)
    assert [f.code for f in later.findings] == ["rules.assumed-continuation"]
    assert later.outcome == "proposed"  # a note, not a warning
    assert "AFTALE25" in later.sources


@settings(max_examples=15, deadline=None)
@given(
    year=st.integers(2024, 2060),
    meetings=st.integers(1, 6),
    weekday=st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday"]),
)
def test_every_proposal_keeps_its_promises(year: int, meetings: int, weekday: str) -> None:
    check(propose_calendar("national", year, meetings=meetings, weekday=weekday))


def test_easter_christmas_and_summer_are_kept_free() -> None:
    periods = {(p.key, p.start.isoformat()) for p in avoided_periods(2027, ["easter", "summer"])}
    sunday = easter(2027)
    assert ("easter", (sunday - dt.timedelta(days=6)).isoformat()) in periods
    assert ("summer", "2027-07-05") in periods
    custom = avoided_periods(2027, [(dt.date(2027, 2, 1), dt.date(2027, 2, 28))])
    assert custom[0].key == "period"
    proposal = propose_calendar(
        "national", 2027, meetings=2, weekday="mandag", avoid=("christmas",), time=dt.time(9)
    )
    assert proposal.parameters["weekday"] == "monday"
    assert proposal.parameters["avoid"] == ("christmas",)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"meetings": 13}, "from 1 to 12"),
        ({"weekday": "someday"}, "monday..sunday"),
        ({"avoid": ("lent",)}, "easter, christmas, summer"),
        ({"time": "15:00"}, "clock time"),
        ({"duration": dt.timedelta(0)}, "over 0"),
        ({"last_from": (2, 30)}, r"\(month, day\)"),
        ({"meetings": 12, "avoid": ((dt.date(2027, 1, 4), dt.date(2027, 12, 31)),)}, "no day"),
        ({"weekday": "saturday"}, "Saturday is never a working day in 2027"),
        ({"weekday": 6}, "Sunday is never a working day"),
        ({"time": dt.time(15, 0, 45)}, "got 15:00:45; leave out the seconds"),
        ({"time": dt.time(23, 30)}, "at 23:30 lasting 120 minutes would end after midnight"),
        ({"time": dt.time(22), "duration": dt.timedelta(hours=2, minutes=1)}, "after midnight"),
        (
            {"avoid": ((dt.date(2027, 5, 1), dt.date(2027, 4, 1)),)},
            "starts on 1 May 2027, after its last day 1 April 2027; write the first day first",
        ),
        (
            {"avoid": ((dt.date(2026, 5, 1), dt.date(2026, 6, 1)),)},
            "1 May 2026 - 1 June 2026 has no day in 2027",
        ),
    ],
)
def test_bad_arguments_say_what_to_give(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(InvalidValueError, match=match):
        propose_calendar("national", 2027, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="committee, a rule set"):
        propose_calendar(42, 2027)  # type: ignore[arg-type]


def test_the_last_meeting_cites_aalborg_only_under_a_rule_set_whose_own_layer_does() -> None:
    # the horizon finding lists the sources of the rules assumed to continue (the national
    # layer's nursing-home fees rest on AAL-MIN-2021-12, PLO-K's seat on PLO-KLU): those
    # are right; AAL2021, Aalborg's rules of procedure, is not among them
    national = propose_calendar("national", 2027)
    assert "AAL2021" not in national.sources
    assert set(national.findings[0].sources) <= set(national.sources)
    own = propose_calendar(local_rules(("OK22-102",), meetings_per_year=3), 2027)
    assert own.parameters["last_from_source"] is None
    assert "AAL2021" not in own.sources
    assert propose_calendar(local_rules(meetings_per_year=3), 2027).sources[0] == "AAL2021"


def test_a_weekend_day_fits_a_calendar_that_works_on_it() -> None:
    class Weekends(DanishCalendar):
        def is_working_day(self, day: dt.date) -> bool:
            return day.weekday() == 5 or super().is_working_day(day)

    proposal = propose_calendar("national", 2027, weekday="lørdag", calendar=Weekends())
    assert {p.date.weekday() for p in proposal.meetings} == {5}
