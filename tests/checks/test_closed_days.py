"""A meeting on a closed day is an error naming the day; placeholders are noted."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import check_golden_finding, cph

from klu_rules import Meeting
from klu_rules.checks.closed_days import closed_day_finding, closed_kind
from klu_rules.checks.deadlines import plan_meeting
from klu_rules.rules.calendar import LABOUR_DAY, ClosingDay, DanishCalendar


@pytest.mark.parametrize(
    ("day", "da", "en"),
    [
        (dt.date(2027, 3, 25), "Skærtorsdag, en helligdag", "Maundy Thursday, a public holiday"),
        (dt.date(2027, 3, 6), "lørdag den 6. marts 2027, en weekenddag", "a weekend day"),
        (
            dt.date(2027, 12, 24),
            "Juleaftensdag, en lovbestemt lukkedag",
            "Christmas Eve, a statutory closing day",
        ),
    ],
)
def test_a_meeting_on_a_closed_day_is_an_error_naming_the_day(
    day: dt.date, da: str, en: str
) -> None:
    meeting = Meeting(id="m", start=cph(day.year, day.month, day.day, 15))
    plan = plan_meeting(meeting, "national")
    found = [f for f in plan.findings if f.code == "meeting.on-closed-day"]
    assert len(found) == 1
    assert found[0].severity == "error"
    assert da in found[0].text("da")
    assert en in found[0].text("en")
    assert plan.outcome == "error"


def test_golden_and_the_calendar_decides() -> None:
    found = closed_day_finding(DanishCalendar(), "m-2027-12-24", dt.date(2027, 12, 24))
    assert found is not None
    check_golden_finding(found)
    assert (
        closed_day_finding(DanishCalendar(statutory_closing_days=False), "m", dt.date(2027, 12, 24))
        is None
    )
    extra = DanishCalendar(
        extra_closing_days=[LABOUR_DAY, ClosingDay.on(dt.date(2027, 5, 3), "Kommunens lukkedag")]
    )
    assert "Labour Day" in str(closed_day_finding(extra, "m", dt.date(2027, 5, 1)).text("en"))  # type: ignore[union-attr]
    named = closed_day_finding(extra, "m", dt.date(2027, 5, 3))
    assert named is not None
    assert named.text("da").endswith(
        "Kommunens lukkedag, en lukkedag i kalenderen; flyt det til en arbejdsdag."
    )
    assert closed_kind("christmas_eve") == "statutory_closing_day"
    assert closed_kind("labour_day") == "extra_named"


def test_a_calendar_without_names_still_names_the_weekend() -> None:
    class Plain:
        def is_working_day(self, day: dt.date) -> bool:
            return day.weekday() < 4

        def roll(self, day: dt.date, direction: str) -> dt.date:
            return day

        def add_working_days(self, day: dt.date, n: int) -> dt.date:
            return day

    sunday = closed_day_finding(Plain(), "m", dt.date(2027, 3, 7))  # type: ignore[arg-type]
    friday = closed_day_finding(Plain(), "m", dt.date(2027, 3, 5))  # type: ignore[arg-type]
    assert sunday is not None
    assert sunday.parameters["closed"] == "weekend"
    assert friday is not None
    assert friday.parameters["closed"] == "calendar"
