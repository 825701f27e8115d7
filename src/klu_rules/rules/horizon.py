"""The rules horizon: the last day a rule set's data is known complete.

Every shipped rule set states ``complete_until`` (national: 2026-12-31, the end
of Aftale26; Aalborg: 2023-12-31, the year its page shows). A plan, a review
or a route for a later day is still answered with the values in force on that
day, which are the last ones known, but it gets a ``rules.beyond-horizon``
warning per layer saying which rules are assumed to continue and why: the
answer is a projection, not a known rule. A rule set that states no horizon
(a file without ``complete_until``) gets no finding.
"""

from __future__ import annotations

from datetime import date

import attrs

from klu_rules.core.findings import Finding, finding
from klu_rules.core.record import Record
from klu_rules.rules.layering import RuleSet

__all__ = ["Horizon", "beyond_horizon", "horizon_findings", "horizons"]

_REASONS = ("national", "aalborg")
"""Rule sets whose reason for the horizon has its own text (``horizon_reason.<name>``)."""


@attrs.frozen(slots=True, repr=False)
class Horizon(Record):
    """One layer's horizon: its name and the last day its data is known complete."""

    rule_set: str
    complete_until: date | None


def _layers(rule_set: RuleSet) -> tuple[RuleSet, ...]:
    return (rule_set,) if rule_set.parent is None else (rule_set, rule_set.parent)


def horizons(rule_set: RuleSet) -> tuple[Horizon, ...]:
    """The horizon of each layer of ``rule_set``, local first."""
    return tuple(Horizon(layer.name, layer.complete_until) for layer in _layers(rule_set))


def beyond_horizon(rule_set: RuleSet, day: date) -> bool:
    """Whether ``day`` lies after the horizon of any layer of ``rule_set``."""
    return any(h.complete_until is not None and day > h.complete_until for h in horizons(rule_set))


def horizon_findings(
    rule_set: RuleSet, day: date, *, subject: str | None = None
) -> tuple[Finding, ...]:
    """A ``rules.beyond-horizon`` warning for each layer whose data ends before ``day``.

    The finding names the layer, its last complete day, the day asked for and the
    rule keys whose values on the last complete day are assumed to continue.
    """
    found = []
    for layer in _layers(rule_set):
        until = layer.complete_until
        if until is None or day <= until:
            continue
        keys, sources = layer.assumed  # computed once per rule set
        found.append(
            finding(
                "rules.beyond-horizon",
                sources=sources,
                subject=subject or layer.name,
                rule_set=layer.name,
                complete_until=until,
                on=day,
                assumed=keys,
                count=len(keys),
                reason=layer.name if layer.name in _REASONS else "other",
            )
        )
    return tuple(found)
