"""Former home of the annual evaluation, kept only so that existing imports work.

The names live by concept now: the data in :mod:`klu_rules.model.evaluation`,
the count reader in :mod:`klu_rules.io.meeting_count_text`, the TOML and CSV
files in :mod:`klu_rules.io.evaluation_file` and the rendering in
:mod:`klu_rules.text.evaluation`. Import from there.
"""

from __future__ import annotations

from klu_rules.io.evaluation_file import (
    load_evaluations,
    overview_from_csv,
    overview_to_csv,
    rsd_2023,
)
from klu_rules.io.meeting_count_text import parse_meeting_count
from klu_rules.model.evaluation import EvaluationReport, MeetingCount, RegionOverview

__all__ = [
    "EvaluationReport",
    "MeetingCount",
    "RegionOverview",
    "load_evaluations",
    "overview_from_csv",
    "overview_to_csv",
    "parse_meeting_count",
    "rsd_2023",
]
