"""Which meetings a wheel draws: the plan of its year, or of its range, in one.

A wheel goes round a :class:`~klu_rules.text.wheel_layout.Span`: a calendar year or a
range of at most 366 days. It draws every meeting and every deadline that falls in the
span, whatever year the meeting is in: the December deadlines of a January meeting of
the next year belong to the picture of the year they fall in. A calendar year is one
span however it is asked for (``year``, or ``start`` 1 January and ``end`` 31 December),
so both give the same picture: the year's plan (with the records' review) and the next
year's meetings whose deadlines fall in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import chain

import attrs

from klu_rules.checks.date_range import check_range, year_plans_between
from klu_rules.checks.deadlines import YearPlan, plan_year
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded
from klu_rules.core.result import worst_severity
from klu_rules.model.committee import Committee
from klu_rules.text.wheel_layout import Span

__all__ = ["LAST_YEAR", "range_span", "wheel_plan"]

_MAX_DAYS = 366
LAST_YEAR = 2200  # the last year the plans reach (as year_plans_between)

Source = YearPlan | Sequence[YearPlan] | Committee


def range_span(start: date, end: date) -> Span:
    """The span from ``start`` to ``end`` (both included) a wheel can draw: dates, in
    order, at most 366 days."""
    span = Span(*check_range(start, end))
    if span.days > _MAX_DAYS:
        raise coded(
            InvalidValueError,
            "wheel_range_too_long",
            {"start": start, "end": end, "days": span.days, "most": _MAX_DAYS},
        )
    return span


def _as_of(plan: YearPlan, as_of: date | None) -> date | None:
    planned = plan.parameters.as_of
    if as_of is not None and planned is not None and as_of != planned:
        raise coded(InvalidValueError, "wheel_as_of", {"as_of": as_of, "planned": planned})
    return as_of or planned


def _year_plans(committee: Committee, year: int | None, as_of: date | None) -> list[YearPlan]:
    """The plan of the year, then the next year's meetings with a deadline in it."""
    plan = plan_year(committee, year, as_of=as_of)
    if plan.year >= LAST_YEAR or not committee.meetings_in(plan.year + 1):
        return [plan]
    later = plan_year(committee, plan.year + 1, as_of=as_of, compliance=False)
    return [plan, later]


def _plans(source: Source) -> list[YearPlan]:
    plans = [source] if isinstance(source, YearPlan) else source
    if isinstance(plans, Committee | str) or not isinstance(plans, Sequence):
        raise coded(InvalidValueError, "wheel_source", {"got": type(source).__name__})
    for item in plans:
        if not isinstance(item, YearPlan):
            raise coded(InvalidValueError, "wheel_source", {"got": type(item).__name__})
    if not plans:
        raise coded(InvalidValueError, "wheel_source", {"got": "()"})
    return list(plans)


def wheel_plan(
    source: Source,
    year: int | None,
    start: date | None,
    end: date | None,
    as_of: date | None,
) -> tuple[YearPlan, Span, date | None]:
    """The plan a wheel draws (the meetings with their date or a deadline in its span),
    its span and its as-of day."""
    if start is None and end is None:
        if isinstance(source, Committee):
            plans = _year_plans(source, year, as_of)
        else:
            plans = _plans(source)
            if year is not None and year != plans[0].year:
                raise coded(
                    InvalidValueError, "wheel_year", {"year": year, "plan_year": plans[0].year}
                )
        span = Span.of_year(plans[0].year)
    elif start is None or end is None:
        raise coded(InvalidValueError, "wheel_range_both", {})
    else:
        if year is not None:
            raise coded(
                InvalidValueError, "wheel_range_with_year", {"year": "year", "range": "start/end"}
            )
        span = range_span(start, end)
        if isinstance(source, Committee) and span.is_year:  # a year, however it is asked for
            plans = _year_plans(source, span.first.year, as_of)
        elif isinstance(source, Committee):
            plans = list(year_plans_between(source, span.first, span.last, as_of=as_of))
        else:
            plans = _plans(source)
    for item in plans:
        as_of = _as_of(item, as_of)
    return _merge(plans, span), span, as_of


def _merge(plans: list[YearPlan], span: Span) -> YearPlan:
    """One plan of the meetings of ``plans`` with their date or a deadline in ``span``; a
    year's findings are its own plan's, a range's those of every plan."""
    meetings = tuple(
        mp
        for mp in chain.from_iterable(p.meetings for p in plans)
        if any(d in span for d in (mp.date, *(x.date for x in mp.deadlines)))
    )
    own = [p for p in plans if p.year == span.first.year] if span.is_year else plans
    base = own[0] if own else plans[0]
    if len(plans) == 1 and meetings == base.meetings:
        return base
    findings = tuple(dict.fromkeys(chain.from_iterable(p.findings for p in own)))
    every = [f for mp in meetings for f in mp.findings] + list(findings)
    return attrs.evolve(
        base,
        meetings=meetings,
        findings=findings,
        outcome=worst_severity(every) or "ok",
        sources=tuple(dict.fromkeys(chain.from_iterable(p.sources for p in plans))),
    )
