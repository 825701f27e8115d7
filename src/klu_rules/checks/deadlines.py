"""Deadlines before a meeting (*frister*) and the plan of a year (*mødeplan*).

:func:`plan_meeting` computes every deadline the rules in force on a
meeting's local date define (VEJL2011, OK22-102, AAL2021): the call for items, the items
due (counted from the recorded call, else the planned one after its roll),
the agenda dispatch, and a dialogue meeting's announcement.
:func:`plan_year` and :func:`plan_meetings` plan a year's meetings and add
the yearly findings. Every period, roll direction and bound comes from the
rule set; the conventions the caller chooses (layering, calendar, time zone,
``as_of``) are arguments (``docs/howto-deadlines.md`` explains each).

Everything here is pure: nothing reads the clock. The rules a deadline
needs are resolved once per effective period (the days between two changes
of the rules) and kept with the rule set's rules in force
(:func:`klu_rules.rules.layering.clear_caches` forgets them). No text is
built while planning: findings and plans keep codes, keys and parameters, and
``text(language)`` / ``explain(language)`` write them out in Danish or English.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import chain

import attrs

from klu_rules.checks import compliance
from klu_rules.checks import deadline_findings as found
from klu_rules.checks.closed_days import closed_day_finding
from klu_rules.checks.common import caused, check_layering, refused, region_in_year, wrong_type
from klu_rules.checks.deadline_rules import Notice, PeriodRules, resolve
from klu_rules.checks.placeholders import placeholder_findings
from klu_rules.checks.plan_results import (
    JSON_SCHEMA,
    KIND_RULE,
    Anchor,
    Deadline,
    DeadlineKind,
    MeetingPlan,
    PlanParameters,
    Roll,
    YearCounts,
    YearPlan,
    count_meetings,
)
from klu_rules.core import convert
from klu_rules.core.errors import InvalidValueError, KluRulesError, NoRulesInForceError
from klu_rules.core.findings import Finding
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.result import worst_severity
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.core.types import Layering, Outcome, RollDirection
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus
from klu_rules.model.records import check_as_of
from klu_rules.rules.calendar import DanishCalendar, WorkingDayCalendar
from klu_rules.rules.horizon import horizon_findings
from klu_rules.rules.ruleset import ResolvedRule, RuleSet, RulesInForce, get_rule_set

__all__ = [
    "JSON_SCHEMA",
    "Anchor",
    "Deadline",
    "DeadlineKind",
    "MeetingPlan",
    "Outcome",
    "PlanParameters",
    "Roll",
    "YearCounts",
    "YearPlan",
    "plan_meeting",
    "plan_meetings",
    "plan_year",
]

_CALL, _ITEMS, _AGENDA, _ANNOUNCEMENT = DeadlineKind
_DIALOGUE = MeetingKind.DIALOGUE
Rolled = tuple[dt.date, tuple[str, ...]]


class _Planner:
    """What the plans of one call share: the checked arguments and the rules they resolve.

    The planner looks up the rules of each effective period once, on first use.
    """

    def __init__(
        self,
        rule_set: RuleSet,
        layering: object,
        calendar: WorkingDayCalendar | None,
        timezone: str,
        as_of: object,
    ) -> None:
        self.rule_set = rule_set
        self.layering = check_layering(layering)
        self.calendar = _calendar(calendar)
        self.roll = _roller(self.calendar)
        self.zone = get_zone(timezone)
        check_as_of(as_of)
        self.as_of: dt.date | None = as_of  # type: ignore[assignment]
        self.params = PlanParameters(
            rules=rule_set.name,
            layering=self.layering,
            calendar=_describe_calendar(self.calendar),
            timezone=timezone,
            as_of=None if self.as_of is None else self.as_of.isoformat(),
        )
        self.changes = rule_set.changes
        self.periods: dict[int, PeriodRules] = {}
        self.known: dict[dt.date, RulesInForce] = {}  # by the first day of their period

    def rules_on(self, day: dt.date) -> PeriodRules:
        """The rules in force on ``day``; before the national rules, NoRulesInForceError."""
        index = bisect_right(self.changes, day) - 1
        rules = self.periods.get(index)
        if rules is None:
            # Before the first change in_force(day) says why no rules are in force.
            on = self.changes[index] if index >= 0 else day
            in_force = self.known[on] = self.rule_set.in_force(on, layering=self.layering)
            rules = self.periods[index] = resolve(in_force)
        return rules

    def plan(self, meeting: Meeting, day: dt.date) -> MeetingPlan:
        """The plan of ``meeting``, whose local date is ``day``."""
        try:
            rules = self.rules_on(day)
        except NoRulesInForceError as exc:
            raise caused(
                NoRulesInForceError, "deadline_check.meeting", exc, meeting=repr(meeting.id)
            ) from None
        deadlines = self._deadlines(meeting, day, rules.notices)
        findings = (
            ()
            if meeting.status is MeetingStatus.CANCELLED
            else self._findings(meeting, day, deadlines, rules)
        )
        cited: tuple[str, ...] = ()
        for deadline in deadlines:
            cited += deadline.sources
        for item in findings:
            cited += item.sources
        return MeetingPlan(
            outcome=_outcome(findings),
            reason="deadlines.meeting",
            parameters=self.params,
            sources=tuple(dict.fromkeys(cited)),
            findings=findings,
            meeting=meeting,
            date=day,
            deadlines=deadlines,
        )

    def _deadlines(
        self, meeting: Meeting, day: dt.date, notices: dict[DeadlineKind, Notice]
    ) -> tuple[Deadline, ...]:
        if meeting.kind is MeetingKind.DIALOGUE:
            notice = notices.get(_ANNOUNCEMENT)
            if notice is None:
                return ()
            return (self._deadline(_ANNOUNCEMENT, notice, "meeting", day, meeting),)
        result = []
        call = None
        notice = notices.get(_CALL)
        if notice is not None:
            call = self._deadline(_CALL, notice, "meeting", day, meeting)
            result.append(call)
        notice = notices.get(_ITEMS)
        if notice is not None:
            recorded = meeting.call_for_items_on
            if recorded is not None:
                result.append(
                    self._deadline(_ITEMS, notice, "recorded_call_for_items", recorded, meeting)
                )
            elif call is not None:
                result.append(self._deadline(_ITEMS, notice, "call_for_items", call.date, meeting))
            # else: no call for items to count from
        notice = notices.get(_AGENDA)
        if notice is not None:
            result.append(self._deadline(_AGENDA, notice, "meeting", day, meeting))
        return tuple(result)

    def _deadline(
        self,
        kind: DeadlineKind,
        notice: Notice,
        anchor: Anchor,
        anchor_date: dt.date,
        meeting: Meeting,
    ) -> Deadline:
        try:
            step = notice.step
            if step is not None:
                unrolled = anchor_date + step
            elif notice.before:
                unrolled = notice.period.before(anchor_date)
            else:
                unrolled = notice.period.after(anchor_date)
            rolled, closed = self.roll(unrolled, notice.roll)  # type: ignore[arg-type]
        except (OverflowError, ValueError) as exc:  # a period that leaves the calendar's years
            raise _uncomputable(kind, notice, anchor, anchor_date, meeting, exc) from None
        field = KIND_RULE[kind][2]
        moved = rolled != unrolled
        return Deadline(  # positional, in the order of Deadline's fields
            kind,
            rolled,
            unrolled,
            notice.roll if moved else "none",  # type: ignore[arg-type]
            notice.key,
            notice.period,
            anchor,
            anchor_date,
            notice.rolled_sources if moved else notice.sources,
            notice.basis,
            closed,
            None if field is None else getattr(meeting, field),
        )

    def _findings(
        self, meeting: Meeting, day: dt.date, deadlines: tuple[Deadline, ...], rules: PeriodRules
    ) -> tuple[Finding, ...]:
        result: list[Finding] = []
        if rules.beyond:
            result += rules.in_force.notice_findings(tuple(d.rule for d in deadlines))
        closed = closed_day_finding(self.calendar, meeting.id, day)
        result += [] if closed is None else [closed]
        items = agenda = None
        late = []
        for d in deadlines:
            if d.kind is _ITEMS:
                items = d
            elif d.kind is _AGENDA:
                agenda = d
            # the call for items and the agenda; a late announcement is yearly
            if d.done_on is not None and d.done_on > d.date and d.kind is not _ANNOUNCEMENT:
                late.append(found.done_late(d, d.done_on))
        if items is not None and items.anchor == "recorded_call_for_items":
            far = found.call_far_from_meeting(items, day)
            result += [] if far is None else [far]
        if items is not None and agenda is not None and items.date >= agenda.date:
            result.append(found.order_finding(items, agenda))
        result += late
        as_of = self.as_of
        if as_of is not None and meeting.status is MeetingStatus.PLANNED:
            result += [
                found.passed(d, field, as_of, day)
                for d in deadlines
                if d.date < as_of and d.done_on is None and (field := KIND_RULE[d.kind][2])
            ]
        length = rules.length
        # the meeting-length rules are for committee meetings, not dialogue meetings (VEJL2011)
        if length is not None and rules.quiet is not None and meeting.kind is not _DIALOGUE:
            duration = meeting.duration
            if duration is None:
                result.append(found.no_end_time(meeting.id, length.sources))
            elif duration > rules.quiet:
                result.append(
                    found.length_finding(duration, length, rules.national_max, rules.local_norm)
                )
        return tuple(result)

    def plan_year(
        self,
        meetings: Sequence[Meeting],
        days: Sequence[dt.date],
        year: int,
        committee: Committee | None,
        reviewed: Committee | None,
    ) -> YearPlan:
        """Plan ``meetings`` (all in ``year``, on the local ``days``) and judge the year.

        ``committee`` is the committee planned, if any; ``reviewed`` the committee whose
        records get the yearly review (``None``: no review).
        """
        try:
            rules = self.rules_on(dt.date(year, 12, 31))  # the rules the year ends under
        except NoRulesInForceError as exc:
            raise caused(NoRulesInForceError, "deadline_check.year", exc, year=year) from None
        as_of = self.as_of
        plans = tuple(self.plan(m, day) for m, day in zip(meetings, days, strict=True))
        n = count_meetings(((p.meeting, p.date) for p in plans), as_of)
        minimum = _int_value(rules.meetings_per_year)
        maximum = _int_value(rules.dialogue_max)
        counts = YearCounts(minimum=minimum, dialogue_maximum=maximum, **n)
        yearly = ("meetings_per_year", "dialogue_meetings_per_year")
        findings = [rules.beyond[k] for k in yearly if k in rules.beyond]
        if rules.meetings_per_year is not None and minimum is not None:
            short = found.meeting_count(year, rules.meetings_per_year, counts, as_of)
            findings += [] if short is None else [short]
        if rules.dialogue_max is not None and maximum is not None and counts.dialogue > maximum:
            findings.append(
                found.too_many_dialogue_meetings(year, counts.dialogue, maximum, rules.dialogue_max)
            )
        findings += [
            found.announced_late(p.meeting.id, p.date, d, p.meeting.announced_on)
            for p in plans
            if p.meeting.announced_on is not None
            and p.meeting.status is not MeetingStatus.CANCELLED
            for d in p.deadlines
            if d.kind is _ANNOUNCEMENT and p.meeting.announced_on > d.date
        ]
        if committee is not None:
            findings += placeholder_findings(committee)
            # the committee's region judged for the year planned, not the file's year
            findings += region_in_year(committee, year)
        # the rules horizon: a year ending after it is planned on assumed rules; a meeting
        # before the local rules' data on the national ones alone
        since = min(days, default=dt.date(year, 12, 31))
        horizon = horizon_findings(
            self.rule_set, dt.date(year, 12, 31), subject=str(year), since=since
        )
        if reviewed is not None:  # the review reports the horizon too: computed once
            known = self.known if reviewed.rule_set is self.rule_set else None
            findings += compliance.checked_review(
                reviewed, year, as_of, compliance.TERM_WARNING_DAYS, self.layering, horizon, known
            ).findings
        findings += [f for f in horizon if f not in findings]
        every = [f for plan in plans for f in plan.findings] + findings
        name = None if committee is None else committee.name
        sources = dict.fromkeys(chain.from_iterable(p.sources for p in plans))
        sources.update(dict.fromkeys(chain.from_iterable(f.sources for f in findings)))
        return YearPlan(
            outcome=_outcome(every),
            reason=_YEAR_REASONS[bool(name), as_of is not None],
            parameters=self.params,
            sources=tuple(sources),
            findings=tuple(findings),
            year=year,
            committee_id=None if committee is None else committee.id,
            committee_name=name,
            rules_title=self.rule_set.title,
            rules_changed=self.rule_set.last_changed,
            counts=counts,
            meetings=plans,
        )


# (a committee name, an as-of day) -> the reason of a year plan
_YEAR_REASONS = {
    (False, False): "deadlines.year",
    (True, False): "deadlines.year_committee",
    (False, True): "deadlines.year_as_of",
    (True, True): "deadlines.year_committee_as_of",
}


def _outcome(findings: Sequence[Finding]) -> Outcome:
    return (worst_severity(findings) or "ok") if findings else "ok"


def _int_value(rule: ResolvedRule | None) -> int | None:
    if rule is None:
        return None
    assert isinstance(rule.value, int)  # guarded by RULE_KEYS
    return rule.value


def _uncomputable(
    kind: DeadlineKind,
    notice: Notice,
    anchor: Anchor,
    anchor_date: dt.date,
    meeting: Meeting,
    exc: Exception,
) -> InvalidValueError:
    """The error for a deadline the calendar cannot give, saying which rule led there."""
    if not isinstance(exc, KluRulesError):  # OverflowError, ValueError of datetime
        exc = coded(InvalidValueError, "deadline_check.python_dates", {})
    return caused(
        InvalidValueError,
        "deadline_check.uncomputable",
        exc,
        meeting=repr(meeting.id),
        kind=kind.value,
        period=str(notice.period),
        relation="before" if notice.before else "after",
        anchor=anchor,
        anchor_date=anchor_date.isoformat(),
        rule=notice.key,
        sources=", ".join(notice.sources) or "-",
    )


# ---------------------------------------------------------------------------
# arguments


_DEFAULT_CALENDAR = DanishCalendar()


def _calendar(calendar: WorkingDayCalendar | None) -> WorkingDayCalendar:
    if calendar is None:
        return _DEFAULT_CALENDAR
    # DanishCalendar first: a check against the Protocol is slow.
    if not isinstance(calendar, DanishCalendar | WorkingDayCalendar):
        raise refused("deadline_check.calendar", value=type(calendar).__name__)
    return calendar


def _roller(calendar: WorkingDayCalendar) -> Callable[[dt.date, RollDirection], Rolled]:
    """``roll(day, direction)``: the working day and the names of ``day`` if it moved."""
    if isinstance(calendar, DanishCalendar):
        return calendar.roll_with_names
    names = getattr(calendar, "holiday_names", None)

    def roll(day: dt.date, direction: RollDirection) -> Rolled:
        rolled = calendar.roll(day, direction)
        return rolled, tuple(names(day)) if rolled != day and callable(names) else ()

    return roll


def _describe_calendar(calendar: WorkingDayCalendar) -> str:
    """``statutory`` or ``public-holidays`` (``+N`` extra closing days), else the class name."""
    if isinstance(calendar, DanishCalendar):
        name = "statutory" if calendar.statutory_closing_days else "public-holidays"
        extra = len(calendar.extra_closing_days)
        return f"{name}+{extra}" if extra else name
    return type(calendar).__name__


def _rule_set(rules: object) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, str):
        return get_rule_set(rules)
    raise refused("deadline_check.rules", what="rules", value=excerpt(rules))


# ---------------------------------------------------------------------------
# the public functions


def plan_meeting(
    meeting: Meeting,
    rules: RuleSet | str,
    *,
    calendar: WorkingDayCalendar | None = None,
    layering: Layering = "strictest",
    as_of: dt.date | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> MeetingPlan:
    """Every deadline the rules in force on the meeting's local date define, with findings.

    ``rules`` is a :class:`~klu_rules.rules.ruleset.RuleSet` or a built-in
    name; ``calendar`` the working days (default ``DanishCalendar()``);
    ``layering`` ``"strictest"`` or ``"local"``; ``as_of`` the day to judge
    deadlines on (``None``: the plan alone); ``timezone`` decides the
    meeting's date. Before the national rules (2011-04-01):
    NoRulesInForceError. A cancelled meeting keeps its deadlines and gets no
    findings.
    """
    if not isinstance(meeting, Meeting):
        raise refused(
            "checks.takes",
            what="plan_meeting()",
            expected="Meeting",
            value=type(meeting).__name__,
        )
    planner = _Planner(_rule_set(rules), layering, calendar, timezone, as_of)
    day = meeting.start.astimezone(planner.zone).date()
    plan = planner.plan(meeting, day)
    horizon = horizon_findings(planner.rule_set, day, subject=meeting.id)
    if not horizon or meeting.status is MeetingStatus.CANCELLED:
        return plan
    findings = (*plan.findings, *horizon)
    return attrs.evolve(
        plan,
        outcome=_outcome(findings),
        findings=findings,
        sources=tuple(dict.fromkeys((*plan.sources, *(s for f in horizon for s in f.sources)))),
    )


def plan_year(
    committee: Committee,
    year: int | None = None,
    *,
    calendar: WorkingDayCalendar | None = None,
    layering: Layering = "strictest",
    as_of: dt.date | None = None,
    compliance: bool = True,
) -> YearPlan:
    """Plan every meeting of ``committee`` whose local date falls in ``year``.

    ``year`` defaults to ``committee.year``; the meetings are planned with
    the committee's rule set and time zone (see :func:`plan_meeting`), and
    the yearly findings are added (meetings held against the minimum,
    dialogue meetings against their maximum and their announcements). With
    ``as_of``, a planned meeting whose date has passed unrecorded does not
    count, and a year that is over is judged on the meetings held.
    ``compliance=True`` adds the yearly review of the committee's records
    (:func:`klu_rules.checks.compliance.review_year`).
    """
    if not isinstance(committee, Committee):
        raise refused(
            "checks.takes",
            what="plan_year()",
            expected="Committee",
            value=type(committee).__name__,
        )
    if not isinstance(compliance, bool):
        raise wrong_type("compliance", "bool (True or False)", compliance)
    if year is None:
        if committee.year is None:
            raise coded(InvalidValueError, "plan.no_year", {"committee": committee.id})
        year = committee.year
    year = convert.check_year(year)
    planner = _Planner(committee.rule_set, layering, calendar, committee.timezone, as_of)
    meetings = committee.meetings_in(year)
    days = [m.start.astimezone(planner.zone).date() for m in meetings]
    return planner.plan_year(meetings, days, year, committee, committee if compliance else None)


def plan_meetings(
    meetings: Meeting | Iterable[Meeting],
    rules: RuleSet | str,
    *,
    year: int | None = None,
    calendar: WorkingDayCalendar | None = None,
    layering: Layering = "strictest",
    as_of: dt.date | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> YearPlan:
    """Plan meetings of one year without a committee (``klu-rules plan --meeting``).

    ``meetings`` is one meeting or several. ``year`` defaults to the year of
    the earliest meeting; every meeting must fall in it (local dates in
    ``timezone``) and have its own id. Findings and parameters are those of
    :func:`plan_year`.
    """
    items = (meetings,) if isinstance(meetings, Meeting) else tuple(meetings)
    for item in items:
        if not isinstance(item, Meeting):
            raise wrong_type("plan_meetings()", "Meeting", item, text_key="takes_values")
    zone = get_zone(timezone)
    ordered = sorted(items, key=lambda m: (m.start, m.id))
    if year is None:
        if not ordered:
            raise coded(InvalidValueError, "plan.no_meetings_no_year", {})
        year = ordered[0].start.astimezone(zone).year
    year = convert.check_year(year)
    seen: set[str] = set()
    days = []
    for item in ordered:
        local = item.start.astimezone(zone).date()
        days.append(local)
        if local.year != year:
            raise coded(
                InvalidValueError,
                "plan.outside_year",
                {"meeting": item.id, "day": local.isoformat(), "year": year},
            )
        if item.id in seen:
            raise coded(InvalidValueError, "plan.shared_id", {"meeting": item.id})
        seen.add(item.id)
    planner = _Planner(_rule_set(rules), layering, calendar, timezone, as_of)
    return planner.plan_year(ordered, days, year, None, None)
