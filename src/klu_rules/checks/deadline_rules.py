"""The rules in force during one effective period, as the deadline engine needs them.

:func:`resolve` reads from the :class:`~klu_rules.rules.ruleset.RulesInForce`
of one effective period (the days between two changes of the rules) what
planning needs: each deadline rule (its :class:`~klu_rules.rules.entries.Notice`,
resolved with its roll when the rules in force were built), the meeting
length limits, the yearly rules and the ``rules.local-beyond-bound``
findings. :mod:`klu_rules.checks.deadlines` calls it once per effective
period within a call; the result is kept with the rule set's index of rules in force.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from klu_rules.checks.plan_results import KIND_RULE, DeadlineKind
from klu_rules.core.errors import NoRulesInForceError
from klu_rules.core.findings import Finding
from klu_rules.core.messages import coded
from klu_rules.core.period import Period
from klu_rules.rules.entries import Notice
from klu_rules.rules.layering import derived
from klu_rules.rules.ruleset import ResolvedRule, RulesInForce

__all__ = ["Notice", "PeriodRules", "length_rules", "resolve"]


class PeriodRules(NamedTuple):
    """What planning needs from the rules in force during one effective period."""

    in_force: RulesInForce
    notices: dict[DeadlineKind, Notice]
    length: ResolvedRule | None
    national_max: Period | None
    local_norm: Period | None
    quiet: dt.timedelta | None  # a meeting up to this long gets no length finding
    beyond: dict[str, Finding]  # the rules.local-beyond-bound finding of each key with one
    meetings_per_year: ResolvedRule | None
    dialogue_max: ResolvedRule | None


def resolve(rules: RulesInForce) -> PeriodRules:
    """What planning needs from ``rules``; NoRulesInForceError for a deadline that cannot roll.

    Built once per effective period and layering, and kept with the rules in force.
    """
    return derived(rules, _resolve)


def length_rules(
    rules: RulesInForce,
) -> tuple[ResolvedRule | None, Period | None, Period | None, dt.timedelta | None]:
    """The ``meeting_length`` rule in force, its national maximum, its local norm and the
    longest a meeting may last without a length finding (None: no limit)."""
    length = rules.find("meeting_length")
    national = None if length is None or length.national is None else length.national.value
    local = None if length is None or length.local is None else length.local.value
    national_max = national if isinstance(national, Period) else None
    local_norm = local if isinstance(local, Period) else None
    limits = [p.as_timedelta() for p in (national_max, local_norm) if p is not None]
    return length, national_max, local_norm, min(limits) if limits else None


def _resolve(rules: RulesInForce) -> PeriodRules:
    in_force = rules.notices
    notices: dict[DeadlineKind, Notice] = {}
    for kind, (key, *_) in KIND_RULE.items():
        notice = in_force.get(key)
        if notice is None:
            continue
        if notice.roll is None:
            roll_key = notice.keys[1]
            default = "preceding" if notice.before else "following"
            raise coded(
                NoRulesInForceError,
                "deadline_check.no_roll",
                {
                    "rule_set": repr(rules.rule_set.name),
                    "key": repr(roll_key),
                    "table": f"[[rules.{roll_key}]]",
                    "on": rules.on.isoformat(),
                    "default": default,
                },
            )
        notices[kind] = notice
    length, national_max, local_norm, quiet = length_rules(rules)
    return PeriodRules(
        in_force=rules,
        notices=notices,
        length=length,
        national_max=national_max,
        local_norm=local_norm,
        quiet=quiet,
        beyond={str(f.parameters["key"]): f for f in rules.findings()},
        meetings_per_year=rules.find("meetings_per_year"),
        dialogue_max=rules.find("dialogue_meetings_per_year"),
    )
