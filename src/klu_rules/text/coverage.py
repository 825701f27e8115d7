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
from klu_rules.rules.agreement_routes import agreements_on
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


def _changes(
    status: CoverageStatus, decision: CoverageDecision | None, recorded: bool
) -> list[str]:
    """What the year's review changed for the area: new, keeps_rights, loses_rights, expires;
    ``to_be_reviewed`` in place of the last two when the register holds no review of the
    year (what it decides is not known)."""
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
    if not recorded and {"loses_rights", "expires"} & set(changes):
        changes = [c for c in changes if c not in ("loses_rights", "expires")]
        changes.append("to_be_reviewed")
    return changes


def _continuation(on: date) -> dict[str, Any]:
    """How the rights stand under the agreement in force on ``on``: ``stated`` (its
    citations are in the data), or ``assumed`` / ``not_known`` (the agreement data's
    ``section_102`` status: continued, its text not found; or the agreement not known), with
    ``from`` the last agreement whose citations the data holds."""
    agreement = RIGHTS_DATA.agreement_on(on)
    cited = {c.agreement for c in RIGHTS_DATA.citations}
    if agreement.key in cited:
        return {"status": "stated", "from": agreement.key}
    earlier = [
        a.key
        for a in RIGHTS_DATA.agreements
        if a.key in cited and a.in_force_until is not None and a.in_force_until < on
    ]
    found = [a.section_102 for a in agreements_on(on) if a.key == agreement.key]
    status = found[0] if found and found[0] != "stated" else "not_known"
    return {"status": status, "from": earlier[-1] if earlier else None}


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
    asked = on.year if on is not None else year
    recorded = asked in register.review_years
    continuation = None if on is None else _continuation(on)
    areas = []
    for status in statuses:
        granted = rights.get(status.area.id)
        entry = to_data(status)
        entry["change"] = _changes(status, decision, recorded)
        entry["rights"] = [] if granted is None else to_data(granted.rights)
        if continuation is not None and continuation["status"] != "stated":
            for right in entry["rights"]:
                cited = RIGHTS_DATA.citation(right["id"], continuation["from"] or "")
                right["assumed_citation"] = None if cited is None else cited.citation
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
            "review_recorded": recorded,
            "lists_complete": asked is None or register.lists_complete(asked),
        },
        "complete_from": register.complete_from,
        "continuation": continuation,
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
    year = query["year"] if query["year"] is not None else int(query["on"][:4])
    if not query["review_recorded"]:
        lines.append(_word("no_review", language, year=year) + ".")
    if not query["lists_complete"]:
        lines.append(
            _word("incomplete", language, year=year, complete_from=doc["complete_from"]) + "."
        )
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


def _right_row(right: dict[str, Any], doc: dict[str, Any], language: Language) -> str:
    """One right: its words (the source's Danish, or the English title) and where the
    agreement in force grants it, or that it is assumed to continue as the last one did."""
    text = right["source_text"] if language == "da" else right["title"]
    if right["citation"]:
        return f"{text} ({right['agreement']} {right['citation']})"
    continuation = doc["continuation"]
    assumed = right.get("assumed_citation")
    if continuation is not None and continuation["from"] and assumed:
        return f"{text} ({_word('as_under', language, stated=continuation['from'])} {assumed})"
    return f"{text} ({right['agreement']}: {_word('not_stated', language)})"


def _rights(doc: dict[str, Any], language: Language) -> tuple[str, list[str]] | None:
    """The heading and the numbered lines of the rights, when an area has any."""
    for entry in doc["areas"]:
        if entry["rights"]:
            rows = [
                f"{n}. {_right_row(r, doc, language)}"
                for n, r in enumerate(entry["rights"], start=1)
            ]
            agreement = doc["agreement"]["key"]
            continuation = doc["continuation"]
            if continuation["status"] == "stated" or not continuation["from"]:
                return _word("rights", language, agreement=agreement), rows
            key = f"rights_{continuation['status']}"
            return _word(key, language, agreement=agreement, stated=continuation["from"]), rows
    return None


def _group(entry: dict[str, Any]) -> str:
    """The group an area is listed in: its outcome, or ``unknown`` when the year's review
    that decides it is not in the register."""
    return "unknown" if "to_be_reviewed" in entry["change"] else str(entry["outcome"])


def _render_text(doc: dict[str, Any], reasons: dict[str, str] | None, language: Language) -> str:
    out = [doc["title"] or doc["region"], _heading(doc, language)]
    out.extend(_notes(doc, language))
    width = max((len(e["area"]["name"]) for e in doc["areas"]), default=0)
    for status in ("threatened", "attention", "unknown", "none"):
        group = [e for e in doc["areas"] if _group(e) == status]
        if not group:
            continue
        heading = _word(status, language, year=doc["query"]["year"])
        if status == "none" and not doc["query"]["lists_complete"]:
            heading = _word("none_known", language)
        out += ["", f"{heading} ({len(group)}):"]
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
            _word(_group(entry) + "_one", language),
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
                ),  # the CSV's cells stay as they were: the JSON has the continuation
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
