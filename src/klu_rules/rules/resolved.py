"""One rule's value in force on a day, and why: the layer it comes from and any conflict.

:meth:`klu_rules.rules.layering.RulesInForce.rule` returns a :class:`ResolvedRule`
for a key; it says which layer's value applies (``national`` or ``local``), the
entries of both layers, and whether the local value lies beyond the national bound.
:func:`resolve` makes one from the entries of each layer in force (:func:`newest`), and
:func:`beyond_finding` says when the local value lies beyond the national bound.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

import attrs

from klu_rules.core.findings import Finding, finding
from klu_rules.core.language import Language, format_money, format_number
from klu_rules.core.messages import message
from klu_rules.core.money import Money
from klu_rules.core.period import Period
from klu_rules.core.record import Record
from klu_rules.core.types import Layering
from klu_rules.rules.entries import RuleEntry, RuleStatus, RuleValue

__all__ = ["Level", "ResolvedRule", "beyond_finding", "newest", "resolve", "show_value"]

Level = Literal["national", "local"]
"""The layer of a rule set: national rules, or local rules layered on them."""


@attrs.frozen(slots=True, repr=False)
class ResolvedRule(Record):
    """The value of one key in force on a day, and why."""

    key: str
    value: RuleValue
    applied: Level
    national: RuleEntry | None
    local: RuleEntry | None
    layering: Layering
    beyond_bound: bool

    @property
    def entry(self) -> RuleEntry:
        """The entry whose value applies."""
        chosen = self.local if self.applied == "local" else self.national
        assert chosen is not None
        return chosen

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of the value applied, and of the other one when they conflict."""
        keys = list(self.entry.sources)
        if self.beyond_bound:
            other = self.national if self.applied == "local" else self.local
            if other is not None:
                keys += [s for s in other.sources if s not in keys]
        return tuple(keys)

    @property
    def status(self) -> RuleStatus:
        return self.entry.status

    def explain(self, language: Language = "en") -> str:
        """One sentence in ``language``: the value, where it comes from, and any conflict."""
        beyond = self.beyond_bound and self.national is not None and self.local is not None
        return message(
            "rule.explain_beyond" if beyond else "rule.explain",
            language,
            key=self.key,
            value=show_value(self.value, language),
            sources=self.entry.sources or message("rule.no_source", language),
            since=self.entry.effective_from,
            status=self.status,
            bound=None if self.national is None else self.national.bound,
            local=None if self.local is None else show_value(self.local.value, language),
            national=None if self.national is None else show_value(self.national.value, language),
        )


def show_value(value: RuleValue, language: Language) -> object:
    """A rule value as the templates write it: amounts, numbers and periods in ``language``."""
    if isinstance(value, Money):
        return format_money(value.amount, language)
    if isinstance(value, Decimal):
        return format_number(value, language)
    return str(value).lower() if isinstance(value, bool) else value


def newest(entries: tuple[RuleEntry, ...], on: date) -> RuleEntry | None:
    """The last of ``entries`` (one key's, oldest first) in force on ``on``, if any."""
    chosen = None
    for entry in entries:  # oldest first
        if entry.effective_from > on:
            break
        chosen = entry
    return chosen


def _beyond(national: RuleEntry, local: RuleEntry) -> bool:
    if national.bound is None:
        return False
    a, b = local.value, national.value
    if isinstance(a, Period) and isinstance(b, Period):
        cmp = a.compare(b)
    elif isinstance(a, Money) and isinstance(b, Money):
        cmp = (a.amount > b.amount) - (a.amount < b.amount)
    else:
        cmp = (a > b) - (a < b)  # type: ignore[operator]
    return cmp < 0 if national.bound == "minimum" else cmp > 0


def resolve(
    key: str, national: RuleEntry | None, local: RuleEntry | None, layering: Layering
) -> ResolvedRule:
    """The rule of ``key`` from the entries of each layer in force (at least one): the local
    value, unless it lies beyond the national bound and ``layering`` is ``strictest``."""
    if local is None:
        assert national is not None
        return ResolvedRule(key, national.value, "national", national, None, layering, False)
    if national is None:
        return ResolvedRule(key, local.value, "local", None, local, layering, False)
    beyond = _beyond(national, local)
    applied: Level = "national" if beyond and layering == "strictest" else "local"
    value = national.value if applied == "national" else local.value
    return ResolvedRule(key, value, applied, national, local, layering, beyond)


def beyond_finding(rule: ResolvedRule) -> Finding:
    """The ``rules.local-beyond-bound`` finding of a rule whose local value lies beyond the
    national bound."""
    national, local = rule.national, rule.local
    assert national is not None
    assert local is not None
    return finding(
        "rules.local-beyond-bound",
        sources=rule.sources,
        key=rule.key,
        local=_bound_value(local.value),
        national=_bound_value(national.value),
        layering=rule.layering,
        bound=national.bound,
        applied=rule.applied,
    )


def _bound_value(value: RuleValue) -> int | float | str:
    """As the ``period`` form reads it: a count, ``"2 weeks"`` or an amount as a number."""
    if isinstance(value, int | Period):
        return value if isinstance(value, int) else str(value)
    return float(value.amount if isinstance(value, Money) else value)
