"""The rules in force during one effective period, as the deadline engine needs them.

:func:`resolve` turns the :class:`~klu_rules.rules.ruleset.RulesInForce` of
one effective period (the days between two changes of the rules) into a
:class:`PeriodRules`: each deadline's period, roll and sources, the meeting
length limits, the yearly rules and the ``rules.local-beyond-bound``
findings. :mod:`klu_rules.checks.deadlines` calls it once per effective
period within a call.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from klu_rules.checks.plan_results import KIND_RULE, DeadlineKind
from klu_rules.core.errors import NoRulesInForceError
from klu_rules.core.findings import Finding
from klu_rules.core.period import Period
from klu_rules.core.types import RollDirection
from klu_rules.rules.ruleset import ResolvedRule, RulesInForce

__all__ = ["Notice", "PeriodRules", "resolve"]


class Notice(NamedTuple):
    """One deadline rule in force: its period, how to count it and how it rolls."""

    kind: DeadlineKind
    key: str
    before: bool  # counted back from the anchor (else forward)
    period: Period
    step: dt.timedelta | None  # signed; None for months, which Period counts
    roll: RollDirection
    sources: tuple[str, ...]
    rolled_sources: tuple[str, ...]  # with the roll convention's sources
    basis: str
    keys: tuple[str, ...]  # the rule keys this deadline uses
    done_field: str | None  # the Meeting attribute that records the step, if any


class PeriodRules(NamedTuple):
    """What planning needs from the rules in force during one effective period."""

    notices: dict[DeadlineKind, Notice]
    length: ResolvedRule | None
    national_max: Period | None
    local_norm: Period | None
    quiet: dt.timedelta | None  # a meeting up to this long gets no length finding
    beyond: dict[str, Finding]  # the rules.local-beyond-bound finding of each key with one
    meetings_per_year: ResolvedRule | None
    dialogue_max: ResolvedRule | None


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
    try:
        return rules.get(key)
    except NoRulesInForceError:  # no value in force: that deadline or check does not apply
        return None


def _roll_rule(rules: RulesInForce, key: str) -> ResolvedRule:
    rule = _optional(rules, key)
    if rule is None:
        default = "preceding" if key == "roll_before" else "following"
        raise NoRulesInForceError(
            f"rule set {rules.rule_set.name!r} has no {key!r} in force on "
            f"{rules.on.isoformat()}, so a deadline on a closed day cannot be moved; add "
            f'[[rules.{key}]] with value = "{default}" (the convention of RULES.md § 3)'
        )
    return rule


_YEARLY_KEYS = ("meeting_length", "meetings_per_year", "dialogue_meetings_per_year")


def resolve(rules: RulesInForce) -> PeriodRules:
    """What planning needs from ``rules``: each key it uses resolved once."""
    resolved: dict[str, ResolvedRule] = {}
    notices: dict[DeadlineKind, Notice] = {}
    for kind, (key, before, _what, done_field) in KIND_RULE.items():
        rule = _optional(rules, key)
        if rule is None:
            continue
        resolved[key] = rule
        roll_key = "roll_before" if before else "roll_after"
        roll_rule = resolved.get(roll_key) or _roll_rule(rules, roll_key)
        resolved[roll_key] = roll_rule
        period = rule.value
        assert isinstance(period, Period)  # guarded by RULE_KEYS
        sources = rule.sources
        notices[kind] = Notice(
            kind,
            key,
            before,
            period,
            None if period.unit == "months" else period.as_timedelta() * (-1 if before else 1),
            roll_rule.value,  # type: ignore[arg-type]  # a roll direction: RULE_KEYS choices
            sources,
            sources + tuple(s for s in roll_rule.sources if s not in sources),
            _basis(rule),
            (key, roll_key),
            done_field,
        )
    for key in _YEARLY_KEYS:
        if (rule := _optional(rules, key)) is not None:
            resolved[key] = rule
    length = resolved.get("meeting_length")
    national = None if length is None or length.national is None else length.national.value
    local = None if length is None or length.local is None else length.local.value
    national_max = national if isinstance(national, Period) else None
    local_norm = local if isinstance(local, Period) else None
    limits = [p.as_timedelta() for p in (national_max, local_norm) if p is not None]
    beyond = rules.findings([key for key, rule in resolved.items() if rule.beyond_bound])
    return PeriodRules(
        notices=notices,
        length=length,
        national_max=national_max,
        local_norm=local_norm,
        quiet=min(limits) if limits else None,
        beyond={str(f.parameters["key"]): f for f in beyond},
        meetings_per_year=resolved.get("meetings_per_year"),
        dialogue_max=resolved.get("dialogue_meetings_per_year"),
    )
