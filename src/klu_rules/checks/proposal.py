"""A proposed meeting calendar (*forslag til mødekalender*) for one year.

Secretariats agree the committee's calendar one calendar year at a time
(``AAL2021``, Aalborg's rules of procedure; a convention elsewhere).
:func:`propose_calendar` does the job they do by hand: it places
``meetings`` meetings, spread over the year, on one weekday at one time, so
that

- every meeting is on a working day (not a weekend, public holiday or
  statutory closing day of the calendar),
- no meeting falls in an avoided period (default: the weeks of Easter,
  Christmas and the summer holiday, see :data:`AVOID_PERIODS`),
- every deadline of every meeting falls on a working day without being
  moved off a closed day where a day that needs no move exists nearby, the
  deadlines of a meeting come in order and after the previous meeting,
- the last meeting is on or after ``last_from`` (default 1 October), late
  enough in the year to agree next year's topics at it (``AAL2021``: at the
  last meeting of the year the committee agrees the strategic topics of the
  next). Only a rule set whose own local layer cites ``AAL2021`` (Aalborg's)
  rests this on it: the proposal cites ``AAL2021`` then, and for other rule
  sets (the national rules) it is a convention of klu_rules that cites
  nothing (``parameters["last_from_source"]`` is ``None``).

The periods avoided, the spread and ``last_from`` are **conventions**
(documented choices, not rules of a source): each is a parameter. Targets
are spread evenly from 1 January to the last meeting, which aims at the
middle of ``last_from`` .. the start of the Christmas period; each meeting
goes on the chosen weekday nearest its target that passes every check,
trying the target's week, then one week later, one earlier, and so on up to
:data:`SEARCH_WEEKS` weeks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from dateutil.easter import easter

from klu_rules.checks.common import aalborg_procedure, region_in_year
from klu_rules.checks.deadlines import MeetingPlan, plan_meeting
from klu_rules.core import convert
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.findings import Finding
from klu_rules.core.language import Language
from klu_rules.core.messages import coded, message
from klu_rules.core.record import Record
from klu_rules.core.result import Result, worst_severity
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.core.types import Layering
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.rules.calendar import DanishCalendar, WorkingDayCalendar
from klu_rules.rules.horizon import HORIZON_CODES, horizon_findings
from klu_rules.rules.ruleset import RuleSet, get_rule_set

__all__ = [
    "AVOID_PERIODS",
    "SEARCH_WEEKS",
    "WEEKDAYS",
    "AvoidedPeriod",
    "CalendarProposal",
    "avoided_periods",
    "propose_calendar",
]

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
"""Weekday names as :func:`propose_calendar` takes them (also ``0`` = Monday .. ``6``)."""
_DANISH_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

AVOID_PERIODS: tuple[str, ...] = ("easter", "christmas", "summer")
"""The periods a proposal avoids by default (conventions):

- ``easter``: the Monday of Holy Week to Easter Monday;
- ``christmas``: 20 December to 3 January (both years' ends of it);
- ``summer``: the ISO weeks 27 to 32, Monday to Sunday (the school summer holiday).
"""

SEARCH_WEEKS = 6
"""How many weeks before and after its target a meeting may move."""

LAST_FROM = (10, 1)
"""The last meeting of the year is on or after this (month, day): a convention."""


@attrs.frozen(repr=False)
class AvoidedPeriod(Record):
    """A period no proposed meeting falls in: its key and first and last day."""

    key: str
    start: dt.date
    end: dt.date

    def holds(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@attrs.frozen(kw_only=True, repr=False)
class CalendarProposal(Result):
    """The proposed meetings of ``year``, each with its planned deadlines.

    ``outcome`` is ``"proposed"`` when no finding of the proposal or of its
    meetings is a warning or an error, else the most severe of them
    (``"warning"``: e.g. Aalborg's items due on the day the agenda goes out,
    every meeting of every proposal; a year beyond the rules' horizon);
    ``findings`` are those of the year's rules
    (:func:`~klu_rules.rules.horizon.horizon_findings`), each meeting's own are
    in its plan. ``meetings`` are the meetings' plans in date order;
    ``avoided`` the periods kept free; ``moved_weeks`` how many weeks each
    meeting lies from its target (positive: later).
    """

    schema: str = "klu-rules/proposal/2"
    year: int
    committee_id: str | None = None
    committee_name: str | None = None
    meetings: tuple[MeetingPlan, ...] = ()
    avoided: tuple[AvoidedPeriod, ...] = ()
    moved_weeks: tuple[int, ...] = ()

    def text_parameters(self) -> dict[str, Any]:
        return {
            **super().text_parameters(),
            "year": self.year,
            "meetings": len(self.meetings),
            "flagged": len(self.flagged),
        }

    @property
    def flagged(self) -> tuple[MeetingPlan, ...]:
        """The proposed meetings with a warning or an error among their findings."""
        return tuple(p for p in self.meetings if _serious(p.findings))

    def explain(self, language: Language = "en") -> str:
        """How many meetings, on which weekday and time, and how many have findings."""
        p = self.parameters
        text = message(
            "propose.summary",
            language,
            meetings=len(self.meetings),
            year=self.year,
            weekday=message(f"propose.weekday_{p['weekday']}", language),
            time=dt.datetime.fromisoformat(f"2000-01-01T{p['time']}"),
        )
        flagged = self.flagged
        if flagged:
            text += " " + message(
                "propose.summary_flagged",
                language,
                flagged=len(flagged),
                meetings=len(self.meetings),
            )
        if _serious(self.findings):
            text += " " + message("propose.summary_rules", language)
        return text


def _serious(findings: Iterable[Finding]) -> bool:
    return any(f.severity != "info" for f in findings)


def avoided_periods(
    year: int, avoid: Iterable[str | tuple[dt.date, dt.date]]
) -> list[AvoidedPeriod]:
    """The periods of ``year`` to keep free: named ones (:data:`AVOID_PERIODS`) or
    ``(first, last)`` date pairs. A pair whose first day is after its last, or that has
    no day in ``year`` (it would keep nothing free), is an InvalidValueError."""
    result: list[AvoidedPeriod] = []
    for item in avoid:
        if isinstance(item, str):
            result += _named(item, year)
        elif isinstance(item, tuple) and len(item) == 2 and all(type(d) is dt.date for d in item):
            first, last = item
            if first > last:
                raise coded(
                    InvalidValueError, "propose_avoid_reversed", {"first": first, "last": last}
                )
            if last.year < year or first.year > year:
                raise coded(
                    InvalidValueError,
                    "propose_avoid_outside",
                    {"first": first, "last": last, "year": year},
                )
            result.append(AvoidedPeriod("period", first, last))
        else:
            raise coded(InvalidValueError, "propose_avoid", {"value": repr(item)})
    return sorted(result, key=lambda p: (p.start, p.key))


def _named(key: str, year: int) -> list[AvoidedPeriod]:
    if key == "easter":
        sunday = easter(year)
        return [AvoidedPeriod(key, sunday - dt.timedelta(days=6), sunday + dt.timedelta(days=1))]
    if key == "christmas":
        return [
            AvoidedPeriod(key, dt.date(year, 1, 1), dt.date(year, 1, 3)),
            AvoidedPeriod(key, dt.date(year, 12, 20), dt.date(year, 12, 31)),
        ]
    if key == "summer":
        return [
            AvoidedPeriod(
                key, dt.date.fromisocalendar(year, 27, 1), dt.date.fromisocalendar(year, 32, 7)
            )
        ]
    raise coded(InvalidValueError, "propose_avoid", {"value": repr(key)})


def _weekday(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if isinstance(value, str):
        word = value.strip().casefold()
        for names in (WEEKDAYS, _DANISH_WEEKDAYS):
            if word in names:
                return names.index(word)
    raise coded(InvalidValueError, "propose_weekday", {"value": repr(value)})


_MINUTE = dt.timedelta(minutes=1)


def _check_working_weekday(calendar: WorkingDayCalendar, year: int, weekday: int) -> None:
    """Refuse a weekday that is never a working day in ``year`` (Saturday, Sunday)."""
    first = dt.date(year, 1, 1) + dt.timedelta(days=(weekday - dt.date(year, 1, 1).weekday()) % 7)
    days = (first + dt.timedelta(weeks=k) for k in range(53))
    if not any(calendar.is_working_day(d) for d in days if d.year == year):
        raise coded(
            InvalidValueError,
            "propose_weekday_closed",
            {"weekday": WEEKDAYS[weekday], "year": year},
        )


def _rules_of(committee_or_rules: Committee | RuleSet | str) -> tuple[RuleSet, Committee | None]:
    if isinstance(committee_or_rules, Committee):
        return committee_or_rules.rule_set, committee_or_rules
    if isinstance(committee_or_rules, RuleSet):
        return committee_or_rules, None
    if isinstance(committee_or_rules, str):
        return get_rule_set(committee_or_rules), None
    raise coded(InvalidValueError, "propose_what", {"value": type(committee_or_rules).__name__})


def _count(rule_set: RuleSet, year: int, meetings: int | None, layering: Layering) -> int:
    if meetings is None:
        rules = rule_set.in_force(dt.date(year, 12, 31), layering=layering)
        return rules.get_int("meetings_per_year") if rules.has("meetings_per_year") else 4
    if isinstance(meetings, bool) or not isinstance(meetings, int) or not 1 <= meetings <= 12:
        raise coded(InvalidValueError, "propose_meetings", {"value": repr(meetings)})
    return meetings


class _Search:
    """The checks a candidate day must pass, and the plans of those tried."""

    def __init__(
        self,
        rule_set: RuleSet,
        calendar: WorkingDayCalendar,
        layering: Layering,
        timezone: str,
        clock: dt.time,
        duration: dt.timedelta,
        avoided: list[AvoidedPeriod],
    ) -> None:
        self.rule_set, self.calendar, self.layering = rule_set, calendar, layering
        self.timezone, self.zone = timezone, get_zone(timezone)
        self.clock, self.duration, self.avoided = clock, duration, avoided

    def plan(self, day: dt.date) -> MeetingPlan:
        start = dt.datetime.combine(day, self.clock, self.zone)
        meeting = Meeting(id=f"meeting-{day.isoformat()}", start=start, end=start + self.duration)
        plan = plan_meeting(
            meeting,
            self.rule_set,
            calendar=self.calendar,
            layering=self.layering,
            timezone=self.timezone,
        )
        # the proposal reports the year's rules once (CalendarProposal.findings)
        own = tuple(f for f in plan.findings if f.code not in HORIZON_CODES)
        if len(own) == len(plan.findings):
            return plan
        return attrs.evolve(plan, findings=own, outcome=worst_severity(own) or "ok")

    def fits(self, day: dt.date, after: dt.date | None) -> MeetingPlan | None:
        """The plan of a meeting on ``day`` if the day passes the hard checks, else None."""
        if not self.calendar.is_working_day(day) or any(p.holds(day) for p in self.avoided):
            return None
        plan = self.plan(day)
        dates = [d.date for d in plan.deadlines]
        if any(f.severity == "error" for f in plan.findings):
            return None
        if dates != sorted(dates) or (after is not None and dates and dates[0] <= after):
            return None
        if not all(self.calendar.is_working_day(d) for d in dates):  # pragma: no cover
            return None
        return plan


def _targets(year: int, n: int, last_from: dt.date, christmas: dt.date) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    last = last_from + (christmas - last_from) / 2
    if n == 1:
        return [last]
    span = (last - first).days
    return [first + dt.timedelta(days=round(span * (i + 0.5) / (n - 0.5))) for i in range(n)]


def propose_calendar(
    committee_or_rules: Committee | RuleSet | str,
    year: int,
    *,
    meetings: int | None = None,
    weekday: int | str = "thursday",
    time: dt.time = dt.time(15, 0),
    duration: dt.timedelta = dt.timedelta(hours=2),
    avoid: Iterable[str | tuple[dt.date, dt.date]] = AVOID_PERIODS,
    last_from: tuple[int, int] = LAST_FROM,
    calendar: WorkingDayCalendar | None = None,
    layering: Layering = "strictest",
    timezone: str | None = None,
) -> CalendarProposal:
    """``meetings`` meetings of ``year`` on ``weekday`` at ``time`` (see the module doc).

    ``committee_or_rules`` is a committee (its rule set, time zone, id and
    name) or a rule set or built-in rule-set name. ``meetings`` defaults to
    the yearly minimum of the rules in force at the end of the year (4
    without one); ``weekday`` is ``0`` (Monday) .. ``6`` or a name in English
    or Danish, refused when it is never a working day of ``calendar`` in the
    year (Saturday, Sunday); ``time`` is on the minute (no seconds), and the
    meeting must end on its day; ``duration`` the meetings' length; ``avoid`` the periods to
    keep free (names of :data:`AVOID_PERIODS` or ``(first, last)`` date
    pairs); ``last_from`` the (month, day) the last meeting is on or after.
    A meeting that finds no day within :data:`SEARCH_WEEKS` weeks of its
    target is an InvalidValueError that says which one.
    """
    rule_set, committee = _rules_of(committee_or_rules)
    year = convert.check_year(year)
    if not isinstance(time, dt.time) or time.tzinfo is not None:
        raise coded(InvalidValueError, "propose_time", {"value": repr(time)})
    if time.second or time.microsecond:
        raise coded(InvalidValueError, "propose_time_seconds", {"value": time.isoformat()})
    if not isinstance(duration, dt.timedelta) or not dt.timedelta(0) < duration <= dt.timedelta(
        hours=12
    ):
        raise coded(InvalidValueError, "propose_duration", {"value": repr(duration)})
    midnight = dt.datetime.combine(dt.date(2000, 1, 2), dt.time())
    if dt.datetime.combine(dt.date(2000, 1, 1), time) + duration > midnight:
        raise coded(
            InvalidValueError,
            "propose_past_midnight",
            {
                "time": dt.datetime.combine(dt.date(2000, 1, 1), time),
                "minutes": duration // _MINUTE,
            },
        )
    try:
        last_day = dt.date(year, *last_from)
    except (TypeError, ValueError):
        raise coded(InvalidValueError, "propose_last_from", {"value": repr(last_from)}) from None
    zone_name = timezone or (committee.timezone if committee is not None else DEFAULT_TIMEZONE)
    day_of_week = _weekday(weekday)
    n = _count(rule_set, year, meetings, layering)
    avoided = avoided_periods(year, tuple(avoid))
    calendar = calendar or DanishCalendar()
    _check_working_weekday(calendar, year, day_of_week)
    search = _Search(rule_set, calendar, layering, zone_name, time, duration, avoided)
    christmas = min(
        (p.start for p in avoided if p.key == "christmas" and p.start.month == 12),
        default=dt.date(year, 12, 20),
    )
    plans: list[MeetingPlan] = []
    moved: list[int] = []
    after: dt.date | None = None
    for index, target in enumerate(_targets(year, n, last_day, christmas)):
        base = target + dt.timedelta(days=day_of_week - target.weekday())
        if base.weekday() != day_of_week:  # pragma: no cover - arithmetic guard
            raise AssertionError(base)
        chosen = _place(search, base, year, after, last_day if index == n - 1 else None)
        if chosen is None:
            raise coded(
                InvalidValueError,
                "propose_no_day",
                {"number": index + 1, "target": target.isoformat(), "weeks": SEARCH_WEEKS},
            )
        plan, weeks = chosen
        plans.append(plan)
        moved.append(weeks)
        after = plan.date
    # the last meeting's day rests on Aalborg's rules of procedure only where the rule
    # set's own layer cites them; elsewhere it is a convention of klu_rules (no source)
    procedure = aalborg_procedure(rule_set)
    last_source = procedure[0] if procedure else None
    sources: dict[str, None] = dict.fromkeys(procedure)
    for plan in plans:
        sources.update(dict.fromkeys(plan.sources))
    # the year's rules: beyond the horizon, assumed, before a local rule set's data
    since = min((p.date for p in plans), default=dt.date(year, 12, 31))
    findings = horizon_findings(rule_set, dt.date(year, 12, 31), subject=str(year), since=since)
    if committee is not None:  # the committee's region judged for the year proposed
        findings += region_in_year(committee, year)
    sources.update(dict.fromkeys(s for f in findings for s in f.sources))
    every = [*findings, *(f for p in plans for f in p.findings)]
    worst = worst_severity(f for f in every if f.severity != "info")
    return CalendarProposal(
        outcome=worst or "proposed",
        reason="propose.proposed" if worst is None else "propose.proposed_with_findings",
        findings=findings,
        parameters={
            **_parameters(rule_set, n, day_of_week, time, duration, avoided, last_day, zone_name),
            "last_from_source": last_source,
        },
        sources=tuple(sources),
        year=year,
        committee_id=None if committee is None else committee.id,
        committee_name=None if committee is None else committee.name,
        meetings=tuple(plans),
        avoided=tuple(avoided),
        moved_weeks=tuple(moved),
    )


def _parameters(
    rule_set: RuleSet,
    n: int,
    weekday: int,
    time: dt.time,
    duration: dt.timedelta,
    avoided: list[AvoidedPeriod],
    last_day: dt.date,
    timezone: str,
) -> Mapping[str, object]:
    return {
        "rules": rule_set.name,
        "meetings": n,
        "weekday": WEEKDAYS[weekday],
        "time": time.isoformat(timespec="minutes"),
        "duration_minutes": int(duration.total_seconds() // 60),
        "avoid": tuple(dict.fromkeys(p.key for p in avoided)),
        "last_from": last_day,
        "timezone": timezone,
        "search_weeks": SEARCH_WEEKS,
    }


def _place(
    search: _Search, base: dt.date, year: int, after: dt.date | None, last_from: dt.date | None
) -> tuple[MeetingPlan, int] | None:
    """The first candidate near ``base`` that fits, preferring one whose deadlines did not move."""
    fallback: tuple[MeetingPlan, int] | None = None
    for weeks in _offsets():
        day = base + dt.timedelta(weeks=weeks)
        if day.year != year or (after is not None and day <= after):
            continue
        if last_from is not None and day < last_from:
            continue
        plan = search.fits(day, after)
        if plan is None:
            continue
        if all(d.roll == "none" for d in plan.deadlines):
            return plan, weeks
        fallback = fallback or (plan, weeks)
    return fallback


def _offsets() -> Iterable[int]:
    yield 0
    for k in range(1, SEARCH_WEEKS + 1):
        yield k
        yield -k
