"""The annual evaluation (a report, a region's overview) as Danish text and Markdown, and the
year review (:class:`~klu_rules.checks.compliance.YearReview`) as text, one line per check."""

from __future__ import annotations

from klu_rules.checks.compliance import CHECK_TITLES, YearReview
from klu_rules.core.labels import CHECK_OUTCOME_DA, EVALUATION_DA, SEVERITY_DA, YEAR_CHECK_DA
from klu_rules.model.evaluation import EvaluationReport, MeetingCount, RegionOverview

__all__ = [
    "overview_to_markdown",
    "overview_to_text",
    "report_to_markdown",
    "report_to_text",
    "review_to_text",
    "review_to_text_da",
]


_L = EVALUATION_DA


def _held(report: EvaluationReport) -> str:
    return "–" if report.held is None else str(report.held)


def _md_cell(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_md_inline(line) for line in lines)


def _md_inline(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _md_paragraphs(text: str) -> str:
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return "\n\n".join(_md_inline(line) for line in lines) if lines else f"*{_L['not_stated']}*"


def _count_summary(count: MeetingCount | None) -> str:
    if count is None:
        return _L["not_stated"]
    numbers = [
        f"{_L[key].lower()} {value}"
        for key in ("held", "planned", "cancelled")
        if (value := getattr(count, key)) is not None
    ]
    return count.text + (f" ({', '.join(numbers)})" if numbers else "")


def report_to_markdown(report: EvaluationReport) -> str:
    """One report as Markdown, its sections in the order of Region Syddanmark's overview."""
    title = _L["report_title"].format(municipality=report.municipality, year=report.year)
    topics = "\n".join(f"- {_md_inline(t)}" for t in report.topics) or (f"*{_L['not_stated']}*")
    parts = [
        f"# {_md_inline(title)}",
        f"## {_L['meeting_count']}\n\n{_md_inline(_count_summary(report.meeting_count))}",
        f"## {_L['topics']}\n\n{topics}",
        f"## {_L['local_agreements_follow_up']}\n\n"
        f"{_md_paragraphs(report.local_agreements_follow_up)}",
        f"## {_L['general_assessment']}\n\n{_md_paragraphs(report.general_assessment)}",
        f"{_L['sent_to']}: {_md_inline(report.sent_to)} ({_sent(report)})  \n"
        f"{_L['sources']}: {', '.join(report.sources)}",
    ]
    return "\n\n".join(parts) + "\n"


def _totals_rows(overview: RegionOverview) -> list[tuple[str, int]]:
    totals = overview.totals
    return [
        (_L["municipalities"], totals.municipalities),
        (_L["reporting"], totals.reporting),
        (_L["count"], totals.with_count),
        (_L["report_without_count"], totals.without_count),
        (_L["no_report"], totals.no_report),
        (_L["total_held"], totals.held),
    ]


def _title(overview: RegionOverview) -> str:
    return _L["overview_title"].format(year=overview.year, region=overview.region)


def overview_to_markdown(overview: RegionOverview) -> str:
    """An overview as a Markdown table in the columns of Region Syddanmark's, with totals.

    The count column shows the report's text; the next shows the meetings held
    as read from it; the last shows the entry's state.
    """
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
        f"# {_md_inline(_title(overview))}",
        "",
        "| " + " | ".join(_L[c] for c in columns) + " |",
        "|" + "|".join("--:" if c == "held" else "---" for c in columns) + "|",
    ]
    for entry in overview.entries:
        report = entry.report
        cells = dict.fromkeys(columns, "")
        cells["municipality"] = _md_inline(entry.municipality)
        cells["state"] = _L[entry.state]
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
    lines += [f"| {label} | {value} |" for label, value in _totals_rows(overview)]
    lines += ["", f"{_L['sources']}: {', '.join(overview.sources) or '–'}"]
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def overview_to_text(overview: RegionOverview, *, width: int = 60) -> str:
    """An overview as a plain-text table: municipality, meetings held, state, count text.

    The count text is cut to ``width`` characters.
    """
    rows = [
        (
            entry.municipality,
            "" if entry.report is None else _held(entry.report),
            _L[entry.state],
            ""
            if entry.report is None or entry.report.meeting_count is None
            else _shorten(entry.report.meeting_count.text, width),
        )
        for entry in overview.entries
    ]
    header = (_L["municipality"], _L["held"], _L["state"], _L["meeting_count"])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]

    def line(row: tuple[str, str, str, str]) -> str:
        return (
            f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}"
        ).rstrip()

    out = [_title(overview), "", line(header), *(line(r) for r in rows), ""]
    out += [f"{label}: {value}" for label, value in _totals_rows(overview)]
    out.append(f"{_L['sources']}: {', '.join(overview.sources) or '–'}")
    return "\n".join(out) + "\n"


def _lines(text: str, indent: str = "  ") -> list[str]:
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return [indent + line for line in lines] or [indent + _L["not_stated"]]


def _sent(report: EvaluationReport) -> str:
    if report.sent_on is None:
        return _L["not_sent"]
    return f"{_L['sent_on'].lower()} {report.sent_on.isoformat()}"


def report_to_text(report: EvaluationReport) -> str:
    """One report as plain text, its sections in the order of Region Syddanmark's overview."""
    lines = [
        _L["report_title"].format(municipality=report.municipality, year=report.year),
        "",
        f"{_L['meeting_count']}: {_count_summary(report.meeting_count)}",
        "",
        f"{_L['topics']}:",
        *([f"  - {t}" for t in report.topics] or [f"  {_L['not_stated']}"]),
        "",
        f"{_L['local_agreements_follow_up']}:",
        *_lines(report.local_agreements_follow_up),
        "",
        f"{_L['general_assessment']}:",
        *_lines(report.general_assessment),
        "",
        f"{_L['sent_to']}: {report.sent_to} ({_sent(report)})",
        f"{_L['sources']}: {', '.join(report.sources)}",
    ]
    return "\n".join(lines) + "\n"


def review_to_text(review: YearReview) -> str:
    """One line per check (question, outcome, reason and any sources it does not cite)."""
    when = f"as of {review.as_of.isoformat()}" if review.as_of else "without an as-of date"
    lines = [f"{review.committee_id} {review.year} ({when}):"]
    for check in review.checks:
        uncited = [s for s in check.sources if s not in check.reason]
        cited = f" Sources: {', '.join(check.sources)}." if uncited else ""
        title = CHECK_TITLES[check.key]
        lines.append(f"- {check.key} ({title}): {check.outcome}. {check.reason}{cited}")
    lines += [
        f"- {f.message}" for f in review.findings if f.code == "year.not-judged-without-as-of"
    ]
    return "\n".join(lines) + "\n"


def review_to_text_da(review: YearReview | None) -> str:
    """The review with Danish labels: each check's question and outcome, its reason, the findings.

    ``None`` (no rules in force in the year) says the year was not judged.
    """
    if review is None:
        return "Ingen regler i kraft i året; årets forløb er ikke vurderet.\n"
    when = f"pr. {review.as_of.isoformat()}" if review.as_of else "uden dato"
    lines = [f"Årets forløb {review.year} ({when}):"]
    lines += [
        f"  - {YEAR_CHECK_DA[c.key]}: {CHECK_OUTCOME_DA[c.outcome]}. {c.reason}"
        for c in review.checks
    ]
    if review.findings:
        lines += ["", "Bemærkninger:"]
        lines += [f"  - [{SEVERITY_DA[f.severity]}] {f.code}: {f.message}" for f in review.findings]
    return "\n".join(lines) + "\n"
