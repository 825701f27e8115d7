"""What other programs write that an import reads event by event: one odd event never costs
the others; each is taken with a note, or skipped with a reason."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from helpers import check_golden_finding, cph, ics, rich_committee, vevent

from klu_rules.checks.deadlines import plan_year
from klu_rules.cli import main
from klu_rules.core.errors import FileFormatError
from klu_rules.core.messages import error_text
from klu_rules.io import ical

_START = "DTSTART;TZID=Europe/Copenhagen:20240603T150000"


def _one(*properties: str) -> ical.IcsImport:
    return ical.read_ics(vevent(*properties))


def test_a_character_split_by_folding_is_read() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20240603T130000Z\r\n"
        b"SUMMARY:KLU-m\xc3\r\n \xb8de i \xc3\x86r\xc3\xb8\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    [meeting] = ical.parse_ics(data)
    assert meeting.title == "KLU-møde i Ærø"
    bad = data.replace(b"\xc3\x86", b"\xff\x86")
    with pytest.raises(FileFormatError, match=r"line 7: .*byte 100 is 0xff"):
        ical.parse_ics(bad)


def test_line_breaks_in_a_place_and_a_title_are_joined() -> None:
    result = _one(_START, r"LOCATION:Rådhuset\nLokale 2", r"SUMMARY:KLU\nmøde")
    [meeting] = result.meetings
    assert (meeting.location, meeting.title) == ("Rådhuset, Lokale 2", "KLU møde")
    [note] = result.findings
    check_golden_finding(note)
    assert (result.outcome, result.parameters["skipped"], result.parameters["noted"]) == (
        "imported",
        0,
        1,
    )


@pytest.mark.parametrize(
    "end", ["DTEND;TZID=Europe/Copenhagen:20240603T150000", "DURATION:PT0S"], ids=["dtend", "pt0s"]
)
def test_a_zero_length_event_is_a_meeting_without_an_end(end: str) -> None:
    data = ics(
        *("BEGIN:VEVENT", "UID:a", _START, end, "SUMMARY:Husk", "END:VEVENT"),
        *("BEGIN:VEVENT", "UID:b", "DTSTART:20240610T130000Z", "END:VEVENT"),
    )
    result = ical.read_ics(data)
    assert [(m.id, m.end) for m in result.meetings] == [("a", None), ("b", None)]
    [note] = result.findings
    check_golden_finding(note)


def test_a_time_the_clocks_skip_is_read_with_the_offset_before() -> None:
    """RFC 5545 3.3.5: 02:30 on the night summer time begins is 03:30 summer time."""
    result = _one("DTSTART;TZID=Europe/Copenhagen:20240331T023000", "SUMMARY:Natmøde")
    [meeting] = result.meetings
    assert meeting.start == cph(2024, 3, 31, 3, 30)
    [note] = result.findings
    check_golden_finding(note)
    assert "03:30" in note.text("en")
    assert "kl." not in note.text("en")


def test_an_event_without_uid_is_skipped_and_the_others_taken() -> None:
    data = ics(
        *("BEGIN:VEVENT", "DTSTART:20240603T130000Z", "SUMMARY:Uden UID", "END:VEVENT"),
        *("BEGIN:VEVENT", "UID:b", "DTSTART:20240610T130000Z", "END:VEVENT"),
    )
    result = ical.read_ics(data)
    assert [m.id for m in result.meetings] == ["b"]
    [skipped] = result.findings
    check_golden_finding(skipped)
    assert result.outcome == "partly-imported"


def test_unreadable_properties_the_import_does_not_use_are_ignored() -> None:
    result = _one(_START, "ATTACH;ENCODING=BASE64;VALUE=BINARY:!!!", "GEO:abc")
    assert len(result.meetings) == 1
    [note] = result.findings
    assert note.parameters["properties"] == ("ATTACH", "GEO")
    check_golden_finding(note)


def test_an_unreadable_value_is_refused_in_the_catalogue_s_words() -> None:
    with pytest.raises(FileFormatError) as info:
        _one(_START, "DURATION:1H")
    assert str(info.value).endswith(
        "cannot read DURATION: '1H' is not a duration such as PT2H; correct the value"
    )
    danish = error_text(info.value, "da")
    assert "DURATION kan ikke læses: '1H' er ikke en varighed som PT2H" in danish
    assert "Expected" not in danish


def test_occurrences_without_their_series_and_this_and_future_overrides() -> None:
    orphans = ics(
        *("BEGIN:VEVENT", "UID:o@google.com", "RECURRENCE-ID:20240603T130000Z"),
        *("DTSTART:20240603T130000Z", "END:VEVENT"),
        *("BEGIN:VEVENT", "UID:o@google.com", "RECURRENCE-ID:20240617T130000Z"),
        *("DTSTART:20240618T130000Z", "END:VEVENT"),
    )
    ids = [m.id[-13:] for m in ical.parse_ics(orphans)]
    assert ids == ["20240603T1500", "20240617T1500"]
    series = ics(
        *("BEGIN:VEVENT", "UID:f", _START, "RRULE:FREQ=WEEKLY;COUNT=3", "END:VEVENT"),
        *("BEGIN:VEVENT", "UID:f", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Copenhagen:"),
        *(" 20240610T150000", "DTSTART;TZID=Europe/Copenhagen:20240610T100000", "END:VEVENT"),
    )
    meetings = ical.parse_ics(series)
    assert [m.id for m in meetings] == ["f-20240603T1500", "f-20240610T1500", "f-20240617T1500"]
    assert [m.start.hour for m in meetings] == [15, 10, 10]


def test_a_series_with_nothing_in_the_range_says_so() -> None:
    result = ical.read_ics(
        vevent(_START, "RRULE:FREQ=WEEKLY;COUNT=3"), start=date(2025, 1, 1), end=date(2025, 2, 1)
    )
    assert [f.code for f in result.findings] == ["ical.outside-range"]


def test_a_windows_zone_name_in_x_wr_timezone() -> None:
    data = ics("X-WR-TIMEZONE:Romance Standard Time", "BEGIN:VEVENT", "UID:a")
    data = data.replace(b"END:VCALENDAR", b"DTSTART:20240603T150000\r\nEND:VEVENT\r\nEND:VCALENDAR")
    [meeting] = ical.parse_ics(data, timezone="UTC")
    assert meeting.start.utcoffset() == timedelta(0)
    assert meeting.start.hour == 13


def test_a_moved_deadline_is_a_new_item() -> None:
    """A deadline's UID names its date: with no clock, SEQUENCE cannot say that it moved."""
    committee = rich_committee()
    m1 = committee.meeting("m1")
    moved = attrs.evolve(m1, start=m1.start + timedelta(weeks=1), end=m1.end + timedelta(weeks=1))
    later = attrs.evolve(
        committee, meetings=[moved, *(m for m in committee.meetings if m.id != "m1")]
    )
    before = ical.dump_ics_items(plan_year(committee), committee=committee)
    after = ical.dump_ics_items(plan_year(later), committee=later)
    gone = set(set(before) - set(after))
    assert gone
    assert all(b"X-KLU-MEETING-ID:m1" in before[u] for u in gone)
    assert all(b"X-KLU-DEADLINE:" in before[u] for u in gone)
    assert ical.meeting_uid("klu-test", "m1") in after


def test_the_text_report_names_each_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from klu_rules import dump_committee

    committee = tmp_path / "klu.toml"
    committee.write_text(dump_committee(rich_committee(())), encoding="utf-8")
    calendar = tmp_path / "cal.ics"
    calendar.write_bytes(
        ics(
            *("BEGIN:VEVENT", "UID:abc@apple.com", _START, r"LOCATION:Rådhuset\nLokale 2"),
            *("SUMMARY:Formøde", "END:VEVENT"),
            *("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240101", "SUMMARY:Nytår", "END:VEVENT"),
        )
    )
    assert main(["import", str(calendar), "--committee", str(committee)]) == 0
    out = capsys.readouterr().out
    assert "“Formøde” (ical-" in out
    assert "Bemærkninger til overtagne møder:" in out
    assert "[UID abc@apple.com]" in out
    assert "(ical.no-uid)" in out
    assert "[UID ?]" in out


def test_an_event_skipped_gets_no_note_that_it_was_taken() -> None:
    # outside the range: skipped, and its zero length or ignored GEO is no note of a meeting
    data = vevent(_START, "DTEND;TZID=Europe/Copenhagen:20240603T150000", "GEO:abc")
    result = ical.read_ics(data, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert [f.code for f in result.findings] == ["ical.outside-range"]
    assert (result.parameters["taken"], result.parameters["noted"]) == (0, 0)
    # a series' own note (GEO ignored) is written once for the occurrences taken
    series = vevent(_START, "RRULE:FREQ=WEEKLY;COUNT=3", "GEO:abc")
    taken = ical.read_ics(series)
    assert len(taken.meetings) == 3
    assert [f.code for f in taken.findings] == ["ical.property-ignored"]
