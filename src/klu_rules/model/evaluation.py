"""The annual evaluation of a KLU (*årlig evaluering*) and a region's overview: the data.

Every year the committee evaluates its cooperation, including the follow-up of
local agreements, and sends a short report to the *Samarbejdsudvalg*
(``OK22-102`` stk. 6; ``AAL2021``). Region Syddanmark's overview of the 2023
evaluations (``RSD-EVAL-2023``) shows the report's shape. Files are read and
written by :mod:`klu_rules.io.evaluation_file` and rendered by
:mod:`klu_rules.text.evaluation`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

import attrs

from klu_rules.core.convert import (
    lines,
    nonempty_text,
    optional_date,
    str_tuple,
    text,
    to_tuple,
    valid_year,
    whole_number,
)
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.record import Record
from klu_rules.core.sources import check_sources

__all__ = [
    "DEFAULT_REPORT_SOURCES",
    "ENTRY_STATES",
    "EntryState",
    "EvaluationEntry",
    "EvaluationReport",
    "MeetingCount",
    "OverviewTotals",
    "RegionOverview",
    "plain_text",
]

EntryState = Literal["no_report", "report_without_count", "count"]
"""Where a municipality stands in an overview: no report, a report without a count, a count."""

ENTRY_STATES: tuple[EntryState, ...] = ("no_report", "report_without_count", "count")

DEFAULT_REPORT_SOURCES: tuple[str, ...] = ("OK22-102",)
"""The sources a report cites unless it is given its own."""


_count = attrs.validators.optional(whole_number(0))


def _source_keys(value: Iterable[str]) -> tuple[str, ...]:
    keys = check_sources(str_tuple(value), what="EvaluationReport.sources")
    if not keys:
        raise coded(InvalidValueError, "model.evaluation.no_sources", {})
    return keys


_TAG = re.compile(r"<[^>]*>")


def plain_text(text: str) -> str:
    """``text`` without markup: tags removed, entities read, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def _meetings(n: int) -> str:
    return f"{n} møde" if n == 1 else f"{n} møder"


def _describe(held: int | None, planned: int | None, cancelled: int | None) -> str:
    parts: list[str] = []
    if planned is not None:
        parts.append(f"Planlagt {_meetings(planned)}.")
    if held is not None and planned is None and cancelled is None:
        parts.append(_meetings(held))
    elif held is not None:
        parts.append(
            f"Afholdt {_meetings(held)}"
            + (f", {cancelled} aflyst." if cancelled is not None else ".")
        )
    elif cancelled is not None:
        parts.append(f"{cancelled} aflyst.")
    return " ".join(parts)


@attrs.frozen(kw_only=True, repr=False)
class MeetingCount(Record):
    """The number of meetings a report gives (*antal møder*).

    ``raw`` is the text as the report gives it, kept verbatim (markup included).
    ``held`` (*afholdt*), ``planned`` (*planlagt*) and ``cancelled`` (*aflyst*)
    are what the text says, each ``None`` when it does not say it. A year's
    count uses the meetings held (``RSD-EVAL-2023``, Langeland). When both are
    given, held and cancelled meetings together never exceed those planned.
    """

    raw: str = attrs.field(validator=nonempty_text)
    held: int | None = attrs.field(default=None, validator=_count)
    planned: int | None = attrs.field(default=None, validator=_count)
    cancelled: int | None = attrs.field(default=None, validator=_count)

    def __attrs_post_init__(self) -> None:
        if self.planned is not None and (self.held or 0) + (self.cancelled or 0) > self.planned:
            raise coded(
                InvalidValueError,
                "model.evaluation.count_exceeds_planned",
                {
                    "planned": self.planned,
                    "held": self.held or 0,
                    "cancelled": self.cancelled or 0,
                },
            )

    @classmethod
    def from_numbers(
        cls,
        *,
        held: int | None = None,
        planned: int | None = None,
        cancelled: int | None = None,
    ) -> MeetingCount:
        """A count from numbers, with ``raw`` written the way the reports write it.

        ``MeetingCount.from_numbers(held=3, planned=4, cancelled=1).raw`` is
        ``"Planlagt 4 møder. Afholdt 3 møder, 1 aflyst."``, which
        :func:`~klu_rules.io.meeting_count_text.parse_meeting_count` reads back
        to the same numbers.
        """
        if held is None and planned is None and cancelled is None:
            raise coded(InvalidValueError, "model.evaluation.empty_count", {})
        raw = _describe(held, planned, cancelled)
        return cls(raw=raw, held=held, planned=planned, cancelled=cancelled)

    @property
    def text(self) -> str:
        """``raw`` as plain text: markup removed, whitespace collapsed."""
        return plain_text(self.raw)

    @property
    def from_numbers_only(self) -> bool:
        """Whether ``raw`` is the text :meth:`from_numbers` writes (Danish, as the reports
        write it) rather than a report's own words: a renderer then writes the numbers in
        the language it shows."""
        return self.raw == _describe(self.held, self.planned, self.cancelled)


def _sent_in_or_after_the_year(
    instance: EvaluationReport, attribute: attrs.Attribute[Any], value: date | None
) -> None:
    optional_date(instance, attribute, value)
    if value is not None and value < date(instance.year, 1, 1):
        raise coded(
            InvalidValueError,
            "model.evaluation.sent_before_year",
            {"year": instance.year, "day": value},
        )


def _optional_recipient(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        nonempty_text(instance, attribute, value)


def _optional_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, MeetingCount):
        raise coded(InvalidValueError, "model.evaluation.count_type", {"value": excerpt(value)})


@attrs.frozen(kw_only=True, repr=False)
class EvaluationReport(Record):
    """One committee's annual evaluation report (*evaluering af samarbejdet i KLU*).

    - ``municipality`` (*kommunenavn*) and the ``year`` evaluated;
    - ``meeting_count`` (*antal møder*), ``None`` when the report gives none;
    - ``topics`` (*emner drøftet*), one line each, in the report's order (the
      shipped example also keeps the headings a report groups them under);
    - ``local_agreements_follow_up`` (*opfølgning og status på implementering
      af lokale aftaler*) and ``general_assessment`` (*generel vurdering af
      samarbejdet*), plain text, possibly empty;
    - ``sent_to``, the body the report says it went to, ``None`` when it
      names none (Region Syddanmark's overview names none: ``RSD-EVAL-2023``),
      and ``sent_on``, when it was sent, if known. Who the rules say the note
      goes to is the rule value ``evaluation_recipient`` (``OK22-102`` stk. 6),
      dated and cited in the rule data, not a default of the report;
    - ``sources``, the source keys the report rests on.

    :func:`klu_rules.io.evaluation_file.report_from_values` builds one from
    plain values (a count given as text or a number).
    """

    municipality: str = attrs.field(validator=nonempty_text)
    year: int = attrs.field(validator=valid_year)
    meeting_count: MeetingCount | None = attrs.field(default=None, validator=_optional_count)
    topics: tuple[str, ...] = attrs.field(default=(), converter=str_tuple, validator=lines)
    local_agreements_follow_up: str = attrs.field(default="", validator=text)
    general_assessment: str = attrs.field(default="", validator=text)
    sent_to: str | None = attrs.field(default=None, validator=_optional_recipient)
    sent_on: date | None = attrs.field(default=None, validator=_sent_in_or_after_the_year)
    sources: tuple[str, ...] = attrs.field(default=DEFAULT_REPORT_SOURCES, converter=_source_keys)

    @property
    def held(self) -> int | None:
        """The number of meetings held, or ``None`` when the report gives no count."""
        return None if self.meeting_count is None else self.meeting_count.held


def _matching_report(
    instance: EvaluationEntry, attribute: attrs.Attribute[Any], value: EvaluationReport | None
) -> None:
    if value is None:
        return
    if not isinstance(value, EvaluationReport):
        raise coded(InvalidValueError, "model.evaluation.report_type", {"value": excerpt(value)})
    if value.municipality != instance.municipality:
        raise coded(
            InvalidValueError,
            "model.evaluation.report_of_another",
            {"municipality": instance.municipality, "other": value.municipality},
        )


@attrs.frozen(repr=False)
class EvaluationEntry(Record):
    """One municipality's line in an overview: its report, or ``None`` for no report."""

    municipality: str = attrs.field(validator=nonempty_text)
    report: EvaluationReport | None = attrs.field(default=None, validator=_matching_report)

    @classmethod
    def for_report(cls, report: EvaluationReport) -> EvaluationEntry:
        """The entry holding ``report``."""
        return cls(report.municipality, report)

    @property
    def state(self) -> EntryState:
        """``"no_report"``, ``"report_without_count"`` or ``"count"`` (RULES § 8)."""
        if self.report is None:
            return "no_report"
        return "report_without_count" if self.report.held is None else "count"


@attrs.frozen(repr=False)
class OverviewTotals(Record):
    """The totals of an overview.

    ``municipalities`` in the overview; ``reporting``, those with a report;
    ``with_count`` and ``without_count`` split those; ``no_report``, those
    without; ``held``, the meetings held over the reports with a count.
    """

    municipalities: int
    reporting: int
    with_count: int
    without_count: int
    no_report: int
    held: int


def _entries(value: Iterable[EvaluationEntry]) -> tuple[EvaluationEntry, ...]:
    entries = to_tuple(value)
    for entry in entries:
        if not isinstance(entry, EvaluationEntry):
            raise coded(InvalidValueError, "model.evaluation.entry_type", {"value": excerpt(entry)})
    return entries


def _overview_entries(
    instance: RegionOverview, attribute: attrs.Attribute[Any], value: tuple[EvaluationEntry, ...]
) -> None:
    if not value:
        raise coded(InvalidValueError, "model.evaluation.empty_overview", {})
    seen: set[str] = set()
    for entry in value:
        if entry.municipality in seen:
            raise coded(
                InvalidValueError,
                "model.evaluation.municipality_twice",
                {"municipality": entry.municipality},
            )
        seen.add(entry.municipality)
        if entry.report is not None and entry.report.year != instance.year:
            raise coded(
                InvalidValueError,
                "model.evaluation.report_year",
                {
                    "year": instance.year,
                    "municipality": entry.municipality,
                    "other": entry.report.year,
                },
            )


@attrs.frozen(kw_only=True, repr=False)
class RegionOverview(Record):
    """A region's overview of its committees' evaluations for one year.

    One :class:`EvaluationEntry` per municipality, in the overview's order, as
    Region Syddanmark combines them (``RSD-EVAL-2023``).
    """

    region: str = attrs.field(validator=nonempty_text)
    year: int = attrs.field(validator=valid_year)
    entries: tuple[EvaluationEntry, ...] = attrs.field(
        converter=_entries, validator=_overview_entries
    )

    @classmethod
    def from_reports(
        cls,
        *,
        region: str,
        year: int,
        municipalities: Iterable[str],
        reports: Iterable[EvaluationReport],
    ) -> RegionOverview:
        """Combine ``reports`` into an overview of ``municipalities``, in that order.

        A municipality without a report gets an entry in the state
        ``"no_report"``; a report for a municipality not listed is an error.
        """
        names = str_tuple(municipalities)
        by_name: dict[str, EvaluationReport] = {}
        for report in reports:
            if report.municipality in by_name:
                raise coded(
                    InvalidValueError,
                    "model.evaluation.two_reports",
                    {"municipality": report.municipality},
                )
            by_name[report.municipality] = report
        unknown = sorted(set(by_name) - set(names))
        if unknown:
            raise coded(
                InvalidValueError,
                "model.evaluation.unlisted_reports",
                {"municipalities": ", ".join(map(repr, unknown))},
            )
        entries = [EvaluationEntry(name, by_name.get(name)) for name in names]
        return cls(region=region, year=year, entries=entries)

    @property
    def totals(self) -> OverviewTotals:
        """How many municipalities report, with and without a count, and the meetings held."""
        states = [entry.state for entry in self.entries]
        return OverviewTotals(
            municipalities=len(states),
            reporting=len(states) - states.count("no_report"),
            with_count=states.count("count"),
            without_count=states.count("report_without_count"),
            no_report=states.count("no_report"),
            held=sum(entry.report.held or 0 for entry in self.entries if entry.report),
        )

    @property
    def sources(self) -> tuple[str, ...]:
        """The source keys the overview's reports cite, in first-seen order."""
        keys: dict[str, None] = {}
        for entry in self.entries:
            if entry.report is not None:
                keys.update(dict.fromkeys(entry.report.sources))
        return tuple(keys)
