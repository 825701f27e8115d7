"""Domain types: construction, validation and the errors users see."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from helpers import CPH, cph, plain_committee

from klu_rules import (
    Agenda,
    AgendaItem,
    Agreement,
    Attendance,
    Committee,
    KluRulesError,
    Meeting,
    Membership,
    Money,
    Person,
    Role,
    Side,
)
from klu_rules.core.errors import DuplicateMemberError as Twice
from klu_rules.core.errors import InvalidIntervalError as Interval
from klu_rules.core.errors import InvalidValueError as Bad
from klu_rules.core.errors import NaiveDatetimeError, NonexistentLocalTimeError
from klu_rules.core.errors import NotADoctorMemberError as NotADoctor
from klu_rules.io.committee_file import dump_committee, parse_committee
from klu_rules.io.presets import aalborg

DOC = Person("doc-a", "Dr A", doctor=True)
DOC_B = Person("doc-b", "Dr B", doctor=True)
SUB = Person("sub", "Dr Substitute", doctor=True)
CLERK = Person("clerk", "Clerk")
START = cph(2023, 3, 6, 15)


def seat(person: Person = DOC, **term: date) -> Membership:
    return Membership(person, "general_practice", "doctor_member", **term)


def committee(**kw: object) -> Committee:
    members = (seat(), seat(DOC_B), Membership(CLERK, Side.MUNICIPALITY, Role.CHAIR))
    return plain_committee(**{"memberships": members} | kw)


def substitute_at(meeting_id: str, member: str) -> Meeting:
    attendance = Attendance(SUB, "substitute", substitute_for=member)
    return Meeting(meeting_id, START, attendance=(attendance,))


REFUSED: list[tuple[str, Callable[[], object], type[Exception], str | None]] = [
    ("id", lambda: Person(" x", "Name"), Bad, "stable id"),
    ("id-space", lambda: Person("a b", "Name"), Bad, "stable id"),
    ("id-letter", lambda: Person("é", "Name"), Bad, "stable id"),
    ("email", lambda: Person("p", "P", email="a@b"), Bad, "name@example.dk"),
    ("email-at", lambda: Person("p", "P", email="a@@x.dk"), Bad, "example.dk"),
    ("email-space", lambda: Person("p", "P", email="a b@x.dk"), Bad, "example"),
    ("email-break", lambda: Person("p", "P", email="a@b.dk\n"), Bad, "example"),
    ("name", lambda: Person("p", "  "), Bad, "non-empty"),
    ("line", lambda: Person("p", "Ann\nEve"), Bad, "must not contain a line break"),
    ("cr", lambda: Person("p", "Ann\rEve"), Bad, "must not contain a line break"),
    ("control", lambda: Person("p", "Ann\x07"), Bad, r"control character '\\x07'"),
    (
        "term",
        lambda: seat(term_start=date(2023, 1, 2), term_end=date(2023, 1, 1)),
        Interval,
        "ends .* before it starts",
    ),
    ("role", lambda: Membership(DOC, "general_practice", "boss"), Bad, "choose one of"),
    ("naive", lambda: Meeting("m", datetime(2023, 3, 6, 15)), NaiveDatetimeError, "aware"),
    ("end", lambda: Meeting("m", START, START - timedelta(hours=1)), Interval, None),
    ("no-length", lambda: Meeting("m", START, START), Interval, "at the moment it starts"),
    ("revision", lambda: Meeting("m", START, revision=-1), Bad, "revision"),
    ("revision-max", lambda: Meeting("m", START, revision=2**31), Bad, "2147483647"),
    (
        "spring-gap",
        lambda: Meeting("m", datetime(2023, 3, 26, 2, 30, tzinfo=CPH)),
        NonexistentLocalTimeError,
        "does not exist",
    ),
    (
        "attendance-twice",
        lambda: Meeting(
            "m", START, attendance=(Attendance(DOC, "present"), Attendance(DOC, "absent"))
        ),
        Twice,
        "twice",
    ),
    (
        "substitute-item",
        lambda: Meeting(
            "m",
            START,
            agenda=Agenda((AgendaItem("1", "Godkendelse", "approval"),)),
            attendance=(Attendance(SUB, "substitute", substitute_for="doc-a", items=("2.a",)),),
        ),
        Bad,
        "not on the agenda",
    ),
    ("substitute", lambda: Attendance(SUB, "substitute"), Bad, "name the doctor"),
    ("reason", lambda: Attendance(DOC, "present", reason="x"), Bad, "'absent'"),
    ("doctor", lambda: Attendance(CLERK, "supplementing"), Bad, "not marked as a"),
    (
        "substitute-for",
        lambda: Attendance(DOC, "present", substitute_for="doc-b"),
        Bad,
        "only to status 'substitute'",
    ),
    ("number", lambda: AgendaItem("2c", "x", "decision"), Bad, "like '2' or '2.c'"),
    ("title", lambda: AgendaItem("1", "B\r## X", "decision"), Bad, "AgendaItem.title"),
    (
        "number-twice",
        lambda: Agenda((AgendaItem("1", "a", "approval"), AgendaItem("1", "b", "approval"))),
        Bad,
        "appears twice",
    ),
    ("duration-0", lambda: AgendaItem("1", "x", "approval", 0), Bad, "1..1440"),
    ("duration-max", lambda: AgendaItem("1", "x", "approval", 1441), Bad, "1440"),
    ("duration-bool", lambda: AgendaItem("1", "x", "approval", True), Bad, "1440"),
    (
        "agreement-order",
        lambda: Agreement(
            "a", "Aftale", "draft", "sent", drafted_on=date(2023, 2, 1), sent_on=date(2023, 1, 1)
        ),
        Interval,
        "before drafted_on",
    ),
    ("agreement-date", lambda: Agreement("a", "A", "draft", "sent"), Bad, "sent_on"),
    (
        "agreement-status",
        lambda: Agreement("a", "A", "draft", "draft", sent_on=date(2023, 1, 1)),
        Bad,
        "advance the status",
    ),
    ("seat-twice", lambda: committee(memberships=(seat(), seat())), Twice, "twice"),
    (
        "one-id-two-people",
        lambda: committee(
            memberships=(
                seat(term_end=date(2022, 1, 1)),
                Membership(Person("doc-a", "Else"), "municipality", "chair"),
            )
        ),
        Twice,
        "two different people",
    ),
    (
        "substitute-for-non-doctor",
        lambda: committee(meetings=(substitute_at("m", "clerk"),)),
        NotADoctor,
        "not a doctor member",
    ),
    (
        "substitute-out-of-term",
        lambda: committee(
            meetings=(substitute_at("m", "doc-a"),), memberships=(seat(term_end=date(2022, 1, 1)),)
        ),
        NotADoctor,
        None,
    ),
    (
        "meeting-ids",
        lambda: committee(meetings=(Meeting("a", START), Meeting("a", cph(2023, 9, 1, 15)))),
        Bad,
        "share the id",
    ),
    ("zone", lambda: committee(timezone="Mars/Olympus"), Bad, "unknown time zone"),
    ("rule-set", lambda: committee(rule_set="national"), Bad, "must be a RuleSet"),
    ("themself", lambda: Attendance(SUB, "substitute", substitute_for="sub"), Bad, "themself"),
    ("year", lambda: committee(year=1800), Bad, "year"),
    ("memberships", lambda: committee(memberships=("x",)), KluRulesError, "Membership values"),
]


@pytest.mark.parametrize(
    ("build", "error", "message"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_refused_values_name_what_is_wrong(
    build: Callable[[], object], error: type[Exception], message: str | None
) -> None:
    with pytest.raises(error, match=message):
        build()
    assert issubclass(error, KluRulesError)


def test_people_and_memberships() -> None:
    a, b = Person("karen-heeboell", "Karen Heebøll"), Person("karen-heeboell", "Karen Heebøl")
    assert a.id == b.id
    assert a != b
    m = seat(term_start=date(2023, 1, 1), term_end=date(2023, 12, 31))
    assert m.role is Role.DOCTOR_MEMBER
    assert m.is_doctor_seat
    days = (date(2022, 12, 31), date(2023, 1, 1), date(2023, 12, 31), date(2024, 1, 1))
    assert [m.in_force(day) for day in days] == [False, True, True, False]


def test_meetings() -> None:
    # 23:30 UTC on 5 March is 00:30 on 6 March in Copenhagen.
    m = Meeting("m1", datetime(2023, 3, 5, 23, 30, tzinfo=UTC))
    assert (m.local_date(CPH), m.local_date("UTC")) == (date(2023, 3, 6), date(2023, 3, 5))
    assert Meeting("a", START, status="held").counts_toward_minimum
    assert not Meeting("b", START, status="cancelled").counts_toward_minimum
    assert not Meeting("c", START, status="held", kind="dialogue").counts_toward_minimum
    assert (Meeting("d", START).kind, Meeting("d", START).status) == ("ordinary", "planned")


def test_durations_are_real_time_across_daylight_saving() -> None:
    assert Meeting("m", cph(2023, 3, 25, 23), cph(2023, 3, 26, 4)).duration == timedelta(hours=4)
    start, end = datetime(2023, 10, 29, 1, tzinfo=CPH), datetime(2023, 10, 29, 3, tzinfo=CPH)
    assert Meeting("m", start, end).duration == timedelta(hours=3)


def test_meetings_an_hour_apart_in_the_autumn_night_are_not_equal() -> None:
    first = datetime(2023, 10, 29, 2, 30, tzinfo=CPH, fold=0)
    a = Meeting(id="m", start=first)
    b = Meeting(id="m", start=first.replace(fold=1))
    assert a != b
    assert len({a, b}) == 2
    assert a == Meeting(id="m", start=first.astimezone(CPH))


def test_attendance() -> None:
    assert Attendance(DOC, "absent", reason="ferie").reason == "ferie"
    whole = Attendance(SUB, "substitute", substitute_for="doc-a")
    part = Attendance(SUB, "substitute", substitute_for="doc-a", items=("2.a",))
    assert whole.covers_item("3.b")
    assert part.covers_item("2.a")
    assert not part.covers_item("2.b")
    assert not Attendance(DOC, "present").covers_item("1")


def test_a_substitute_for_a_main_number_sits_for_its_sub_items() -> None:
    # AAL2021 lists "2. Punkter til behandling" as one fixed item; the December 2021
    # agenda (AAL-MIN-2021-12) numbers it 2.a-2.e without a "2" heading
    for_two = Attendance(SUB, "substitute", substitute_for="doc-a", items=("2",))
    assert [for_two.covers_item(n) for n in ("2", "2.a", "2.e", "3.a", "12")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    december = Agenda(
        (
            AgendaItem("1", "Godkendelse af dagsorden", "approval"),
            AgendaItem("2.a", "Drøftelse af kommissorium", "decision"),
            AgendaItem("2.e", "Den kommunale praksiskonsulent", "decision"),
            AgendaItem("4", "Eventuelt", "other_business"),
        )
    )
    meeting = Meeting(
        id="m",
        start=datetime(2021, 12, 2, 15, tzinfo=CPH),
        agenda=december,
        attendance=(for_two,),
    )
    assert meeting.attendance[0].items == ("2",)


def test_agendas() -> None:
    item = AgendaItem("2.c", "Drøftelse", "decision", 20)
    assert (item.sort_key, item.main_number) == ((2, "c"), 2)
    agenda = Agenda((AgendaItem("1", "a", "approval", 5), AgendaItem("4", "b", "other_business")))
    assert agenda.total_minutes == 5
    assert agenda.item("4").title == "b"
    with pytest.raises(Bad, match="has no item '9'"):
        agenda.item("9")
    assert AgendaItem("2.a", "x", "decision", what="w", how="h", why="y").is_described
    assert not AgendaItem("2.a", "x", "decision", what="w", how=" ", why="y").is_described
    text = "First line\r\nsecond line\n\tthird"
    assert AgendaItem("1", "Budget", "decision", what=text).what == text


def test_agreement_full_cycle() -> None:
    days = {"drafted_on": date(2023, 1, 1), "sent_on": date(2023, 1, 2)}
    days |= {"concluded_on": date(2023, 3, 1), "evaluated_on": date(2024, 1, 1)}
    assert Agreement("a", "Aftale", "voluntary", "evaluated", **days).status.value == "evaluated"
    assert Agreement("w", "Trukket", "draft", "withdrawn").status.value == "withdrawn"


def test_committee_lookups() -> None:
    c = committee(
        memberships=(seat(term_end=date(2022, 12, 31)), seat(term_start=date(2023, 1, 1))),
    )
    assert len(c.doctor_members(date(2023, 6, 1))) == 1  # successive terms are allowed
    meeting = substitute_at("m", "doc-b")
    c = committee(meetings=(meeting,))
    assert c.meeting("m").attendance_of("sub") is not None
    assert c.person("sub").name == "Dr Substitute"
    assert (c.meetings_in(2023), c.meetings_in(2024)) == ((meeting,), ())
    assert [m.person.id for m in c.side_members(Side.MUNICIPALITY, date(2023, 1, 1))] == ["clerk"]
    assert len(c.members()) == 3
    with pytest.raises(Bad, match="no person"):
        c.person("nobody")
    with pytest.raises(Bad, match="no meeting"):
        c.meeting("nothing")
    a, b = Meeting("a", cph(2023, 6, 1, 15)), Meeting("b", START)
    assert committee(meetings=(a, b)).meetings == (b, a)


def test_meetings_in_uses_the_local_year_at_the_boundaries() -> None:
    late = Meeting("late", cph(2023, 12, 31, 23, 30))
    early = Meeting("early", cph(2024, 1, 1, 0, 30))
    # 23:30 UTC on 31 December 2023 is 00:30 on 1 January 2024 in Copenhagen.
    utc = Meeting("utc", datetime(2023, 12, 31, 23, 30, tzinfo=UTC))
    c = committee(meetings=(early, utc, late))
    assert c.meetings_in(2023) == (late,)
    assert c.meetings_in(2024) == (early, utc)  # the same instant: ordered by id
    assert c.meetings_in(2022) == ()


def test_a_committee_repr_is_short() -> None:
    text = repr(aalborg())
    assert text.startswith("<Committee 'klu-aalborg'")
    assert "rules 'aalborg'" in text
    assert len(text) < 200


def test_money_ignores_the_callers_decimal_context() -> None:
    fee = Money(Decimal("1935.27"), "2021-04")
    expected = (fee * 3 + fee).amount
    with decimal.localcontext(prec=2, rounding=decimal.ROUND_FLOOR):
        assert (fee * 3 + fee).amount == expected == Decimal("7741.08")
        assert Money("1935.275", "2021-04").amount == Decimal("1935.28")


def test_a_committee_in_the_wrong_region_is_refused_when_built_as_when_read() -> None:
    # the file loader refuses it too: what the constructor accepts, dump_committee writes
    # and parse_committee reads back
    with pytest.raises(Bad, match="Odense does not lie in Region Hovedstaden"):
        plain_committee(municipality="Odense", region="Region Hovedstaden")
    with pytest.raises(Bad, match="written Odense"):
        plain_committee(municipality="odense", region="Syddanmark")
    with pytest.raises(Bad, match="Region Sjælland"):
        plain_committee(municipality="Test", region="Sjælland", year=2027)
    kept = plain_committee(municipality="Odense", region="Syddanmark", year=2026)
    assert parse_committee(dump_committee(kept)) == kept


@pytest.mark.parametrize(
    "ask",
    [
        lambda c: c.meetings_in("2026"),
        lambda c: c.annual_wheel_for(2026.0),
        lambda c: c.calendar_for(None),
        lambda c: c.evaluation_for("2026"),
        lambda c: c.doctor_members("2026-01-01"),
        lambda c: c.members(datetime(2026, 1, 1, tzinfo=UTC)),
    ],
)
def test_a_committee_refuses_a_year_or_day_of_the_wrong_type(
    ask: Callable[[Committee], object],
) -> None:
    with pytest.raises(Bad):
        ask(plain_committee())
