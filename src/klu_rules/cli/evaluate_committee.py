"""``klu-rules evaluate --committee FILE --year N``: one committee's annual evaluation.

The report (*evaluering af samarbejdet i KLU*) is built from the committee
file's records by :func:`klu_rules.checks.evaluation_report.report_from_records`: the meetings
held, the topics of their agendas or minutes, the status of the local
agreements and the evaluation record's assessment. ``--format`` chooses text
(the report and the year's findings), markdown or csv (the report as it is
sent, rendered by :mod:`klu_rules.checks.evaluation`) or json (both, one document).

:func:`add_committee_arguments` adds the options to the ``evaluate``
parser; :func:`run_committee` handles them.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from klu_rules.checks.compliance import YearReview, review_year
from klu_rules.checks.evaluation import EvaluationReport, report_to_csv, report_to_markdown
from klu_rules.checks.evaluation_report import report_from_records
from klu_rules.cli._common import parse_date
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.labels import EVALUATION_DA, SEVERITY_DA
from klu_rules.io.committee_file import load_committee
from klu_rules.model.committee import Committee

__all__ = [
    "FORMATS",
    "JSON_SCHEMA",
    "add_committee_arguments",
    "render_committee",
    "report_to_text",
    "run_committee",
]

#: The ``schema`` value of the JSON document; bumped on incompatible changes.
JSON_SCHEMA = "klu-rules/evaluate-committee/1"

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


def _plain(text: str, indent: str = "  ") -> list[str]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return [indent + line for line in lines] or [indent + EVALUATION_DA["not_stated"]]


def report_to_text(report: EvaluationReport) -> str:
    """One report as plain text, its sections in the order of Region Syddanmark's overview."""
    count = report.meeting_count
    if count is None:
        meetings = EVALUATION_DA["not_stated"]
    else:
        numbers = [
            f"{EVALUATION_DA[key].lower()} {value}"
            for key, value in (
                ("held", count.held),
                ("planned", count.planned),
                ("cancelled", count.cancelled),
            )
            if value is not None
        ]
        meetings = count.text + (f" ({', '.join(numbers)})" if numbers else "")
    sent = (
        EVALUATION_DA["not_sent"]
        if report.sent_on is None
        else f"{EVALUATION_DA['sent_on'].lower()} {report.sent_on.isoformat()}"
    )
    lines = [
        EVALUATION_DA["report_title"].format(municipality=report.municipality, year=report.year),
        "",
        f"{EVALUATION_DA['meeting_count']}: {meetings}",
        "",
        f"{EVALUATION_DA['topics']}:",
        *([f"  - {t}" for t in report.topics] or [f"  {EVALUATION_DA['not_stated']}"]),
        "",
        f"{EVALUATION_DA['local_agreements_follow_up']}:",
        *_plain(report.local_agreements_follow_up),
        "",
        f"{EVALUATION_DA['general_assessment']}:",
        *_plain(report.general_assessment),
        "",
        f"{EVALUATION_DA['sent_to']}: {report.sent_to} ({sent})",
        f"{EVALUATION_DA['sources']}: {', '.join(report.sources)}",
    ]
    return "\n".join(lines) + "\n"


def _review(committee: Committee, year: int, as_of: date | None) -> YearReview | None:
    try:
        return review_year(committee, year, as_of=as_of)
    except NoRulesInForceError:
        return None


def _review_text(review: YearReview | None) -> str:
    if review is None:
        return "Ingen regler i kraft i året; årets forløb er ikke vurderet.\n"
    when = f"pr. {review.as_of.isoformat()}" if review.as_of else "uden dato"
    lines = [f"Årets forløb {review.year} ({when}):"]
    lines += [f"  - {check.explain_da()}" for check in review.checks]
    if review.findings:
        lines += ["", "Bemærkninger:"]
        lines += [f"  - [{SEVERITY_DA[f.severity]}] {f.code}: {f.message}" for f in review.findings]
    return "\n".join(lines) + "\n"


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
            "report": report.to_dict(),
            "review": None if review is None else review.to_dict(),
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return report_to_text(report) + "\n" + _review_text(review)


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
