"""Tests of klu_rules.io.ical: export, golden files, import, malformed input, the CLI.

The consumer tests (vobject, Radicale, CalDAV, recurring-ical-events) live in
``test_ical_consumers.py``. Set ``KLU_UPDATE_GOLDEN=1`` to rewrite the golden
files after an intended change of the output, then read the diff.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from helpers import (
    AALBORG_2023_EXIT,
    CPH,
    ROOT,
    cph,
    deadline_in,
    exit_of,
    rich_committee,
    without_builtin_notice,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from klu_rules import (
    Agenda,
    AgendaItem,
    Committee,
    FileFormatError,
    InvalidValueError,
    KluRulesError,
    Meeting,
    get_rule_set,
)
from klu_rules.checks.deadlines import plan_meetings, plan_year
from klu_rules.core.errors import NaiveDatetimeError
from klu_rules.core.language import LANGUAGES, Language
from klu_rules.io import ical
from klu_rules.io.presets import aalborg

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
STAMP = datetime(2024, 1, 2, 8, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def rich() -> Committee:
    return rich_committee()


def _calendar(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def _by_uid(calendar: Calendar) -> dict[str, Any]:
    return {str(c["UID"]): c for c in calendar.subcomponents if c.name in ("VEVENT", "VTODO")}


def _meeting_event(calendar: Calendar, meeting_id: str) -> Any:
    [event] = [
        c
        for c in calendar.walk("VEVENT")
        if str(c.get("X-KLU-MEETING-ID")) == meeting_id and "X-KLU-DEADLINE" not in c
    ]
    return event


# ---------------------------------------------------------------------------
# UIDs, DTSTAMP, PRODID


def test_uids_are_uuid5_of_committee_meeting_and_kind(rich: Committee) -> None:
    namespace = uuid.UUID("7dfbcd6e-c658-5e5d-be10-8fa276d2edbf")
    assert namespace == ical.NAMESPACE
    assert ical.meeting_uid("klu-aalborg", "m1") == str(uuid.uuid5(namespace, "klu-aalborg/m1"))
    assert ical.deadline_uid("klu-aalborg", "m1", "items_due") == str(
        uuid.uuid5(namespace, "klu-aalborg/m1/items_due")
    )
    assert ical.deadline_uid("klu-aalborg", "m1", "items_due", date(2023, 2, 20)) == str(
        uuid.uuid5(namespace, "klu-aalborg/m1/items_due/2023-02-20")
    )
    plan = plan_year(rich)
    expected = set()
    for meeting_plan in plan.meetings:
        expected.add(ical.meeting_uid("klu-test", meeting_plan.meeting.id))
        for deadline in meeting_plan.deadlines:
            expected.add(
                ical.deadline_uid("klu-test", meeting_plan.meeting.id, deadline.kind, deadline.date)
            )
    assert set(_by_uid(_calendar(ical.dump_ics(plan, committee=rich)))) == expected
    assert len(expected) == 4 + 3 * 3 + 1


def test_default_stamp_is_the_newest_rule_date() -> None:
    # national rules: the health reform's entries from 2027-01-01 are the newest
    assert ical.default_stamp(get_rule_set("aalborg")) == datetime(2027, 1, 1, tzinfo=UTC)
    assert ical.default_stamp(get_rule_set("national")) == datetime(2027, 1, 1, tzinfo=UTC)
    empty = attrs.evolve(get_rule_set("national"), entries=())
    assert ical.default_stamp(empty) == datetime(1970, 1, 1, tzinfo=UTC)
    with pytest.raises(InvalidValueError, match="RuleSet"):
        ical.default_stamp("national")  # type: ignore[arg-type]


def test_dtstamp_default_and_injected(rich: Committee) -> None:
    plan = plan_year(rich)
    default = ical.dump_ics(plan, committee=rich)
    assert set(re.findall(rb"DTSTAMP:(\S+)", default)) == {b"20270101T000000Z"}
    assert default == ical.dump_ics(plan_year(rich_committee()), committee=rich_committee())
    local = datetime(2024, 1, 2, 9, 30, 15, 999, tzinfo=CPH)
    stamped = ical.dump_ics(plan, committee=rich, stamp=local)
    assert set(re.findall(rb"DTSTAMP:(\S+)", stamped)) == {b"20240102T083015Z"}
    with pytest.raises(NaiveDatetimeError, match="stamp"):
        ical.dump_ics(plan, committee=rich, stamp=datetime(2024, 1, 1))
    with pytest.raises(InvalidValueError, match="stamp"):
        ical.dump_ics(plan, committee=rich, stamp=date(2024, 1, 1))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# meetings


def test_meeting_event(rich: Committee) -> None:
    calendar = _calendar(ical.dump_ics(plan_year(rich), committee=rich, stamp=STAMP))
    event = _meeting_event(calendar, "m1")
    assert event["UID"] == ical.meeting_uid("klu-test", "m1")
    assert event.start == cph(2024, 3, 4, 15)
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.end == cph(2024, 3, 4, 17)
    assert str(event["LOCATION"]) == "Rådhuset, mødelokale 2; 1. sal"
    assert (event["SEQUENCE"], str(event["STATUS"])) == (0, "CONFIRMED")
    assert str(event["X-KLU-MEETING-ID"]) == "m1"
    assert str(event["X-KLU-COMMITTEE-ID"]) == "klu-test"
    assert str(event["X-KLU-MEETING-KIND"]) == "ordinary"
    assert "X-KLU-MEETING-STATUS" not in event
    [timezone_component] = calendar.walk("VTIMEZONE")
    assert timezone_component["TZID"] == "Europe/Copenhagen"


def test_attendees_with_email_and_organizer(rich: Committee) -> None:
    """A PUBLISH feed names no attendee (RFC 5546 3.2.1); a CalDAV item, without METHOD, does."""
    feed = ical.dump_ics(plan_year(rich), committee=rich)
    assert b"METHOD:PUBLISH" in feed
    assert b"ATTENDEE" not in feed
    items = ical.dump_ics_items(plan_year(rich), committee=rich)
    calendar = _calendar(items[ical.meeting_uid("klu-test", "m1")])
    planned = _meeting_event(calendar, "m1")
    attendees = {str(a): a.params for a in planned["ATTENDEE"]}
    assert set(attendees) == {
        "mailto:karen@kommune.example",
        "mailto:anne@praksis.example",
        "mailto:eva@kommune.example",
        "mailto:gitte@kommune.example",
        "mailto:finn@kommune.example",
    }  # Dr Bo Læge has no e-mail address
    assert attendees["mailto:karen@kommune.example"]["ROLE"] == "CHAIR"
    assert attendees["mailto:karen@kommune.example"]["CN"] == "Karen Formand"
    assert attendees["mailto:anne@praksis.example"]["ROLE"] == "REQ-PARTICIPANT"
    assert attendees["mailto:eva@kommune.example"]["ROLE"] == "OPT-PARTICIPANT"
    assert {a["PARTSTAT"] for a in attendees.values()} == {"NEEDS-ACTION"}
    # the secretary, not the first secretariat member, organises
    assert str(planned["ORGANIZER"]) == "mailto:finn@kommune.example"
    assert planned["ORGANIZER"].params["CN"] == "Finn Sekretær"

    held = _meeting_event(_calendar(items[ical.meeting_uid("klu-test", "m2")]), "m2")
    states = {str(a): (a.params["PARTSTAT"], a.params["ROLE"]) for a in held["ATTENDEE"]}
    assert states["mailto:karen@kommune.example"] == ("ACCEPTED", "CHAIR")
    assert states["mailto:anne@praksis.example"] == ("DECLINED", "REQ-PARTICIPANT")
    assert states["mailto:carl@praksis.example"] == ("ACCEPTED", "REQ-PARTICIPANT")
    assert states["mailto:dorte@praksis.example"] == ("ACCEPTED", "OPT-PARTICIPANT")
    assert str(held["X-KLU-MEETING-STATUS"]) == "held"
    assert held["SEQUENCE"] == 2


def test_organizer_argument_and_fallbacks(rich: Committee) -> None:
    plan = plan_year(rich)
    explicit = _calendar(
        ical.dump_ics(plan, committee=rich, organizer="mailto:klu@kommune.example")
    )
    assert str(_meeting_event(explicit, "m1")["ORGANIZER"]) == "mailto:klu@kommune.example"
    for bad in ("not an address", "@kommune.example", "a@b@c.dk", "anne@localhost", 42):
        with pytest.raises(InvalidValueError, match="organizer"):
            ical.dump_ics(plan, committee=rich, organizer=bad)  # type: ignore[arg-type]
    # without a secretary, the secretariat staff organise
    staff_only = attrs.evolve(rich, secretariat=rich.secretariat[:1])
    calendar = _calendar(ical.dump_ics(plan_year(staff_only), committee=staff_only))
    assert str(_meeting_event(calendar, "m1")["ORGANIZER"]) == "mailto:gitte@kommune.example"
    # without any address known: no ORGANIZER, no ATTENDEE
    calendar = _calendar(ical.dump_ics(plan_year(aalborg()), committee=aalborg()))
    event = calendar.walk("VEVENT")[0]
    assert "ORGANIZER" not in event
    assert "ATTENDEE" not in event


def test_without_committee_the_plan_names_it(rich: Committee) -> None:
    plan = plan_year(rich)
    calendar = _calendar(ical.dump_ics(plan))
    event = _meeting_event(calendar, "m1")
    assert event["UID"] == ical.meeting_uid("klu-test", "m1")
    assert "ATTENDEE" not in event
    assert "ORGANIZER" not in event
    assert str(event["DESCRIPTION"]).startswith("KLU Testkommune\n")


@pytest.mark.parametrize(
    ("language", "summary", "cancelled"),
    [
        ("da", "Aflyst: KLU-møde", "Mødet er aflyst."),
        ("en", "Cancelled: KLU meeting", "The meeting is cancelled."),
    ],
)
def test_cancelled_meeting_and_its_deadlines(
    rich: Committee, language: Language, summary: str, cancelled: str
) -> None:
    calendar = _calendar(ical.dump_ics(plan_year(rich), committee=rich, language=language))
    event = _meeting_event(calendar, "m3")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == summary
    assert event["SEQUENCE"] == 1
    assert cancelled in str(event["DESCRIPTION"])
    deadlines = [
        c
        for c in calendar.walk("VEVENT")
        if "X-KLU-DEADLINE" in c and str(c["X-KLU-MEETING-ID"]) == "m3"
    ]
    assert len(deadlines) == 3
    for deadline in deadlines:
        assert deadline["UID"] == ical.deadline_uid(
            "klu-test", "m3", str(deadline["X-KLU-DEADLINE"]), deadline["DTSTART"].dt
        )
        assert str(deadline["STATUS"]) == "CANCELLED"
        assert str(deadline["SUMMARY"]).startswith(summary.split()[0])
        assert deadline["SEQUENCE"] == 1
        assert not deadline.walk("VALARM")


def test_cancelling_keeps_uids_and_raises_sequence(rich: Committee) -> None:
    before = _by_uid(_calendar(ical.dump_ics(plan_year(rich), committee=rich)))
    m1 = rich.meeting("m1")
    cancelled = attrs.evolve(m1, status="cancelled", revision=m1.revision + 1)
    changed = attrs.evolve(rich, meetings=(cancelled, *rich.meetings[1:]))
    after = _by_uid(_calendar(ical.dump_ics(plan_year(changed), committee=changed)))
    assert set(before) == set(after)
    for uid, component in after.items():
        if str(component["X-KLU-MEETING-ID"]) == "m1":
            assert component["SEQUENCE"] == 1
            assert str(component["STATUS"]) == "CANCELLED"
        else:
            assert component.to_ical() == before[uid].to_ical()


def test_dialogue_meeting_without_end(rich: Committee) -> None:
    calendar = _calendar(ical.dump_ics(plan_year(rich), committee=rich))
    event = _meeting_event(calendar, "m4")
    assert "DTEND" not in event
    assert str(event["X-KLU-MEETING-KIND"]) == "dialogue"
    assert deadline_in(_by_uid(calendar), "m4", "dialogue_announcement").start == date(2024, 8, 7)


def test_ambiguous_wall_time_is_written_in_utc() -> None:
    # 02:30 on 27 October 2024 happens twice in Copenhagen; the second one is 01:30 UTC
    second = datetime(2024, 10, 27, 2, 30, tzinfo=CPH, fold=1)
    meeting = Meeting(id="night", start=second, end=datetime(2024, 10, 27, 4, tzinfo=CPH))
    committee = rich_committee((meeting,))
    data = ical.dump_ics(plan_year(committee), committee=committee)
    assert b"DTSTART:20241027T013000Z\r\n" in data
    assert b"DTEND;TZID=Europe/Copenhagen:20241027T040000\r\n" in data
    [back] = ical.parse_ics(data)
    assert back.start.astimezone(UTC) == datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    assert back.start.fold == 1


def _vtimezone(data: bytes) -> bytes:
    return data[data.index(b"BEGIN:VTIMEZONE") : data.index(b"END:VTIMEZONE")]


def test_vtimezone_is_the_same_in_every_export(rich: Committee) -> None:
    ours = _vtimezone(ical.dump_ics(plan_year(rich), committee=rich))
    assert ours == _vtimezone(ical.dump_ics(plan_year(aalborg()), committee=aalborg()))
    item = ical.dump_ics_items(plan_year(rich), committee=rich)[ical.meeting_uid("klu-test", "m1")]
    assert _vtimezone(item) == ours
    meeting = Meeting(id="late", start=cph(2040, 12, 31, 22), end=cph(2041, 1, 1, 1))
    late = rich_committee((meeting,))
    assert _vtimezone(ical.dump_ics(plan_year(late, 2040), committee=late)) == ours


# ---------------------------------------------------------------------------
# deadlines


@pytest.mark.parametrize(
    ("language", "alarm_text"),
    [
        ("da", "Påmindelse: Udsendelse af dagsorden – KLU-møde 4. marts 2024, frist 19. februar"),
        ("en", "Reminder: Agenda dispatch – KLU meeting 4 March 2024, due 19 February 2024"),
    ],
)
def test_deadline_is_all_day_event_with_alarm(
    rich: Committee, language: Language, alarm_text: str
) -> None:
    plan = plan_year(rich)
    calendar = _calendar(ical.dump_ics(plan, committee=rich, language=language))
    event = deadline_in(_by_uid(calendar), "m1", "agenda_dispatch")
    assert event.name == "VEVENT"
    assert event.start == date(2024, 2, 19)
    assert event.end == date(2024, 2, 20)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["TRANSP"]) == "TRANSPARENT"
    [alarm] = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(hours=-15)
    assert str(alarm["DESCRIPTION"]).startswith(alarm_text)


@pytest.mark.parametrize(
    ("language", "roll", "rule"),
    [
        (
            "da",
            "torsdag den 9. maj 2024 er ikke en arbejdsdag (Kristi himmelfartsdag), så fristen "
            "flyttes til følgende arbejdsdag, fredag den 10. maj 2024.",
            "Regel: senest 2 uger efter indkaldelsen af dagsordenspunkter torsdag den 25. april",
        ),
        (
            "en",
            "Thursday 9 May 2024 is not a working day (Ascension Day), so the deadline moves to "
            "the following working day, Friday 10 May 2024.",
            "Rule: no later than 2 weeks after the call for agenda items on Thursday 25 April",
        ),
    ],
)
def test_rolled_deadline_explains_the_closed_day(language: Language, roll: str, rule: str) -> None:
    # 4 weeks before Thursday 23 May 2024 is Thursday 25 April; 2 weeks after that is
    # Thursday 9 May 2024, Ascension Day, so items are due the following working day.
    meeting = Meeting(id="may", start=cph(2024, 5, 23, 15), end=cph(2024, 5, 23, 17))
    committee = rich_committee((meeting,))
    data = ical.dump_ics(plan_year(committee), committee=committee, language=language)
    event = deadline_in(_by_uid(_calendar(data)), "may", "items_due")
    assert event.start == date(2024, 5, 10)
    assert roll in str(event["DESCRIPTION"])
    assert rule in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    ("language", "heading", "sources"),
    [
        ("da", "Dagsorden:\n1. Godkendelse af dagsordenen\n\nFrister:", "Kilder:"),
        ("en", "Agenda:\n1. Godkendelse af dagsordenen\n\nDeadlines:", "Sources:"),
    ],
)
def test_agenda_without_durations_and_deadline_without_sources(
    rich: Committee, language: Language, heading: str, sources: str
) -> None:
    agenda = Agenda((AgendaItem("1", "Godkendelse af dagsordenen", "approval"),))
    committee = attrs.evolve(rich, meetings=(attrs.evolve(rich.meeting("m1"), agenda=agenda),))
    plan = plan_year(committee)
    first = plan.meetings[0]
    bare = attrs.evolve(
        first, deadlines=tuple(attrs.evolve(d, sources=()) for d in first.deadlines)
    )
    data = ical.dump_ics(
        attrs.evolve(plan, meetings=(bare,)), committee=committee, language=language
    )
    calendar = _calendar(data)
    event = _meeting_event(calendar, "m1")
    assert heading in str(event["DESCRIPTION"])
    for component in calendar.walk("VEVENT"):
        assert sources not in str(component["DESCRIPTION"])


def test_done_steps_have_no_alarm(rich: Committee) -> None:
    calendar = _by_uid(_calendar(ical.dump_ics(plan_year(rich), committee=rich)))
    called = deadline_in(calendar, "m2", "call_for_items")
    assert not called.walk("VALARM")
    due = deadline_in(calendar, "m2", "items_due")
    assert due.walk("VALARM")


def test_alarm_option(rich: Committee) -> None:
    plan = plan_year(rich)
    none = ical.dump_ics(plan, committee=rich, alarm=None)
    assert b"BEGIN:VALARM" not in none
    morning = ical.dump_ics(plan, committee=rich, alarm=timedelta(hours=9))
    assert b"TRIGGER:PT9H\r\n" in morning
    with pytest.raises(InvalidValueError, match="alarm"):
        ical.dump_ics(plan, committee=rich, alarm=9)  # type: ignore[arg-type]


def test_todo_option(rich: Committee) -> None:
    data = ical.dump_ics(plan_year(rich), committee=rich, todo=True)
    assert b"DUE;VALUE=DATE:20240219\r\n" in data
    calendar = _calendar(data)
    assert len(calendar.walk("VTODO")) == 10
    assert all("X-KLU-DEADLINE" not in e for e in calendar.walk("VEVENT"))
    todos = _by_uid(calendar)
    todo = deadline_in(todos, "m1", "agenda_dispatch")
    assert todo["DUE"].dt == date(2024, 2, 19)
    assert todo["DUE"].params["VALUE"] == "DATE"
    assert "DTSTART" not in todo
    assert str(todo["STATUS"]) == "NEEDS-ACTION"
    [alarm] = todo.walk("VALARM")
    assert alarm["TRIGGER"].params["RELATED"] == "END"
    done = deadline_in(todos, "m2", "agenda_dispatch")
    assert str(done["STATUS"]) == "COMPLETED"
    assert done["COMPLETED"].dt == datetime(2024, 5, 16, 22, tzinfo=UTC)
    assert not done.walk("VALARM")
    cancelled = deadline_in(todos, "m3", "agenda_dispatch")
    assert str(cancelled["STATUS"]) == "CANCELLED"


# ---------------------------------------------------------------------------
# feeds and items


def test_items_one_calendar_per_uid(rich: Committee) -> None:
    plan = plan_year(rich)
    feed = _by_uid(_calendar(ical.dump_ics(plan, committee=rich)))
    items = ical.dump_ics_items(plan, committee=rich)
    assert list(items) == list(feed)
    for uid, data in items.items():
        calendar = _calendar(data)
        [component] = [c for c in calendar.subcomponents if c.name != "VTIMEZONE"]
        assert str(component["UID"]) == uid
        component.pop("ATTENDEE", None)  # written in an item, not in a PUBLISH feed
        assert component.to_ical() == feed[uid].to_ical()
        assert "UID" not in calendar
        assert calendar["PRODID"] == ical.PRODID
        has_tzid = b"TZID=" in component.to_ical()
        assert bool(calendar.walk("VTIMEZONE")) == has_tzid
    objects = ical.build_items(plan, committee=rich)
    assert set(objects) == set(items)
    assert all(isinstance(c, Calendar) for c in objects.values())


def test_feed_name_and_uid_name_the_years(rich: Committee) -> None:
    feed = ical.build_feed(plan_year(rich), committee=rich)
    assert str(feed["X-WR-CALNAME"]) == "KLU Testkommune 2024"
    assert str(feed["UID"]) == str(uuid.uuid5(ical.NAMESPACE, "klu-test/KLU Testkommune 2024"))
    later = Meeting(id="m2025", start=cph(2025, 3, 3, 15), end=cph(2025, 3, 3, 17))
    committee = attrs.evolve(rich, meetings=(*rich.meetings, later))
    feed = ical.build_feed([plan_year(committee, 2024), plan_year(committee, 2025)])
    assert str(feed["X-WR-CALNAME"]) == "KLU Testkommune 2024–2025"
    assert ical.meeting_uid("klu-test", "m2025") in _by_uid(feed)
    assert len(feed.walk("VTIMEZONE")) == 1
    empty = ical.build_feed(plan_year(rich, 2030), committee=rich)
    assert (empty.subcomponents, str(empty["X-WR-CALNAME"])) == ([], "KLU Testkommune 2030")
    assert ical.build_feed([], committee=rich)["X-WR-CALNAME"] == "KLU Testkommune"
    assert ical.dump_ics_items(plan_year(rich, 2030), committee=rich) == {}


def test_loose_meetings_need_the_committee(rich: Committee) -> None:
    plan = plan_meetings([rich.meeting("m1")], "aalborg")
    with pytest.raises(InvalidValueError, match="committee="):
        ical.dump_ics(plan)
    data = ical.dump_ics(plan, committee=rich)
    assert ical.meeting_uid("klu-test", "m1").encode() in data


def test_export_argument_errors(rich: Committee) -> None:
    plan = plan_year(rich)
    with pytest.raises(InvalidValueError, match="year plan"):
        ical.dump_ics(rich)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="year plan"):
        ical.dump_ics(plan.meetings[0])  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="YearPlan values"):
        ical.dump_ics([plan, "x"])  # type: ignore[list-item]
    with pytest.raises(InvalidValueError, match="Committee"):
        ical.dump_ics(plan, committee="klu-test")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="not of 'klu-aalborg'"):
        ical.dump_ics(plan, committee=aalborg())
    with pytest.raises(InvalidValueError, match="several committees"):
        ical.dump_ics([plan, plan_year(aalborg())])
    with pytest.raises(InvalidValueError, match="no committee"):
        ical.dump_ics([])
    other_zone = attrs.evolve(rich, id="klu-test", timezone="Europe/London")
    with pytest.raises(InvalidValueError, match="time zones"):
        ical.dump_ics([plan, plan_year(other_zone)], committee=rich)


# ---------------------------------------------------------------------------
# golden files


def _golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("KLU_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.read_bytes() == data, f"{name} changed; see the module docstring to update it"


@pytest.mark.parametrize(
    ("committee", "options", "name"),
    [
        (aalborg(), {}, "aalborg-2023.ics"),
        (aalborg(), {"todo": True, "stamp": STAMP}, "aalborg-2023-todo.ics"),
        (rich_committee(), {"stamp": STAMP}, "klu-test-2024.ics"),
    ],
)
def test_golden_feed(committee: Committee, options: dict[str, Any], name: str) -> None:
    _golden(
        name, ical.dump_ics(plan_year(committee), committee=committee, language="da", **options)
    )


def test_golden_item(rich: Committee) -> None:
    items = ical.dump_ics_items(plan_year(rich), committee=rich, stamp=STAMP, language="da")
    uid = ical.meeting_uid("klu-test", "m1")
    _golden(f"{uid}.ics", items[uid])


# ---------------------------------------------------------------------------
# import


def _ics(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _event(*properties: str) -> bytes:
    return _ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//test//EN",
        "BEGIN:VEVENT",
        *properties,
        "END:VEVENT",
        "END:VCALENDAR",
    )


@pytest.mark.parametrize("todo", [False, True], ids=["events", "todos"])
def test_import_our_export_skips_the_deadlines(rich: Committee, todo: bool) -> None:
    meetings = ical.parse_ics(ical.dump_ics(plan_year(rich), committee=rich, todo=todo))
    assert [m.id for m in meetings] == ["m1", "m2", "m3", "m4"]
    m1, m2, m3, m4 = meetings
    assert (m1.start, m1.end) == (cph(2024, 3, 4, 15), cph(2024, 3, 4, 17))
    assert m1.title == "Temamøde om demens"
    assert m1.location == "Rådhuset, mødelokale 2; 1. sal"
    assert (m1.agenda, m1.attendance) == (None, ())
    assert (m2.status.value, m2.revision, m2.title) == ("held", 2, None)
    assert (m3.status.value, m3.revision, m3.title) == ("cancelled", 1, None)
    assert (m4.kind.value, m4.title, m4.end) == ("dialogue", "Dialogmøde", None)
    assert m1.start.tzinfo == CPH


OUTLOOK = _ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:PUBLISH",
    "BEGIN:VTIMEZONE",
    "TZID:Romance Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16011028T030000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010325T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    "UID:040000008200E00074C5B7101A82E0080000000070C5D1B3A1D9D9010000000000000000100000004F",
    "DTSTART;TZID=Romance Standard Time:20230601T150000",
    "DTEND;TZID=Romance Standard Time:20230601T170000",
    "SUMMARY;LANGUAGE=da:KLU-møde juni",
    "LOCATION:Rådhuset\\, mødelokale 1",
    "SEQUENCE:2",
    "STATUS:CONFIRMED",
    "DTSTAMP:20230101T120000Z",
    "BEGIN:VALARM",
    "TRIGGER:-PT15M",
    "ACTION:DISPLAY",
    "DESCRIPTION:Reminder",
    "END:VALARM",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:7kukuqrfedlm2f9t0vhpm1s3kc@google.com",
    "DTSTART:20231005T130000Z",
    "DURATION:PT2H",
    "SUMMARY:Aflyst: KLU-møde",
    "STATUS:CANCELLED",
    "DTSTAMP:20230101T120000Z",
    "END:VEVENT",
    "BEGIN:VTODO",
    "UID:todo-1",
    "DTSTAMP:20230101T120000Z",
    "SUMMARY:Send the agenda",
    "END:VTODO",
    "END:VCALENDAR",
)


def test_import_of_other_programs_files() -> None:
    outlook, google = ical.parse_ics(OUTLOOK)
    assert outlook.id.startswith("040000008200E000")  # a valid id: used as it is
    assert outlook.start == cph(2023, 6, 1, 15)
    assert outlook.end == cph(2023, 6, 1, 17)
    assert outlook.start.tzinfo == CPH
    assert (outlook.title, outlook.location) == ("KLU-møde juni", "Rådhuset, mødelokale 1")
    assert (outlook.revision, outlook.status.value, outlook.kind.value) == (
        2,
        "planned",
        "ordinary",
    )
    # '@' is not allowed in an id: the id is derived from the UID
    expected = "ical-" + uuid.uuid5(ical.NAMESPACE, "7kukuqrfedlm2f9t0vhpm1s3kc@google.com").hex
    assert google.id == expected
    assert google.start == cph(2023, 10, 5, 15)
    assert google.end == cph(2023, 10, 5, 17)
    assert google.status.value == "cancelled"
    assert google.title == "Aflyst: KLU-møde"  # not ours: the summary is kept as it is


def test_import_time_zone_argument() -> None:
    [meeting] = ical.parse_ics(
        _event("UID:a", "DTSTART:20230306T150000", "DTEND:20230306T170000"),
        timezone="Europe/London",
    )
    assert meeting.start == datetime(2023, 3, 6, 15, tzinfo=meeting.start.tzinfo)
    assert meeting.start.utcoffset() == timedelta(0)
    [utc] = ical.parse_ics(_event("UID:a", "DTSTART:20230306T150000Z"), timezone="Europe/London")
    assert utc.start.astimezone(UTC) == datetime(2023, 3, 6, 15, tzinfo=UTC)
    with pytest.raises(InvalidValueError, match="time zone"):
        ical.parse_ics(_event("UID:a", "DTSTART:20230306T150000Z"), timezone="Mars/Base")


def test_floating_times_are_read_in_the_committee_zone() -> None:
    [meeting] = ical.parse_ics(_event("UID:a", "DTSTART:20231130T150000"))
    assert meeting.start == cph(2023, 11, 30, 15)
    assert meeting.start.tzinfo == CPH


def test_read_and_load_with_a_path(tmp_path: Path, rich: Committee) -> None:
    path = tmp_path / "klu.ics"
    path.write_bytes(ical.dump_ics(plan_year(rich), committee=rich))
    assert [m.id for m in ical.load_ics(path)] == ["m1", "m2", "m3", "m4"]
    assert ical.load_ics(str(path)) == ical.parse_ics(path.read_bytes())
    assert ical.parse_ics(path.read_text("utf-8")) == ical.load_ics(path)
    with pytest.raises(FileFormatError, match="cannot read the file") as info:
        ical.load_ics(tmp_path / "missing.ics")
    assert info.value.path == str(tmp_path / "missing.ics")
    bad = tmp_path / "bad.ics"
    bad.write_bytes(_event("UID:a"))
    with pytest.raises(FileFormatError) as info:
        ical.load_ics(bad)
    assert str(info.value).startswith(f"{bad}:4: ")


def test_bom_and_lf_line_ends_are_accepted() -> None:
    data = "\ufeff" + _event("UID:a", "DTSTART:20230306T150000Z").decode().replace("\r\n", "\n")
    assert [m.id for m in ical.parse_ics(data.encode("utf-8"))] == ["a"]


def test_several_calendars_in_one_file() -> None:
    one = _event("UID:a", "DTSTART:20230306T150000Z")
    two = _event("UID:b", "DTSTART:20230307T150000Z")
    assert [m.id for m in ical.parse_ics(one + two)] == ["a", "b"]


def test_title_round_trip_details() -> None:
    def title(summary: str, *extra: str) -> str | None:
        [meeting] = ical.parse_ics(
            _event("UID:a", "X-KLU-MEETING-ID:a", "DTSTART:20230306T150000Z", summary, *extra)
        )
        return meeting.title

    assert title("SUMMARY:KLU-møde") is None
    assert title("SUMMARY:Aflyst: KLU-møde", "STATUS:CANCELLED") is None
    assert title("SUMMARY:KLU-møde: Budget") == "Budget"
    assert title("SUMMARY:Aflyst: KLU-møde: Budget", "STATUS:CANCELLED") == "Budget"
    assert title("SUMMARY:Dialogmøde", "X-KLU-MEETING-KIND:dialogue") is None
    assert title("SUMMARY:Noget andet") == "Noget andet"
    assert title("SUMMARY: ") is None
    assert title("X-FOO:1") is None


@pytest.mark.parametrize(
    ("properties", "status"),
    [
        (("STATUS:TENTATIVE",), "planned"),
        (("STATUS:confirmed",), "planned"),
        (("X-KLU-MEETING-STATUS:held",), "held"),
        (("X-KLU-MEETING-STATUS:planned",), "planned"),
        (("STATUS:CANCELLED", "X-KLU-MEETING-STATUS:held"), "cancelled"),
    ],
)
def test_import_status(properties: tuple[str, ...], status: str) -> None:
    [meeting] = ical.parse_ics(_event("UID:a", "DTSTART:20230306T150000Z", *properties))
    assert meeting.status.value == status


def test_other_components_are_skipped() -> None:
    journal = _ics("BEGIN:VCALENDAR", "BEGIN:VJOURNAL", "END:VJOURNAL", "BEGIN:X-A", "END:X-A")
    assert ical.parse_ics(journal + b"END:VCALENDAR\r\n") == ()


# --- malformed input: each case names the line -----------------------------

VALID = _event("UID:a", "DTSTART:20230306T150000Z", "DTEND:20230306T170000Z")


def _started(*properties: str) -> bytes:
    return _event("UID:a", "DTSTART:20230306T150000Z", *properties)


MALFORMED = {
    "truncated": (VALID[:60], 4, "ends in the middle of a line"),
    "truncated-end": (VALID[: VALID.rindex(b"END:VCALENDAR")], 1, "never closed"),
    "truncated-mid-property": (
        b"\r\n".join(VALID.split(b"\r\n")[:5]) + b"\r\nDTSTA",
        6,
        "it is truncated",
    ),
    "bad-dtstart": (_event("UID:a", "DTSTART:2023-03-06 15:00"), 6, "cannot read DTSTART"),
    "short-dtstart": (
        _event("UID:a", "DTSTART;TZID=Europe/Copenhagen:20230306T1500"),
        6,
        "cannot read DTSTART",
    ),
    "missing-end-vevent": (
        _ics(
            "BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a", "DTSTART:20230306T150000Z", "END:VCALENDAR"
        ),
        5,
        "END:VCALENDAR, but the VEVENT opened at line 2 is still open",
    ),
    "missing-end-vevent-before-next": (
        _ics(
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT",
            "UID:a",
            "BEGIN:VEVENT",
            "UID:b",
            "END:VEVENT",
            "END:VCALENDAR",
        ),
        4,
        "BEGIN:VEVENT inside the VEVENT opened at line 2",
    ),
    "wrong-end": (
        _ics("BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VTODO", "END:VCALENDAR"),
        3,
        "END:VTODO, but the VEVENT",
    ),
    "end-without-begin": (
        _ics("BEGIN:VCALENDAR", "END:VCALENDAR", "END:VCALENDAR"),
        3,
        "without a matching BEGIN",
    ),
    "garbage": (b"garbage\r\nmore garbage\r\n", 1, "not an iCalendar content line"),
    "binary": (b"BEGIN:VCALENDAR\r\n\x00\x01\x02 binary\r\n", 2, "not an iCalendar content line"),
    "vcard": (_ics("BEGIN:VCARD", "FN:Anne", "END:VCARD"), 1, "expected BEGIN:VCALENDAR"),
    "property-outside": (
        _ics("VERSION:2.0", "BEGIN:VCALENDAR", "END:VCALENDAR"),
        1,
        "outside BEGIN:VCALENDAR",
    ),
    "unclosed-quote": (
        _ics(
            "BEGIN:VCALENDAR",
            "BEGIN:VEVENT",
            "UID:a",
            'DTSTART;TZID="Europe/Copenhagen:20230306T150000',
            "END:VEVENT",
            "END:VCALENDAR",
        ),
        4,
        "not an iCalendar content line",
    ),
    "latin-1": (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:møde\r\n".encode("latin-1"),
        3,
        "not UTF-8",
    ),
    "no-dtstart": (_event("UID:a", "SUMMARY:no start"), 4, "has no DTSTART"),
    "unknown-tzid": (
        _event("UID:a", "DTSTART;TZID=Mars/Olympus:20230306T150000"),
        6,
        "neither an IANA zone",
    ),
    "end-before-start": (_started("DTEND:20230306T140000Z"), 7, "ends"),
    "date-end": (_started("DTEND;VALUE=DATE:20230307"), 7, "DTEND is a date"),
    "end-and-duration": (
        _started("DTEND:20230306T170000Z", "DURATION:PT1H"),
        8,
        "both DTEND and DURATION",
    ),
    "negative-duration": (_started("DURATION:-PT1H"), 7, "ends"),
    "bad-sequence": (_started("SEQUENCE:two"), 7, "cannot read SEQUENCE"),
    "negative-sequence": (_started("SEQUENCE:-1"), 7, "0 or more"),
    "two-sequences": (_started("SEQUENCE:1", "SEQUENCE:2"), 7, "more than once"),
    "two-dtstarts": (_started("DTSTART:20230306T160000Z"), 6, "more than once"),
    "status": (_started("STATUS:DONE"), 7, "STATUS"),
    "kind": (_started("X-KLU-MEETING-KIND:party"), 7, "X-KLU-MEETING-KIND"),
    "own-status": (_started("X-KLU-MEETING-STATUS:cancelled"), 7, "X-KLU-MEETING-STATUS"),
    "own-id": (_started("X-KLU-MEETING-ID:not an id"), 7, "not a valid meeting id"),
    "two-locations": (_started("LOCATION:x", "LOCATION:y"), 7, "LOCATION appears more than once"),
    "bad-duration": (_started("DURATION:soon"), 7, "DURATION"),
    "text-duration": (
        _started("DURATION;VALUE=TEXT:two hours"),
        7,
        "expected a duration like PT2H",
    ),
    "text-dtstart": (
        _event("UID:a", "DTSTART;VALUE=TEXT:tomorrow"),
        6,
        "expected a date or date-time",
    ),
    "time-dtstart": (
        _event("UID:a", "DTSTART:150000"),
        6,
        "expected a date or date-time, got datetime.time(15, 0)",
    ),
    "text-sequence": (
        _started("SEQUENCE;VALUE=TEXT:first"),
        7,
        "SEQUENCE must be one whole number",
    ),
    "broken-parameter": (_event("UID:a", "DTSTART;=x:20230306T150000Z"), 6, "not an iCalendar"),
    "dst-gap": (_event("UID:a", "DTSTART:20230326T023000"), 6, "does not exist"),
    "dst-overlap": (_event("UID:a", "SUMMARY:x", "DTSTART:20231029T023000"), 7, "occurs twice"),
    "folded-line": (
        _event("UID:a", "SUMMARY:a long", "  summary", "DTSTART:2023", " 0306T15XX00"),
        8,
        "cannot read DTSTART",
    ),
    "duplicate-uid": (VALID + VALID.replace(b"T150000Z", b"T160000Z"), 13, "appears twice"),
}


@pytest.mark.parametrize(("data", "line", "message"), MALFORMED.values(), ids=MALFORMED)
def test_malformed_input_names_the_line(data: bytes, line: int, message: str) -> None:
    with pytest.raises(FileFormatError, match=re.escape(message)) as info:
        ical.parse_ics(data, path="klu.ics")
    assert info.value.line == line
    assert str(info.value).startswith(f"klu.ics:{line}: ")


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", ""])
def test_empty_input(data: bytes | str) -> None:
    with pytest.raises(FileFormatError, match="empty"):
        ical.parse_ics(data)


def test_wrong_type_of_input() -> None:
    with pytest.raises(InvalidValueError, match="must be bytes, text, a binary or text file"):
        ical.parse_ics(42)  # type: ignore[arg-type]


def test_errors_inside_vtimezone_have_no_stray_exception() -> None:
    data = _ics(
        "BEGIN:VCALENDAR",
        "BEGIN:VTIMEZONE",
        "TZID:Broken",
        "BEGIN:STANDARD",
        "DTSTART:1601XX28T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
        "END:VCALENDAR",
    )
    with pytest.raises(FileFormatError, match="not valid iCalendar data"):
        ical.parse_ics(data)


# ---------------------------------------------------------------------------
# properties: round trip on generated meetings, and robustness

_ZONES = [CPH, UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))]
# icalendar drops a byte order mark (U+FEFF) at the start of a text value, so none is drawn
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufeff")
    | st.sampled_from(",;:\\\"'"),
    max_size=30,
)


@st.composite
def meetings_in(draw: st.DrawFn, year: int) -> Meeting:
    """A meeting of ``year`` with the fields iCalendar carries, at whole seconds."""
    first = datetime(year, 1, 1, tzinfo=UTC)
    seconds = draw(st.integers(0, 364 * 86400 - 2 * 86400))
    start = (first + timedelta(seconds=seconds)).astimezone(draw(st.sampled_from(_ZONES)))
    assume(start.astimezone(CPH).year == year)
    minutes = draw(st.none() | st.integers(1, 8 * 60))
    return Meeting(
        id=draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,20}", fullmatch=True)),
        start=start,
        end=None if minutes is None else start + timedelta(minutes=minutes),
        kind=draw(st.sampled_from(["ordinary", "dialogue", "extraordinary"])),
        status=draw(st.sampled_from(["planned", "held", "cancelled"])),
        revision=draw(st.integers(0, 10_000)),
        location=draw(st.none() | _TEXT),
        title=draw(st.none() | _TEXT),
    )


@st.composite
def committees_with_meetings(draw: st.DrawFn) -> Committee:
    year = draw(st.integers(2012, 2035))
    meetings = draw(st.lists(meetings_in(year), min_size=1, max_size=5, unique_by=lambda m: m.id))
    return rich_committee(tuple(meetings))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(committees_with_meetings(), st.booleans(), st.sampled_from(LANGUAGES))
def test_export_import_export_is_identical(
    committee: Committee, todo: bool, language: Language
) -> None:
    year = committee.meetings[0].start.astimezone(CPH).year
    first = ical.dump_ics(
        plan_year(committee, year), committee=committee, todo=todo, language=language
    )
    imported = ical.parse_ics(first)
    by_id = {m.id: m for m in committee.meetings}
    assert sorted(m.id for m in imported) == sorted(by_id)
    for meeting in imported:
        original = by_id[meeting.id]
        assert meeting.start.astimezone(UTC) == original.start.astimezone(UTC)
        if original.end is None:
            assert meeting.end is None
        else:
            assert meeting.end is not None
            assert meeting.end.astimezone(UTC) == original.end.astimezone(UTC)
        assert (meeting.kind, meeting.status, meeting.revision) == (
            original.kind,
            original.status,
            original.revision,
        )
        assert meeting.location == (original.location or None)
        title = original.title
        assert meeting.title == (title if title and title.strip() else None)
    again = attrs.evolve(committee, meetings=imported)
    assert (
        ical.dump_ics(plan_year(again, year), committee=again, todo=todo, language=language)
        == first
    )


_FEED = ical.dump_ics(plan_year(rich_committee()), committee=rich_committee())
_FEED_LINES = _FEED.split(b"\r\n")


def _never_stray(data: bytes) -> None:
    """Reading ``data`` gives meetings or a KluRulesError, never another exception."""
    with contextlib.suppress(KluRulesError):
        ical.parse_ics(data)


_PROPERTY_LINES = st.builds(
    "{}{}:{}".format,
    st.sampled_from(
        (
            *("DTSTART", "DTEND", "DURATION", "SEQUENCE", "STATUS", "UID", "SUMMARY", "RRULE"),
            *("RECURRENCE-ID", "BEGIN", "END", "X-KLU-MEETING-ID", "X-KLU-MEETING-KIND"),
            *("X-KLU-MEETING-STATUS", "X-KLU-DEADLINE", "TZID", "RDATE", "ATTENDEE"),
        )
    ),
    st.sampled_from(["", ";VALUE=DATE", ";TZID=Europe/Copenhagen", ";TZID=Nowhere"])
    | st.sampled_from([";VALUE=TEXT", ";VALUE=PERIOD", ';X="a:b"', ";RELATED=END"]),
    st.sampled_from(["20230306T150000", "20230306T150000Z", "20230306", "PT2H", "-PT1H"])
    | st.sampled_from(["VEVENT", "VALARM", "VTIMEZONE", "CANCELLED", "held", "dialogue", "-1"])
    | st.text(max_size=10),
)


@st.composite
def damaged_feeds(draw: st.DrawFn) -> bytes:
    """The feed cut short, or with lines replaced by junk, dropped or inserted."""
    how = draw(st.sampled_from(["cut", "replace", "drop", "insert"]))
    if how == "cut":
        return _FEED[: draw(st.integers(0, len(_FEED)))]
    lines = list(_FEED_LINES)
    for _ in range(draw(st.integers(1, 5))):
        index = draw(st.integers(0, len(lines) - 1))
        if how == "replace":
            lines[index] = draw(st.binary(max_size=40))
        elif how == "drop":
            del lines[index]
        else:
            lines.insert(index, draw(_PROPERTY_LINES).encode("utf-8"))
    return b"\r\n".join(lines)


@settings(max_examples=200)
@given(damaged_feeds() | st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_a_damaged_feed_or_garbage_is_read_or_a_clear_error(data: bytes) -> None:
    _never_stray(data)


# ---------------------------------------------------------------------------
# lazy import


def test_import_klu_rules_and_plan_do_not_import_icalendar() -> None:
    code = (
        "import io, sys, contextlib, klu_rules, klu_rules.checks.deadlines\n"
        "from klu_rules.cli import build_parser, main\n"
        "build_parser()\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['plan']) == 1\n"
        "loaded = {'icalendar', 'klu_rules.io.ical', 'klu_rules.cli.ics',\n"
        "          'klu_rules.cli.evaluate', 'klu_rules.cli.coverage',\n"
        "          'klu_rules.cli.check_meeting'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------
# klu-rules ics


def _run(argv: list[str], capsys: pytest.CaptureFixture[bytes]) -> tuple[int, bytes, str]:
    from klu_rules.cli import main

    status = main(["ics", "--lang", "en", *argv])  # the feeds compared are the API's, in English
    out, err = capsys.readouterr()
    return status, out, without_builtin_notice(err.decode())


def test_cli_feed_on_stdout_or_to_a_file(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    status, out, _ = _run([], capsysbinary)
    assert (status, out) == (
        AALBORG_2023_EXIT,
        ical.dump_ics(plan_year(aalborg()), committee=aalborg()),
    )
    target = tmp_path / "klu.ics"
    status, out, _ = _run(["-o", str(target), "--todo", "--no-alarm"], capsysbinary)
    assert (status, out) == (AALBORG_2023_EXIT, b"")
    data = target.read_bytes()
    assert data == ical.dump_ics(plan_year(aalborg()), committee=aalborg(), todo=True, alarm=None)


def test_cli_split(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    folder = tmp_path / "items" / "klu"
    status, out, _ = _run(["--split", str(folder), "--stamp", "2024-01-02T09:30"], capsysbinary)
    assert status == AALBORG_2023_EXIT
    assert out.decode().strip() == f"16 .ics files written to {folder}"
    items = ical.dump_ics_items(
        plan_year(aalborg()), committee=aalborg(), stamp=datetime(2024, 1, 2, 8, 30, tzinfo=UTC)
    )
    assert {p.name for p in folder.iterdir()} == {f"{uid}.ics" for uid in items}
    for uid, data in items.items():
        assert (folder / f"{uid}.ics").read_bytes() == data
    with pytest.raises(SystemExit, match="2"):  # -o and --split exclude each other
        _run(["-o", "a.ics", "--split", "d"], capsysbinary)


def test_cli_committee_file_and_options(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from klu_rules import dump_committee

    path = tmp_path / "klu.toml"
    path.write_text(dump_committee(rich_committee()), encoding="utf-8")
    options = ["--organizer", "klu@kommune.example", "--stamp", "2024-01-02T08:30Z"]
    status, out, _ = _run(["--committee", str(path), *options], capsysbinary)
    committee = rich_committee()
    assert status == exit_of(plan_year(committee))
    assert out == ical.dump_ics(
        plan_year(committee), committee=committee, organizer="klu@kommune.example", stamp=STAMP
    )
    assert b"ATTENDEE" not in out  # a PUBLISH feed names no attendee (RFC 5546 3.2.1)


def test_cli_loose_meetings(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from klu_rules.cli.ics import LOOSE_MEETINGS_ID

    status, out, _ = _run(["--meeting", "2024-03-04T15:00/17:00"], capsysbinary)
    assert status == 0
    uid = ical.meeting_uid(LOOSE_MEETINGS_ID, "meeting-2024-03-04T1500")
    assert f"UID:{uid}".encode() in out
    assert b"X-WR-CALNAME:KLU meetings 2024" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--stamp", "yesterday"], "--stamp takes an ISO 8601"),
        (["--stamp", "2024-03-31T02:30"], "does not exist"),
        (["--organizer", "nobody"], "the organizer must be one e-mail address"),
        (["-o", "{missing}/x/klu.ics"], "cannot write the file"),
        (["--split", "{file}"], "the folder for the items is a file"),
    ],
)
def test_cli_errors(
    argv: list[str], message: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    (tmp_path / "file").write_text("x")
    argv = [a.format(missing=tmp_path / "missing", file=tmp_path / "file") for a in argv]
    status, out, err = _run(argv, capsysbinary)
    assert (status, out) == (2, b"")
    assert err.startswith("klu-rules: error: ")
    assert message in err
