"""Rule sets as dated data: one import for everything about them.

A :class:`RuleSet` holds values that change over time (:mod:`.entries`);
``rules.in_force(on=day)`` gives the values in force on a day, with local
values layered on national ones (:mod:`.layering`); the national rules
(:data:`NATIONAL`), Aalborg's rules of procedure (:data:`AALBORG`) and a
municipality's own file are read by :func:`load_rule_set` (:mod:`.loader`).
The file format is documented in ``docs/rule-sets.md``.
"""

from __future__ import annotations

from types import SimpleNamespace

from klu_rules.rules.entries import (
    RULE_KEYS,
    FixedAgendaItem,
    RuleEntry,
    RuleKey,
    RuleStatus,
    RuleValue,
    Seat,
    Topic,
    TopicEntry,
)
from klu_rules.rules.layering import (
    Level,
    ResolvedRule,
    RuleSet,
    RulesInForce,
    clear_caches,
)
from klu_rules.rules.loader import (
    SCHEMA_VERSION,
    builtin_rule_sets,
    dump_rule_set,
    get_rule_set,
    load_rule_set,
    parse_rule_set,
)
from klu_rules.rules.loader import __getattr__ as __getattr__

__all__ = [
    "AALBORG",
    "NATIONAL",
    "RULE_KEYS",
    "SCHEMA_VERSION",
    "FixedAgendaItem",
    "Level",
    "ResolvedRule",
    "RuleEntry",
    "RuleKey",
    "RuleSet",
    "RuleStatus",
    "RuleValue",
    "RulesInForce",
    "Seat",
    "Topic",
    "TopicEntry",
    "builtin_rule_sets",
    "clear_caches",
    "dump_rule_set",
    "get_rule_set",
    "load_rule_set",
    "parse_rule_set",
]

NATIONAL: RuleSet  # the built-in rule sets, loaded on first use
AALBORG: RuleSet

_INDEXES = SimpleNamespace(clear=clear_caches)  # until tests/conftest.py calls clear_caches()
