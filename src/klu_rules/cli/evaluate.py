"""``klu-rules evaluate``: annual evaluations (*årlig evaluering*, OK22 § 102 stk. 6).

``--overview [FILE ...]``: a region's overview of its committees' reports (default: the
shipped ``RSD-EVAL-2023``). ``--committee FILE``: one committee's report built from its
records, in text with the year's checks, markdown or csv as sent, or json with both.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from typing import Literal

from klu_rules.checks.compliance import YearReview, review_year
from klu_rules.checks.evaluation_report import report_from_records
from klu_rules.cli._common import (
    add_format_option,
    exit_status,
    parse_date,
    year_number,
)
from klu_rules.cli._parser import argument_type, help_text, metavar
from klu_rules.cli.show import warn
from klu_rules.core.errors import InvalidValueError, NoRulesInForceError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, excerpt
from klu_rules.core.serialize import to_data
from klu_rules.io.committee_file import load_committee
from klu_rules.io.evaluation_file import load_evaluations, overview_to_csv, report_to_csv, rsd_2023
from klu_rules.model.committee import Committee
from klu_rules.model.evaluation import RegionOverview
from klu_rules.model.geography import place_findings
from klu_rules.text.evaluation import (
    overview_to_markdown,
    overview_to_text,
    report_to_markdown,
    report_to_text,
    review_to_text,
)

__all__ = [
    "COMMITTEE_SCHEMA",
    "FORMATS",
    "JSON_SCHEMA",
    "add_arguments",
    "render_committee",
    "render_overviews",
    "run",
]

#: The ``schema`` values of the JSON documents; bumped on incompatible changes (2: each
#: overview, report and review as the one serializer writes them, an overview with its totals).
JSON_SCHEMA = "klu-rules/evaluate/3"
COMMITTEE_SCHEMA = "klu-rules/evaluate-committee/3"

FORMATS: tuple[str, ...] = ("text", "markdown", "csv", "json")


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """Fill in the ``evaluate`` subcommand."""
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--overview",
        nargs="*",
        metavar=metavar(parser, "file"),
        help=help_text(parser, "evaluate.overview"),
    )
    mode.add_argument(
        "--committee",
        metavar=metavar(parser, "file"),
        help=help_text(parser, "evaluate.committee"),
    )
    parser.add_argument(
        "--year",
        type=argument_type(parser, year_number),
        metavar=metavar(parser, "number"),
        help=help_text(parser, "evaluate.year"),
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        metavar=metavar(parser, "date"),
        help=help_text(parser, "evaluate.as_of"),
    )
    add_format_option(parser, FORMATS, help_key="common.format")
    parser.set_defaults(func=run)


def render_overviews(
    overviews: Sequence[RegionOverview], fmt: str, language: Language = "en"
) -> str:
    """The overviews in ``fmt``: text and markdown one after another, CSV as one table
    (one header; each row names its region and year), JSON as one document. Text and
    markdown are in ``language``.
    """
    language = check_language(language)
    if fmt == "json":
        docs = [{**to_data(o), "totals": to_data(o.totals)} for o in overviews]
        doc = {"schema": JSON_SCHEMA, "overviews": docs}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        tables = [overview_to_csv(o, language=language) for o in overviews]
        return tables[0] + "".join(t.split("\n", 1)[1] for t in tables[1:])
    if fmt == "markdown":
        return "\n".join(overview_to_markdown(o, language) for o in overviews)
    return "\n".join(overview_to_text(o, language=language) for o in overviews)


def year_review(committee: Committee, year: int, as_of: date | None) -> YearReview | None:
    """The year's review against the rules in force, or None before any rules were."""
    try:
        return review_year(committee, year, as_of=as_of)
    except NoRulesInForceError:
        return None


def render_committee(
    committee: Committee,
    year: int,
    fmt: str = "text",
    *,
    as_of: date | None = None,
    language: Language = "en",
    review: YearReview | Literal["compute"] | None = "compute",
) -> str:
    """One committee's report of ``year`` in ``fmt`` (one of :data:`FORMATS`); text and
    markdown in ``language``. ``review`` is the year's review when the caller has it
    (:func:`year_review`); by default it is computed."""
    language = check_language(language)
    if fmt not in FORMATS:
        raise coded(
            InvalidValueError,
            "coverage_text.format",
            {"formats": ", ".join(FORMATS), "got": excerpt(fmt)},
        )
    report = report_from_records(committee, year, as_of=as_of, language=language)
    if fmt == "markdown":
        return report_to_markdown(report, language)
    if fmt == "csv":
        return report_to_csv(report, language=language)
    if review == "compute":
        review = year_review(committee, year, as_of)
    if fmt == "json":
        doc = {
            "schema": COMMITTEE_SCHEMA,
            "committee": committee.id,
            "report": to_data(report),
            "review": None if review is None else review.to_dict(),
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    return report_to_text(report, language) + "\n" + review_to_text(review, language)


def _of_year(overviews: Sequence[RegionOverview], year: int) -> list[RegionOverview]:
    """The overviews of ``year``; none is an error naming the years there are."""
    chosen = [o for o in overviews if o.year == year]
    if not chosen:
        years = ", ".join(str(y) for y in sorted({o.year for o in overviews}))
        raise coded(InvalidValueError, "cli.evaluate_no_year", {"year": year, "years": years})
    return chosen


def run(args: argparse.Namespace) -> int:
    """Handle ``klu-rules evaluate``; returns the exit status."""
    fmt = getattr(args, "format", None) or "text"
    if getattr(args, "overview", None) is not None:
        files: list[str] = args.overview
        overviews = [load_evaluations(f) for f in files] if files else [rsd_2023()]
        year = getattr(args, "year", None)
        if year is not None:
            overviews = _of_year(overviews, year)
        text = render_overviews(overviews, fmt, args.lang)
        for overview in overviews:
            names = [entry.municipality for entry in overview.entries]
            warn(place_findings(names, overview.region), args.lang)
        print(text, end="")
        return 0
    if getattr(args, "committee", None) is None:  # pragma: no cover - argparse requires one mode
        raise coded(InvalidValueError, "cli.evaluate_what", {})
    committee = load_committee(args.committee)
    year = getattr(args, "year", None) or committee.year
    if year is None:
        raise coded(InvalidValueError, "cli_no_year", {"file": str(args.committee)})
    as_of_text = getattr(args, "as_of", None)
    as_of = None if as_of_text is None else parse_date(as_of_text, "--as-of")
    review = year_review(committee, year, as_of)
    text = render_committee(committee, year, fmt, as_of=as_of, language=args.lang, review=review)
    print(text, end="")
    return exit_status(review)
