"""Tests that kill the mutants of the meeting rules (honorarium, quorum) that survived the suite.

Each test pins a user-facing text or value the rest of the suite left open:
the full sentence of an error or a reason (not just its start), the
parameters and sources of a finding, or a source list with more than one
entry. Mutants that cannot change any observable behaviour (a currency that
can only be "DKK", a date argument read only when there are no doctor seats,
...) have no test here.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from helpers import cph

from klu_rules import (
    Agenda,
    AgendaItem,
    Attendance,
    Committee,
    Meeting,
    Membership,
    Money,
    NoRulesInForceError,
    NotADoctorMemberError,
    Person,
    RuleEntry,
    RuleSet,
)
from klu_rules.checks.honorarium import (
    MeetingRate,
    honorarium_for_meeting,
    nursing_home_doctor_monthly_fee,
)
from klu_rules.checks.quorum import check_quorum
from klu_rules.rules.ruleset import NATIONAL

DOCTORS = [Person(f"doc-{i}", f"Dr {i}", doctor=True) for i in range(4)]
FORMER = Person("doc-former", "Dr Former", doctor=True)
SUB = Person("sub", "Dr Substitute", doctor=True)
EXTRA = Person("extra", "Dr Supplementing", doctor=True)
CHAIR = Person("chair", "Karen Formand")
REP = Person("rep", "Rita Repræsentant")
CONSULTANT = Person("consultant", "Eva Praksiskonsulent", doctor=True)
HOSPITAL = Person("hospital", "Dr Hospital", doctor=True)
SECRETARY = Person("secretary", "Finn Sekretær")

RATE = MeetingRate(Money(Decimal("1500.00"), "2023-04"))

AGENDA = Agenda(
    items=(
        AgendaItem("1", "Godkendelse af dagsordenen", "approval"),
        AgendaItem("2.a", "Sundhedsaftalen", "decision"),
        AgendaItem("2.b", "Rygestop", "decision"),
        AgendaItem("4", "Eventuelt", "other_business"),
    )
)


def committee(doctors: int = 2, rule_set: RuleSet = NATIONAL) -> Committee:
    """``doctors`` doctor members in office, one whose seat ended in 2022, and the other sides."""
    memberships = [Membership(p, "general_practice", "doctor_member") for p in DOCTORS[:doctors]]
    memberships += [
        Membership(FORMER, "general_practice", "doctor_member", term_end=date(2022, 12, 31)),
        Membership(CHAIR, "municipality", "chair"),
        Membership(REP, "municipality", "municipal_representative"),
        Membership(CONSULTANT, "municipality", "practice_consultant"),
        Membership(HOSPITAL, "hospital_region", "hospital_representative"),
    ]
    return Committee(
        id="klu-test",
        name="KLU Test",
        municipality="Testkommune",
        region="Nordjylland",
        rule_set=rule_set,
        memberships=tuple(memberships),
        secretariat=(Membership(SECRETARY, "municipality", "secretary"),),
    )


def meeting(*attendance: Attendance, agenda: Agenda | None = AGENDA) -> Meeting:
    """Meeting ``m1`` on 1 June 2023, 15-17 Copenhagen time."""
    start = cph(2023, 6, 1, 15)
    return Meeting("m1", start, start + timedelta(hours=2), attendance=attendance, agenda=agenda)


def present(*people: Person) -> list[Attendance]:
    return [Attendance(p, "present") for p in people]


def local(sources: tuple[str, ...] = ("AAL2021",), **values: object) -> RuleSet:
    """A local rule set on the national rules, each value citing ``sources``."""
    entries = tuple(
        RuleEntry(key, value, date(2021, 5, 1), sources)  # type: ignore[arg-type]
        for key, value in values.items()
    )
    return RuleSet(
        name="local-test", title="Local test rules", level="local", entries=entries, parent=NATIONAL
    )


# ---------------------------------------------------------------------------
# the meeting fee


def test_honorarium_doctor_whose_seat_ended_is_not_paid() -> None:
    att = [*present(DOCTORS[0], FORMER, CHAIR)]
    result = honorarium_for_meeting(meeting(*att), committee(), rate=RATE)
    assert [(p.person_id, p.capacity, p.seat) for p in result.eligible] == [
        ("doc-0", "doctor_member", "doc-0")
    ]
    assert [n.to_dict() for n in result.not_paid] == [
        {
            "person": "doc-former",
            "name": "Dr Former",
            "reason": "a doctor without a doctor seat on 2023-06-01: record them as a substitute "
            "(substitute_for) if they took a member's seat",
        },
        {
            "person": "chair",
            "name": "Karen Formand",
            "reason": "member of the municipal side: the meeting fee is for the doctor members "
            "(and their substitutes) only",
        },
        {
            "person": "doc-1",
            "name": "Dr 1",
            "reason": "doctor member not recorded in the attendance, so not counted as present",
        },
    ]
    assert result.total == Money(Decimal("1500.00"), "2023-04")
    assert result.reason == (
        "1 doctor eligible (of 2 paid seats), each paid 1.500,00 kr. (2023-04-niveau) by the "
        "municipality: 1.500,00 kr. (2023-04-niveau) in total."
    )


def test_honorarium_hospital_representative_reason() -> None:
    att = [*present(*DOCTORS[:2], HOSPITAL)]
    result = honorarium_for_meeting(meeting(*att), committee(), rate=RATE)
    assert {n.person_id: n.reason for n in result.not_paid} == {
        "hospital": "hospital representative: holds no doctor seat; the meeting fee is for the "
        "doctor members and their substitutes"
    }
    assert result.total == Money(Decimal("3000.00"), "2023-04")


def test_honorarium_substitute_for_a_former_member_is_refused() -> None:
    att = [*present(DOCTORS[0]), Attendance(SUB, "substitute", substitute_for="doc-former")]
    with pytest.raises(NotADoctorMemberError) as info:
        honorarium_for_meeting(meeting(*att), committee(), rate=RATE)
    assert str(info.value) == (
        "Dr Substitute substitutes for 'doc-former' at meeting 'm1' (2023-06-01), who is not a "
        "doctor member in office that day; a substitute stands in for a doctor member "
        "(lægeligt medlem) only"
    )


def test_honorarium_supplementing_doctor_paid_under_local_rules() -> None:
    rules = local(supplementing_doctors_paid=True)
    att = [*present(DOCTORS[0]), Attendance(EXTRA, "supplementing")]
    result = honorarium_for_meeting(meeting(*att), committee(rule_set=rules), rate=RATE)
    assert result.outcome == "amounts"
    assert [p.to_dict() for p in result.eligible] == [
        {
            "person": "doc-0",
            "name": "Dr 0",
            "capacity": "doctor_member",
            "seat": "doc-0",
            "items": [],
            "reason": "doctor member present",
            "amount": "1500.00",
        },
        {
            "person": "extra",
            "name": "Dr Supplementing",
            "capacity": "supplementing",
            "seat": None,
            "items": [],
            "reason": "supplementing doctor, paid under the rules in force",
            "amount": "1500.00",
        },
    ]
    assert result.total == Money(Decimal("3000.00"), "2023-04")


def test_honorarium_more_eligible_than_paid_finding_in_full() -> None:
    # A local rule paying three doctors, citing both the local agreement and OK22.
    rules = local(("AAL2021", "OK22-102"), paid_doctors=3)
    result = honorarium_for_meeting(
        meeting(*present(*DOCTORS[:4], CHAIR)), committee(doctors=4, rule_set=rules), rate=RATE
    )
    assert result.outcome == "undecided"
    assert result.total is None
    assert len(result.findings) == 1
    found = result.findings[0]
    assert found.to_dict() == {
        "severity": "warning",
        "code": "honorarium.more-eligible-than-paid",
        "message": "4 doctors are eligible for the meeting fee but the rules in force pay 3 "
        "(AAL2021/OK22-102); all are listed and no total is given until the committee decides "
        "who is paid.",
        "sources": ["AAL2021", "OK22-102"],
        "subject": "m1",
        "parameters": {"eligible": 4, "paid_doctors": 3},
    }
    assert dict(found.parameters) == {"eligible": 4, "paid_doctors": 3}
    assert result.reason == (
        "Undecided: 4 doctors eligible but the rules pay 3; the municipality pays, the committee "
        "decides who, so no total is given."
    )


def test_honorarium_shared_seat_and_too_many_eligible() -> None:
    att = [
        *present(*DOCTORS[:2]),
        Attendance(SUB, "substitute", substitute_for="doc-0", items=("2.a",)),
    ]
    result = honorarium_for_meeting(meeting(*att), committee(), rate=RATE)
    assert result.outcome == "undecided"
    assert result.reason == (
        "Undecided: 3 doctors eligible but the rules pay 2 and 1 doctor seat(s) with more than "
        "one eligible person; the municipality pays, the committee decides who, so no total is "
        "given."
    )
    shared, too_many = result.findings
    assert shared.message == (
        "The doctor seat of doc-0 has 2 eligible people (Dr 0, Dr Substitute) but pays one fee; "
        "the committee decides who is paid, so no total is given."
    )
    assert dict(shared.parameters) == {"seat": "doc-0", "eligible": ["doc-0", "sub"]}
    assert dict(too_many.parameters) == {"eligible": 3, "paid_doctors": 2}
    assert too_many.sources == ("OK22-102",)
    assert too_many.subject == "m1"


# ---------------------------------------------------------------------------
# the nursing-home doctor fee


def test_nursing_home_fee_explain_names_every_source() -> None:
    rules = local(nursing_home_fee_payer="municipality")
    fee = nursing_home_doctor_monthly_fee(12, rules=rules, on=date(2023, 6, 1))
    assert fee.amount == Decimal("1935.27")
    assert fee.sources == ("AAL-MIN-2021-12", "AAL2021")
    assert fee.explain() == (
        "12 resident(s) attached, not more than 30: the fixed monthly fee 1.935,27 kr. "
        "(2021-04-niveau). Values in force on 2023-06-01 (AAL-MIN-2021-12/AAL2021); paid by the "
        "municipality."
    )


def test_nursing_home_fee_rule_set_without_the_fee_message() -> None:
    bare = RuleSet(
        name="bare",
        title="Bare",
        level="national",
        entries=(RuleEntry("doctor_seats", 2, date(2011, 4, 1), ("VEJL2011",)),),
    )
    with pytest.raises(NoRulesInForceError) as info:
        nursing_home_doctor_monthly_fee(10, rules=bare)
    assert str(info.value) == (
        "rule set 'bare' has no nursing-home doctor fee (nursing_home_monthly_fee, "
        "nursing_home_hourly_rate, nursing_home_extra_hour_over_residents, "
        "nursing_home_extra_hours, nursing_home_fee_payer); use the national rules"
    )


def test_nursing_home_fee_rules_in_force_before_ok22() -> None:
    with pytest.raises(NoRulesInForceError) as info:
        nursing_home_doctor_monthly_fee(31, rules=NATIONAL.in_force(date(2021, 6, 1)))
    assert str(info.value) == (
        "no nursing-home doctor fee is in force on 2021-06-01: the fee (AAL-MIN-2021-12) takes "
        "effect on 2022-01-01 in rule set 'national'; ask for a later date, or leave on=None for "
        "the newest values"
    )


# ---------------------------------------------------------------------------
# the doctor quorum


def test_quorum_explain_names_every_source_of_the_doctor_seats() -> None:
    rules = local(("AAL2021", "OK22-102"), doctor_seats=2)
    result = check_quorum(meeting(*present(*DOCTORS[:2], CHAIR)), committee(rule_set=rules))
    assert result.quorate
    assert result.sources == ("AAL2021", "OK22-102")
    assert result.explain().endswith(
        "Doctor seats: the doctor memberships in force on 2023-06-01 (AAL2021/OK22-102)."
    )


def test_quorum_explain_without_a_doctor_seats_rule() -> None:
    quorum_only = RuleSet(
        name="quorum-only",
        title="Quorum only",
        level="national",
        entries=(
            RuleEntry(
                "quorum_doctor_share", Decimal("0.5"), date(2011, 4, 1), (), status="assumption"
            ),
            RuleEntry("quorum_municipal_present", 1, date(2011, 4, 1), (), status="assumption"),
        ),
    )
    result = check_quorum(meeting(*present(DOCTORS[0], REP)), committee(), rules=quorum_only)
    assert result.sources == ()
    assert result.explain() == (
        "Quorate: 1 of 2 doctor seats filled by members or their substitutes (at least 1 needed) "
        "and 1 member of the municipal side present (at least 1 needed). Parameters (an "
        "assumption: no source states a quorum): quorum_doctor_share = 0.5 (assumption in the "
        "national rules of rule set 'quorum-only'), quorum_municipal_present = 1 (assumption in "
        "the national rules of rule set 'quorum-only'). Doctor seats: the doctor memberships in "
        "force on 2023-06-01 (no source)."
    )


def test_quorum_substitute_for_a_former_member_is_refused() -> None:
    att = [*present(DOCTORS[0], CHAIR), Attendance(SUB, "substitute", substitute_for="doc-former")]
    with pytest.raises(NotADoctorMemberError) as info:
        check_quorum(meeting(*att), committee())
    assert str(info.value) == (
        "Dr Substitute substitutes for 'doc-former' at meeting 'm1' (2023-06-01), who is not a "
        "doctor member in office that day; a substitute stands in for a doctor member "
        "(lægeligt medlem) only"
    )


def test_quorum_member_recorded_as_substitute_counts_once() -> None:
    att = [
        Attendance(DOCTORS[0], "absent", reason="ferie"),
        Attendance(DOCTORS[1], "substitute", substitute_for="doc-0"),
        *present(CHAIR),
    ]
    result = check_quorum(meeting(*att), committee())
    assert result.quorate
    assert result.doctors_filled == 1
    assert [n.to_dict() for n in result.not_counted] == [
        {"person": "doc-0", "name": "Dr 0", "reason": "absent (afbud: ferie)"},
        {
            "person": "doc-1",
            "name": "Dr 1",
            "reason": "counted in their own doctor seat only, not also as substitute for "
            "doc-0: one person fills one seat",
        },
    ]


def test_quorum_not_quorate_finding_carries_the_parameters() -> None:
    att = [Attendance(DOCTORS[0], "absent"), *present(HOSPITAL, CHAIR)]
    result = check_quorum(meeting(*att), committee())
    assert not result.quorate
    not_quorate, absent = result.findings
    assert not_quorate.code == "quorum.not-quorate"
    assert dict(not_quorate.parameters) == {
        "doctor_share": "0.5",
        "doctor_share_origin": "assumption in the national rules of rule set 'national'",
        "municipal_present": 1,
        "municipal_present_origin": "assumption in the national rules of rule set 'national'",
        "doctor_seats": 2,
        "required_doctors": 1,
        "rounding": "doctor seats × doctor_share, rounded up",
        "per_item": False,
        "rule_set": "national",
        "on": "2023-06-01",
        "layering": "strictest",
    }
    assert absent.to_dict() == {
        "severity": "info",
        "code": "agenda.doctor-member-absent-without-reason",
        "message": "Doctor member Dr 0 is recorded absent (afbud) at meeting 'm1' without a "
        'reason; add reason = "..." to the attendance entry.',
        "sources": ["VEJL2011"],
        "subject": "doc-0",
        "parameters": {"meeting": "m1"},
    }
    assert dict(absent.parameters) == {"meeting": "m1"}


def test_quorum_reasons_for_people_without_a_doctor_seat() -> None:
    att = [*present(DOCTORS[0], CHAIR, HOSPITAL, FORMER)]
    result = check_quorum(meeting(*att), committee())
    assert result.quorate
    assert {n.person_id: n.reason for n in result.not_counted} == {
        "hospital": "hospital representative on the hospital region side: holds no doctor seat "
        "and is not on the municipal side",
        "doc-former": "a doctor without a doctor seat on 2023-06-01: record them as a substitute "
        "(substitute_for) or as supplementing",
        "doc-1": "doctor member not recorded in the attendance, so not counted as present",
    }
