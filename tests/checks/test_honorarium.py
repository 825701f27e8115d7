"""Honorarium (RULES.md § 5): the meeting fee."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal, localcontext
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from helpers import check_golden_finding, cph, foreign_words, local_rules, plain_committee
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import (
    Attendance,
    Committee,
    InvalidValueError,
    Meeting,
    Membership,
    Money,
    Person,
    Role,
    RuleSet,
    Side,
)
from klu_rules.checks import honorarium
from klu_rules.checks.honorarium import (
    HonorariumResult,
    MeetingRate,
    honorarium_for_meeting,
)
from klu_rules.core.errors import NotADoctorMemberError
from klu_rules.core.language import LANGUAGES
from klu_rules.io.meeting_record import load_meeting_record
from klu_rules.rules.ruleset import AALBORG, NATIONAL

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

DOCTORS = [Person(f"doc-{i}", f"Dr {i}", doctor=True) for i in range(8)]
CHAIR = Person("chair", "Chair")
CONSULTANT = Person("consultant", "Practice consultant", doctor=True)
SECRETARY = Person("secretary", "Secretary")
HOSPITAL = Person("hospital", "Dr Hospital", doctor=True)
SUB = Person("sub", "Dr Substitute", doctor=True)
SUB2 = Person("sub2", "Dr Substitute Two", doctor=True)
EXTRA = Person("extra", "Dr Supplementing", doctor=True)
GUEST = Person("guest", "Guest")

RATE = MeetingRate(Money(Decimal("1500.00"), "2023-04"))


# --- one language per text -------------------------------------------------------------

OWN_CODES = ("honorarium.more-eligible-than-paid", "honorarium.no-rate")


def fee_texts(result: HonorariumResult, language: Any) -> list[str]:
    """Everything a fee result writes out: its explanation, who is paid and who is not."""
    return [
        result.explain(language),
        *(p.text(language) for p in result.eligible),
        *(n.text(language) for n in result.not_paid),
        *(f.text(language) for f in result.findings if f.code in OWN_CODES),
    ]


@pytest.fixture(autouse=True)
def every_fee_reads_in_one_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every fee a test computes is written out in both languages, after the test."""
    made: list[HonorariumResult] = []

    def recording(function: Any) -> Any:
        def record(*args: Any, **kwargs: Any) -> Any:
            made.append(function(*args, **kwargs))
            return made[-1]

        return record

    monkeypatch.setitem(
        globals(), "honorarium_for_meeting", recording(honorarium.honorarium_for_meeting)
    )
    yield
    for result in made[:20]:
        data = [*result.parameters.values(), result.reason]
        data += [result.meeting_id, *((p.seat, p.member) for p in result.eligible)]
        data += [(n.name, *n.parameters.values()) for n in result.not_paid]
        data += [f.parameters.get("names") for f in result.findings]
        allow = frozenset(re.findall(r"[a-zæøå]+", " ".join(map(str, data)).lower()))
        for language in LANGUAGES:
            for text in fee_texts(result, language):
                assert text.strip()
                assert "{" not in text
                assert foreign_words(text, language, allow=allow) == set(), text


def test_who_is_paid_and_who_is_not_in_danish() -> None:
    record = load_meeting_record(EXAMPLES / "meeting_2023_06_01.toml")
    result = honorarium_for_meeting(record.meeting, record.committee, rate=RATE)
    paid = {p.person_id: p.text("da") for p in result.eligible}
    assert paid["mette-bolvig-poulsen"] == "lægeligt medlem til stede"
    assert paid["eksempel-vikar"].startswith(
        "stedfortræder for det lægelige medlem Christine Houe ved dagsordenspunkt 2.a og 2.b"
    )
    not_paid = {n.person_id: n.text("da") for n in result.not_paid}
    assert not_paid["eksempel-supplerende"] == "supplerende læge: supplering udløser ikke honorar"
    assert RATE.describe("da") == "1.500,00 kr. (prisniveau 2023-04) pr. møde"
    assert RATE.describe("en") == "DKK 1,500.00 (2023-04 price level) per meeting"
    assert honorarium.payer_text("municipality", "da") == "kommunen"
    assert honorarium.payer_text("PLO-Aalborg", "da") == "PLO-Aalborg"  # data as written


def committee(doctors: int = 2, rule_set: RuleSet = NATIONAL) -> Committee:
    memberships = [
        Membership(p, Side.GENERAL_PRACTICE, Role.DOCTOR_MEMBER) for p in DOCTORS[:doctors]
    ]
    memberships += [
        Membership(CHAIR, Side.MUNICIPALITY, Role.CHAIR),
        Membership(CONSULTANT, Side.MUNICIPALITY, Role.PRACTICE_CONSULTANT),
        Membership(HOSPITAL, Side.HOSPITAL_REGION, Role.HOSPITAL_REPRESENTATIVE),
    ]
    return plain_committee(
        rule_set=rule_set,
        memberships=tuple(memberships),
        secretariat=(Membership(SECRETARY, Side.MUNICIPALITY, Role.SECRETARY),),
    )


def meeting(
    *attendance: Attendance,
    start: datetime | None = None,
    end: datetime | None = None,
    **kw: object,
) -> Meeting:
    start = start or cph(2023, 6, 1, 15)
    end = end if end is not None or "no_end" in kw else start + timedelta(hours=2)
    kw.pop("no_end", None)
    kw.setdefault("status", "held")
    return Meeting("m1", start, end, attendance=attendance, **kw)  # type: ignore[arg-type]


def present(*people: Person) -> list[Attendance]:
    return [Attendance(p, "present") for p in people]


# --- the meeting fee: the seed examples -------------------------------------------------------


def test_december_2021_eligibility_only() -> None:
    record = load_meeting_record(EXAMPLES / "aalborg_2021_12_meeting.toml")
    result = honorarium_for_meeting(record.meeting, record.committee)
    assert result.outcome == "eligibility-only"
    assert result.decided
    assert result.payer == "municipality"
    assert result.paid_seats == 6  # Aalborg pays six doctors from PLO-Aalborg (AAL2021)
    assert [p.person_id for p in result.eligible] == ["mette-bolvig-poulsen", "christine-houe"]
    assert result.total is None
    assert [f.code for f in result.findings] == ["honorarium.no-rate"]
    check_golden_finding(result.findings[0])
    assert result.sources == ("AAL2021", "VEJL2011")
    assert result.parameters["paid_doctors_from"] == "local"
    reasons = {n.person_id: n.text() for n in result.not_paid}
    assert reasons["lisbet-trap-jensen-torp"].startswith("Municipal representative (Municipality)")


def test_june_2023_with_a_rate_per_meeting() -> None:
    record = load_meeting_record(EXAMPLES / "meeting_2023_06_01.toml")
    held = attrs.evolve(record.meeting, status="held")
    result = honorarium_for_meeting(held, record.committee, rate=RATE)
    assert result.outcome == "amounts"
    assert [(p.person_id, p.capacity) for p in result.eligible] == [
        ("mette-bolvig-poulsen", "doctor_member"),
        ("anne-mette-lynge-andersen", "doctor_member"),
        ("christa-blaasvaer", "doctor_member"),
        ("eksempel-vikar", "substitute"),
    ]
    assert result.eligible[3].seat == "christine-houe"
    assert result.eligible[3].items == ("2.a", "2.b")
    assert result.fee_per_doctor == Money(Decimal("1500.00"), "2023-04")
    assert result.total == Money(Decimal("6000.00"), "2023-04")
    assert all(p.amount == result.fee_per_doctor for p in result.eligible)
    assert result.reason == "honorarium.amounts"
    assert result.explain().startswith(
        "4 doctors eligible (of 6 paid seats), each paid DKK 1,500.00 by the municipality: "
        "DKK 6,000.00 in total."
    )
    assert result.explain("da").startswith(
        "4 læger har ret til honorar (af 6 honorerede pladser), hver 1.500,00 kr. betalt af "
        "kommunen: 6.000,00 kr. i alt."
    )
    reasons = {n.person_id: n.text() for n in result.not_paid}
    assert reasons["eksempel-supplerende"].startswith("supplementing doctor")
    assert reasons["pernille-smalbro-hylleberg"].startswith("practice consultant")
    assert "an assumption" in reasons["pernille-smalbro-hylleberg"]
    assert reasons["lars-lund"].startswith("Secretariat")
    assert reasons["christine-houe"].startswith("absent (apologies: ")
    assert result.findings == ()


def test_june_2023_with_a_rate_per_hour() -> None:
    record = load_meeting_record(EXAMPLES / "meeting_2023_06_01.toml")
    rate = MeetingRate(Money(Decimal("1000"), "2023-04"), per="hour")
    result = honorarium_for_meeting(record.meeting, record.committee, rate=rate)
    assert result.fee_per_doctor == Money(Decimal("2000.00"), "2023-04")
    assert result.parameters["duration_hours"] == "2"
    assert HonorariumResult.from_json(result.to_json()) == result
    assert result.total is not None
    assert result.total.amount == Decimal("8000.00")


# --- the meeting fee: case by case ------------------------------------------------------------


def test_national_rules_pay_two_doctors_and_flag_more() -> None:
    c = committee(doctors=6)
    result = honorarium_for_meeting(meeting(*present(*DOCTORS[:6], CHAIR)), c, rate=RATE)
    assert result.outcome == "undecided"
    assert not result.decided
    assert len(result.eligible) == 6  # all listed, none cut
    assert result.total is None
    assert all(p.amount is None for p in result.eligible)
    assert result.fee_per_doctor == RATE.amount
    codes = [f.code for f in result.findings]
    assert codes == ["honorarium.more-eligible-than-paid"]
    assert dict(result.findings[0].parameters) == {
        "scope": "meeting",
        "eligible": tuple(f"doc-{i}" for i in range(6)),
        "names": tuple(f"Dr {i}" for i in range(6)),
        "paid_doctors": 2,
    }
    assert result.reason == "honorarium.undecided-too-many"
    assert result.explain().startswith("Undecided: 6 doctors eligible, but the rules pay 2;")
    assert result.sources == ("OK22-102",)
    check_golden_finding(result.findings[0])


def test_a_local_rule_citing_two_sources_is_cited_in_full() -> None:
    rules = local_rules(("AAL2021", "OK22-102"), paid_doctors=3)
    m = meeting(*present(*DOCTORS[:4], CHAIR))
    result = honorarium_for_meeting(m, committee(doctors=4, rule_set=rules), rate=RATE)
    assert (result.outcome, result.total) == ("undecided", None)
    [found] = result.findings
    assert found.sources == ("AAL2021", "OK22-102")
    assert "which pays 3 fees;" in found.text()


def test_a_shared_seat_is_flagged_not_split() -> None:
    att = [
        Attendance(DOCTORS[0], "absent", reason="ferie"),
        Attendance(SUB, "substitute", substitute_for="doc-0", items=("2.a",)),
        Attendance(SUB2, "substitute", substitute_for="doc-0", items=("2.b",)),
        *present(DOCTORS[1]),
    ]
    c = committee(doctors=2)
    result = honorarium_for_meeting(meeting(*att), c, rate=RATE)
    assert result.outcome == "undecided"
    assert result.total is None
    seat_finding = {
        "scope": "seat",
        "seat": "doc-0",
        "eligible": ("sub", "sub2"),
        "names": ("Dr Substitute", "Dr Substitute Two"),
        "paid_doctors": 1,
    }
    assert [dict(f.parameters) for f in result.findings] == [
        seat_finding,
        {
            "scope": "meeting",
            "eligible": ("sub", "sub2", "doc-1"),
            "names": ("Dr Substitute", "Dr Substitute Two", "Dr 1"),
            "paid_doctors": 2,
        },
    ]
    assert result.reason == "honorarium.undecided-too-many-and-shared"
    assert result.explain().startswith(
        "Undecided: 3 doctors eligible, but the rules pay 2, and 1 doctor seat"
    )


def test_a_substitute_for_a_member_who_attends_supplements_unpaid() -> None:
    # VEJL2011: the doctors "kan endvidere lade sig supplere af andre læger ... (sidstnævnte
    # udløser dog ikke honorar)": beside a member who attends, a substitute supplements
    att = [
        *present(DOCTORS[0], DOCTORS[1]),
        Attendance(SUB, "substitute", substitute_for="doc-1"),
    ]
    result = honorarium_for_meeting(meeting(*att), committee(), rate=RATE)
    assert result.outcome == "amounts"
    assert [p.person_id for p in result.eligible] == ["doc-0", "doc-1"]
    assert result.total == Money(Decimal("3000.00"), "2023-04")
    (unpaid,) = result.not_paid
    assert (unpaid.person_id, unpaid.reason) == ("sub", "substitute_member_present_no_fee")
    assert unpaid.text() == (
        "recorded as substitute for Dr 1, who attends: a doctor supplementing the members "
        "does not give a fee"
    )


def test_a_practice_consultant_recorded_as_substitute_is_not_paid() -> None:
    # VEJL2011: "praksiskonsulenten er ansat af kommunen"; the role decides, not the record
    att = [
        *present(DOCTORS[0]),
        Attendance(DOCTORS[1], "absent", reason="ferie"),
        Attendance(CONSULTANT, "substitute", substitute_for="doc-1"),
    ]
    result = honorarium_for_meeting(meeting(*att), committee(), rate=RATE)
    assert [p.person_id for p in result.eligible] == ["doc-0"]
    reasons = {n.person_id: n.reason for n in result.not_paid}
    assert reasons["consultant"] == "practice_consultant_no_fee"


def test_a_dialogue_meeting_gets_no_klu_meeting_fee() -> None:
    # AAL2021: the municipality pays "mødedeltagelse for seks læger fra PLO-Aalborg" in the
    # committee; a dialogue meeting is for "kommunens læger og lægepraksis"
    result = honorarium_for_meeting(
        meeting(*present(*DOCTORS[:2]), kind="dialogue"), committee(), rate=RATE
    )
    assert (result.outcome, result.reason) == (
        "not-applicable",
        "honorarium.not-applicable-dialogue",
    )
    assert result.eligible == ()
    assert result.total is None
    assert {n.reason for n in result.not_paid} == {"dialogue_meeting"}
    assert not result.decided


def test_a_planned_meeting_is_not_yet_held() -> None:
    planned = meeting(*present(*DOCTORS[:2]), status="planned")
    result = honorarium_for_meeting(planned, committee(), rate=RATE)
    assert (result.outcome, result.reason) == ("not-yet-held", "honorarium.not-yet-held-amounts")
    assert result.total == Money(Decimal("3000.00"), "2023-04")  # if held as recorded
    assert result.explain().startswith(
        "Not yet held: meeting m1 is planned, so no fee is due yet; if it is held as recorded, "
        "2 doctors would each be paid DKK 1,500.00"
    )
    without_rate = honorarium_for_meeting(planned, committee())
    assert (without_rate.outcome, without_rate.reason) == (
        "not-yet-held",
        "honorarium.not-yet-held",
    )


def test_an_hourly_rate_over_the_national_maximum_is_flagged() -> None:
    # VEJL2011: "varigheden er op til 3 timer pr. møde"; the 6 March 2023 meeting ran 15-19
    start = cph(2023, 3, 6, 15)
    long = meeting(*present(*DOCTORS[:2]), start=start, end=start + timedelta(hours=4))
    per_hour = MeetingRate(Money(Decimal("1000"), "2023-04"), per="hour")
    result = honorarium_for_meeting(long, committee(), rate=per_hour)
    assert result.fee_per_doctor == Money(Decimal("4000.00"), "2023-04")
    assert [f.code for f in result.findings] == ["meeting.longer-than-national-max"]
    assert result.findings[0].subject == "m1"


def test_fees_after_the_rules_horizon_are_flagged() -> None:
    # national rules are complete until 2026-12-31 (Aftale26)
    later = meeting(*present(*DOCTORS[:2]), start=cph(2027, 6, 3, 15))
    result = honorarium_for_meeting(later, committee(), rate=RATE)
    assert result.outcome == "amounts"
    assert "rules.beyond-horizon" in [f.code for f in result.findings]


def test_two_substitutes_for_one_absent_member_share_the_seat() -> None:
    att = [
        Attendance(DOCTORS[0], "absent", reason="ferie"),
        Attendance(SUB, "substitute", substitute_for="doc-0", items=("2.a",)),
        Attendance(SUB2, "substitute", substitute_for="doc-0", items=("2.b",)),
    ]
    result = honorarium_for_meeting(meeting(*att), committee())
    assert result.outcome == "undecided"
    assert [f.code for f in result.findings] == [
        "honorarium.more-eligible-than-paid",
        "honorarium.no-rate",
    ]


def test_no_one_else_is_paid() -> None:
    former = Membership(
        DOCTORS[5], Side.GENERAL_PRACTICE, Role.DOCTOR_MEMBER, term_end=date(2022, 12, 31)
    )
    c = committee()
    c = attrs.evolve(c, memberships=(*c.memberships, former))
    att = [
        *present(CHAIR, CONSULTANT, HOSPITAL, SECRETARY, GUEST, DOCTORS[5]),
        Attendance(EXTRA, "supplementing"),
        Attendance(SUB2, "present"),
        Attendance(DOCTORS[1], "absent"),
    ]
    result = honorarium_for_meeting(meeting(*att), c, rate=RATE)
    assert result.eligible == ()
    assert result.total == Money(Decimal("0"), "2023-04")
    reasons = {n.person_id: n.text() for n in result.not_paid}
    assert reasons["chair"].startswith("Chair (Municipality): holds no doctor seat")
    assert reasons["consultant"].startswith("practice consultant")
    assert "an assumption" in reasons["consultant"]
    assert reasons["hospital"].startswith("Hospital representative (Hospital/region)")
    assert reasons["secretary"].startswith("Secretary (Municipality)")
    assert reasons["guest"].startswith("not a member of the committee on 1 June 2023")
    assert reasons["sub2"].startswith("a doctor without a doctor seat on 1 June 2023")
    assert reasons["doc-5"].startswith("a doctor without a doctor seat")  # seat ended in 2022
    assert reasons["extra"].startswith("supplementing doctor")
    assert reasons["doc-1"] == "absent (apologies): no fee"
    assert reasons["doc-0"].startswith("doctor member not recorded")


def test_local_rules_can_change_who_is_paid() -> None:
    rules = local_rules(substitutes_paid=False, supplementing_doctors_paid=True)
    att = [
        Attendance(DOCTORS[0], "absent"),
        Attendance(SUB, "substitute", substitute_for="doc-0"),
        Attendance(EXTRA, "supplementing"),
    ]
    result = honorarium_for_meeting(meeting(*att), committee(rule_set=rules), rate=RATE)
    assert [(p.person_id, p.capacity, p.seat) for p in result.eligible] == [
        ("extra", "supplementing", None)
    ]
    assert result.total == Money(Decimal("1500.00"), "2023-04")
    assert {n.person_id: n.text() for n in result.not_paid}["sub"] == (
        "substitutes are not paid under the rules in force"
    )


def test_local_value_beyond_the_national_bound_is_reported() -> None:
    rules = local_rules(paid_doctors=1)
    result = honorarium_for_meeting(meeting(*present(*DOCTORS[:2])), committee(rule_set=rules))
    assert result.paid_seats == 2  # strictest: the national minimum applies
    assert result.findings[0].code == "rules.local-beyond-bound"
    loose = honorarium_for_meeting(
        meeting(*present(*DOCTORS[:2])), committee(rule_set=rules), layering="local"
    )
    assert loose.paid_seats == 1
    assert loose.outcome == "undecided"


def test_hourly_rate_uses_the_real_duration_and_rounds_half_up() -> None:
    c = committee()
    # 80 minutes at 1,000.00 an hour: 1,333.333... -> 1,333.33
    m = meeting(*present(DOCTORS[0]), end=cph(2023, 6, 1, 16, 20))
    rate = MeetingRate(Money(Decimal("1000.00"), "2023-04"), per="hour")
    assert honorarium_for_meeting(m, c, rate=rate).fee_per_doctor == Money(
        Decimal("1333.33"), "2023-04"
    )
    # Half an hour at 1,000.05: 500.025 -> 500.03 (half-up, not half-even).
    m = meeting(*present(DOCTORS[0]), end=cph(2023, 6, 1, 15, 30))
    rate = MeetingRate(Money(Decimal("1000.05"), "2023-04"), per="hour")
    assert honorarium_for_meeting(m, c, rate=rate).fee_per_doctor == Money(
        Decimal("500.03"), "2023-04"
    )
    # The night the clocks go back: 00:00-04:00 local is five real hours.
    cph_zone = ZoneInfo("Europe/Copenhagen")
    start = datetime(2023, 10, 29, 0, 0, tzinfo=cph_zone)
    end = datetime(2023, 10, 29, 4, 0, tzinfo=cph_zone)
    m = meeting(*present(DOCTORS[0]), start=start, end=end)
    rate = MeetingRate(Money(Decimal("100"), "2023-04"), per="hour")
    assert honorarium_for_meeting(m, c, rate=rate).fee_per_doctor == Money(
        Decimal("500.00"), "2023-04"
    )


def test_hourly_rate_without_an_end_time() -> None:
    m = meeting(*present(DOCTORS[0]), no_end=True)
    rate = MeetingRate(Money(Decimal("1000"), "2023-04"), per="hour")
    result = honorarium_for_meeting(m, committee(), rate=rate)
    assert result.outcome == "eligibility-only"
    assert result.fee_per_doctor is None
    assert [f.code for f in result.findings] == ["meeting.no-end-time"]
    assert result.explain().startswith(
        "1 doctor eligible (of 2 paid seats), paid by the municipality; no amounts, because "
        "no usable rate was given."
    )


def test_cancelled_meeting() -> None:
    m = meeting(*present(*DOCTORS[:2]), status="cancelled")
    result = honorarium_for_meeting(m, committee(), rate=RATE)
    assert result.outcome == "not-held"
    assert result.eligible == ()
    assert {n.reason for n in result.not_paid} == {"cancelled"}
    assert result.explain("da").startswith("Ingen får honorar: mødet m1 blev aflyst.")
    assert result.total is None


def test_explain_and_to_dict() -> None:
    result = honorarium_for_meeting(meeting(*present(*DOCTORS[:2])), committee(), rate=RATE)
    assert result.explain().endswith(
        "(rule set 'national' on 1 June 2023); rate: DKK 1,500.00 (2023-04 price level) per "
        "meeting. Sources: OK22-102."
    )
    assert result.explain("da").endswith(
        "(regelsættet 'national' den 1. juni 2023); sats: 1.500,00 kr. (prisniveau 2023-04) pr. "
        "møde. Kilder: OK22-102."
    )
    data = result.to_dict()
    money = {"price_level": "2023-04", "currency": "DKK"}
    assert data["total"] == {"amount": "3000.00", **money}
    assert data["rate"] == {"amount": {"amount": "1500.00", **money}, "per": "meeting"}
    assert data["eligible"][0]["amount"] == {"amount": "1500.00", **money}
    assert HonorariumResult.from_dict(data) == result
    bare = honorarium_for_meeting(meeting(*present(DOCTORS[0])), committee())
    assert (bare.to_dict()["rate"], bare.to_dict()["total"]) == (None, None)
    assert "no rate given" in bare.explain()


def test_the_callers_decimal_context_does_not_change_the_amounts() -> None:
    c = committee()
    m = meeting(*present(DOCTORS[0]), end=cph(2023, 6, 1, 15, 30))
    rate = MeetingRate(Money(Decimal("1000.05"), "2023-04"), per="hour")
    with localcontext() as ctx:
        ctx.prec, ctx.rounding = 3, ROUND_DOWN
        result = honorarium_for_meeting(m, c, rate=rate)
    assert result.fee_per_doctor == Money(Decimal("500.03"), "2023-04")


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((Money(Decimal("-1"), "2023-04"),), "must be a positive amount"),
        ((Money(Decimal("0"), "2023-04"),), "must be a positive amount"),
        ((Decimal("1500"),), "must be a klu_rules.Money"),
        ((Money(Decimal("1500"), "2023-04"), "day"), "per 'meeting' or per 'hour'"),
    ],
)
def test_bad_rates(args: tuple[object, ...], text: str) -> None:
    with pytest.raises(InvalidValueError, match=text):
        MeetingRate(*args)  # type: ignore[arg-type]


def test_bad_arguments() -> None:
    with pytest.raises(InvalidValueError, match="'rate' must be a MeetingRate"):
        honorarium_for_meeting(meeting(), committee(), rate=Decimal(1500))  # type: ignore[arg-type]
    att = [Attendance(SUB, "substitute", substitute_for="chair")]
    with pytest.raises(NotADoctorMemberError, match="who is not a doctor member in office"):
        honorarium_for_meeting(meeting(*att), committee())
    # A cancelled meeting pays no one, whoever the attendance names.
    cancelled = honorarium_for_meeting(meeting(*att, status="cancelled"), committee())
    assert cancelled.outcome == "not-held"
    with pytest.raises(InvalidValueError, match=r"meeting must be a klu_rules\.Meeting"):
        honorarium_for_meeting(None, committee())  # type: ignore[arg-type]


# --- invariants -------------------------------------------------------------------------------

KINDS = st.sampled_from(["member", "absent", "substitute", "partial", "shared", "missing"])


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Committee, Meeting]:
    seats = draw(st.integers(0, 8))
    kinds = draw(st.lists(KINDS, min_size=seats, max_size=seats))
    att: list[Attendance] = []
    for index, kind in enumerate(kinds):
        doctor = DOCTORS[index]
        sub = Person(f"sub-{index}", f"Dr Sub {index}", doctor=True)
        if kind in ("member", "shared"):
            att.append(Attendance(doctor, "present"))
        elif kind != "missing":
            att.append(Attendance(doctor, "absent"))
        if kind in ("substitute", "partial", "shared"):
            items = () if kind == "substitute" else ("2.a",)
            att.append(Attendance(sub, "substitute", substitute_for=doctor.id, items=items))
    for index in range(draw(st.integers(0, 3))):
        att.append(Attendance(Person(f"x-{index}", f"Dr X {index}", doctor=True), "supplementing"))
    if draw(st.booleans()):
        att.append(Attendance(CONSULTANT, "present"))
    rules = draw(st.sampled_from([NATIONAL, AALBORG]))
    minutes = draw(st.integers(1, 600))
    start = cph(2023, 6, 1, 9)
    return committee(seats, rules), meeting(
        *att, start=start, end=start + timedelta(minutes=minutes)
    )


RATES = st.builds(
    MeetingRate,
    st.builds(
        Money,
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=2),
        st.just("2023-04"),
    ),
    st.sampled_from(["meeting", "hour"]),
)


@given(scenarios(), st.none() | RATES)
def test_paid_never_exceeds_the_seats_unless_flagged(
    scenario: tuple[Committee, Meeting], rate: MeetingRate | None
) -> None:
    c, m = scenario
    result = honorarium_for_meeting(m, c, rate=rate)
    flagged = any(f.code == "honorarium.more-eligible-than-paid" for f in result.findings)
    if len(result.eligible) > result.paid_seats:
        assert flagged
        assert result.total is None
    if result.total is not None:
        assert len(result.eligible) <= result.paid_seats
        assert not flagged
        assert result.fee_per_doctor is not None
        assert result.total == result.fee_per_doctor * len(result.eligible)
    seats = [p.seat for p in result.eligible if p.seat is not None]
    if len(seats) != len(set(seats)):
        assert flagged
        assert result.total is None


@given(scenarios(), st.none() | RATES)
def test_supplementing_doctors_and_consultant_are_never_paid(
    scenario: tuple[Committee, Meeting], rate: MeetingRate | None
) -> None:
    c, m = scenario
    result = honorarium_for_meeting(m, c, rate=rate)
    paid = {p.person_id for p in result.eligible}
    assert "consultant" not in paid
    assert not any(pid.startswith("x-") for pid in paid)
    assert all(p.capacity != "supplementing" for p in result.eligible)
    everyone = {a.person.id for a in m.attendance}
    assert everyone <= paid | {n.person_id for n in result.not_paid}
    assert HonorariumResult.from_dict(result.to_dict()) == result


@given(scenarios(), RATES)
def test_amounts_have_exactly_two_decimals(
    scenario: tuple[Committee, Meeting], rate: MeetingRate
) -> None:
    c, m = scenario
    result = honorarium_for_meeting(m, c, rate=rate)
    amounts = [result.fee_per_doctor, result.total, *(p.amount for p in result.eligible)]
    for amount in amounts:
        if amount is not None:
            assert amount.amount.as_tuple().exponent == -2
            assert amount.price_level == "2023-04"


def test_dataclass_is_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RATE.per = "hour"  # type: ignore[misc]
