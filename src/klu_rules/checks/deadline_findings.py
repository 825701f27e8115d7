"""The findings of the deadline engine: what a meeting's or a year's plan reports.

Each function builds one finding from values the engine computed
(:mod:`klu_rules.checks.deadlines`); none looks anything up. The codes are
in :data:`klu_rules.core.findings.CATALOGUE`.
"""

from __future__ import annotations

import datetime as dt

from klu_rules.checks.plan_results import Deadline, YearCounts, en
from klu_rules.core.findings import Finding, finding
from klu_rules.core.period import Period
from klu_rules.rules.ruleset import ResolvedRule

__all__ = [
    "announced_late",
    "done_late",
    "length_finding",
    "meeting_count",
    "no_end_time",
    "order_finding",
    "passed",
    "too_many_dialogue_meetings",
]

_STEP_TEXT = {
    "call_for_items": "calling for agenda items",
    "agenda_dispatch": "sending the agenda",
    "dialogue_announcement": "announcing the dialogue meeting",
}


def order_finding(items: Deadline, agenda: Deadline) -> Finding:
    """Items due on or after the day the agenda must go out (RULES.md § 3)."""
    due, out = items.date, agenda.date
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
    sources = items.sources + tuple(s for s in agenda.sources if s not in items.sources)
    return finding(
        code, message, sources=sources, items_due=due.isoformat(), agenda_dispatch=out.isoformat()
    )


def done_late(item: Deadline, done_on: dt.date) -> Finding:
    """A step (call for items, agenda) recorded after its deadline."""
    late = (done_on - item.date).days
    return finding(
        "deadline.done-late",
        f"{_STEP_TEXT[item.kind].capitalize()} is recorded on {en(done_on)}, "
        f"{late} day(s) after its deadline {en(item.date)}.",
        sources=item.sources,
        kind=item.kind.value,
        deadline=item.date.isoformat(),
        done_on=done_on.isoformat(),
        days_late=late,
    )


def passed(item: Deadline, field: str, as_of: dt.date, day: dt.date) -> Finding:
    """A deadline before ``as_of`` whose step (the Meeting's ``field``) is not recorded."""
    if as_of > day:
        advice = (
            f"the meeting's date {day.isoformat()} has passed too: record the meeting as held "
            f"(with {field}) or as cancelled"
        )
    else:
        advice = f"do it now and record {field} with the day it was done"
    return finding(
        "deadline.passed",
        f"The deadline for {_STEP_TEXT[item.kind]} was {en(item.date)} and on "
        f"{as_of.isoformat()} it is not recorded as done; {advice}.",
        sources=item.sources,
        kind=item.kind.value,
        deadline=item.date.isoformat(),
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
    return f"{hours} h {rest} min" if rest else f"{hours} hour{'s' if hours != 1 else ''}"


def length_finding(
    duration: dt.timedelta, rule: ResolvedRule, most: Period | None, norm: Period | None
) -> Finding:
    """Over the national maximum ``most`` a warning, else over the local ``norm`` info."""
    minutes = int(duration.total_seconds() // 60)
    if most is not None and duration > most.as_timedelta():
        assert rule.national is not None
        return finding(
            "meeting.longer-than-national-max",
            f"The meeting lasts {_hours(duration)}, more than the up to {most} per meeting of "
            f"the national rules ({'/'.join(rule.national.sources)}), which allow it only as "
            "needed; make sure the length is needed.",
            sources=rule.national.sources,
            duration_minutes=minutes,
            national_max=str(most),
            local_norm=None if norm is None else str(norm),
        )
    assert norm is not None
    assert rule.local is not None
    return finding(
        "meeting.longer-than-local-norm",
        f"The meeting lasts {_hours(duration)}, longer than the local norm of about {norm} "
        f"({'/'.join(rule.local.sources)}); it is within the national maximum, so this is a "
        "note, not a breach.",
        sources=rule.local.sources,
        duration_minutes=minutes,
        local_norm=str(norm),
    )


def meeting_count(
    year: int, rule: ResolvedRule, counts: YearCounts, as_of: dt.date | None
) -> Finding | None:
    """Held meetings below the minimum (RULES.md § 2), if the plan can say so yet."""
    minimum, held, upcoming = counts.minimum, counts.held, counts.upcoming
    assert minimum is not None  # called when a minimum is in force
    year_over = as_of is not None and as_of > dt.date(year, 12, 31)
    reachable = held + upcoming >= minimum
    if held >= minimum or (
        reachable and not year_over and (as_of is None or as_of <= dt.date(year, 1, 1))
    ):
        return None  # met, or the plan alone is judged, or the year has not begun
    cited = "/".join(rule.entry.sources)
    unrecorded = counts.passed_unrecorded
    tail = (
        f"; {unrecorded} planned meeting(s) whose date has passed are not recorded as held and "
        "do not count"
        if unrecorded
        else ""
    )
    if year_over:
        code = "year.too-few-meetings-held"
        message = (
            f"{held} meeting(s) were held in {year}, fewer than the {minimum} a year the rules "
            f"require ({cited}); cancelled and dialogue meetings do not count{tail}."
        )
    elif reachable:
        code = "year.minimum-not-yet-reached"
        message = (
            f"{held} of the {minimum} meetings a year ({cited}) are held so far in {year}; the "
            f"{upcoming} planned meeting(s) still to come can reach the minimum{tail}."
        )
    else:
        code = "year.too-few-meetings-planned"
        message = (
            f"{year} has {held} meeting(s) held and {upcoming} "
            f"{'planned' if as_of is None else 'still to come'}, fewer than the {minimum} a year "
            f"the rules require ({cited}) even if every planned meeting is held; plan "
            f"{minimum - held - upcoming} more{tail}."
        )
    return finding(
        code,
        message,
        sources=rule.sources,
        year=year,
        minimum=minimum,
        held=held,
        upcoming=upcoming,
        passed_unrecorded=unrecorded,
        cancelled=counts.cancelled,
        as_of=None if as_of is None else as_of.isoformat(),
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


def announced_late(meeting_id: str, day: dt.date, item: Deadline, announced: dt.date) -> Finding:
    """A dialogue meeting on ``day`` announced after its announcement deadline ``item``."""
    return finding(
        "year.dialogue-announced-late",
        f"The dialogue meeting on {en(day)} was announced on {en(announced)}, after its "
        f"deadline {en(item.date)} ({item.period} ahead, {'/'.join(item.sources)}).",
        sources=item.sources,
        subject=meeting_id,
        deadline=item.date.isoformat(),
        announced_on=announced.isoformat(),
        days_late=(announced - item.date).days,
    )
