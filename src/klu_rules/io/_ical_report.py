"""What an iCalendar import found: the meetings taken and, per event, why one was skipped."""

from __future__ import annotations

from typing import Any

import attrs

from klu_rules.core.findings import finding
from klu_rules.core.result import Finding, Result
from klu_rules.model.meeting import Meeting

__all__ = ["IcsImport", "skipped"]


@attrs.frozen(kw_only=True, repr=False)
class IcsImport(Result):
    """The meetings of an iCalendar file and the events that are not meetings.

    - ``meetings``: the meetings taken, one per event or per occurrence of a
      recurring series, in the file's order;
    - ``findings``: one per event skipped, with the reason as its code
      (``ical.all-day``, ``ical.outside-range``, ``ical.cancelled-occurrence``,
      ``ical.series-needs-range``) and the event's ``UID`` as its subject;
    - ``outcome``: ``imported`` when every event was taken, ``partly-imported``
      when some were skipped, ``nothing-imported`` when none was taken;
    - ``parameters``: ``timezone``, the range (``start``, ``end``, ``None``
      for open) and the counts ``taken`` and ``skipped``.
    """

    meetings: tuple[Meeting, ...] = ()

    @classmethod
    def of(cls, meetings: list[Meeting], findings: list[Finding], **parameters: Any) -> IcsImport:
        outcome = "imported" if not findings else "partly-imported"
        if not meetings:
            outcome = "nothing-imported"
        return cls(
            outcome=outcome,
            reason="ical.import",
            parameters={**parameters, "taken": len(meetings), "skipped": len(findings)},
            findings=tuple(findings),
            meetings=tuple(meetings),
        )


def skipped(code: str, component: Any, **parameters: Any) -> Finding:
    """The finding of an event skipped for ``code``: its UID, summary and start day."""
    summary = str(component.get("SUMMARY", "") or "")[:200]
    return finding(
        code, subject=str(component.get("UID", "") or "")[:200], summary=summary, **parameters
    )
