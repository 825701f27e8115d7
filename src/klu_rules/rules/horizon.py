"""The rules horizon: how far a rule set's data is known, and where it starts.

Every shipped rule set states ``complete_until`` (national: 2026-12-31, the end
of Aftale26; Aalborg: 2023-12-31, the year its page shows). A plan, a review
or a route for a later day is still answered with the values in force on that
day, which are the last ones known, but it gets a ``rules.beyond-horizon``
warning per layer saying which rules are assumed to continue and why: the
answer is a projection, not a known rule. A rule with a known later entry
(national: ``agreement_procedure`` and ``evaluation_recipient`` from
2027-01-01) is not in that list, nor is a convention (``roll_before``,
``roll_after``: the library's own computation choices, which do not expire).
A rule set that states no horizon (a file without ``complete_until``) gets no
finding.

Two more findings say what the data does not hold:

- ``rules.assumed-continuation`` (info): a layer states ``assumed_from``, the
  first day its values are an assumed continuation of the last stated ones
  (national: 2025-01-01; OK22 § 102 as continued by Aftale25 and Aftale26,
  whose text on § 102 was not found), and the days asked about reach it before
  the horizon;
- ``rules.before-local-data`` (warning): a day before the first rule of a local
  layer: only the national rules apply, though the committee may have had
  rules of its own then (KLU Aalborg has existed since 2006, AAL2021; its data
  starts with the May 2021 revision).
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from klu_rules.core.errors import NoRulesInForceError
from klu_rules.core.findings import Finding, finding
from klu_rules.core.record import Record
from klu_rules.rules.entries import RuleStatus
from klu_rules.rules.layering import RuleSet, RulesInForce, derived

__all__ = [
    "HORIZON_CODES",
    "Horizon",
    "assumed_rules",
    "beyond_horizon",
    "horizon_findings",
    "horizons",
]

_REASONS = ("national", "aalborg")
"""Rule sets whose reason for the horizon has its own text (``horizon_reason.<name>``,
``assumed_reason.<name>``, ``before_data_reason.<name>``)."""

HORIZON_CODES = ("rules.before-local-data", "rules.assumed-continuation", "rules.beyond-horizon")
"""The codes :func:`horizon_findings` gives: what the data does not hold about a day."""


@attrs.frozen(slots=True, repr=False)
class Horizon(Record):
    """One layer's horizon: its name, the last day its data is known complete and the first
    day from which its values are only assumed to continue (no text of them was found)."""

    rule_set: str
    complete_until: date | None
    assumed_from: date | None = None


def _layers(rule_set: RuleSet) -> tuple[RuleSet, ...]:
    return (rule_set,) if rule_set.parent is None else (rule_set, rule_set.parent)


def horizons(rule_set: RuleSet) -> tuple[Horizon, ...]:
    """The horizon of each layer of ``rule_set``, local first."""
    return tuple(
        Horizon(layer.name, layer.complete_until, layer.assumed_from) for layer in _layers(rule_set)
    )


def beyond_horizon(rule_set: RuleSet, day: date) -> bool:
    """Whether ``day`` lies after the horizon of any layer of ``rule_set``."""
    return any(h.complete_until is not None and day > h.complete_until for h in horizons(rule_set))


def assumed_rules(layer: RuleSet, day: date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys, and their sources, of ``layer``'s rules (not its parent's) assumed to
    continue on ``day`` past the layer's horizon: those whose value on ``day`` is the one
    in force on :attr:`~klu_rules.rules.layering.RuleSet.complete_until`.

    Left out: a key whose value a known later entry (after the horizon, on or before
    ``day``) replaces, since that value is in the data (an assumption as much as the
    entry's status says); and a convention (status ``convention``), the library's own
    computation choice, which no agreement ends. An assumption in force on the horizon
    day stays in: it was assumed before and is assumed to continue. Both empty when the
    layer states no horizon or ``day`` lies on or before it.
    """
    until = layer.complete_until
    if until is None or day <= until:
        return (), ()
    try:
        rules = layer.in_force(day)
    except NoRulesInForceError:  # the national rules have not begun: nothing to continue
        return (), ()
    return derived(rules, _assumed)  # the same every day of a period: worked out once


def _assumed(rules: RulesInForce) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`assumed_rules` of ``rules.rule_set`` on ``rules.on`` (past its horizon)."""
    layer, day, until = rules.rule_set, rules.on, rules.rule_set.complete_until
    assert until is not None  # assumed_rules asks only past the horizon
    keys: dict[str, None] = {}
    sources: dict[str, None] = {}
    for key in dict.fromkeys(e.key for e in layer.entries):
        newest = None
        for entry in layer.entries_of(key):  # oldest first: the last one on or before day
            if entry.effective_from > day:
                break
            newest = entry
        if newest is None or newest.effective_from > until:
            continue
        if newest.status is RuleStatus.CONVENTION:
            continue
        keys[key] = None
        sources.update(dict.fromkeys(newest.sources))
    return tuple(keys), tuple(sources)


def _reason(layer: RuleSet) -> str:
    return layer.name if layer.name in _REASONS else "other"


def _before_data(rule_set: RuleSet, since: date, subject: str | None) -> tuple[Finding, ...]:
    """``rules.before-local-data`` when ``since`` lies before the local layer's first rule."""
    if rule_set.parent is None or not rule_set.entries:
        return ()
    starts = min(e.effective_from for e in rule_set.entries)
    if since >= starts:
        return ()
    sources = dict.fromkeys(
        s for e in rule_set.entries if e.effective_from == starts for s in e.sources
    )
    return (
        finding(
            "rules.before-local-data",
            sources=tuple(sources),
            subject=subject or rule_set.name,
            rule_set=rule_set.name,
            national=rule_set.parent.name,
            starts=starts,
            on=since,
            reason=_reason(rule_set),
        ),
    )


def horizon_findings(
    rule_set: RuleSet, day: date, *, subject: str | None = None, since: date | None = None
) -> tuple[Finding, ...]:
    """What the data does not hold about the days ``since`` .. ``day`` (default: ``day`` alone).

    In this order: a ``rules.before-local-data`` warning when ``since`` lies before
    the first rule of the local layer; per layer, a ``rules.assumed-continuation``
    note when the days reach the layer's ``assumed_from`` on or before its horizon;
    and a ``rules.beyond-horizon`` warning for each layer whose data ends before
    ``day``, naming the layer, its last complete day, the day asked for and the
    rule keys whose values on the last complete day are assumed to continue
    (:func:`assumed_rules`: not those a known later entry replaces, nor conventions).
    ``subject`` (default: the layer's name) says what the findings are about.
    """
    first = day if since is None or since > day else since
    found = list(_before_data(rule_set, first, subject))
    for layer in _layers(rule_set):
        until, assumed = layer.complete_until, layer.assumed_from
        if assumed is not None and day >= assumed and (until is None or first <= until):
            found.append(
                finding(
                    "rules.assumed-continuation",
                    sources=layer.assumed_sources,
                    subject=subject or layer.name,
                    rule_set=layer.name,
                    assumed_from=assumed,
                    stated_until=assumed - timedelta(days=1),
                    complete_until=until,
                    on=day if until is None or day <= until else until,
                    reason=_reason(layer),
                )
            )
    for layer in _layers(rule_set):
        until = layer.complete_until
        if until is None or day <= until:
            continue
        keys, sources = assumed_rules(layer, day)
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
                reason=_reason(layer),
            )
        )
    return tuple(found)
