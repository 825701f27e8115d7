"""Former home of the annual evaluation; its names now live by concept.

- data: :mod:`klu_rules.model.evaluation` (``EvaluationReport``,
  ``MeetingCount``, ``RegionOverview``, ...);
- the free-text count reader: :mod:`klu_rules.io.meeting_count_text`;
- files: :mod:`klu_rules.io.evaluation_file` (TOML and CSV, ``rsd_2023``);
- rendering: :mod:`klu_rules.text.evaluation`.

This module only re-exports them so that existing imports keep working
until their callers move; new code imports from the modules above.
"""

from __future__ import annotations

from klu_rules.io.evaluation_file import (
    OVERVIEW_COLUMNS,
    REPORT_COLUMNS,
    SCHEMA_VERSION,
    load_evaluations,
    overview_from_csv,
    overview_from_mapping,
    overview_to_csv,
    report_from_values,
    report_to_csv,
    rsd_2023,
)
from klu_rules.io.meeting_count_text import parse_meeting_count
from klu_rules.model.evaluation import (
    DEFAULT_RECIPIENT,
    DEFAULT_REPORT_SOURCES,
    ENTRY_STATES,
    EntryState,
    EvaluationEntry,
    EvaluationReport,
    MeetingCount,
    OverviewTotals,
    RegionOverview,
)
from klu_rules.text.evaluation import overview_to_markdown, overview_to_text, report_to_markdown

__all__ = [
    "DEFAULT_RECIPIENT",
    "DEFAULT_REPORT_SOURCES",
    "ENTRY_STATES",
    "OVERVIEW_COLUMNS",
    "REPORT_COLUMNS",
    "SCHEMA_VERSION",
    "EntryState",
    "EvaluationEntry",
    "EvaluationReport",
    "MeetingCount",
    "OverviewTotals",
    "RegionOverview",
    "load_evaluations",
    "overview_from_csv",
    "overview_from_mapping",
    "overview_to_csv",
    "overview_to_markdown",
    "overview_to_text",
    "parse_meeting_count",
    "report_from_values",
    "report_to_csv",
    "report_to_markdown",
    "rsd_2023",
]
