"""What an iCalendar import found: the meetings taken and, per event, why one was skipped."""

from __future__ import annotations

from typing import Any

import attrs

from klu_rules.core.findings import finding
from klu_rules.core.result import Finding, Result
from klu_rules.model.meeting import Meeting

__all__ = ["NOTES", "IcsImport", "skipped"]

NOTES = frozenset({"ical.lines-joined", "ical.no-end", "ical.time-in-gap", "ical.property-ignored"})
"""The codes of a note on an event that was taken; every other code skips its event."""


@attrs.frozen(kw_only=True, repr=False)
class IcsImport(Result):
    """The meetings of an iCalendar file and the events that are not meetings.

    - ``meetings``: the meetings taken, one per event or per occurrence of a
      recurring series, in the file's order;
    - ``findings``: one per event skipped, with the reason as its code
      (``ical.all-day``, ``ical.outside-range``, ``ical.cancelled-occurrence``,
      ``ical.series-needs-range``, ``ical.other-committee``, ``ical.no-uid``),
      and one per note on an event taken (:data:`NOTES`: ``ical.lines-joined``,
      ``ical.no-end``, ``ical.time-in-gap``, ``ical.property-ignored``), each
      with the event's ``UID`` as its subject;
    - ``outcome``: ``imported`` when every event was taken, ``partly-imported``
      when some were skipped, ``nothing-imported`` when none was taken;
    - ``parameters``: ``timezone``, the range (``start``, ``end``, ``None``
      for open) and the counts ``taken``, ``skipped`` and ``noted``.
    """

    meetings: tuple[Meeting, ...] = ()

    @classmethod
    def of(cls, meetings: list[Meeting], findings: list[Finding], **parameters: Any) -> IcsImport:
        noted = sum(1 for f in findings if f.code in NOTES)
        outcome = "imported" if len(findings) == noted else "partly-imported"
        if not meetings:
            outcome = "nothing-imported"
        counts = {"taken": len(meetings), "skipped": len(findings) - noted, "noted": noted}
        return cls(
            outcome=outcome,
            reason="ical.import",
            parameters={**parameters, **counts},
            findings=tuple(findings),
            meetings=tuple(meetings),
        )


def skipped(code: str, component: Any, **parameters: Any) -> Finding:
    """The finding of an event skipped for ``code``: its UID, summary and start day."""
    summary = " ".join(str(component.get("SUMMARY", "") or "").split())[:200]
    return finding(
        code, subject=str(component.get("UID", "") or "")[:200], summary=summary, **parameters
    )
