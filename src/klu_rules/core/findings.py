"""Findings and the one catalogue of finding codes.

A :class:`Finding` is what a rule function reports besides its main result:
a severity (``info`` / ``warning`` / ``error``), a stable ``code`` from
:data:`CATALOGUE`, a message a committee secretary understands, the sources
behind it and the parameters that produced it. Codes are stable: a code is
never reused for another meaning. ``docs/findings.md`` lists every code; a
test keeps that page and this catalogue equal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from klu_rules.core.errors import InvalidValueError
from klu_rules.core.result import Finding, Parameters, worst_severity
from klu_rules.core.sources import check_sources
from klu_rules.core.types import SEVERITIES, Severity

__all__ = ["CATALOGUE", "Finding", "FindingCode", "finding", "worst_severity"]


@attrs.frozen(slots=True)
class FindingCode:
    """A catalogue entry: the code, its severity, a title and the sources behind it."""

    code: str
    severity: Severity
    title: str
    description: str
    sources: tuple[str, ...]


def _codes(*entries: FindingCode) -> dict[str, FindingCode]:
    table: dict[str, FindingCode] = {}
    for entry in entries:
        if entry.code in table:  # pragma: no cover - guarded by the catalogue test
            raise InvalidValueError(f"finding code {entry.code!r} is defined twice")
        check_sources(entry.sources, what=f"finding code {entry.code}")
        table[entry.code] = entry
    return table


_C = FindingCode

CATALOGUE: dict[str, FindingCode] = _codes(
    # --- rule layering -------------------------------------------------------
    _C(
        "rules.local-beyond-bound",
        "warning",
        "Local rule is beyond the national bound",
        "A local value is on the wrong side of the national minimum or maximum. With "
        "layering='strictest' the national value applies; with layering='local' the local "
        "value applies anyway. Either way the difference is reported.",
        ("VEJL2011", "OK22-102"),
    ),
    # --- deadlines before one meeting (issue: deadline engine) ---------------
    _C(
        "deadline.items-due-after-dispatch",
        "error",
        "Items are due after the agenda must go out",
        "The deadline for agenda items falls after the agenda dispatch deadline, so the "
        "agenda cannot contain the items it called for.",
        ("AAL2021",),
    ),
    _C(
        "deadline.items-due-on-dispatch-day",
        "warning",
        "Items are due on the day the agenda must go out",
        "Items and the agenda fall on the same day: there is no time to prepare the agenda.",
        ("AAL2021",),
    ),
    _C(
        "deadline.done-late",
        "warning",
        "A step was done after its deadline",
        "The recorded day the call for items or the agenda went out is after its deadline.",
        ("AAL2021", "VEJL2011", "OK22-102"),
    ),
    _C(
        "deadline.passed",
        "warning",
        "A deadline has already passed",
        "On the as-of date the deadline lies in the past and the step is not recorded as done.",
        ("AAL2021",),
    ),
    _C(
        "meeting.longer-than-local-norm",
        "info",
        "Meeting is longer than the local norm",
        "The meeting is planned longer than the local rules' usual length.",
        ("AAL2021",),
    ),
    _C(
        "meeting.longer-than-national-max",
        "warning",
        "Meeting is longer than the national three hours",
        "National rules say up to three hours per meeting, as needed.",
        ("VEJL2011", "OK22-102"),
    ),
    _C(
        "meeting.no-end-time",
        "info",
        "Meeting has no end time",
        "Length checks were skipped because the meeting has no end time.",
        ("VEJL2011",),
    ),
    # --- the year (plan_year and yearly compliance) ---------------------------
    _C(
        "year.too-few-meetings-held",
        "error",
        "Fewer meetings held than the rules require",
        "Held meetings in the year are fewer than the minimum in force; cancelled and dialogue "
        "meetings do not count.",
        ("VEJL2011", "OK22-102", "AAL2021"),
    ),
    _C(
        "year.minimum-not-yet-reached",
        "info",
        "Minimum not reached yet",
        "The year's held meetings are below the minimum, but planned meetings still to come "
        "can reach it.",
        ("VEJL2011", "OK22-102", "AAL2021"),
    ),
    _C(
        "year.too-few-meetings-planned",
        "warning",
        "Fewer meetings planned than required",
        "Even if every planned meeting is held, the year stays below the minimum in force.",
        ("VEJL2011", "OK22-102", "AAL2021"),
    ),
    _C(
        "year.too-many-dialogue-meetings",
        "warning",
        "More dialogue meetings than allowed",
        "The local rules allow a dialogue meeting once a year.",
        ("AAL2021",),
    ),
    _C(
        "year.dialogue-announced-late",
        "warning",
        "Dialogue meeting announced too late",
        "A dialogue meeting must be announced at least three months ahead.",
        ("AAL2021",),
    ),
    # --- meeting rules (quorum, honorarium, agenda) ---------------------------
    _C(
        "quorum.not-quorate",
        "warning",
        "Doctors' side not quorate",
        "Fewer doctor seats were filled by members or their substitutes than the quorum "
        "parameters require, or no member of the municipal side was present (an assumption: "
        "the sources state no quorum).",
        ("VEJL2011", "OK22-102"),
    ),
    _C(
        "honorarium.more-eligible-than-paid",
        "warning",
        "More eligible doctors than paid seats",
        "More doctors are eligible for the meeting fee than the rules in force pay for; all are "
        "listed and no total is given until the committee decides.",
        ("VEJL2011", "OK22-102", "AAL2021"),
    ),
    _C(
        "honorarium.no-rate",
        "info",
        "No meeting rate supplied",
        "The KLU meeting rate is not in the sources; supply it to get amounts.",
        ("VEJL2011", "OK22-102"),
    ),
    _C(
        "agenda.fixed-item-missing",
        "error",
        "A fixed agenda item is missing",
        "The local rules of procedure require this fixed item on every agenda.",
        ("AAL2021",),
    ),
    _C(
        "agenda.fixed-items-out-of-order",
        "error",
        "Fixed agenda items are out of order",
        "The fixed items must come in the order the rules of procedure give.",
        ("AAL2021",),
    ),
    _C(
        "agenda.item-without-duration",
        "warning",
        "Agenda item has no expected duration",
        "Every item states how long it is expected to take.",
        ("AAL2021",),
    ),
    _C(
        "agenda.item-without-description",
        "warning",
        "Agenda item does not say what, how and why",
        "Items must say what is to be discussed, how, and why it belongs on the KLU's agenda.",
        ("AAL2021",),
    ),
    _C(
        "agenda.longer-than-meeting",
        "warning",
        "Agenda is longer than the meeting",
        "The items' expected durations add up to more than the meeting's length.",
        ("AAL2021", "VEJL2011"),
    ),
    _C(
        "agenda.standing-topic-missing",
        "info",
        "Standing topic not on the agenda",
        "A standing topic is recommended at each meeting; mark it not relevant to silence this.",
        ("VEJL2011", "AAL2021"),
    ),
    _C(
        "agenda.doctor-member-absent-without-reason",
        "info",
        "Absent doctor member gave no reason",
        "An absence (afbud) is recorded without a reason.",
        ("VEJL2011",),
    ),
    # --- yearly compliance and records ----------------------------------------
    _C(
        "year.calendar-not-agreed",
        "warning",
        "The year's meeting calendar is not agreed",
        "Meetings are agreed one calendar year at a time.",
        ("AAL2021",),
    ),
    _C(
        "year.next-topics-not-agreed",
        "warning",
        "Next year's topics not agreed at the last meeting",
        "At the year's last meeting the committee agrees next year's strategic topics for the "
        "annual wheel.",
        ("AAL2021",),
    ),
    _C(
        "year.evaluation-missing",
        "warning",
        "Annual evaluation not done or not sent",
        "Every year the cooperation is evaluated and a short report goes to the Samarbejdsudvalg.",
        ("OK22-102", "AAL2021"),
    ),
    _C(
        "year.follow-up-overdue",
        "warning",
        "A follow-up is past due",
        "A follow-up from the minutes is still open after its due date.",
        ("AAL2021",),
    ),
    _C(
        "composition.doctor-seats-unfilled",
        "warning",
        "Doctor seats not filled",
        "Fewer doctor members are in office than the rules' doctor seats.",
        ("VEJL2011", "OK22-102"),
    ),
    _C(
        "composition.differs-from-rules",
        "info",
        "Composition differs from the rules of procedure",
        "The people listed do not match the seats the rules of procedure name one to one.",
        ("AAL2021", "AAL-2023"),
    ),
    _C(
        "composition.term-ending",
        "info",
        "A membership term ends soon",
        "A member's term ends within the given number of days.",
        ("AAL2021",),
    ),
    # --- records (yearly compliance from the committee's records) ----------------
    _C(
        "year.next-topics-not-at-last-meeting",
        "info",
        "Next year's topics agreed, but not at the year's last meeting",
        "The annual wheel for next year is recorded, but it was agreed at another meeting or "
        "on another day than the year's last meeting, where the rules of procedure place it.",
        ("AAL2021",),
    ),
    _C(
        "year.evaluation-wrong-recipient",
        "warning",
        "Annual evaluation sent to another body than the recipient in force",
        "The evaluation report is recorded as sent, but not to the recipient the rules in force "
        "name on the day it was sent.",
        ("OK22-102", "AAL2021"),
    ),
    _C(
        "year.not-judged-without-as-of",
        "info",
        "Checks that depend on today were not judged",
        "Without an as-of date, checks whose answer depends on what day it is (open follow-ups, "
        "ending terms, steps that fall due when the year or its last meeting is over) are not "
        "judged; give as_of to judge them.",
        ("OK22-102", "AAL2021"),
    ),
    # --- agreements ------------------------------------------------------------
    _C(
        "agreement.not-stated",
        "info",
        "Not stated in the sources",
        "The agreement version in force does not say this; the answer says so instead of guessing.",
        ("OK22-102",),
    ),
)


def _check_severity(severity: object) -> None:
    if severity not in SEVERITIES:
        raise InvalidValueError(
            f"severity must be one of {', '.join(SEVERITIES)}, got {severity!r}"
        )


def finding(
    code: str,
    message: str,
    *,
    sources: Iterable[str] | None = None,
    severity: Severity | None = None,
    subject: str | None = None,
    **parameters: Any,
) -> Finding:
    """Build a :class:`Finding` for a catalogue ``code``.

    Severity and sources default to the catalogue's; pass them to narrow the
    sources to those actually in force or to escalate a severity.
    """
    try:
        entry = CATALOGUE[code]
    except KeyError:
        raise InvalidValueError(
            f"unknown finding code {code!r}; codes live in klu_rules.core.findings.CATALOGUE"
        ) from None
    chosen = severity or entry.severity
    _check_severity(chosen)
    checked = entry.sources if sources is None else check_sources(sources, what=f"finding {code}")
    return Finding(code, chosen, message, checked, Parameters(parameters), subject)


def _catalogued(
    code: str, message: str, sources: tuple[str, ...], parameters: dict[str, Any]
) -> Finding:
    """A finding of catalogue ``code`` with its catalogued severity and checked ``sources``."""
    return Finding(code, CATALOGUE[code].severity, message, sources, Parameters(parameters))
