"""Evaluation files: a region's overview as TOML (read) and CSV (written and read back).

:func:`load_evaluations` reads the TOML evaluation file
(``schema_version = 1``); :func:`rsd_2023` reads the copy of Region
Syddanmark's 2023 overview shipped with the package. :func:`overview_to_csv`
and :func:`overview_from_csv` write and read an overview as CSV, and
:func:`report_to_csv` writes one report.

The CSV is a file format, not a rendered text: its column headers and status
cells are those of Region Syddanmark's overview (``Kommunenavn``, ``Antal
møder``, ..., ``Ingen evaluering``), from the ``evaluation_csv`` section of
the text catalogues. Writing takes ``language=``: ``"da"`` by default, unlike
the renderers' English default, so that a file keeps the region's own
columns and what klu_rules wrote before still comes out byte for byte;
``language="en"`` writes English headers and status cells. Reading accepts
either: the header says which language the status cells are in.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

import attrs

from klu_rules.core.errors import FileFormatError, InvalidValueError, KluRulesError
from klu_rules.core.files import reading
from klu_rules.core.language import LANGUAGES, Language, check_language
from klu_rules.core.messages import coded, excerpt, message
from klu_rules.core.record import Record
from klu_rules.core.toml import TableReader, load_toml_file, shipped_toml
from klu_rules.io.meeting_count_text import parse_meeting_count
from klu_rules.model.evaluation import (
    DEFAULT_REPORT_SOURCES,
    ENTRY_STATES,
    EntryState,
    EvaluationEntry,
    EvaluationReport,
    MeetingCount,
    RegionOverview,
)
from klu_rules.model.geography import check_place, is_municipality

__all__ = [
    "OVERVIEW_COLUMNS",
    "REPORT_COLUMNS",
    "SCHEMA_VERSION",
    "load_evaluations",
    "overview_from_csv",
    "overview_from_mapping",
    "overview_to_csv",
    "report_from_values",
    "report_to_csv",
    "rsd_2023",
]

SCHEMA_VERSION: Final = 1
"""The version of the evaluation file format :func:`load_evaluations` reads."""

OVERVIEW_COLUMNS: tuple[str, ...] = (
    "municipality",
    "meeting_count",
    "held",
    "planned",
    "cancelled",
    "topics",
    "local_agreements_follow_up",
    "general_assessment",
    "state",
    "year",
    "region",
    "sent_to",
    "sent_on",
    "sources",
)
"""The CSV columns of a region overview, as keys of the catalogues' ``evaluation_csv`` section.

The first columns follow Region Syddanmark's overview (municipality, number of
meetings, topics, follow-up, assessment), with the parsed numbers beside the
count text.
"""

REPORT_COLUMNS: tuple[str, ...] = tuple(c for c in OVERVIEW_COLUMNS if c not in ("state", "region"))
"""The CSV columns of one report: the overview's without state and region."""


_NUMBERS = ("held", "planned", "cancelled")


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def report_from_values(
    *, meeting_count: MeetingCount | str | int | None = None, **fields: Any
) -> EvaluationReport:
    """An :class:`~klu_rules.model.evaluation.EvaluationReport` from plain values.

    ``meeting_count`` may be a :class:`~klu_rules.model.evaluation.MeetingCount`,
    the report's text (read by :func:`parse_meeting_count`) or the number of
    meetings held; ``fields`` are the report's other fields.
    """
    count: MeetingCount | None
    if meeting_count is None or isinstance(meeting_count, MeetingCount):
        count = meeting_count
    elif isinstance(meeting_count, str):
        count = parse_meeting_count(meeting_count)
    elif _is_count(meeting_count):
        count = MeetingCount(raw=str(meeting_count), held=int(meeting_count))
    else:
        raise coded(
            InvalidValueError, "evaluation_file.count_value", {"got": excerpt(meeting_count)}
        )
    return EvaluationReport(meeting_count=count, **fields)


def overview_from_mapping(
    data: Mapping[str, Any], *, path: str | Path | None = None
) -> RegionOverview:
    """An overview from a parsed evaluation file (see :func:`load_evaluations`)."""
    top = TableReader(data, path=path)
    top.check_schema_version(SCHEMA_VERSION)
    region: str = top.get_str("region")
    if is_municipality(region):
        raise top.fail(
            "coverage_file.municipality_as_region", "region", municipality=excerpt(region)
        )
    year: int = top.get_int("year", min_value=1, max_value=9999)
    try:
        check_place("-", region, year=year)  # a region that did not exist in the year
    except KluRulesError as exc:
        raise top.error(exc, "region") from None
    sources: tuple[str, ...] = top.get_str_list("sources", DEFAULT_REPORT_SOURCES)
    tables = top.get_tables("entries")
    if not tables:
        raise top.fail("evaluation_file.no_entries", "entries")
    entries: list[EvaluationEntry] = []
    seen: set[str] = set()
    for table in tables:
        name: str = table.get_str("municipality")
        if name in seen:
            raise table.fail(
                "evaluation_file.entry_twice", "municipality", municipality=excerpt(name)
            )
        seen.add(name)
        try:  # a known municipality of another region, a region given as one
            check_place(name, region, year=year)
        except KluRulesError as exc:
            raise table.error(exc, "municipality") from None
        report_table = table.get_table("report", None)
        report = (
            None if report_table is None else _report_from_table(report_table, name, year, sources)
        )
        table.finish()
        entries.append(EvaluationEntry(name, report))
    top.finish()
    return top.wrap(lambda: RegionOverview(region=region, year=year, entries=entries))


def _report_from_table(
    table: TableReader, municipality: str, year: int, sources: tuple[str, ...]
) -> EvaluationReport:
    count = table.get_raw("meeting_count", None)
    if count is not None and not (isinstance(count, str) or _is_count(count)):
        raise table.fail("evaluation_file.count_type", "meeting_count", got=excerpt(count))
    # a count the text states in words only, read by hand: the raw cell is kept, the count
    # read from it is given as held = N with count_reading saying how it was read
    held = table.get_int("held", None, min_value=0)
    if held is not None:
        table.get_str("count_reading")
        if not isinstance(count, str):
            raise table.fail("evaluation_file.held_without_text", "held", got=excerpt(count))
        count = MeetingCount(raw=count, held=held)
    values: dict[str, Any] = {
        "topics": table.get_str_list("topics", ()),
        "local_agreements_follow_up": table.get_str(
            "local_agreements_follow_up", "", nonempty=False
        ),
        "general_assessment": table.get_str("general_assessment", "", nonempty=False),
        "sent_to": table.get_str("sent_to", None),  # none recorded unless the row names one
        "sent_on": table.get_date("sent_on", None),
        "sources": table.get_str_list("sources", sources),
    }
    table.finish()
    return table.wrap(
        lambda: report_from_values(
            municipality=municipality, year=year, meeting_count=count, **values
        )
    )


def load_evaluations(path: str | Path) -> RegionOverview:
    """Read a region's evaluation overview from a TOML file.

    The file has ``schema_version = 1``, ``region``, ``year``, optional
    ``sources`` (default for every report) and one ``[[entries]]`` table per
    municipality with its ``municipality``; an entry's ``[entries.report]``
    table holds ``meeting_count`` (text or a number), ``topics``,
    ``local_agreements_follow_up``, ``general_assessment``, ``sent_to``,
    ``sent_on`` and ``sources``, all optional. An entry without a report table
    is a municipality with no report. Any problem is a
    :class:`~klu_rules.core.errors.FileFormatError` naming the file and the key.
    """
    return overview_from_mapping(load_toml_file(path), path=path)


def rsd_2023() -> RegionOverview:
    """Region Syddanmark's overview of the 2023 evaluations (``RSD-EVAL-2023``).

    22 municipalities in the overview's order; Fanø, Fredericia and Kerteminde
    have no report, Varde gives no count and Billund's count text states no
    count for the year.
    """
    data = shipped_toml("rsd_eval_2023.toml")
    return overview_from_mapping(data, path="klu_rules/data/rsd_eval_2023.toml")


def _report_cells(report: EvaluationReport) -> dict[str, str]:
    count = report.meeting_count
    numbers = (None, None, None) if count is None else (count.held, count.planned, count.cancelled)
    return {
        "municipality": report.municipality,
        "meeting_count": "" if count is None else count.raw,
        **{k: "" if n is None else str(n) for k, n in zip(_NUMBERS, numbers, strict=True)},
        "topics": "\n".join(report.topics),
        "local_agreements_follow_up": report.local_agreements_follow_up,
        "general_assessment": report.general_assessment,
        "year": str(report.year),
        "sent_to": report.sent_to or "",
        "sent_on": "" if report.sent_on is None else report.sent_on.isoformat(),
        "sources": ", ".join(report.sources),
    }


def _label(key: str, language: Language) -> str:
    """A column header or status cell (``evaluation_csv`` section) in ``language``."""
    return message(f"evaluation_csv.{key}", language)


def _csv(columns: Sequence[str], rows: Iterable[Mapping[str, str]], language: Language) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; also quotes a lone "\r"
    writer.writerow([_label(c, language) for c in columns])
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue()


def report_to_csv(report: EvaluationReport, *, language: Language = "da") -> str:
    """One report as CSV: a header of labels and one row (:data:`REPORT_COLUMNS`).

    Topics are one a line inside their cell. ``language``: ``"da"`` (default,
    the region's columns) or ``"en"``; the cells are data, written as given.
    """
    return _csv(REPORT_COLUMNS, [_report_cells(report)], check_language(language))


def overview_to_csv(overview: RegionOverview, *, language: Language = "da") -> str:
    """An overview as CSV, one row per municipality (:data:`OVERVIEW_COLUMNS`).

    ``language``: ``"da"`` (default, the region's columns) or ``"en"``, for the
    header and the status cells. :func:`overview_from_csv` reads either back
    to an equal overview.
    """
    language = check_language(language)
    rows = (
        {
            **({} if entry.report is None else _report_cells(entry.report)),
            "municipality": entry.municipality,
            "state": _label(entry.state, language),
            "year": str(overview.year),
            "region": overview.region,
        }
        for entry in overview.entries
    )
    return _csv(OVERVIEW_COLUMNS, rows, language)


@attrs.frozen(repr=False)
class _CsvRow(Record):
    """One CSV row with its line number, for located errors."""

    cells: dict[str, str]
    line: int
    path: str | Path | None
    language: Language

    def label(self, key: str) -> str:
        return _label(key, self.language)

    def error(
        self, problem: str | KluRulesError, column: str | None = None, **parameters: Any
    ) -> FileFormatError:
        """``problem``, the key of an ``error.evaluation_file`` text or an error raised inside,
        located at the row (and ``column``)."""
        key = None if column is None else self.label(column)
        if isinstance(problem, str):
            text_key = f"evaluation_file.{problem}"
            return coded(
                FileFormatError, text_key, parameters, path=self.path, key=key, line=self.line
            )
        error = FileFormatError(str(problem), path=self.path, key=key, line=self.line)
        error.text_key, error.text_parameters = problem.text_key, problem.text_parameters
        return error

    def number(self, column: str, pattern: str, what: str) -> int | None:
        """The whole number in ``column``; ``what`` says what it must be (``csv_count``,
        ``csv_year``)."""
        cell = self.cells[column]
        if not cell and column != "year":
            return None
        if not re.fullmatch(pattern, cell):
            raise self.error(what, column, got=excerpt(cell))
        return int(cell)

    def state(self) -> EntryState:
        for state in ENTRY_STATES:
            if self.cells["state"] == self.label(state):
                return state
        labels = ", ".join(repr(self.label(s)) for s in ENTRY_STATES)
        raise self.error("csv_state", "state", labels=labels, got=excerpt(self.cells["state"]))

    def entry(self, year: int) -> EvaluationEntry:
        cells, state = self.cells, self.state()
        if state == "no_report":
            filled = [c for c in REPORT_COLUMNS[1:] if c != "year" and cells[c]]
            if filled:
                columns = ", ".join(repr(self.label(c)) for c in filled)
                raise self.error("csv_filled", "state", columns=columns)
            return EvaluationEntry(cells["municipality"])
        numbers = [self.number(c, "[0-9]{1,9}", "csv_count") for c in _NUMBERS]
        count = None
        if cells["meeting_count"] or numbers != [None, None, None]:
            count = MeetingCount(
                raw=cells["meeting_count"], **dict(zip(_NUMBERS, numbers, strict=True))
            )
        try:
            sent_on = date.fromisoformat(cells["sent_on"]) if cells["sent_on"] else None
        except ValueError:
            raise self.error("csv_date", "sent_on", got=excerpt(cells["sent_on"])) from None
        report = EvaluationReport(
            municipality=cells["municipality"],
            year=year,
            meeting_count=count,
            topics=cells["topics"].split("\n") if cells["topics"] else (),
            local_agreements_follow_up=cells["local_agreements_follow_up"],
            general_assessment=cells["general_assessment"],
            sent_to=cells["sent_to"] or None,
            sent_on=sent_on,
            sources=[s.strip() for s in cells["sources"].split(",")] if cells["sources"] else (),
        )
        entry = EvaluationEntry.for_report(report)
        if entry.state != state:
            raise self.error(
                "csv_state_mismatch",
                "state",
                said=repr(self.label(state)),
                given=repr(self.label(entry.state)),
            )
        return entry


def _header_language(header: Sequence[str]) -> Language:
    """The language most of the header's labels are in (Danish when it is a tie)."""
    labels = set(header)
    return max(
        LANGUAGES,
        key=lambda language: (
            len(labels & {_label(c, language) for c in OVERVIEW_COLUMNS}),
            language == "da",
        ),
    )


def overview_from_csv(text: str, *, path: str | Path | None = None) -> RegionOverview:
    """Read an overview written by :func:`overview_to_csv` (see :func:`_overview_from_csv`)."""
    with reading(path):
        return _overview_from_csv(text, path=path)


def _overview_from_csv(text: str, *, path: str | Path | None = None) -> RegionOverview:
    """Read an overview written by :func:`overview_to_csv`.

    The header holds the labels of :data:`OVERVIEW_COLUMNS` in Danish (the
    region's) or in English, in any order, and the status cells are in the
    header's language; the numbers are read from their own columns, not from the count
    text. ``path`` is only used in error messages. Problems are
    :class:`~klu_rules.core.errors.FileFormatError` with the line and column.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    language = _header_language(header or [])
    expected = {_label(c, language): c for c in OVERVIEW_COLUMNS}
    if header is None:
        raise coded(
            FileFormatError,
            "evaluation_file.csv_empty",
            {"header": ", ".join(expected)},
            path=path,
            line=1,
        )
    missing = [label for label in expected if label not in header]
    unknown = [label for label in header if label not in expected]
    if missing or unknown or len(set(header)) != len(header):
        problem = "missing" if missing else "unknown" if unknown else "repeated"
        raise coded(
            FileFormatError,
            f"evaluation_file.csv_header_{problem}",
            {
                "header": ", ".join(expected),
                "missing": ", ".join(map(repr, missing)),
                "unknown": ", ".join(map(repr, unknown)),
                "got": excerpt(", ".join(header)),
            },
            path=path,
            line=1,
        )
    columns = [expected[label] for label in header]
    region: str | None = None
    year: int | None = None
    entries: list[EvaluationEntry] = []
    for cells in reader:
        if not cells:
            continue
        row = _CsvRow(dict(zip(columns, cells, strict=False)), reader.line_num, path, language)
        if len(cells) != len(columns):
            raise row.error("csv_cells", expected=len(columns), got=len(cells))
        row_year = row.number("year", "[0-9]{1,4}", "csv_year")
        assert row_year is not None
        if region is None:
            region, year = row.cells["region"], row_year
        elif (row.cells["region"], row_year) != (region, year):
            raise row.error(
                "csv_region",
                region=excerpt(region),
                year=year,
                got_region=excerpt(row.cells["region"]),
                got_year=row_year,
            )
        try:
            entries.append(row.entry(row_year))
        except FileFormatError:
            raise
        except InvalidValueError as exc:
            raise row.error(exc) from None
    if region is None or year is None:
        raise coded(FileFormatError, "evaluation_file.csv_no_rows", {}, path=path, line=2)
    try:
        return RegionOverview(region=region, year=year, entries=entries)
    except InvalidValueError as exc:
        error = FileFormatError(str(exc), path=path)
        error.text_key, error.text_parameters = exc.text_key, exc.text_parameters
        raise error from None
