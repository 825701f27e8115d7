"""Yearly compliance of a committee, judged from its records (*årets forløb*).

:func:`check_year` returns the findings of one year; :func:`review_year`
returns the same judgement as a :class:`YearReview`, one :class:`YearCheck`
per question, each with its outcome, a one-sentence reason, the parameters
and the sources, including the questions that were met or not judged:

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
- ``doctor_seats``: the doctor members in office fill the rules' doctor seats
  (``VEJL2011``; ``OK22-102`` stk. 7);
- ``seats``: the people listed match the seats the rules of procedure name
  (``AAL2021``), compared by side, role and the words of their titles and
  organisations; every difference is an ``info`` finding that says how the
  comparison was made;
- ``terms``: memberships whose terms end within ``term_warning_days`` of
  ``as_of``.

Nothing reads the clock. Without ``as_of`` only what does not depend on
today is judged; the rest is ``not_judged`` and one
``year.not-judged-without-as-of`` finding says which. Composition is judged
on one day: ``as_of`` moved into the year, or 31 December without ``as_of``
(a **convention**).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Literal

import attrs

from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.labels import CHECK_OUTCOME_DA, YEAR_CHECK_DA
from klu_rules.core.sources import SOURCES, check_sources
from klu_rules.core.types import LAYERINGS, Layering
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting, MeetingKind, MeetingStatus
from klu_rules.model.people import Membership, Role
from klu_rules.model.records import FollowUp, FollowUpStatus, Minutes, MinutesItem, check_as_of
from klu_rules.rules.ruleset import RulesInForce, Seat

__all__ = [
    "ATTENDING_ROLES",
    "CHECK_KEYS",
    "CHECK_OUTCOMES",
    "CHECK_TITLES",
    "FINDING_CODES",
    "CheckOutcome",
    "YearCheck",
    "YearReview",
    "check_year",
    "review_year",
]

CheckOutcome = Literal[
    "met", "not_met", "noted", "not_required", "not_yet_due", "not_judged", "not_stated"
]
"""A check's outcome: met, not met, noted (worth knowing, not a breach), not required by the
rules in force, not yet due on ``as_of``, not judged (needs ``as_of``), or not stated in the
sources."""

CHECK_OUTCOMES: tuple[CheckOutcome, ...] = (
    "met",
    "not_met",
    "noted",
    "not_required",
    "not_yet_due",
    "not_judged",
    "not_stated",
)

CHECK_TITLES: dict[str, str] = {
    "calendar": "the year's meeting calendar is agreed",
    "next_year_topics": "next year's topics are agreed at the year's last meeting",
    "evaluation": "the year is evaluated and the report sent to the recipient in force",
    "follow_ups": "follow-ups from the minutes are done by their due dates",
    "doctor_seats": "the doctor seats are filled",
    "seats": "the people listed match the seats of the rules of procedure",
    "terms": "membership terms ending soon",
}
"""What each check asks, in English (Danish labels: ``klu_rules.core.labels.YEAR_CHECK_DA``)."""

FINDING_CODES: frozenset[str] = frozenset(
    {
        "year.calendar-not-agreed",
        "year.next-topics-not-agreed",
        "year.next-topics-not-at-last-meeting",
        "year.evaluation-missing",
        "year.evaluation-wrong-recipient",
        "year.follow-up-overdue",
        "year.not-judged-without-as-of",
        "composition.doctor-seats-unfilled",
        "composition.differs-from-rules",
        "composition.term-ending",
    }
)
"""The finding codes :func:`check_year` can report (the rest of a year plan's are the engine's)."""
CHECK_KEYS: tuple[str, ...] = tuple(CHECK_TITLES)
"""The checks of a year, in the order :func:`review_year` makes them."""

ATTENDING_ROLES: frozenset[Role] = frozenset(
    {Role.PRACTICE_CONSULTANT, Role.SECRETARY, Role.SECRETARIAT_STAFF, Role.OBSERVER}
)
"""Roles that attend but hold no seat (``AAL2021``: "I møderne deltager desuden de
kommunale praksiskonsulenter og sekretæren for udvalget"); not compared with the seats."""


def _outcome(instance: YearCheck, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in CHECK_OUTCOMES:
        raise InvalidValueError(
            f"a check's outcome is one of {', '.join(CHECK_OUTCOMES)}, got {value!r}"
        )


def _key(instance: YearCheck, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in CHECK_KEYS:
        raise InvalidValueError(f"a check's key is one of {', '.join(CHECK_KEYS)}, got {value!r}")


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, Finding):
            raise InvalidValueError(f"a check's findings must be Finding values, got {item!r}")
    return items


def _show(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _show(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_show(v) for v in value]
    return value


@attrs.frozen(slots=True)
class YearCheck:
    """One question about the year and its answer: outcome, reason, parameters, sources.

    ``findings`` are what the check reports (empty when the check is met or
    not judged).
    """

    key: str = attrs.field(validator=_key)
    outcome: CheckOutcome = attrs.field(validator=_outcome)
    reason: str
    sources: tuple[str, ...] = attrs.field(converter=check_sources)
    parameters: Mapping[str, Any] = attrs.field(factory=dict, eq=False, hash=False)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)

    def explain(self) -> str:
        """One line: the question, the outcome, the reason and any sources it does not cite."""
        uncited = [s for s in self.sources if s not in self.reason]
        cited = f" Sources: {', '.join(self.sources)}." if uncited else ""
        return f"{self.key} ({CHECK_TITLES[self.key]}): {self.outcome}. {self.reason}{cited}"

    def explain_da(self) -> str:
        """The question and outcome in Danish (labels), then the reason."""
        return f"{YEAR_CHECK_DA[self.key]}: {CHECK_OUTCOME_DA[self.outcome]}. {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "key": self.key,
            "outcome": self.outcome,
            "reason": self.reason,
            "sources": list(self.sources),
            "parameters": _show(dict(self.parameters)),
            "findings": [f.to_dict() for f in self.findings],
        }


@attrs.frozen(slots=True)
class YearReview:
    """The checks of one committee's year (:func:`review_year`).

    ``notes`` holds the ``year.not-judged-without-as-of`` finding when checks
    were left unjudged for want of ``as_of``.
    """

    committee_id: str
    year: int
    as_of: date | None
    layering: Layering
    checks: tuple[YearCheck, ...]
    notes: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every check's findings in check order, then the notes."""
        return tuple(f for c in self.checks for f in c.findings) + self.notes

    def check(self, key: str) -> YearCheck:
        """The check ``key`` (one of :data:`CHECK_KEYS`)."""
        for check in self.checks:
            if check.key == key:
                return check
        raise InvalidValueError(f"no check {key!r}; the checks are {', '.join(CHECK_KEYS)}")

    def explain(self) -> str:
        """One line per check, then the notes."""
        when = f"as of {self.as_of.isoformat()}" if self.as_of else "without an as-of date"
        lines = [f"{self.committee_id} {self.year} ({when}):"]
        lines += [f"- {c.explain()}" for c in self.checks]
        lines += [f"- {n.message}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "committee": self.committee_id,
            "year": self.year,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "layering": self.layering,
            "checks": [c.to_dict() for c in self.checks],
            "findings": [f.to_dict() for f in self.findings],
        }


# ---------------------------------------------------------------------------
# the context of one review


@attrs.frozen(slots=True)
class _Year:
    committee: Committee
    year: int
    as_of: date | None
    layering: Layering

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    @property
    def reference_day(self) -> date:
        """The day composition is judged on: ``as_of`` moved into the year, else 31 December."""
        if self.as_of is None:
            return self.end
        return min(max(self.as_of, self.start), self.end)

    def rules(self, day: date) -> RulesInForce | None:
        try:
            return self.committee.rule_set.in_force(day, layering=self.layering)
        except NoRulesInForceError:
            return None

    def flag(self, rules: RulesInForce | None, key: str) -> bool:
        return rules is not None and rules.has(key) and rules.value(key) is True

    def day_of(self, meeting: Meeting) -> date:
        return meeting.local_date(self.committee.timezone)

    @property
    def subject(self) -> str:
        return f"{self.committee.id}/{self.year}"


def _not_required(key: str, rules: RulesInForce | None, day: date, what: str) -> YearCheck:
    if rules is None:
        reason = f"No KLU rules were in force on {day.isoformat()}, so {what} is not required."
    else:
        reason = (
            f"The rules in force on {day.isoformat()} ({rules.rule_set.name}) hold no rule "
            f"requiring {what}."
        )
    return YearCheck(key, "not_required", reason, (), {"on": day})


def _names(people: Iterable[str]) -> str:
    items = list(people)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plain(value: str) -> str:
    """``"municipal_representative"`` → ``"municipal representative"``."""
    return value.replace("_", " ")


# ---------------------------------------------------------------------------
# the checks


def _calendar(y: _Year) -> YearCheck:
    key = "calendar_agreed_per_year"
    rules = y.rules(y.start)
    if not y.flag(rules, key):
        return _not_required("calendar", rules, y.start, "a meeting calendar agreed per year")
    assert rules is not None
    sources = rules.get(key).sources
    record = y.committee.calendar_for(y.year)
    params: dict[str, Any] = {"year": y.year, "rules_on": y.start}
    if record is not None:
        how = (
            f" at meeting {record.meeting_id}"
            if record.meeting_id
            else (f" by {record.agreed_by}" if record.agreed_by else "")
        )
        when = (
            f"on {record.agreed_on.isoformat()}" if record.agreed_on else "(the day is not stated)"
        )
        params.update(agreed_on=record.agreed_on, meeting=record.meeting_id)
        return YearCheck(
            "calendar",
            "met",
            f"The {y.year} meeting calendar was agreed {when}{how}; meetings are agreed one "
            "calendar year at a time.",
            sources,
            params,
        )
    message = (
        f"No agreed meeting calendar for {y.year} is recorded; the rules in force on "
        f"{y.start.isoformat()} agree meetings one calendar year at a time "
        f"({', '.join(sources)})."
    )
    return YearCheck(
        "calendar",
        "not_met",
        message,
        sources,
        params,
        (
            finding(
                "year.calendar-not-agreed", message, sources=sources, subject=y.subject, **params
            ),
        ),
    )


def _last_meeting(y: _Year) -> Meeting | None:
    ordinary = [
        m
        for m in y.committee.meetings_in(y.year)
        if m.kind is not MeetingKind.DIALOGUE and m.status is not MeetingStatus.CANCELLED
    ]
    return ordinary[-1] if ordinary else None


def _next_year_topics(y: _Year) -> YearCheck:
    key = "next_year_topics_at_last_meeting"
    last = _last_meeting(y)
    last_day = None if last is None else y.day_of(last)
    rules_day = last_day or y.end
    rules = y.rules(rules_day)
    if not y.flag(rules, key):
        return _not_required(
            "next_year_topics", rules, rules_day, "next year's topics agreed at the last meeting"
        )
    assert rules is not None
    sources = rules.get(key).sources
    nxt = y.year + 1
    wheel = y.committee.annual_wheel_for(nxt)
    params: dict[str, Any] = {
        "year": y.year,
        "topics_for": nxt,
        "last_meeting": None if last is None else last.id,
        "last_meeting_on": last_day,
        "as_of": y.as_of,
    }
    if last is not None and last_day is not None:
        planned = "; still recorded as planned" if last.status is not MeetingStatus.HELD else ""
        where = f"the year's last meeting ({last.id}, {last_day.isoformat()}{planned})"
    else:
        where = f"a last meeting of {y.year}, of which the records hold none"
    if last is None or last.status is not MeetingStatus.HELD:
        due = last_day or y.end
        state = (
            f"the year's last meeting ({last.id}, {due.isoformat()}) is still planned in the "
            "records"
            if last is not None
            else f"no meeting of {y.year} is recorded"
        )
        if y.as_of is None:
            return YearCheck(
                "next_year_topics",
                "not_judged",
                f"Not judged: {state}, so whether the topics for {nxt} were agreed at it "
                "depends on the date; give as_of.",
                sources,
                params,
            )
        if y.as_of <= due:
            return YearCheck(
                "next_year_topics",
                "not_yet_due",
                f"On {y.as_of.isoformat()} {state} and not yet past.",
                sources,
                params,
            )
    rule_text = (
        "the rules of procedure agree next year's strategic topics for the annual wheel at the "
        f"last meeting of the calendar year ({', '.join(sources)})"
    )
    if wheel is None:
        message = (
            f"No topics for {nxt} (annual wheel) are recorded as agreed at {where}; {rule_text}."
        )
        return YearCheck(
            "next_year_topics",
            "not_met",
            message,
            sources,
            params,
            (
                finding(
                    "year.next-topics-not-agreed",
                    message,
                    sources=sources,
                    subject=y.subject,
                    **params,
                ),
            ),
        )
    params.update(agreed_on=wheel.agreed_on, agreed_at=wheel.meeting_id)
    at_last = last is not None and (
        wheel.meeting_id == last.id or (wheel.meeting_id is None and wheel.agreed_on == last_day)
    )
    if at_last:
        return YearCheck(
            "next_year_topics",
            "met",
            f"The topics for {nxt} were agreed at {where}.",
            sources,
            params,
        )
    agreed = f"on {wheel.agreed_on.isoformat()}" + (
        f" at meeting {wheel.meeting_id}" if wheel.meeting_id else " (no meeting recorded)"
    )
    message = f"The topics for {nxt} were agreed {agreed}, not at {where}; {rule_text}."
    return YearCheck(
        "next_year_topics",
        "not_met",
        message,
        sources,
        params,
        (
            finding(
                "year.next-topics-not-at-last-meeting",
                message,
                sources=sources,
                subject=y.subject,
                **params,
            ),
        ),
    )


def _recipient(rules: RulesInForce | None) -> tuple[str | None, tuple[str, ...]]:
    if rules is None or not rules.has("evaluation_recipient"):
        return None, ()
    rule = rules.get("evaluation_recipient")
    return (rule.value if isinstance(rule.value, str) else None), rule.sources


def _same_body(sent_to: str, recipient: str) -> bool:
    """``"Samarbejdsudvalget for almen praksis"`` is the Samarbejdsudvalg; the
    Sundhedssamarbejdsudvalg is not (the name must start a word)."""
    return re.search(r"(?<!\w)" + re.escape(recipient.casefold()), sent_to.casefold()) is not None


def _evaluation(y: _Year) -> YearCheck:
    key = "annual_evaluation_required"
    rules = y.rules(y.end)
    if not y.flag(rules, key):
        return _not_required("evaluation", rules, y.end, "an annual evaluation")
    assert rules is not None
    required = rules.get(key).sources
    record = y.committee.evaluation_for(y.year)
    params: dict[str, Any] = {"year": y.year, "as_of": y.as_of}
    if record is not None and record.sent_on is not None and record.sent_to is not None:
        recipient, recipient_sources = _recipient(y.rules(record.sent_on))
        sources = tuple(dict.fromkeys(required + recipient_sources))
        params.update(
            done_on=record.done_on,
            sent_on=record.sent_on,
            sent_to=record.sent_to,
            recipient=recipient,
        )
        done = record.done_on.isoformat() if record.done_on else "?"
        if recipient is None:
            return YearCheck(
                "evaluation",
                "met",
                f"The evaluation of {y.year} was done on {done} and sent to {record.sent_to} on "
                f"{record.sent_on.isoformat()}; the rules in force that day name no recipient "
                "to compare with.",
                sources,
                params,
            )
        if _same_body(record.sent_to, recipient):
            return YearCheck(
                "evaluation",
                "met",
                f"The evaluation of {y.year} was done on {done} and sent on "
                f"{record.sent_on.isoformat()} to {record.sent_to}, the recipient in force "
                f"({recipient}).",
                sources,
                params,
            )
        message = (
            f"The evaluation of {y.year} was sent on {record.sent_on.isoformat()} to "
            f"{record.sent_to}, but the rules in force that day name the {recipient} as its "
            f"recipient ({', '.join(sources)})."
        )
        return YearCheck(
            "evaluation",
            "not_met",
            message,
            sources,
            params,
            (
                finding(
                    "year.evaluation-wrong-recipient",
                    message,
                    sources=sources,
                    subject=y.subject,
                    **params,
                ),
            ),
        )
    recipient_day = y.end if y.as_of is None else max(y.end, y.as_of)
    recipient, recipient_sources = _recipient(y.rules(recipient_day))
    sources = tuple(dict.fromkeys(required + recipient_sources))
    to = recipient or "the recipient in force"
    params.update(recipient=recipient, done_on=None if record is None else record.done_on)
    state = (
        f"was done on {record.done_on.isoformat()} but is not recorded as sent to {to}"
        if record is not None and record.done_on is not None
        else "is not recorded as done"
    )
    if y.as_of is None:
        return YearCheck(
            "evaluation",
            "not_judged",
            f"Not judged: the evaluation of {y.year} {state}; the sources set no deadline, so "
            "whether it is missing depends on the date; give as_of.",
            sources,
            params,
        )
    if y.as_of <= y.end:
        return YearCheck(
            "evaluation",
            "not_yet_due",
            f"On {y.as_of.isoformat()} the evaluation of {y.year} {state}, and the year is not "
            "over yet.",
            sources,
            params,
        )
    message = (
        f"On {y.as_of.isoformat()} the evaluation of {y.year} {state}; every year the "
        f"cooperation is evaluated and a short report goes to the {to} ({', '.join(sources)}). "
        f"The sources set no deadline: it is reported because the year ended on "
        f"{y.end.isoformat()}."
    )
    return YearCheck(
        "evaluation",
        "not_met",
        message,
        sources,
        params,
        (
            finding(
                "year.evaluation-missing", message, sources=sources, subject=y.subject, **params
            ),
        ),
    )


def _open_follow_ups(y: _Year) -> list[tuple[Minutes, MinutesItem, FollowUp]]:
    return [
        (minutes, item, follow_up)
        for minutes in y.committee.minutes
        for item, follow_up in minutes.follow_ups()
        if follow_up.status is FollowUpStatus.OPEN
        and follow_up.due_on is not None
        and follow_up.due_on.year <= y.year
    ]


def _follow_ups(y: _Year) -> YearCheck:
    sources = ("AAL2021",)
    pending = _open_follow_ups(y)
    params: dict[str, Any] = {"year": y.year, "as_of": y.as_of, "open_with_due_date": len(pending)}
    if not pending:
        return YearCheck(
            "follow_ups",
            "met",
            f"No follow-up due in or before {y.year} is recorded as open.",
            sources,
            params,
        )
    if y.as_of is None:
        return YearCheck(
            "follow_ups",
            "not_judged",
            f"Not judged: {len(pending)} follow-up(s) due in or before {y.year} are open in the "
            "records; whether they are overdue depends on the date; give as_of.",
            sources,
            params,
        )
    as_of = y.as_of
    found = []
    for minutes, item, follow_up in pending:
        if not follow_up.is_overdue(as_of):
            continue
        assert follow_up.due_on is not None
        owner = follow_up.owner_text or "no owner recorded"
        message = (
            f"The follow-up {follow_up.description!r} from item {item.number} of meeting "
            f"{minutes.meeting_id} ({owner}) was due on {follow_up.due_on.isoformat()} and is "
            f"still open on {as_of.isoformat()}."
        )
        found.append(
            finding(
                "year.follow-up-overdue",
                message,
                sources=sources,
                subject=f"{minutes.meeting_id}#{item.number}",
                meeting=minutes.meeting_id,
                item=item.number,
                owner=follow_up.owner_text,
                due_on=follow_up.due_on,
                as_of=as_of,
                days_overdue=(as_of - follow_up.due_on).days,
            )
        )
    params["overdue"] = len(found)
    if not found:
        return YearCheck(
            "follow_ups",
            "met",
            f"On {as_of.isoformat()} none of the {len(pending)} open follow-up(s) due in or "
            f"before {y.year} is past its due date.",
            sources,
            params,
        )
    return YearCheck(
        "follow_ups",
        "not_met",
        f"On {as_of.isoformat()} {len(found)} of {len(pending)} open follow-up(s) due in or "
        f"before {y.year} are past their due date.",
        sources,
        params,
        found,
    )


def _doctor_seats(y: _Year) -> YearCheck:
    day = y.reference_day
    rules = y.rules(day)
    if rules is None or not rules.has("doctor_seats"):
        return _not_required("doctor_seats", rules, day, "a number of doctor seats")
    rule = rules.get("doctor_seats")
    seats = rule.value
    assert isinstance(seats, int)
    doctors = y.committee.doctor_members(day)
    names = [m.person.name for m in doctors]
    params: dict[str, Any] = {"on": day, "doctor_seats": seats, "doctor_members": len(doctors)}
    if len(doctors) >= seats:
        return YearCheck(
            "doctor_seats",
            "met",
            f"On {day.isoformat()} {len(doctors)} doctor member(s) are in office, at least the "
            f"{seats} doctor seats of the rules in force.",
            rule.sources,
            params,
        )
    message = (
        f"On {day.isoformat()} {len(doctors)} doctor member(s) are in office"
        + (f" ({_names(names)})" if names else "")
        + f"; the rules in force have {seats} doctor seats ({', '.join(rule.sources)})."
    )
    return YearCheck(
        "doctor_seats",
        "not_met",
        message,
        rule.sources,
        params,
        (
            finding(
                "composition.doctor-seats-unfilled",
                message,
                sources=rule.sources,
                subject=y.subject,
                **params,
            ),
        ),
    )


# -- seats of the rules of procedure --------------------------------------------------

_STOPWORDS = frozenset(
    {
        "og", "af", "fra", "ved", "for", "til", "med", "den", "det", "der", "de", "som",
        "samt", "heraf", "to", "tre", "fire", "en", "et", "niveau", "leder", "ledere",
        "repræsentant", "repræsentanter", "ledelsesrepræsentant", "ledelsesrepræsentanter",
        "kommune", "kommunen", "region", "regionen",
    }
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _words(text: str, noise: frozenset[str]) -> frozenset[str]:
    """The words of ``text`` that can tell seats apart: lower case, three letters or more."""
    return frozenset(
        w
        for w in re.findall(r"[^\W\d_]+", text.casefold())
        if len(w) >= 3 and w not in _STOPWORDS and w not in noise
    )


@attrs.frozen(slots=True)
class _Assigned:
    seat: int
    words: frozenset[str]
    basis: Literal["words", "role"]


def _assign(
    seats: Sequence[Seat], members: Sequence[Membership], noise: frozenset[str]
) -> dict[int, _Assigned]:
    """Match members to seats of the same side and role, best shared words first."""
    seat_words = [_words(f"{s.title_da} {s.organisation or ''}", noise) for s in seats]
    pairs = []
    for si, seat in enumerate(seats):
        for mi, member in enumerate(members):
            if (member.side, member.role) != (seat.side, seat.role):
                continue
            shared = seat_words[si] & _words(
                f"{member.title or ''} {member.organisation or ''}", noise
            )
            if shared:
                pairs.append((-len(shared), si, mi, shared))
    pairs.sort(key=lambda p: (p[0], p[1], p[2]))
    filled = [0] * len(seats)
    assigned: dict[int, _Assigned] = {}

    def room(si: int) -> bool:
        count = seats[si].count
        return count is None or filled[si] < count

    for _, si, mi, shared in pairs:
        if mi not in assigned and room(si):
            assigned[mi] = _Assigned(si, shared, "words")
            filled[si] += 1
    for si, seat in enumerate(seats):
        same = [s for s in seats if (s.side, s.role) == (seat.side, seat.role)]
        if len(same) != 1:
            continue
        for mi, member in enumerate(members):
            if mi in assigned or (member.side, member.role) != (seat.side, seat.role):
                continue
            if not room(si):
                break
            assigned[mi] = _Assigned(si, frozenset(), "role")
            filled[si] += 1
    return assigned


def _seat_text(seat: Seat) -> str:
    count = "as many as there are" if seat.count is None else str(seat.count)
    return f"'{seat.title_da}' ({count}; {_plain(seat.side.value)}, {_plain(seat.role.value)})"


def _member_text(member: Membership) -> str:
    extra = ", ".join(x for x in (member.title, member.organisation) if x)
    return f"{member.person.name}" + (f" ({extra})" if extra else "")


def _seats(y: _Year) -> YearCheck:
    day = y.reference_day
    rules = y.rules(day)
    seats = () if rules is None else rules.seats
    if not seats:
        reason = (
            f"The rules in force on {day.isoformat()} name no seats, so the people listed are "
            "compared only with the number of doctor seats."
            if rules is not None
            else f"No KLU rules were in force on {day.isoformat()}; no seats to compare."
        )
        return YearCheck("seats", "not_stated", reason, (), {"on": day})
    extra = (y.committee.source,) if y.committee.source in SOURCES else ()
    all_sources = tuple(dict.fromkeys(s for seat in seats for s in seat.sources)) + extra
    members = [m for m in y.committee.members(day) if m.role not in ATTENDING_ROLES]
    skipped = [m.person.id for m in y.committee.members(day) if m.role in ATTENDING_ROLES]
    noise = _words(y.committee.municipality, frozenset())
    assigned = _assign(seats, members, noise)
    found: list[Finding] = []
    matches = []
    for si, seat in enumerate(seats):
        people = [(members[mi], a) for mi, a in assigned.items() if a.seat == si]
        people.sort(key=lambda p: members.index(p[0]))
        matches.append(
            {
                "seat": seat.key,
                "count": seat.count,
                "people": [m.person.id for m, _ in people],
                "basis": {m.person.id: (sorted(a.words) or a.basis) for m, a in people},
            }
        )
        wanted = 1 if seat.count is None else seat.count
        if len(people) >= wanted:
            continue
        who = (
            f"{len(people)} of the people listed match it: "
            + _names(
                f"{m.person.name} (by {', '.join(sorted(a.words)) or 'side and role'})"
                for m, a in people
            )
            if people
            else "no one listed matches it by side, role and the words of title or organisation"
        )
        sources = seat.sources + extra
        found.append(
            finding(
                "composition.differs-from-rules",
                f"On {day.isoformat()} the rules of procedure ({', '.join(seat.sources)}) name "
                f"the seat {_seat_text(seat)}; {who}.",
                sources=sources,
                subject=seat.key,
                seat=seat.key,
                count=seat.count,
                matched=[m.person.id for m, _ in people],
                on=day,
            )
        )
    for mi, member in enumerate(members):
        if mi in assigned:
            continue
        same = [s for s in seats if (s.side, s.role) == (member.side, member.role)]
        named = (
            "the seats of that side and role are " + _names(_seat_text(s) for s in same)
            if same
            else "the rules of procedure name no seat of that side and role"
        )
        found.append(
            finding(
                "composition.differs-from-rules",
                f"On {day.isoformat()} {_member_text(member)} is listed as "
                f"{_plain(member.role.value)} ({_plain(member.side.value)}) but matches no "
                f"seat by title or organisation; {named}.",
                sources=all_sources,
                subject=member.person.id,
                person=member.person.id,
                side=member.side.value,
                role=member.role.value,
                on=day,
            )
        )
    seat_words = frozenset().union(
        *(_words(f"{s.title_da} {s.organisation or ''}", noise) for s in seats)
    )
    by_organisation: dict[str, list[Membership]] = {}
    for member in members:
        if member.organisation:
            by_organisation.setdefault(member.organisation, []).append(member)
    for organisation, listed in by_organisation.items():
        words = _words(organisation, noise)
        if not words or words <= seat_words:
            continue
        named_orgs = list(dict.fromkeys(s.organisation for s in seats if s.organisation))
        found.append(
            finding(
                "composition.differs-from-rules",
                f"On {day.isoformat()} {len(listed)} "
                f"{'person is' if len(listed) == 1 else 'people are'} listed from "
                f"'{organisation}' ({_names(m.person.name for m in listed)}), which the rules of "
                f"procedure do not name; they name {_names(repr(o) for o in named_orgs)}.",
                sources=all_sources,
                subject=organisation,
                organisation=organisation,
                people=[m.person.id for m in listed],
                on=day,
            )
        )
    params: dict[str, Any] = {
        "on": day,
        "matches": matches,
        "unmatched": [m.person.id for i, m in enumerate(members) if i not in assigned],
        "not_compared": skipped,
    }
    compared = (
        f"{len(members)} people listed on {day.isoformat()} compared with {len(seats)} seats by "
        "side, role and the words of their titles and organisations (practice consultants and "
        "the secretariat attend and are not compared)"
    )
    if not found:
        return YearCheck("seats", "met", f"No difference: {compared}.", all_sources, params)
    return YearCheck(
        "seats",
        "not_met",
        f"{len(found)} difference(s): {compared}.",
        all_sources,
        params,
        found,
    )


def _terms(y: _Year, days: int) -> YearCheck:
    sources = ("AAL2021",)
    dated = [m for m in y.committee.memberships if m.term_end is not None]
    params: dict[str, Any] = {"as_of": y.as_of, "term_warning_days": days}
    if not dated:
        return YearCheck(
            "terms", "met", "No membership has a recorded end of term.", sources, params
        )
    if y.as_of is None:
        return YearCheck(
            "terms",
            "not_judged",
            f"Not judged: {len(dated)} membership(s) have a recorded end of term; which end soon "
            "depends on the date; give as_of.",
            sources,
            params,
        )
    as_of = y.as_of
    until = as_of + timedelta(days=days)
    found = []
    for member in dated:
        assert member.term_end is not None
        if not as_of <= member.term_end <= until:
            continue
        found.append(
            finding(
                "composition.term-ending",
                f"The term of {member.person.name} ({_plain(member.role.value)}) ends on "
                f"{member.term_end.isoformat()}, within {days} days of {as_of.isoformat()}.",
                sources=sources,
                subject=member.person.id,
                person=member.person.id,
                term_end=member.term_end,
                as_of=as_of,
                term_warning_days=days,
            )
        )
    params["ending"] = len(found)
    if not found:
        return YearCheck(
            "terms",
            "met",
            f"No term ends between {as_of.isoformat()} and {until.isoformat()}.",
            sources,
            params,
        )
    return YearCheck(
        "terms",
        "noted",
        f"{len(found)} term(s) end between {as_of.isoformat()} and {until.isoformat()}.",
        sources,
        params,
        found,
    )


# ---------------------------------------------------------------------------
# entry points


def review_year(
    committee: Committee,
    year: int,
    *,
    as_of: date | None = None,
    term_warning_days: int = 90,
    layering: Layering = "strictest",
) -> YearReview:
    """Every check of ``year`` for ``committee``, each explained (see the module docstring).

    Raises :class:`~klu_rules.core.errors.NoRulesInForceError` when no rules are in
    force on the year's last day (a year before 2011 under the national rules).
    """
    if not isinstance(committee, Committee):
        raise InvalidValueError(f"review_year takes a Committee, got {committee!r}")
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise InvalidValueError(f"year must be a year 1900..2200, got {year!r}")
    check_as_of(as_of)
    if (
        isinstance(term_warning_days, bool)
        or not isinstance(term_warning_days, int)
        or not 0 <= term_warning_days <= 3660
    ):
        raise InvalidValueError(
            f"term_warning_days is a whole number of days 0..3660, got {term_warning_days!r}"
        )
    if layering not in LAYERINGS:
        raise InvalidValueError(f"layering is one of {', '.join(LAYERINGS)}, got {layering!r}")
    committee.rule_set.in_force(date(year, 12, 31), layering=layering)  # raises before the rules
    y = _Year(committee, year, as_of, layering)
    checks = (
        _calendar(y),
        _next_year_topics(y),
        _evaluation(y),
        _follow_ups(y),
        _doctor_seats(y),
        _seats(y),
        _terms(y, term_warning_days),
    )
    skipped = [c for c in checks if c.outcome == "not_judged"]
    notes: tuple[Finding, ...] = ()
    if skipped:
        sources = tuple(dict.fromkeys(s for c in skipped for s in c.sources))
        notes = (
            finding(
                "year.not-judged-without-as-of",
                f"Without an as-of date these checks of {year} were not judged, because their "
                "answer depends on what day it is: "
                + "; ".join(f"{c.key} ({CHECK_TITLES[c.key]})" for c in skipped)
                + ". Give as_of to judge them.",
                sources=sources,
                subject=y.subject,
                checks=[c.key for c in skipped],
            ),
        )
    return YearReview(committee.id, year, as_of, layering, checks, notes)


def check_year(
    committee: Committee,
    year: int,
    *,
    as_of: date | None = None,
    term_warning_days: int = 90,
    layering: Layering = "strictest",
) -> tuple[Finding, ...]:
    """The findings of :func:`review_year`: what the year's records show is not (yet) met.

    Each finding explains itself (message, parameters, sources). Without
    ``as_of`` the checks that depend on today are left out and one
    ``year.not-judged-without-as-of`` finding says so.
    """
    return review_year(
        committee, year, as_of=as_of, term_warning_days=term_warning_days, layering=layering
    ).findings
