"""Every error of the iCalendar export and import reads wholly in Danish or wholly in English.

One bad input per text key of ``errors_ical.toml``: each error reads in one language only
(data, property names and argument names shown as written are allowed), and every key of
the file is raised.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from unittest import mock

import attrs
import pytest
from helpers import catalogue_error_keys, ics, keyed_error_texts, raised, rich_committee, vevent
from icalendar import Calendar, Event, vText
from icalendar.prop import vDDDTypes

from klu_rules.checks.deadlines import plan_year
from klu_rules.checks.plan_results import PlanParameters
from klu_rules.cli import build_parser
from klu_rules.cli.import_ics import merge
from klu_rules.core.errors import KluRulesError
from klu_rules.core.messages import error_text
from klu_rules.io import _ical_event, _ical_scan, _ical_series, _ical_text, ical
from klu_rules.io.presets import aalborg
from klu_rules.model import geography

PLAN = plan_year(aalborg())
OTHER = plan_year(rich_committee(), 2024)
# words of the iCalendar format and of the Python API, shown as written in either language
CODE = frozenset(
    {"vevent", "vtimezone", "vcalendar", "dtstart", "dtend", "duration", "rrule", "uid"}
    | {"sequence", "status", "interval", "freq", "weekly", "none", "yearplan", "ruleset"}
    | {"timedelta", "datetime", "committee", "alarm", "stamp", "start", "value", "param"}
)


def _read(data: bytes, **options: Any) -> Callable[[], object]:
    return lambda: ical.read_ics(data, path="klu.ics", **options)


def _calendar(**properties: Any) -> Calendar:
    """A parsed calendar of one event (a CalDAV client's object), its values as given."""
    event = Event()
    event.add("UID", "a")
    for name, value in properties.items():
        event[name.replace("_", "-")] = value
    calendar = Calendar()
    calendar.add_component(event)
    return calendar


def _broken_property() -> Calendar:
    calendar = _calendar(DTSTART=vText("x"))
    calendar.subcomponents[0].errors.append((None, "broken"))
    return calendar


@contextmanager
def _patched(target: Any, name: str, value: Any) -> Iterator[None]:
    with mock.patch.object(target, name, value):
        yield


def _with(target: Any, name: str, value: Any, call: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        with _patched(target, name, value):
            return call()

    return run


def _no_extra() -> object:
    with mock.patch.dict(sys.modules, {"recurring_ical_events": None}):
        return ical.read_ics(vevent("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;COUNT=2"))


def _library_fails() -> object:
    import recurring_ical_events

    def broken(*args: object) -> object:
        raise ValueError("x")

    with mock.patch.object(recurring_ical_events, "of", broken):
        return ical.read_ics(vevent("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;COUNT=2"))


def _series_rule() -> object:
    event = Event()
    event.add("DTSTART", datetime(2024, 6, 5, 15, tzinfo=UTC))
    event["RRULE"] = "FREQ=DAILY"
    return _ical_series._starts(event, date(2024, 1, 1), date(2024, 12, 31))


def _no_successor() -> object:
    key = geography.find_municipality("Aalborg").region
    ended = attrs.evolve(geography.REGIONS[key], ends=date(2020, 1, 1), successor=None)
    with mock.patch.object(geography, "REGIONS", {**geography.REGIONS, key: ended}):
        return geography.region_of("Aalborg", date(2024, 1, 1))


def _feed_only_options() -> object:
    args = build_parser("ics").parse_args(["ics", "--split", "out", "--refresh", "PT1H"])
    args.lang = "da"
    return args.func(args)


def _conflict() -> object:
    committee = rich_committee()
    stale = attrs.evolve(committee.meetings[0], title="Flyttet")
    return merge(committee, [stale])


NESTED = "\r\n".join(f"BEGIN:X-{i}" for i in range(ical.MAX_DEPTH))
STAMPED = datetime(2024, 1, 1, 10, tzinfo=UTC)

CASES: list[tuple[str, Callable[[], object]]] = [
    # the scan of the lines
    ("ical_not_utf8", _read(b"BEGIN:VCALENDAR\r\n\xff\r\n")),
    ("ical_truncated_line", _read(b"BEGIN:VCALENDAR\r\nVERSION")),
    ("ical_not_content_line", _read(ics("hello world"))),
    ("ical_expected_vcalendar", _read(b"BEGIN:VEVENT\r\nEND:VEVENT\r\n")),
    ("ical_nested_in_itself", _read(ics("BEGIN:VEVENT", "BEGIN:VEVENT"))),
    ("ical_end_without_begin", _read(b"END:VEVENT\r\n")),
    ("ical_end_mismatch", _read(ics("BEGIN:VEVENT", "END:VTODO"))),
    ("ical_outside_calendar", _read(b"VERSION:2.0\r\n")),
    ("ical_empty", _read(b"")),
    ("ical_never_closed", _read(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")),
    ("ical_too_deep", _read(ics(NESTED))),
    ("ical_too_many", _with(_ical_scan, "MAX_COMPONENTS", 1, _read(ics("BEGIN:X-A", "END:X-A")))),
    ("ical_source_type", lambda: ical.read_ics(42)),  # type: ignore[arg-type]
    ("ical_range", _read(b"", start=date(2024, 2, 1), end=date(2024, 1, 1))),
    ("ical_range_type", _read(b"", start="2024-01-01")),
    ("ical_committee_id", _read(b"", committee_id=5)),
    (
        "ical_invalid",
        _read(
            ics(
                "BEGIN:VTIMEZONE",
                "TZID:x",
                "BEGIN:STANDARD",
                "DTSTART:y",
                "END:STANDARD",
                "END:VTIMEZONE",
            )
        ),
    ),
    ("ical_bad_zone_name", _read(ics("X-WR-TIMEZONE:Mars/Olympus"))),
    # the values of an event
    ("ical_unreadable", _read(vevent("DTSTART:notadate"))),
    ("ical_unreadable_property", lambda: ical.read_ics(_broken_property())),
    ("ical_repeated", _read(vevent("DTSTART:20240101T100000Z", "SUMMARY:a", "SUMMARY:b"))),
    ("ical_not_moment", lambda: ical.read_ics(_calendar(DTSTART=vText("x")))),
    ("ical_date_with_tzid", _read(vevent("DTSTART;TZID=Europe/Copenhagen;VALUE=DATE:20240101"))),
    ("ical_out_of_range", _read(vevent("DTSTART;TZID=Europe/Copenhagen:00010101T000000"))),
    ("ical_out_of_range_in", _read(vevent("DTSTART:99991231T233000Z"))),
    ("ical_unknown_tzid", _read(vevent("DTSTART;TZID=Mars/Olympus:20240101T100000"))),
    ("ical_floating", _read(vevent("DTSTART:20230326T023000"))),
    ("ical_not_whole", lambda: ical.read_ics(_calendar(DTSTART=vDDDTypes(STAMPED), SEQUENCE="x"))),
    ("ical_negative", _read(vevent("DTSTART:20240101T100000Z", "SEQUENCE:-1"))),
    ("ical_meeting_id", _read(vevent("DTSTART:20240101T100000Z", "X-KLU-MEETING-ID:a b"))),
    ("ical_kind", _read(vevent("DTSTART:20240101T100000Z", "X-KLU-MEETING-KIND:fest"))),
    ("ical_status", _read(vevent("DTSTART:20240101T100000Z", "STATUS:DONE"))),
    ("ical_own_status", _read(vevent("DTSTART:20240101T100000Z", "X-KLU-MEETING-STATUS:x"))),
    (
        "ical_end_and_duration",
        _read(vevent("DTSTART:20240101T100000Z", "DTEND:20240101T120000Z", "DURATION:PT1H")),
    ),
    ("ical_duration", _read(vevent("DTSTART:20240101T100000Z", "DURATION;VALUE=TEXT:x"))),
    ("ical_duration_range", _read(vevent("DTSTART:99991231T000000Z", "DURATION:P99999D"))),
    ("ical_end_is_date", _read(vevent("DTSTART:20240101T100000Z", "DTEND;VALUE=DATE:20240102"))),
    ("ical_meeting", _read(vevent("DTSTART:20240101T100000Z", "DURATION:-PT1H"))),
    ("ical_no_start", _read(vevent("SUMMARY:KLU"))),
    ("ical_rrule", _read(vevent("DTSTART:20240605T150000Z", "RRULE;VALUE=DATE:20240605"))),
    (
        "ical_meeting_twice",
        _read(ics(*("BEGIN:VEVENT", "UID:a", "DTSTART:20240101T100000Z", "END:VEVENT") * 2)),
    ),
    # recurring series
    ("ical_needs_extra", _no_extra),
    ("ical_series", _library_fails),
    (
        "ical_series_refused",
        _read(vevent("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;INTERVAL=0;COUNT=2")),
    ),
    (
        "ical_series_too_early",
        _read(vevent("DTSTART:18991231T150000Z", "RRULE:FREQ=DAILY;COUNT=2")),
    ),
    ("ical_series_rule", _series_rule),
    (
        "ical_series_interval",
        _read(vevent("DTSTART:20240605T150000Z", "RRULE:FREQ=DAILY;INTERVAL=0;COUNT=2")),
    ),
    # the export
    ("ical_plan_type", lambda: ical.dump_ics(aalborg())),  # type: ignore[arg-type]
    ("ical_plan_item", lambda: ical.dump_ics([42])),  # type: ignore[list-item]
    ("ical_committee_type", lambda: ical.dump_ics(PLAN, committee=42)),  # type: ignore[arg-type]
    ("ical_alarm_type", lambda: ical.dump_ics(PLAN, alarm=5)),  # type: ignore[arg-type]
    ("ical_stamp_type", lambda: ical.dump_ics(PLAN, stamp="x")),  # type: ignore[arg-type]
    ("ical_other_committee", lambda: ical.dump_ics(PLAN, committee=rich_committee())),
    ("ical_no_committee", lambda: ical.dump_ics(attrs.evolve(PLAN, committee_id=None))),
    ("ical_several_committees", lambda: ical.dump_ics([PLAN, OTHER])),
    (
        "ical_zones",
        lambda: ical.dump_ics(
            [
                PLAN,
                attrs.evolve(
                    PLAN,
                    parameters=PlanParameters({**PLAN.parameters, "timezone": "Europe/Berlin"}),
                ),
            ]
        ),
    ),
    ("ical_rule_set_type", lambda: ical.default_stamp(42)),  # type: ignore[arg-type]
    ("ical_control_character", lambda: ical.dump_ics(attrs.evolve(PLAN, committee_name="a\x01"))),
    ("ical_address", lambda: ical.dump_ics(PLAN, organizer="x")),
    ("ical_url", lambda: ical.dump_ics(PLAN, source_url="ftp://x")),
    ("ical_refresh", lambda: ical.dump_ics(PLAN, refresh=timedelta(0))),
    ("ical_revision", lambda: _ical_text.check_revision(2**31, "m1")),
    # klu-rules import and ics, and a region without successor
    ("import_meeting_conflict", _conflict),
    ("cli_feed_only_options", _feed_only_options),
    ("geography_no_successor", _no_successor),
]


@pytest.mark.parametrize(("key", "call"), CASES, ids=[c[0] for c in CASES])
def test_each_error_reads_in_one_language(key: str, call: Callable[[], object]) -> None:
    da, en = keyed_error_texts(key, call, CODE)
    assert da != en


def test_every_key_of_the_ical_errors_is_raised() -> None:
    assert catalogue_error_keys("errors_ical.toml") == {c[0] for c in CASES}


def test_a_refusal_inside_a_series_is_one_sentence_in_either_language() -> None:
    error = raised(CASES[[c[0] for c in CASES].index("ical_series_interval")][1])
    assert error.text_key == "ical_series_refused"
    assert error_text(error, "da").endswith("kan ikke foldes ud: INTERVAL skal være 1 eller mere")
    assert error_text(error, "en").endswith("cannot be expanded: INTERVAL must be 1 or more")
    assert (error.path, error.line) == ("klu.ics", 3)


def test_an_error_without_a_text_key_is_quoted_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    def plain(*args: object) -> object:
        raise KluRulesError("zone data missing")

    monkeypatch.setattr(_ical_event, "localize", plain)
    error = raised(_read(vevent("DTSTART:20240101T100000")))
    assert error.text_parameters["cause"] == "checks.cause"
    assert error_text(error, "da") == (
        "klu.ics:5: DTSTART er et lokalt klokkeslæt uden tidszone: zone data missing"
    )
