"""Domain types: construction, validation and the errors users see."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from helpers import CPH, cph

from klu_rules import Agenda, AgendaItem, Agreement, Attendance, Committee, InvalidValueError, KluRulesError, Meeting, MeetingKind, MeetingStatus, Membership, Person, Role, Side
from klu_rules.core.errors import DuplicateMemberError, InvalidIntervalError, NaiveDatetimeError, NotADoctorMemberError
from klu_rules.rules.ruleset import AALBORG, NATIONAL

DOC = Person("doc-a", "Dr A", doctor=True)
DOC_B = Person("doc-b", "Dr B", doctor=True)
SUB = Person("sub", "Dr Substitute", doctor=True)
CLERK = Person("clerk", "Clerk")


def committee(**kw: object) -> Committee:
    values: dict[str, object] = dict(
        id="klu-test", name="KLU Test", municipality="Test", region="Nordjylland",
        rule_set=NATIONAL,
        memberships=(
            Membership(DOC, Side.GENERAL_PRACTICE, Role.DOCTOR_MEMBER),
            Membership(DOC_B, Side.GENERAL_PRACTICE, Role.DOCTOR_MEMBER),
            Membership(CLERK, Side.MUNICIPALITY, Role.CHAIR),
        ),
    )
    values.update(kw)
    return Committee(**values)  # type: ignore[arg-type]


class TestPerson:
    def test_id_is_separate_from_name(self) -> None:
        a = Person("karen-heeboell", "Karen Heebøll")
        b = Person("karen-heeboell", "Karen Heebøl")
        assert a.id == b.id and a != b

    @pytest.mark.parametrize("bad", ["", " x", "a b", "é"])
    def test_bad_ids(self, bad: str) -> None:
        with pytest.raises(InvalidValueError, match="stable id"):
            Person(bad, "Name")

    @pytest.mark.parametrize("bad", ["no-at", "a@b", "@x.dk", "a b@x.dk", "a@@x.dk"])
    def test_bad_email(self, bad: str) -> None:
        with pytest.raises(InvalidValueError, match="name@example.dk"):
            Person("p", "P", email=bad)

    def test_empty_name(self) -> None:
        with pytest.raises(InvalidValueError, match="non-empty"):
            Person("p", "  ")


class TestMembership:
    def test_term_end_before_start(self) -> None:
        with pytest.raises(InvalidIntervalError, match="ends .* before it starts"):
            Membership(DOC, "general_practice", "doctor_member",
                       term_start=date(2023, 1, 2), term_end=date(2023, 1, 1))

    def test_strings_convert_and_bad_role_lists_choices(self) -> None:
        m = Membership(DOC, "general_practice", "doctor_member")
        assert m.role is Role.DOCTOR_MEMBER and m.is_doctor_seat
        with pytest.raises(InvalidValueError, match="choose one of"):
            Membership(DOC, "general_practice", "boss")

    def test_in_force_inclusive(self) -> None:
        m = Membership(DOC, "general_practice", "doctor_member",
                       term_start=date(2023, 1, 1), term_end=date(2023, 12, 31))
        assert m.in_force(date(2023, 1, 1)) and m.in_force(date(2023, 12, 31))
        assert not m.in_force(date(2022, 12, 31)) and not m.in_force(date(2024, 1, 1))


class TestMeeting:
    def test_naive_datetime_is_refused(self) -> None:
        with pytest.raises(NaiveDatetimeError, match="timezone-aware"):
            Meeting("m1", datetime(2023, 3, 6, 15))

    def test_end_before_start(self) -> None:
        with pytest.raises(InvalidIntervalError):
            Meeting("m1", cph(2023, 3, 6, 15), cph(2023, 3, 6, 14))

    def test_equal_start_and_end_refused(self) -> None:
        with pytest.raises(InvalidIntervalError):
            Meeting("m1", cph(2023, 3, 6, 15), cph(2023, 3, 6, 15))

    def test_local_date_in_committee_zone(self) -> None:
        # 23:30 UTC on 5 March is 00:30 on 6 March in Copenhagen.
        m = Meeting("m1", datetime(2023, 3, 5, 23, 30, tzinfo=UTC))
        assert m.local_date(CPH) == date(2023, 3, 6)
        assert m.local_date("UTC") == date(2023, 3, 5)

    def test_duration_over_dst_is_real_time(self) -> None:
        m = Meeting("m1", cph(2023, 3, 25, 23), cph(2023, 3, 26, 4))
        assert m.duration == timedelta(hours=4)

    def test_revision_must_be_non_negative(self) -> None:
        with pytest.raises(InvalidValueError, match="revision"):
            Meeting("m1", cph(2023, 3, 6, 15), revision=-1)

    def test_counts_toward_minimum(self) -> None:
        base = cph(2023, 3, 6, 15)
        assert Meeting("a", base, status="held").counts_toward_minimum
        assert not Meeting("b", base, status="cancelled").counts_toward_minimum
        assert not Meeting("c", base, status="held", kind="dialogue").counts_toward_minimum
        assert Meeting("d", base).kind is MeetingKind.ORDINARY
        assert Meeting("d", base).status is MeetingStatus.PLANNED

    def test_same_person_twice_in_attendance(self) -> None:
        with pytest.raises(DuplicateMemberError, match="twice"):
            Meeting("m1", cph(2023, 3, 6, 15),
                    attendance=(Attendance(DOC, "present"), Attendance(DOC, "absent")))

    def test_substitute_items_must_be_on_agenda(self) -> None:
        agenda = Agenda((AgendaItem("1", "Godkendelse", "approval"),))
        with pytest.raises(InvalidValueError, match="not on the agenda"):
            Meeting("m1", cph(2023, 3, 6, 15), agenda=agenda,
                    attendance=(Attendance(SUB, "substitute", substitute_for="doc-a",
                                           items=("2.a",)),))


class TestAttendance:
    def test_substitute_needs_member(self) -> None:
        with pytest.raises(InvalidValueError, match="name the doctor member"):
            Attendance(SUB, "substitute")

    def test_reason_only_for_absent(self) -> None:
        assert Attendance(DOC, "absent", reason="ferie").reason == "ferie"
        with pytest.raises(InvalidValueError, match="only to status 'absent'"):
            Attendance(DOC, "present", reason="x")

    def test_substitute_must_be_a_doctor(self) -> None:
        with pytest.raises(InvalidValueError, match="not marked as a doctor"):
            Attendance(CLERK, "supplementing")

    def test_substitute_fields_only_for_substitutes(self) -> None:
        with pytest.raises(InvalidValueError, match="only to status 'substitute'"):
            Attendance(DOC, "present", substitute_for="doc-b")

    def test_covers_item(self) -> None:
        whole = Attendance(SUB, "substitute", substitute_for="doc-a")
        part = Attendance(SUB, "substitute", substitute_for="doc-a", items=("2.a",))
        assert whole.covers_item("3.b") and part.covers_item("2.a")
        assert not part.covers_item("2.b")
        assert not Attendance(DOC, "present").covers_item("1")


class TestAgenda:
    def test_numbers(self) -> None:
        item = AgendaItem("2.c", "Drøftelse", "decision", 20)
        assert item.sort_key == (2, "c") and item.main_number == 2
        with pytest.raises(InvalidValueError, match="like '2' or '2.c'"):
            AgendaItem("2c", "x", "decision")

    def test_duplicate_numbers_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="appears twice"):
            Agenda((AgendaItem("1", "a", "approval"), AgendaItem("1", "b", "approval")))

    def test_total_and_lookup(self) -> None:
        agenda = Agenda((AgendaItem("1", "a", "approval", 5), AgendaItem("4", "b", "other_business")))
        assert agenda.total_minutes == 5
        assert agenda.item("4").title == "b"
        with pytest.raises(InvalidValueError, match="has no item '9'"):
            agenda.item("9")

    def test_described(self) -> None:
        assert AgendaItem("2.a", "x", "decision", what="w", how="h", why="y").is_described
        assert not AgendaItem("2.a", "x", "decision", what="w", how=" ", why="y").is_described

    @pytest.mark.parametrize("bad", [0, -5, 1441, True])
    def test_bad_duration(self, bad: int) -> None:
        with pytest.raises(InvalidValueError, match="whole number 1..1440"):
            AgendaItem("1", "x", "approval", bad)


class TestAgreement:
    def test_life_cycle_dates_in_order(self) -> None:
        with pytest.raises(InvalidIntervalError, match="before drafted_on"):
            Agreement("a", "Aftale", "draft", "sent", drafted_on=date(2023, 2, 1),
                      sent_on=date(2023, 1, 1))

    def test_status_needs_its_date(self) -> None:
        with pytest.raises(InvalidValueError, match="no sent_on"):
            Agreement("a", "Aftale", "draft", "sent")

    def test_date_beyond_status(self) -> None:
        with pytest.raises(InvalidValueError, match="advance the status"):
            Agreement("a", "Aftale", "draft", "draft", sent_on=date(2023, 1, 1))

    def test_full_cycle(self) -> None:
        a = Agreement("a", "Aftale", "voluntary", "evaluated", drafted_on=date(2023, 1, 1),
                      sent_on=date(2023, 1, 2), concluded_on=date(2023, 3, 1),
                      evaluated_on=date(2024, 1, 1))
        assert a.status.value == "evaluated"
        assert Agreement("w", "Trukket", "draft", "withdrawn").status.value == "withdrawn"


class TestCommittee:
    def test_same_person_twice_is_refused(self) -> None:
        with pytest.raises(DuplicateMemberError, match="listed twice"):
            committee(memberships=(
                Membership(DOC, "general_practice", "doctor_member"),
                Membership(DOC, "general_practice", "doctor_member"),
            ))

    def test_successive_terms_are_allowed(self) -> None:
        c = committee(memberships=(
            Membership(DOC, "general_practice", "doctor_member", term_end=date(2022, 12, 31)),
            Membership(DOC, "general_practice", "doctor_member", term_start=date(2023, 1, 1)),
        ))
        assert len(c.doctor_members(date(2023, 6, 1))) == 1

    def test_one_id_two_people(self) -> None:
        with pytest.raises(DuplicateMemberError, match="two different people"):
            committee(memberships=(
                Membership(DOC, "general_practice", "doctor_member", term_end=date(2022, 1, 1)),
                Membership(Person("doc-a", "Someone Else"), "municipality", "chair",
                           term_start=date(2023, 1, 1)),
            ))

    def test_substitute_for_non_doctor_member(self) -> None:
        meeting = Meeting("m", cph(2023, 3, 6, 15),
                          attendance=(Attendance(SUB, "substitute", substitute_for="clerk"),))
        with pytest.raises(NotADoctorMemberError, match="not a doctor member"):
            committee(meetings=(meeting,))

    def test_substitute_for_member_out_of_term(self) -> None:
        meeting = Meeting("m", cph(2023, 3, 6, 15),
                          attendance=(Attendance(SUB, "substitute", substitute_for="doc-a"),))
        with pytest.raises(NotADoctorMemberError):
            committee(meetings=(meeting,), memberships=(
                Membership(DOC, "general_practice", "doctor_member", term_end=date(2022, 12, 31)),
            ))

    def test_substitute_accepted(self) -> None:
        meeting = Meeting("m", cph(2023, 3, 6, 15),
                          attendance=(Attendance(SUB, "substitute", substitute_for="doc-a"),))
        c = committee(meetings=(meeting,))
        assert c.meeting("m").attendance_of("sub") is not None
        assert c.person("sub").name == "Dr Substitute"
        assert c.meetings_in(2023) == (meeting,) and c.meetings_in(2024) == ()

    def test_meeting_ids_unique_and_sorted(self) -> None:
        a = Meeting("a", cph(2023, 6, 1, 15))
        b = Meeting("b", cph(2023, 3, 6, 15))
        assert committee(meetings=(a, b)).meetings == (b, a)
        with pytest.raises(InvalidValueError, match="share the id"):
            committee(meetings=(a, Meeting("a", cph(2023, 9, 1, 15))))

    def test_unknown_lookups(self) -> None:
        c = committee()
        with pytest.raises(InvalidValueError, match="no person"):
            c.person("nobody")
        with pytest.raises(InvalidValueError, match="no meeting"):
            c.meeting("nothing")

    def test_bad_timezone_and_year(self) -> None:
        with pytest.raises(InvalidValueError, match="unknown time zone"):
            committee(timezone="Mars/Olympus")
        with pytest.raises(InvalidValueError, match="year"):
            committee(year=1800)

    def test_every_error_is_a_klu_rules_error(self) -> None:
        with pytest.raises(KluRulesError):
            committee(memberships=("not a membership",))

    def test_side_members(self) -> None:
        c = committee(rule_set=AALBORG)
        assert [m.person.id for m in c.side_members(Side.MUNICIPALITY, date(2023, 1, 1))] == ["clerk"]
        assert len(c.members()) == 3


def test_meetings_in_uses_the_local_year_at_the_boundaries() -> None:
    late = Meeting("late", cph(2023, 12, 31, 23, 30))
    early = Meeting("early", cph(2024, 1, 1, 0, 30))
    # 23:30 UTC on 31 December 2023 is 00:30 on 1 January 2024 in Copenhagen.
    utc = Meeting("utc", datetime(2023, 12, 31, 23, 30, tzinfo=UTC))
    c = committee(meetings=(early, utc, late))
    assert c.meetings_in(2023) == (late,)
    assert c.meetings_in(2024) == (early, utc)  # the same instant: ordered by id
    assert c.meetings_in(2022) == ()
    assert all(m.local_date(CPH).year == 2024 for m in c.meetings_in(2024))


def test_a_committee_repr_is_short() -> None:
    from klu_rules.io.presets import aalborg

    text = repr(aalborg())
    assert text.startswith("<Committee 'klu-aalborg'")
    assert "rules 'aalborg'" in text
    assert len(text) < 200


def test_meetings_an_hour_apart_in_the_autumn_night_are_not_equal() -> None:
    first = datetime(2023, 10, 29, 2, 30, tzinfo=CPH, fold=0)
    second = datetime(2023, 10, 29, 2, 30, tzinfo=CPH, fold=1)
    a = Meeting(id="m", start=first)
    b = Meeting(id="m", start=second)
    assert a != b
    assert len({a, b}) == 2
    assert a == Meeting(id="m", start=first.astimezone(CPH))


def test_a_time_in_the_spring_gap_is_refused() -> None:
    from klu_rules.core.errors import NonexistentLocalTimeError

    with pytest.raises(NonexistentLocalTimeError, match="does not exist"):
        Meeting(id="m", start=datetime(2023, 3, 26, 2, 30, tzinfo=CPH))


def test_a_meeting_across_the_autumn_night_has_its_real_length() -> None:
    start = datetime(2023, 10, 29, 1, 0, tzinfo=CPH)
    end = datetime(2023, 10, 29, 3, 0, tzinfo=CPH)
    assert Meeting(id="m", start=start, end=end).duration == timedelta(hours=3)


def test_money_ignores_the_callers_decimal_context() -> None:
    import decimal
    from decimal import Decimal

    from klu_rules.core.money import Money

    fee = Money(Decimal("1935.27"), "2021-04")
    expected = (fee * 3 + fee).amount
    with decimal.localcontext(prec=2, rounding=decimal.ROUND_FLOOR):
        assert (fee * 3 + fee).amount == expected == Decimal("7741.08")
        assert Money("1935.275", "2021-04").amount == Decimal("1935.28")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Person("p", "Ann\nEve"), "Person.name must not contain a line break"),
        (lambda: Person("p", "Ann\rEve"), "Person.name must not contain a line break"),
        (lambda: Person("p", "Ann\x07"), r"control character '\\x07'"),
        (lambda: Person("p", "P", email="a@b.dk\n"), "name@example.dk"),
        (lambda: AgendaItem("1", "Budget\r## INJECTED", "decision"), "AgendaItem.title"),
        (lambda: Meeting("m", cph(2023, 3, 6, 15), revision=2**31), r"0\.\.2147483647"),
    ],
)
def test_text_that_would_break_an_output_is_refused(build: Any, message: str) -> None:
    with pytest.raises(InvalidValueError, match=message):
        build()


def test_multi_line_text_keeps_its_lines() -> None:
    item = AgendaItem("1", "Budget", "decision", what="First line\r\nsecond line\n\tthird")
    assert item.what == "First line\r\nsecond line\n\tthird"
