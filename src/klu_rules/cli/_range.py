"""``--from DATE --to DATE`` of ``klu-rules plan`` and ``klu-rules ics``: a date range.

:func:`add_range_options` adds the two options; :func:`range_from_args` reads them;
:func:`render_range` writes a :class:`~klu_rules.checks.date_range.RangePlan` as text.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from klu_rules.cli._common import parse_date
from klu_rules.cli._parser import help_text, metavar
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, message
from klu_rules.text._forms import finding_line

if TYPE_CHECKING:
    from klu_rules.checks.date_range import RangePlan

__all__ = ["add_range_options", "range_from_args", "render_range"]


def add_range_options(parser: argparse.ArgumentParser) -> None:
    """``--from DATE`` and ``--to DATE`` (both or neither; not with ``--year``)."""
    parser.add_argument(
        "--from",
        dest="range_from",
        metavar=metavar(parser, "date"),
        help=help_text(parser, "range.from"),
    )
    parser.add_argument(
        "--to", dest="range_to", metavar=metavar(parser, "date"), help=help_text(parser, "range.to")
    )


def range_from_args(args: argparse.Namespace) -> tuple[dt.date, dt.date] | None:
    """The range ``--from``/``--to`` give, or None without them."""
    start, end = getattr(args, "range_from", None), getattr(args, "range_to", None)
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise coded(InvalidValueError, "range_options", {})
    if getattr(args, "meeting", None):
        raise coded(InvalidValueError, "range_with_meeting", {})
    if getattr(args, "year", None) is not None:
        raise coded(InvalidValueError, "range_with_year", {})
    return parse_date(start, "--from"), parse_date(end, "--to")


def render_range(plan: RangePlan, language: Language = "en") -> str:
    """The range's meetings and deadlines in date order, then the findings."""
    language = check_language(language)
    name = plan.committee_name or ""
    lines = [message("range.title", language, name=name, start=plan.start, end=plan.end), ""]
    for item in plan.items:
        what = (
            message("range.meeting", language)
            if item.kind == "meeting"
            else message(f"deadline_kind.{item.kind}", language)
        )
        lines.append(
            "  "
            + message(
                "range.item",
                language,
                day=item.date,
                what=what,
                meeting=item.meeting_id,
                meeting_day=item.meeting_date,
            )
        )
    if not plan.items:
        lines.append("  " + message("range.none", language))
    shown = [f for p in plan.meetings for f in p.findings] + list(plan.findings)
    if shown:
        lines.append("")
    lines += [finding_line(found, language) for found in dict.fromkeys(shown)]
    return "\n".join(lines)
