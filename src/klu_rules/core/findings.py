"""Findings and the one catalogue of finding codes.

A :class:`Finding` is what a rule function reports besides its main result:
a severity (``info`` / ``warning`` / ``error``), a stable ``code`` from
:data:`CATALOGUE`, a message a committee secretary understands, the sources
behind it and the parameters that produced it. The codes are data
(``klu_rules/data/findings.toml``); a code is never reused for another
meaning. ``docs/findings.md`` lists every code; a test keeps that page and
this catalogue equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.record import Record
from klu_rules.core.result import Finding, Parameters, worst_severity
from klu_rules.core.sources import check_sources
from klu_rules.core.toml import shipped_toml
from klu_rules.core.types import SEVERITIES, Severity

__all__ = ["CATALOGUE", "Finding", "FindingCode", "finding", "worst_severity"]


@attrs.frozen(slots=True, repr=False)
class FindingCode(Record):
    """A catalogue entry: the code, its severity and the sources behind it (its title,
    description and message in Danish and English are in the text catalogues)."""

    code: str
    severity: Severity
    sources: tuple[str, ...]


def _load_catalogue() -> dict[str, FindingCode]:
    """The catalogue shipped in ``klu_rules/data/findings.toml``, checked once at import."""
    data = shipped_toml("findings.toml")
    table: dict[str, FindingCode] = {}
    for code, entry in data.items():
        _check_severity(entry["severity"])
        sources = check_sources(entry["sources"], what=f"findings.toml [{code}]")
        table[code] = FindingCode(code, entry["severity"], sources)
    return table


def _check_severity(severity: object) -> None:
    if severity not in SEVERITIES:
        raise coded(
            InvalidValueError,
            "findings.severity",
            {"choices": ", ".join(SEVERITIES), "value": excerpt(severity)},
        )


CATALOGUE: Mapping[str, FindingCode] = MappingProxyType(_load_catalogue())
"""Every finding code, its severity and sources."""


def finding(
    code: str,
    /,
    *,
    sources: Iterable[str] | None = None,
    severity: Severity | None = None,
    subject: str | None = None,
    **parameters: Any,
) -> Finding:
    """Build a :class:`Finding` for a catalogue ``code``.

    Severity and sources default to the catalogue's; pass them to narrow the
    sources to those actually in force or to escalate a severity. The
    ``parameters`` are what :meth:`Finding.text` writes the finding out from.
    """
    try:
        entry = CATALOGUE[code]
    except KeyError:
        raise coded(InvalidValueError, "findings.unknown_code", {"code": excerpt(code)}) from None
    chosen = entry.severity  # checked when the catalogue was loaded
    if severity:  # as before: an empty severity means the catalogue's
        _check_severity(severity)
        chosen = severity
    checked = entry.sources if sources is None else check_sources(sources, what=code)
    return Finding(code, chosen, checked, Parameters(parameters), subject)
