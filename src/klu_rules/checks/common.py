"""Helpers shared by the rules a secretary checks for one meeting.

Quorum, honorarium and agenda checks all need the rules in force on the
meeting's local date and the committee's view of who holds which seat that
day. They live here so the three rule modules resolve them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from klu_rules.core.errors import InvalidValueError, KluRulesError, NoRulesInForceError
from klu_rules.core.findings import Finding
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.types import LAYERINGS, Layering
from klu_rules.model.committee import Committee
from klu_rules.model.geography import region_findings
from klu_rules.model.meeting import Meeting
from klu_rules.model.people import Membership
from klu_rules.rules.ruleset import RuleSet, RulesInForce

__all__ = [
    "caused",
    "check_layering",
    "check_meeting_and_committee",
    "meeting_rules",
    "membership_on",
    "merge_sources",
    "refused",
    "region_in_year",
    "resolve_rules",
    "wrong_type",
]

E = TypeVar("E", bound=KluRulesError)


def refused(text_key: str, /, **parameters: object) -> InvalidValueError:
    """An InvalidValueError written from the catalogue's ``error.<text_key>``."""
    return coded(InvalidValueError, text_key, parameters)


def wrong_type(
    what: str, expected: str, value: object, *, text_key: str = "wrong_type"
) -> InvalidValueError:
    """``{what} must be a {expected}, got {value}`` (an excerpt of the value) as an error."""
    return refused(f"checks.{text_key}", what=what, expected=expected, value=excerpt(value))


def caused(kind: type[E], text_key: str, cause: BaseException, /, **parameters: object) -> E:
    """An error whose text ends with ``cause``'s text, written in the same language.

    The template shows the cause as ``{cause:label.error}``: the cause's own key
    and parameters come along (an uncoded cause as its text, ``checks.cause``).
    """
    if isinstance(cause, KluRulesError) and cause.text_key is not None:
        values: dict[str, object] = {**cause.text_parameters, "cause": cause.text_key}
    else:
        values = {"cause": "checks.cause", "cause_text": str(cause)}
    return coded(kind, text_key, {**values, **parameters})


def check_layering(layering: object) -> Layering:
    if layering not in LAYERINGS:
        raise refused("layering.layering", layerings=", ".join(LAYERINGS), value=excerpt(layering))
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
            raise refused("checks.other_day", on=rules.on.isoformat(), day=day.isoformat())
        return rules
    if isinstance(rules, RuleSet):
        return rules.in_force(day, layering=layering)
    raise refused("checks.rules", what="rules", value=excerpt(rules))


def meeting_rules(
    meeting: Meeting,
    rules: RuleSet | RulesInForce | None,
    day: date,
    *,
    default: RuleSet | None = None,
    layering: Layering = "strictest",
) -> RulesInForce:
    """:func:`resolve_rules` for a meeting on ``day``: a meeting before the first rules is
    refused with an error that names the meeting and asks to check its date."""
    try:
        return resolve_rules(rules, day, default=default, layering=layering)
    except NoRulesInForceError as exc:
        if exc.text_key != "layering.no_rules_yet":
            raise
        values = {**exc.text_parameters, "meeting": meeting.id}
        raise coded(NoRulesInForceError, "checks.meeting_before_rules", values) from None


def check_meeting_and_committee(meeting: object, committee: object) -> None:
    if not isinstance(meeting, Meeting):
        raise wrong_type("meeting", "klu_rules.Meeting", meeting)
    if not isinstance(committee, Committee):
        raise wrong_type("committee", "klu_rules.Committee", committee)


def membership_on(committee: Committee, person_id: str, day: date) -> Membership | None:
    """The membership (or secretariat post) ``person_id`` holds on ``day``, if any."""
    for membership in committee.memberships + committee.secretariat:
        if membership.person.id == person_id and membership.in_force(day):
            return membership
    return None


def merge_sources(*groups: Iterable[str]) -> tuple[str, ...]:
    """Source keys in first-seen order, each once."""
    return tuple(dict.fromkeys(key for group in groups for key in group))


def region_in_year(committee: Committee, year: int) -> tuple[Finding, ...]:
    """The committee's region judged for ``year``, the year a plan, review or proposal is
    about, not the year its file states (``place.region-not-in-year``, LOV-699-2025)."""
    return region_findings(
        committee.municipality,
        committee.region,
        date(year, 1, 1),
        date(year, 12, 31),
        subject=str(year),
    )


def aalborg_procedure(rule_set: RuleSet) -> tuple[str, ...]:
    """``("AAL2021",)`` when ``rule_set``'s own local layer cites Aalborg's rules of procedure,
    which ask for what some checks and proposals rest on (the follow-ups, the terms, the
    last meeting's day); else ``()``: those are then the library's own conventions."""
    return ("AAL2021",) if rule_set.parent and "AAL2021" in rule_set.cited_sources else ()
