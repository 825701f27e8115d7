"""What the deadline engine returns: deadlines, a meeting's plan and a year's plan.

:class:`MeetingPlan` and :class:`YearPlan` are :class:`~klu_rules.core.result.Result`
values (outcome, reason, parameters, sources, findings) and round-trip
through JSON: ``YearPlan.from_json(plan.to_json()) == plan``. The JSON of a
year plan is the ``klu-rules plan --format json`` document (the shipped
schema ``klu-rules/plan/3``, see :mod:`klu_rules.io.schemas`).
:func:`klu_rules.checks.deadlines.plan_year` builds them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import attrs

from klu_rules.core.convert import parse_enum
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.language import Language, format_list
from klu_rules.core.messages import catalogue, coded, message
from klu_rules.core.period import Period
from klu_rules.core.record import Record
from klu_rules.core.result import Finding, Parameters, Result
from klu_rules.core.types import Layering, Outcome
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus
from klu_rules.rules.calendar import holiday_text

__all__ = [
    "JSON_SCHEMA",
    "Anchor",
    "Deadline",
    "DeadlineKind",
    "MeetingPlan",
    "PlanParameters",
    "Roll",
    "YearCounts",
    "YearPlan",
    "count_findings",
    "count_meetings",
]

JSON_SCHEMA = "klu-rules/plan/3"
"""The ``schema`` of a year plan's JSON; bumped on incompatible changes."""

Roll = Literal["none", "preceding", "following"]
"""How a deadline moved off a closed day: not at all, back, or forward."""
Anchor = Literal["meeting", "call_for_items", "recorded_call_for_items"]
"""What a deadline is counted from: the meeting, the planned call, or the recorded call."""


def count_findings(findings: Sequence[Finding], language: Language = "en") -> str:
    """``1 error and 2 warnings`` (``1 fejl og 2 advarsler``): the findings by severity."""
    if not findings:
        return message("finding_count.none", language)
    counts = dict.fromkeys(("error", "warning", "info"), 0)
    for f in findings:
        counts[f.severity] += 1
    table = catalogue(language)
    shown = []
    for severity, n in counts.items():
        if n:
            one, _, many = table[f"finding_count.{severity}"].partition("|")
            shown.append(f"{n} {one if n == 1 else many}")
    return format_list(shown, language)


class DeadlineKind(enum.StrEnum):
    """The deadlines before a meeting (VEJL2011, OK22-102, AAL2021), in the order they fall."""

    CALL_FOR_ITEMS = "call_for_items"
    """*Indkaldelse af dagsordenspunkter*: the secretariat calls for agenda items."""
    ITEMS_DUE = "items_due"
    """*Frist for dagsordenspunkter*: items reach the secretariat."""
    AGENDA_DISPATCH = "agenda_dispatch"
    """*Udsendelse af dagsorden*: the agenda goes to the members."""
    DIALOGUE_ANNOUNCEMENT = "dialogue_announcement"
    """*Annoncering af dialogmøde*: a dialogue meeting is announced."""


_K = DeadlineKind
# kind -> (rule key, counted back from the meeting (else forward from the call),
# the Meeting field that records the step (items due has none))
KIND_RULE: dict[DeadlineKind, tuple[str, bool, str | None]] = {
    _K.CALL_FOR_ITEMS: ("call_for_items_notice", True, "call_for_items_on"),
    _K.ITEMS_DUE: ("items_due_after_call", False, None),
    _K.AGENDA_DISPATCH: ("agenda_dispatch_notice", True, "agenda_sent_on"),
    _K.DIALOGUE_ANNOUNCEMENT: ("dialogue_announcement_notice", True, "announced_on"),
}


@attrs.frozen(repr=False)
class Deadline(Record):
    """One deadline (*frist*) before a meeting, and how it was computed.

    - ``date``: the deadline, a working day ("no later than" this day);
    - ``unrolled``: ``period`` counted from ``anchor_date`` before any roll;
    - ``roll``: ``"none"`` when ``unrolled`` is a working day, else the
      direction it moved (``"preceding"`` / ``"following"``); ``closed``
      names the closing day(s) it moved off (empty for a plain weekend);
    - ``rule``: the rule key (``agenda_dispatch_notice``, ...), ``period``
      its value in force, ``sources`` the source keys behind the value
      (and the roll convention's when it rolled), ``basis`` the source keys
      of the value that applies (``assumption`` for one without; a local value
      beyond the national bound is a ``rules.local-beyond-bound`` finding);
    - ``anchor``: what it is counted from (``meeting``, ``call_for_items``
      or ``recorded_call_for_items``) and ``anchor_date`` that day;
    - ``done_on``: the recorded day the step was done, if any.

    :meth:`explain` says all of it in one sentence, in Danish or English.
    """

    kind: DeadlineKind
    date: dt.date
    unrolled: dt.date
    roll: Roll
    rule: str
    period: Period
    anchor: Anchor
    anchor_date: dt.date
    sources: tuple[str, ...]
    basis: str = ""
    closed: tuple[str, ...] = ()
    done_on: dt.date | None = None

    @property
    def counted_before(self) -> bool:
        """True for a deadline counted back from the meeting, False for one counted forward."""
        return KIND_RULE[self.kind][1]

    def explain(self, language: Language = "en") -> str:
        """One sentence in ``language``: the period, what it is counted from and any roll.

        Closing days are named in ``language`` (:func:`~klu_rules.rules.calendar.holiday_text`).
        """
        moved = self.roll != "none"
        closed = (
            format_list((holiday_text(n, language) for n in self.closed), language)
            if self.closed
            else message("deadline.weekend", language)
        )
        return message(
            "deadline.rolled" if moved else "deadline.explanation",
            language,
            kind=self.kind,
            period=self.period,
            relation="before" if self.counted_before else "after",
            anchor=self.anchor,
            anchor_date=self.anchor_date,
            unrolled=self.unrolled,
            closed=closed,
            roll=self.roll,
            day=self.date,
        )

    @property
    def explanation(self) -> str:
        """:meth:`explain` in English."""
        return self.explain()


class PlanParameters(Parameters):
    """The parameters a plan was made with: each a convention the caller chooses.

    ``rules`` is the rule set's name, ``layering`` how a local value beyond
    its national bound is treated, ``calendar`` describes the working-day
    calendar (``statutory``, ``public-holidays``, ``+N`` for extra closing
    days, or a custom calendar's class name), ``timezone`` decides meeting
    dates and ``as_of`` is the day deadlines are judged on (``None``: the
    plan alone is judged). A :class:`~klu_rules.core.result.Parameters`
    mapping with these keys, readable as attributes.
    """

    __slots__ = ()

    @property
    def rules(self) -> str:
        return str(self["rules"])

    @property
    def layering(self) -> Layering:
        value: Layering = self["layering"]
        return value

    @property
    def calendar(self) -> str:
        return str(self["calendar"])

    @property
    def timezone(self) -> str:
        return str(self["timezone"])

    @property
    def as_of(self) -> dt.date | None:
        value = self.get("as_of")
        return None if value is None else dt.date.fromisoformat(value)


@attrs.frozen(kw_only=True, repr=False)
class MeetingPlan(Result):
    """The deadlines and findings of one meeting (*frister og bemærkninger til et møde*).

    ``outcome`` is ``ok`` without findings, else the most severe finding's
    severity; ``reason`` is the key of the sentence :meth:`explain` writes;
    ``sources`` are every source key behind the deadlines and findings.
    ``date`` is the meeting's local date in ``parameters.timezone``.
    ``findings`` are the meeting's own findings; yearly findings live in
    :class:`YearPlan`.
    """

    outcome: Outcome
    parameters: PlanParameters
    meeting: Meeting
    date: dt.date
    deadlines: tuple[Deadline, ...] = ()

    def explain(self, language: Language = "en") -> str:
        """What the plan found, in one sentence in ``language`` (``"da"`` or ``"en"``)."""
        return message(
            f"reason.{self.reason}",
            language,
            **self.text_parameters(),
            findings=count_findings(self.findings, language),
        )

    def text_parameters(self) -> dict[str, Any]:
        return {
            **super().text_parameters(),
            "meeting": self.meeting.id,
            "day": self.date,
            "deadlines": len(self.deadlines),
        }

    def deadline(self, kind: DeadlineKind | str) -> Deadline:
        """The deadline of ``kind``; NoRulesInForceError (a LookupError) says why there is none."""
        wanted = parse_enum(DeadlineKind, kind)
        for item in self.deadlines:
            if item.kind is wanted:
                return item
        dialogue = self.meeting.kind is MeetingKind.DIALOGUE
        if dialogue and wanted is not DeadlineKind.DIALOGUE_ANNOUNCEMENT:
            why = "only_announcement"
        elif not dialogue and wanted is DeadlineKind.DIALOGUE_ANNOUNCEMENT:
            why = "only_dialogue"
        else:
            why = "no_rule"
        raise coded(
            NoRulesInForceError,
            f"deadline_check.{why}",
            {
                "meeting": repr(self.meeting.id),
                "kind": wanted.value,
                "rules": repr(self.parameters.rules),
                "on": self.date.isoformat(),
                "rule": KIND_RULE[wanted][0],
            },
        )


def count_meetings(
    meetings: Iterable[tuple[Meeting, dt.date]], as_of: dt.date | None
) -> dict[str, int]:
    """How many of ``meetings`` (each with its local day) were ``held``, are ``upcoming``,
    ``passed_unrecorded`` (planned, its day before ``as_of``), ``cancelled`` or ``dialogue``
    meetings: the counts of :class:`YearCounts`. Cancelled and dialogue meetings do not count
    towards the yearly minimum, nor planned ones whose day passed unrecorded (VEJL2011,
    AAL2021)."""
    n = dict.fromkeys(("held", "upcoming", "passed_unrecorded", "cancelled", "dialogue"), 0)
    for meeting, day in meetings:
        if meeting.status is MeetingStatus.CANCELLED:
            n["cancelled"] += 1
        elif meeting.kind is MeetingKind.DIALOGUE:
            n["dialogue"] += 1
        elif meeting.status is MeetingStatus.HELD:
            n["held"] += 1
        else:
            n["upcoming" if as_of is None or day >= as_of else "passed_unrecorded"] += 1
    return n


@attrs.frozen(repr=False)
class YearCounts(Record):
    """The meeting counts a year is judged on (VEJL2011, AAL2021).

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


@attrs.frozen(kw_only=True, repr=False)
class YearPlan(Result):
    """A year's meeting plans and its yearly findings (*årets mødeplan*).

    ``findings`` are the yearly findings (counts, dialogue meetings, the
    yearly rules, the review of the records); each meeting's own findings
    are in its :class:`MeetingPlan`, and :attr:`all_findings` gives both.
    ``outcome`` and ``sources`` cover both. ``committee_id`` and
    ``committee_name`` are ``None`` for meetings planned without a
    committee; ``rules_title`` is the title of the rule set and
    ``rules_changed`` the newest ``effective_from`` of its entries (either
    layer).
    """

    outcome: Outcome
    parameters: PlanParameters
    schema: str = JSON_SCHEMA
    year: int
    committee_id: str | None = None
    committee_name: str | None = None
    rules_title: str = ""
    rules_changed: dt.date | None = None
    counts: YearCounts
    meetings: tuple[MeetingPlan, ...] = ()

    def explain(self, language: Language = "en") -> str:
        """What the plan found, in one sentence in ``language`` (``"da"`` or ``"en"``)."""
        return message(
            f"reason.{self.reason}",
            language,
            **self.text_parameters(),
            findings=count_findings(self.all_findings, language),
        )

    def text_parameters(self) -> dict[str, Any]:
        return {
            **super().text_parameters(),
            "year": self.year,
            "committee": self.committee_name,
            "meetings": len(self.meetings),
        }

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """The meetings' findings in meeting order, then the yearly findings."""
        return tuple(f for plan in self.meetings for f in plan.findings) + self.findings

    def meeting(self, meeting_id: str) -> MeetingPlan:
        """The plan of the meeting with id ``meeting_id``."""
        for plan in self.meetings:
            if plan.meeting.id == meeting_id:
                return plan
        ids = ", ".join(p.meeting.id for p in self.meetings)
        raise coded(
            InvalidValueError,
            "deadline_check.no_meeting" if ids else "deadline_check.no_meetings",
            {"year": self.year, "meeting": repr(meeting_id), "meetings": ids},
        )
