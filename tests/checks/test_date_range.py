"""What is due between two dates, whatever year the meeting is in."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import check_golden_finding, cph

from klu_rules import Committee, Meeting, Membership, Person
from klu_rules.checks.date_range import RangePlan, plan_between, year_plans_between
from klu_rules.checks.deadlines import plan_year
from klu_rules.core.errors import InvalidValueError
from klu_rules.rules.ruleset import NATIONAL


def committee() -> Committee:
    return Committee(
        id="klu-odense",
        name="KLU Odense",
        municipality="Odense",
        region="Region Syddanmark",
        rule_set=NATIONAL,
        memberships=(
            Membership(
                Person("placeholder-doctor-1", "PLADSHOLDER", placeholder=True),
                "general_practice",
                "doctor_member",
            ),
        ),
        meetings=(
            Meeting(id="nov-2027", start=cph(2027, 11, 11, 15)),
            Meeting(id="jan-2028", start=cph(2028, 1, 6, 15)),
            Meeting(id="jun-2028", start=cph(2028, 6, 8, 15)),
        ),
    )


def test_the_2027_range_holds_the_december_deadline_of_a_january_2028_meeting() -> None:
    klu = committee()
    assert "jan-2028" not in {p.meeting.id for p in plan_year(klu, 2027).meetings}
    found = plan_between(klu, dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert [(i.date.isoformat(), i.kind, i.meeting_id) for i in found.items] == [
        ("2027-10-28", "agenda_dispatch", "nov-2027"),
        ("2027-11-11", "meeting", "nov-2027"),
        ("2027-12-23", "agenda_dispatch", "jan-2028"),
    ]
    assert [p.meeting.id for p in found.meetings] == ["nov-2027", "jan-2028"]
    assert (
        found.explain("en") == "3 meetings and deadlines from 1 January 2027 to 31 December 2027."
    )
    assert RangePlan.from_json(found.to_json()) == found
    # the year plans' findings about the rules' data are the range's too (2027 lies beyond
    # the national horizon), then the committee's own
    assert [f.code for f in found.findings] == [
        "rules.beyond-horizon",
        "committee.placeholder-people",
    ]
    assert found.findings[0].subject == "2027-01-01/2027-12-31"
    check_golden_finding(found.findings[-1])
    assert found.outcome == "warning"


def test_year_plans_between_and_an_empty_range() -> None:
    years = year_plans_between(committee(), dt.date(2027, 12, 1), dt.date(2028, 6, 30))
    assert [(y.year, [p.meeting.id for p in y.meetings]) for y in years] == [
        (2028, ["jan-2028", "jun-2028"])
    ]
    empty = year_plans_between(committee(), dt.date(2027, 2, 1), dt.date(2027, 2, 2))
    assert [(y.year, y.meetings) for y in empty] == [(2027, ())]
    nothing = plan_between(committee(), dt.date(2027, 2, 1), dt.date(2027, 2, 2))
    assert nothing.items == ()


def test_a_bad_range_says_what_to_give() -> None:
    with pytest.raises(InvalidValueError, match="before it starts"):
        plan_between(committee(), dt.date(2027, 2, 1), dt.date(2027, 1, 1))
    with pytest.raises(InvalidValueError, match="YYYY-MM-DD"):
        plan_between(committee(), "2027-01-01", dt.date(2027, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="takes a committee"):
        plan_between("klu", dt.date(2027, 1, 1), dt.date(2027, 1, 1))  # type: ignore[arg-type]
