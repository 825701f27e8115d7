"""One question about a committee's year and its answer (:class:`YearCheck`).

The yearly review (:mod:`klu_rules.checks.compliance`) asks about the
records; :mod:`klu_rules.checks.composition` about the people listed. Both
answer with a :class:`YearCheck` built by the helpers here. A check's
``reason`` is a key of the ``reason`` section of the text catalogues (a check
not met with one finding has the finding's code as its reason, and its text);
:meth:`YearCheck.explain` writes it out in Danish or English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal, get_args

import attrs

from klu_rules.core.findings import finding
from klu_rules.core.language import Language
from klu_rules.core.messages import message
from klu_rules.core.record import Record
from klu_rules.core.result import Finding, Result
from klu_rules.rules.ruleset import ResolvedRule, RulesInForce

__all__ = [
    "CHECK_KEYS",
    "CHECK_OUTCOMES",
    "CheckKey",
    "CheckOutcome",
    "SeatMatch",
    "YearCheck",
    "check_title",
    "names",
    "not_met",
    "not_required",
    "rule_in_force",
    "year_check",
]

CheckKey = Literal[
    "meetings_held",
    "calendar",
    "next_year_topics",
    "evaluation",
    "follow_ups",
    "minutes_published",
    "doctor_seats",
    "seats",
    "terms",
]
"""The questions of a year, in the order the review asks them."""

CheckOutcome = Literal[
    "met", "not_met", "noted", "not_required", "not_yet_due", "not_judged", "not_stated"
]
"""A check's outcome: met, not met, noted (worth knowing, not a breach), not required by the
rules in force, not yet due on ``as_of``, not judged (needs ``as_of``), or not stated in the
records or the sources."""

CHECK_KEYS: tuple[CheckKey, ...] = get_args(CheckKey)
CHECK_OUTCOMES: tuple[CheckOutcome, ...] = get_args(CheckOutcome)


@attrs.frozen(repr=False)
class SeatMatch(Record):
    """A person listed, matched to a seat of the rules of procedure (the ``seats`` check).

    ``basis`` is ``"words"`` when their title or organisation shares ``words``
    with the seat's, ``"role"`` when the seat is the only one of their side and
    role.
    """

    seat: str
    person_id: str
    basis: Literal["words", "role"]
    words: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class YearCheck(Result):
    """One question about the year (``key``) and its answer.

    ``findings`` are what the check reports (empty when the check is met or
    not judged); ``matches`` says who the ``seats`` check matched to which
    seat (empty for the other checks).
    """

    outcome: CheckOutcome
    key: CheckKey
    matches: tuple[SeatMatch, ...] = ()

    def text_parameters(self) -> dict[str, Any]:
        return {**super().text_parameters(), "check": self.key}

    def explain(self, language: Language = "en") -> str:
        """The answer in words, in ``language`` (``"da"`` or ``"en"``)."""
        found = self.findings
        if len(found) == 1 and found[0].code == self.reason:
            return found[0].text(language)
        return super().explain(language)


def check_title(key: str, language: Language = "en") -> str:
    """What check ``key`` asks, in ``language`` (``"the doctor seats are filled"``)."""
    return message(f"year_check_question.{key}", language)


def year_check(
    key: CheckKey,
    outcome: CheckOutcome,
    reason: str,
    sources: tuple[str, ...] = (),
    parameters: Mapping[str, Any] | None = None,
    findings: Sequence[Finding] = (),
    matches: Sequence[SeatMatch] = (),
) -> YearCheck:
    """A :class:`YearCheck` from positional values."""
    return YearCheck(
        key=key,
        outcome=outcome,
        reason=reason,
        sources=sources,
        parameters=parameters or {},
        findings=tuple(findings),
        matches=tuple(matches),
    )


def not_met(
    key: CheckKey,
    code: str,
    sources: tuple[str, ...],
    parameters: Mapping[str, Any],
    subject: str,
) -> YearCheck:
    """A check not met with one finding ``code``, which is also the check's reason."""
    found = finding(code, sources=sources, subject=subject, **parameters)
    return year_check(key, "not_met", code, sources, found.parameters, (found,))


def not_required(key: CheckKey, rules: RulesInForce | None, day: date) -> YearCheck:
    """A check whose rule is not in force on ``day``."""
    if rules is None:
        return year_check(key, "not_required", "year.no-rules", (), {"on": day})
    parameters = {"on": day, "rule_set": rules.rule_set.name}
    return year_check(key, "not_required", "year.not-required", (), parameters)


def rule_in_force(rules: RulesInForce | None, key: str) -> ResolvedRule | None:
    """The rule ``key`` in force, or ``None`` (no rules, or no value for ``key``)."""
    return None if rules is None else rules.find(key)


def names(items: Iterable[str]) -> str:
    """``"a, b and c"``."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]
