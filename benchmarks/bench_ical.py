"""Time the iCalendar export of 1,000 meetings against bare icalendar.

Run from the repository root, with the test dependencies installed::

    python benchmarks/bench_ical.py [--meetings N] [--repeats N]

One committee (Aalborg's rules of procedure on the national rules, five
members with e-mail addresses, a secretary) has 1,000 meetings in 2024
(``--meetings``): four a working day, every tenth cancelled, every fifth
held, every third with a title, a place and a four-item agenda. The year is
planned once with :func:`klu_rules.checks.deadlines.plan_year` (timed apart);
then the same Danish feed is written twice:

- **klu_rules**: :func:`klu_rules.io.ical.dump_ics` with ``language="da"`` and
  otherwise its defaults: the 1,000 meetings with attendees and organizer,
  their 3,000 deadlines as all-day events with an alarm, the feed's
  properties (``METHOD:PUBLISH``, ``NAME``, ``X-WR-CALNAME``,
  ``X-WR-CALDESC``, ``X-WR-TIMEZONE``, ``REFRESH-INTERVAL``,
  ``X-PUBLISHED-TTL``) and the RRULE-based ``VTIMEZONE`` of
  Europe/Copenhagen;
- **bare icalendar**: the same components built by hand with icalendar's own
  API (``Calendar``, ``Event``, ``Alarm``, ``Timezone`` with its two
  observances, ``vCalAddress``, ``vText``, ``vDuration``, ``add()``,
  ``add_component()``), every sentence taken from the Danish catalogue with
  :func:`klu_rules.core.messages.message` (dates by
  :func:`klu_rules.core.forms.format_date`, as the catalogue writes them), and
  serialised. It uses none of klu_rules's export code, only its public
  ``PRODID``, so the comparison measures klu_rules's export machinery
  (option and value checks, attendee and organizer look-up, the shared text
  helpers) over the same icalendar work and the same catalogue.

The script exits non-zero, naming the first line that differs, unless both
sides write the same bytes; then it prints the best of five runs of each
(``--repeats``) and the ratio (target: klu_rules <= 1.5x bare icalendar). It
asserts nothing about speed. ``tests/test_benchmarks.py`` runs it on a few
meetings.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import (
    Alarm,
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
    vText,
)

from klu_rules.checks.deadlines import YearPlan, plan_year
from klu_rules.core.forms import Language, format_date
from klu_rules.core.messages import catalogue, message
from klu_rules.io import ical
from klu_rules.model.agenda import Agenda, AgendaItem
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.model.people import Membership, Person
from klu_rules.rules.horizon import HORIZON_CODES
from klu_rules.rules.ruleset import get_rule_set

MEETINGS = 1000
YEAR = 2024
REPEATS = 5
TZ = ZoneInfo("Europe/Copenhagen")
STAMP = datetime(2024, 1, 2, 8, 0, tzinfo=UTC)
NAMESPACE = uuid.UUID("7dfbcd6e-c658-5e5d-be10-8fa276d2edbf")  # as documented for klu_rules.io.ical


def _committee(count: int = MEETINGS) -> Committee:
    people = [
        Person(f"p{i}", f"Person {i}", email=f"p{i}@kommune.example", doctor=i < 2)
        for i in range(6)
    ]
    roles = ["doctor_member", "doctor_member", "chair", "municipal_representative"]
    sides = ["general_practice", "general_practice", "municipality", "municipality"]
    memberships = [Membership(people[i], sides[i], roles[i]) for i in range(4)]
    memberships.append(Membership(people[4], "municipality", "practice_consultant"))
    agenda = Agenda(
        (
            AgendaItem("1", "Godkendelse af dagsordenen", "approval", 5),
            AgendaItem("2", "Punkter til behandling", "decision", 60),
            AgendaItem("3", "Orienteringspunkter", "information", 30),
            AgendaItem("4", "Eventuelt", "other_business"),
        )
    )
    meetings: list[Meeting] = []
    day = date(YEAR, 1, 8)
    while len(meetings) < count:
        if day.weekday() < 5:
            for hour in (9, 11, 13, 15):
                n = len(meetings)
                start = datetime(day.year, day.month, day.day, hour, tzinfo=TZ)
                meetings.append(
                    Meeting(
                        id=f"m{n:04d}",
                        start=start,
                        end=start + timedelta(hours=2),
                        status="cancelled" if n % 10 == 9 else "held" if n % 5 == 0 else "planned",
                        revision=n % 3,
                        title=f"Møde nr. {n}" if n % 3 == 0 else None,
                        location="Rådhuset, mødelokale 2" if n % 3 == 0 else None,
                        agenda=agenda if n % 3 == 0 else None,
                    )
                )
        day += timedelta(days=1)
    return Committee(
        id="klu-bench",
        name="KLU Benchmark",
        municipality="Benchmark",
        region="Nordjylland",
        rule_set=get_rule_set("aalborg"),
        memberships=memberships,
        secretariat=[Membership(people[5], "municipality", "secretary")],
        meetings=meetings[:count],
        year=YEAR,
    )


# ---------------------------------------------------------------------------
# the same feed with bare icalendar

LANGUAGE: Language = "da"
"""The language of both sides: Danish, as a municipality publishes its feed (``klu-rules ics``'s
default; :func:`~klu_rules.io.ical.dump_ics` is told so, its own default being English)."""

ALARM = timedelta(hours=-15)  # 09:00 the day before a deadline
REFRESH = timedelta(hours=12)


def copenhagen() -> Timezone:
    """Europe/Copenhagen since 1996: the EU rule, one ``DAYLIGHT`` and one ``STANDARD``."""
    timezone = Timezone()
    timezone.add("TZID", "Europe/Copenhagen")
    for kind, start, month, names in (
        (TimezoneDaylight, datetime(1996, 3, 31, 2), 3, ("CEST", 1, 2)),
        (TimezoneStandard, datetime(1996, 10, 27, 3), 10, ("CET", 2, 1)),
    ):
        observance = kind()
        observance.add("DTSTART", start)
        observance.add("RRULE", {"FREQ": "YEARLY", "BYDAY": "-1SU", "BYMONTH": month})
        observance.add("TZNAME", names[0])
        observance.add("TZOFFSETFROM", timedelta(hours=names[1]))
        observance.add("TZOFFSETTO", timedelta(hours=names[2]))
        timezone.add_component(observance)
    return timezone


def _clock(moment: datetime) -> str:
    return f"{moment.hour}" if moment.minute == 0 else f"{moment.hour}.{moment.minute:02d}"


def _when(start: datetime, end: datetime, *, capital: bool) -> str:
    day = format_date(start.date(), LANGUAGE, weekday=True)
    day = day[0].upper() + day[1:] if capital else day
    return message("ical.when_span", LANGUAGE, day=day, start=_clock(start), end=_clock(end))


def _address(person: Person) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = person.name
    return address


def bare_icalendar(plan: YearPlan, committee: Committee) -> bytes:
    """The feed, built with icalendar's own API and the catalogue's Danish texts."""
    text = catalogue(LANGUAGE)
    name = f"{committee.name} {plan.year}"
    description = message("ical.feed_description", LANGUAGE, committee=name)
    # the notes about the rules' data (2024 lies beyond Aalborg's horizon), one line each
    notes = (f.text(LANGUAGE) for f in plan.findings if f.code in HORIZON_CODES)
    description += "".join("\n" + note for note in dict.fromkeys(notes))
    calendar = Calendar()
    calendar.add("PRODID", ical.PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("UID", str(uuid.uuid5(NAMESPACE, f"{committee.id}/{name}")))
    for prop, value in (("NAME", name), ("X-WR-CALNAME", name)):
        calendar.add(prop, vText(value))
    for prop in ("DESCRIPTION", "X-WR-CALDESC"):
        calendar.add(prop, vText(description))
    calendar.add("X-WR-TIMEZONE", "Europe/Copenhagen")
    calendar.add("REFRESH-INTERVAL", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
    calendar.add_component(copenhagen())
    secretary = next(m.person for m in committee.secretariat if m.role.value == "secretary")
    organizer = _address(secretary)
    for meeting_plan in plan.meetings:
        meeting = meeting_plan.meeting
        cancelled = meeting.status.value == "cancelled"
        mark = message("ical.cancelled_prefix", LANGUAGE) if cancelled else ""
        status = "CANCELLED" if cancelled else "CONFIRMED"
        start, end = meeting.start.astimezone(TZ), meeting.end.astimezone(TZ)  # type: ignore[union-attr]
        deadlines = sorted(meeting_plan.deadlines, key=lambda d: d.date)
        lines = [committee.name, _when(start, end, capital=True)]
        if cancelled:
            lines.append(message("ical.cancelled", LANGUAGE))
        if meeting.location:
            lines.append(message("ical.location", LANGUAGE, location=meeting.location))
        if meeting.agenda is not None:
            lines += ["", message("ical.agenda", LANGUAGE)]
            for point in meeting.agenda.items:
                line = f"{point.number}. {point.title}"
                if point.duration_minutes is not None:
                    minutes = message("ical.minutes", LANGUAGE, minutes=point.duration_minutes)
                    line += f" ({minutes})"
                lines.append(line)
            total = meeting.agenda.total_minutes
            lines.append(message("ical.agenda_total", LANGUAGE, minutes=total))
        lines += ["", message("ical.deadlines", LANGUAGE)]
        lines += [
            message("ical.deadline_item", LANGUAGE, kind=d.kind, day=d.date) for d in deadlines
        ]
        key = "ical.summary_titled" if meeting.title else "ical.summary"
        event = Event()
        event.add("SUMMARY", mark + message(key, LANGUAGE, kind=meeting.kind, title=meeting.title))
        event.add("DTSTART", start)
        event.add("DTEND", end)
        event.add("DTSTAMP", STAMP)
        event.add("UID", str(uuid.uuid5(NAMESPACE, f"{committee.id}/{meeting.id}")))
        event.add("SEQUENCE", meeting.revision)
        # a METHOD:PUBLISH feed names no attendee (RFC 5546 3.2.1)
        event.add("DESCRIPTION", "\n".join(lines))
        if meeting.location:
            event.add("LOCATION", meeting.location)
        event.add("ORGANIZER", organizer)
        event.add("STATUS", status)
        event.add("X-KLU-COMMITTEE-ID", committee.id)
        event.add("X-KLU-MEETING-ID", meeting.id)
        event.add("X-KLU-MEETING-KIND", meeting.kind.value)
        if meeting.status.value == "held":
            event.add("X-KLU-MEETING-STATUS", "held")
        calendar.add_component(event)
        when = _when(start, end, capital=False)
        for deadline in deadlines:
            summary = mark + message(
                "ical.deadline_summary",
                LANGUAGE,
                kind=deadline.kind,
                meeting=meeting.kind,
                day=meeting_plan.date,
            )
            relation = "before" if deadline.counted_before else "after"
            rule = message(
                "ical.rule",
                LANGUAGE,
                period=deadline.period,
                relation=relation,
                anchor=deadline.anchor,
                anchor_day=deadline.anchor_date,
            )
            if deadline.roll == "none":
                rule += message("ical.no_roll", LANGUAGE, day=deadline.date)
            else:
                rule += message(
                    "ical.roll_closed" if deadline.closed else "ical.roll",
                    LANGUAGE,
                    unrolled=deadline.unrolled,
                    closed=tuple(text.get(f"holiday.{c}", c) for c in deadline.closed),
                    direction=deadline.roll,
                    day=deadline.date,
                )
            lines = [
                message("ical.deadline_line", LANGUAGE, kind=deadline.kind, day=deadline.date),
                message(
                    "ical.deadline_meeting",
                    LANGUAGE,
                    meeting=meeting.kind,
                    when=when,
                    committee=committee.name,
                ),
            ]
            if cancelled:
                lines.append(message("ical.cancelled", LANGUAGE))
            if deadline.done_on is not None:
                lines.append(message("ical.done", LANGUAGE, day=deadline.done_on))
            sources = ", ".join(deadline.sources)
            lines += ["", rule, message("ical.sources", LANGUAGE, sources=sources)]
            item = Event()
            item.add("SUMMARY", summary)
            item.add("DTSTART", deadline.date)
            item.add("DTEND", deadline.date + timedelta(days=1))
            item.add("DTSTAMP", STAMP)
            name = f"{committee.id}/{meeting.id}/{deadline.kind.value}/{deadline.date.isoformat()}"
            uid = uuid.uuid5(NAMESPACE, name)
            item.add("UID", str(uid))
            item.add("SEQUENCE", meeting.revision)
            item.add("DESCRIPTION", "\n".join(lines))
            item.add("ORGANIZER", organizer)
            item.add("STATUS", status)
            item.add("TRANSP", "TRANSPARENT")
            item.add("X-KLU-COMMITTEE-ID", committee.id)
            item.add("X-KLU-DEADLINE", deadline.kind.value)
            item.add("X-KLU-MEETING-ID", meeting.id)
            if not cancelled and deadline.done_on is None:
                alarm = Alarm()
                alarm.add("ACTION", "DISPLAY")
                reminder = message("ical.alarm", LANGUAGE, summary=summary, day=deadline.date)
                alarm.add("DESCRIPTION", reminder)
                alarm.add("TRIGGER", ALARM)
                item.add_component(alarm)
            calendar.add_component(item)
    data: bytes = calendar.to_ical()
    return data


# ---------------------------------------------------------------------------


def _best(run: Callable[[], bytes], repeats: int) -> tuple[float, bytes]:
    best, result = float("inf"), b""
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def _first_difference(ours: bytes, bare: bytes) -> str:
    for number, (mine, theirs) in enumerate(
        zip(ours.splitlines(), bare.splitlines(), strict=False), 1
    ):
        if mine != theirs:
            return f"line {number}: {mine!r} != {theirs!r}"
    return f"{len(ours.splitlines())} lines != {len(bare.splitlines())} lines"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=MEETINGS, metavar="N")
    parser.add_argument("--repeats", type=int, default=REPEATS, metavar="N")
    args = parser.parse_args(argv)
    committee = _committee(args.meetings)
    start = time.perf_counter()
    plan = plan_year(committee)
    planning = time.perf_counter() - start
    deadlines = sum(len(p.deadlines) for p in plan.meetings)

    def export() -> bytes:
        return ical.dump_ics(plan, committee=committee, stamp=STAMP, language=LANGUAGE)

    ours, ours_data = _best(export, args.repeats)
    bare, bare_data = _best(lambda: bare_icalendar(plan, committee), args.repeats)
    if ours_data != bare_data:
        sys.exit(
            "klu_rules.io.ical and bare icalendar wrote different feeds, first at "
            + _first_difference(ours_data, bare_data)
        )

    runs = f"best of {args.repeats}"
    print(
        f"iCalendar export of {len(plan.meetings)} meetings and {deadlines} deadlines "
        f"({len(ours_data) / 1e6:.1f} MB), Python {sys.version.split()[0]}"
    )
    print(f"planning (plan_year, not in the comparison): {planning * 1e3:8.1f} ms")
    print(f"klu_rules.io.ical.dump_ics, {runs}:       {ours * 1e3:8.1f} ms")
    print(f"bare icalendar, same bytes, {runs}:    {bare * 1e3:8.1f} ms")
    print(f"ratio klu_rules / bare icalendar:           {ours / bare:8.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
