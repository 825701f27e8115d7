"""Placeholder people: stand-ins for seats not yet filled (``klu-rules init`` writes them).

A committee file started from a template holds people marked ``placeholder =
true``. They let the file load and plan at once, but they are not people:
:func:`placeholder_findings` reports them with a note, so no output presents a
placeholder as a member without saying so.
"""

from __future__ import annotations

from klu_rules.core.findings import Finding, finding
from klu_rules.model.committee import Committee

__all__ = ["placeholder_findings"]


def placeholder_findings(committee: Committee) -> tuple[Finding, ...]:
    """One ``committee.placeholder-people`` note naming the placeholders, if there are any."""
    names = tuple(p.name for p in committee.people() if p.placeholder)
    if not names:
        return ()
    return (
        finding(
            "committee.placeholder-people", subject=committee.id, count=len(names), people=names
        ),
    )
