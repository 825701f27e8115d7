"""Rule sets as dated data: one import for everything about them.

The keys and dated entries (:mod:`.entries`), rule sets and the rules in force
on a day with local values layered on national ones (:mod:`.layering`), and
reading and writing rule-set files with the built-in :data:`NATIONAL` and
:data:`AALBORG` (:mod:`.loader`). The file format is in ``docs/rule-sets.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from klu_rules.rules import loader as _loader
from klu_rules.rules.entries import *  # noqa: F403
from klu_rules.rules.layering import *  # noqa: F403
from klu_rules.rules.layering import RuleSet as RuleSet
from klu_rules.rules.loader import SCHEMA_VERSION as SCHEMA_VERSION
from klu_rules.rules.loader import builtin_rule_sets as builtin_rule_sets
from klu_rules.rules.loader import dump_rule_set as dump_rule_set
from klu_rules.rules.loader import get_rule_set as get_rule_set
from klu_rules.rules.loader import load_rule_set as load_rule_set
from klu_rules.rules.loader import parse_rule_set as parse_rule_set

NATIONAL: RuleSet  # the built-in rule sets, loaded on first use by __getattr__ below
AALBORG: RuleSet

if not TYPE_CHECKING:  # type checkers see the two names declared above, nothing else

    def __getattr__(name: str) -> RuleSet:
        """NATIONAL and AALBORG, loaded on first use."""
        if name in ("NATIONAL", "AALBORG"):
            return getattr(_loader, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
