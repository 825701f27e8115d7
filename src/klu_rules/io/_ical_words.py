"""The words of an iCalendar export: a meeting's summary, its time, its agenda and the rule
behind a deadline, in the language asked for.

Private to :mod:`klu_rules.io.ical`; this module does not import icalendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from klu_rules.checks.deadlines import Deadline
from klu_rules.core.language import Language, format_clock, format_date
from klu_rules.core.messages import catalogue, message
from klu_rules.model.meeting import Meeting, MeetingStatus

__all__ = ["agenda_lines", "cancelled", "meeting_summary", "rule_text", "when"]


def cancelled(meeting: Meeting, text: str, language: Language) -> str:
    if meeting.status is MeetingStatus.CANCELLED:
        return message("ical.cancelled_prefix", language) + text
    return text


def meeting_summary(meeting: Meeting, language: Language) -> str:
    key = "ical.summary_titled" if meeting.title and meeting.title.strip() else "ical.summary"
    return cancelled(
        meeting, message(key, language, kind=meeting.kind, title=meeting.title), language
    )


def agenda_lines(meeting: Meeting, language: Language) -> list[str]:
    if meeting.agenda is None or not meeting.agenda.items:
        return []
    lines = ["", message("ical.agenda", language)]
    for item in sorted(meeting.agenda.items, key=lambda i: i.sort_key):
        number = item.number if "." in item.number else item.number + "."
        text = f"{number} {item.title}"
        if item.duration_minutes is not None:
            text += f" ({message('ical.minutes', language, minutes=item.duration_minutes)})"
        lines.append(text)
    total = meeting.agenda.total_minutes
    if total:
        lines.append(message("ical.agenda_total", language, minutes=total))
    return lines


def _clock(value: datetime, language: Language) -> str:
    """``15`` or ``15.30`` in Danish, as a municipality writes a meeting; ``15:00`` in English."""
    if language == "da":
        return f"{value.hour}" if value.minute == 0 else f"{value.hour}.{value.minute:02d}"
    return format_clock(value, language)


def _day(day: date, language: Language, *, capital: bool) -> str:
    text = format_date(day, language, weekday=True)
    return text[0].upper() + text[1:] if capital else text


def when(meeting: Meeting, zone: ZoneInfo, language: Language, *, capital: bool = True) -> str:
    """``Mandag den 6. marts 2023 kl. 15-19`` / ``Monday 6 March 2023, 15:00-19:00``."""
    start = meeting.start.astimezone(zone)
    day, clock = _day(start.date(), language, capital=capital), _clock(start, language)
    if meeting.end is None:
        return message("ical.when", language, day=day, start=clock)
    end = meeting.end.astimezone(zone)
    if end.date() != start.date():
        return message(
            "ical.when_overnight",
            language,
            day=day,
            start=clock,
            end_day=_day(end.date(), language, capital=False),
            end=_clock(end, language),
        )
    return message("ical.when_span", language, day=day, start=clock, end=_clock(end, language))


def _closed(names: Sequence[str], language: Language) -> tuple[str, ...]:
    """The closed days' names in ``language``: a holiday's key (or its Danish name) is
    translated; the name of an extra closing day is data, shown as written."""
    table, danish = catalogue(language), catalogue("da")
    result = []
    for name in names:
        key = f"holiday.{name}"
        if key not in table:
            key = next(
                (k for k, v in danish.items() if k.startswith("holiday.") and v == name), key
            )
        result.append(table.get(key, name))
    return tuple(result)


def rule_text(deadline: Deadline, language: Language) -> str:
    """The rule behind a deadline and how the date came out."""
    text = message(
        "ical.rule",
        language,
        period=deadline.period,
        relation="before" if deadline.counted_before else "after",
        anchor=deadline.anchor,
        anchor_day=deadline.anchor_date,
    )
    if deadline.roll == "none":
        return text + message("ical.no_roll", language, day=deadline.date)
    return text + message(
        "ical.roll_closed" if deadline.closed else "ical.roll",
        language,
        unrolled=deadline.unrolled,
        closed=_closed(deadline.closed, language),
        direction=deadline.roll,
        day=deadline.date,
    )
