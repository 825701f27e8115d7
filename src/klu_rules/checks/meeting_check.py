"""Everything a secretary checks for one meeting: quorum, honorarium and agenda.

:func:`check_meeting` runs :func:`klu_rules.checks.quorum.check_quorum`,
:func:`klu_rules.checks.honorarium.honorarium_for_meeting` and
:func:`klu_rules.checks.agenda.check_agenda` on one meeting of a committee and
gathers their results and findings in a :class:`MeetingCheck`, which renders
itself as text or as a JSON-ready mapping (the ``klu-rules check-meeting``
output). :func:`check_record` does the same for a
:class:`~klu_rules.io.meeting_record.MeetingRecord`.

It also reports what the year plan reports about the meeting itself, with the
same findings: a meeting on a closed day (``meeting.on-closed-day``, on the
working-day calendar given, default ``DanishCalendar()``) and a committee
meeting longer than the national maximum or the local norm
(``meeting.longer-than-national-max``, ``meeting.longer-than-local-norm``;
the ``meeting_length`` rule is for committee meetings, so a dialogue meeting
is not measured against it). A finding two parts report (the rules' horizon)
is listed once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Protocol

import attrs

from klu_rules.checks.agenda import AgendaCheck, check_agenda
from klu_rules.checks.closed_days import closed_day_finding
from klu_rules.checks.common import (
    check_layering,
    check_meeting_and_committee,
    meeting_rules,
    merge_sources,
    refused,
)
from klu_rules.checks.deadline_findings import length_finding
from klu_rules.checks.deadline_rules import length_rules
from klu_rules.checks.honorarium import HonorariumResult, MeetingRate, honorarium_for_meeting
from klu_rules.checks.quorum import QuorumResult, check_quorum
from klu_rules.core.findings import Finding, worst_severity
from klu_rules.core.language import Language
from klu_rules.core.messages import excerpt
from klu_rules.core.result import Result
from klu_rules.core.types import Layering, Outcome
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingKind
from klu_rules.rules.calendar import DanishCalendar, WorkingDayCalendar
from klu_rules.rules.ruleset import RulesInForce

__all__ = [
    "JSON_SCHEMA",
    "MeetingCheck",
    "MeetingSource",
    "check_meeting",
    "check_record",
]

_CALENDAR = DanishCalendar()

JSON_SCHEMA = "klu-rules/check-meeting/3"
"""The ``schema`` value of :meth:`MeetingCheck.to_dict`; bumped on incompatible changes."""


class MeetingSource(Protocol):
    """What :func:`check_record` reads: a meeting and its committee (a ``MeetingRecord``)."""

    @property
    def meeting(self) -> Meeting: ...

    @property
    def committee(self) -> Committee: ...


@attrs.frozen(kw_only=True, repr=False)
class MeetingCheck(Result):
    """The checks of one meeting: quorum, honorarium, agenda, and all their findings.

    ``outcome`` is the worst finding's severity (``"ok"`` without findings).
    ``agenda`` is None when the meeting has no agenda. ``schema`` names the
    shape of :meth:`to_dict` (the ``klu-rules check-meeting --format json``
    output).
    """

    outcome: Outcome
    schema: str = JSON_SCHEMA
    meeting_id: str
    committee_id: str
    on: date
    quorum: QuorumResult
    honorarium: HonorariumResult
    agenda: AgendaCheck | None

    def text_parameters(self) -> dict[str, Any]:
        return {
            **super().text_parameters(),
            "meeting": self.meeting_id,
            "on": self.on,
            "quorum": self.quorum.outcome,
            "honorarium": self.honorarium.outcome,
            "agenda": "none" if self.agenda is None else self.agenda.outcome,
            "findings": len(self.findings),
            "worst": self.outcome,
        }

    def explain(self, language: Language = "en") -> str:
        """The summary, then the quorum's, the fee's and the agenda's explanations."""
        parts = [
            super().explain(language),
            self.quorum.explain(language),
            self.honorarium.explain(language),
        ]
        if self.agenda is not None:
            parts.append(self.agenda.explain(language))
        return " ".join(parts)


def check_meeting(
    meeting: Meeting,
    committee: Committee,
    *,
    rate: MeetingRate | None = None,
    layering: Layering = "strictest",
    quorum_doctor_share: Decimal | int | str | None = None,
    quorum_municipal_present: int | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> MeetingCheck:
    """Check quorum, honorarium and agenda of ``meeting`` under ``committee``'s rules.

    The rules are those in force on the meeting's local date. ``rate`` is the
    KLU meeting rate (not in the sources); the quorum parameters override the
    rule set's assumptions for this call. ``calendar`` says which days are
    closed (default ``DanishCalendar()``).
    """
    check_meeting_and_committee(meeting, committee)
    check_layering(layering)
    day = meeting.local_date(committee.timezone)
    rules = meeting_rules(meeting, committee.rule_set, day, layering=layering)
    quorum = check_quorum(
        meeting,
        committee,
        rules=rules,
        doctor_share=quorum_doctor_share,
        municipal_present=quorum_municipal_present,
    )
    honorarium = honorarium_for_meeting(meeting, committee, rate=rate, rules=rules)
    agenda = (
        None
        if meeting.agenda is None
        else check_agenda(meeting.agenda, meeting, rules, timezone=committee.timezone)
    )
    own = _meeting_findings(meeting, day, rules, calendar or _CALENDAR)
    parts = quorum.findings + honorarium.findings + (() if agenda is None else agenda.findings)
    findings: tuple[Finding, ...] = ()
    for found in (*own, *parts):
        if found not in findings:
            findings += (found,)
    worst = worst_severity(findings)
    parameters: dict[str, Any] = {
        "rule_set": rules.rule_set.name,
        "on": day.isoformat(),
        "layering": layering,
        "timezone": committee.timezone,
        "rate": None if rate is None else rate.to_parameters(),
        "quorum_doctor_share": quorum.parameters["doctor_share"],
        "quorum_municipal_present": quorum.parameters["municipal_present"],
    }
    sources = merge_sources(
        quorum.sources,
        honorarium.sources,
        () if agenda is None else agenda.sources,
        *(f.sources for f in findings),
    )
    return MeetingCheck(
        outcome="ok" if worst is None else worst,
        reason="meeting_check.summary",
        parameters=parameters,
        sources=sources,
        findings=findings,
        meeting_id=meeting.id,
        committee_id=committee.id,
        on=day,
        quorum=quorum,
        honorarium=honorarium,
        agenda=agenda,
    )


def _meeting_findings(
    meeting: Meeting, day: date, rules: RulesInForce, calendar: WorkingDayCalendar
) -> list[Finding]:
    """The meeting's day and length, as the year plan judges them."""
    found: list[Finding] = []
    closed = closed_day_finding(calendar, meeting.id, day)
    if closed is not None:
        found.append(closed)
    length, most, norm, quiet = length_rules(rules)
    duration = meeting.duration
    if length is None or quiet is None or duration is None or meeting.kind is MeetingKind.DIALOGUE:
        return found
    if duration > quiet:
        over = length_finding(duration, length, most, norm)
        found.append(attrs.evolve(over, subject=meeting.id))
    return found


def check_record(
    record: MeetingSource,
    *,
    rate: MeetingRate | None = None,
    layering: Layering = "strictest",
    quorum_doctor_share: Decimal | int | str | None = None,
    quorum_municipal_present: int | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> MeetingCheck:
    """:func:`check_meeting` for the meeting and committee of a meeting record."""
    if not isinstance(getattr(record, "committee", None), Committee):
        raise refused("checks.record", value=excerpt(record))
    return check_meeting(
        record.meeting,
        record.committee,
        rate=rate,
        layering=layering,
        quorum_doctor_share=quorum_doctor_share,
        quorum_municipal_present=quorum_municipal_present,
        calendar=calendar,
    )
