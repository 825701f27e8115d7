"""The findings of the deadline engine: what a meeting's or a year's plan reports.

Each function builds one kind of finding from values the engine already
computed (:mod:`klu_rules.checks.deadlines`); none looks anything up. The
codes are in :data:`klu_rules.core.findings.CATALOGUE`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from klu_rules.core.findings import Finding, finding
from klu_rules.core.period import Period
from klu_rules.rules.ruleset import ResolvedRule

__all__ = [
    "count_text",
    "dialogue_announced_late",
    "done_late",
    "en",
    "length_finding",
    "meeting_count_findings",
    "no_end_time",
    "order_finding",
    "passed",
    "too_many_dialogue_meetings",
]

_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# What each deadline's step is called, by DeadlineKind value.
_STEP_TEXT = {
    "call_for_items": "calling for agenda items",
    "agenda_dispatch": "sending the agenda",
    "dialogue_announcement": "announcing the dialogue meeting",
}


def en(day: dt.date) -> str:
    """``Thursday 2023-05-18``: English weekday and ISO date, independent of the locale."""
    return f"{_WEEKDAYS_EN[day.weekday()]} {day.isoformat()}"


def count_text(findings: Sequence[Finding]) -> str:
    """``1 error, 2 warnings``: the findings counted by severity, or ``no findings``."""
    parts = []
    for severity, plural in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            parts.append(f"{n} {severity if n == 1 else plural}")
    return ", ".join(parts) or "no findings"


def order_finding(due: dt.date, out: dt.date, sources: tuple[str, ...]) -> Finding:
    """Items due on or after the day the agenda must go out (RULES.md § 3)."""
    if due > out:
        code = "deadline.items-due-after-dispatch"
        message = (
            f"Agenda items are due on {en(due)}, after the agenda must go out on {en(out)}: the "
            "agenda cannot include the items it called for; call for items earlier or agree a "
            "shorter time for sending them in."
        )
    else:
        code = "deadline.items-due-on-dispatch-day"
        message = (
            f"Agenda items are due on {en(due)}, the same day the agenda must go out: there is "
            "no time to prepare the agenda; call for items earlier."
        )
    return finding(
        code,
        message,
        sources=sources,
        items_due=due.isoformat(),
        agenda_dispatch=out.isoformat(),
    )


def done_late(kind: str, deadline: dt.date, done_on: dt.date, sources: tuple[str, ...]) -> Finding:
    """A step (call for items, agenda) recorded after its deadline."""
    late = (done_on - deadline).days
    return finding(
        "deadline.done-late",
        f"{_STEP_TEXT[kind].capitalize()} is recorded on {en(done_on)}, "
        f"{late} day(s) after its deadline {en(deadline)}.",
        sources=sources,
        kind=kind,
        deadline=deadline.isoformat(),
        done_on=done_on.isoformat(),
        days_late=late,
    )


def passed(
    kind: str, deadline: dt.date, field: str, as_of: dt.date, day: dt.date, sources: tuple[str, ...]
) -> Finding:
    """A deadline before ``as_of`` whose step (recorded in ``field``) is not recorded."""
    if as_of > day:
        advice = (
            f"the meeting's date {day.isoformat()} has passed too: record the meeting as held "
            f"(with {field}) or as cancelled"
        )
    else:
        advice = f"do it now and record {field} with the day it was done"
    return finding(
        "deadline.passed",
        f"The deadline for {_STEP_TEXT[kind]} was {en(deadline)} and on "
        f"{as_of.isoformat()} it is not recorded as done; {advice}.",
        sources=sources,
        kind=kind,
        deadline=deadline.isoformat(),
        as_of=as_of.isoformat(),
    )


def no_end_time(limit: Period, sources: tuple[str, ...]) -> Finding:
    """A meeting without an end time, so its length was not checked."""
    return finding(
        "meeting.no-end-time",
        f"The meeting has no end time, so its length was not checked against the up to "
        f"{limit} the rules allow.",
        sources=sources,
    )


def _hours(delta: dt.timedelta) -> str:
    hours, rest = divmod(int(delta.total_seconds() // 60), 60)
    return f"{hours} hour{'s' if hours != 1 else ''}" if not rest else f"{hours} h {rest} min"


def length_finding(
    duration: dt.timedelta,
    rule: ResolvedRule,
    national_max: Period | None,
    local_norm: Period | None,
) -> Finding:
    """A meeting over the national maximum (a warning) or else over the local norm (info)."""
    minutes = int(duration.total_seconds() // 60)
    if national_max is not None and duration > national_max.as_timedelta():
        assert rule.national is not None
        return finding(
            "meeting.longer-than-national-max",
            f"The meeting lasts {_hours(duration)}, more than the up to {national_max} per "
            f"meeting of the national rules ({'/'.join(rule.national.sources)}), which allow it "
            "only as needed; make sure the length is needed.",
            sources=rule.national.sources,
            duration_minutes=minutes,
            national_max=str(national_max),
            local_norm=None if local_norm is None else str(local_norm),
        )
    assert local_norm is not None
    assert rule.local is not None
    return finding(
        "meeting.longer-than-local-norm",
        f"The meeting lasts {_hours(duration)}, longer than the local norm of about "
        f"{local_norm} ({'/'.join(rule.local.sources)}); it is within the national maximum, "
        "so this is a note, not a breach.",
        sources=rule.local.sources,
        duration_minutes=minutes,
        local_norm=str(local_norm),
    )


def meeting_count_findings(
    year: int,
    rule: ResolvedRule,
    minimum: int,
    held: int,
    upcoming: int,
    passed_unrecorded: int,
    cancelled: int,
    as_of: dt.date | None,
) -> tuple[Finding, ...]:
    """Held meetings below the minimum (RULES.md § 2: held, not planned, meetings count)."""
    year_over = as_of is not None and as_of > dt.date(year, 12, 31)
    reachable = held + upcoming >= minimum
    if reachable and not year_over and (as_of is None or as_of <= dt.date(year, 1, 1)):
        return ()  # the plan alone is judged, or the year has not begun
    cited = "/".join(rule.entry.sources)
    unrecorded = (
        f"; {passed_unrecorded} planned meeting(s) whose date has passed are not recorded as "
        "held and do not count"
        if passed_unrecorded
        else ""
    )
    if year_over:
        code = "year.too-few-meetings-held"
        message = (
            f"{held} meeting(s) were held in {year}, fewer than the {minimum} a year the rules "
            f"require ({cited}); cancelled and dialogue meetings do not count{unrecorded}."
        )
    elif reachable:
        code = "year.minimum-not-yet-reached"
        message = (
            f"{held} of the {minimum} meetings a year ({cited}) are held so far in {year}; the "
            f"{upcoming} planned meeting(s) still to come can reach the minimum{unrecorded}."
        )
    else:
        code = "year.too-few-meetings-planned"
        still = "planned" if as_of is None else "still to come"
        message = (
            f"{year} has {held} meeting(s) held and {upcoming} {still}, fewer than the "
            f"{minimum} a year the rules require ({cited}) even if every planned meeting is "
            f"held; plan {minimum - held - upcoming} more{unrecorded}."
        )
    return (
        finding(
            code,
            message,
            sources=rule.sources,
            year=year,
            minimum=minimum,
            held=held,
            upcoming=upcoming,
            passed_unrecorded=passed_unrecorded,
            cancelled=cancelled,
            as_of=None if as_of is None else as_of.isoformat(),
        ),
    )


def too_many_dialogue_meetings(
    year: int, dialogue: int, maximum: int, rule: ResolvedRule
) -> Finding:
    """More dialogue meetings in a year than the rules allow."""
    return finding(
        "year.too-many-dialogue-meetings",
        f"{year} has {dialogue} dialogue meetings; the rules allow {maximum} a year "
        f"({'/'.join(rule.entry.sources)}).",
        sources=rule.sources,
        year=year,
        dialogue=dialogue,
        maximum=maximum,
    )


def dialogue_announced_late(
    meeting_id: str,
    day: dt.date,
    announced: dt.date,
    deadline: dt.date,
    period: Period,
    sources: tuple[str, ...],
) -> Finding:
    """A dialogue meeting announced after its announcement deadline."""
    return finding(
        "year.dialogue-announced-late",
        f"The dialogue meeting on {en(day)} was announced on {en(announced)}, after its "
        f"deadline {en(deadline)} ({period} ahead, {'/'.join(sources)}).",
        sources=sources,
        subject=meeting_id,
        deadline=deadline.isoformat(),
        announced_on=announced.isoformat(),
        days_late=(announced - deadline).days,
    )
