"""Time the iCalendar export of 1,000 meetings against bare icalendar.

Run from the repository root, with the test dependencies installed::

    python benchmarks/bench_ical.py

One committee (Aalborg's rules of procedure on the national rules, five
members with e-mail addresses, a secretary) has 1,000 meetings in 2024: four
a working day, every tenth cancelled, every fifth held, every third with a
title, a place and a four-item agenda. The year is planned once with
:func:`klu_rules.checks.deadlines.plan_year` (timed apart); then

- **klu_rules**: :func:`klu_rules.io.ical.dump_ics` writes the feed: 1,000
  meetings and their 3,000 deadlines, with alarms, attendees and the
  ``VTIMEZONE``;
- **bare icalendar**: the same events built directly with icalendar
  (``Calendar``, ``Event``, ``Alarm``, ``vCalAddress``, ``add()``), with the
  same Danish texts from :mod:`klu_rules.core.labels`, and serialised.

The script checks that both sides write the same bytes, then prints the best
of five runs of each and the ratio (target: klu_rules <= 1.5x bare
icalendar). It asserts nothing about speed.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress

from klu_rules.checks.deadlines import YearPlan, plan_year
from klu_rules.core.labels import (
    DEADLINE_KIND_DA,
    ICAL_DA,
    MEETING_KIND_DA,
    MONTHS_DA,
    PERIOD_UNIT_DA,
    format_date_da,
    format_meeting_time_da,
)
from klu_rules.io import ical
from klu_rules.model.agenda import Agenda, AgendaItem
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.model.people import Membership, Person
from klu_rules.rules.ruleset import get_rule_set

MEETINGS = 1000
YEAR = 2024
REPEATS = 5
TZ = ZoneInfo("Europe/Copenhagen")
STAMP = datetime(2024, 1, 2, 8, 0, tzinfo=UTC)
NAMESPACE = uuid.UUID("7dfbcd6e-c658-5e5d-be10-8fa276d2edbf")  # as documented for klu_rules.io.ical


def _committee() -> Committee:
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
    meetings = []
    day = date(YEAR, 1, 8)
    while len(meetings) < MEETINGS:
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
        meetings=meetings[:MEETINGS],
        year=YEAR,
    )


# ---------------------------------------------------------------------------
# the same feed with bare icalendar


def _date_da(day: date) -> str:
    return format_date_da(day).lower()


def bare_icalendar(plan: YearPlan, committee: Committee) -> bytes:
    """The feed, built with icalendar's own API only (the texts from klu_rules.core.labels)."""
    name = f"{committee.name} {plan.year}"
    calendar = Calendar()
    calendar.add("PRODID", ical.PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("NAME", name)
    calendar.add("X-WR-CALNAME", name)
    calendar.add("UID", str(uuid.uuid5(NAMESPACE, f"{committee.id}/{name}")))
    organizer = vCalAddress("mailto:p5@kommune.example")
    organizer.params["CN"] = "Person 5"
    roles = {"p0": "REQ-PARTICIPANT", "p1": "REQ-PARTICIPANT", "p2": "CHAIR"}
    roles |= {"p3": "REQ-PARTICIPANT", "p4": "OPT-PARTICIPANT", "p5": "OPT-PARTICIPANT"}
    for meeting_plan in plan.meetings:
        meeting = meeting_plan.meeting
        cancelled = meeting.status.value == "cancelled"
        mark = ICAL_DA["cancelled_prefix"] if cancelled else ""
        label = MEETING_KIND_DA[meeting.kind.value]
        start, end = meeting.start.astimezone(TZ), meeting.end.astimezone(TZ)  # type: ignore[union-attr]
        when = format_meeting_time_da(start, end)
        lines = [committee.name, when]
        if cancelled:
            lines.append(ICAL_DA["cancelled"])
        if meeting.location:
            lines.append(f"Sted: {meeting.location}")
        if meeting.agenda is not None:
            lines += ["", "Dagsorden:"]
            for item in meeting.agenda.items:
                minutes = f" ({item.duration_minutes} min.)" if item.duration_minutes else ""
                lines.append(f"{item.number}. {item.title}{minutes}")
            lines.append(f"I alt {meeting.agenda.total_minutes} min.")
        deadlines = sorted(meeting_plan.deadlines, key=lambda d: d.date)
        lines += ["", "Frister:"]
        lines += [f"- {DEADLINE_KIND_DA[d.kind.value]}: {_date_da(d.date)}" for d in deadlines]
        event = Event()
        event.add("SUMMARY", mark + (f"{label}: {meeting.title}" if meeting.title else label))
        event.add("DTSTART", start)
        event.add("DTEND", end)
        event.add("DTSTAMP", STAMP)
        event.add("UID", str(uuid.uuid5(NAMESPACE, f"{committee.id}/{meeting.id}")))
        event.add("SEQUENCE", meeting.revision)
        for membership in (*committee.memberships, *committee.secretariat):
            person = membership.person
            address = vCalAddress(f"mailto:{person.email}")
            address.params["CN"] = person.name
            address.params["PARTSTAT"] = "NEEDS-ACTION"
            address.params["ROLE"] = roles[person.id]
            event.add("ATTENDEE", address)
        event.add("DESCRIPTION", "\n".join(lines))
        if meeting.location:
            event.add("LOCATION", meeting.location)
        event.add("ORGANIZER", organizer)
        event.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("X-KLU-COMMITTEE-ID", committee.id)
        event.add("X-KLU-MEETING-ID", meeting.id)
        event.add("X-KLU-MEETING-KIND", meeting.kind.value)
        if meeting.status.value == "held":
            event.add("X-KLU-MEETING-STATUS", "held")
        calendar.add_component(event)
        short = f"{meeting_plan.date.day}. {MONTHS_DA[meeting_plan.date.month - 1]} {YEAR}"
        for deadline in deadlines:
            kind = DEADLINE_KIND_DA[deadline.kind.value]
            summary = f"{mark}{kind} – {label} {short}"
            period = deadline.period
            unit = period.unit if period.amount != 1 else period.unit[:-1]
            rule = (
                f"Regel: senest {period.amount} {PERIOD_UNIT_DA[unit]} "
                f"{'før' if deadline.counted_before else 'efter'} "
                f"{ICAL_DA['anchor_' + deadline.anchor]} {_date_da(deadline.anchor_date)}"
            )
            if deadline.roll == "none":
                rule += f", dvs. {_date_da(deadline.date)}."
            else:
                closed = f" ({', '.join(deadline.closed)})" if deadline.closed else ""
                rule += (
                    f"; {_date_da(deadline.unrolled)} er ikke en arbejdsdag{closed}, så fristen "
                    f"flyttes til {ICAL_DA[deadline.roll]} arbejdsdag, {_date_da(deadline.date)}."
                )
            text = [
                f"{kind} senest {_date_da(deadline.date)}",
                f"før {label} {when.lower()} i {committee.name}",
            ]
            if cancelled:
                text.append(ICAL_DA["cancelled"])
            if deadline.done_on is not None:
                text.append(f"Udført {_date_da(deadline.done_on)}.")
            text += ["", rule, f"Kilder: {', '.join(deadline.sources)}"]
            item = Event()
            item.add("SUMMARY", summary)
            item.add("DTSTART", deadline.date)
            item.add("DTEND", deadline.date + timedelta(days=1))
            item.add("DTSTAMP", STAMP)
            uid = uuid.uuid5(NAMESPACE, f"{committee.id}/{meeting.id}/{deadline.kind.value}")
            item.add("UID", str(uid))
            item.add("SEQUENCE", meeting.revision)
            item.add("DESCRIPTION", "\n".join(text))
            item.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
            item.add("TRANSP", "TRANSPARENT")
            item.add("X-KLU-COMMITTEE-ID", committee.id)
            item.add("X-KLU-DEADLINE", deadline.kind.value)
            item.add("X-KLU-MEETING-ID", meeting.id)
            if not cancelled and deadline.done_on is None:
                alarm = Alarm()
                alarm.add("ACTION", "DISPLAY")
                alarm.add(
                    "DESCRIPTION",
                    f"Påmindelse: {summary}, frist {deadline.date.day}. "
                    f"{MONTHS_DA[deadline.date.month - 1]} {deadline.date.year}",
                )
                alarm.add("TRIGGER", timedelta(hours=-15))
                item.add_component(alarm)
            calendar.add_component(item)
    calendar.add_missing_timezones(
        first_date=Timezone.DEFAULT_FIRST_DATE, last_date=Timezone.DEFAULT_LAST_DATE
    )
    for timezone in calendar.timezones:
        for observance in timezone.subcomponents:
            rdates = observance.pop("RDATE", None)
            for value in [] if rdates is None else rdates.dts:
                observance.add("RDATE", value.dt)
    data: bytes = calendar.to_ical()
    return data


# ---------------------------------------------------------------------------


def _best(run: Callable[[], bytes]) -> tuple[float, bytes]:
    best, result = float("inf"), b""
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    committee = _committee()
    start = time.perf_counter()
    plan = plan_year(committee)
    planning = time.perf_counter() - start
    deadlines = sum(len(p.deadlines) for p in plan.meetings)

    ours, ours_data = _best(lambda: ical.dump_ics(plan, committee=committee, stamp=STAMP))
    bare, bare_data = _best(lambda: bare_icalendar(plan, committee))
    if ours_data != bare_data:
        sys.exit("klu_rules.io.ical and bare icalendar wrote different feeds")

    print(
        f"iCalendar export of {len(plan.meetings)} meetings and {deadlines} deadlines "
        f"({len(ours_data) / 1e6:.1f} MB), Python {sys.version.split()[0]}"
    )
    print(f"planning (plan_year, not in the comparison): {planning * 1e3:8.1f} ms")
    print(f"klu_rules.io.ical.dump_ics, best of {REPEATS}:       {ours * 1e3:8.1f} ms")
    print(f"bare icalendar, same bytes, best of {REPEATS}:    {bare * 1e3:8.1f} ms")
    print(f"ratio klu_rules / bare icalendar:           {ours / bare:8.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
