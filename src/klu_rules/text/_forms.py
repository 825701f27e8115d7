"""Pieces every text rendering shares: a meeting's time and line, and labels with a fallback.

All words come from the catalogues of :mod:`klu_rules.core.messages`; ``meeting_time``
writes *Mandag den 6. marts 2023 kl. 15.00-19.00* / *Monday 6 March 2023, 15:00-19:00*.
"""

from __future__ import annotations

from datetime import datetime

from klu_rules.core.language import Language
from klu_rules.core.messages import catalogue, message
from klu_rules.core.result import Finding
from klu_rules.core.timeutil import get_zone
from klu_rules.model.meeting import Meeting

__all__ = ["finding_line", "holiday", "label", "meeting_line", "meeting_time"]


def label(section: str, value: object, language: Language) -> str:
    """The label ``section.value`` of ``language``; a value without one is shown as written."""
    return catalogue(language).get(f"{section}.{value}", str(value))


def holiday(name: str, language: Language) -> str:
    """A closed day's name in ``language``: ``name`` is its key or its Danish name."""
    if f"holiday.{name}" not in catalogue(language):
        danish = catalogue("da")
        name = next((k[8:] for k, v in danish.items() if k[:8] == "holiday." and v == name), name)
    return label("holiday", name, language)


def meeting_time(start: datetime, end: datetime | None, language: Language) -> str:
    """The start (and end, in the start's zone) of a meeting in words."""
    if end is None:
        return message("meeting_time.start", language, start=start)
    local_end = end.astimezone(start.tzinfo) if start.tzinfo is not None else end
    key = "same_day" if local_end.date() == start.date() else "other_day"
    return message(f"meeting_time.{key}", language, start=start, end=local_end)


def meeting_line(meeting: Meeting, tz: str, language: Language) -> str:
    """*Mandag den 6. marts 2023 kl. 15.00-19.00 — KLU-møde, planlagt*, in the zone ``tz``."""
    start = meeting.start.astimezone(get_zone(tz))
    return message(
        "meeting_time.line",
        language,
        when=meeting_time(start, meeting.end, language),
        kind=meeting.kind,
        status=meeting.status,
    )


def finding_line(item: Finding, language: Language) -> str:
    """``  Severity (code): text``: one finding as a line of a report."""
    severity = message(f"severity.{item.severity}", language)
    return f"  {severity} ({item.code}): {item.text(language)}"
