"""``[[sources]]`` tables: the sources a rule-set or committee file declares, read and written.

One table per document the file cites beside the built-in catalogue
(``docs/sources.md``)::

    [[sources]]
    key = "ODENSE-FO-2026"
    title = "Forretningsorden for KLU Odense"
    date = 2026-03-01                           # optional: the day it takes effect
    reference = "the committee's own minutes"   # and/or url = "https://..."
    status = "verified"                         # optional: verified | unverified
    day_assumed = false                         # optional: true if it gives the month only

The same reader serves both file kinds; a table that is not right is an error
naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from klu_rules.core.errors import KluRulesError
from klu_rules.core.sources import STATUSES, Source, SourceCatalogue
from klu_rules.core.toml import TableReader

__all__ = ["read_sources", "sources_to_toml"]


def read_sources(top: TableReader, known: SourceCatalogue) -> tuple[Source, ...]:
    """The ``[[sources]]`` tables of ``top``, each checked against ``known`` and those before it
    (no built-in key, no key declared twice unless as the very same source)."""
    declared: list[Source] = []
    for table in top.get_tables("sources"):
        values = {
            "key": table.get_str("key"),
            "title": table.get_str("title"),
            "effective": table.get_date("date", None),
            "where": table.get_str("reference", ""),
            "url": table.get_str("url", None),
            "status": table.get_choice("status", STATUSES, "verified"),
            "day_assumed": table.get_bool("day_assumed", False),
        }
        table.finish()
        try:
            source = Source(**values)
            known.including([*declared, source])
        except KluRulesError as exc:
            raise table.error(exc) from None
        declared.append(source)
    return tuple(declared)


def sources_to_toml(sources: Iterable[Source]) -> list[dict[str, Any]] | None:
    """``sources`` as the ``[[sources]]`` tables :func:`read_sources` reads (``None``: none)."""
    tables = [
        {
            "key": s.key,
            "title": s.title,
            "date": s.effective,
            "reference": s.where or None,
            "url": s.url,
            "status": None if s.status == "verified" else s.status,
            "day_assumed": s.day_assumed or None,
        }
        for s in sources
    ]
    return tables or None
