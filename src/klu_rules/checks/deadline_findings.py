"""The findings of the deadline engine: what a meeting's or a year's plan reports.

Each function builds one finding from values the engine computed
(:mod:`klu_rules.checks.deadlines`); none looks anything up, and none writes
text: the catalogue's ``finding.<code>.message`` templates render a finding
from its parameters when it is shown. The codes are in
:data:`klu_rules.core.findings.CATALOGUE`.
"""

from __future__ import annotations

import datetime as dt

from klu_rules.checks.plan_results import Deadline, YearCounts
from klu_rules.core.findings import Finding, finding
from klu_rules.core.period import Period
from klu_rules.rules.ruleset import ResolvedRule

__all__ = [
    "CALL_FAR_BEFORE",
    "announced_late",
    "call_far_from_meeting",
    "done_late",
    "length_finding",
    "meeting_count",
    "no_end_time",
    "order_finding",
    "passed",
    "too_many_dialogue_meetings",
]


def order_finding(items: Deadline, agenda: Deadline) -> Finding:
    """Items due on or after the day the agenda must go out (AAL2021)."""
    due, out = items.date, agenda.date
    code = (
        "deadline.items-due-after-dispatch" if due > out else "deadline.items-due-on-dispatch-day"
    )
    sources = items.sources + tuple(s for s in agenda.sources if s not in items.sources)
    return finding(code, sources=sources, items_due=due, agenda_dispatch=out)


CALL_FAR_BEFORE = dt.timedelta(days=366)
"""A recorded call for items more than this before its meeting belongs to an earlier one
(a convention: a committee meets at least twice a year, VEJL2011, OK22-102 stk. 3)."""


def call_far_from_meeting(items: Deadline, day: dt.date) -> Finding | None:
    """A recorded call for items (``items.anchor_date``) more than a year before the
    meeting on ``day``, or on or after it: the items' deadline cannot serve the meeting."""
    called = items.anchor_date
    if day - called <= CALL_FAR_BEFORE and called < day:
        return None
    return finding(
        "deadline.call-far-from-meeting",
        sources=items.sources,
        called_on=called,
        items_due=items.date,
        meeting_date=day,
        when="after_meeting" if called >= day else "long_before",
    )


def done_late(item: Deadline, done_on: dt.date) -> Finding:
    """A step (call for items, agenda) recorded after its deadline."""
    return finding(
        "deadline.done-late",
        sources=item.sources,
        kind=item.kind,
        deadline=item.date,
        done_on=done_on,
        days_late=(done_on - item.date).days,
    )


def passed(item: Deadline, field: str, as_of: dt.date, day: dt.date) -> Finding:
    """A deadline before ``as_of`` whose step (the Meeting's ``field``) is not recorded."""
    return finding(
        "deadline.passed",
        sources=item.sources,
        kind=item.kind,
        deadline=item.date,
        as_of=as_of,
        field=field,
        advice="meeting_passed" if as_of > day else "now",
    )


def no_end_time(meeting_id: str, sources: tuple[str, ...]) -> Finding:
    """A meeting without an end time, so its length was not checked."""
    return finding("meeting.no-end-time", sources=sources, subject=meeting_id)


def length_finding(
    duration: dt.timedelta, rule: ResolvedRule, most: Period | None, norm: Period | None
) -> Finding:
    """Over the national maximum ``most`` a warning, else over the local ``norm`` info."""
    minutes = int(duration.total_seconds() // 60)
    if most is not None and duration > most.as_timedelta():
        assert rule.national is not None
        return finding(
            "meeting.longer-than-national-max",
            sources=rule.national.sources,
            duration_minutes=minutes,
            national_max=most,
            local_norm=norm,
        )
    assert norm is not None
    assert rule.local is not None
    return finding(
        "meeting.longer-than-local-norm",
        sources=rule.local.sources,
        duration_minutes=minutes,
        local_norm=norm,
    )


def meeting_count(
    year: int, rule: ResolvedRule, counts: YearCounts, as_of: dt.date | None
) -> Finding | None:
    """Held meetings below the minimum (VEJL2011, AAL2021), if the plan can say so yet."""
    minimum, held, upcoming = counts.minimum, counts.held, counts.upcoming
    assert minimum is not None  # called when a minimum is in force
    year_over = as_of is not None and as_of > dt.date(year, 12, 31)
    reachable = held + upcoming >= minimum
    if held >= minimum or (
        reachable and not year_over and (as_of is None or as_of <= dt.date(year, 1, 1))
    ):
        return None  # met, or the plan alone is judged, or the year has not begun
    if year_over:
        code = "year.too-few-meetings-held"
    elif reachable:
        code = "year.minimum-not-yet-reached"
    else:
        code = "year.too-few-meetings-planned"
    return finding(
        code,
        sources=rule.sources,
        year=year,
        minimum=minimum,
        held=held,
        upcoming=upcoming,
        missing=max(minimum - held - upcoming, 0),
        passed_unrecorded=counts.passed_unrecorded,
        unrecorded="some" if counts.passed_unrecorded else "none",
        cancelled=counts.cancelled,
        as_of=as_of,
    )


def too_many_dialogue_meetings(
    year: int, dialogue: int, maximum: int, rule: ResolvedRule
) -> Finding:
    """More dialogue meetings in a year than the rules allow."""
    return finding(
        "year.too-many-dialogue-meetings",
        sources=rule.sources,
        year=year,
        dialogue=dialogue,
        maximum=maximum,
    )


def announced_late(meeting_id: str, day: dt.date, item: Deadline, announced: dt.date) -> Finding:
    """A dialogue meeting on ``day`` announced after its announcement deadline ``item``."""
    return finding(
        "year.dialogue-announced-late",
        sources=item.sources,
        subject=meeting_id,
        meeting_date=day,
        deadline=item.date,
        announced_on=announced,
        days_late=(announced - item.date).days,
        notice=item.period,
    )
