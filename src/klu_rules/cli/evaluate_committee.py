"""``klu-rules evaluate --committee FILE --year N``: one committee's annual evaluation.

The report (*evaluering af samarbejdet i KLU*) is built from the committee
file's records by :func:`klu_rules.checks.evaluation_report.report_from_records`: the meetings
held, the topics of their agendas or minutes, the status of the local
agreements and the evaluation record's assessment. ``--format`` chooses text
(the report and the year's findings), markdown or csv (the report as it is
sent, rendered by :mod:`klu_rules.text.evaluation`) or json (both, one document).

:func:`add_committee_arguments` adds the options to the ``evaluate``
parser; :func:`run_committee` handles them.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from klu_rules.checks.compliance import YearReview, review_year
from klu_rules.checks.evaluation_report import report_from_records
from klu_rules.cli._common import parse_date
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.serialize import to_data
from klu_rules.io.committee_file import load_committee
from klu_rules.io.evaluation_file import report_to_csv
from klu_rules.model.committee import Committee
from klu_rules.text.evaluation import report_to_markdown, report_to_text, review_to_text_da

__all__ = [
    "FORMATS",
    "JSON_SCHEMA",
    "add_committee_arguments",
    "render_committee",
    "run_committee",
]

#: The ``schema`` value of the JSON document; bumped on incompatible changes
#: (2: the report and the review as the one serializer writes them).
JSON_SCHEMA = "klu-rules/evaluate-committee/2"

FORMATS: tuple[str, ...] = ("text", "markdown", "csv", "json")


def add_committee_arguments(
    parser: argparse.ArgumentParser, *, mode_group: Any | None = None
) -> None:
    """Add ``--committee FILE``, ``--year N`` and ``--as-of DATE`` to ``parser``.

    ``--committee`` goes into ``mode_group`` when given (the ``evaluate``
    command's group of mutually exclusive modes), else onto ``parser``.
    ``--format`` is the ``evaluate`` command's own option.
    """
    target = parser if mode_group is None else mode_group
    target.add_argument(
        "--committee",
        metavar="FILE",
        help="print the annual evaluation report of the committee in FILE (TOML), built from "
        "its records",
    )
    parser.add_argument(
        "--year",
        type=int,
        metavar="N",
        help="with --committee: the year to evaluate (default: the file's year)",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        metavar="YYYY-MM-DD",
        help="with --committee: only what is on record by this day counts, and the year's "
        "checks that depend on the date are judged on it",
    )


def _review(committee: Committee, year: int, as_of: date | None) -> YearReview | None:
    try:
        return review_year(committee, year, as_of=as_of)
    except NoRulesInForceError:
        return None


def render_committee(
    committee: Committee, year: int, fmt: str = "text", *, as_of: date | None = None
) -> str:
    """One committee's report of ``year`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise InvalidValueError(f"format is one of {', '.join(FORMATS)}, got {fmt!r}")
    report = report_from_records(committee, year, as_of=as_of)
    if fmt == "markdown":
        return report_to_markdown(report)
    if fmt == "csv":
        return report_to_csv(report)
    review = _review(committee, year, as_of)
    if fmt == "json":
        doc = {
            "schema": JSON_SCHEMA,
            "committee": committee.id,
            "report": to_data(report),
            "review": None if review is None else review.to_dict(),
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return report_to_text(report) + "\n" + review_to_text_da(review)


def run_committee(args: argparse.Namespace) -> int:
    """Handle ``klu-rules evaluate --committee FILE [--year N] [--as-of DATE]``."""
    committee = load_committee(args.committee)
    year = getattr(args, "year", None) or committee.year
    if year is None:
        raise InvalidValueError(
            f"{args.committee} gives no year; say which year to evaluate with --year N"
        )
    as_of_text = getattr(args, "as_of", None)
    as_of = None if as_of_text is None else parse_date(as_of_text, "--as-of")
    fmt = getattr(args, "format", None) or "text"
    print(render_committee(committee, year, fmt, as_of=as_of), end="")
    return 0
