"""The feed as subscribers read it: the VTIMEZONE, the calendar's own properties, alarms,
and the values an export refuses rather than write a file its import cannot read back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
import recurring_ical_events
import vobject
from dateutil.rrule import rrulestr
from helpers import AALBORG_2023_EXIT, CPH, cph, rich_committee
from icalendar import Calendar

from klu_rules import Agenda, AgendaItem, Committee, InvalidValueError, Meeting
from klu_rules.checks.deadlines import plan_year
from klu_rules.core.messages import error_text
from klu_rules.io import ical
from klu_rules.io._ical_timezone import (
    COPENHAGEN_VTIMEZONE,
    RULE_FIRST_YEAR,
    RULE_LAST_YEAR,
    add_timezones,
    local_time,
)
from klu_rules.io.presets import aalborg


def _feed(committee: Committee, year: int | None = None, **options: object) -> bytes:
    return ical.dump_ics(plan_year(committee, year), committee=committee, **options)  # type: ignore[arg-type]


def _one(start: datetime, end: datetime | None = None, **fields: object) -> Committee:
    return rich_committee((Meeting(id="x", start=start, end=end, **fields),))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# the VTIMEZONE


def test_the_vtimezone_is_the_rrule_form_without_comment() -> None:
    data = _feed(aalborg())
    block = data[data.index(b"BEGIN:VTIMEZONE") : data.index(b"END:VTIMEZONE") + 15]
    assert data.count(b"BEGIN:VTIMEZONE") == 1
    assert b"COMMENT" not in block
    assert b"RDATE" not in block
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in block
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in block
    assert block == COPENHAGEN_VTIMEZONE.encode()
    assert Calendar.from_ical(block).to_ical() == block


def _transitions(zone: object, year: int) -> list[tuple[datetime, timedelta]]:
    """The UTC instants in ``year`` at which ``zone``'s offset changes (hour steps suffice)."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()  # type: ignore[arg-type]
    while moment.year == year:
        moment += timedelta(hours=1)
        now = moment.astimezone(zone).utcoffset()  # type: ignore[arg-type]
        if now != offset:
            found.append((moment, now))
            offset = now
    return found  # type: ignore[return-value]


def test_the_vtimezone_holds_for_every_year_from_1996_to_2200() -> None:
    """Each observance's RRULE, expanded, gives exactly the transitions of the tz database."""
    calendar = Calendar.from_ical(COPENHAGEN_VTIMEZONE.encode())
    [timezone] = calendar.walk("VTIMEZONE")
    expected = {}
    for observance in timezone.subcomponents:
        rule = observance["RRULE"].to_ical().decode()
        start = observance["DTSTART"].dt
        before = observance["TZOFFSETFROM"].td
        after = observance["TZOFFSETTO"].td
        for local in rrulestr(rule, dtstart=start).between(
            datetime(RULE_FIRST_YEAR, 1, 1), datetime(RULE_LAST_YEAR + 1, 1, 1), inc=True
        ):
            expected[(local - before).replace(tzinfo=UTC)] = after
    years = range(RULE_FIRST_YEAR, RULE_LAST_YEAR + 1)
    assert len(expected) == 2 * len(years)
    for year in (*years[:3], 2023, 2037, 2038, 2040, 2099, *years[-3:]):
        tz = [(m, o) for m, o in _transitions(CPH, year)]
        assert tz == sorted((m, o) for m, o in expected.items() if m.year == year), year
    # every year's transitions are the last Sundays of March and October at 01:00 UTC
    for moment in expected:
        assert (moment.month in (3, 10), moment.weekday(), moment.hour) == (True, 6, 1)
        assert (moment + timedelta(days=7)).month != moment.month


def test_a_time_before_1996_is_written_in_utc() -> None:
    """Denmark's summer time ended in September until 1995, which the VTIMEZONE does not say.

    No plan reaches that far back (the national rules take effect in 2011), but should a
    time before 1996 be written, it is written as a UTC instant, which needs no VTIMEZONE.
    """
    assert local_time(cph(1995, 10, 5, 15), CPH) == datetime(1995, 10, 5, 14, tzinfo=UTC)
    assert local_time(cph(1995, 12, 31, 23), CPH).tzinfo is UTC
    assert local_time(cph(1996, 1, 1, 1), CPH) == cph(1996, 1, 1, 1)
    calendar = Calendar()
    add_timezones(calendar, CPH, [])
    assert calendar.subcomponents == []


def _late() -> Committee:
    return _one(cph(2040, 6, 7, 15), cph(2040, 6, 7, 17))


def test_vobject_places_a_2040_meeting_right_after_a_2023_export() -> None:
    """vobject keeps the first VTIMEZONE it sees of a TZID for the whole process."""
    vobject.readOne(_feed(aalborg()).decode())
    [event] = vobject.readOne(_feed(_late(), 2040, todo=True).decode()).vevent_list
    assert event.dtstart.value.astimezone(UTC) == datetime(2040, 6, 7, 13, tzinfo=UTC)
    assert event.dtend.value.astimezone(UTC) == datetime(2040, 6, 7, 15, tzinfo=UTC)


def test_icalendar_and_recurring_ical_events_place_a_2040_meeting_right() -> None:
    Calendar.from_ical(_feed(aalborg()))
    calendar = Calendar.from_ical(_feed(_late(), 2040, todo=True))
    [event] = recurring_ical_events.of(calendar).between(date(2040, 6, 7), date(2040, 6, 8))
    assert event.start.astimezone(UTC) == datetime(2040, 6, 7, 13, tzinfo=UTC)
    winter = _one(cph(2040, 12, 6, 15), cph(2040, 12, 6, 17))
    [event] = recurring_ical_events.of(Calendar.from_ical(_feed(winter, 2040, todo=True))).at(
        date(2040, 12, 6)
    )
    assert event.start.astimezone(UTC) == datetime(2040, 12, 6, 14, tzinfo=UTC)


def test_another_zone_keeps_icalendar_s_vtimezone_without_comment() -> None:
    committee = attrs.evolve(rich_committee(), timezone="Europe/London")
    data = _feed(committee)
    assert b"TZID:Europe/London" in data
    assert b"COMMENT" not in data
    assert b"RDATE:" in data
    assert b"RRULE" not in data
    assert b"X-WR-TIMEZONE:Europe/London\r\n" in data


# ---------------------------------------------------------------------------
# the calendar's own properties


def _properties(data: bytes) -> list[bytes]:
    head = data[: data.index(b"BEGIN:V", 10)]
    return head.replace(b"\r\n ", b"").split(b"\r\n")


def test_feed_properties() -> None:
    data = _feed(
        aalborg(),
        language="da",
        source_url="https://klu.example.dk/klu.ics",
        organizer="klu@kommune.example",
    )
    lines = _properties(data)
    for line in (
        b"METHOD:PUBLISH",
        b"NAME:Kommunalt L\xc3\xa6geligt Udvalg Aalborg 2023",
        b"X-WR-CALNAME:Kommunalt L\xc3\xa6geligt Udvalg Aalborg 2023",
        b"X-WR-TIMEZONE:Europe/Copenhagen",
        b"REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        b"X-PUBLISHED-TTL:PT12H",
        b"SOURCE;VALUE=URI:https://klu.example.dk/klu.ics",
    ):
        assert line in lines
    [description] = [line for line in lines if line.startswith(b"DESCRIPTION:")]
    assert description.endswith(b"\\nKilde: https://klu.example.dk/klu.ics")
    plain = _properties(_feed(aalborg(), refresh=timedelta(days=1)))
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D" in plain
    assert not any(line.startswith(b"METHOD") for line in plain)  # iTIP needs an ORGANIZER
    assert not any(line.startswith(b"SOURCE") for line in plain)
    assert timedelta(hours=12) == ical.DEFAULT_REFRESH


def test_items_have_no_method() -> None:
    """RFC 4791 forbids METHOD in a CalDAV calendar object."""
    items = ical.dump_ics_items(plan_year(aalborg()), committee=aalborg())
    assert not any(b"METHOD:" in data or b"REFRESH-INTERVAL" in data for data in items.values())


def test_alarms_can_be_left_out() -> None:
    plan = plan_year(aalborg())
    assert b"BEGIN:VALARM" in ical.dump_ics(plan, committee=aalborg())
    assert b"BEGIN:VALARM" not in ical.dump_ics(plan, committee=aalborg(), alarms=False)
    items = ical.dump_ics_items(plan, committee=aalborg(), todo=True, alarms=False)
    assert not any(b"BEGIN:VALARM" in data for data in items.values())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"refresh": timedelta(0)}, "refresh interval must be a positive duration"),
        ({"refresh": 12}, "refresh interval must be a positive duration"),
        ({"source_url": "ftp://x"}, "source URL must be one http"),
        ({"source_url": "https://x.dk/a.ics\r\nX-EVIL:1"}, "source URL must be one http"),
        ({"organizer": "klu@kommune.dk\n"}, "the organizer must be one e-mail address"),
        ({"organizer": 42}, "the organizer must be one e-mail address"),
    ],
)
def test_feed_option_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidValueError, match=message) as info:
        _feed(aalborg(), **options)
    assert error_text(info.value, "da") != str(info.value)


# ---------------------------------------------------------------------------
# values an export refuses, or writes so that they read back


def _forced(record: object, **fields: object) -> object:
    """``record`` with ``fields`` set past its validators: what a careless caller can build."""
    for name, value in fields.items():
        object.__setattr__(record, name, value)
    return record


def _person_forced(**fields: str) -> Committee:
    committee = rich_committee()
    _forced(committee.memberships[0].person, **fields)
    return committee


def _meeting_forced(**fields: object) -> Committee:
    committee = _one(cph(2024, 3, 4, 15), agenda=Agenda((AgendaItem("1", "a", "decision"),)))
    _forced(committee.meetings[0], **fields)
    return committee


def _item_forced() -> Committee:
    committee = _meeting_forced()
    agenda = committee.meetings[0].agenda
    assert agenda is not None
    _forced(agenda.items[0], title="a\x0cb")
    return committee


def test_a_revision_beyond_sequence_is_refused() -> None:
    """The model refuses it too; the export does not rely on that."""
    assert b"SEQUENCE:2147483647\r\n" in _feed(_one(cph(2024, 3, 4, 15), revision=2**31 - 1))
    with pytest.raises(InvalidValueError, match="more than iCalendar's SEQUENCE can hold"):
        _feed(_meeting_forced(revision=2**31))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: _person_forced(email="karen@kommune.example\n"), "address of person chair"),
        (lambda: _person_forced(email="karen@kommune.example\r"), "address of person chair"),
        (lambda: _person_forced(name="Karen\x07Formand"), "the name of person chair contains"),
        (lambda: _forced(rich_committee(), name="KLU\x00"), "the committee's name contains"),
        (lambda: _meeting_forced(title="a\x1bb"), "the title of meeting x contains"),
        (lambda: _meeting_forced(location="\x7f"), "the location of meeting x contains"),
        (_item_forced, "the title of agenda item x 1 contains"),
    ],
    ids=["email-lf", "email-cr", "name", "committee", "title", "location", "item"],
)
def test_values_icalendar_cannot_hold_are_refused(build: object, message: str) -> None:
    committee = build()  # type: ignore[operator]
    with pytest.raises(InvalidValueError, match=message) as info:
        # the items name the attendees, which a PUBLISH feed leaves out
        ical.dump_ics_items(plan_year(committee), committee=committee)
    assert error_text(info.value, "da") != str(info.value)


def test_a_line_break_is_refused_as_the_import_would() -> None:
    """The model keeps titles and places on one line; so does the export, which reads back."""
    with pytest.raises(InvalidValueError, match=r"U\+000A"):
        _feed(_meeting_forced(title="Budget\nog plan"))
    with pytest.raises(InvalidValueError, match=r"U\+000D"):
        _feed(_meeting_forced(location="Rådhus\rsal 2"))
    tabbed = _feed(_meeting_forced(title="Budget\tog plan"))
    assert ical.parse_ics(tabbed)[0].title == "Budget\tog plan"


# ---------------------------------------------------------------------------
# klu-rules ics


def test_cli_feed_options(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from klu_rules.cli import main

    argv = ["ics", "--no-alarms", "--refresh", "p1d", "--source-url", "https://x.dk/k.ics"]
    assert main(argv) == AALBORG_2023_EXIT
    out = capsysbinary.readouterr().out
    assert out == ical.dump_ics(
        plan_year(aalborg()),
        committee=aalborg(),
        alarms=False,
        refresh=timedelta(days=1),
        source_url="https://x.dk/k.ics",
        language="da",
    )
    for argv, message in (
        (["--refresh", "soon"], "fik 'soon'"),
        (["--refresh=-PT1H"], "positiv varighed"),
        (["--split", str(tmp_path), "--refresh", "PT1H"], "--split"),
        (["--organizer", "klu@kommune.dk\n"], "arrangøren skal være én e-mailadresse"),
    ):
        assert main(["ics", *argv]) == 2
        err = capsysbinary.readouterr().err.decode()
        assert "klu-rules: fejl: " in err
        assert message in err, err
