"""Import that survives real calendars: Google- and Outlook-style files with all-day events and
recurring series, a per-event report, DURATION across DST, X-WR-TIMEZONE, every kind of source,
and the inputs refused (quickly, and in both languages)."""

from __future__ import annotations

import io
import re
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import CPH, check_golden_finding, cph, ics, rich_committee, vevent
from icalendar import Calendar, Event

from klu_rules import FileFormatError, InvalidValueError
from klu_rules.core.messages import error_text
from klu_rules.io import _ical_scan, _ical_series, ical

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOGLE = FIXTURES / "google.ics"
OUTLOOK = FIXTURES / "outlook.ics"
SERIES = "ical-" + uuid.uuid5(ical.NAMESPACE, "5v2kq0l3h1klu@google.com").hex


# ---------------------------------------------------------------------------
# the Google-style and Outlook-style files


def test_google_style_file() -> None:
    result = ical.read_ics(GOOGLE)
    monthly = [m for m in result.meetings if m.id.startswith(SERIES)]
    # ten first Mondays, July excluded (EXDATE), August cancelled; June moved to Tuesday 14:00
    assert [m.id.removeprefix(SERIES + "-") for m in monthly] == [
        *("20240304T1500", "20240401T1500", "20240506T1500", "20240603T1500"),
        *("20240902T1500", "20241007T1500", "20241104T1500", "20241202T1500"),
    ]
    moved = monthly[3]
    assert (moved.start, moved.end, moved.title) == (
        cph(2024, 6, 4, 14),
        cph(2024, 6, 4, 16),
        "KLU-møde (flyttet)",
    )
    assert monthly[6].start.utcoffset() == timedelta(hours=1)  # after the clocks went back
    assert monthly[0].location == "Rådhuset, mødelokale 2"
    single = {m.title: m for m in result.meetings if not m.id.startswith(SERIES)}
    assert single["Dialogmøde"].start == cph(2024, 11, 7, 16)  # written in UTC
    assert single["Julemøde"].start == cph(2024, 12, 5, 15)  # floating, in X-WR-TIMEZONE
    assert [(f.code, f.subject) for f in result.findings] == [
        ("ical.all-day", "nytaar2024@google.com"),
        ("ical.cancelled-occurrence", "5v2kq0l3h1klu@google.com"),
        ("ical.series-needs-range", "3hq8sekretariat@google.com"),
    ]
    assert (result.outcome, result.parameters["taken"], result.parameters["skipped"]) == (
        "partly-imported",
        10,
        3,
    )
    assert result.explain("da") == "10 møder overtaget, 3 begivenheder sprunget over."
    assert result.explain("en") == "10 meetings taken, 3 events skipped."
    for found in result.findings:
        check_golden_finding(found)
    assert type(result).from_json(result.to_json()) == result


def test_google_style_file_within_a_range() -> None:
    result = ical.read_ics(GOOGLE.read_bytes(), start=date(2024, 3, 1), end=date(2024, 3, 31))
    starts = sorted(m.start for m in result.meetings)
    assert starts == [cph(2024, 3, 4, 15), *(cph(2024, 3, d, 9) for d in (5, 12, 19, 26))]
    codes = [f.code for f in result.findings]
    assert codes == ["ical.all-day", "ical.outside-range", "ical.outside-range"]
    check_golden_finding(result.findings[1])
    assert dict(result.parameters) | {} == {
        "timezone": "Europe/Copenhagen",
        "start": "2024-03-01",
        "end": "2024-03-31",
        "taken": 5,
        "skipped": 3,
        "noted": 0,
    }


def test_outlook_style_file() -> None:
    result = ical.read_ics(OUTLOOK)
    series, (long,) = result.meetings[:3], result.meetings[3:]
    # every other Thursday from 19 October 2023, across the end of summer time
    assert [m.start.astimezone(UTC) for m in series] == [
        datetime(2023, 10, 19, 13, tzinfo=UTC),
        datetime(2023, 11, 2, 14, tzinfo=UTC),
        datetime(2023, 11, 16, 14, tzinfo=UTC),
    ]
    assert series[0].id.endswith("2B-20231019T1500")
    # DURATION:P1DT2H from 15:00 the day before the clocks go back: one day, then two hours
    assert (long.start, long.end, long.revision) == (
        cph(2023, 10, 28, 15),
        cph(2023, 10, 29, 17),
        2,
    )
    assert [f.code for f in result.findings] == ["ical.all-day"]


def test_duration_days_are_nominal_and_hours_exact() -> None:
    def end(duration: str) -> datetime:
        [meeting] = ical.parse_ics(
            vevent("DTSTART;TZID=Europe/Copenhagen:20231028T150000", f"DURATION:{duration}")
        )
        assert meeting.end is not None
        return meeting.end

    assert end("P1DT2H") == cph(2023, 10, 29, 17)
    assert end("PT26H") == cph(2023, 10, 29, 16)  # 26 hours of the clock
    assert end("P1W") == cph(2023, 11, 4, 15)
    assert end("PT1H30M15S") == datetime(2023, 10, 28, 16, 30, 15, tzinfo=CPH)
    spring = ical.parse_ics(vevent("DTSTART:20230325T150000", "DURATION:P1D"))
    assert spring[0].end == cph(2023, 3, 26, 15)


def test_x_wr_timezone_places_floating_times() -> None:
    data = ics(
        "X-WR-TIMEZONE:Europe/London",
        "BEGIN:VEVENT",
        "UID:a",
        "DTSTART:20240605T150000",
        "END:VEVENT",
    )
    [meeting] = ical.parse_ics(data)
    assert meeting.start == cph(2024, 6, 5, 16)
    assert meeting.start.tzinfo == CPH


# ---------------------------------------------------------------------------
# every kind of source


def test_sources_paths_files_and_calendar_objects() -> None:
    expected = ical.read_ics(GOOGLE.read_bytes(), path=GOOGLE)
    assert ical.read_ics(GOOGLE) == expected
    assert ical.load_ics(GOOGLE) == expected.meetings
    with GOOGLE.open("rb") as binary:
        assert ical.read_ics(binary) == expected
    with GOOGLE.open(encoding="utf-8", newline="") as text:
        assert ical.read_ics(text) == expected
    assert ical.read_ics(io.BytesIO(GOOGLE.read_bytes())) == expected
    parsed = Calendar.from_ical(GOOGLE.read_bytes())
    assert ical.read_ics(parsed) == expected
    outlook = Calendar.from_ical(OUTLOOK.read_bytes())
    assert ical.parse_ics(outlook) == ical.parse_ics(OUTLOOK.read_bytes())


def test_cr_only_line_ends_and_trailing_spaces_are_read() -> None:
    data = GOOGLE.read_bytes()
    expected = ical.parse_ics(data)
    assert ical.parse_ics(data.replace(b"\r\n", b"\r")) == expected
    assert ical.parse_ics(data.replace(b"\r\n", b"\n")) == expected
    spaced = data.replace(b"END:VEVENT\r\n", b"END:VEVENT  \r\n").replace(b"0Z\r\n", b"0Z \r\n")
    assert ical.parse_ics(spaced) == expected
    # a text value keeps its spaces
    [meeting] = ical.parse_ics(vevent("DTSTART:20240605T150000Z ", "SUMMARY:Budget "))
    assert meeting.title == "Budget "


def test_an_orphan_override_and_an_all_day_series() -> None:
    data = ics(
        *("BEGIN:VEVENT", "UID:x", "RECURRENCE-ID:20240605T150000Z", "DTSTART:20240606T150000Z"),
        "END:VEVENT",
        *("BEGIN:VEVENT", "UID:y", "DTSTART;VALUE=DATE:20240101", "RRULE:FREQ=YEARLY"),
        "END:VEVENT",
    )
    result = ical.read_ics(data)
    # named like an expanded occurrence: its UID and original start (17:00 in Copenhagen)
    assert [m.id for m in result.meetings] == ["x-20240605T1700"]
    assert [f.code for f in result.findings] == ["ical.all-day"]


def test_an_occurrence_still_running_when_the_range_starts_is_not_taken() -> None:
    data = vevent("DTSTART:20240605T150000Z", "DURATION:P2D", "RRULE:FREQ=DAILY;COUNT=3")
    meetings = ical.parse_ics(data, start=date(2024, 6, 6))
    assert [m.start.day for m in meetings] == [6, 7]


def test_a_long_uid_names_its_occurrences_by_a_hash() -> None:
    uid = "A" * 120
    data = vevent("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;COUNT=2").replace(
        b"UID:a", f"UID:{uid}".encode()
    )
    first, second = ical.parse_ics(data)
    base = "ical-" + uuid.uuid5(ical.NAMESPACE, uid).hex
    assert (first.id, second.id) == (f"{base}-20240605T1700", f"{base}-20240606T1700")


def test_too_many_occurrences_need_a_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ical_series, "MAX_OCCURRENCES", 3)
    data = vevent("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;COUNT=5")
    result = ical.read_ics(data)
    assert (result.outcome, [f.code for f in result.findings]) == (
        "nothing-imported",
        ["ical.series-needs-range"],
    )
    assert len(ical.parse_ics(data, start=date(2024, 6, 6), end=date(2024, 6, 8))) == 3


@pytest.mark.parametrize(
    "rule", ["FREQ=SECONDLY", "FREQ=HOURLY;COUNT=5", "FREQ=DAILY", "FREQ=WEEKLY;UNTIL=22001231"]
)
def test_a_series_too_long_or_too_frequent_is_skipped_quickly(
    rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_ical_series, "MAX_OCCURRENCES", 100)
    data = vevent("DTSTART:20240605T150000Z", f"RRULE:{rule}")
    began = time.perf_counter()
    result = ical.read_ics(data, start=date(1900, 1, 1), end=date(2200, 12, 31))
    assert time.perf_counter() - began < 2
    assert [f.code for f in result.findings] == ["ical.series-needs-range"]


def test_a_rule_no_day_meets_gives_no_meeting_at_once() -> None:
    data = vevent("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
    began = time.perf_counter()
    result = ical.read_ics(data, start=date(1900, 1, 1), end=date(2200, 12, 31))
    assert time.perf_counter() - began < 0.5
    assert result.meetings == ()
    assert [f.code for f in result.findings] == ["ical.outside-range"]


@pytest.mark.parametrize(
    ("properties", "text"),
    [
        (("DTSTART:18991231T150000Z", "RRULE:FREQ=DAILY;COUNT=2"), "starts before 1900"),
        (("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;INTERVAL=0"), "INTERVAL must be 1"),
        (("DTSTART:20240605T150000Z", "RRULE;VALUE=DATE:20240605"), "cannot read RRULE"),
    ],
)
def test_series_refused(properties: tuple[str, ...], text: str) -> None:
    with pytest.raises(FileFormatError, match=text):
        ical.read_ics(vevent(*properties), start=date(2024, 1, 1), end=date(2024, 12, 31))


def test_a_series_recurring_ical_events_cannot_expand(monkeypatch: pytest.MonkeyPatch) -> None:
    import recurring_ical_events

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("bad rule")

    monkeypatch.setattr(recurring_ical_events, "of", broken)
    with pytest.raises(FileFormatError, match="cannot be expanded: bad rule") as info:
        ical.parse_ics(vevent("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;COUNT=5"))
    assert info.value.line == 3
    assert "kan ikke foldes ud" in error_text(info.value, "da")


def test_the_import_of_an_export_takes_every_meeting() -> None:
    committee = rich_committee()
    from klu_rules.checks.deadlines import plan_year

    result = ical.read_ics(ical.dump_ics(plan_year(committee), committee=committee))
    assert (result.outcome, result.findings) == ("imported", ())


# ---------------------------------------------------------------------------
# refused, with the line and in both languages


REFUSED = {
    "date-with-tzid": (
        vevent("DTSTART;TZID=Europe/Copenhagen;VALUE=DATE:20240101"),
        5,
        "is a date (VALUE=DATE) but names the time zone 'Europe/Copenhagen'",
    ),
    "duration-overflow": (
        vevent("DTSTART:99991231T000000Z", "DURATION:P99999D"),
        6,
        "DURATION P99999D puts the end beyond",
    ),
    "before-year-one": (
        vevent("DTSTART;TZID=Europe/Copenhagen:00010101T000000"),
        5,
        "DTSTART 0001-01-01T00:00:00+00:50:20 is out of range",
    ),
    "beyond-9999": (
        vevent("DTSTART:99991231T233000Z"),
        5,
        "DTSTART 9999-12-31T23:30:00+00:00 is out of range in Europe/Copenhagen",
    ),
    "bad-x-wr-timezone": (
        ics("X-WR-TIMEZONE:" + "a/" * 400 + "b", "BEGIN:VEVENT", "UID:a", "END:VEVENT"),
        None,
        "is not a time zone name",
    ),
    "unknown-x-wr-timezone": (
        ics("X-WR-TIMEZONE:Mars/Olympus", "BEGIN:VEVENT", "UID:a", "END:VEVENT"),
        None,
        "X-WR-TIMEZONE 'Mars/Olympus' is not a time zone name",
    ),
}


@pytest.mark.parametrize(("data", "line", "text"), REFUSED.values(), ids=REFUSED)
def test_refused_inputs(data: bytes, line: int | None, text: str) -> None:
    with pytest.raises(FileFormatError, match=re.escape(text)) as info:
        ical.parse_ics(data)
    assert info.value.line == line
    assert error_text(info.value, "da") != error_text(info.value, "en")


def test_deep_nesting_is_refused_at_once() -> None:
    nested = b"BEGIN:VCALENDAR\r\n" + b"".join(b"BEGIN:X-%d\r\n" % i for i in range(32_000))
    nested += b"".join(b"END:X-%d\r\n" % i for i in reversed(range(32_000))) + b"END:VCALENDAR\r\n"
    began = time.perf_counter()
    with pytest.raises(FileFormatError, match=f"nested more than {ical.MAX_DEPTH} deep") as info:
        ical.parse_ics(nested)
    assert time.perf_counter() - began < 0.5
    assert info.value.line == ical.MAX_DEPTH + 1
    deep = Calendar()
    parent: Any = deep
    for _ in range(ical.MAX_DEPTH + 1):
        child = Event()
        parent.add_component(child)
        parent = child
    with pytest.raises(FileFormatError, match="nested more than"):
        ical.read_ics(deep)


def test_too_many_components_or_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ical_scan, "MAX_COMPONENTS", 3)
    with pytest.raises(FileFormatError, match="more than 3 components"):
        ical.parse_ics(ics(*("BEGIN:X-A", "END:X-A") * 3))
    monkeypatch.setattr("klu_rules.io._ical_import.MAX_BYTES", 10)
    with pytest.raises(FileFormatError, match="larger than 10 bytes"):
        ical.read_ics(io.BytesIO(GOOGLE.read_bytes()))


@pytest.mark.parametrize(
    ("call", "text"),
    [
        (lambda: ical.read_ics(42), "must be bytes, text, a binary or text file"),  # type: ignore[arg-type]
        (lambda: ical.read_ics(io.StringIO()), "the file is empty"),
        (lambda: ical.read_ics(_Reads(42)), "must be bytes, text"),
        (lambda: ical.read_ics(b"", start=date(2024, 2, 1), end=date(2024, 1, 1)), "swap --from"),
        (lambda: ical.read_ics(b"", start="2024-01-01"), "start must be a date"),  # type: ignore[arg-type]
        (lambda: ical.read_ics(Path("/nonexistent/klu.ics")), "cannot read the file"),
    ],
)
def test_argument_errors(call: Any, text: str) -> None:
    with pytest.raises(InvalidValueError, match=text):
        call()


class _Reads:
    def __init__(self, value: object) -> None:
        self.value = value

    def read(self, size: int = -1) -> object:
        return self.value


def test_an_event_exported_for_another_committee_is_skipped() -> None:
    # an Odense feed merged into another committee's file would give it Odense's meetings
    data = ics(
        "BEGIN:VEVENT",
        "UID:odense-1@klu",
        "SUMMARY:KLU-møde",
        "DTSTART;TZID=Europe/Copenhagen:20270311T150000",
        "DTEND;TZID=Europe/Copenhagen:20270311T170000",
        "X-KLU-COMMITTEE-ID:klu-odense",
        "X-KLU-MEETING-ID:m1",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:own-1@klu",
        "DTSTART;TZID=Europe/Copenhagen:20270312T150000",
        "X-KLU-COMMITTEE-ID:klu-eksempelby",
        "X-KLU-MEETING-ID:m2",
        "END:VEVENT",
    )
    result = ical.read_ics(data, committee_id="klu-eksempelby")
    assert [m.id for m in result.meetings] == ["m2"]
    [found] = result.findings
    assert (found.code, found.subject) == ("ical.other-committee", "odense-1@klu")
    assert found.parameters["feed_committee"] == "klu-odense"
    assert found.parameters["day"] == "2027-03-11"
    assert result.outcome == "partly-imported"
    check_golden_finding(found)
    # without a committee to compare with, both are taken
    assert len(ical.read_ics(data).meetings) == 2
