"""What is due between two dates: every meeting and deadline in a range, whatever year.

Plans of a year (:func:`~klu_rules.checks.deadlines.plan_year`) hold the meetings of
that year, so the deadlines of an early-January meeting fall in the plan of the next
year: the 23 December 2027 agenda dispatch of a 6 January 2028 meeting is not in the
2027 plan. :func:`plan_between` answers the secretariat's question instead, "what is
due from this day to that": every meeting whose date or any deadline lies in the range
(both ends included), with all its deadlines, and the dated items of the range in date
order. :func:`year_plans_between` gives the same meetings as year plans, the form the
iCalendar export takes.
"""

from __future__ import annotations

import datetime as dt
from itertools import chain
from typing import Any

import attrs

from klu_rules.checks.deadlines import MeetingPlan, YearPlan, plan_year
from klu_rules.checks.placeholders import placeholder_findings
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded
from klu_rules.core.record import Record
from klu_rules.core.result import Result, worst_severity
from klu_rules.core.types import Layering
from klu_rules.model.committee import Committee
from klu_rules.model.geography import region_findings
from klu_rules.rules.calendar import WorkingDayCalendar
from klu_rules.rules.horizon import horizon_findings

__all__ = ["DueItem", "RangePlan", "check_range", "plan_between", "year_plans_between"]


@attrs.frozen(repr=False)
class DueItem(Record):
    """One dated item of a range: a meeting (``kind = "meeting"``) or one of its deadlines
    (``kind`` a :class:`~klu_rules.checks.plan_results.DeadlineKind` value)."""

    date: dt.date
    kind: str
    meeting_id: str
    meeting_date: dt.date


@attrs.frozen(kw_only=True, repr=False)
class RangePlan(Result):
    """Every meeting and deadline from ``start`` to ``end`` (inclusive).

    ``meetings`` are the plans of the meetings with their date or a deadline in the
    range (all their deadlines kept, also those outside it), in date order; ``items``
    the meetings and deadlines that lie in the range, in date order. ``findings`` are
    those of the rules' data for the days planned (beyond the horizon, an assumed
    continuation, before a local rule set's data:
    :func:`~klu_rules.rules.horizon.horizon_findings`) and the committee's own
    (placeholders); each meeting's findings are in its plan.
    """

    schema: str = "klu-rules/range/1"
    start: dt.date
    end: dt.date
    committee_id: str | None = None
    committee_name: str | None = None
    meetings: tuple[MeetingPlan, ...] = ()
    items: tuple[DueItem, ...] = ()

    def text_parameters(self) -> dict[str, Any]:
        return {
            **super().text_parameters(),
            "start": self.start,
            "end": self.end,
            "committee": self.committee_name,
            "meetings": len(self.meetings),
            "items": len(self.items),
        }


def check_range(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """``start`` and ``end`` if both are dates (not datetimes) and in order, else an error."""
    for value in (start, end):
        if type(value) is not dt.date:
            raise coded(InvalidValueError, "range_not_a_date", {"value": repr(value)})
    if end < start:
        raise coded(InvalidValueError, "range_end_before_start", {"start": start, "end": end})
    return start, end


def _dates(plan: MeetingPlan) -> tuple[dt.date, ...]:
    return (plan.date, *(d.date for d in plan.deadlines))


def year_plans_between(
    committee: Committee,
    start: dt.date,
    end: dt.date,
    *,
    calendar: WorkingDayCalendar | None = None,
    layering: Layering = "strictest",
    as_of: dt.date | None = None,
) -> tuple[YearPlan, ...]:
    """The year plans of the meetings with their date or a deadline from ``start`` to
    ``end``: one per year that has such a meeting, each with only those meetings (its
    yearly counts and findings are those of the whole year, without the records' review).
    A range without meetings gives the plan of its first year, without meetings."""
    if not isinstance(committee, Committee):
        raise coded(InvalidValueError, "range_committee", {"value": type(committee).__name__})
    start, end = check_range(start, end)
    result: list[YearPlan] = []
    first: YearPlan | None = None
    # Deadlines come before their meeting: a meeting of the year after the range may
    # have deadlines in it, one of the year before may not.
    for year in range(start.year, min(end.year + 1, 2200) + 1):
        plan = plan_year(
            committee, year, calendar=calendar, layering=layering, as_of=as_of, compliance=False
        )
        first = first or plan
        kept = tuple(p for p in plan.meetings if any(start <= d <= end for d in _dates(p)))
        if kept:
            result.append(attrs.evolve(plan, meetings=kept))
    assert first is not None  # the range has at least one year
    return tuple(result) or (attrs.evolve(first, meetings=()),)


def plan_between(
    committee: Committee,
    start: dt.date,
    end: dt.date,
    *,
    calendar: WorkingDayCalendar | None = None,
    layering: Layering = "strictest",
    as_of: dt.date | None = None,
) -> RangePlan:
    """Every meeting and deadline of ``committee`` from ``start`` to ``end`` (inclusive),
    whatever year the meeting is in. Arguments as :func:`~klu_rules.checks.deadlines.plan_year`."""
    years = year_plans_between(
        committee, start, end, calendar=calendar, layering=layering, as_of=as_of
    )
    meetings = tuple(chain.from_iterable(y.meetings for y in years))
    items = sorted(
        (
            DueItem(day, kind, p.meeting.id, p.date)
            for p in meetings
            for day, kind in (
                (p.date, "meeting"),
                *((d.date, d.kind.value) for d in p.deadlines),
            )
            if start <= day <= end
        ),
        key=lambda item: (item.date, item.meeting_date, item.meeting_id, item.kind != "meeting"),
    )
    # what the data does not hold about the days planned: from the first meeting or the
    # range's start to its end or the last meeting (the year plans' own, whose
    # yearly counts a range does not report)
    days = [d for p in meetings for d in _dates(p)]
    first, last = min((start, *days)), max((end, *days))
    subject = f"{start.isoformat()}/{end.isoformat()}"
    findings = (
        *horizon_findings(committee.rule_set, last, subject=subject, since=first),
        *placeholder_findings(committee),
        *region_findings(committee.municipality, committee.region, first, last, subject=subject),
    )
    every = [f for p in meetings for f in p.findings] + list(findings)
    sources = dict.fromkeys(chain.from_iterable(p.sources for p in meetings))
    sources.update(dict.fromkeys(chain.from_iterable(f.sources for f in findings)))
    parameters = dict(years[0].parameters)
    return RangePlan(
        outcome=worst_severity(every) or "ok",
        reason="range.plan",
        parameters={**parameters, "start": start, "end": end},
        sources=tuple(sources),
        findings=findings,
        start=start,
        end=end,
        committee_id=committee.id,
        committee_name=committee.name,
        meetings=meetings,
        items=tuple(items),
    )
