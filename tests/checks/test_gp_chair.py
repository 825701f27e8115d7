"""Roles and seats apart: a GP who chairs or vice-chairs holds a doctor seat."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from helpers import cph

from klu_rules import Attendance, Committee, Meeting, Membership, Person
from klu_rules.checks.compliance import review_year
from klu_rules.checks.honorarium import MeetingRate, honorarium_for_meeting
from klu_rules.checks.quorum import check_quorum
from klu_rules.core.money import Money
from klu_rules.rules.ruleset import NATIONAL

CHAIR = Person("gp-chair", "Anna Formand", doctor=True)
DOCTOR = Person("gp-member", "Bo Læge", doctor=True)
MAYOR = Person("municipal", "Carl Kommune")


def committee(role: str, meeting: Meeting) -> Committee:
    return Committee(
        id="klu-odense",
        name="KLU Odense",
        municipality="Odense",
        region="Region Syddanmark",
        rule_set=NATIONAL,
        memberships=(
            Membership(CHAIR, "general_practice", role),
            Membership(DOCTOR, "general_practice", "doctor_member"),
            Membership(MAYOR, "municipality", "municipal_representative"),
        ),
        meetings=(meeting,),
    )


@pytest.mark.parametrize("role", ["chair", "vice_chair"])
def test_a_gp_chair_counts_for_quorum_and_is_paid(role: str) -> None:
    meeting = Meeting(
        id="m",
        start=cph(2027, 3, 4, 15),
        end=cph(2027, 3, 4, 17),
        status="held",
        attendance=(Attendance(CHAIR, "present"), Attendance(MAYOR, "present")),
    )
    klu = committee(role, meeting)
    assert [m.person.id for m in klu.doctor_members(date(2027, 3, 4))] == ["gp-chair", "gp-member"]
    quorum = check_quorum(meeting, klu)
    assert (quorum.doctor_seats, quorum.doctors_filled, quorum.outcome) == (2, 1, "quorate")
    assert not any(x.person_id == "gp-chair" for x in quorum.not_counted)
    fee = honorarium_for_meeting(
        meeting, klu, rate=MeetingRate(Money(Decimal("1500.00"), "2023-04"))
    )
    assert [p.person_id for p in fee.eligible] == ["gp-chair"]
    composition = review_year(klu, 2027)
    assert "composition.doctor-seats-unfilled" not in {f.code for f in composition.findings}


def test_a_municipal_chair_holds_no_doctor_seat() -> None:
    municipal_chair = Membership(MAYOR, "municipality", "chair")
    gp_chair = Membership(CHAIR, "general_practice", "chair")
    assert not municipal_chair.is_doctor_seat
    assert gp_chair.is_doctor_seat
