"""Deadlines before a meeting (*frister*) and the plan of a year (*mødeplan*).

:func:`plan_meeting` computes every deadline the rules in force on a
meeting's **local** date define (RULES.md § 3):

- ``call_for_items`` (*indkaldelse af dagsordenspunkter*): no later than
  ``call_for_items_notice`` before the meeting;
- ``items_due`` (*frist for dagsordenspunkter*): no later than
  ``items_due_after_call`` after the call for items: the recorded call
  (``meeting.call_for_items_on``) when there is one, else the plan's
  ``call_for_items`` deadline after its roll;
- ``agenda_dispatch`` (*udsendelse af dagsorden*): no later than
  ``agenda_dispatch_notice`` before the meeting;
- ``dialogue_announcement`` (*annoncering af dialogmøde*): no later than
  ``dialogue_announcement_notice`` before a dialogue meeting. A dialogue
  meeting has no call for items and no agenda deadline (a **convention**).

Every period, roll direction and bound comes from the rule set; these
computation choices are **conventions**, each a value of the rule set or an
argument:

- a week is 7 days; a month is a calendar month, clamped to the month's
  last day (:class:`~klu_rules.core.period.Period`);
- a deadline counted back from the meeting that falls on a closed day moves
  per the rule ``roll_before`` (``preceding``: the notice is never
  shortened); one counted forward from an event per ``roll_after``
  (``following``);
- ``layering`` (``"strictest"`` by default) decides between a local value
  beyond the national bound and the national value
  (:meth:`klu_rules.rules.ruleset.RuleSet.in_force`);
- ``calendar`` decides which days are working days (default
  :class:`~klu_rules.rules.calendar.DanishCalendar`: public holidays and the
  statutory closing days);
- ``timezone`` decides a meeting's date (its local date).

:func:`plan_year` plans a committee's meetings of one year and adds the
yearly findings: meetings held against the minimum, dialogue meetings
against their maximum, dialogue meetings announced too late.

Everything here is pure: nothing reads the clock; pass ``as_of`` to judge
deadlines against a day. Rules in force are resolved once per rule set,
layering and effective period (the days between two changes of the rules),
and on the default calendar the deadlines of a meeting day are computed
once; the caches are bounded, and :func:`clear_caches` empties them.
"""

from __future__ import annotations

import datetime as dt
import enum
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, NamedTuple, cast

import attrs

from klu_rules.core._trusted import trusted_constructor
from klu_rules.core.convert import parse_enum
from klu_rules.core.errors import InvalidValueError, KluRulesError, NoRulesInForceError
from klu_rules.core.findings import Finding, _catalogued, finding, worst_severity
from klu_rules.core.period import Period
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.core.types import LAYERINGS, ROLL_DIRECTIONS, Layering, RollDirection
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus
from klu_rules.rules.calendar import DanishCalendar, WorkingDayCalendar
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
    "clear_caches",
    "plan_meeting",
    "plan_meetings",
    "plan_year",
]

#: The ``schema`` value of :meth:`YearPlan.to_dict`; bumped on incompatible changes.
JSON_SCHEMA = "klu-rules/plan/1"

Roll = Literal["none", "preceding", "following"]
"""How a deadline moved off a closed day: not at all, back, or forward."""
Anchor = Literal["meeting", "call_for_items", "recorded_call_for_items"]
"""What a deadline is counted from: the meeting, the planned call, or the recorded call."""
Outcome = Literal["ok", "info", "warning", "error"]
"""A plan's outcome: ``ok`` without findings, else its most severe finding's severity."""

_ROLLS: tuple[Roll, ...] = ("none", "preceding", "following")
_ANCHORS: tuple[Anchor, ...] = ("meeting", "call_for_items", "recorded_call_for_items")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DeadlineKind(enum.StrEnum):
    """The deadlines before a meeting (RULES.md § 3), in the order they fall."""

    CALL_FOR_ITEMS = "call_for_items"
    """*Indkaldelse af dagsordenspunkter*: the secretariat calls for agenda items."""
    ITEMS_DUE = "items_due"
    """*Frist for dagsordenspunkter*: items reach the secretariat."""
    AGENDA_DISPATCH = "agenda_dispatch"
    """*Udsendelse af dagsorden*: the agenda goes to the members."""
    DIALOGUE_ANNOUNCEMENT = "dialogue_announcement"
    """*Annoncering af dialogmøde*: a dialogue meeting is announced."""


# kind -> (rule key, counted "before" the meeting or "after" the call, what happens)
_KIND_RULE: dict[DeadlineKind, tuple[str, bool, str]] = {
    DeadlineKind.CALL_FOR_ITEMS: (
        "call_for_items_notice",
        True,
        "The secretariat calls for agenda items",
    ),
    DeadlineKind.ITEMS_DUE: ("items_due_after_call", False, "Agenda items reach the secretariat"),
    DeadlineKind.AGENDA_DISPATCH: (
        "agenda_dispatch_notice",
        True,
        "The agenda goes to the members",
    ),
    DeadlineKind.DIALOGUE_ANNOUNCEMENT: (
        "dialogue_announcement_notice",
        True,
        "The dialogue meeting is announced",
    ),
}
_ANCHOR_TEXT: dict[str, str] = {
    "meeting": "the meeting",
    "call_for_items": "the call for items",
    "recorded_call_for_items": "the recorded call for items",
}
# Looked up once: the planning loops compare against them for every meeting.
_CANCELLED, _HELD, _PLANNED = MeetingStatus.CANCELLED, MeetingStatus.HELD, MeetingStatus.PLANNED
_DIALOGUE = MeetingKind.DIALOGUE
_CALL, _ITEMS, _AGENDA, _ANNOUNCEMENT = (
    DeadlineKind.CALL_FOR_ITEMS,
    DeadlineKind.ITEMS_DUE,
    DeadlineKind.AGENDA_DISPATCH,
    DeadlineKind.DIALOGUE_ANNOUNCEMENT,
)
# The recorded step of each deadline: the Meeting attribute that says it was done.
_DONE_FIELD: dict[DeadlineKind, str] = {
    DeadlineKind.CALL_FOR_ITEMS: "call_for_items_on",
    DeadlineKind.AGENDA_DISPATCH: "agenda_sent_on",
    DeadlineKind.DIALOGUE_ANNOUNCEMENT: "announced_on",
}
_STEP_TEXT: dict[DeadlineKind, str] = {
    DeadlineKind.CALL_FOR_ITEMS: "calling for agenda items",
    DeadlineKind.AGENDA_DISPATCH: "sending the agenda",
    DeadlineKind.DIALOGUE_ANNOUNCEMENT: "announcing the dialogue meeting",
}


def _en(day: dt.date) -> str:
    """``Thursday 2023-05-18``: English weekday and ISO date, independent of the locale."""
    return f"{_WEEKDAYS_EN[day.weekday()]} {day.isoformat()}"


def _to_kind(value: object) -> DeadlineKind:
    return value if type(value) is DeadlineKind else parse_enum(DeadlineKind, value)


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    return value if type(value) is tuple else tuple(value)


@attrs.frozen(slots=True)
class Deadline:
    """One deadline (*frist*) before a meeting, and how it was computed.

    - ``date``: the deadline, a working day ("no later than" this day);
    - ``unrolled``: ``period`` counted from ``anchor_date`` before any roll;
    - ``roll``: ``"none"`` when ``unrolled`` is a working day, else the
      direction it moved (``"preceding"`` / ``"following"``); ``closed``
      names the closing day(s) it moved off (empty for a plain weekend);
    - ``rule``: the rule key (``agenda_dispatch_notice``, ...), ``period``
      its value in force, ``sources`` the RULES.md keys behind the value
      (and the roll convention's when it rolled), ``basis`` which layer's
      value applies and why;
    - ``anchor``: what it is counted from (``meeting``, ``call_for_items``
      or ``recorded_call_for_items``) and ``anchor_date`` that day;
    - ``done_on``: the recorded day the step was done, if any.

    :attr:`explanation` says all of it in one sentence.
    """

    kind: DeadlineKind = attrs.field(converter=_to_kind)
    date: dt.date
    unrolled: dt.date
    roll: Roll
    rule: str
    period: Period
    anchor: Anchor
    anchor_date: dt.date
    sources: tuple[str, ...] = attrs.field(converter=_str_tuple)
    basis: str = ""
    closed: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    done_on: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        if not (
            type(self.date) is dt.date
            and type(self.unrolled) is dt.date
            and type(self.anchor_date) is dt.date
            and (self.done_on is None or type(self.done_on) is dt.date)
        ):
            self._check_dates()
        key, before, _what = _KIND_RULE[self.kind]
        if self.rule != key:
            raise InvalidValueError(
                f"a {self.kind.value} deadline comes from the rule {key!r}, not {self.rule!r}"
            )
        if type(self.period) is not Period:
            raise InvalidValueError(f"Deadline.period must be a Period, got {self.period!r}")
        if (self.anchor == "meeting") is not before or self.anchor not in _ANCHORS:
            allowed = "'meeting'" if before else "'call_for_items' or 'recorded_call_for_items'"
            raise InvalidValueError(
                f"a {self.kind.value} deadline is counted from {allowed}, got {self.anchor!r}"
            )
        date, unrolled = self.date, self.unrolled
        expected = "none" if date == unrolled else ("preceding" if date < unrolled else "following")
        if self.roll != expected:
            raise InvalidValueError(
                f"Deadline.roll is {self.roll!r} but the deadline {date.isoformat()} and its "
                f"unrolled date {unrolled.isoformat()} say {expected!r}; use roll={expected!r}"
            )
        if self.closed and expected == "none":
            raise InvalidValueError(
                "Deadline.closed names the closing days a deadline moved off; it must be empty "
                "when the deadline did not move"
            )

    def _check_dates(self) -> None:
        for name in ("date", "unrolled", "anchor_date", "done_on"):
            value = getattr(self, name)
            if not (name == "done_on" and value is None) and not _is_date(value):
                raise InvalidValueError(
                    f"Deadline.{name} must be a date (not a datetime), got {value!r}"
                )

    @property
    def counted_before(self) -> bool:
        """True for a deadline counted back from the meeting, False for one counted forward."""
        return _KIND_RULE[self.kind][1]

    @property
    def explanation(self) -> str:
        """One sentence: the rule, what it is counted from, the roll and the sources."""
        what = _KIND_RULE[self.kind][2]
        relation = "before" if self.counted_before else "after"
        text = (
            f"{what} no later than {self.period} {relation} {_ANCHOR_TEXT[self.anchor]} "
            f"on {_en(self.anchor_date)}"
        )
        if self.roll == "none":
            text += f", that is {_en(self.date)}"
        else:
            why = ", ".join(self.closed) if self.closed else "a weekend day"
            text += (
                f"; {_en(self.unrolled)} is not a working day ({why}), so the deadline moves "
                f"to the {self.roll} working day, {_en(self.date)}"
            )
        return f"{text} ({self.basis or '/'.join(self.sources)})."

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (part of the ``klu-rules plan --format json`` contract)."""
        return {
            "kind": self.kind.value,
            "date": self.date.isoformat(),
            "unrolled": self.unrolled.isoformat(),
            "roll": self.roll,
            "closed": list(self.closed),
            "rule": self.rule,
            "period": str(self.period),
            "anchor": self.anchor,
            "anchor_date": self.anchor_date.isoformat(),
            "sources": list(self.sources),
            "done_on": None if self.done_on is None else self.done_on.isoformat(),
            "explanation": self.explanation,
        }


_new_deadline = trusted_constructor(Deadline)


# ---------------------------------------------------------------------------
# the rules in force, resolved once per effective period


class _Notice(NamedTuple):
    """One deadline rule in force: its period, how to count it and how it rolls."""

    kind: DeadlineKind
    key: str
    before: bool  # counted back from the anchor (else forward)
    period: Period
    step: dt.timedelta | None  # signed (negative before); None: months, counted by Period
    roll: RollDirection
    sources: tuple[str, ...]
    rolled_sources: tuple[str, ...]
    basis: str
    keys: tuple[str, ...]  # the rule keys this deadline uses
    done_field: str | None  # the Meeting attribute that records the step, if any

    def unrolled(self, anchor: dt.date) -> dt.date:
        """The period counted from ``anchor``, before any roll."""
        step = self.step
        if step is None:  # months, clamped to the month's end
            return self.period.before(anchor) if self.before else self.period.after(anchor)
        return anchor + step


class _Snapshot(NamedTuple):
    """What planning needs from the rules in force during one effective period."""

    rules: RulesInForce
    notices: Mapping[DeadlineKind, _Notice]
    length: ResolvedRule | None
    national_max: Period | None
    local_norm: Period | None
    national_max_delta: dt.timedelta | None
    quiet: dt.timedelta | None  # a meeting up to this long gets no length finding
    no_end: Finding | None  # the meeting.no-end-time finding, the same for every meeting
    meetings_per_year: ResolvedRule | None
    dialogue_max: ResolvedRule | None
    beyond: Mapping[str, Finding]  # the local-beyond-bound finding of each key that has one
    beyond_by_kinds: dict[tuple[DeadlineKind, ...], tuple[Finding, ...]]  # filled on demand
    yearly_beyond: tuple[Finding, ...]  # the beyond-bound findings of the yearly rules
    minimum: int | None  # meetings a year, if in force
    dialogue_maximum: int | None  # dialogue meetings a year, if in force


def _basis(rule: ResolvedRule) -> str:
    """Which layer's value applies and why, as a clause with its sources."""
    cited = "/".join(rule.entry.sources) or "an assumption"
    if not rule.beyond_bound:
        return cited
    assert rule.national is not None
    assert rule.local is not None
    local = f"{rule.local.value} ({'/'.join(rule.local.sources)})"
    if rule.applied == "national":
        return (
            f"{cited}; the local {local} is beyond this national {rule.national.bound} "
            "and does not apply under layering='strictest'"
        )
    return (
        f"{cited}, applied under layering='local' although it is beyond the national "
        f"{rule.national.bound} of {rule.national.value} ({'/'.join(rule.national.sources)})"
    )


def _optional(rules: RulesInForce, key: str) -> ResolvedRule | None:
    return rules.get(key) if rules.has(key) else None


def _roll_rule(rules: RulesInForce, key: str) -> ResolvedRule:
    if not rules.has(key):
        default = "preceding" if key == "roll_before" else "following"
        raise NoRulesInForceError(
            f"rule set {rules.rule_set.name!r} has no {key!r} in force on "
            f"{rules.on.isoformat()}, so a deadline on a closed day cannot be moved; add "
            f'[[rules.{key}]] with value = "{default}" (the convention of RULES.md § 3)'
        )
    return rules.get(key)


def _delta(period: Period | None) -> dt.timedelta | None:
    return None if period is None else period.as_timedelta()


def _build_snapshot(rules: RulesInForce) -> _Snapshot:
    notices: dict[DeadlineKind, _Notice] = {}
    for kind, (key, before, _what) in _KIND_RULE.items():
        rule = _optional(rules, key)
        if rule is None:
            continue
        period = rule.value
        assert isinstance(period, Period)  # guarded by RULE_KEYS
        roll_rule = _roll_rule(rules, "roll_before" if before else "roll_after")
        assert roll_rule.value in ROLL_DIRECTIONS  # guarded by RULE_KEYS choices
        roll = cast(RollDirection, roll_rule.value)
        step = (
            None
            if period.unit == "months"
            else dt.timedelta(
                days=(-1 if before else 1) * period.amount * (7 if period.unit == "weeks" else 1)
            )
        )
        sources = rule.sources
        notices[kind] = _Notice(
            kind=kind,
            key=key,
            before=before,
            period=period,
            step=step,
            roll=roll,
            sources=sources,
            rolled_sources=sources + tuple(s for s in roll_rule.sources if s not in sources),
            basis=_basis(rule),
            keys=(key, roll_rule.key),
            done_field=_DONE_FIELD.get(kind),
        )
    length = _optional(rules, "meeting_length")
    national = rules.national_value("meeting_length") if length is not None else None
    local = length.local.value if length is not None and length.local is not None else None
    national_max = national if isinstance(national, Period) else None
    local_norm = local if isinstance(local, Period) else None
    limits = [d for d in (_delta(national_max), _delta(local_norm)) if d is not None]
    # meeting_length is a period (RULE_KEYS): in force, it gives at least one limit
    assert (length is None) == (not limits)
    no_end = None
    if length is not None:
        no_end = finding(
            "meeting.no-end-time",
            f"The meeting has no end time, so its length was not checked against the up to "
            f"{national_max or length.value} the rules allow.",
            sources=length.sources,
        )
    beyond = {f.parameters["key"]: f for f in rules.findings()}
    meetings_per_year = _optional(rules, "meetings_per_year")
    dialogue_max = _optional(rules, "dialogue_meetings_per_year")
    return _Snapshot(
        rules=rules,
        notices=notices,
        length=length,
        national_max=national_max,
        local_norm=local_norm,
        national_max_delta=_delta(national_max),
        quiet=min(limits) if limits else None,
        no_end=no_end,
        meetings_per_year=meetings_per_year,
        dialogue_max=dialogue_max,
        beyond=beyond,
        beyond_by_kinds={},
        yearly_beyond=_yearly_rule_findings(beyond),
        minimum=_int_value(meetings_per_year),
        dialogue_maximum=_int_value(dialogue_max),
    )


class _Fixed:
    """The part of a meeting's plan that depends only on its date, kind and recorded steps.

    Not on ``as_of``, status or length: the rules in force, the deadlines,
    the findings about them, and the earliest deadline whose step is not
    recorded (for ``deadline.passed``). ``quiet`` and ``no_end`` repeat what
    the length check needs from the snapshot: the length up to which a
    meeting gets no finding (``None`` when no meeting length is in force)
    and the ``meeting.no-end-time`` finding.
    """

    __slots__ = ("deadlines", "earliest_open", "findings", "no_end", "quiet", "snapshot")

    def __init__(
        self, snapshot: _Snapshot, deadlines: tuple[Deadline, ...], findings: tuple[Finding, ...]
    ) -> None:
        self.snapshot = snapshot
        self.deadlines = deadlines
        self.findings = findings
        no_end = snapshot.no_end  # set exactly when a meeting length is in force
        self.no_end = () if no_end is None else (no_end,)
        self.quiet = snapshot.quiet
        earliest = None
        for item in deadlines:
            # every kind but items due records its step (_DONE_FIELD)
            if (
                item.done_on is None
                and item.kind is not _ITEMS
                and (earliest is None or item.date < earliest)
            ):
                earliest = item.date
        self.earliest_open = earliest


_MEMO_MAX = 100_000  # meeting days kept per rule set, layering and calendar
_MEMOS_MAX = 16  # calendars kept per rule set and layering


class _Timeline:
    """One rule set under one layering: a snapshot per effective period, and a memo.

    The memos keep the date-dependent part of meeting plans made on an
    immutable :class:`~klu_rules.rules.calendar.DanishCalendar` (one memo per
    calendar value), so meetings on the same day under the same rules are
    computed once.
    """

    __slots__ = ("changes", "layering", "memos", "rule_set", "snapshots")

    def __init__(self, rule_set: RuleSet, layering: Layering) -> None:
        self.rule_set = rule_set
        self.layering = layering
        first = rule_set.starts
        layers = [rule_set] if rule_set.parent is None else [rule_set.parent, rule_set]
        days = {e.effective_from for layer in layers for e in layer.entries}
        self.changes = sorted(d for d in days if first is not None and d >= first)
        self.snapshots: list[_Snapshot | None] = [None] * len(self.changes)
        self.memos: dict[DanishCalendar, dict[object, _Fixed]] = {}

    def at(self, day: dt.date) -> _Snapshot:
        """The rules in force on ``day``; before the national rules, NoRulesInForceError."""
        index = bisect_right(self.changes, day) - 1
        if index < 0:
            # Let the rule set say so in its own words.
            self.rule_set.in_force(day, layering=self.layering)
            raise AssertionError("unreachable")  # pragma: no cover
        snapshot = self.snapshots[index]
        if snapshot is None:
            rules = self.rule_set.in_force(self.changes[index], layering=self.layering)
            snapshot = self.snapshots[index] = _build_snapshot(rules)
        return snapshot

    def memo_for(self, calendar: WorkingDayCalendar) -> dict[object, _Fixed] | None:
        """The memo to use with ``calendar``: only immutable Danish calendars are memoised."""
        if type(calendar) is not DanishCalendar:
            return None
        memo = self.memos.get(calendar)
        if memo is None:
            if len(self.memos) >= _MEMOS_MAX:
                self.memos.clear()
            memo = self.memos[calendar] = {}
        return memo


_TIMELINES: dict[tuple[int, str], _Timeline] = {}
_TIMELINES_MAX = 128


class _Context:
    """What the plans of one call share: parameters, zone, calendar, rules and memo.

    Built once per rule set, layering, calendar, time zone and ``as_of``,
    after checking each of them, and kept (bounded) for the next call.
    """

    __slots__ = ("calendar", "memo", "params", "timeline", "years", "zone")

    def __init__(
        self,
        rule_set: RuleSet,
        layering: Layering,
        calendar: WorkingDayCalendar | None,
        timezone: str,
        as_of: dt.date | None,
    ) -> None:
        self.zone = get_zone(timezone)
        cal = _calendar(calendar)
        self.params = PlanParameters(
            rule_set.name, layering, _describe_calendar(cal), timezone, as_of
        )
        self.calendar = cal  # the calendar given (or the default): held, so its id stays its own
        self.timeline = _timeline(rule_set, self.params.layering)
        self.memo = self.timeline.memo_for(cal)
        self.years: dict[int, _Snapshot] = {}  # the rules in force on 31 December of a year

    def year_rules(self, year: int) -> _Snapshot:
        """The rules a year is judged on: those in force on its last day (a convention)."""
        snapshot = self.years.get(year)
        if snapshot is None:
            try:
                snapshot = self.timeline.at(dt.date(year, 12, 31))
            except NoRulesInForceError as exc:
                raise NoRulesInForceError(f"the year {year} cannot be planned: {exc}") from None
            self.years[year] = snapshot
        return snapshot


_CONTEXTS: dict[tuple[Any, ...], _Context] = {}
_CONTEXTS_MAX = 256


def _context(
    rule_set: RuleSet,
    layering: Layering,
    calendar: WorkingDayCalendar | None,
    timezone: str,
    as_of: dt.date | None,
) -> _Context:
    key = (id(rule_set), layering, id(calendar), timezone, type(as_of), as_of)
    try:
        context = _CONTEXTS.get(key)
    except TypeError:  # an unhashable argument: the checks below say what is wrong with it
        return _Context(rule_set, layering, calendar, timezone, as_of)
    # A context holds its calendar and (through its timeline) its rule set, so their ids
    # stay theirs while it is kept.
    if context is None:
        context = _Context(rule_set, layering, calendar, timezone, as_of)
        if len(_CONTEXTS) >= _CONTEXTS_MAX:
            _CONTEXTS.clear()
        _CONTEXTS[key] = context
    return context


def clear_caches() -> None:
    """Forget the rules in force and deadlines cached by earlier plans.

    Plans cache what they compute per rule set, layering and effective
    period, and the deadlines of each meeting day on the default calendar;
    the caches are bounded and every value is recomputed on demand, so
    clearing them only costs time. Useful to measure, or to free memory.
    """
    _TIMELINES.clear()
    _CONTEXTS.clear()


def _timeline(rule_set: RuleSet, layering: Layering) -> _Timeline:
    key = (id(rule_set), layering)
    timeline = _TIMELINES.get(key)
    if timeline is None or timeline.rule_set is not rule_set:
        if len(_TIMELINES) >= _TIMELINES_MAX:
            _TIMELINES.clear()
        timeline = _TIMELINES[key] = _Timeline(rule_set, layering)
    return timeline


# ---------------------------------------------------------------------------
# arguments


_DEFAULT_CALENDAR = DanishCalendar()


def _calendar(calendar: WorkingDayCalendar | None) -> WorkingDayCalendar:
    if calendar is None:
        return _DEFAULT_CALENDAR
    if type(calendar) is not DanishCalendar and not isinstance(calendar, WorkingDayCalendar):
        raise InvalidValueError(
            f"calendar must be a working-day calendar such as DanishCalendar(), got "
            f"{type(calendar).__name__}; pass None for the default Danish calendar or an object "
            "with is_working_day(day), roll(day, direction) and add_working_days(day, n)"
        )
    return calendar


def _describe_calendar(calendar: WorkingDayCalendar) -> str:
    """``statutory`` or ``public-holidays`` (``+N`` extra closing days), else the class name."""
    if isinstance(calendar, DanishCalendar):
        name = "statutory" if calendar.statutory_closing_days else "public-holidays"
        extra = len(calendar.extra_closing_days)
        return f"{name}+{extra}" if extra else name
    return type(calendar).__name__


def _layering(layering: object) -> Layering:
    if layering == "strictest" or layering == "local":
        return layering
    raise InvalidValueError(
        f"layering is one of {', '.join(map(repr, LAYERINGS))}, got {layering!r}; "
        "'strictest' applies the national value where a local one is beyond its bound, "
        "'local' applies the local value anyway"
    )


def _as_of(as_of: object) -> dt.date | None:
    if as_of is None or type(as_of) is dt.date:
        return as_of
    if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
        raise InvalidValueError(
            f"as_of must be a date (the day to judge deadlines on), got {as_of!r}; "
            "write date(2023, 5, 1), not a datetime"
        )
    return as_of


def _rule_set(rules: object) -> RuleSet:
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, str):
        return get_rule_set(rules)
    raise InvalidValueError(
        "rules must be a RuleSet or the name of a built-in rule set ('national', 'aalborg'), "
        f"got {rules!r}"
    )


def _year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise InvalidValueError(f"year must be a year 1900..2200, got {year!r}")
    return year


# ---------------------------------------------------------------------------
# planning one meeting


@attrs.frozen(slots=True)
class PlanParameters:
    """The parameters a plan was made with: each a convention the caller chooses.

    ``rules`` is the rule set's name, ``calendar`` describes the working-day
    calendar (``statutory``, ``public-holidays``, ``+N`` for extra closing
    days, or a custom calendar's class name), ``timezone`` decides meeting
    dates and ``as_of`` is the day deadlines are judged on (``None``: the
    plan alone is judged).
    """

    rules: str
    layering: Layering = attrs.field(converter=_layering)
    calendar: str
    timezone: str
    as_of: dt.date | None = attrs.field(default=None, converter=_as_of)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": self.rules,
            "layering": self.layering,
            "calendar": self.calendar,
            "timezone": self.timezone,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
        }


@attrs.frozen(slots=True)
class MeetingPlan:
    """The deadlines and findings of one meeting (*frister og bemærkninger til et møde*).

    ``date`` is the meeting's local date in ``parameters.timezone``.
    ``findings`` are the meeting's own findings; yearly findings live in
    :class:`YearPlan`. :attr:`outcome`, :meth:`explain`, :attr:`sources` and
    :attr:`parameters` say what the plan found, why, and on what basis.
    """

    meeting: Meeting
    date: dt.date
    deadlines: tuple[Deadline, ...]
    findings: tuple[Finding, ...]
    parameters: PlanParameters

    def __attrs_post_init__(self) -> None:
        if type(self.meeting) is not Meeting and not isinstance(self.meeting, Meeting):
            raise InvalidValueError(f"MeetingPlan.meeting must be a Meeting, got {self.meeting!r}")
        if type(self.date) is not dt.date and not _is_date(self.date):
            raise InvalidValueError(f"MeetingPlan.date must be a date, got {self.date!r}")

    def deadline(self, kind: DeadlineKind | str) -> Deadline:
        """The deadline of ``kind``; NoRulesInForceError (a LookupError) says why there is none."""
        wanted = _to_kind(kind)
        for item in self.deadlines:
            if item.kind is wanted:
                return item
        dialogue = self.meeting.kind is MeetingKind.DIALOGUE
        if dialogue and wanted is not DeadlineKind.DIALOGUE_ANNOUNCEMENT:
            why = "a dialogue meeting has only an announcement deadline (a convention)"
        elif not dialogue and wanted is DeadlineKind.DIALOGUE_ANNOUNCEMENT:
            why = "only dialogue meetings are announced"
        else:
            why = (
                f"the rules {self.parameters.rules!r} in force on {self.date.isoformat()} "
                f"set no {_KIND_RULE[wanted][0]}"
            )
        raise NoRulesInForceError(
            f"meeting {self.meeting.id!r} has no {wanted.value} deadline: {why}"
        )

    @property
    def outcome(self) -> Outcome:
        """``ok`` without findings, else the most severe finding's severity."""
        return worst_severity(self.findings) or "ok"

    @property
    def sources(self) -> tuple[str, ...]:
        """Every RULES.md key behind the deadlines and findings, once each."""
        keys: dict[str, None] = {}
        for item in self.deadlines:
            keys.update(dict.fromkeys(item.sources))
        for f in self.findings:
            keys.update(dict.fromkeys(f.sources))
        return tuple(keys)

    def explain(self) -> str:
        """One sentence: the meeting, its deadlines, its findings and the parameters."""
        p = self.parameters
        return (
            f"Meeting {self.meeting.id!r} on {_en(self.date)} has {len(self.deadlines)} "
            f"deadline(s) under the rules {p.rules!r} (layering={p.layering!r}, "
            f"calendar={p.calendar!r}) and {_count_text(self.findings)}."
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (part of the ``klu-rules plan --format json`` contract)."""
        zone = get_zone(self.parameters.timezone)
        meeting = self.meeting
        return {
            "id": meeting.id,
            "start": meeting.start.astimezone(zone).isoformat(),
            "end": None if meeting.end is None else meeting.end.astimezone(zone).isoformat(),
            "date": self.date.isoformat(),
            "kind": meeting.kind.value,
            "status": meeting.status.value,
            "outcome": self.outcome,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "findings": [f.to_dict() for f in self.findings],
        }


_new_meeting_plan = trusted_constructor(MeetingPlan)


def _count_text(findings: Sequence[Finding]) -> str:
    if not findings:
        return "no findings"
    parts = []
    for severity, plural in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            parts.append(f"{n} {severity if n == 1 else plural}")
    return ", ".join(parts)


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

    - ``rules``: a :class:`~klu_rules.rules.ruleset.RuleSet` or a built-in name
      (``"national"``, ``"aalborg"``);
    - ``calendar``: the working days (default ``DanishCalendar()``:
      public holidays and the statutory closing days);
    - ``layering``: ``"strictest"`` (default) or ``"local"`` (RULES.md § 3);
    - ``as_of``: judge deadlines on this day (``deadline.passed``); ``None``
      judges the plan alone;
    - ``timezone``: the zone whose local date is the meeting's date.

    A meeting before the national rules take effect (2011-04-01) raises
    :class:`~klu_rules.core.errors.NoRulesInForceError`. Findings:
    ``rules.local-beyond-bound`` (for the rule keys this plan used),
    ``deadline.items-due-after-dispatch``, ``deadline.items-due-on-dispatch-day``,
    ``deadline.done-late``, ``deadline.passed``, ``meeting.longer-than-local-norm``,
    ``meeting.longer-than-national-max`` and ``meeting.no-end-time``. A
    cancelled meeting keeps its deadlines for reference and gets no findings.
    """
    if not isinstance(meeting, Meeting):
        raise InvalidValueError(f"plan_meeting() takes a Meeting, got {type(meeting).__name__}")
    context = _context(_rule_set(rules), layering, calendar, timezone, as_of)
    day = meeting.start.astimezone(context.zone).date()
    return _plan(meeting, day, context.timeline, context.calendar, context.memo, context.params)


def _plan(
    meeting: Meeting,
    day: dt.date,
    timeline: _Timeline,
    calendar: WorkingDayCalendar,
    memo: dict[object, _Fixed] | None,
    params: PlanParameters,
) -> MeetingPlan:
    if memo is None:
        fixed = _fixed_part(meeting, day, timeline, calendar)
    else:
        # The fixed part depends on the day, on whether it is a dialogue meeting and on
        # the recorded steps; most meetings are keyed by their day alone.
        called, sent, announced = (
            meeting.call_for_items_on,
            meeting.agenda_sent_on,
            meeting.announced_on,
        )
        dialogue = meeting.kind is _DIALOGUE
        key: object = (
            day
            if not dialogue and called is None and sent is None and announced is None
            else (day, dialogue, called, sent, announced)
        )
        hit = memo.get(key)
        if hit is None:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            hit = memo[key] = _fixed_part(meeting, day, timeline, calendar)
        fixed = hit
    status = meeting.status
    if status is _CANCELLED:
        return _new_meeting_plan(meeting, day, fixed.deadlines, (), params)
    findings = fixed.findings
    as_of = params.as_of
    earliest = fixed.earliest_open
    if as_of is not None and earliest is not None and earliest < as_of and status is _PLANNED:
        findings += tuple(
            _passed(d, as_of, day)
            for d in fixed.deadlines
            if d.done_on is None and d.date < as_of and d.kind in _DONE_FIELD
        )
    quiet = fixed.quiet
    if quiet is not None:  # a meeting length is in force
        duration = meeting.duration
        if duration is None:  # no end time
            findings += fixed.no_end
        elif duration > quiet:
            findings += (_length_finding(duration, fixed.snapshot),)
    return _new_meeting_plan(meeting, day, fixed.deadlines, findings, params)


def _fixed_part(
    meeting: Meeting, day: dt.date, timeline: _Timeline, calendar: WorkingDayCalendar
) -> _Fixed:
    """The deadlines and the findings that depend on them and the rules only."""
    try:
        snapshot = timeline.at(day)
    except NoRulesInForceError as exc:
        raise NoRulesInForceError(f"meeting {meeting.id!r} cannot be planned: {exc}") from None
    notices = snapshot.notices
    items = agenda = None
    if meeting.kind is _DIALOGUE:
        notice = notices.get(_ANNOUNCEMENT)
        deadlines: tuple[Deadline, ...] = (
            () if notice is None else (_deadline(notice, "meeting", day, calendar, meeting),)
        )
    else:
        notice = notices.get(_CALL)
        call = None if notice is None else _deadline(notice, "meeting", day, calendar, meeting)
        notice = notices.get(_ITEMS)
        if notice is not None:
            recorded = meeting.call_for_items_on
            if recorded is not None:
                items = _deadline(notice, "recorded_call_for_items", recorded, calendar, meeting)
            elif call is not None:
                items = _deadline(notice, "call_for_items", call.date, calendar, meeting)
            # else: no call for items to count from
        notice = notices.get(_AGENDA)
        if notice is not None:
            agenda = _deadline(notice, "meeting", day, calendar, meeting)
        deadlines = (
            (call, items, agenda)
            if call is not None and items is not None and agenda is not None
            else tuple([d for d in (call, items, agenda) if d is not None])
        )
    findings = _beyond_findings(snapshot, deadlines) if snapshot.beyond else ()
    if items is not None and agenda is not None and items.date >= agenda.date:
        findings += (_order_finding(items, agenda),)
    # Steps done late: the call for items and the agenda (a late announcement is a yearly finding).
    if meeting.call_for_items_on is not None or meeting.agenda_sent_on is not None:
        findings += tuple(
            [
                _done_late(item)
                for item in deadlines
                if item.done_on is not None
                and item.done_on > item.date
                and item.kind is not _ANNOUNCEMENT
            ]
        )
    return _Fixed(snapshot, deadlines, findings)


def _beyond_findings(snapshot: _Snapshot, deadlines: tuple[Deadline, ...]) -> tuple[Finding, ...]:
    """The ``rules.local-beyond-bound`` findings of the rule keys these deadlines used.

    They depend only on which deadlines there are, so each set is made once per snapshot.
    """
    kinds = tuple([d.kind for d in deadlines])
    found = snapshot.beyond_by_kinds.get(kinds)
    if found is None:
        used = [k for kind in kinds for k in snapshot.notices[kind].keys]
        if snapshot.length is not None:
            used.append("meeting_length")
        beyond = snapshot.beyond
        found = snapshot.beyond_by_kinds[kinds] = tuple(
            [beyond[k] for k in dict.fromkeys(used) if k in beyond]
        )
    return found


def _deadline(
    notice: _Notice,
    anchor: Anchor,
    anchor_date: dt.date,
    calendar: WorkingDayCalendar,
    meeting: Meeting,
) -> Deadline:
    # Deadlines on a DanishCalendar are built from checked values; a calendar of the
    # caller's own goes through the checks, which say so if it returns odd days.
    make: Callable[..., Deadline]
    try:
        unrolled = notice.unrolled(anchor_date)
        if type(calendar) is DanishCalendar:
            rolled, closed = calendar._roll_named(unrolled, notice.roll)
            make = _new_deadline
        else:
            rolled = calendar.roll(unrolled, notice.roll)
            closed = ()
            make = Deadline
    except (OverflowError, ValueError) as exc:  # a period that leaves the calendar's years
        raise _uncomputable(notice, anchor, anchor_date, meeting, exc) from None
    field = notice.done_field
    rolled_over = rolled != unrolled
    if rolled_over and make is Deadline:
        closed = _closed_names(calendar, unrolled)
    return make(
        notice.kind,
        rolled,
        unrolled,
        notice.roll if rolled_over else "none",
        notice.key,
        notice.period,
        anchor,
        anchor_date,
        notice.rolled_sources if rolled_over else notice.sources,
        notice.basis,
        closed,
        None if field is None else getattr(meeting, field),
    )


def _closed_names(calendar: WorkingDayCalendar, day: dt.date) -> tuple[str, ...]:
    """The names a calendar of the caller's own gives ``day``, if it has ``holiday_names``."""
    names = getattr(calendar, "holiday_names", None)
    return tuple(names(day)) if callable(names) else ()


def _uncomputable(
    notice: _Notice, anchor: Anchor, anchor_date: dt.date, meeting: Meeting, exc: Exception
) -> InvalidValueError:
    """The error for a deadline the calendar cannot give, saying which rule led there."""
    relation = "before" if notice.before else "after"
    why = str(exc) if isinstance(exc, KluRulesError) else "beyond the dates Python can represent"
    return InvalidValueError(
        f"meeting {meeting.id!r} cannot be planned: its {notice.kind.value} deadline is "
        f"{notice.period} {relation} {_ANCHOR_TEXT[anchor]} on {anchor_date.isoformat()} "
        f"(rule {notice.key}: {notice.basis}), which the calendar cannot give ({why}); "
        "check the rule's value"
    )


def _merged(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """``first`` then the keys of ``second`` not in it (made once per pair)."""
    key = (first, second)
    merged = _MERGED.get(key)
    if merged is None:
        if len(_MERGED) >= _MERGED_MAX:
            _MERGED.clear()
        merged = _MERGED[key] = first + tuple(s for s in second if s not in first)
    return merged


_MERGED: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}
_MERGED_MAX = 1024


def _order_finding(items: Deadline, agenda: Deadline) -> Finding:
    due, out = items.date, agenda.date
    # the sources of rules in force: checked keys already
    sources = _merged(items.sources, agenda.sources)
    params: dict[str, Any] = {"items_due": due.isoformat(), "agenda_dispatch": out.isoformat()}
    if due > out:
        return _catalogued(
            "deadline.items-due-after-dispatch",
            f"Agenda items are due on {_en(due)}, after the "
            f"agenda must go out on {_en(out)}: the agenda "
            "cannot include the items it called for; call for items earlier or agree a "
            "shorter time for sending them in.",
            sources,
            params,
        )
    return _catalogued(
        "deadline.items-due-on-dispatch-day",
        f"Agenda items are due on {_en(due)}, the same day the "
        "agenda must go out: there is no time to prepare the agenda; call for items earlier.",
        sources,
        params,
    )


def _done_late(item: Deadline) -> Finding:
    assert item.done_on is not None
    late = (item.done_on - item.date).days
    return finding(
        "deadline.done-late",
        f"{_STEP_TEXT[item.kind].capitalize()} is recorded on {_en(item.done_on)}, "
        f"{late} day(s) after its deadline {_en(item.date)}.",
        sources=item.sources,
        kind=item.kind.value,
        deadline=item.date.isoformat(),
        done_on=item.done_on.isoformat(),
        days_late=late,
    )


def _passed(item: Deadline, as_of: dt.date, day: dt.date) -> Finding:
    field = _DONE_FIELD[item.kind]
    if as_of > day:
        advice = (
            f"the meeting's date {day.isoformat()} has passed too: record the meeting as held "
            f"(with {field}) or as cancelled"
        )
    else:
        advice = f"do it now and record {field} with the day it was done"
    return finding(
        "deadline.passed",
        f"The deadline for {_STEP_TEXT[item.kind]} was {_en(item.date)} and on "
        f"{as_of.isoformat()} it is not recorded as done; {advice}.",
        sources=item.sources,
        kind=item.kind.value,
        deadline=item.date.isoformat(),
        as_of=as_of.isoformat(),
    )


def _hours(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if not rest:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{hours} h {rest} min"


def _length_finding(duration: dt.timedelta, snapshot: _Snapshot) -> Finding:
    """A meeting longer than ``snapshot.quiet``: over the national maximum a warning, else
    (over the local norm) info (RULES.md § 3)."""
    rule = snapshot.length
    assert rule is not None
    national = snapshot.national_max_delta
    minutes = int(duration.total_seconds() // 60)
    if national is not None and duration > national:
        assert rule.national is not None
        return finding(
            "meeting.longer-than-national-max",
            f"The meeting lasts {_hours(duration)}, more than the up to "
            f"{snapshot.national_max} per meeting of the national rules "
            f"({'/'.join(rule.national.sources)}), which allow it only as needed; make sure "
            "the length is needed.",
            sources=rule.national.sources,
            duration_minutes=minutes,
            national_max=str(snapshot.national_max),
            local_norm=None if snapshot.local_norm is None else str(snapshot.local_norm),
        )
    # over the smaller limit but not the national one: the local norm is the smaller
    assert snapshot.local_norm is not None
    assert rule.local is not None
    return finding(
        "meeting.longer-than-local-norm",
        f"The meeting lasts {_hours(duration)}, longer than the local norm of about "
        f"{snapshot.local_norm} ({'/'.join(rule.local.sources)}); it is within the "
        "national maximum, so this is a note, not a breach.",
        sources=rule.local.sources,
        duration_minutes=minutes,
        local_norm=str(snapshot.local_norm),
    )


# ---------------------------------------------------------------------------
# planning a year


def _is_count(value: object) -> bool:
    return type(value) is int and value >= 0


@attrs.frozen(slots=True)
class YearCounts:
    """The meeting counts a year is judged on (RULES.md § 2).

    - ``minimum``: meetings a year in force on 31 December of the year (a
      **convention**: the rules the year ends under), ``None`` if none;
    - ``held``: meetings recorded held (cancelled and dialogue meetings do
      not count);
    - ``upcoming``: planned meetings still to come on ``as_of`` (without
      ``as_of``: every planned meeting, counted as intended);
    - ``passed_unrecorded``: planned meetings whose date has passed on
      ``as_of`` without being recorded held (they do not count);
    - ``cancelled``; ``dialogue`` (not cancelled) and ``dialogue_maximum``.
    """

    minimum: int | None
    held: int
    upcoming: int
    passed_unrecorded: int
    cancelled: int
    dialogue: int
    dialogue_maximum: int | None

    def __attrs_post_init__(self) -> None:
        if (
            _is_count(self.held)
            and _is_count(self.upcoming)
            and _is_count(self.passed_unrecorded)
            and _is_count(self.cancelled)
            and _is_count(self.dialogue)
            and (self.minimum is None or _is_count(self.minimum))
            and (self.dialogue_maximum is None or _is_count(self.dialogue_maximum))
        ):
            return
        name = next(
            n
            for n in attrs.fields_dict(YearCounts)
            if not _is_count(getattr(self, n))
            and not (n in ("minimum", "dialogue_maximum") and getattr(self, n) is None)
        )
        raise InvalidValueError(
            f"YearCounts.{name} must be a whole number >= 0, got {getattr(self, name)!r}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "minimum": self.minimum,
            "held": self.held,
            "upcoming": self.upcoming,
            "passed_unrecorded": self.passed_unrecorded,
            "cancelled": self.cancelled,
            "dialogue": self.dialogue,
            "dialogue_maximum": self.dialogue_maximum,
        }


_new_year_counts = trusted_constructor(YearCounts)


@attrs.frozen(slots=True)
class YearPlan:
    """A year's meeting plans and its yearly findings (*årets mødeplan*).

    ``findings`` are the yearly findings (counts, dialogue meetings, the
    yearly rules); each meeting's own findings are in its
    :class:`MeetingPlan`, and :attr:`all_findings` gives both. ``committee_id``
    and ``committee_name`` are ``None`` for meetings planned without a
    committee (:func:`plan_meetings`).
    """

    year: int = attrs.field(validator=lambda _i, _a, v: _year(v) and None)
    meetings: tuple[MeetingPlan, ...]
    findings: tuple[Finding, ...]
    counts: YearCounts
    rule_set: RuleSet
    parameters: PlanParameters
    committee_id: str | None = None
    committee_name: str | None = None

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """The meetings' findings in meeting order, then the yearly findings."""
        return tuple(f for plan in self.meetings for f in plan.findings) + self.findings

    @property
    def outcome(self) -> Outcome:
        """``ok`` without findings, else the most severe finding's severity."""
        return worst_severity(self.all_findings) or "ok"

    @property
    def sources(self) -> tuple[str, ...]:
        """Every RULES.md key behind the plans and findings, once each."""
        keys: dict[str, None] = {}
        for plan in self.meetings:
            keys.update(dict.fromkeys(plan.sources))
        for f in self.findings:
            keys.update(dict.fromkeys(f.sources))
        return tuple(keys)

    def meeting(self, meeting_id: str) -> MeetingPlan:
        """The plan of the meeting with id ``meeting_id``."""
        for plan in self.meetings:
            if plan.meeting.id == meeting_id:
                return plan
        raise InvalidValueError(
            f"the {self.year} plan has no meeting {meeting_id!r}; it has "
            + (", ".join(p.meeting.id for p in self.meetings) or "no meetings")
        )

    def explain(self) -> str:
        """One sentence: the year, its meetings, its findings and the parameters."""
        p = self.parameters
        who = f"{self.committee_name}'s" if self.committee_name else "The"
        when = f", as of {p.as_of.isoformat()}" if p.as_of else ""
        return (
            f"{who} {self.year} plan has {len(self.meetings)} meeting(s) under the rules "
            f"{p.rules!r} (layering={p.layering!r}, calendar={p.calendar!r}{when}) and "
            f"{_count_text(self.all_findings)}."
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``klu-rules plan --format json`` (``docs/plan.schema.json``)."""
        return {
            "schema": JSON_SCHEMA,
            "committee": self.committee_id,
            "name": self.committee_name,
            "year": self.year,
            **self.parameters.to_dict(),
            "outcome": self.outcome,
            "counts": self.counts.to_dict(),
            "meetings": [plan.to_dict() for plan in self.meetings],
            "findings": [f.to_dict() for f in self.findings],
        }


_new_year_plan = trusted_constructor(YearPlan)


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

    ``year`` defaults to ``committee.year``. The meetings are planned with
    the committee's rule set and time zone (see :func:`plan_meeting`), and
    the yearly findings are added: ``year.too-few-meetings-held`` (error),
    ``year.too-few-meetings-planned`` (warning), ``year.minimum-not-yet-reached``
    (info), ``year.too-many-dialogue-meetings`` and ``year.dialogue-announced-late``
    (warnings), and ``rules.local-beyond-bound`` for the yearly rules.

    Without ``as_of`` the plan alone is judged: planned meetings count as
    intended. With ``as_of``, a planned meeting whose date has passed
    without being recorded held does not count, and a year that is over is
    judged on the meetings held.

    With ``compliance=True`` (the default) the yearly review of the
    committee's records is added too (:func:`klu_rules.checks.compliance.check_year`:
    calendar, annual wheel, evaluation, follow-ups, composition); pass
    ``compliance=False`` when only the deadlines and meeting counts matter.
    """
    if not isinstance(committee, Committee):
        raise InvalidValueError(f"plan_year() takes a Committee, got {type(committee).__name__}")
    if year is None:
        if committee.year is None:
            raise InvalidValueError(
                f"committee {committee.id!r} has no year; pass the year to plan, "
                "e.g. plan_year(committee, 2024)"
            )
        year = committee.year
    year = _year(year)
    context = _context(committee.rule_set, layering, calendar, committee.timezone, as_of)
    meetings, days = committee._meetings_and_days(year)
    return _plan_year(meetings, days, context, year, committee, committee if compliance else None)


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
    the earliest meeting; every meeting must
    fall in it (local dates in ``timezone``) and have its own id. Findings
    and parameters are those of :func:`plan_year`.
    """
    items = (meetings,) if isinstance(meetings, Meeting) else tuple(meetings)
    for item in items:
        if not isinstance(item, Meeting):
            raise InvalidValueError(f"plan_meetings() takes Meeting values, got {item!r}")
    zone = get_zone(timezone)
    ordered = sorted(items, key=lambda m: (m.start, m.id))
    if year is None:
        if not ordered:
            raise InvalidValueError(
                "plan_meetings() needs a year when no meetings are given; pass year=2024"
            )
        year = ordered[0].start.astimezone(zone).year
    year = _year(year)
    seen: set[str] = set()
    days = []
    for item in ordered:
        local = item.start.astimezone(zone).date()
        days.append(local)
        if local.year != year:
            raise InvalidValueError(
                f"meeting {item.id!r} is on {local.isoformat()}, outside {year}; a plan covers "
                "one year, so plan each year separately"
            )
        if item.id in seen:
            raise InvalidValueError(
                f"two meetings share the id {item.id!r}; give each meeting its own id"
            )
        seen.add(item.id)
    context = _context(_rule_set(rules), layering, calendar, timezone, as_of)
    return _plan_year(ordered, days, context, year, None, None)


def _plan_year(
    meetings: Sequence[Meeting],
    days: Sequence[dt.date],
    context: _Context,
    year: int,
    committee: Committee | None,
    reviewed: Committee | None,
) -> YearPlan:
    """Plan ``meetings`` (all in ``year``, on the local ``days``) in ``context``.

    ``committee`` is the committee planned, if any; ``reviewed`` the committee whose
    records get the yearly review (``None``: no review).
    """
    params, timeline, cal = context.params, context.timeline, context.calendar
    year_rules = context.year_rules(year)
    memo = context.memo
    as_of = params.as_of
    # The counts of RULES.md § 2, taken as the meetings are planned: cancelled and
    # dialogue meetings do not count, nor planned ones whose day passed unrecorded.
    held = upcoming = passed = cancelled = dialogue = 0
    planned = []
    for meeting, day in zip(meetings, days, strict=True):
        plan = _plan(meeting, day, timeline, cal, memo, params)
        planned.append(plan)
        status = meeting.status
        if status is _CANCELLED:
            cancelled += 1
        elif meeting.kind is _DIALOGUE:
            dialogue += 1
        elif status is _HELD:
            held += 1
        elif as_of is None or plan.date >= as_of:
            upcoming += 1
        else:
            passed += 1
    plans = tuple(planned)
    counts = _new_year_counts(
        year_rules.minimum, held, upcoming, passed, cancelled, dialogue, year_rules.dialogue_maximum
    )
    return _new_year_plan(
        year,
        plans,
        _yearly_findings(reviewed, year, plans, counts, year_rules, as_of),
        counts,
        context.timeline.rule_set,
        params,
        None if committee is None else committee.id,
        None if committee is None else committee.name,
    )


def _int_value(rule: ResolvedRule | None) -> int | None:
    if rule is None:
        return None
    value = rule.value
    assert isinstance(value, int)  # guarded by RULE_KEYS
    return value


def _yearly_findings(
    committee: Committee | None,
    year: int,
    plans: Sequence[MeetingPlan],
    counts: YearCounts,
    year_rules: _Snapshot,
    as_of: dt.date | None,
) -> tuple[Finding, ...]:
    """Every yearly finding of a year plan, assembled in one place.

    ``committee`` is the committee whose records are reviewed for yearly
    compliance; ``None`` when there is none (meetings planned without a
    committee) or the review was not asked for (``compliance=False``).
    """
    # Each check is skipped when it cannot find anything (the common case), in this order.
    found = list(year_rules.yearly_beyond)
    if counts.minimum is not None and counts.held < counts.minimum:
        found += _meeting_count_findings(year, counts, year_rules, as_of)
    if counts.dialogue:
        found += _dialogue_findings(year, plans, counts, year_rules)
    if committee is not None:
        found += _compliance_findings(committee, year, year_rules, as_of)
    return tuple(found)


def _compliance_findings(
    committee: Committee | None, year: int, year_rules: _Snapshot, as_of: dt.date | None
) -> tuple[Finding, ...]:
    """The yearly compliance checks of the committee's records (none without a committee)."""
    if committee is None:
        return ()
    from klu_rules.checks.compliance import check_year

    return check_year(committee, year, as_of=as_of, layering=year_rules.rules.layering)


def _yearly_rule_findings(beyond: Mapping[str, Finding]) -> tuple[Finding, ...]:
    """The ``rules.local-beyond-bound`` findings of the yearly rules."""
    keys = ("meetings_per_year", "dialogue_meetings_per_year")
    return tuple([beyond[k] for k in keys if k in beyond])


def _meeting_count_findings(
    year: int, counts: YearCounts, year_rules: _Snapshot, as_of: dt.date | None
) -> list[Finding]:
    """Held meetings against the minimum (RULES.md § 2: held, not planned, count)."""
    rule = year_rules.meetings_per_year
    minimum = counts.minimum
    # called only when a minimum is in force and not yet reached
    assert rule is not None
    assert minimum is not None
    year_over = as_of is not None and as_of > dt.date(year, 12, 31)
    reachable = counts.held + counts.upcoming >= minimum
    if reachable and not year_over and (as_of is None or as_of <= dt.date(year, 1, 1)):
        return []  # the plan alone is judged, or the year has not begun
    cited = "/".join(rule.entry.sources)
    params: dict[str, Any] = {
        "year": year,
        "minimum": minimum,
        "held": counts.held,
        "upcoming": counts.upcoming,
        "passed_unrecorded": counts.passed_unrecorded,
        "cancelled": counts.cancelled,
        "as_of": None if as_of is None else as_of.isoformat(),
    }
    unrecorded = (
        f"; {counts.passed_unrecorded} planned meeting(s) whose date has passed are not "
        "recorded as held and do not count"
        if counts.passed_unrecorded
        else ""
    )
    if year_over:
        return [
            finding(
                "year.too-few-meetings-held",
                f"{counts.held} meeting(s) were held in {year}, fewer than the {minimum} a year "
                f"the rules require ({cited}); cancelled and dialogue meetings do not "
                f"count{unrecorded}.",
                sources=rule.sources,
                **params,
            )
        ]
    if reachable:
        return [
            finding(
                "year.minimum-not-yet-reached",
                f"{counts.held} of the {minimum} meetings a year ({cited}) are held so far in "
                f"{year}; the {counts.upcoming} planned meeting(s) still to come can reach the "
                f"minimum{unrecorded}.",
                sources=rule.sources,
                **params,
            )
        ]
    still = "planned" if as_of is None else "still to come"
    return [
        finding(
            "year.too-few-meetings-planned",
            f"{year} has {counts.held} meeting(s) held and {counts.upcoming} {still}, fewer than "
            f"the {minimum} a year the rules require ({cited}) even if every planned meeting is "
            f"held; plan {minimum - counts.held - counts.upcoming} more{unrecorded}.",
            sources=rule.sources,
            **params,
        )
    ]


def _dialogue_findings(
    year: int, plans: Sequence[MeetingPlan], counts: YearCounts, year_rules: _Snapshot
) -> list[Finding]:
    """Dialogue meetings over the yearly maximum, and each one announced too late."""
    result: list[Finding] = []
    rule = year_rules.dialogue_max
    maximum = counts.dialogue_maximum
    if rule is not None and maximum is not None and counts.dialogue > maximum:
        result.append(
            finding(
                "year.too-many-dialogue-meetings",
                f"{year} has {counts.dialogue} dialogue meetings; the rules allow "
                f"{maximum} a year ({'/'.join(rule.entry.sources)}).",
                sources=rule.sources,
                year=year,
                dialogue=counts.dialogue,
                maximum=maximum,
            )
        )
    for plan in plans:
        meeting = plan.meeting
        announced = meeting.announced_on
        if (
            meeting.kind is not MeetingKind.DIALOGUE
            or announced is None
            or meeting.status is MeetingStatus.CANCELLED
        ):
            continue
        for item in plan.deadlines:
            if item.kind is DeadlineKind.DIALOGUE_ANNOUNCEMENT and announced > item.date:
                result.append(
                    finding(
                        "year.dialogue-announced-late",
                        f"The dialogue meeting on {_en(plan.date)} was announced on "
                        f"{_en(announced)}, after its deadline {_en(item.date)} "
                        f"({item.period} ahead, {'/'.join(item.sources)}).",
                        sources=item.sources,
                        subject=meeting.id,
                        deadline=item.date.isoformat(),
                        announced_on=announced.isoformat(),
                        days_late=(announced - item.date).days,
                    )
                )
    return result
