"""Doctor-coverage areas as a document: JSON, text, Markdown and CSV (``klu-rules coverage``).

:func:`coverage_document` builds the JSON document (``schema``
:data:`JSON_SCHEMA`, described in ``docs/howto-coverage.md``) from the
results of :mod:`klu_rules.checks.coverage`; the text, Markdown and CSV
renderers read that document, so every format shows the same content.
Headings and labels come from the ``coverage`` section of the text catalogues, in the
language asked for.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any, Literal

from klu_rules.checks.coverage import (
    CoverageDecision,
    CoverageRegister,
    CoverageStatus,
    coverage_decision,
    coverage_rights,
    coverage_statuses,
)
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, message
from klu_rules.core.serialize import to_data
from klu_rules.rules.coverage_rights import NATIONAL_MODEL, RIGHTS_DATA

__all__ = ["COVERAGE_FORMATS", "JSON_SCHEMA", "CoverageFormat", "coverage_document", "render"]

#: The ``schema`` value of the JSON document; bumped on incompatible changes
#: (2: each area is a CoverageStatus with its outcome under ``outcome``; the
#: lists carry whole designations; rights carry their parameters as a table).
JSON_SCHEMA = "klu-rules/coverage/3"

CoverageFormat = Literal["text", "markdown", "csv", "json"]
COVERAGE_FORMATS: tuple[CoverageFormat, ...] = ("text", "markdown", "csv", "json")
_CSV_COLUMNS = (
    "area_id area_name status since_year until_year decided_on change rights reason sources"
)


def _changes(status: CoverageStatus, decision: CoverageDecision | None) -> list[str]:
    """What the year's review changed for the area: new, keeps_rights, loses_rights, expires."""
    if decision is None:
        return []
    lists = {
        "new": decision.new_threatened + decision.new_attention,
        "keeps_rights": decision.keeping_rights,
        "loses_rights": decision.losing_rights,
    }
    changes = [k for k, group in lists.items() if any(d.area == status.area for d in group)]
    if "loses_rights" not in changes and status.outcome == "none" and status.expired:
        changes.append("expires")
    return changes


def coverage_document(
    register: CoverageRegister, *, on: date | None = None, year: int | None = None
) -> dict[str, Any]:
    """The JSON document (``schema`` :data:`JSON_SCHEMA`) for a date or a year."""
    statuses = coverage_statuses(register, on=on, year=year)
    decision = coverage_decision(register, year) if year is not None else None
    rights = (
        {}
        if on is None
        else {s.area.id: coverage_rights(register, s.area, on=on) for s in statuses}
    )
    review = None if year is None else register.review_date(year)
    areas = []
    for status in statuses:
        granted = rights.get(status.area.id)
        entry = to_data(status)
        entry["change"] = _changes(status, decision)
        entry["rights"] = [] if granted is None else to_data(granted.rights)
        areas.append(entry)
    sources = {
        key: None
        for group in (register.sources, *(x.sources for x in (*statuses, *rights.values())))
        for key in group
    }
    return {
        "schema": JSON_SCHEMA,
        "title": register.title,
        "region": register.policy.region,
        "query": {
            "on": None if on is None else on.isoformat(),
            "year": year,
            "review_date": None if review is None else review.isoformat(),
            "review_recorded": (on.year if on is not None else year) in register.review_years,
        },
        "policy": to_data(register.policy),
        "agreement": None if on is None else to_data(RIGHTS_DATA.agreement_on(on)),
        "areas": areas,
        "lists": None if decision is None else decision.to_dict(),
        "national_model": NATIONAL_MODEL.explain().to_dict(),
        "sources": list(sources),
    }


def _word(key: str, language: Language, **parameters: object) -> str:
    return message(f"coverage.{key}", language, **parameters)


def _heading(doc: dict[str, Any], language: Language) -> str:
    query = doc["query"]
    if query["on"] is not None:
        return _word("status_on", language, day=date.fromisoformat(query["on"]))
    if query["review_date"] is not None:
        day = date.fromisoformat(query["review_date"])
        return _word("status_after_review_on", language, year=query["year"], day=day)
    return _word("status_after_review", language, year=query["year"])


def _main(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The designation shown for an area: the longest-running producing one, else expired."""
    shown: list[dict[str, Any]] = entry["designations"] or entry["expired"]
    if not shown:
        return None
    return max(shown, key=lambda d: (d["until_year"], d["year"]))


def _detail(entry: dict[str, Any], language: Language) -> str:
    parts = []
    main = _main(entry)
    if main is not None:
        parts.append(
            f"{_word('designated', language)} {main['year']}, {_word('until', language)} "
            f"{main['until_year']}"
        )
    parts.extend(_word(c, language) for c in entry["change"])
    return "; ".join(parts)


def _notes(doc: dict[str, Any], language: Language) -> list[str]:
    lines = []
    query = doc["query"]
    if not query["review_recorded"]:
        year = query["year"] if query["year"] is not None else query["on"][:4]
        lines.append(_word("no_review", language, year=year) + ".")
    lines.append(
        _word(
            "periods",
            language,
            threatened=doc["policy"]["threatened_period_years"],
            attention=doc["policy"]["attention_period_years"],
        )
        + "."
    )
    return lines


def _rights(doc: dict[str, Any], language: Language) -> tuple[str, list[str]] | None:
    """The heading and the numbered lines of the rights, when an area has any."""
    for entry in doc["areas"]:
        if entry["rights"]:
            rows = [
                f"{n}. {r['source_text']} ({r['agreement']} "
                f"{r['citation'] or _word('not_stated', language)})"
                for n, r in enumerate(entry["rights"], start=1)
            ]
            return _word("rights", language, agreement=doc["agreement"]["key"]), rows
    return None


def _render_text(doc: dict[str, Any], reasons: dict[str, str] | None, language: Language) -> str:
    out = [doc["title"] or doc["region"], _heading(doc, language)]
    out.extend(_notes(doc, language))
    width = max((len(e["area"]["name"]) for e in doc["areas"]), default=0)
    for status in ("threatened", "attention", "none"):
        group = [e for e in doc["areas"] if e["outcome"] == status]
        if not group:
            continue
        out += ["", f"{_word(status, language)} ({len(group)}):"]
        for entry in group:
            detail = _detail(entry, language)
            out.append(f"  {entry['area']['name']:<{width}}  {detail}".rstrip())
            if reasons is not None:
                out.append(f"    {reasons[entry['area']['id']]}")
    rights = _rights(doc, language)
    if rights is not None:
        out += ["", f"{rights[0]}:", *(f"  {row}" for row in rights[1])]
    out += ["", f"{_word('sources', language)}: {', '.join(doc['sources'])}"]
    return "\n".join(out) + "\n"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|")


def _render_markdown(
    doc: dict[str, Any], reasons: dict[str, str] | None, language: Language
) -> str:
    out = [f"# {doc['title'] or doc['region']}", "", f"**{_heading(doc, language)}**", ""]
    out.extend(f"{line}  " for line in _notes(doc, language))
    out.append("")
    keys = ("area", "status", "designated", "until", "change", "reason")
    columns = [_word(k, language) for k in keys[: 6 if reasons is not None else 5]]
    columns = [c[:1].upper() + c[1:] for c in columns]
    out.append("| " + " | ".join(columns) + " |")
    out.append("|" + "---|" * len(columns))
    for entry in doc["areas"]:
        main = _main(entry)
        cells = [
            entry["area"]["name"],
            _word(entry["outcome"] + "_one", language),
            "" if main is None else main["year"],
            "" if main is None else main["until_year"],
            ", ".join(_word(c, language) for c in entry["change"]),
        ]
        if reasons is not None:
            cells.append(reasons[entry["area"]["id"]])
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    rights = _rights(doc, language)
    if rights is not None:
        out += ["", f"## {rights[0]}", "", *rights[1]]
    out.extend(["", f"{_word('sources', language)}: {', '.join(doc['sources'])}"])
    return "\n".join(out) + "\n"


def _render_csv(doc: dict[str, Any], language: Language) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; also quotes a lone "\r"
    writer.writerow(_CSV_COLUMNS.split())
    for entry in doc["areas"]:
        main = _main(entry)
        writer.writerow(
            (
                entry["area"]["id"],
                entry["area"]["name"],
                entry["outcome"],
                "" if main is None else main["year"],
                "" if main is None else main["until_year"],
                "" if main is None or main["decided_on"] is None else main["decided_on"],
                ";".join(entry["change"]),
                "; ".join(
                    f"{r['id']}: {r['agreement']} {r['citation'] or _word('not_stated', language)}"
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
    fmt: CoverageFormat = "text",
    explain: bool = False,
    language: Language = "en",
) -> str:
    """The output of ``klu-rules coverage`` as a string, in ``fmt``; text, markdown and the
    words of the CSV in ``language`` (JSON and the CSV's columns and status cells are data:
    codes and keys)."""
    language = check_language(language)
    doc = coverage_document(register, on=on, year=year)
    reasons = None
    if explain:
        statuses = coverage_statuses(register, on=on, year=year)
        reasons = {s.area.id: s.explain(language) for s in statuses}
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _render_csv(doc, language)
    if fmt == "markdown":
        return _render_markdown(doc, reasons, language)
    if fmt == "text":
        return _render_text(doc, reasons, language)
    raise coded(
        InvalidValueError,
        "coverage_text.format",
        {"formats": ", ".join(COVERAGE_FORMATS), "got": repr(fmt)[:60]},
    )
