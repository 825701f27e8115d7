"""An agenda as a document (*dagsorden*) in Danish or English: Markdown and HTML.

The document has the shape of KLU Aalborg's December 2021 minutes (``AAL-MIN-2021-12``):
items numbered 1, 2. a.–e., 3. a.–b., 4, each with its *Sagsbeskrivelse*, expected duration
and, when given, what / how / why it asks, its proposer and topics; an item with a
recommendation (*indstilling*, ``DKS-RM-2021-02``) shows it before the case description.
Both formats render one outline, and text from the agenda is escaped so that ``<script>`` or
``*vigtigt*`` shows as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Literal

import attrs

from klu_rules.checks.agenda import agenda_groups, expected_minutes
from klu_rules.core.errors import InvalidValueError
from klu_rules.core.language import Language, check_language
from klu_rules.core.messages import coded, message
from klu_rules.core.record import Record
from klu_rules.core.timeutil import DEFAULT_TIMEZONE, get_zone
from klu_rules.model.agenda import Agenda, AgendaItem
from klu_rules.model.committee import Committee
from klu_rules.model.meeting import Meeting
from klu_rules.rules.ruleset import RulesInForce
from klu_rules.text._forms import meeting_time

__all__ = [
    "AGENDA_FORMATS",
    "AgendaFormat",
    "agenda_to_html",
    "agenda_to_markdown",
    "escape_markdown",
    "render_agenda",
]

AgendaFormat = Literal["markdown", "html"]
AGENDA_FORMATS: tuple[AgendaFormat, ...] = ("markdown", "html")

BlockKind = Literal["h1", "h2", "h3", "lines", "field"]


@attrs.frozen(slots=True, repr=False)
class _Block(Record):
    """One block of the outline; ``label`` is a field's label or a heading's item number."""

    kind: BlockKind
    text: str
    label: str = ""


def _number_da(item: AgendaItem) -> str:
    main, sub = item.sort_key
    return f"{main}. {sub}." if sub else f"{main}."


def _word(key: str, language: Language, **parameters: object) -> str:
    return message(f"agenda_document.{key}", language, **parameters)


def _minutes(language: Language, minutes: int | None, complete: bool = True) -> str:
    if not minutes:
        return _word("not_stated", language)
    return _word("minutes" if complete else "at_least", language, minutes=minutes)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _outline(
    agenda: Agenda,
    meeting: Meeting | None,
    committee: Committee | None,
    rules: RulesInForce | None,
    language: Language,
) -> list[_Block]:
    blocks = [_Block("h1", _word("title", language))]
    head: list[str] = []
    if committee is not None:
        head.append(_word("meeting", language, committee=committee.name))
    if meeting is not None:
        if meeting.title:
            head.append(_one_line(meeting.title))
        zone = get_zone(committee.timezone if committee is not None else DEFAULT_TIMEZONE)
        start = meeting.start.astimezone(zone)
        end = None if meeting.end is None else meeting.end.astimezone(zone)
        head.append(_word("time", language, when=meeting_time(start, end, language)))
        if meeting.location:
            head.append(_word("location", language, location=_one_line(meeting.location)))
    if head:
        blocks.append(_Block("lines", "\n".join(head)))
    names: Mapping[str, str] = (
        {}
        if rules is None
        else {t.key: t.name_da if language == "da" else t.name_en for t in rules.topics}
    )
    for group in agenda_groups(agenda):
        for item in group.items:
            level: BlockKind = (
                "h3" if group.heading is not None and item is not group.heading else "h2"
            )
            blocks.append(_Block(level, _one_line(item.title), _number_da(item)))
            if item is not group.heading or not group.sub_items or item.duration_minutes:
                duration = _minutes(language, item.duration_minutes)
                blocks.append(_Block("field", duration, _word("duration", language)))
            if item.recommendation:  # the indstilling comes first, as in the DKS minutes
                label = message("seeds_agenda.recommendation", language)
                blocks.append(_Block("field", "\n".join(item.recommendation), label))
            for key, value in (
                ("case_description", item.case_description),
                ("what", item.what),
                ("how", item.how),
                ("why", item.why),
                ("proposer", item.proposer),
            ):
                if value is not None and value.strip():
                    blocks.append(_Block("field", value.strip(), _word(key, language)))
            if item.topics:
                shown = "; ".join(names.get(t, t) for t in item.topics)
                blocks.append(_Block("field", shown, _word("topics", language)))
    total = _minutes(language, *expected_minutes(agenda))
    blocks.append(_Block("field", total, _word("total", language)))
    if agenda.not_relevant:
        shown = "; ".join(names.get(t, t) for t in agenda.not_relevant)
        blocks.append(_Block("field", shown, _word("not_relevant", language)))
    return blocks


def _rules_for(meeting: Meeting | None, committee: Committee | None) -> RulesInForce | None:
    if committee is None or meeting is None:
        return None
    return committee.rule_set.in_force(meeting.local_date(committee.timezone))


_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~#])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^([+\-=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """``text`` with the characters that would start Markdown markup backslash-escaped.

    A carriage return ends a line as a line feed does (CommonMark reads both
    as line endings); every line is stripped of leading spaces (which would
    make a code block), every ``#`` is escaped (a heading, or the closing
    ``##`` that would cut a title short), and a line that would start a list
    or rule is escaped.
    """
    out = []
    for line in _lines(text).split("\n"):
        line = _MD_ANYWHERE.sub(r"\\\1", line.strip())
        line = _MD_ENTITY.sub(r"\\&", line)
        line = _MD_LINE_START.sub(r"\\\1", line)
        line = _MD_ORDERED.sub(r"\1\\\2", line)
        out.append(line)
    return "\n".join(out)


def _lines(text: str) -> str:
    """``text`` with every line ending (CR LF, a lone CR) written as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _md_paragraphs(text: str) -> list[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n", _lines(text)) if p.strip()]
    # A hard line break inside a paragraph: two trailing spaces.
    return ["  \n".join(escape_markdown(p.strip()).split("\n")) for p in paragraphs]


def agenda_to_markdown(
    agenda: Agenda,
    *,
    meeting: Meeting | None = None,
    committee: Committee | None = None,
    rules: RulesInForce | None = None,
    language: Language = "en",
) -> str:
    """The agenda as a Markdown document in ``language``.

    ``meeting`` adds its date, time and place; ``committee`` its name (and time
    zone); ``rules`` (default: the committee's rules on the meeting date)
    gives topic names.
    """
    language = check_language(language)
    rules = rules if rules is not None else _rules_for(meeting, committee)
    lines: list[str] = []
    for block in _outline(agenda, meeting, committee, rules, language):
        if block.kind == "h1":
            lines += [f"# {escape_markdown(block.text)}", ""]
        elif block.kind in ("h2", "h3"):
            marks = "##" if block.kind == "h2" else "###"
            # the label is the item's number as _number_da writes it: digits, a letter, dots
            lines += [f"{marks} {block.label} {escape_markdown(_one_line(block.text))}", ""]
        elif block.kind == "lines":
            lines += ["  \n".join(escape_markdown(x) for x in block.text.split("\n")), ""]
        else:
            paragraphs = _md_paragraphs(block.text)
            label = f"**{escape_markdown(block.label)}:**"
            if len(paragraphs) == 1 and "\n" not in _lines(block.text):
                lines += [f"{label} {paragraphs[0]}", ""]
            else:
                lines += [label, ""]
                for paragraph in paragraphs:
                    lines += [paragraph, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _html_paragraphs(text: str) -> list[str]:
    paragraphs = [p for p in re.split(r"\n\s*\n", _lines(text)) if p.strip()]
    return [
        "<br>\n".join(html.escape(line.strip(), quote=True) for line in p.strip().split("\n"))
        for p in paragraphs
    ]


def agenda_to_html(
    agenda: Agenda,
    *,
    meeting: Meeting | None = None,
    committee: Committee | None = None,
    rules: RulesInForce | None = None,
    fragment: bool = False,
    language: Language = "en",
) -> str:
    """The agenda as an HTML document in ``language`` (``fragment=True``: the ``<article>`` only).

    Every text from the agenda is HTML-escaped. Arguments as for
    :func:`agenda_to_markdown`.
    """
    language = check_language(language)
    rules = rules if rules is not None else _rules_for(meeting, committee)
    body: list[str] = [f'<article class="klu-agenda" lang="{language}">']
    title = _word("title", language)
    for block in _outline(agenda, meeting, committee, rules, language):
        if block.kind in ("h1", "h2", "h3"):
            text = f"{block.label} {block.text}" if block.label else block.text
            body.append(f"<{block.kind}>{html.escape(text, quote=True)}</{block.kind}>")
        elif block.kind == "lines":
            body.append("<p>" + _html_paragraphs(block.text)[0] + "</p>")
            title += " – " + html.escape(block.text.replace("\n", " – "), quote=True)
        else:
            label = f"<strong>{html.escape(block.label, quote=True)}:</strong>"
            paragraphs = _html_paragraphs(block.text)
            if len(paragraphs) == 1 and "\n" not in _lines(block.text):
                body.append(f"<p>{label} {paragraphs[0]}</p>")
            else:
                body.append(f"<p>{label}</p>")
                body += [f"<p>{p}</p>" for p in paragraphs]
    body.append("</article>")
    if fragment:
        return "\n".join(body) + "\n"
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def render_agenda(
    agenda: Agenda,
    fmt: AgendaFormat,
    *,
    meeting: Meeting | None = None,
    committee: Committee | None = None,
    rules: RulesInForce | None = None,
    language: Language = "en",
) -> str:
    """The agenda in ``fmt`` (``"markdown"`` or ``"html"``) and ``language``."""
    if fmt == "markdown":
        return agenda_to_markdown(
            agenda, meeting=meeting, committee=committee, rules=rules, language=language
        )
    if fmt == "html":
        return agenda_to_html(
            agenda, meeting=meeting, committee=committee, rules=rules, language=language
        )
    raise coded(
        InvalidValueError,
        "agenda_text.format",
        {"got": repr(fmt)[:60]},
    )
