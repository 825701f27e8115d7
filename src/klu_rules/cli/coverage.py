"""``klu-rules coverage``: the status of a region's doctor-coverage areas.

Reads a coverage file (default: the shipped Region Midtjylland 2021 example)
and prints each area's status (*lægedækningstruet område*,
*opmærksomhedsområde* or none) either on a date (``--on``, with the rights
and their citations in the agreement then in force) or as set by a year's
review (``--year``, with the minutes' four lists). Without either, the latest
year with designations in the file is used. The JSON output is described in
``docs/howto-coverage.md``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date
from typing import Any

from klu_rules.checks.coverage import (
    NOT_STATED,
    CoverageDecision,
    CoverageRegister,
    CoverageStatus,
    RightsResult,
    load_coverage,
    rm_2021,
)
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.labels import COVERAGE_DA, format_date_da

__all__ = ["JSON_SCHEMA", "add_parser", "render", "run"]

#: The ``schema`` value of the JSON document; bumped on incompatible changes.
JSON_SCHEMA = "klu-rules/coverage/1"

_FORMATS = ("text", "markdown", "csv", "json")
_CSV_COLUMNS = (
    "area_id",
    "area_name",
    "status",
    "since_year",
    "until_year",
    "decided_on",
    "change",
    "rights",
    "reason",
    "sources",
)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date written YYYY-MM-DD, e.g. 2021-06-01, got {value!r}"
        ) from None


def add_parser(subparsers: Any) -> None:
    """Register the ``coverage`` subcommand."""
    parser = subparsers.add_parser(
        "coverage",
        help="status of doctor-coverage-threatened areas (lægedækningstruede områder)",
        description=(
            "Print the status of a region's doctor-coverage areas: threatened "
            "(lægedækningstruet), attention area (opmærksomhedsområde) or none. "
            "Without --on or --year, the latest year with designations in the file is used."
        ),
    )
    parser.add_argument(
        "--file",
        metavar="FILE",
        help="coverage file (TOML, schema_version = 1); default: the shipped "
        "Region Midtjylland 2021 example",
    )
    when = parser.add_mutually_exclusive_group()
    when.add_argument(
        "--on", type=_iso_date, metavar="DATE", help="status on this date (YYYY-MM-DD)"
    )
    when.add_argument("--year", type=int, metavar="N", help="status as set by the review in year N")
    parser.add_argument("--format", choices=_FORMATS, default="text", help="output format")
    parser.add_argument(
        "--explain", action="store_true", help="text and markdown: add each area's reason"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Handle ``klu-rules coverage``; returns the exit status."""
    register = rm_2021() if args.file is None else load_coverage(args.file)
    year: int | None = args.year
    if args.on is None and year is None:
        year = register.latest_review_year
        if year is None:
            raise InvalidValueError(
                "the coverage file has no designations; give --on DATE or --year N"
            )
    print(render(register, on=args.on, year=year, fmt=args.format, explain=args.explain), end="")
    return 0


# --- the document ------------------------------------------------------------


def _changes(status: CoverageStatus, decision: CoverageDecision | None) -> list[str]:
    if decision is None:
        return []
    area_id = status.area.id
    changes = []
    if any(d.area.id == area_id for d in decision.new_threatened + decision.new_attention):
        changes.append("new")
    if any(d.area.id == area_id for d in decision.keeping_rights):
        changes.append("keeps_rights")
    if any(d.area.id == area_id for d in decision.losing_rights):
        changes.append("loses_rights")
    elif status.outcome == "none" and status.expired:
        changes.append("expires")
    return changes


def build_document(
    register: CoverageRegister, *, on: date | None = None, year: int | None = None
) -> dict[str, Any]:
    """The JSON document (``schema`` :data:`JSON_SCHEMA`) for a date or a year."""
    statuses = register.statuses(on=on, year=year)
    decision = register.decision(year) if year is not None else None
    rights: dict[str, RightsResult] = {}
    agreement = None
    if on is not None:
        agreement = register.agreement_on(on).to_dict()
        rights = {s.area.id: register.rights(s.area, on=on) for s in statuses}
    query_year = on.year if on is not None else year
    review = None if year is None else register.review_date(year)
    areas = []
    for status in statuses:
        entry = status.to_dict()
        entry["change"] = _changes(status, decision)
        granted = rights.get(status.area.id)
        entry["rights"] = [] if granted is None else [r.to_dict() for r in granted.rights]
        areas.append(entry)
    sources: dict[str, None] = dict.fromkeys(register.sources)
    for status in statuses:
        sources.update(dict.fromkeys(status.sources))
    for result in rights.values():
        sources.update(dict.fromkeys(result.sources))
    return {
        "schema": JSON_SCHEMA,
        "title": register.title,
        "region": register.policy.region,
        "query": {
            "on": None if on is None else on.isoformat(),
            "year": year,
            "review_date": None if review is None else review.isoformat(),
            "review_recorded": query_year in register.review_years,
        },
        "policy": register.policy.to_dict(),
        "agreement": agreement,
        "areas": areas,
        "lists": None if decision is None else decision.to_dict(),
        "national_model": register.national_model.explain().to_dict(),
        "sources": list(sources),
    }


# --- rendering -----------------------------------------------------------------


def _heading(doc: dict[str, Any]) -> str:
    query = doc["query"]
    if query["on"] is not None:
        day = date.fromisoformat(query["on"])
        return COVERAGE_DA["status_on"].format(day=format_date_da(day).lower())
    text = COVERAGE_DA["status_after_review"].format(year=query["year"])
    if query["review_date"] is not None:
        text += f" ({format_date_da(date.fromisoformat(query['review_date'])).lower()})"
    return text


def _main(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The designation shown for an area: the longest-running producing one, else expired."""
    shown: list[dict[str, Any]] = entry["designations"] or entry["expired"]
    if not shown:
        return None
    return max(shown, key=lambda d: (d["until_year"], d["year"]))


def _detail(entry: dict[str, Any]) -> str:
    parts = []
    main = _main(entry)
    if main is not None:
        parts.append(
            f"{COVERAGE_DA['designated']} {main['year']}, {COVERAGE_DA['until']} "
            f"{main['until_year']}"
        )
    parts.extend(COVERAGE_DA[c] for c in entry["change"])
    return "; ".join(parts)


def _notes(doc: dict[str, Any]) -> list[str]:
    lines = []
    query = doc["query"]
    if not query["review_recorded"]:
        year = query["year"] if query["year"] is not None else query["on"][:4]
        lines.append(COVERAGE_DA["no_review"].format(year=year) + ".")
    lines.append(
        COVERAGE_DA["periods"].format(
            threatened=doc["policy"]["threatened_period_years"],
            attention=doc["policy"]["attention_period_years"],
        )
        + "."
    )
    return lines


def _rights_lines(doc: dict[str, Any]) -> tuple[str, list[tuple[str, str]]] | None:
    for entry in doc["areas"]:
        if entry["rights"]:
            heading = COVERAGE_DA["rights"].format(agreement=doc["agreement"]["key"])
            rows = []
            for right in entry["rights"]:
                citation = (
                    right["citation"] if right["citation_stated"] else (COVERAGE_DA["not_stated"])
                )
                rows.append((right["source_text"], f"{right['agreement']} {citation}"))
            return heading, rows
    return None


def _render_text(doc: dict[str, Any], explain: bool) -> str:
    out = [doc["title"] or doc["region"], _heading(doc)]
    out.extend(_notes(doc))
    width = max((len(e["area"]["name"]) for e in doc["areas"]), default=0)
    for status in ("threatened", "attention", "none"):
        group = [e for e in doc["areas"] if e["status"] == status]
        if not group:
            continue
        out.append("")
        out.append(f"{COVERAGE_DA[status]} ({len(group)}):")
        for entry in group:
            detail = _detail(entry)
            name = entry["area"]["name"]
            out.append(f"  {name:<{width}}  {detail}".rstrip())
            if explain:
                out.append(f"    {entry['reason']}")
    rights = _rights_lines(doc)
    if rights is not None:
        heading, rows = rights
        out.append("")
        out.append(f"{heading}:")
        for number, (text, citation) in enumerate(rows, start=1):
            out.append(f"  {number}. {text} ({citation})")
    out.append("")
    out.append(f"{COVERAGE_DA['sources']}: {', '.join(doc['sources'])}")
    return "\n".join(out) + "\n"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|")


def _render_markdown(doc: dict[str, Any], explain: bool) -> str:
    out = [f"# {doc['title'] or doc['region']}", "", f"**{_heading(doc)}**", ""]
    out.extend(f"{line}  " for line in _notes(doc))
    out.append("")
    columns = [
        COVERAGE_DA["area"],
        COVERAGE_DA["status"],
        COVERAGE_DA["designated"].capitalize(),
        COVERAGE_DA["until"].capitalize(),
        COVERAGE_DA["change"],
    ]
    if explain:
        columns.append("Reason")
    out.append("| " + " | ".join(columns) + " |")
    out.append("|" + "---|" * len(columns))
    for entry in doc["areas"]:
        main = _main(entry)
        cells = [
            entry["area"]["name"],
            COVERAGE_DA[entry["status"] + "_one"],
            "" if main is None else main["year"],
            "" if main is None else main["until_year"],
            ", ".join(COVERAGE_DA[c] for c in entry["change"]),
        ]
        if explain:
            cells.append(entry["reason"])
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    rights = _rights_lines(doc)
    if rights is not None:
        heading, rows = rights
        out.extend(["", f"## {heading}", ""])
        out.extend(f"{n}. {text} ({citation})" for n, (text, citation) in enumerate(rows, 1))
    out.extend(["", f"{COVERAGE_DA['sources']}: {', '.join(doc['sources'])}"])
    return "\n".join(out) + "\n"


def _render_csv(doc: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; also quotes a lone "\r"
    writer.writerow(_CSV_COLUMNS)
    for entry in doc["areas"]:
        main = _main(entry)
        writer.writerow(
            (
                entry["area"]["id"],
                entry["area"]["name"],
                entry["status"],
                "" if main is None else main["year"],
                "" if main is None else main["until_year"],
                "" if main is None or main["decided_on"] is None else main["decided_on"],
                ";".join(entry["change"]),
                "; ".join(
                    f"{r['id']}: {r['agreement']} {r['citation']}"
                    if r["citation_stated"]
                    else f"{r['id']}: {r['agreement']} {NOT_STATED}"
                    for r in entry["rights"]
                ),
                entry["reason"],
                ";".join(entry["sources"]),
            )
        )
    return buffer.getvalue()


def render(
    register: CoverageRegister,
    *,
    on: date | None = None,
    year: int | None = None,
    fmt: str = "text",
    explain: bool = False,
) -> str:
    """The output of ``klu-rules coverage`` as a string, in ``fmt``."""
    doc = build_document(register, on=on, year=year)
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _render_csv(doc)
    if fmt == "markdown":
        return _render_markdown(doc, explain)
    if fmt == "text":
        return _render_text(doc, explain)
    raise InvalidValueError(f"format must be one of {', '.join(_FORMATS)}, got {fmt!r}")
