"""One rule's value in force on a day, and why: the layer it comes from and any conflict.

:meth:`klu_rules.rules.layering.RulesInForce.rule` returns a :class:`ResolvedRule`
for a key; it says which layer's value applies (``national`` or ``local``), the
entries of both layers, and whether the local value lies beyond the national bound.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import attrs

from klu_rules.core.language import Language, format_money, format_number
from klu_rules.core.messages import message
from klu_rules.core.money import Money
from klu_rules.core.record import Record
from klu_rules.core.types import Layering
from klu_rules.rules.entries import RuleEntry, RuleStatus, RuleValue

__all__ = ["Level", "ResolvedRule", "show_value"]

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
