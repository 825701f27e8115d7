"""``klu-rules evaluate``: annual evaluations (*årlig evaluering*, OK22 § 102 stk. 6).

``klu-rules evaluate --overview [FILE ...]`` prints a region's overview of its
committees' evaluation reports: one line per municipality with the number of
meetings as reported and as read, topics, follow-up on local agreements and
the general assessment, and the totals. Without FILE it prints the shipped
example, Region Syddanmark's overview of 2023 (``RSD-EVAL-2023``).

The command takes one mode option from a required group; each mode has its
own handler in :data:`_MODES`, so another mode is one option and one function.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import Any

from klu_rules.cli.evaluate_committee import add_committee_arguments, run_committee
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.serialize import to_data
from klu_rules.io.evaluation_file import load_evaluations, overview_to_csv, rsd_2023
from klu_rules.model.evaluation import RegionOverview
from klu_rules.text.evaluation import overview_to_markdown, overview_to_text

__all__ = ["FORMATS", "JSON_SCHEMA", "add_parser", "render_overviews", "run"]

#: The ``schema`` value of the JSON document; bumped on incompatible changes
#: (2: each overview is its serialized data plus its totals; an entry's state is not repeated).
JSON_SCHEMA = "klu-rules/evaluate/2"

FORMATS: tuple[str, ...] = ("text", "markdown", "csv", "json")


def add_parser(subparsers: Any) -> None:
    """Register the ``evaluate`` subcommand."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "evaluate",
        help="annual evaluations of the committees (årlig evaluering)",
        description=(
            "Print annual KLU evaluations. --overview prints a region's overview of its "
            "committees' reports (default: Region Syddanmark 2023, shipped as an example); "
            "--committee prints one committee's report built from its records."
        ),
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--overview",
        nargs="*",
        metavar="FILE",
        help="print the overview in each evaluation file (TOML, schema_version = 1); "
        "without FILE, the shipped Region Syddanmark 2023 example",
    )
    add_committee_arguments(parser, mode_group=mode)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.set_defaults(func=run)


def render_overviews(overviews: Sequence[RegionOverview], fmt: str) -> str:
    """The overviews in ``fmt``: text and markdown one after another, CSV as one table
    (one header; each row names its region and year), JSON as one document.
    """
    if fmt == "json":
        doc = {
            "schema": JSON_SCHEMA,
            "overviews": [{**to_data(o), "totals": to_data(o.totals)} for o in overviews],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        tables = [overview_to_csv(o) for o in overviews]
        return tables[0] + "".join(t.split("\n", 1)[1] for t in tables[1:])
    render = overview_to_markdown if fmt == "markdown" else overview_to_text
    return "\n".join(render(o) for o in overviews)


def _overview(args: argparse.Namespace) -> int:
    files: list[str] = args.overview
    overviews = [load_evaluations(f) for f in files] if files else [rsd_2023()]
    print(render_overviews(overviews, args.format), end="")
    return 0


# (argument name, handler): the first mode given on the command line runs.
_MODES: tuple[tuple[str, Callable[[argparse.Namespace], int]], ...] = (
    ("overview", _overview),
    ("committee", run_committee),
)


def run(args: argparse.Namespace) -> int:
    """Handle ``klu-rules evaluate``; returns the exit status."""
    for name, handler in _MODES:
        if getattr(args, name, None) is not None:
            return handler(args)
    raise InvalidValueError(  # pragma: no cover - argparse requires one mode
        "say what to evaluate: --overview [FILE ...] or --committee FILE"
    )
