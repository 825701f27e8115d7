"""Yearly compliance of a committee, judged from its records (*årets forløb*).

:func:`review_year` returns a :class:`YearReview`: one :class:`YearCheck` per
question, each with its outcome, its reason (a key of the text catalogues:
:meth:`YearCheck.explain` writes it in Danish or English), the parameters and
the sources, including the questions that were met or not judged:

- ``meetings_held``: at least the minimum number of committee meetings a
  year in force on 31 December is held (``VEJL2011`` "minimum 2 gange
  årligt"; ``AAL2021`` four); cancelled and dialogue meetings do not count,
  nor planned ones whose day passed unrecorded; judged as the year plan
  judges it, with the same findings;
- ``calendar``: the year's meeting calendar is agreed, when the rules in
  force on 1 January say meetings are agreed one calendar year at a time
  (``AAL2021``);
- ``next_year_topics``: next year's strategic topics (*årshjul*) are agreed at
  the year's last meeting (``AAL2021``); the last meeting is the last
  committee meeting of the year that is not cancelled and not a dialogue
  meeting;
- ``evaluation``: the year is evaluated and the report sent to the recipient
  in force on the day it was sent, when the rules in force on 31 December
  require an evaluation (``OK22-102`` stk. 6; ``AAL2021``);
- ``follow_ups``: follow-ups from the minutes, due in or before the year, are
  not left open past their due date;
- ``minutes_published``: the year's minutes are published, when the rules in
  force on 31 December say so (``AAL2021``; :mod:`klu_rules.checks.publication`);
- ``doctor_seats``, ``seats`` and ``terms``: the composition on one day, against
  the rules in force (:mod:`klu_rules.checks.composition`).

Nothing reads the clock. Without ``as_of`` only what does not depend on
today is judged; the rest is ``not_judged`` and one
``year.not-judged-without-as-of`` finding says which. Composition is judged
on one day: ``as_of`` moved into the year, or 31 December without ``as_of``
(a **convention**).

The rules in force are resolved once per day a check needs them (at most
five days a year) and handed to the checks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Any, Literal

import attrs

from klu_rules.checks.common import (
    aalborg_procedure,
    check_layering,
    refused,
    region_in_year,
    wrong_type,
)
from klu_rules.checks.composition import doctor_seats_check, seats_check, terms_check
from klu_rules.checks.deadline_findings import meeting_count
from klu_rules.checks.plan_results import YearCounts, count_meetings
from klu_rules.checks.publication import minutes_published_check
from klu_rules.checks.year_check import (
    CHECK_KEYS,
    CheckKey,
    CheckOutcome,
    YearCheck,
    check_title,
    not_met,
    not_required,
    rule_in_force,
    year_check,
)
from klu_rules.core import convert
from klu_rules.core.findings import Finding, finding
from klu_rules.core.messages import excerpt
from klu_rules.core.result import Result
from klu_rules.core.types import Layering
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import MeetingKind, MeetingStatus
from klu_rules.model.records import FollowUpStatus, check_as_of
from klu_rules.rules.horizon import horizon_findings
from klu_rules.rules.ruleset import ResolvedRule, RulesInForce

__all__ = [
    "CHECK_KEYS",
    "FINDING_CODES",
    "TERM_WARNING_DAYS",
    "ReviewOutcome",
    "YearCheck",
    "YearReview",
    "check_title",
    "review_year",
]

TERM_WARNING_DAYS = 90
"""How many days before its end a term is reported by default (``terms`` check)."""

ReviewOutcome = Literal["met", "not_met", "not_judged"]
"""A review's outcome: ``not_met`` if any check is not met, else ``not_judged`` if any check
needs ``as_of``, else ``met``."""


FINDING_CODES: frozenset[str] = frozenset(
    {
        "year.calendar-not-agreed",
        "year.next-topics-not-agreed",
        "year.next-topics-not-at-last-meeting",
        "year.evaluation-missing",
        "year.evaluation-wrong-recipient",
        "year.follow-up-overdue",
        "year.minutes-not-published",
        "year.not-judged-without-as-of",
        "composition.doctor-seats-unfilled",
        "composition.differs-from-rules",
        "composition.listed-twice",
        "composition.term-ending",
    }
)
"""The finding codes :func:`review_year` adds to a year plan (the rest of a year plan's are the
engine's; the review's ``meetings_held`` check reports the engine's meeting-count codes)."""


@attrs.frozen(kw_only=True, repr=False)
class YearReview(Result):
    """The checks of one committee's year (:func:`review_year`).

    ``findings`` are every check's findings in check order, then the
    ``year.not-judged-without-as-of`` finding when checks were left unjudged
    for want of ``as_of``.
    """

    outcome: ReviewOutcome
    committee_id: str
    year: int
    as_of: date | None
    layering: Layering
    checks: tuple[YearCheck, ...]

    def text_parameters(self) -> dict[str, Any]:
        checks = self.checks
        return {
            **super().text_parameters(),
            "committee": self.committee_id,
            "checks": len(checks),
            "not_met": sum(1 for c in checks if c.outcome == "not_met"),
            "not_judged": sum(1 for c in checks if c.outcome == "not_judged"),
        }

    def check(self, key: str) -> YearCheck:
        """The check ``key`` (one of :data:`CHECK_KEYS`)."""
        for check in self.checks:
            if check.key == key:
                return check
        raise refused("year_check.no_check", key=excerpt(key), keys=", ".join(CHECK_KEYS))


class _Year:
    """One review's inputs, and the rules in force, resolved once per effective period."""

    __slots__ = (
        "_changes",
        "_rules",
        "as_of",
        "committee",
        "end",
        "layering",
        "start",
        "subject",
        "year",
    )

    def __init__(
        self,
        committee: Committee,
        year: int,
        as_of: date | None,
        layering: Layering,
        known: dict[date, RulesInForce] | None = None,
    ):
        self.committee = committee
        self.year = year
        self.as_of = as_of
        self.layering = layering
        self.start = date(year, 1, 1)
        self.end = date(year, 12, 31)
        self.subject = f"{committee.id}/{year}"
        self._changes = committee.rule_set.changes
        self._rules: dict[date, RulesInForce] = {} if known is None else known

    def rules(self, day: date) -> RulesInForce | None:
        """The rules in force on ``day`` (``None`` before the first), one object per period."""
        index = bisect_right(self._changes, day)
        if index == 0:
            return None
        period = self._changes[index - 1]
        rules = self._rules.get(period)
        if rules is None:
            rules = self._rules[period] = self.committee.rule_set.in_force(
                day, layering=self.layering
            )
        return rules

    def required(self, key: CheckKey, day: date, rule_key: str) -> ResolvedRule | YearCheck:
        """The rule ``rule_key`` if it is in force and true on ``day``, else check ``key``
        answered ``not_required``."""
        rules = self.rules(day)
        rule = rule_in_force(rules, rule_key)
        if rule is not None and rule.value is True:
            return rule
        return not_required(key, rules, day)


def _meetings_held(y: _Year) -> YearCheck:
    rules = y.rules(y.end)
    rule = rule_in_force(rules, "meetings_per_year")
    minimum = None if rule is None else rule.value
    if rule is None or isinstance(minimum, bool) or not isinstance(minimum, int):
        return not_required("meetings_held", rules, y.end)
    tz = y.committee.timezone
    meetings = ((m, m.local_date(tz)) for m in y.committee.meetings_in(y.year))
    n = count_meetings(meetings, y.as_of)
    counts = YearCounts(minimum=minimum, dialogue_maximum=None, **n)
    found = meeting_count(y.year, rule, counts, y.as_of)
    params: dict[str, Any] = {"year": y.year, "minimum": minimum, **n, "as_of": y.as_of}
    if found is not None:
        outcome: CheckOutcome = (
            "not_yet_due" if found.code == "year.minimum-not-yet-reached" else "not_met"
        )
        return year_check("meetings_held", outcome, found.code, rule.sources, params, (found,))
    if n["held"] >= minimum:
        return year_check("meetings_held", "met", "year.meetings-held", rule.sources, params)
    if y.as_of is None:
        reason = "year.meetings-not-judged"
        return year_check("meetings_held", "not_judged", reason, rule.sources, params)
    reason = "year.meetings-not-yet-due"
    return year_check("meetings_held", "not_yet_due", reason, rule.sources, params)


def _calendar(y: _Year) -> YearCheck:
    rule = y.required("calendar", y.start, "calendar_agreed_per_year")
    if isinstance(rule, YearCheck):
        return rule
    sources = rule.sources
    record = y.committee.calendar_for(y.year)
    params: dict[str, Any] = {"year": y.year, "rules_on": y.start}
    if record is None:
        return not_met("calendar", "year.calendar-not-agreed", sources, params, y.subject)
    params.update(agreed_on=record.agreed_on, meeting=record.meeting_id, agreed_by=record.agreed_by)
    reason = "year.calendar-agreed-on" if record.agreed_on else "year.calendar-agreed"
    return year_check("calendar", "met", reason, sources, params)


def _next_year_topics(y: _Year) -> YearCheck:
    last = next(
        (
            m
            for m in reversed(y.committee.meetings_in(y.year))
            if m.kind is not MeetingKind.DIALOGUE and m.status is not MeetingStatus.CANCELLED
        ),
        None,
    )  # the year's last committee meeting
    last_day = None if last is None else last.local_date(y.committee.timezone)
    rule = y.required("next_year_topics", last_day or y.end, "next_year_topics_at_last_meeting")
    if isinstance(rule, YearCheck):
        return rule
    sources = rule.sources
    nxt = y.year + 1
    params: dict[str, Any] = {
        "year": y.year,
        "topics_for": nxt,
        "last_meeting": None if last is None else last.id,
        "last_meeting_on": last_day,
        "as_of": y.as_of,
    }
    if last is None or last.status is not MeetingStatus.HELD:
        due = last_day or y.end
        none = "-no-meeting" if last is None else ""
        if y.as_of is None:
            reason = f"year.topics-not-judged{none}"
            return year_check("next_year_topics", "not_judged", reason, sources, params)
        if y.as_of <= due:
            reason = f"year.topics-not-yet-due{none}"
            return year_check("next_year_topics", "not_yet_due", reason, sources, params)
    wheel = y.committee.annual_wheel_for(nxt)
    if wheel is None:
        code = "year.next-topics-not-agreed"
        return not_met("next_year_topics", code, sources, params, y.subject)
    params.update(agreed_on=wheel.agreed_on, agreed_at=wheel.meeting_id)
    if last is not None and (
        wheel.meeting_id == last.id or (wheel.meeting_id is None and wheel.agreed_on == last_day)
    ):
        return year_check("next_year_topics", "met", "year.topics-agreed", sources, params)
    code = "year.next-topics-not-at-last-meeting"
    return not_met("next_year_topics", code, sources, params, y.subject)


def _recipient(y: _Year, day: date) -> tuple[str | None, tuple[str, ...]]:
    rule = rule_in_force(y.rules(day), "evaluation_recipient")
    return (None, ()) if rule is None else (str(rule.value), rule.sources)


def _evaluation(y: _Year) -> YearCheck:
    rule = y.required("evaluation", y.end, "annual_evaluation_required")
    if isinstance(rule, YearCheck):
        return rule
    record = y.committee.evaluation_for(y.year)
    params: dict[str, Any] = {"year": y.year, "as_of": y.as_of}
    if record is not None and record.sent_on is not None and record.sent_to is not None:
        recipient, cited = _recipient(y, record.sent_on)
        sources = tuple(dict.fromkeys(rule.sources + cited))
        params.update(
            done_on=record.done_on,
            sent_on=record.sent_on,
            sent_to=record.sent_to,
            recipient=recipient,
        )
        if recipient is None:
            reason = "year.evaluation-sent"
            return year_check("evaluation", "met", reason, sources, params)
        # "Samarbejdsudvalget for almen praksis" is the Samarbejdsudvalg; the
        # Sundhedssamarbejdsudvalg is not (the name must start a word)
        if re.search(r"(?<!\w)" + re.escape(recipient.casefold()), record.sent_to.casefold()):
            reason = "year.evaluation-sent-to-recipient"
            return year_check("evaluation", "met", reason, sources, params)
        code = "year.evaluation-wrong-recipient"
        return not_met("evaluation", code, sources, params, y.subject)
    recipient, cited = _recipient(y, y.end if y.as_of is None else max(y.end, y.as_of))
    sources = tuple(dict.fromkeys(rule.sources + cited))
    done = record is not None and record.done_on is not None
    params.update(
        recipient=recipient,
        done_on=None if record is None else record.done_on,
        state="not_sent" if done else "not_done",
    )
    if y.as_of is None:
        reason = "year.evaluation-not-judged"
        return year_check("evaluation", "not_judged", reason, sources, params)
    if y.as_of <= y.end:
        reason = "year.evaluation-not-yet-due"
        return year_check("evaluation", "not_yet_due", reason, sources, params)
    return not_met("evaluation", "year.evaluation-missing", sources, params, y.subject)


def _follow_ups(y: _Year) -> YearCheck:
    sources = aalborg_procedure(y.committee.rule_set)
    pending = [
        (minutes, item, follow_up)
        for minutes in y.committee.minutes
        for item, follow_up in minutes.follow_ups()
        if follow_up.status is FollowUpStatus.OPEN
        and follow_up.due_on is not None
        and follow_up.due_on.year <= y.year
    ]
    params: dict[str, Any] = {"year": y.year, "as_of": y.as_of, "open_with_due_date": len(pending)}
    if not pending:
        return year_check("follow_ups", "met", "year.follow-ups-none-open", sources, params)
    if y.as_of is None:
        reason = "year.follow-ups-not-judged"
        return year_check("follow_ups", "not_judged", reason, sources, params)
    as_of = y.as_of
    found = []
    for minutes, item, follow_up in pending:
        due = follow_up.due_on
        if due is None or not follow_up.is_overdue(as_of):
            continue
        found.append(
            finding(
                "year.follow-up-overdue",
                sources=sources,
                subject=f"{minutes.meeting_id}#{item.number}",
                meeting=minutes.meeting_id,
                item=item.number,
                description=follow_up.description,
                owner=follow_up.owner_text,
                due_on=due,
                as_of=as_of,
                days_overdue=(as_of - due).days,
            )
        )
    params["overdue"] = len(found)
    if not found:
        return year_check("follow_ups", "met", "year.follow-ups-none-overdue", sources, params)
    reason = "year.follow-ups-overdue"
    return year_check("follow_ups", "not_met", reason, sources, params, found)


def review_year(
    committee: Committee,
    year: int,
    *,
    as_of: date | None = None,
    term_warning_days: int = TERM_WARNING_DAYS,
    layering: Layering = "strictest",
) -> YearReview:
    """Every check of ``year`` for ``committee``, each explained (see the module docstring).

    The review's ``findings`` are what the year's records show is not (yet)
    met. Raises :class:`~klu_rules.core.errors.NoRulesInForceError` when no
    rules are in force on the year's last day (a year before 2011 under the
    national rules).
    """
    if not isinstance(committee, Committee):
        raise wrong_type("review_year", "Committee", committee, text_key="takes")
    convert.check_year(year)
    check_as_of(as_of)
    if (
        isinstance(term_warning_days, bool)
        or not isinstance(term_warning_days, int)
        or not 0 <= term_warning_days <= 3660
    ):
        raise refused("year_check.term_warning_days", value=excerpt(term_warning_days))
    check_layering(layering)
    # what the data does not hold about the year, from its first meeting (as the year plan)
    days = [m.local_date(committee.timezone) for m in committee.meetings_in(year)]
    since = min(days, default=date(year, 12, 31))
    horizon = horizon_findings(
        committee.rule_set, date(year, 12, 31), subject=str(year), since=since
    ) + region_in_year(committee, year)
    return checked_review(
        committee, year, as_of, term_warning_days, layering, horizon, count_meetings=True
    )


def checked_review(
    committee: Committee,
    year: int,
    as_of: date | None,
    term_warning_days: int,
    layering: Layering,
    horizon: tuple[Finding, ...],
    known: dict[date, RulesInForce] | None = None,
    *,
    count_meetings: bool = False,
) -> YearReview:
    """:func:`review_year` of arguments already checked (the year plan's), with the year's
    ``rules.beyond-horizon`` findings and, if given, the rules in force ``known`` so far by
    the first day of their period (the table is shared and filled in).

    ``count_meetings`` adds the ``meetings_held`` check; the year plan counts the
    meetings itself, with the same findings, and leaves it out."""
    y = _Year(committee, year, as_of, layering, known)
    if y.rules(y.end) is None:  # raises the error that says when the rules begin
        committee.rule_set.in_force(y.end, layering=layering)
    # composition is judged on as_of moved into the year, else on 31 December
    day = y.end if as_of is None else min(max(as_of, y.start), y.end)
    members = committee.members(day)
    checks = (
        *((_meetings_held(y),) if count_meetings else ()),
        _calendar(y),
        _next_year_topics(y),
        _evaluation(y),
        _follow_ups(y),
        minutes_published_check(y.rules(y.end), committee, year, as_of),
        doctor_seats_check(y.rules(day), day, members, y.subject),
        seats_check(
            y.rules(day),
            day,
            members,
            municipality=committee.municipality,
            committee_source=committee.source,
        ),
        terms_check(
            committee.memberships, as_of, term_warning_days, aalborg_procedure(committee.rule_set)
        ),
    )
    found = [f for c in checks for f in c.findings]
    skipped = [c for c in checks if c.outcome == "not_judged"]
    if skipped:
        found.append(
            finding(
                "year.not-judged-without-as-of",
                sources=tuple(dict.fromkeys(s for c in skipped for s in c.sources)),
                subject=y.subject,
                checks=[c.key for c in skipped],
                year=year,
                count=len(skipped),
            )
        )
    # the rules horizon: a year ending after it is judged on assumed rules
    found += horizon
    not_met = [c.key for c in checks if c.outcome == "not_met"]
    outcome: ReviewOutcome = "not_met" if not_met else ("not_judged" if skipped else "met")
    reason = "year.review-" + ("not-met" if not_met else "met") + ("-on" if as_of else "")
    return YearReview(
        outcome=outcome,
        reason=reason,
        parameters={"year": year, "as_of": as_of, "layering": layering},
        sources=tuple(dict.fromkeys(s for c in checks for s in c.sources)),
        findings=tuple(found),
        committee_id=committee.id,
        year=year,
        as_of=as_of,
        layering=layering,
        checks=checks,
    )
