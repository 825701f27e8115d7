"""Helpers shared by the rules a secretary checks for one meeting.

Quorum, honorarium and agenda checks all need the rules in force on the
meeting's local date and the committee's view of who holds which seat that
day. They live here so the three rule modules resolve them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.types import LAYERINGS, Layering
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.model.people import Membership
from klu_rules.rules.ruleset import RuleSet, RulesInForce

__all__ = [
    "check_layering",
    "check_meeting_and_committee",
    "membership_on",
    "merge_sources",
    "resolve_rules",
]


def check_layering(layering: object) -> Layering:
    if layering not in LAYERINGS:
        raise InvalidValueError(f"layering is one of {', '.join(LAYERINGS)}, got {layering!r}")
    return layering


def resolve_rules(
    rules: RuleSet | RulesInForce | None,
    day: date,
    *,
    default: RuleSet | None = None,
    layering: Layering = "strictest",
) -> RulesInForce:
    """The rules in force on ``day``: from a RuleSet, a RulesInForce for that day, or ``default``.

    A RulesInForce for another day is refused: the rules of a meeting are those
    in force on its local date.
    """
    check_layering(layering)
    if rules is None:
        rules = default
    if isinstance(rules, RulesInForce):
        if rules.on != day:
            raise InvalidValueError(
                f"the rules given are those in force on {rules.on.isoformat()}, but the date in "
                f"question is {day.isoformat()}; pass the RuleSet itself or "
                f"rule_set.in_force({day.isoformat()!r})"
            )
        return rules
    if isinstance(rules, RuleSet):
        return rules.in_force(day, layering=layering)
    raise InvalidValueError(
        f"rules must be a RuleSet or a RulesInForce (e.g. klu_rules.get_rule_set('aalborg')), "
        f"got {rules!r}"
    )


def check_meeting_and_committee(meeting: object, committee: object) -> None:
    if not isinstance(meeting, Meeting):
        raise InvalidValueError(f"meeting must be a klu_rules.Meeting, got {meeting!r}")
    if not isinstance(committee, Committee):
        raise InvalidValueError(f"committee must be a klu_rules.Committee, got {committee!r}")


def membership_on(committee: Committee, person_id: str, day: date) -> Membership | None:
    """The membership (or secretariat post) ``person_id`` holds on ``day``, if any."""
    for membership in committee.memberships + committee.secretariat:
        if membership.person.id == person_id and membership.in_force(day):
            return membership
    return None


def merge_sources(*groups: Iterable[str]) -> tuple[str, ...]:
    """Source keys in first-seen order, each once."""
    return tuple(dict.fromkeys(key for group in groups for key in group))
