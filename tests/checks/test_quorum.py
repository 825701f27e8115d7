"""The doctor quorum (RULES.md § 6, an assumption): examples, errors and invariants."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import check_golden_finding, cph, foreign_words, plain_committee
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import (
    Agenda,
    AgendaItem,
    Attendance,
    Committee,
    InvalidValueError,
    KluRulesError,
    Meeting,
    Membership,
    Person,
    Role,
    RuleSet,
    Side,
)
from klu_rules.checks import quorum
from klu_rules.checks.meeting_check import check_record
from klu_rules.checks.quorum import QuorumResult, check_quorum, required_doctors
from klu_rules.core.errors import NoRulesInForceError, NotADoctorMemberError
from klu_rules.core.language import LANGUAGES
from klu_rules.core.messages import message
from klu_rules.io.meeting_record import load_meeting_record
from klu_rules.rules.entries import RuleEntry
from klu_rules.rules.ruleset import AALBORG, NATIONAL

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

DOCTORS = [Person(f"doc-{i}", f"Dr {i}", doctor=True) for i in range(8)]
MUNICIPAL = [Person(f"mun-{i}", f"Municipal {i}") for i in range(3)]
CONSULTANT = Person("consultant", "Practice consultant", doctor=True)
SECRETARY = Person("secretary", "Secretary")
SUB = Person("sub", "Dr Substitute", doctor=True)
SUB2 = Person("sub2", "Dr Substitute Two", doctor=True)
EXTRA = Person("extra", "Dr Supplementing", doctor=True)
GUEST = Person("guest", "Guest")
HOSPITAL = Person("hospital", "Dr Hospital", doctor=True)


def committee(doctors: int = 2, rule_set: RuleSet = NATIONAL, **kw: object) -> Committee:
    memberships = [
        Membership(p, Side.GENERAL_PRACTICE, Role.DOCTOR_MEMBER) for p in DOCTORS[:doctors]
    ]
    memberships += [
        Membership(MUNICIPAL[0], Side.MUNICIPALITY, Role.CHAIR),
        Membership(MUNICIPAL[1], Side.MUNICIPALITY, Role.MUNICIPAL_REPRESENTATIVE),
        Membership(MUNICIPAL[2], Side.MUNICIPALITY, Role.MUNICIPAL_REPRESENTATIVE),
        Membership(CONSULTANT, Side.MUNICIPALITY, Role.PRACTICE_CONSULTANT),
        Membership(HOSPITAL, Side.HOSPITAL_REGION, Role.HOSPITAL_REPRESENTATIVE),
    ]
    secretariat = (Membership(SECRETARY, Side.MUNICIPALITY, Role.SECRETARY),)
    values = {"rule_set": rule_set, "memberships": tuple(memberships), "secretariat": secretariat}
    return plain_committee(**values | kw)


AGENDA = Agenda(
    items=(
        AgendaItem("1", "Godkendelse af dagsordenen", "approval"),
        AgendaItem("2.a", "Punkt a", "decision"),
        AgendaItem("2.b", "Punkt b", "decision"),
        AgendaItem("4", "Eventuelt", "other_business"),
    )
)


def meeting(*attendance: Attendance, agenda: Agenda | None = AGENDA) -> Meeting:
    return Meeting(
        "m1", cph(2023, 6, 1, 15), cph(2023, 6, 1, 17), attendance=attendance, agenda=agenda
    )


def present(*people: Person) -> list[Attendance]:
    return [Attendance(p, "present") for p in people]


# --- one language per text -------------------------------------------------------------

OWN_CODES = ("quorum.not-quorate", "agenda.doctor-member-absent-without-reason")


def quorum_texts(result: QuorumResult, language: Any) -> list[str]:
    """Everything a quorum result writes out: its explanation, items, who is not counted."""
    return [
        result.explain(language),
        *(result.explain_item(item, language) for item in result.items),
        *(n.text(language) for n in result.not_counted),
        *(message(f"capacity.{h.capacity}", language) for h in result.holders),
        *(f.text(language) for f in result.findings if f.code in OWN_CODES),
    ]


def check_one_language(texts: list[str], language: str, *data: object) -> None:
    allow = frozenset(re.findall(r"[a-zæøå]+", " ".join(map(str, data)).lower()))
    for text in texts:
        assert text.strip()
        assert "{" not in text
        assert foreign_words(text, language, allow=allow) == set(), text


@pytest.fixture(autouse=True)
def every_quorum_reads_in_one_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every quorum a test checks is written out in both languages, after the test."""
    made: list[QuorumResult] = []

    def recording(*args: Any, **kwargs: Any) -> QuorumResult:
        made.append(quorum.check_quorum(*args, **kwargs))
        return made[-1]

    monkeypatch.setitem(globals(), "check_quorum", recording)
    yield
    for result in made[:20]:
        data = [*result.parameters.values(), result.meeting_id]
        data += [(n.name, *n.parameters.values()) for n in result.not_counted]
        for language in LANGUAGES:
            check_one_language(quorum_texts(result, language), language, *data)


def test_the_assumption_note_shows_in_both_languages() -> None:
    record = load_meeting_record(EXAMPLES / "aalborg_2021_12_meeting.toml")
    result = check_quorum(record.meeting, record.committee)
    [not_quorate] = [f for f in result.findings if f.code == "quorum.not-quorate"]
    assert "en antagelse, som kilderne ikke fastsætter" in not_quorate.text("da")
    assert "an assumption, not stated by the sources" in not_quorate.text("en")
    assert "en antagelse, som kilderne ikke fastsætter" in result.explain("da")
    assert "an assumption, not stated by the sources" in result.explain("en")
    assert message("quorum.heading", "da").startswith("Beslutningsdygtighed (en antagelse")
    assert not_quorate.text("da").startswith(
        "Mødet klu-aalborg-2021-12 var ikke beslutningsdygtigt: 2 af 6 lægelige pladser besat"
    )


def test_the_meeting_check_summary_in_both_languages() -> None:
    check = check_record(load_meeting_record(EXAMPLES / "aalborg_2021_12_meeting.toml"))
    assert check.reason == "meeting_check.summary"
    values = check.text_parameters()
    assert message("reason.meeting_check.summary", "da", **values) == (
        "Mødet klu-aalborg-2021-12 den 1. december 2021: ikke beslutningsdygtigt, honorar "
        f"afgjort, uden beløb, dagsorden med advarsler; {len(check.findings)} fund, alvorligst: "
        "advarsel."
    )
    assert message("reason.meeting_check.summary", "en", **values).startswith(
        "Meeting klu-aalborg-2021-12 on 1 December 2021: not quorate, fee decided, without "
        "amounts, agenda with warnings;"
    )


# --- the seed examples ------------------------------------------------------------------------


def test_december_2021_record_counts_the_two_doctors_the_minutes_name() -> None:
    record = load_meeting_record(EXAMPLES / "aalborg_2021_12_meeting.toml")
    result = check_quorum(record.meeting, record.committee)
    assert result.on == date(2021, 12, 1)
    assert (result.doctor_seats, result.required_doctors, result.doctors_filled) == (6, 3, 2)
    assert result.municipal_present == 2
    assert result.outcome == "not-quorate"
    assert not result.quorate
    assert result.reason == "quorum.too-few-doctors"
    assert result.explain("en").startswith("Not quorate: only 2 of 6 doctor seats")
    assert result.explain("da").startswith("Ikke beslutningsdygtigt: kun 2 af 6 lægelige pladser")
    assert [f.code for f in result.findings] == ["quorum.not-quorate"]
    assert result.findings[0].severity == "warning"
    assert result.sources == ("VEJL2011",)  # doctor seats before OK22
    assert result.parameters["doctor_share_origin"].startswith("assumption")
    assert result.is_assumption
    check_golden_finding(result.findings[0])


def test_june_2023_record_is_quorate_per_item() -> None:
    record = load_meeting_record(EXAMPLES / "meeting_2023_06_01.toml")
    result = check_quorum(record.meeting, record.committee)
    assert result.quorate
    assert result.reason == "quorum.quorate-every-item"
    assert result.explain().startswith("Quorate for every agenda item: 3 of 6")
    by_item = {i.item: i.doctors_filled for i in result.items}
    assert by_item == {
        "1": 3,
        "2": 3,
        "2.a": 4,
        "2.b": 4,
        "3": 3,
        "3.a": 3,
        "3.b": 3,
        "4": 3,
    }
    not_counted = {n.person_id: n.reason for n in result.not_counted}
    assert not_counted["eksempel-supplerende"] == "supplementing"
    assert not_counted["pernille-smalbro-hylleberg"] == "practice_consultant"
    assert not_counted["lars-lund"] == "no_doctor_seat"
    assert not_counted["christian-lonsdale"] == "not_recorded"
    texts = {n.person_id: n.text("da") for n in result.not_counted}
    assert texts["lars-lund"].startswith("Sekretariatet (Kommunen): har ingen lægelig plads")
    assert texts["pernille-smalbro-hylleberg"].startswith("praksiskonsulent: ansat i kommunen")
    assert result.sources == ("OK22-102",)
    [absent] = result.findings  # Louise Tolnov sent apologies without a reason
    assert (absent.code, absent.subject) == (
        "agenda.doctor-member-absent-without-reason",
        "louise-tolnov",
    )
    check_golden_finding(absent)


# --- the rule, case by case -------------------------------------------------------------------


def test_half_of_two_seats_rounded_up_is_one() -> None:
    result = check_quorum(meeting(*present(DOCTORS[0], MUNICIPAL[0])), committee())
    assert result.quorate
    assert result.required_doctors == 1
    assert result.reason == "quorum.quorate"
    assert result.explain().startswith("Quorate: 1 of 2 doctor seats")
    assert result.findings == ()
    assert result.items == ()


def test_no_doctor_and_no_municipal_member() -> None:
    result = check_quorum(meeting(*present(CONSULTANT, EXTRA)), committee())
    assert not result.quorate
    assert result.reason == "quorum.too-few-doctors-and-municipal"
    assert "only 0 of 2 doctor seats" in result.explain()
    assert "only 0 members of the municipal side" in result.explain()


def test_municipal_side_missing_alone() -> None:
    result = check_quorum(meeting(*present(*DOCTORS[:2], SECRETARY, CONSULTANT)), committee())
    assert not result.quorate
    assert result.reason == "quorum.too-few-municipal"
    assert result.explain().startswith("Not quorate: only 0 members of the municipal side present")
    assert result.explain("da").startswith(
        "Ikke beslutningsdygtigt: kun 0 medlemmer for den kommunale side til stede"
    )
    assert result.municipal_members == ()


def test_whole_meeting_substitute_fills_the_seat() -> None:
    att = [
        Attendance(DOCTORS[0], "absent", reason="syg"),
        Attendance(SUB, "substitute", substitute_for="doc-0"),
        *present(MUNICIPAL[1]),
    ]
    result = check_quorum(meeting(*att), committee())
    assert result.quorate
    assert [(h.seat, h.person_id, h.capacity) for h in result.holders] == [
        ("doc-0", "sub", "substitute")
    ]
    assert result.items == ()
    absent = {n.person_id: n for n in result.not_counted}["doc-0"]
    assert (absent.reason, absent.text("en"), absent.text("da")) == (
        "absent_because",
        "absent (apologies: syg)",
        "afbud (syg)",
    )


def test_partial_substitute_gives_per_item_results() -> None:
    c = committee(doctors=4)  # 2 needed
    att = [
        *present(DOCTORS[0], MUNICIPAL[0]),
        Attendance(SUB, "substitute", substitute_for="doc-1", items=("2.a",)),
    ]
    result = check_quorum(meeting(*att), c)
    assert [(i.item, i.outcome) for i in result.items] == [
        ("1", "not-quorate"),
        ("2.a", "quorate"),
        ("2.b", "not-quorate"),
        ("4", "not-quorate"),
    ]
    assert [h.person_id for h in result.items[1].holders] == ["doc-0", "sub"]
    assert not result.quorate
    assert result.doctors_filled == 1
    assert result.reason == "quorum.items-too-few-doctors"
    assert result.explain().startswith("Not quorate for agenda item(s) 1, 2.b and 4: only 1 of 4")
    assert result.explain("da").startswith(
        "Ikke beslutningsdygtigt ved dagsordenspunkt 1, 2.b og 4: kun 1 af 4"
    )
    # an item is explained by its number as well as by its record
    assert result.explain_item("2.a", "da") == result.explain_item(result.items[1], "da")
    with pytest.raises(InvalidValueError, match=r"give one of 1, 2\.a, 2\.b, 4"):
        result.explain_item("3")
    assert result.parameters["per_item"] is True


def test_two_partial_substitutes_cover_every_item() -> None:
    c = committee(doctors=2)  # 1 needed
    att = [
        *present(MUNICIPAL[0]),
        Attendance(SUB, "substitute", substitute_for="doc-0", items=("1", "2.a")),
        Attendance(SUB2, "substitute", substitute_for="doc-1", items=("2.b", "4")),
    ]
    result = check_quorum(meeting(*att), c)
    assert result.quorate
    assert all(i.doctors_filled == 1 for i in result.items)
    assert result.reason == "quorum.quorate-every-item"


def test_a_substitute_for_item_two_sits_for_its_sub_items() -> None:
    # AAL2021: "2. Punkter til behandling" is one fixed item; 2.a-2.e are item 2
    heading = Agenda(
        items=(
            AgendaItem("1", "Godkendelse af dagsordenen", "approval"),
            AgendaItem("2", "Punkter til behandling", "decision"),
            *AGENDA.items[1:],
        )
    )
    c = committee(doctors=4)  # 2 needed
    att = [
        *present(DOCTORS[0], DOCTORS[1], MUNICIPAL[0]),
        Attendance(SUB, "substitute", substitute_for="doc-2", items=("2",)),
    ]
    result = check_quorum(meeting(*att, agenda=heading), c)
    assert [(i.item, i.doctors_filled) for i in result.items] == [
        ("1", 2),
        ("2", 3),
        ("2.a", 3),
        ("2.b", 3),
        ("4", 2),
    ]


def test_december_2021_agenda_takes_a_substitute_for_item_two() -> None:
    # AAL-MIN-2021-12 numbers the items 1, 2.a-2.e, 3.a-3.b, 4 with no "2" heading
    record = load_meeting_record(EXAMPLES / "aalborg_2021_12_meeting.toml")
    stand_in = Person("stand-in", "Dr Stand-in", doctor=True)
    seat = record.committee.doctor_members(date(2021, 12, 1))[2].person.id
    attendance = (
        *record.meeting.attendance,
        Attendance(stand_in, "substitute", substitute_for=seat, items=["2"]),
    )
    december = attrs.evolve(record.meeting, attendance=attendance)
    result = check_quorum(december, record.committee)
    filled = {i.item: i.doctors_filled for i in result.items}
    assert [filled[n] for n in ("1", "2.a", "2.e", "3.a", "4")] == [2, 3, 3, 2, 2]


def test_a_substitute_for_a_member_who_attends_is_not_counted() -> None:
    # VEJL2011: the members "kan endvidere lade sig supplere af andre læger"
    att = [
        *present(DOCTORS[0], DOCTORS[1], MUNICIPAL[0]),
        Attendance(SUB, "substitute", substitute_for="doc-1"),
    ]
    result = check_quorum(meeting(*att), committee())
    assert [h.person_id for h in result.holders] == ["doc-0", "doc-1"]
    reasons = {n.person_id: n.text() for n in result.not_counted}
    assert reasons["sub"] == (
        "recorded as substitute for Dr 1, who attends: supplements the doctor members "
        "without taking a seat"
    )


def test_a_practice_consultant_recorded_as_substitute_is_not_counted() -> None:
    # RULES.md 6; VEJL2011: "praksiskonsulenten er ansat af kommunen"
    att = [
        *present(MUNICIPAL[0]),
        Attendance(CONSULTANT, "substitute", substitute_for="doc-0"),
    ]
    result = check_quorum(meeting(*att), committee())
    assert result.doctors_filled == 0
    assert {n.person_id: n.reason for n in result.not_counted}["consultant"] == (
        "practice_consultant"
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"status": "cancelled"}, "quorum.not-applicable-cancelled"),
        ({"kind": "dialogue", "status": "held"}, "quorum.not-applicable-dialogue"),
    ],
)
def test_no_quorum_for_a_cancelled_or_dialogue_meeting(change: dict[str, str], reason: str) -> None:
    not_judged = attrs.evolve(meeting(*present(MUNICIPAL[0])), **change)
    result = check_quorum(not_judged, committee())
    assert (result.outcome, result.reason, result.items) == ("not-applicable", reason, ())
    assert result.findings == ()
    assert result.explain().startswith("Not applicable: meeting m1 ")


def test_a_meeting_after_the_rules_horizon_is_flagged() -> None:
    later = Meeting("m27", cph(2027, 6, 3, 15), attendance=present(DOCTORS[0], MUNICIPAL[0]))
    result = check_quorum(later, committee())
    assert result.quorate
    assert [f.code for f in result.findings] == ["rules.beyond-horizon"]
    assert result.findings[0].subject == "m27"


def test_the_municipal_members_are_named_as_written() -> None:
    result = check_quorum(meeting(*present(MUNICIPAL[0], MUNICIPAL[1])), committee())
    assert result.municipal_members == ("mun-0", "mun-1")
    assert result.municipal_names == ("Municipal 0", "Municipal 1")


def test_partial_substitute_without_agenda_counts_the_other_items_too() -> None:
    att = [
        *present(MUNICIPAL[0]),
        Attendance(SUB, "substitute", substitute_for="doc-0", items=("2.b", "10", "2.a")),
    ]
    result = check_quorum(meeting(*att, agenda=None), committee())
    assert [i.item for i in result.items] == ["2.a", "2.b", "10"]
    assert all(i.quorate for i in result.items)
    # Items not named have no doctor at all.
    assert not result.quorate
    assert result.doctors_filled == 0
    assert result.explain().startswith("Not quorate: only 0 of 2")


def test_member_present_and_substitute_count_the_seat_once() -> None:
    att = [
        *present(DOCTORS[0], MUNICIPAL[0]),
        Attendance(SUB, "substitute", substitute_for="doc-0"),
    ]
    result = check_quorum(meeting(*att), committee())
    assert result.doctors_filled == 1


def test_doctor_member_recorded_as_substitute_fills_one_seat_only() -> None:
    att = [
        Attendance(DOCTORS[1], "absent", reason="ferie"),
        *present(MUNICIPAL[0]),
        Attendance(DOCTORS[0], "substitute", substitute_for="doc-1"),
    ]
    result = check_quorum(meeting(*att), committee())
    assert result.quorate
    assert result.doctors_filled == 1
    assert [(h.seat, h.capacity) for h in result.holders] == [("doc-0", "doctor_member")]
    reasons = {n.person_id: n.text() for n in result.not_counted}
    assert reasons["doc-0"].startswith("counted in their own doctor seat only")
    assert reasons["doc-1"] == "absent (apologies: ferie)"


def test_supplementing_doctors_and_consultant_never_count() -> None:
    former = Membership(
        DOCTORS[5], Side.GENERAL_PRACTICE, Role.DOCTOR_MEMBER, term_end=date(2022, 12, 31)
    )
    c = committee()
    c = attrs.evolve(c, memberships=(*c.memberships, former))
    att = [
        *present(MUNICIPAL[0], CONSULTANT, HOSPITAL, GUEST, DOCTORS[5]),
        Attendance(EXTRA, "supplementing"),
        Attendance(SUB2, "present"),  # a doctor without a seat, recorded as present
    ]
    result = check_quorum(meeting(*att), c)
    assert result.doctors_filled == 0
    reasons = {n.person_id: n.text() for n in result.not_counted}
    assert reasons["extra"].startswith("supplementing doctor")
    assert reasons["consultant"].startswith("practice consultant")
    assert reasons["hospital"].startswith("Hospital representative (Hospital/region)")
    assert reasons["guest"] == "not a member of the committee on 1 June 2023"
    assert reasons["sub2"].startswith("a doctor without a doctor seat on 1 June 2023")
    assert reasons["doc-5"].startswith("a doctor without a doctor seat")  # seat ended in 2022
    assert reasons["doc-0"].startswith("doctor member not recorded")


def test_absent_municipal_member_is_listed() -> None:
    att = [*present(DOCTORS[0]), Attendance(MUNICIPAL[0], "absent")]
    result = check_quorum(meeting(*att), committee())
    assert {n.person_id: n.text("da") for n in result.not_counted}["mun-0"] == "afbud"
    # Absences without reason are reported for doctor members only.
    assert [f.code for f in result.findings] == ["quorum.not-quorate"]


def test_no_doctor_members_in_office() -> None:
    c = committee(doctors=0)
    result = check_quorum(meeting(*present(MUNICIPAL[0])), c)
    assert not result.quorate
    assert result.reason == "quorum.no-doctor-seats"
    assert "no doctor members in office on 1 June 2023" in result.explain()


def test_doctor_seats_are_the_memberships_in_force_that_day() -> None:
    ended = Membership(
        DOCTORS[1], Side.GENERAL_PRACTICE, Role.DOCTOR_MEMBER, term_end=date(2023, 5, 31)
    )
    c = committee(doctors=1)
    c = attrs.evolve(c, memberships=(*c.memberships, ended))
    result = check_quorum(meeting(*present(DOCTORS[0], MUNICIPAL[0])), c)
    assert result.doctor_seats == 1
    with pytest.raises(NotADoctorMemberError, match="'doc-1' at meeting 'm1' \\(2023-06-01\\)"):
        check_quorum(meeting(Attendance(SUB, "substitute", substitute_for="doc-1")), c)


# --- parameters -------------------------------------------------------------------------------


def test_parameters_can_be_overridden_per_call() -> None:
    c = committee(doctors=6, rule_set=AALBORG)
    m = meeting(*present(*DOCTORS[:5], MUNICIPAL[0]))
    assert check_quorum(m, c).quorate
    strict = check_quorum(m, c, doctor_share="1")
    assert not strict.quorate
    assert strict.required_doctors == 6
    assert strict.parameters["doctor_share_origin"] == "call"
    assert not check_quorum(m, c, municipal_present=2).quorate
    assert check_quorum(meeting(*present(*DOCTORS[:3])), c, municipal_present=0).quorate
    assert check_quorum(m, c, doctor_share=Decimal("0.75")).required_doctors == 5
    assert check_quorum(m, c, doctor_share=1).required_doctors == 6


@pytest.mark.parametrize(
    ("share", "text"),
    [
        ("0", "greater than 0 and at most 1"),
        ("1.5", "greater than 0 and at most 1"),
        ("NaN", "greater than 0 and at most 1"),
        ("half", "a decimal such as '0.5'"),
        (0.5, "such as Decimal('0.5')"),
        (True, "such as Decimal('0.5')"),
    ],
)
def test_bad_doctor_share(share: object, text: str) -> None:
    with pytest.raises(InvalidValueError, match=text.replace("(", r"\(").replace(")", r"\)")):
        check_quorum(meeting(), committee(), doctor_share=share)  # type: ignore[arg-type]


@pytest.mark.parametrize("count", [-1, True, 1.0, "1"])
def test_bad_municipal_present(count: object) -> None:
    with pytest.raises(InvalidValueError, match="municipal_present must be a whole number >= 0"):
        check_quorum(meeting(), committee(), municipal_present=count)  # type: ignore[arg-type]


def test_rule_set_without_quorum_parameters() -> None:
    bare = RuleSet(
        name="bare",
        title="Bare national rules",
        level="national",
        entries=(RuleEntry("doctor_seats", 2, date(2011, 4, 1), ("VEJL2011",)),),
    )
    c = committee(rule_set=bare)
    with pytest.raises(NoRulesInForceError, match="pass doctor_share= to check_quorum"):
        check_quorum(meeting(), c)
    with pytest.raises(NoRulesInForceError, match="pass municipal_present= to check_quorum"):
        check_quorum(meeting(), c, doctor_share="0.5")
    result = check_quorum(
        meeting(*present(DOCTORS[0], MUNICIPAL[0])), c, doctor_share="0.5", municipal_present=1
    )
    assert result.quorate


def test_rule_set_without_doctor_seats_rule_cites_nothing() -> None:
    bare = RuleSet(
        name="bare",
        title="Bare national rules",
        level="national",
        entries=(RuleEntry("meetings_per_year", 2, date(2011, 4, 1), ("VEJL2011",)),),
    )
    result = check_quorum(
        meeting(*present(MUNICIPAL[0])),
        committee(rule_set=bare),
        doctor_share="0.5",
        municipal_present=1,
    )
    assert result.sources == ()
    assert result.findings[0].sources == ("VEJL2011", "OK22-102")  # the catalogue's


# --- errors -----------------------------------------------------------------------------------


def test_substitute_for_someone_without_a_doctor_seat() -> None:
    att = [Attendance(SUB, "substitute", substitute_for="mun-0")]
    with pytest.raises(NotADoctorMemberError, match="who is not a doctor member in office"):
        check_quorum(meeting(*att), committee())


def test_rules_for_another_day_are_refused() -> None:
    with pytest.raises(InvalidValueError, match="in force on 2023-01-01, but the date"):
        check_quorum(meeting(), committee(), rules=NATIONAL.in_force(date(2023, 1, 1)))
    result = check_quorum(meeting(), committee(), rules=NATIONAL.in_force(date(2023, 6, 1)))
    assert result.on == date(2023, 6, 1)


def test_bad_arguments() -> None:
    with pytest.raises(InvalidValueError, match=r"meeting must be a klu_rules\.Meeting"):
        check_quorum("m1", committee())  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match=r"committee must be a klu_rules\.Committee"):
        check_quorum(meeting(), "klu")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="rules must be a RuleSet or a RulesInForce"):
        check_quorum(meeting(), committee(), rules="aalborg")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="layering is one of"):
        check_quorum(meeting(), committee(), layering="loose")  # type: ignore[arg-type]


def test_errors_are_klu_rules_errors() -> None:
    assert issubclass(NotADoctorMemberError, KluRulesError)


# --- explaining itself ------------------------------------------------------------------------


def test_explain_and_the_json_round_trip() -> None:
    att = [
        *present(MUNICIPAL[0]),
        Attendance(SUB, "substitute", substitute_for="doc-0", items=("2.a",)),
    ]
    result = check_quorum(meeting(*att), committee())
    text = result.explain()
    assert "(an assumption, not stated by the sources)" in text
    assert "the doctors' share of the doctor seats 0.5 (an assumption in the national rules" in text
    danish = result.explain("da")
    assert "(en antagelse, som kilderne ikke fastsætter)" in danish
    assert "lægernes andel af de lægelige pladser 0,5 (en antagelse i de nationale regler" in danish
    assert QuorumResult.from_json(result.to_json()) == result
    data = result.to_dict()
    assert data["outcome"] == "not-quorate"
    assert data["items"][1]["outcome"] == "quorate"
    assert data["not_counted"][0]["person_id"] == "doc-0"
    assert data["parameters"] == {
        "doctor_share": "0.5",
        "doctor_share_origin": "assumption/national",
        "municipal_present": 1,
        "municipal_present_origin": "assumption/national",
        "doctor_seats": 2,
        "required_doctors": 1,
        "rounding": "ceil(doctor_seats × doctor_share)",
        "per_item": True,
        "rule_set": "national",
        "on": "2023-06-01",
        "layering": "strictest",
    }
    assert dict(result.findings[0].parameters) == {
        **result.parameters,
        "doctors_filled": result.doctors_filled,
        "municipal_members_present": 1,
    }


def test_doctor_seats_cite_every_source_of_the_rule() -> None:
    local = RuleSet(
        "local-test",
        "Local",
        "local",
        (RuleEntry("doctor_seats", 2, date(2021, 5, 1), ("AAL2021", "OK22-102")),),
        parent=NATIONAL,
    )
    result = check_quorum(meeting(*present(*DOCTORS[:2], MUNICIPAL[0])), committee(rule_set=local))
    assert result.sources == ("AAL2021", "OK22-102")
    assert result.explain().endswith("in force on 1 June 2023 (AAL2021/OK22-102).")


def test_the_callers_decimal_context_does_not_change_the_count() -> None:
    with localcontext() as ctx:
        ctx.prec, ctx.rounding = 1, ROUND_FLOOR
        assert required_doctors(13, Decimal("0.5")) == 7
        assert (
            check_quorum(meeting(), committee(doctors=7), doctor_share="0.5").required_doctors == 4
        )


# --- invariants -------------------------------------------------------------------------------

STATUSES = st.sampled_from(["present", "absent", "missing", "substitute", "partial"])


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Committee, list[str], int, Decimal]:
    seats = draw(st.integers(0, 7))
    states = draw(st.lists(STATUSES, min_size=seats, max_size=seats))
    municipal = draw(st.integers(0, 3))
    share = draw(st.sampled_from([Decimal("0.25"), Decimal("0.5"), Decimal("0.67"), Decimal(1)]))
    return committee(doctors=seats), states, municipal, share


def build(states: list[str], municipal: int, extra_supplementing: int = 0) -> Meeting:
    att: list[Attendance] = []
    for index, state in enumerate(states):
        doctor = DOCTORS[index]
        if state == "present":
            att.append(Attendance(doctor, "present"))
        elif state == "absent":
            att.append(Attendance(doctor, "absent"))
        elif state in ("substitute", "partial"):
            att.append(Attendance(doctor, "absent"))
            sub = Person(f"sub-{index}", f"Dr Sub {index}", doctor=True)
            items = ("2.a",) if state == "partial" else ()
            att.append(Attendance(sub, "substitute", substitute_for=doctor.id, items=items))
    att += present(*MUNICIPAL[:municipal])
    for index in range(extra_supplementing):
        att.append(Attendance(Person(f"x-{index}", f"Dr X {index}", doctor=True), "supplementing"))
    att.append(Attendance(CONSULTANT, "present"))
    return meeting(*att)


@given(scenarios(), st.data())
def test_one_more_doctor_present_never_breaks_a_quorum(
    scenario: tuple[Committee, list[str], int, Decimal], data: st.DataObject
) -> None:
    c, states, municipal, share = scenario
    before = check_quorum(build(states, municipal), c, doctor_share=share)
    not_present = [i for i, s in enumerate(states) if s != "present"]
    if not not_present:
        return
    index = data.draw(st.sampled_from(not_present))
    states_after = [*states]
    states_after[index] = data.draw(st.sampled_from(["present", "substitute"]))
    after = check_quorum(build(states_after, municipal), c, doctor_share=share)
    assert after.doctors_filled >= before.doctors_filled
    if before.quorate:
        assert after.quorate
    assert all(
        a.doctors_filled >= b.doctors_filled
        for a, b in zip(after.items, before.items, strict=False)
    )


@given(scenarios(), st.integers(0, 4))
def test_supplementing_doctors_and_the_consultant_change_nothing(
    scenario: tuple[Committee, list[str], int, Decimal], extra: int
) -> None:
    c, states, municipal, share = scenario
    plain = check_quorum(build(states, municipal), c, doctor_share=share)
    more = check_quorum(build(states, municipal, extra), c, doctor_share=share)
    assert (more.quorate, more.doctors_filled) == (plain.quorate, plain.doctors_filled)


@given(scenarios())
def test_counts_and_outcome_agree(scenario: tuple[Committee, list[str], int, Decimal]) -> None:
    c, states, municipal, share = scenario
    result = check_quorum(build(states, municipal), c, doctor_share=share)
    seats = len(states)
    assert 0 <= result.doctors_filled <= seats
    assert result.required_doctors == int(
        (Decimal(seats) * share).to_integral_value(rounding=ROUND_CEILING)
    )
    assert result.quorate == (
        seats > 0 and result.doctors_filled >= result.required_doctors and municipal >= 1
    )
    assert (result.outcome == "not-quorate") == any(
        f.code == "quorum.not-quorate" for f in result.findings
    )
    if result.items:
        assert result.quorate == all(i.quorate for i in result.items)
    assert type(result).from_dict(result.to_dict()) == result


@given(st.integers(0, 50), st.sampled_from(["0.01", "0.5", "0.51", "1"]))
def test_required_doctors_is_the_share_rounded_up(seats: int, share: str) -> None:
    required = required_doctors(seats, Decimal(share))
    assert required >= Decimal(seats) * Decimal(share)
    assert required - 1 < Decimal(seats) * Decimal(share)
