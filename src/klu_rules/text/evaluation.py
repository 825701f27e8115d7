"""The annual evaluation (a report, a region's overview) as text and Markdown, and the year
review (:class:`~klu_rules.checks.compliance.YearReview`) as text, one line per check; in
Danish or English (``language``), labels from the ``evaluation`` section of the catalogues."""

from __future__ import annotations

from klu_rules.checks.compliance import YearReview
from klu_rules.core.language import Language, check_language, format_date
from klu_rules.core.messages import message
from klu_rules.model.evaluation import EvaluationReport, MeetingCount, RegionOverview

__all__ = [
    "overview_to_markdown",
    "overview_to_text",
    "report_to_markdown",
    "report_to_text",
    "review_to_text",
]


def _word(key: str, language: Language, **parameters: object) -> str:
    return message(f"evaluation.{key}", language, **parameters)


def _held(report: EvaluationReport) -> str:
    return "–" if report.held is None else str(report.held)


def _md_cell(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_md_inline(line) for line in lines)


def _md_inline(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _md_paragraphs(text: str, language: Language) -> str:
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return (
        "\n\n".join(_md_inline(line) for line in lines)
        if lines
        else f"*{_word('not_stated', language)}*"
    )


def _count_summary(count: MeetingCount | None, language: Language) -> str:
    if count is None:
        return _word("not_stated", language)
    numbers = [
        f"{_word(key, language).lower()} {value}"
        for key in ("held", "planned", "cancelled")
        if (value := getattr(count, key)) is not None
    ]
    if count.from_numbers_only:
        return ", ".join(numbers)
    return count.text + (f" ({', '.join(numbers)})" if numbers else "")


def report_to_markdown(report: EvaluationReport, language: Language = "en") -> str:
    """One report as Markdown, its sections in the order of Region Syddanmark's overview."""
    language = check_language(language)
    title = _word("report_title", language, municipality=report.municipality, year=report.year)
    topics = "\n".join(f"- {_md_inline(t)}" for t in report.topics) or (
        f"*{_word('not_stated', language)}*"
    )
    count = _md_inline(_count_summary(report.meeting_count, language))
    follow_up = _md_paragraphs(report.local_agreements_follow_up, language)
    assessment = _md_paragraphs(report.general_assessment, language)
    sent = f"{_md_inline(report.sent_to)} ({_sent(report, language)})"
    parts = [
        f"# {_md_inline(title)}",
        f"## {_word('meeting_count', language)}\n\n{count}",
        f"## {_word('topics', language)}\n\n{topics}",
        f"## {_word('local_agreements_follow_up', language)}\n\n{follow_up}",
        f"## {_word('general_assessment', language)}\n\n{assessment}",
        f"{_word('sent_to', language)}: {sent}  \n"
        f"{_word('sources', language)}: {', '.join(report.sources)}",
    ]
    return "\n\n".join(parts) + "\n"


def _totals_rows(overview: RegionOverview, language: Language) -> list[tuple[str, int]]:
    totals = overview.totals
    return [
        (_word("municipalities", language), totals.municipalities),
        (_word("reporting", language), totals.reporting),
        (_word("count", language), totals.with_count),
        (_word("report_without_count", language), totals.without_count),
        (_word("no_report", language), totals.no_report),
        (_word("total_held", language), totals.held),
    ]


def _title(overview: RegionOverview, language: Language) -> str:
    return _word("overview_title", language, year=overview.year, region=overview.region)


def overview_to_markdown(overview: RegionOverview, language: Language = "en") -> str:
    """An overview as a Markdown table in the columns of Region Syddanmark's, with totals.

    The count column shows the report's text; the next shows the meetings held
    as read from it; the last shows the entry's state.
    """
    language = check_language(language)
    columns = (
        "municipality",
        "meeting_count",
        "held",
        "topics",
        "local_agreements_follow_up",
        "general_assessment",
        "state",
    )
    lines = [
        f"# {_md_inline(_title(overview, language))}",
        "",
        "| " + " | ".join(_word(c, language) for c in columns) + " |",
        "|" + "|".join("--:" if c == "held" else "---" for c in columns) + "|",
    ]
    for entry in overview.entries:
        report = entry.report
        cells = dict.fromkeys(columns, "")
        cells["municipality"] = _md_inline(entry.municipality)
        cells["state"] = _word(entry.state, language)
        if report is not None:
            count = report.meeting_count
            cells.update(
                meeting_count="" if count is None else _md_cell(count.text),
                held=_held(report),
                topics=_md_cell("\n".join(report.topics)),
                local_agreements_follow_up=_md_cell(report.local_agreements_follow_up),
                general_assessment=_md_cell(report.general_assessment),
            )
        lines.append("| " + " | ".join(cells[c] for c in columns) + " |")
    lines += ["", "| | |", "|---|--:|"]
    lines += [f"| {label} | {value} |" for label, value in _totals_rows(overview, language)]
    lines += ["", f"{_word('sources', language)}: {', '.join(overview.sources) or '–'}"]
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def overview_to_text(
    overview: RegionOverview, *, width: int = 60, language: Language = "en"
) -> str:
    """An overview as a plain-text table: municipality, meetings held, state, count text.

    The count text is cut to ``width`` characters.
    """
    language = check_language(language)
    rows = [
        (
            entry.municipality,
            "" if entry.report is None else _held(entry.report),
            _word(entry.state, language),
            ""
            if entry.report is None or entry.report.meeting_count is None
            else _shorten(entry.report.meeting_count.text, width),
        )
        for entry in overview.entries
    ]
    header = (
        _word("municipality", language),
        _word("held", language),
        _word("state", language),
        _word("meeting_count", language),
    )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]

    def line(row: tuple[str, str, str, str]) -> str:
        return (
            f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}"
        ).rstrip()

    out = [_title(overview, language), "", line(header), *(line(r) for r in rows), ""]
    out += [f"{label}: {value}" for label, value in _totals_rows(overview, language)]
    out.append(f"{_word('sources', language)}: {', '.join(overview.sources) or '–'}")
    return "\n".join(out) + "\n"


def _lines(text: str, language: Language, indent: str = "  ") -> list[str]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return [indent + line for line in lines] or [indent + _word("not_stated", language)]


def _sent(report: EvaluationReport, language: Language) -> str:
    if report.sent_on is None:
        return _word("not_sent", language)
    return f"{_word('sent_on', language).lower()} {format_date(report.sent_on, language)}"


def report_to_text(report: EvaluationReport, language: Language = "en") -> str:
    """One report as plain text, its sections in the order of Region Syddanmark's overview."""
    language = check_language(language)
    lines = [
        _word("report_title", language, municipality=report.municipality, year=report.year),
        "",
        f"{_word('meeting_count', language)}: {_count_summary(report.meeting_count, language)}",
        "",
        f"{_word('topics', language)}:",
        *([f"  - {t}" for t in report.topics] or [f"  {_word('not_stated', language)}"]),
        "",
        f"{_word('local_agreements_follow_up', language)}:",
        *_lines(report.local_agreements_follow_up, language),
        "",
        f"{_word('general_assessment', language)}:",
        *_lines(report.general_assessment, language),
        "",
        f"{_word('sent_to', language)}: {report.sent_to} ({_sent(report, language)})",
        f"{_word('sources', language)}: {', '.join(report.sources)}",
    ]
    return "\n".join(lines) + "\n"


def review_to_text(review: YearReview | None, language: Language = "en") -> str:
    """The review: each check's question and outcome, its explanation, then the findings.

    ``None`` (no rules in force in the year) says the year was not judged.
    """
    language = check_language(language)
    if review is None:
        return message("review_report.no_rules", language) + "\n"
    if review.as_of is None:
        title = message("review_report.title_without_date", language, year=review.year)
    else:
        title = message("review_report.title", language, year=review.year, day=review.as_of)
    lines = [f"{title}:"]
    lines += [
        "  - "
        + message(
            "review_report.check",
            language,
            question=message(f"year_check.{c.key}", language),
            outcome=message(f"check_outcome.{c.outcome}", language),
            reason=c.explain(language),
        )
        for c in review.checks
    ]
    if review.findings:
        lines += ["", message("review_report.findings", language) + ":"]
        lines += [
            f"  - [{message(f'severity.{f.severity}', language)}] {f.code}: {f.text(language)}"
            for f in review.findings
        ]
    return "\n".join(lines) + "\n"
