"""The committee's records (minutes, annual wheel, calendar, evaluation) and the report from them.

Known answers come from the December 2021 minutes of KLU Aalborg
(``AAL-MIN-2021-12``, as ``examples/aalborg_2021_records.toml``) and from the
shape of Region Syddanmark's 2023 overview (``RSD-EVAL-2023``).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import CPH, cph, plain_committee
from hypothesis import given
from hypothesis import strategies as st

from klu_rules import (
    Agenda,
    AgendaItem,
    Agreement,
    Committee,
    FileFormatError,
    InvalidValueError,
    Meeting,
    Membership,
    Person,
    dump_committee,
    load_committee,
    parse_committee,
)
from klu_rules.checks.compliance import YearReview, review_year
from klu_rules.checks.evaluation_report import report_from_records
from klu_rules.cli import main
from klu_rules.cli.evaluate import COMMITTEE_SCHEMA, render_committee
from klu_rules.core.errors import InvalidIntervalError, KluRulesError
from klu_rules.core.serialize import from_data
from klu_rules.io.committee_file import committee_to_mapping
from klu_rules.io.meeting_count_text import parse_meeting_count
from klu_rules.model.evaluation import EvaluationReport
from klu_rules.model.records import (
    AnnualWheel,
    EvaluationRecord,
    FollowUp,
    FollowUpStatus,
    MeetingCalendar,
    Minutes,
    MinutesItem,
)
from klu_rules.rules.ruleset import AALBORG
from klu_rules.text.evaluation import report_to_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "aalborg_2021_records.toml"

DOC = Person("doc-a", "Dr A", doctor=True)
DOC_B = Person("doc-b", "Dr B", doctor=True)
CHAIR = Person("chair", "Chair")
MEMBERS = (
    Membership(DOC, "general_practice", "doctor_member"),
    Membership(DOC_B, "general_practice", "doctor_member"),
    Membership(CHAIR, "municipality", "chair"),
)


def committee(**kw: Any) -> Committee:
    return plain_committee(**{"memberships": MEMBERS} | kw)


def meeting(mid: str, day: date, status: str = "held", **kw: Any) -> Meeting:
    return Meeting(mid, cph(day.year, day.month, day.day, 15), status=status, **kw)


AGENDA = Agenda(
    (
        AgendaItem("1", "Godkendelse af dagsordenen", "approval"),
        AgendaItem("2.a", "Dosispakket medicin", "decision"),
        AgendaItem("3.a", "Orientering om TeleKOL", "information"),
        AgendaItem("4", "Eventuelt", "other_business"),
    )
)


@pytest.fixture(scope="module")
def aalborg_2021() -> Committee:
    return load_committee(EXAMPLE)


# --- the December 2021 minutes (AAL-MIN-2021-12) --------------------------------------


class TestSeedMinutes:
    def test_items_follow_the_fixed_agenda(self, aalborg_2021: Committee) -> None:
        minutes = aalborg_2021.minutes_of("klu-aalborg-2021-12")
        assert minutes is not None
        numbers = [i.number for i in minutes.items]
        assert numbers == ["1", "2.a", "2.b", "2.c", "2.d", "2.e", "3.a", "3.b", "4"]
        assert minutes.item("1").decision == "Godkendt."
        assert "PPR-Aalborg" in (minutes.item("2.c").decision or "")
        assert "1.935,27 kr." in (minutes.item("3.a").case_description or "")

    def test_follow_ups_with_owners_and_due_dates(self, aalborg_2021: Committee) -> None:
        minutes = aalborg_2021.minutes_of("klu-aalborg-2021-12")
        assert minutes is not None
        due = [(i.number, f.owner_text, f.due_on) for i, f in minutes.follow_ups() if f.due_on]
        assert due == [
            ("2.c", "PPR-Aalborg", date(2021, 12, 31)),
            ("2.d", "Aalborg Kommune", date(2021, 12, 31)),
        ]
        owners = {f.owner_person for _, f in minutes.follow_ups()} - {None}
        assert owners == {"pernille-smalbro-hylleberg"}
        assert all(f.status is FollowUpStatus.OPEN for _, f in minutes.follow_ups())

    def test_round_trip_invents_no_records(self, aalborg_2021: Committee) -> None:
        c = aalborg_2021
        text = dump_committee(c)
        assert "[[minutes.items.follow_ups]]" in text
        assert parse_committee(text) == c
        assert c.annual_wheel_for(2022) is None
        assert c.calendar_for(2021) is None
        assert c.evaluation_for(2021) is None
        assert c.minutes_of("klu-aalborg-2021-10-07") is None


# --- the record types ---------------------------------------------------------------


class TestFollowUp:
    def test_owner_once(self) -> None:
        with pytest.raises(InvalidValueError, match="names its owner twice"):
            FollowUp("x", owner_person="doc-a", owner="PLO-K")
        with pytest.raises(InvalidValueError, match="stable id"):
            FollowUp("x", owner_person="not an id")

    def test_status_and_done_on_agree(self) -> None:
        with pytest.raises(InvalidValueError, match="done but has no done_on"):
            FollowUp("x", status="done")
        with pytest.raises(InvalidValueError, match="set status = 'done'"):
            FollowUp("x", done_on=date(2022, 1, 1))
        with pytest.raises(InvalidValueError, match="choose one of"):
            FollowUp("x", status="finished")
        assert FollowUp("x", status="done", done_on=date(2022, 1, 1)).owner_text is None

    def test_overdue_the_day_after_the_due_date(self) -> None:
        f = FollowUp("x", owner="PPR-Aalborg", due_on=date(2021, 12, 31))
        assert not f.is_overdue(date(2021, 12, 31))
        assert f.is_overdue(date(2022, 1, 1))
        assert not FollowUp("x").is_overdue(date(2030, 1, 1))
        done = FollowUp("x", due_on=date(2021, 12, 31), status="done", done_on=date(2022, 2, 1))
        assert not done.is_overdue(date(2022, 3, 1))

    @pytest.mark.parametrize("bad", [None, datetime(2022, 1, 1, tzinfo=CPH), "2022-01-01"])
    def test_as_of_must_be_a_date(self, bad: Any) -> None:
        with pytest.raises(InvalidValueError, match="as_of must be a date"):
            FollowUp("x", due_on=date(2021, 1, 1)).is_overdue(bad)

    @given(
        due=st.dates(date(2015, 1, 1), date(2030, 12, 31)),
        as_of=st.dates(date(2015, 1, 1), date(2030, 12, 31)),
        done=st.booleans(),
    )
    def test_overdue_iff_open_and_due_before_as_of(
        self, due: date, as_of: date, done: bool
    ) -> None:
        f = (
            FollowUp("x", due_on=due, status="done", done_on=due)
            if done
            else FollowUp("x", due_on=due)
        )
        assert f.is_overdue(as_of) == (not done and due < as_of)


class TestMinutes:
    def test_numbers_like_the_agenda(self) -> None:
        with pytest.raises(InvalidValueError, match=r"such as '2' or '2\.c'"):
            MinutesItem("2c")
        assert MinutesItem("2.c").sort_key == (2, "c")
        assert MinutesItem("4").sort_key == (4, "")

    def test_one_entry_per_item(self) -> None:
        with pytest.raises(InvalidValueError, match="twice"):
            Minutes("m", (MinutesItem("1"), MinutesItem("1")))

    def test_lookup(self) -> None:
        minutes = Minutes("m", (MinutesItem("1", decision="Godkendt."),))
        assert minutes.item("1").decision == "Godkendt."
        with pytest.raises(InvalidValueError, match="have no item '2'; the items are 1"):
            minutes.item("2")
        with pytest.raises(InvalidValueError, match="no items"):
            Minutes("m").item("1")

    def test_types_are_checked(self) -> None:
        with pytest.raises(KluRulesError, match=r"Committee\.minutes must hold Minutes values"):
            committee(minutes=("x",))


class TestYearRecords:
    def test_wheel_needs_topics_and_comes_before_its_year(self) -> None:
        with pytest.raises(InvalidValueError, match="has no topics"):
            AnnualWheel(2024, date(2023, 11, 30))
        with pytest.raises(InvalidIntervalError, match="after that year"):
            AnnualWheel(2024, date(2025, 1, 2), topics=("x",))
        with pytest.raises(InvalidValueError, match="one non-empty line"):
            AnnualWheel(2024, date(2023, 11, 30), topics=("a\nb",))
        with pytest.raises(InvalidValueError, match="is required"):
            AnnualWheel(2024, None, topics=("x",))  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r"year 1900\.\.2200"):
            AnnualWheel(1800, date(1799, 1, 1), topics=("x",))

    def test_calendar(self) -> None:
        assert MeetingCalendar(2023).agreed_on is None  # shown, day not stated (AAL-2023)
        with pytest.raises(InvalidIntervalError, match="after that year"):
            MeetingCalendar(2023, date(2024, 1, 1))

    def test_evaluation_dates(self) -> None:
        with pytest.raises(InvalidIntervalError, match="before the year begins"):
            EvaluationRecord(2023, done_on=date(2022, 12, 31))
        with pytest.raises(InvalidValueError, match="sent_on without sent_to"):
            EvaluationRecord(2023, done_on=date(2023, 12, 1), sent_on=date(2024, 1, 5))
        with pytest.raises(InvalidValueError, match="sent_to without sent_on"):
            EvaluationRecord(2023, sent_to="Samarbejdsudvalget")
        with pytest.raises(InvalidValueError, match="has no done_on"):
            EvaluationRecord(2023, sent_on=date(2024, 1, 5), sent_to="Samarbejdsudvalget")
        with pytest.raises(InvalidIntervalError, match="before it was done"):
            EvaluationRecord(2023, done_on=date(2024, 1, 5), sent_on=date(2024, 1, 4), sent_to="SU")
        with pytest.raises(InvalidValueError, match="give the meeting's date"):
            EvaluationRecord(2023, meeting_id="m")
        with pytest.raises(InvalidValueError, match="possibly empty"):
            EvaluationRecord(2023, general_assessment=None)  # type: ignore[arg-type]


class TestCommitteeRecords:
    def test_minutes_of_an_unknown_meeting(self) -> None:
        with pytest.raises(InvalidValueError, match=r"no meeting 'x'; correct the reference"):
            committee(minutes=(Minutes("x"),))

    @pytest.mark.parametrize("status", ["planned", "cancelled"])
    def test_minutes_only_for_held_meetings(self, status: str) -> None:
        m = meeting("m", date(2023, 3, 6), status)
        with pytest.raises(InvalidValueError, match=f"status is '{status}'.*set its status"):
            committee(meetings=(m,), minutes=(Minutes("m"),))

    def test_minutes_numbered_as_the_agenda(self) -> None:
        m = meeting("m", date(2023, 3, 6), agenda=AGENDA)
        with pytest.raises(InvalidValueError, match=r"item\(s\) 2.b, which are not on"):
            committee(meetings=(m,), minutes=(Minutes("m", (MinutesItem("2.b"),)),))
        ok = committee(meetings=(m,), minutes=(Minutes("m", (MinutesItem("2.a"),)),))
        assert ok.minutes_of("m") is not None

    def test_one_set_of_minutes_per_meeting(self) -> None:
        m = meeting("m", date(2023, 3, 6))
        with pytest.raises(InvalidValueError, match="recorded twice"):
            committee(meetings=(m,), minutes=(Minutes("m"), Minutes("m")))

    def test_follow_up_owner_is_one_of_the_people(self) -> None:
        m = meeting("m", date(2023, 3, 6))
        item = MinutesItem("2.a", follow_ups=(FollowUp("x", owner_person="nobody"),))
        with pytest.raises(InvalidValueError, match="'nobody', who is not one of"):
            committee(meetings=(m,), minutes=(Minutes("m", (item,)),))
        item = MinutesItem("2.a", follow_ups=(FollowUp("x", owner_person="chair"),))
        assert committee(meetings=(m,), minutes=(Minutes("m", (item,)),)).minutes

    def test_one_record_per_year(self) -> None:
        with pytest.raises(InvalidValueError, match="the calendar for 2023 is recorded twice"):
            committee(calendars=(MeetingCalendar(2023), MeetingCalendar(2023)))
        wheel = AnnualWheel(2024, date(2023, 11, 30), topics=("x",))
        with pytest.raises(InvalidValueError, match="annual wheel for 2024 is recorded twice"):
            committee(annual_wheels=(wheel, wheel))
        with pytest.raises(InvalidValueError, match="evaluation for 2023 is recorded twice"):
            committee(evaluations=(EvaluationRecord(2023), EvaluationRecord(2023)))

    def test_records_give_their_meeting_date(self) -> None:
        m = meeting("m", date(2023, 11, 30))
        with pytest.raises(InvalidValueError, match="gives the date 29 November 2023, but meeting"):
            committee(
                meetings=(m,),
                annual_wheels=(AnnualWheel(2024, date(2023, 11, 29), "m", topics=("x",)),),
            )
        with pytest.raises(InvalidValueError, match="status is 'cancelled'"):
            committee(
                meetings=(meeting("c", date(2023, 11, 30), "cancelled"),),
                evaluations=(EvaluationRecord(2023, done_on=date(2023, 11, 30), meeting_id="c"),),
            )
        c = committee(
            meetings=(m,),
            calendars=(MeetingCalendar(2024, meeting_id="m"),),
            evaluations=(EvaluationRecord(2023, done_on=date(2023, 11, 30), meeting_id="m"),),
        )
        assert c.calendar_for(2024) is not None
        assert c.evaluation_for(2023) is not None
        assert c.calendar_for(2025) is None


# --- committee files -----------------------------------------------------------------

BASE = """\
schema_version = 1

[committee]
id = "klu-test"
name = "KLU Test"
municipality = "Testby"
region = "Syddanmark"
rules = "national"

[[people]]
id = "doc"
name = "Dr Doc"
doctor = true

[[memberships]]
person = "doc"
side = "general_practice"
role = "doctor_member"

[[meetings]]
id = "m1"
start = 2023-11-30T15:00:00
status = "held"
"""

MINUTES = (
    BASE
    + """
[[minutes]]
meeting = "m1"

[[minutes.items]]
number = "2.a"
decision = "Godkendt."

[[minutes.items.follow_ups]]
description = "Send the guide"
owner_person = "doc"
due_on = 2024-01-15
"""
)


def test_records_tables_read() -> None:
    text = (
        MINUTES
        + """
[[annual_wheels]]
year = 2024
agreed_on = 2023-11-30
meeting = "m1"
topic_keys = ["prevention"]
topics = ["Dosispakket medicin"]

[[calendars]]
year = 2024
agreed_on = 2023-11-30
agreed_by = "KLU"

[[evaluations]]
year = 2023
done_on = 2023-11-30
meeting = "m1"
sent_on = 2024-01-10
sent_to = "Samarbejdsudvalget"
topics = ["Dosispakket medicin"]
local_agreements_follow_up = "Ingen lokale aftaler."
general_assessment = "Samarbejdet fungerer godt."
"""
    )
    c = parse_committee(text)
    (follow_up,) = c.minutes[0].items[0].follow_ups
    assert (follow_up.owner_person, follow_up.due_on) == ("doc", date(2024, 1, 15))
    assert c.annual_wheels[0].topic_keys == ("prevention",)
    assert c.calendars[0].agreed_by == "KLU"
    assert c.evaluations[0].general_assessment == "Samarbejdet fungerer godt."
    assert parse_committee(dump_committee(c)) == c


BROKEN = [
    (
        "unknown key in an item",
        MINUTES.replace('decision = "Godkendt."', 'beslutning = "Godkendt."'),
        "minutes[0].items[0]",
        "unknown key(s) 'beslutning'",
    ),
    (
        "owner not under [[people]]",
        MINUTES.replace('owner_person = "doc"', 'owner_person = "ppr"'),
        "minutes[0].items[0].follow_ups[0].owner_person",
        "no person with id 'ppr' under [[people]]",
    ),
    (
        "bad follow-up status",
        MINUTES.replace("due_on = 2024-01-15", 'due_on = 2024-01-15\nstatus = "closed"'),
        "minutes[0].items[0].follow_ups[0].status",
        "expected one of 'open', 'done', got 'closed'",
    ),
    (
        "done without done_on",
        MINUTES.replace("due_on = 2024-01-15", 'due_on = 2024-01-15\nstatus = "done"'),
        "minutes[0].items[0].follow_ups[0]",
        "is done but has no done_on",
    ),
    (
        "minutes without meeting",
        MINUTES.replace('meeting = "m1"\n', ""),
        "minutes[0].meeting",
        "required but missing",
    ),
    (
        "calendar year out of range",
        BASE + "\n[[calendars]]\nyear = 24\n",
        "calendars[0].year",
        "got 24",
    ),
]


@pytest.mark.parametrize(("case", "text", "key", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_one_broken_file_per_failure_mode(
    tmp_path: Path, case: str, text: str, key: str | None, message: str
) -> None:
    path = tmp_path / "klu.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError) as info:
        load_committee(path)
    assert message in str(info.value), str(info.value)
    assert str(path) in str(info.value)
    if key is not None:
        assert info.value.key == key


# --- a hypothesis round trip with records -----------------------------------------------

# text the model takes: no control characters but tab and newline
_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), include_characters="\t\n")
_ANY = st.text(_CHARS, max_size=40)
_LINE = st.text(_CHARS, min_size=1, max_size=30).filter(lambda s: s.strip() and "\n" not in s)
_DAYS = st.dates(date(2022, 1, 1), date(2023, 12, 31))


# open follow-ups owned by a person or no one; done ones owned by free text
_FOLLOW_UPS = st.builds(
    FollowUp, _LINE, owner_person=st.none() | st.just("doc-a"), due_on=st.none() | _DAYS
) | st.builds(FollowUp, _LINE, owner=_LINE, status=st.just("done"), done_on=_DAYS)
_ITEMS = st.builds(
    MinutesItem,
    st.sampled_from(["1", "2.a", "2.b", "3", "4"]),
    st.none() | _LINE,
    st.none() | _ANY,
    st.none() | _ANY,
    st.lists(_FOLLOW_UPS, max_size=2).map(tuple),
)


@st.composite
def committees_with_records(draw: st.DrawFn) -> Committee:
    days = sorted(draw(st.sets(_DAYS, min_size=1, max_size=4)))
    meetings = tuple(meeting(f"m{i}", d) for i, d in enumerate(days))
    minutes = [
        Minutes(m.id, tuple(draw(st.lists(_ITEMS, max_size=3, unique_by=lambda i: i.number))))
        for m in draw(st.lists(st.sampled_from(meetings), unique=True, max_size=len(meetings)))
    ]
    wheels = []
    for year in draw(st.sets(st.sampled_from([2023, 2024]))):
        held = [m for m in meetings if m.local_date(CPH).year < year]
        at = draw(st.none() | st.sampled_from(held)) if held else None
        day = at.local_date(CPH) if at else date(year - 1, 12, 1)
        wheels.append(
            AnnualWheel(
                year,
                day,
                None if at is None else at.id,
                tuple(draw(st.lists(_LINE, max_size=2))),
                ("Emne",),
            )
        )
    calendars = [
        MeetingCalendar(
            year, draw(st.none() | st.just(date(year - 1, 11, 30))), None, draw(st.none() | _LINE)
        )
        for year in draw(st.sets(st.sampled_from([2022, 2023])))
    ]
    evaluations = []
    for year in draw(st.sets(st.sampled_from([2022, 2023]))):
        sent = draw(st.booleans())
        evaluations.append(
            EvaluationRecord(
                year,
                done_on=date(year, 12, 1) if sent or draw(st.booleans()) else None,
                sent_on=date(year + 1, 1, 10) if sent else None,
                sent_to=draw(_LINE) if sent else None,
                topics=tuple(draw(st.lists(_LINE, max_size=3))),
                local_agreements_follow_up=draw(_ANY),
                general_assessment=draw(_ANY),
            )
        )
    return committee(
        meetings=meetings,
        minutes=tuple(minutes),
        annual_wheels=tuple(wheels),
        calendars=tuple(calendars),
        evaluations=tuple(evaluations),
    )


@given(committees_with_records())
def test_round_trip_with_records(c: Committee) -> None:
    assert parse_committee(dump_committee(c)) == c


def test_empty_records_write_nothing() -> None:
    data = committee_to_mapping(committee())
    assert all(data[k] is None for k in ("minutes", "annual_wheels", "calendars", "evaluations"))


# --- the annual evaluation report from the records ------------------------------------------


class TestReportFromRecords:
    def test_seed_2021(self, aalborg_2021: Committee) -> None:
        report = report_from_records(aalborg_2021, 2021)
        assert report.municipality == "Aalborg"
        assert report.year == 2021
        count = report.meeting_count
        assert count is not None
        assert (count.held, count.planned, count.cancelled) == (2, 2, 0)
        assert len(report.topics) == 7
        assert report.topics[0].startswith("Drøftelse af kommissorium")
        assert report.topics[-1].startswith("Orientering om strategi for rehabilitering")
        assert "Eventuelt" not in report.topics
        assert report.local_agreements_follow_up == "Ingen lokale aftaler registreret."
        assert report.general_assessment == ""
        assert (report.sent_to, report.sent_on) == (None, None)
        assert report.sources == ("AAL2021", "AAL-MIN-2021-12")

    def test_langeland_shape(self) -> None:
        # RSD-EVAL-2023, Langeland: "Planlagt 4 møder. Afholdt 3 møder, 1 aflyst."
        meetings = (
            meeting("q1", date(2023, 3, 1)),
            meeting("q2", date(2023, 6, 1)),
            meeting("q3", date(2023, 9, 1), "cancelled"),
            meeting("q4", date(2023, 11, 30)),
            meeting("dialog", date(2023, 10, 1), kind="dialogue"),
        )
        report = report_from_records(committee(meetings=meetings), 2023)
        assert report.meeting_count is not None
        assert report.meeting_count.raw == "Planlagt 4 møder. Afholdt 3 møder, 1 aflyst."
        parsed = parse_meeting_count(report.meeting_count.raw)
        assert parsed is not None
        assert (parsed.held, parsed.planned, parsed.cancelled) == (3, 4, 1)

    def test_as_of_counts_only_what_is_on_record(self) -> None:
        meetings = (meeting("a", date(2023, 3, 1)), meeting("b", date(2023, 11, 30)))
        evaluation = EvaluationRecord(
            2023,
            done_on=date(2023, 11, 30),
            sent_on=date(2024, 1, 10),
            sent_to="Samarbejdsudvalget i Region Syddanmark",
        )
        c = committee(meetings=meetings, evaluations=(evaluation,))
        early = report_from_records(c, 2023, as_of=date(2023, 6, 1))
        assert (early.held, early.sent_on, early.sent_to) == (1, None, None)
        late = report_from_records(c, 2023, as_of=date(2024, 2, 1))
        assert (late.held, late.sent_on, late.sent_to) == (2, date(2024, 1, 10), evaluation.sent_to)

    def test_record_topics_and_assessment_win(self) -> None:
        m = meeting("a", date(2023, 3, 1), agenda=AGENDA)
        record = EvaluationRecord(
            2023,
            topics=("Kontakt Læge-app",),
            local_agreements_follow_up="Status på SAM:BO.",
            general_assessment="Samarbejdet fungerer fint.",
        )
        report = report_from_records(committee(meetings=(m,), evaluations=(record,)), 2023)
        assert (report.topics, report.general_assessment, report.local_agreements_follow_up) == (
            record.topics,
            record.general_assessment,
            record.local_agreements_follow_up,
        )
        derived = report_from_records(committee(meetings=(m,)), 2023)
        assert derived.topics == ("Dosispakket medicin", "Orientering om TeleKOL")

    def test_topics_from_minutes_without_agenda_each_once(self) -> None:
        a, b = meeting("a", date(2023, 3, 1)), meeting("b", date(2023, 6, 1))
        minutes = (
            Minutes(
                "a",
                (
                    MinutesItem("1", "Godkendelse af dagsordenen"),
                    MinutesItem("2.a", "Dosispakket  medicin"),
                    MinutesItem("2.b"),
                    MinutesItem("4", "Eventuelt"),
                ),
            ),
            Minutes("b", (MinutesItem("2.a", "Dosispakket medicin"),)),
        )
        report = report_from_records(
            committee(meetings=(a, b), minutes=minutes, rule_set=AALBORG), 2023
        )
        assert report.topics == ("Dosispakket medicin",)

    def test_agreements_with_their_status(self) -> None:
        agreements = (
            Agreement(
                "sambo",
                "SAM:BO",
                "voluntary",
                "concluded",
                drafted_on=date(2022, 9, 1),
                sent_on=date(2022, 10, 1),
                concluded_on=date(2023, 2, 1),
                sent_to="Sundhedssamarbejdsudvalget",
            ),
            Agreement("later", "Aftale fra 2024", "draft", drafted_on=date(2024, 2, 1)),
            Agreement("old", "Trukket aftale", "draft", "withdrawn"),
        )
        c = committee(agreements=agreements)
        text = report_from_records(c, 2023).local_agreements_follow_up
        assert text.splitlines() == [
            "SAM:BO (frivillig aftale): indgået (udkast 2022-09-01; fremsendt 2022-10-01; "
            "indgået 2023-02-01), sendt til Sundhedssamarbejdsudvalget.",
            "Trukket aftale (aftaleudkast): trukket tilbage.",
        ]
        as_of = report_from_records(c, 2023, as_of=date(2022, 12, 1))
        assert as_of.local_agreements_follow_up.splitlines()[0] == (
            "SAM:BO (frivillig aftale): fremsendt (udkast 2022-09-01; fremsendt 2022-10-01), "
            "sendt til Sundhedssamarbejdsudvalget."
        )
        before = report_from_records(c, 2022, as_of=date(2022, 9, 15))
        assert "fremsendt" not in before.local_agreements_follow_up

    def test_before_the_rules_for_the_evaluation(self) -> None:
        # The national rules hold no annual evaluation before OK18 (2018-01-01, assumed).
        m = meeting("old", date(2010, 5, 1))
        minutes = (Minutes("old", (MinutesItem("4", "Eventuelt"),)),)
        report = report_from_records(committee(meetings=(m,), minutes=minutes), 2010)
        assert report.topics == ("Eventuelt",)  # no fixed items in force to leave out
        assert report.sources == ("OK22-102",)
        # 2021: the duty AAL2021 cites ("Jvf. overenskomstens §96"), before OK22
        assert report_from_records(committee(), 2021).sources == ("AAL2021",)
        assert report_from_records(committee(), 2023).sources == ("OK22-102",)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("not a committee", 2023), "takes a Committee"),
            ((None, 1800), "year must be a year"),
            ((None, True), "year must be a year"),
        ],
    )
    def test_bad_arguments(self, args: tuple[Any, Any], message: str) -> None:
        target = committee() if args[0] is None else args[0]
        with pytest.raises(InvalidValueError, match=message):
            report_from_records(target, args[1])

    def test_as_of_must_be_a_date(self) -> None:
        with pytest.raises(InvalidValueError, match="as_of must be a date"):
            report_from_records(committee(), 2023, as_of=datetime(2024, 1, 1, tzinfo=CPH))  # type: ignore[arg-type]


_STATUS = st.sampled_from(["planned", "held", "cancelled"])
_KIND = st.sampled_from(["ordinary", "dialogue", "extraordinary"])


@st.composite
def year_meetings(draw: st.DrawFn) -> tuple[Meeting, ...]:
    days = draw(st.sets(st.dates(date(2022, 12, 1), date(2024, 1, 31)), max_size=8))
    return tuple(
        meeting(f"m{i}", d, draw(_STATUS), kind=draw(_KIND)) for i, d in enumerate(sorted(days))
    )


@given(year_meetings())
def test_report_count_is_the_meetings_held_in_the_records(meetings: tuple[Meeting, ...]) -> None:
    report = report_from_records(committee(meetings=meetings), 2023)
    in_year = [m for m in meetings if m.local_date(CPH).year == 2023]
    assert report.held == sum(1 for m in in_year if m.counts_toward_minimum)
    assert report.meeting_count is not None
    assert report.meeting_count.planned == sum(1 for m in in_year if m.kind.value != "dialogue")


# --- klu-rules evaluate --committee (the helper the command wires in) ------------------------


def evaluate(*args: str) -> int:
    return main(["evaluate", "--committee", str(EXAMPLE), *args])


class TestCli:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        # the records hold two of the year's meetings, AAL2021 asks for four: an error
        assert evaluate("--as-of", "2022-03-01") == 1
        out = capsys.readouterr().out
        assert "year.too-few-meetings-held" in out
        assert out.startswith("Vurdering af samarbejdet i KLU Aalborg 2021\n")
        assert "Antal møder: afholdt 2, planlagt 2, aflyst 0\n" in out
        assert "year.follow-up-overdue" in out
        assert "Årets forløb 2021 (pr. 1. marts 2022)" in out

    def test_markdown_and_csv(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert evaluate("--format", "markdown") == 0
        assert capsys.readouterr().out.startswith("# Vurdering af samarbejdet i KLU Aalborg 2021")
        assert evaluate("--format", "csv") == 0
        rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
        assert (rows[0][0], rows[1][0], rows[1][2]) == ("Kommunenavn", "Aalborg", "2")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert evaluate("--year", "2021", "--format", "json") == 0
        doc = json.loads(capsys.readouterr().out)
        assert doc["schema"] == COMMITTEE_SCHEMA
        assert doc["committee"] == "klu-aalborg"
        committee = load_committee(EXAMPLE)
        assert from_data(EvaluationReport, doc["report"]) == report_from_records(committee, 2021)
        assert YearReview.from_dict(doc["review"]) == review_year(committee, 2021)

    def test_year_needed_when_the_file_has_none(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "klu.toml"
        path.write_text(BASE, encoding="utf-8")
        assert main(["evaluate", "--committee", str(path)]) == 2
        assert "angiver intet år" in capsys.readouterr().err
        assert evaluate("--as-of", "x") == 2
        assert "--as-of tager en dato" in capsys.readouterr().err

    def test_render_before_the_rules(self) -> None:
        c = committee(meetings=(meeting("old", date(2010, 5, 1)),))
        assert "Ingen regler i kraft" in render_committee(c, 2010, "text", language="da")
        assert "No rules in force" in render_committee(c, 2010, "text")
        assert json.loads(render_committee(c, 2010, "json"))["review"] is None
        with pytest.raises(InvalidValueError, match="format must be one of"):
            render_committee(c, 2010, "pdf")

    def test_text_of_a_report_without_count(self) -> None:
        text = report_to_text(
            EvaluationReport(municipality="Varde", year=2023, topics=("Dosispakket medicin",)),
            "da",
        )
        assert "Antal møder: ikke oplyst" in text
        assert "  - Dosispakket medicin" in text
